import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GoInt, formatFloat, type GoMap, type Value } from "../../template/value";
import { runHelm, writeTree } from "../../../test/real-helm";
import { parseSet } from "../strvals/index";
import { parseValuesYaml } from "../yaml/index";
import { SchemaError, formatSchemaFailure, validateChartTree, validateValues, type SchemaChart } from "./index";
import { formatFloatLocalized } from "./format-number";
import { parseSchemaJson, type Json } from "./parse-schema-json";
import { Resolver, draftOf } from "./resolver";
import { SchemaValidator } from "./validator";
import { cmpRat, isIntRat, parseRat, quoIsInt } from "./rat";
import { canonical } from "./canonical.test-util";

const CHART_YAML = "apiVersion: v2\nname: sx\nversion: 0.1.0\n";

interface Case {
  name: string;
  schema: string;
  values: string;
  set?: string;
}

/** Helm's schema lines for a chart with `schema` and `values` (empty when Helm renders fine). */
function helmLines(c: Case): string[] {
  const dir = writeTree({ "Chart.yaml": CHART_YAML, "templates/t.yaml": "# t\n", "values.schema.json": c.schema, "values.yaml": c.values });
  const r = runHelm(["template", "r", ".", ...(c.set ? ["--set", c.set] : [])], dir);
  if (r.code === 0) return [];
  const lines = r.stderr.split("\n");
  expect(lines.slice(0, 2)).toEqual(["Error: values don't meet the specifications of the schema(s) in the following chart(s):", "sx:"]);
  return lines.slice(2).filter((l) => l !== "");
}

function ourLines(c: Case): string[] {
  const values: GoMap = parseValuesYaml(c.values);
  if (c.set) parseSet(c.set, values);
  return validateValues(c.schema, values);
}

const obj = (props: Record<string, unknown>, extra: Record<string, unknown> = {}): string => JSON.stringify({ type: "object", properties: props, ...extra });

const CASES: Case[] = [
  { name: "type from --set", schema: obj({ port: { type: "integer" } }), values: "", set: "port=abc" },
  { name: "--set 1.5 is a string", schema: obj({ port: { type: "integer" } }), values: "", set: "port=1.5" },
  { name: "int64 from --set is an integer", schema: obj({ port: { type: "integer", maximum: 10 } }), values: "", set: "port=12345678" },
  { name: "float 3.0 is an integer, 3.5 is not", schema: obj({ a: { type: "integer" }, b: { type: "integer" } }), values: "a: 3.0\nb: 3.5\n" },
  { name: "type lists", schema: obj({ t: { type: ["integer", "null", "object"] } }), values: "t: x\n" },
  { name: "null", schema: obj({ s: { type: "string" } }), values: "s: null\n" },
  { name: "required one", schema: JSON.stringify({ required: ["name"] }), values: "x: 1\n" },
  { name: "required many", schema: JSON.stringify({ required: ["image", "port", "x"] }), values: "x: 1\n" },
  {
    name: "additional properties",
    schema: obj({ image: { type: "object", properties: { tag: { type: "string" } }, additionalProperties: false } }),
    values: "image:\n  tag: x\n  extra: 1\n  more: 2\n",
  },
  { name: "minimum", schema: obj({ port: { minimum: 1 } }), values: "port: 0\n" },
  { name: "pattern", schema: obj({ name: { pattern: "^[a-z]+$" } }), values: "name: X1\n" },
  { name: "string group", schema: obj({ name: { type: "string", minLength: 5, pattern: "^[a-z]+$" } }), values: "name: X1\n" },
  { name: "localized numbers", schema: obj({ a: { minimum: 1000000.5, maximum: 2 }, b: { maximum: 1 }, c: { minimum: 1 }, d: { maximum: 0 } }), values: "a: 12345.5\nb: 1234567\nc: 0.00001\nd: 999999\n" },
  { name: "exclusive bounds and multipleOf", schema: obj({ a: { exclusiveMinimum: 0 }, b: { exclusiveMaximum: 3 }, c: { multipleOf: 0.25 } }), values: "a: 0\nb: 3\nc: 0.3\n" },
  { name: "draft-04 boolean exclusiveMinimum", schema: JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", properties: { a: { minimum: 5, exclusiveMinimum: true } } }), values: "a: 5\n" },
  { name: "enum and const", schema: obj({ e: { enum: ["a", "b", 1, null] }, c: { const: "x" }, o: { enum: [{ x: 1 }, "s"] }, k: { const: { x: 1 } }, n: { const: 1.5 }, d: { enum: [1.0, "q"] }, one: { enum: ["only"] } }), values: "e: c\nc: y\no: 1\nk: 2\nn: 3\nd: 4\none: two\n" },
  { name: "enum matches numbers by value", schema: obj({ a: { enum: [1, 2.5] }, b: { const: 2 } }), values: "a: 1.0\nb: 2\n" },
  { name: "arrays", schema: obj({ arr: { type: "array", minItems: 3, maxItems: 1, uniqueItems: true, items: { type: "string" } } }), values: "arr: [a, 1, a]\n" },
  { name: "unique objects", schema: obj({ arr: { uniqueItems: true } }), values: "arr: [{a: 1}, {b: 2}, {a: 1.0}]\n" },
  { name: "prefixItems relative indices", schema: obj({ a: { prefixItems: [{ type: "string" }], items: false } }), values: "a: [x, 1, 2]\n" },
  { name: "draft-07 items array", schema: JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", properties: { a: { items: [{ type: "string" }], additionalItems: false }, b: { items: [{}], additionalItems: { type: "string" } } } }), values: "a: [x, 1, 2]\nb: [1, 2, x, 3]\n" },
  { name: "contains", schema: obj({ a: { contains: { type: "string" } }, b: { contains: { type: "string" }, minContains: 2 }, c: { contains: { type: "string" }, maxContains: 1 } }), values: "a: [1, 2]\nb: [x, 1]\nc: [x, y, 1]\n" },
  { name: "anyOf", schema: obj({ a: { anyOf: [{ type: "string" }, { type: "integer", minimum: 10 }] } }), values: "a: 3\n" },
  { name: "oneOf none", schema: obj({ a: { oneOf: [{ type: "string" }, { type: "boolean" }] } }), values: "a: 1\n" },
  { name: "oneOf two", schema: obj({ a: { oneOf: [{ type: "integer" }, { type: "number" }] } }), values: "a: 3\n" },
  { name: "allOf", schema: obj({ a: { allOf: [{ type: "string" }, { maxLength: 1 }, { pattern: "^z" }] } }), values: "a: ab\n" },
  { name: "not", schema: obj({ a: { not: { type: "string" } } }), values: "a: s\n" },
  { name: "if then else", schema: obj({ a: { if: { type: "string" }, then: { minLength: 3 }, else: { type: "boolean" } }, b: { if: { type: "string" }, then: { minLength: 3 } } }), values: "a: 1\nb: x\n" },
  { name: "false schema", schema: obj({ a: false }), values: "a: 1\n" },
  { name: "$ref single and many", schema: JSON.stringify({ properties: { r: { $ref: "#/$defs/d" }, s: { $ref: "#/$defs/d", maxLength: 1 }, p: { $ref: "#/$defs/pos" } }, $defs: { d: { type: "string", minLength: 3, pattern: "^a" }, pos: { type: "integer", exclusiveMinimum: 0 } } }), values: "r: bc\ns: bc\np: 0\n" },
  { name: "draft-07 $ref ignores siblings", schema: JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", definitions: { d: { type: "string" } }, properties: { s: { $ref: "#/definitions/d", maxLength: 1 } } }), values: "s: abc\n" },
  { name: "$ref to $id and $anchor", schema: JSON.stringify({ properties: { a: { $ref: "other.json" }, b: { $ref: "#pos" } }, $defs: { o: { $id: "other.json", type: "string" }, p: { $anchor: "pos", minimum: 1 } } }), values: "a: 1\nb: 0\n" },
  { name: "nested objects", schema: obj({ o: { properties: { p: { properties: { q: { type: "string" } } } } } }), values: "o:\n  p:\n    q: 1\n" },
  { name: "dependencies and dependentRequired", schema: JSON.stringify({ dependentRequired: { a: ["b", "c"] }, dependentSchemas: { d: { required: ["e"] } } }), values: "a: 1\nd: 1\n" },
  { name: "draft-07 dependencies", schema: JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", dependencies: { a: ["b", "c"], x: { required: ["y"] } } }), values: "a: 1\nx: 2\n" },
  { name: "propertyNames", schema: JSON.stringify({ properties: { o: { propertyNames: { maxLength: 2, pattern: "^a" } } } }), values: "o:\n  abc: 1\n  ab: 2\n  b: 3\n" },
  { name: "min/max properties", schema: obj({ o: { minProperties: 3, maxProperties: 0 } }), values: "o: {a: 1}\n" },
  { name: "patternProperties", schema: obj({ o: { patternProperties: { "^x": { type: "string" }, "[0-9]$": { type: "integer" } }, additionalProperties: { type: "boolean" } } }), values: "o:\n  x1: 1\n  y: 2\n  x: s\n" },
  { name: "unevaluatedProperties", schema: obj({ u: { properties: { x: {} }, allOf: [{ properties: { w: {} } }], unevaluatedProperties: false } }), values: "u: {x: 1, w: 0, a: 2, b: 3}\n" },
  { name: "RE2 patterns and quoting", schema: obj({ s: { pattern: "\\d+x" }, t: { maxLength: 2 }, u: { pattern: "^\\p{Greek}+$" } }), values: "s: \"it's\"\nt: ééé\nu: \"a\\tb\"\n" },
  { name: "escaped pointers", schema: obj({ "a/b": { type: "string" }, "c~d": { type: "string" } }), values: "a/b: 1\nc~d: 2\n" },
  {
    name: "draft-07 formats",
    schema: JSON.stringify({
      $schema: "http://json-schema.org/draft-07/schema#",
      properties: Object.fromEntries(
        [
          ["e1", "email"], ["e2", "email"], ["e3", "email"], ["e4", "email"], ["e5", "email"],
          ["i1", "ipv4"], ["i2", "ipv4"], ["i3", "ipv4"], ["i4", "ipv4"],
          ["h1", "hostname"], ["h2", "hostname"], ["h3", "hostname"],
          ["u1", "uuid"], ["u2", "uuid"], ["u3", "uuid"],
          ["d1", "duration"], ["d2", "duration"], ["d3", "duration"], ["d4", "duration"],
          ["r1", "regex"], ["ok", "email"], ["num", "ipv4"],
          ["da1", "date"], ["da2", "date"], ["da3", "date"], ["da4", "date"], ["da5", "date"], ["da6", "date"], ["da7", "date"],
          ["t1", "time"], ["t2", "time"], ["t3", "time"], ["t4", "time"], ["t5", "time"], ["t6", "time"],
          ["dt1", "date-time"], ["dt2", "date-time"], ["dt3", "date-time"], ["dt4", "date-time"],
          ["ur1", "uri"], ["ur2", "uri"],
        ].map(([k, f]) => [k, { format: f }]),
      ),
    }),
    values: [
      "e1: nope", "e2: .a@b.c", "e3: a..b@c.d", "e4: a@-b.c", "e5: 'a b@c.d'",
      "i1: 1.2.3", "i2: 01.2.3.4", "i3: 1.2.3.300", "i4: 1.x.3.4",
      "h1: a_b.c", "h2: -a.b", "h3: a..b",
      "u1: 1234", "u2: 12345678-1234-1234-1234-12345678901", "u3: 12345678-1234-1234-1234-12345678901g",
      "d1: 1D", "d2: P", "d3: P1D2Y", "d4: PT1X",
      "r1: '(?<=a)'", "ok: a@b.io", "num: 5",
      "da1: '2024-13-01'", "da2: '2024-02-30'", "da3: '2024-1-01'", "da4: '2024-01-011'", "da5: 'x'", "da6: '20x4-01-01'", "da7: '2024/01/01'",
      "t1: '12:00'", "t2: '25:00:00Z'", "t3: '12:00:00'", "t4: '12:00:00.Z'", "t5: '12:00:60Z'", "t6: '12:00:00+1:00'",
      "dt1: '2024-01-01'", "dt2: '2024-01-01 12:00:00Z'", "dt3: '2024-02-30T12:00:00Z'", "dt4: '2024-01-01T12:00:00X0'",
      "ur1: '/relative/path'", "ur2: 'http://ok.example/x'",
    ].join("\n"),
  },
  { name: "formats are annotations in 2020-12", schema: obj({ e: { format: "email" } }), values: "e: nope\n" },
  { name: "valid values", schema: obj({ a: { type: "integer", minimum: 0 } }, { required: ["a"] }), values: "a: 1\n" },
  {
    name: "many kinds at once",
    schema: JSON.stringify({
      type: "object",
      required: ["zz", "name"],
      properties: {
        name: { type: "string", minLength: 5, pattern: "^[a-z]+$" },
        e: { enum: ["a", "b"] },
        arr: { type: "array", minItems: 3, uniqueItems: true },
        obj: { type: "object", additionalProperties: false, properties: { a: {} }, minProperties: 5 },
        any: { anyOf: [{ type: "string" }, { type: "integer", minimum: 10 }] },
      },
    }),
    values: "name: X1\ne: c\narr: [a, a]\nobj: {a: 1, b: 2, c: 3}\nany: 3\n",
  },
  {
    name: "number keywords at float64 and int64 edges",
    schema: obj({
      a: { maximum: 9007199254740991 }, b: { minimum: 3 }, c: { multipleOf: 3 }, d: { enum: [1, 2.5] }, e: { exclusiveMaximum: 10 },
      f: { multipleOf: 7, maximum: 9007199254740992 }, g: { minimum: -11, multipleOf: 4 }, h: { const: 0.1 }, i: { maximum: 1e2 },
    }),
    values: "a: 9007199254740993\nb: 2.9999999999999999\nc: 1e21\nd: 2.5\ne: 9.999999999999999\nh: 0.1\ni: 100.00000000000001\n",
    set: "f=9007199254740993,g=-12",
  },
];

describe("validateValues against helm v4.1.4", () => {
  it.each(CASES)("$name", (c) => {
    const helm = helmLines(c);
    const ours = ourLines(c);
    expect(canonical(ours)).toBe(canonical(helm));
    // With a single failing property nothing depends on map order: the lines must match exactly.
    const topLevel = helm.filter((l) => l.startsWith("- "));
    if (topLevel.length === 1 && !helm.some((l) => l.includes("additional properties"))) expect(ours).toEqual(helm);
  });
});

describe("number keywords", () => {
  // The validator compares with float64 arithmetic where that is exact; the rationals of the values'
  // %v texts are the oracle (santhosh's big.Rat).
  const bound = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constantFrom("0.1", "2.5", "1e2", "9007199254740991", "9007199254740993", "-0.0", "3"));
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.constantFrom(0.1, 2.5, 100.00000000000001, 9007199254740992, 9007199254740994, 1e21, -0),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b) => new GoInt(b)),
  );
  it("decide as the rationals do", () => {
    fc.assert(
      fc.property(value, bound, (v, b) => {
        const rv = parseRat(v instanceof GoInt ? v.value.toString() : formatFloat(v));
        const rb = parseRat(b);
        if (rv === null || rb === null) return;
        // The metaschema wants multipleOf > 0.
        const z = rb.num > 0n ? `"z":{"multipleOf":${b}},` : "";
        const schema = `{"properties":{"x":{"minimum":${b}},"y":{"maximum":${b}},${z}"w":{"enum":[${b}]},"t":{"type":"integer"}}}`;
        const lines = validateValues(schema, new Map<string, Value>([["x", v], ["y", v], ["z", v], ["w", v], ["t", v]]));
        const failed = (p: string): boolean => lines.some((l) => l.startsWith(`- at '/${p}'`));
        const c = cmpRat(rv, rb);
        expect([failed("x"), failed("y"), failed("w"), failed("t")]).toEqual([c < 0, c > 0, c !== 0, !isIntRat(rv)]);
        if (rb.num > 0n) expect(failed("z")).toBe(!quoIsInt(rv, rb));
      }),
      { numRuns: 2000, seed: 20261125 },
    );
  });
});

describe("validateChartTree and formatSchemaFailure", () => {
  it("reports parent and subchart like Helm", () => {
    const parentSchema = obj({ port: { type: "integer" } }, { required: ["name"] });
    const subSchema = obj({ count: { type: "integer", minimum: 1 } });
    const dir = writeTree({
      "Chart.yaml": "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n",
      "values.yaml": "port: x\nsub:\n  count: zero\n",
      "values.schema.json": parentSchema,
      "templates/t.yaml": "# t\n",
      "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
      "charts/sub/values.schema.json": subSchema,
      "charts/sub/values.yaml": "count: 2\n",
      "charts/sub/templates/t.yaml": "# s\n",
    });
    const r = runHelm(["template", "r", "."], dir);
    const chart: SchemaChart = { name: "parent", schema: parentSchema, dependencies: [{ name: "sub", schema: subSchema, dependencies: [] }] };
    const values = parseValuesYaml("port: x\nsub:\n  count: zero\n");
    const failures = validateChartTree(chart, values);
    expect(`Error: ${formatSchemaFailure(failures)}\n`).toBe(r.stderr);
  });

  it("skips absent subchart values and reports non-map ones", () => {
    const chart: SchemaChart = { name: "p", dependencies: [{ name: "a", schema: "{}", dependencies: [] }, { name: "b", schema: "{}", dependencies: [] }] };
    const values: GoMap = new Map([["b", "str"]]);
    expect(formatSchemaFailure(validateChartTree(chart, values))).toBe(
      "values don't meet the specifications of the schema(s) in the following chart(s):\nb:\ninvalid type for values: expected object (map), got string\n",
    );
  });

  it("matches conformance cases 133-136", async () => {
    const { readFileSync, existsSync } = await import("node:fs");
    const root = "/work/shared/conformance/cases";
    for (const [id, chartName] of [["133-chart-schema-type-error", "demo"], ["134-chart-schema-required-missing", "demo"], ["135-chart-schema-additional-properties", "demo"]]) {
      const dir = `${root}/${id}`;
      if (!existsSync(dir)) throw new Error(`missing conformance case ${dir}`);
      const values = parseValuesYaml(existsSync(`${dir}/values.yaml`) ? readFileSync(`${dir}/values.yaml`, "utf8") : "");
      const args = readFileSync(`${dir}/args`, "utf8").trim();
      if (args.startsWith("--set ")) parseSet(args.slice(6), values);
      const errors = validateValues(readFileSync(`${dir}/values.schema.json`, "utf8"), values);
      expect(`Error: ${formatSchemaFailure([{ chartName: chartName as string, errors }])}\n`).toBe(readFileSync(`${dir}/expected.err`, "utf8"));
    }
  });
});

describe("schema errors", () => {
  it("reports an unknown $ref in place as Helm does", () => {
    const schema = '{"properties":{"a":{"$ref":"#/nope"}}}';
    const dir = writeTree({ "Chart.yaml": CHART_YAML, "templates/t.yaml": "# t\n", "values.schema.json": schema, "values.yaml": "x: 1\n" });
    const failures = validateChartTree({ name: "sx", schema, dependencies: [] }, parseValuesYaml("x: 1\n"));
    expect(`Error: ${formatSchemaFailure(failures)}\n`).toBe(runHelm(["template", "r", "."], dir).stderr);
  });

  it.each([
    ["{", "SCHEMA_JSON"],
    ['{"$ref":"#/nope"}', "SCHEMA_REF"],
    ['{"$ref":"https://example.com/s.json"}', "SCHEMA_REF"],
    ['{"pattern":"(?<=a)b"}', "SCHEMA_META"],
    // Draft 4's metaschema does not check patternProperties' names.
    ['{"$schema":"http://json-schema.org/draft-04/schema#","patternProperties":{"(?<=a)b":{}}}', "SCHEMA_REGEX"],
    ['{"$ref":"#"}', "SCHEMA_DEPTH"],
  ])("%s → %s", (schema, code) => {
    expect(() => validateValues(schema, new Map([["a", "b"]]))).toThrow(expect.objectContaining({ code }));
    expect(() => validateValues(schema, new Map([["a", "b"]]))).toThrow(SchemaError);
  });
});

describe("formatFloatLocalized", () => {
  it.each([
    [12345.5, "12,345.5"],
    [1000000.5, "1.0000005×10⁰⁶"],
    [999999, "999,999"],
    [0.0001, "0.0001"],
    [0.00001, "1×10⁻⁰⁵"],
    [1e21, "1×10²¹"],
    [-2000.25, "-2,000.25"],
  ])("%s → %s", (f, want) => {
    expect(formatFloatLocalized(f)).toBe(want);
  });
});


describe("isValid: the verdict without the error tree", () => {
  const compile = (text: string): { root: Json; validator: SchemaValidator } => {
    const root = parseSchemaJson(text);
    return { root, validator: new SchemaValidator(new Resolver(root, draftOf(root)), draftOf(root)) };
  };
  const agree = (c: { root: Json; validator: SchemaValidator }, values: Value): boolean => {
    expect(c.validator.isValid(values)).toBe(c.validator.validate(values, c.root, []) === null);
    return true;
  };

  it.each(CASES.filter((c) => !c.schema.includes("$ref") && !c.schema.includes("unevaluated")))("$name", (c) => {
    const compiled = compile(c.schema);
    expect(compiled.validator.decidable).toBe(true);
    const values: GoMap = parseValuesYaml(c.values);
    if (c.set) parseSet(c.set, values);
    agree(compiled, values);
    agree(compiled, new Map());
  });

  it("is not used with references or unevaluated keywords", () => {
    for (const c of CASES.filter((x) => x.schema.includes("$ref") || x.schema.includes("unevaluated"))) expect(compile(c.schema).validator.decidable).toBe(false);
  });

  it("agrees with validate on seeded random edits of the chart's values", async () => {
    const { readFileSync } = await import("node:fs");
    const dir = `${import.meta.dirname}/../../../chart-templates/developer-mesh`;
    const compiled = compile(readFileSync(`${dir}/values.schema.json`, "utf8"));
    expect(compiled.validator.decidable).toBe(true);
    const bases = ["values.yaml", "values-dev.yaml", "values-prod.yaml"].map((f) => parseValuesYaml(readFileSync(`${dir}/${f}`, "utf8")));
    const pool: (() => Value)[] = [
      () => "x", () => "", () => "UPPER case", () => "http://example.com", () => "100m", () => "1Gi", () => new GoInt(-1n), () => new GoInt(5n),
      () => 0.5, () => 3, () => 70000, () => -5, () => true, () => false, () => null, () => [], () => new Map(), () => ["a"], () => [new GoInt(1n), 1],
      () => new Map<string, Value>([["enabled", true]]), () => "latest", () => "IfNotPresent", () => "ClusterIP",
    ];
    /** Every path to a value inside `v`. */
    const paths = (v: Value, at: (string | number)[] = []): (string | number)[][] => {
      const out: (string | number)[][] = [at];
      if (v instanceof Map) for (const [k, x] of v) out.push(...paths(x, [...at, k]));
      else if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
      return out;
    };
    const clone = (v: Value): Value => (v instanceof Map ? new Map([...v].map(([k, x]) => [k, clone(x)])) : Array.isArray(v) ? v.map(clone) : v);
    let valid = 0;
    let invalid = 0;
    fc.assert(
      fc.property(fc.nat({ max: 2 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: pool.length }), fc.boolean()), { minLength: 0, maxLength: 3 }), (b, edits) => {
        const values = clone(bases[b]!) as GoMap;
        for (const [p, choice, drop] of edits) {
          const all = paths(values).filter((x) => x.length > 0);
          const path = all[p % all.length]!;
          let parent: Value = values;
          for (const k of path.slice(0, -1)) parent = parent instanceof Map ? parent.get(k as string)! : (parent as Value[])[k as number]!;
          const last = path[path.length - 1]!;
          if (parent instanceof Map) {
            if (drop) parent.delete(last as string);
            else if (choice === pool.length) parent.set("zz-unknown", "x");
            else parent.set(last as string, pool[choice]!());
          } else if (Array.isArray(parent)) parent[last as number] = pool[choice % pool.length]!();
        }
        if (compiled.validator.isValid(values)) valid++;
        else invalid++;
        return agree(compiled, values);
      }),
      { numRuns: 300 },
    );
    expect(valid).toBeGreaterThan(25);
    expect(invalid).toBeGreaterThan(25);
  });
});
