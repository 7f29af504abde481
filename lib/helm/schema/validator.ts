/**
 * A port of santhosh-tekuri/jsonschema v6's validator (validator.go) over the Go value model, because
 * Helm's messages are its error tree: keyword order, early returns (a type, const or enum failure is
 * the only error of its schema), groups ("validation failed"), aggregated `required` and
 * `additionalProperties`, and even its relative indices after `prefixItems`/`items` arrays.
 * Go iterates maps in random order, so Helm's order among properties varies from run to run; here
 * properties (and pattern/dependency keys) are visited in sorted order.
 */
import { RE2JS } from "re2js";
import { GoInt, compareGoStrings, formatFloat, goTypeName, isGoMap, type Value } from "../../template/value";
import { checkFormat } from "./check-format";
import { formatFloatLocalized, formatInt } from "./format-number";
import { JsonNumber, isJsonObject, type Json, type JsonObject } from "./parse-schema-json";
import { cmpRat, isIntRat, parseRat, quoIsInt, type Rat } from "./rat";
import { location, type Resolver } from "./resolver";
import { SchemaError } from "./schema-error";
import { SharedMap } from "../shared-values";
import { goQuote } from "../../template/token";
import { sQuote, type ValidationError } from "./validation-error";

type JsonType = "null" | "boolean" | "number" | "integer" | "string" | "array" | "object";
const TYPE_ORDER: JsonType[] = ["null", "boolean", "number", "integer", "string", "array", "object"];

/** Properties and items a schema evaluated (for unevaluatedProperties/Items, drafts 2019-09 on). */
interface Evaluated {
  props: Set<string>;
  items: Set<number>;
}

const newEvaluated = (): Evaluated => ({ props: new Set(), items: new Set() });

const MAX_DEPTH = 1000;
const MATCHES_MAX = 1024;

function typeOf(v: Value): JsonType | null {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
      return "number";
    case "string":
      return "string";
  }
  if (v instanceof GoInt) return "number";
  if (Array.isArray(v)) return "array";
  if (isGoMap(v)) return "object";
  return null;
}

function jsonTypeOf(j: Json): JsonType {
  if (j === null) return "null";
  if (typeof j === "boolean") return "boolean";
  if (typeof j === "string") return "string";
  if (j instanceof JsonNumber) return "number";
  return Array.isArray(j) ? "array" : "object";
}

/** A number value as santhosh reads it: big.Rat of its `%v` text. */
function ratOf(v: Value): Rat | null {
  if (typeof v === "number") return Number.isFinite(v) ? parseRat(formatFloat(v)) : null;
  if (v instanceof GoInt) return parseRat(v.value.toString());
  return null;
}

/**
 * A schema number, parsed once per compiled schema. `exact` is set when it is a safe integer: then a
 * float64 value compares with it as its `%v` text's rational would (the shortest decimal of a float
 * lies strictly between the float's neighbours, so it falls on the float's side of any other float).
 */
interface SchemaNumber {
  rat: Rat | null;
  exact: number | null;
  /** The nearest float64 (big.Rat.Float64), for messages. */
  float: number;
}
const schemaNumbers = new WeakMap<JsonNumber, SchemaNumber>();
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function schemaNumber(j: Json | undefined): SchemaNumber | null {
  if (!(j instanceof JsonNumber)) return null;
  let n = schemaNumbers.get(j);
  if (n === undefined) {
    const rat = parseRat(j.text);
    const exact = rat !== null && isIntRat(rat) && rat.num >= -MAX_SAFE && rat.num <= MAX_SAFE ? Number(rat.num) : null;
    n = { rat, exact, float: Number(j.text) };
    schemaNumbers.set(j, n);
  }
  return n;
}

/** A value as a float64 that orders like its rational against safe-integer bounds; null when it may not. */
function comparable(v: Value): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v instanceof GoInt && v.value >= -MAX_SAFE && v.value <= MAX_SAFE) return Number(v.value);
  return null;
}

/** Sign of rat(v) − n, exactly; null when v is not a number. */
function compareNumber(v: Value, n: SchemaNumber): number | null {
  const x = n.exact === null ? null : comparable(v);
  if (x !== null && n.exact !== null) return x < n.exact ? -1 : x > n.exact ? 1 : 0;
  const r = ratOf(v);
  return r === null || n.rat === null ? null : cmpRat(r, n.rat);
}

/** Whether a number value is an integer (santhosh: its rational's denominator is 1; %v of an integral float64 is integral). */
const isIntegral = (v: Value): boolean => v instanceof GoInt || (typeof v === "number" && Number.isInteger(v));
const jsonInt = (j: Json | undefined): number | null => (j instanceof JsonNumber ? Number(j.text) : null);

/** santhosh's `equals` between an instance value and a schema literal (numbers by value). */
function equalsJson(v: Value, j: Json): boolean {
  if (j instanceof JsonNumber) {
    const n = schemaNumber(j);
    return n !== null && compareNumber(v, n) === 0;
  }
  if (j === null || typeof j === "boolean" || typeof j === "string") return v === j;
  if (Array.isArray(j)) return Array.isArray(v) && v.length === j.length && v.every((x, i) => equalsJson(x, j[i] ?? null));
  if (!isGoMap(v)) return false;
  const keys = Object.keys(j);
  return v.size === keys.length && keys.every((k) => v.has(k) && equalsJson(v.get(k) ?? null, j[k] ?? null));
}

/** santhosh's `equals` between two instance values (uniqueItems). */
function equalsValue(a: Value, b: Value): boolean {
  const ra = ratOf(a);
  if (ra !== null) {
    const rb = ratOf(b);
    return rb !== null && cmpRat(ra, rb) === 0;
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equalsValue(x, b[i] ?? null));
  if (isGoMap(a)) {
    return isGoMap(b) && a.size === b.size && [...a].every(([k, x]) => b.has(k) && equalsValue(x, b.get(k) ?? null));
  }
  return a === b;
}

/** santhosh's `display`: strings quoted, containers "value", anything else Go's %v (json.Number as written). */
function display(j: Json): string {
  if (typeof j === "string") return sQuote(j);
  if (j instanceof JsonNumber) return j.text;
  if (j === null) return "<nil>";
  if (typeof j === "boolean") return String(j);
  return "value";
}

const isContainer = (j: Json): boolean => typeof j === "object" && j !== null && !(j instanceof JsonNumber);
const sortedProps = (o: JsonObject): string[] => Object.keys(o).sort(compareGoStrings);
const quotedList = (names: string[]): string => names.map(sQuote).join(", ");

/** A schema's numeric bounds; draft 4's boolean exclusiveMinimum/Maximum turns the bound itself exclusive. */
function bounds(s: JsonObject): Record<"minimum" | "maximum" | "exMin" | "exMax", SchemaNumber | null> {
  const minimum = schemaNumber(s.minimum);
  const maximum = schemaNumber(s.maximum);
  return {
    minimum: s.exclusiveMinimum === true ? null : minimum,
    maximum: s.exclusiveMaximum === true ? null : maximum,
    exMin: s.exclusiveMinimum === true ? minimum : schemaNumber(s.exclusiveMinimum),
    exMax: s.exclusiveMaximum === true ? maximum : schemaNumber(s.exclusiveMaximum),
  };
}

/** A compiled subschema's verdict on a value; a keyword's check given the value's JSON type. */
type Verdict = (v: Value) => boolean;
type Check = (v: Value, t: JsonType) => boolean;

/** Whether a `type` name admits a value of JSON type `t` (integral numbers are integers). */
const typeMatches = (name: string, t: JsonType, v: Value): boolean => name === t || (name === "integer" && t === "number" && isIntegral(v));

/** Whether `obj` has every string of `names`. */
function hasAll(obj: Map<string, Value>, names: Json[]): boolean {
  for (const n of names) if (typeof n === "string" && !obj.has(n)) return false;
  return true;
}

/** Array.from(s).length without the array. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

const NOT_PLAIN = new Set(["$ref", "$recursiveRef", "$dynamicRef", "unevaluatedProperties", "unevaluatedItems"]);
const PLAIN_DEPTH_MAX = 200;

/** No references, no unevaluated* keywords (not even as data), nested less than PLAIN_DEPTH_MAX deep. */
function plainSchema(j: Json, depth: number): boolean {
  if (depth > PLAIN_DEPTH_MAX) return false;
  if (Array.isArray(j)) return j.every((x) => plainSchema(x, depth + 1));
  if (!isJsonObject(j)) return true;
  for (const k of Object.keys(j)) if (NOT_PLAIN.has(k) || !plainSchema(j[k] ?? null, depth + 1)) return false;
  return true;
}

export class SchemaValidator {
  private depth = 0;
  /** The schemas being validated, outermost first: the dynamic scope `$dynamicRef`/`$recursiveRef` look through. */
  private scope: JsonObject[] = [];
  private readonly regexps = new Map<string, RE2JS>();
  /** Match results per pattern: values repeat from render to render, and RE2 matching is slow. */
  private readonly matched = new Map<string, Map<string, boolean>>();

  /**
   * Whether isValid may decide: the schema has no references and no unevaluated* keywords, and is
   * shallow, so validate can neither throw nor depend on what other subschemas evaluated.
   */
  readonly decidable: boolean;
  private compiledRoot: Verdict | undefined;
  /**
   * While a metaschema checks a schema document: the metaschema to check the part at an instance location
   * with instead, where a resource of another draft sits (santhosh's handleMeta).
   */
  switchMeta: ((loc: readonly string[]) => { validator: SchemaValidator; root: Json } | undefined) | undefined;

  /**
   * `meta`: the schema is a metaschema. santhosh compiled those with format assertion on, whatever
   * the draft; they use no unevaluated* keyword, and validation always starts at their root, which
   * holds the anchor of every `$dynamicRef`/`$recursiveRef` in them, so isValid may decide with
   * references resolved once.
   */
  constructor(
    private readonly resolver: Resolver,
    private readonly draft: number,
    private readonly meta = false,
  ) {
    for (const [p, at] of resolver.patterns) this.regexp(p, at);
    this.decidable = meta || plainSchema(resolver.root, 0);
  }

  /** Go RE2 semantics (santhosh's default regexp engine is Go's regexp); `at` points to the keyword. */
  private regexp(pattern: string, at = ""): RE2JS {
    let re = this.regexps.get(pattern);
    if (!re) {
      try {
        re = RE2JS.compile(pattern);
      } catch (e) {
        throw new SchemaError("SCHEMA_REGEX", `invalid regex ${goQuote(pattern)} at ${goQuote(location(at))}: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.regexps.set(pattern, re);
    }
    return re;
  }

  /** Whether `pattern` (Go RE2) matches somewhere in `s`. */
  private matches(pattern: string, s: string): boolean {
    let results = this.matched.get(pattern);
    if (!results) {
      results = new Map();
      this.matched.set(pattern, results);
    }
    let ok = results.get(s);
    if (ok === undefined) {
      ok = this.regexp(pattern).test(s);
      if (results.size >= MATCHES_MAX) results.clear();
      results.set(s, ok);
    }
    return ok;
  }

  /** Validates `v` at `loc` against `s`; null when valid. `ev` collects what `s` evaluated. */
  validate(v: Value, s: Json, loc: string[], ev: Evaluated | null = (isJsonObject(s) ? this.resolver.draftAt(s) : this.draft) >= 2019 ? newEvaluated() : null): ValidationError | null {
    if (s === true) return null;
    const err = (msg: string, causes: ValidationError[] = []): ValidationError => ({ loc, msg, causes });
    if (s === false) return err("false schema");
    if (!isJsonObject(s)) return null;
    const other = s === this.resolver.root ? this.switchMeta?.(loc) : undefined;
    if (other !== undefined && other.validator !== this) return other.validator.validate(v, other.root, loc);
    if (++this.depth > MAX_DEPTH) throw new SchemaError("SCHEMA_DEPTH", "schema validation recursed too deeply (a $ref cycle?)");
    this.scope.push(s);
    try {
      return this.validateObject(v, s, loc, ev, err);
    } finally {
      this.scope.pop();
      this.depth--;
    }
  }

  private validateObject(
    v: Value,
    s: JsonObject,
    loc: string[],
    ev: Evaluated | null,
    err: (msg: string, causes?: ValidationError[]) => ValidationError,
  ): ValidationError | null {
    const t = typeOf(v);
    if (t === null) return err(`invalid jsonType ${goTypeName(v)}`);
    const draft = this.resolver.draftAt(s);
    const errors: ValidationError[] = [];
    const add = (e: ValidationError | null): void => {
      if (e) errors.push(e);
    };
    const self = (sub: Json): ValidationError | null => {
      const subEv = ev && newEvaluated();
      const e = this.validate(v, sub, loc, subEv);
      if (e === null && ev && subEv) {
        for (const p of subEv.props) ev.props.add(p);
        for (const i of subEv.items) ev.items.add(i);
      }
      return e;
    };
    const ref = (target: Json): ValidationError | null => {
      const e = self(target);
      if (e === null) return null;
      return { loc, msg: "validation failed", ref: true, causes: e.group ? e.causes : [e] };
    };

    // $ref: before 2019 its siblings are ignored entirely.
    const refText = s.$ref;
    if (typeof refText === "string" && draft < 2019) return ref(this.resolver.resolve(refText, s));

    const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.filter((x) => typeof x === "string") : null;
    if (types && types.length > 0) {
      const ok = types.includes(t) || (types.includes("integer") && t === "number" && isIntegral(v));
      if (!ok) {
        const want = TYPE_ORDER.filter((x) => types.includes(x)).join(" or ");
        return err(`got ${t}, want ${want}`);
      }
    }
    if (draft >= 6 && "const" in s) {
      const c = s.const ?? null;
      if (!equalsJson(v, c)) return err(isContainer(c) ? "'const' failed" : `value must be ${display(c)}`);
    }
    if (Array.isArray(s.enum)) {
      const items = s.enum;
      const ok = items.some((j) => jsonTypeOf(j) === t && equalsJson(v, j));
      if (!ok) {
        if (items.some(isContainer)) return err("'enum' failed");
        return err(items.length === 1 ? `value must be ${display(items[0] ?? null)}` : `value must be one of ${items.map(display).join(", ")}`);
      }
    }
    // santhosh asserts formats only for drafts before 2019-09 (and in metaschemas).
    if ((draft < 2019 || this.meta) && typeof s.format === "string" && typeof v === "string") {
      const problem = checkFormat(s.format, v);
      if (problem !== null) return err(`${sQuote(v)} is not valid ${s.format}: ${problem}`);
    }
    if (typeof refText === "string") add(ref(this.resolver.resolve(refText, s)));

    if (t === "object") this.objValidate(v as Map<string, Value>, s, loc, ev, add, err, self);
    else if (t === "array") this.arrValidate(v as Value[], s, loc, ev, add, err);
    else if (t === "string") this.strValidate(v as string, s, add, err);
    else if (t === "number") this.numValidate(v, s, add, err);

    if (draft >= 2019) {
      for (const kw of ["$recursiveRef", "$dynamicRef"] as const) {
        const r = s[kw];
        if (typeof r === "string") add(ref(this.dynamicTarget(kw, r, s)));
      }
    }
    this.condValidate(s, add, err, self);
    if (ev) this.unevalValidate(v, s, loc, ev, add);

    if (errors.length === 0) return null;
    if (errors.length === 1) return errors[0] ?? null;
    return { loc, msg: "validation failed", group: true, causes: errors };
  }

  private objValidate(
    obj: Map<string, Value>,
    s: JsonObject,
    loc: string[],
    ev: Evaluated | null,
    add: (e: ValidationError | null) => void,
    err: (msg: string, causes?: ValidationError[]) => ValidationError,
    self: (sub: Json) => ValidationError | null,
  ): void {
    const minP = jsonInt(s.minProperties);
    if (minP !== null && obj.size < minP) add(err(`minProperties: got ${formatInt(obj.size)}, want ${formatInt(minP)}`));
    const maxP = jsonInt(s.maxProperties);
    if (maxP !== null && obj.size > maxP) add(err(`maxProperties: got ${formatInt(obj.size)}, want ${formatInt(maxP)}`));
    const missingOf = (names: Json): string[] =>
      Array.isArray(names) ? names.filter((n): n is string => typeof n === "string" && !obj.has(n)) : [];
    if (Array.isArray(s.required)) {
      const missing = missingOf(s.required);
      if (missing.length === 1) add(err(`missing property ${sQuote(missing[0] as string)}`));
      else if (missing.length > 1) add(err(`missing properties ${quotedList(missing)}`));
    }
    if (isJsonObject(s.dependencies)) {
      for (const pname of sortedProps(s.dependencies)) {
        if (!obj.has(pname)) continue;
        const dep = s.dependencies[pname] ?? null;
        if (Array.isArray(dep)) {
          const missing = missingOf(dep);
          if (missing.length > 0) add(err(`properties ${quotedList(missing)} required, if ${sQuote(pname)} exists`));
        } else add(self(dep));
      }
    }
    const props = isJsonObject(s.properties) ? s.properties : null;
    const patterns = isJsonObject(s.patternProperties) ? sortedProps(s.patternProperties) : [];
    const additional = s.additionalProperties;
    const notAllowed: string[] = [];
    for (const pname of [...obj.keys()].sort(compareGoStrings)) {
      const pvalue = obj.get(pname) ?? null;
      let evaluated = false;
      if (props && Object.hasOwn(props, pname)) {
        evaluated = true;
        add(this.validate(pvalue, props[pname] ?? true, [...loc, pname]));
      }
      for (const pattern of patterns) {
        if (this.matches(pattern, pname)) {
          evaluated = true;
          add(this.validate(pvalue, (s.patternProperties as JsonObject)[pattern] ?? true, [...loc, pname]));
        }
      }
      if (!evaluated && additional !== undefined) {
        evaluated = true;
        if (additional === false) notAllowed.push(pname);
        else if (additional !== true) add(this.validate(pvalue, additional, [...loc, pname]));
      }
      if (evaluated) ev?.props.add(pname);
    }
    if (notAllowed.length > 0) add(err(`additional properties ${quotedList(notAllowed)} not allowed`));
    if (this.resolver.draftAt(s) === 4) return;
    if (s.propertyNames !== undefined) {
      for (const pname of [...obj.keys()].sort(compareGoStrings)) {
        // santhosh validates the name as a new root: its errors sit at '' whatever the depth.
        const e = this.validateRoot(pname, s.propertyNames);
        if (e) add({ loc: [], msg: `invalid propertyName ${sQuote(pname)}`, causes: e.group ? e.causes : [e] });
      }
    }
    if (this.resolver.draftAt(s) < 2019) return;
    if (isJsonObject(s.dependentSchemas)) {
      for (const pname of sortedProps(s.dependentSchemas)) {
        if (obj.has(pname)) add(self(s.dependentSchemas[pname] ?? true));
      }
    }
    if (isJsonObject(s.dependentRequired)) {
      for (const pname of sortedProps(s.dependentRequired)) {
        if (!obj.has(pname)) continue;
        const missing = missingOf(s.dependentRequired[pname] ?? null);
        if (missing.length > 0) add(err(`properties ${quotedList(missing)} required, if ${sQuote(pname)} exists`));
      }
    }
  }

  private arrValidate(
    arr: Value[],
    s: JsonObject,
    loc: string[],
    ev: Evaluated | null,
    add: (e: ValidationError | null) => void,
    err: (msg: string, causes?: ValidationError[]) => ValidationError,
  ): void {
    const draft = this.resolver.draftAt(s);
    const minI = jsonInt(s.minItems);
    if (minI !== null && arr.length < minI) add(err(`minItems: got ${formatInt(arr.length)}, want ${formatInt(minI)}`));
    const maxI = jsonInt(s.maxItems);
    if (maxI !== null && arr.length > maxI) add(err(`maxItems: got ${formatInt(arr.length)}, want ${formatInt(maxI)}`));
    if (s.uniqueItems === true && arr.length > 1) {
      outer: for (let i = 1; i < arr.length; i++) {
        for (let j = 0; j < i; j++) {
          if (equalsValue(arr[i] ?? null, arr[j] ?? null)) {
            add(err(`items at ${formatInt(j)} and ${formatInt(i)} are equal`));
            break outer;
          }
        }
      }
    }
    // Item locations after a prefix use the index within the rest, as santhosh does.
    const at = (i: number): string[] => [...loc, String(i)];
    if (draft < 2020) {
      let evaluated = 0;
      const items = s.items;
      if (Array.isArray(items)) {
        evaluated = Math.min(arr.length, items.length);
        for (let i = 0; i < evaluated; i++) add(this.validate(arr[i] ?? null, items[i] ?? true, at(i)));
        const extra = s.additionalItems;
        if (extra === false && evaluated !== arr.length) add(err(`last ${formatInt(arr.length - evaluated)} additionalItem(s) not allowed`));
        else if (extra !== undefined && extra !== true && extra !== false) {
          arr.slice(evaluated).forEach((item, i) => add(this.validate(item, extra, at(i))));
        }
        if (extra !== undefined) evaluated = arr.length;
      } else if (items !== undefined) {
        arr.forEach((item, i) => add(this.validate(item, items, at(i))));
        evaluated = arr.length;
      }
      for (let i = 0; i < evaluated; i++) ev?.items.add(i);
    } else {
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : [];
      const evaluated = Math.min(prefix.length, arr.length);
      for (let i = 0; i < evaluated; i++) {
        add(this.validate(arr[i] ?? null, prefix[i] ?? true, at(i)));
        ev?.items.add(i);
      }
      if (s.items !== undefined) {
        const items = s.items;
        arr.slice(evaluated).forEach((item, i) => {
          add(this.validate(item, items, at(i)));
          ev?.items.add(evaluated + i);
        });
      }
    }
    if (draft >= 6 && s.contains !== undefined) {
      const failures: ValidationError[] = [];
      const matched: number[] = [];
      arr.forEach((item, i) => {
        const e = this.validate(item, s.contains ?? true, at(i));
        if (e) failures.push(e);
        else {
          matched.push(i);
          if (draft >= 2020) ev?.items.add(i);
        }
      });
      const minC = draft >= 2019 ? jsonInt(s.minContains) : null;
      const maxC = draft >= 2019 ? jsonInt(s.maxContains) : null;
      if (minC !== null) {
        if (matched.length < minC) {
          add(
            err(
              matched.length === 0
                ? `min ${formatInt(minC)} items required to match contains schema, but none matched`
                : `min ${formatInt(minC)} items required to match contains schema, but matched ${formatInt(matched.length)} items at ${matched.join(" ")}`,
              failures,
            ),
          );
        }
      } else if (matched.length === 0) add(err("no items match contains schema", failures));
      if (maxC !== null && matched.length > maxC) {
        add(err(`max ${formatInt(maxC)} items required to match contains schema, but matched ${formatInt(matched.length)} items at ${matched.join(" ")}`));
      }
    }
  }

  private strValidate(
    str: string,
    s: JsonObject,
    add: (e: ValidationError | null) => void,
    err: (msg: string, causes?: ValidationError[]) => ValidationError,
  ): void {
    const minL = jsonInt(s.minLength);
    const maxL = jsonInt(s.maxLength);
    const len = minL !== null || maxL !== null ? Array.from(str).length : 0;
    if (minL !== null && len < minL) add(err(`minLength: got ${formatInt(len)}, want ${formatInt(minL)}`));
    if (maxL !== null && len > maxL) add(err(`maxLength: got ${formatInt(len)}, want ${formatInt(maxL)}`));
    if (typeof s.pattern === "string" && !this.matches(s.pattern, str)) {
      add(err(`${sQuote(str)} does not match pattern ${sQuote(s.pattern)}`));
    }
  }

  private numValidate(
    v: Value,
    s: JsonObject,
    add: (e: ValidationError | null) => void,
    err: (msg: string, causes?: ValidationError[]) => ValidationError,
  ): void {
    if (comparable(v) === null && ratOf(v) === null) return;
    // Messages print the nearest float64s: the value itself, or its int64 rounded.
    const got = (): string => formatFloatLocalized(v instanceof GoInt ? Number(v.value) : (v as number));
    const want = (n: SchemaNumber): string => formatFloatLocalized(n.float);
    const { minimum, maximum, exMin, exMax } = bounds(s);
    const cmp = (n: SchemaNumber | null): number | null => (n === null ? null : compareNumber(v, n));
    const cMin = cmp(minimum);
    if (minimum && cMin !== null && cMin < 0) add(err(`minimum: got ${got()}, want ${want(minimum)}`));
    const cMax = cmp(maximum);
    if (maximum && cMax !== null && cMax > 0) add(err(`maximum: got ${got()}, want ${want(maximum)}`));
    const cExMin = cmp(exMin);
    if (exMin && cExMin !== null && cExMin <= 0) add(err(`exclusiveMinimum: got ${got()}, want ${want(exMin)}`));
    const cExMax = cmp(exMax);
    if (exMax && cExMax !== null && cExMax >= 0) add(err(`exclusiveMaximum: got ${got()}, want ${want(exMax)}`));
    const mult = schemaNumber(s.multipleOf);
    if (mult?.rat && !this.isMultiple(v, mult)) add(err(`multipleOf: got ${got()}, want ${want(mult)}`));
  }

  /** quoIsInt(rat(v), m), with integer arithmetic when both are safe integers. */
  private isMultiple(v: Value, m: SchemaNumber): boolean {
    const x = comparable(v);
    if (x !== null && Number.isSafeInteger(x) && m.exact !== null && m.exact !== 0) return x % m.exact === 0;
    const r = ratOf(v);
    return r !== null && m.rat !== null && quoIsInt(r, m.rat);
  }

  /** `v` against `s` as a new root: a fresh dynamic scope. */
  private validateRoot(v: Value, s: Json): ValidationError | null {
    const outer = this.scope;
    this.scope = [];
    try {
      return this.validate(v, s, []);
    } finally {
      this.scope = outer;
    }
  }

  /**
   * Where a `$recursiveRef` or `$dynamicRef` leads: its static target, unless that target carries the
   * matching anchor; then the outermost schema in scope whose resource carries it (validator.go
   * resolveRecursiveAnchor, resolveDynamicAnchor).
   */
  private dynamicTarget(kw: "$recursiveRef" | "$dynamicRef", r: string, s: JsonObject): Json {
    const target = this.resolver.resolve(r, s);
    if (!isJsonObject(target)) return target;
    let out: JsonObject = target;
    if (kw === "$recursiveRef") {
      if (target.$recursiveAnchor !== true) return target;
      for (let i = this.scope.length - 1; i >= 0; i--) {
        const sc = this.scope[i] as JsonObject;
        if (this.resolver.resourceRoot(sc).$recursiveAnchor === true) out = sc;
      }
      return out;
    }
    const hash = r.indexOf("#");
    const anchor = hash === -1 ? "" : r.slice(hash + 1);
    if (anchor === "" || anchor.startsWith("/") || target.$dynamicAnchor !== anchor) return target;
    for (let i = this.scope.length - 1; i >= 0; i--) {
      out = this.resolver.dynamicAnchor(this.resolver.resourceRoot(this.scope[i] as JsonObject), anchor) ?? out;
    }
    return out;
  }

  private condValidate(
    s: JsonObject,
    add: (e: ValidationError | null) => void,
    err: (msg: string, causes?: ValidationError[]) => ValidationError,
    self: (sub: Json) => ValidationError | null,
  ): void {
    if (s.not !== undefined && self(s.not) === null) add(err("'not' failed"));
    if (Array.isArray(s.allOf) && s.allOf.length > 0) {
      const failures = s.allOf.map(self).filter((e): e is ValidationError => e !== null);
      if (failures.length > 0) add(err("'allOf' failed", failures));
    }
    if (Array.isArray(s.anyOf) && s.anyOf.length > 0) {
      const results = s.anyOf.map(self);
      if (results.every((e) => e !== null)) add(err("'anyOf' failed", results as ValidationError[]));
    }
    if (Array.isArray(s.oneOf) && s.oneOf.length > 0) {
      let matched = -1;
      const failures: ValidationError[] = [];
      for (const [i, sub] of s.oneOf.entries()) {
        const e = self(sub);
        if (e) {
          if (matched === -1) failures.push(e);
        } else if (matched === -1) matched = i;
        else {
          add(err(`'oneOf' failed, subschemas ${formatInt(matched)}, ${formatInt(i)} matched`));
          break;
        }
      }
      if (matched === -1) add(err("'oneOf' failed, none matched", failures));
    }
    if (this.resolver.draftAt(s) >= 7 && s.if !== undefined) {
      if (self(s.if) === null) {
        if (s.then !== undefined) add(self(s.then));
      } else if (s.else !== undefined) add(self(s.else));
    }
  }

  private unevalValidate(v: Value, s: JsonObject, loc: string[], ev: Evaluated, add: (e: ValidationError | null) => void): void {
    if (isGoMap(v) && s.unevaluatedProperties !== undefined) {
      for (const pname of [...v.keys()].sort(compareGoStrings)) {
        if (ev.props.has(pname)) continue;
        add(this.validate(v.get(pname) ?? null, s.unevaluatedProperties, [...loc, pname]));
        ev.props.add(pname);
      }
    }
    if (Array.isArray(v) && s.unevaluatedItems !== undefined) {
      v.forEach((item, i) => {
        if (ev.items.has(i)) return;
        add(this.validate(item, s.unevaluatedItems ?? true, [...loc, String(i)]));
        ev.items.add(i);
      });
    }
  }

  /**
   * validate(v, root) === null, decided by the schema compiled to closures (once, when `decidable`):
   * no errors, locations or sorted key lists are built, and each node checks only the keywords it has.
   * Values usually pass; only a failure needs the error tree.
   */
  isValid(v: Value): boolean {
    this.compiledRoot ??= this.compile(this.resolver.root);
    return this.compiledRoot(v);
  }

  /** Verdicts by schema object: references make the graph cyclic, so each is compiled once, when first reached. */
  private readonly verdicts = new WeakMap<JsonObject, Verdict>();

  private compileRef(target: Json): Verdict {
    let verdict: Verdict | undefined;
    return (v) => (verdict ??= this.compile(target))(v);
  }

  /** A metaschema's reference target: the root when the static target carries the anchor the root also carries (see the constructor). */
  private refTarget(kw: string, r: string, s: JsonObject): Json {
    const target = this.resolver.resolve(r, s);
    const root = this.resolver.root;
    if (!isJsonObject(target) || !isJsonObject(root)) return target;
    if (kw === "$recursiveRef") return target.$recursiveAnchor === true && root.$recursiveAnchor === true ? root : target;
    if (kw !== "$dynamicRef") return target;
    const anchor = r.slice(r.indexOf("#") + 1);
    return r.includes("#") && target.$dynamicAnchor === anchor ? (this.resolver.dynamicAnchor(root, anchor) ?? target) : target;
  }

  private compile(s: Json): Verdict {
    if (s === false) return () => false;
    if (!isJsonObject(s)) return () => true;
    const known = this.verdicts.get(s);
    if (known) return known;
    const checks: Check[] = [];
    const draft = this.resolver.draftAt(s);
    const verdict: Verdict = (v) => {
      const t = typeOf(v);
      if (t === null) return false;
      for (const check of checks) if (!check(v, t)) return false;
      return true;
    };
    // Shared chart defaults never change between validations (see shared-values.ts): decided once each.
    const decided = new WeakMap<SharedMap, boolean>();
    const shared: Verdict = (v) => {
      if (!(v instanceof SharedMap)) return verdict(v);
      let ok = decided.get(v);
      if (ok === undefined) decided.set(v, (ok = verdict(v)));
      return ok;
    };
    this.verdicts.set(s, shared);
    if (typeof s.$ref === "string") {
      const ref = this.compileRef(this.refTarget("$ref", s.$ref, s));
      checks.push((v) => ref(v));
      // Before 2019-09 $ref's siblings are ignored.
      if (draft < 2019) return shared;
    }
    if (draft >= 2019) {
      for (const kw of ["$recursiveRef", "$dynamicRef"]) {
        const r = s[kw];
        if (typeof r !== "string") continue;
        const ref = this.compileRef(this.refTarget(kw, r, s));
        checks.push((v) => ref(v));
      }
    }
    const types = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.filter((x): x is string => typeof x === "string") : [];
    if (types.length > 0) {
      checks.push((v, t) => {
        for (const x of types) if (typeMatches(x, t, v)) return true;
        return false;
      });
    }
    if (draft >= 6 && "const" in s) {
      const c = s.const ?? null;
      checks.push((v) => equalsJson(v, c));
    }
    if (Array.isArray(s.enum)) {
      const items = s.enum;
      checks.push((v, t) => {
        for (const j of items) if (jsonTypeOf(j) === t && equalsJson(v, j)) return true;
        return false;
      });
    }
    if ((draft < 2019 || this.meta) && typeof s.format === "string") {
      const format = s.format;
      checks.push((v) => typeof v !== "string" || checkFormat(format, v) === null);
    }
    this.compileObject(s, checks);
    this.compileArray(s, checks);
    this.compileString(s, checks);
    this.compileNumber(s, checks);
    this.compileConditions(s, checks);
    return shared;
  }

  private compileObject(s: JsonObject, checks: Check[]): void {
    const obj = (check: (o: Map<string, Value>) => boolean): void => {
      checks.push((v, t) => t !== "object" || check(v as Map<string, Value>));
    };
    const minP = jsonInt(s.minProperties);
    if (minP !== null) obj((o) => o.size >= minP);
    const maxP = jsonInt(s.maxProperties);
    if (maxP !== null) obj((o) => o.size <= maxP);
    if (Array.isArray(s.required)) {
      const names = s.required;
      obj((o) => hasAll(o, names));
    }
    if (isJsonObject(s.dependencies)) {
      const deps = Object.entries(s.dependencies).map(([name, dep]): [string, Json[] | Verdict] => [name, Array.isArray(dep) ? dep : this.compile(dep)]);
      obj((o) => deps.every(([name, dep]) => !o.has(name) || (Array.isArray(dep) ? hasAll(o, dep) : dep(o))));
    }
    const props = new Map(isJsonObject(s.properties) ? Object.entries(s.properties).map(([k, x]) => [k, this.compile(x)]) : []);
    const patterns = isJsonObject(s.patternProperties) ? Object.entries(s.patternProperties).map(([p, x]): [string, Verdict] => [p, this.compile(x)]) : [];
    const extra = s.additionalProperties;
    // undefined: other properties go unchecked (no keyword, or `true`).
    const additional = extra === undefined || extra === true ? undefined : extra === false ? false : this.compile(extra);
    if (props.size > 0 || patterns.length > 0 || additional !== undefined) {
      obj((o) => {
        for (const [name, value] of o) {
          let evaluated = false;
          const prop = props.get(name);
          if (prop) {
            evaluated = true;
            if (!prop(value)) return false;
          }
          for (const [pattern, check] of patterns) {
            if (!this.matches(pattern, name)) continue;
            evaluated = true;
            if (!check(value)) return false;
          }
          if (!evaluated && additional !== undefined && (additional === false || !additional(value))) return false;
        }
        return true;
      });
    }
    if (this.resolver.draftAt(s) === 4) return;
    if (s.propertyNames !== undefined) {
      const names = this.compile(s.propertyNames);
      obj((o) => {
        for (const name of o.keys()) if (!names(name)) return false;
        return true;
      });
    }
    if (this.resolver.draftAt(s) < 2019) return;
    if (isJsonObject(s.dependentSchemas)) {
      const deps = Object.entries(s.dependentSchemas).map(([name, dep]): [string, Verdict] => [name, this.compile(dep)]);
      obj((o) => deps.every(([name, dep]) => !o.has(name) || dep(o)));
    }
    if (isJsonObject(s.dependentRequired)) {
      const deps = Object.entries(s.dependentRequired);
      obj((o) => deps.every(([name, names]) => !o.has(name) || !Array.isArray(names) || hasAll(o, names)));
    }
  }

  private compileArray(s: JsonObject, checks: Check[]): void {
    const draft = this.resolver.draftAt(s);
    const arr = (check: (a: Value[]) => boolean): void => {
      checks.push((v, t) => t !== "array" || check(v as Value[]));
    };
    const all = (a: Value[], from: number, check: Verdict): boolean => {
      for (let i = from; i < a.length; i++) if (!check(a[i] ?? null)) return false;
      return true;
    };
    const minI = jsonInt(s.minItems);
    if (minI !== null) arr((a) => a.length >= minI);
    const maxI = jsonInt(s.maxItems);
    if (maxI !== null) arr((a) => a.length <= maxI);
    if (s.uniqueItems === true) {
      arr((a) => {
        for (let i = 1; i < a.length; i++) for (let j = 0; j < i; j++) if (equalsValue(a[i] ?? null, a[j] ?? null)) return false;
        return true;
      });
    }
    const items = s.items;
    if (draft < 2020) {
      if (Array.isArray(items)) {
        const heads = items.map((x) => this.compile(x));
        const extra = s.additionalItems;
        const rest = extra === undefined || extra === true ? undefined : extra === false ? false : this.compile(extra);
        arr((a) => {
          const n = Math.min(a.length, heads.length);
          for (let i = 0; i < n; i++) if (!heads[i]!(a[i] ?? null)) return false;
          return rest === undefined || (rest === false ? n === a.length : all(a, n, rest));
        });
      } else if (items !== undefined) {
        const each = this.compile(items);
        arr((a) => all(a, 0, each));
      }
    } else {
      const heads = (Array.isArray(s.prefixItems) ? s.prefixItems : []).map((x) => this.compile(x));
      const rest = items === undefined ? undefined : this.compile(items);
      if (heads.length > 0 || rest) {
        arr((a) => {
          const n = Math.min(a.length, heads.length);
          for (let i = 0; i < n; i++) if (!heads[i]!(a[i] ?? null)) return false;
          return rest === undefined || all(a, n, rest);
        });
      }
    }
    if (draft >= 6 && s.contains !== undefined) {
      const contains = this.compile(s.contains);
      const minC = draft >= 2019 ? jsonInt(s.minContains) : null;
      const maxC = draft >= 2019 ? jsonInt(s.maxContains) : null;
      arr((a) => {
        let matched = 0;
        for (const item of a) if (contains(item)) matched++;
        return (minC !== null ? matched >= minC : matched > 0) && (maxC === null || matched <= maxC);
      });
    }
  }

  private compileString(s: JsonObject, checks: Check[]): void {
    const minL = jsonInt(s.minLength);
    const maxL = jsonInt(s.maxLength);
    if (minL !== null || maxL !== null) {
      checks.push((v, t) => {
        if (t !== "string") return true;
        const len = codePoints(v as string);
        return (minL === null || len >= minL) && (maxL === null || len <= maxL);
      });
    }
    if (typeof s.pattern === "string") {
      const pattern = s.pattern;
      checks.push((v, t) => t !== "string" || this.matches(pattern, v as string));
    }
  }

  private compileNumber(s: JsonObject, checks: Check[]): void {
    const { minimum, maximum, exMin, exMax } = bounds(s);
    const mult = schemaNumber(s.multipleOf);
    const multiple = mult?.rat ? mult : null;
    if (!minimum && !maximum && !exMin && !exMax && !multiple) return;
    checks.push((v, t) => {
      if (t !== "number" || (comparable(v) === null && ratOf(v) === null)) return true;
      let c: number | null;
      if (minimum && (c = compareNumber(v, minimum)) !== null && c < 0) return false;
      if (maximum && (c = compareNumber(v, maximum)) !== null && c > 0) return false;
      if (exMin && (c = compareNumber(v, exMin)) !== null && c <= 0) return false;
      if (exMax && (c = compareNumber(v, exMax)) !== null && c >= 0) return false;
      return !multiple || this.isMultiple(v, multiple);
    });
  }

  private compileConditions(s: JsonObject, checks: Check[]): void {
    if (s.not !== undefined) {
      const not = this.compile(s.not);
      checks.push((v) => !not(v));
    }
    const list = (x: Json | undefined): Verdict[] => (Array.isArray(x) ? x.map((sub) => this.compile(sub)) : []);
    const allOf = list(s.allOf);
    if (allOf.length > 0) checks.push((v) => allOf.every((c) => c(v)));
    const anyOf = list(s.anyOf);
    if (anyOf.length > 0) checks.push((v) => anyOf.some((c) => c(v)));
    const oneOf = list(s.oneOf);
    if (oneOf.length > 0) {
      checks.push((v) => {
        let matched = 0;
        for (const c of oneOf) if (c(v) && ++matched > 1) return false;
        return matched === 1;
      });
    }
    if (this.resolver.draftAt(s) >= 7 && s.if !== undefined) {
      const cond = this.compile(s.if);
      const then = s.then === undefined ? undefined : this.compile(s.then);
      const otherwise = s.else === undefined ? undefined : this.compile(s.else);
      checks.push((v) => (cond(v) ? !then || then(v) : !otherwise || otherwise(v)));
    }
  }
}
