import { describe, expect, it } from "vitest";
import { helmTemplate } from "../../../test/real-helm";
import type { ChartFiles } from "../chart";
import { loadChart } from "../load-chart";
import { renderChart } from "../render-chart";
import { canonical } from "./canonical.test-util";

const enc = new TextEncoder();
const D4 = "http://json-schema.org/draft-04/schema#";
const D6 = "http://json-schema.org/draft-06/schema#";
const D7 = "http://json-schema.org/draft-07/schema#";
const D2019 = "https://json-schema.org/draft/2019-09/schema";
const D2020 = "https://json-schema.org/draft/2020-12/schema";

interface Row {
  name: string;
  /** The parent's values.schema.json. */
  schema?: unknown;
  /** The subchart's values.schema.json (the subchart gets values `sub: {a: 1}`). */
  sub?: unknown;
}

const ROWS: Row[] = [
  { name: "required a string", schema: { required: "x" } },
  { name: "type a number", schema: { type: 5 } },
  { name: "minimum a string", schema: { minimum: "a" } },
  { name: "$schema a number", schema: { $schema: 5 } },
  { name: "not an object", schema: 5 },
  { name: "an array", schema: [] },
  { name: "a string", schema: "x" },
  { name: "false is a valid schema", schema: false },
  { name: "nested properties, several keywords", schema: { properties: { a: { type: "foo", minimum: "x" }, b: { required: 1 } } } },
  { name: "items and prefixItems", schema: { properties: { l: { prefixItems: {}, items: [1] } } } },
  { name: "duplicate types", schema: { type: ["string", "string"] } },
  { name: "enum empty is fine in 2020-12", schema: { properties: { e: { enum: [] } } } },
  { name: "minLength negative and fractional", schema: { properties: { a: { minLength: -1 }, b: { maxLength: 1.5 } } } },
  { name: "multipleOf zero", schema: { properties: { a: { multipleOf: 0 } } } },
  { name: "pattern not a regex", schema: { properties: { a: { pattern: "(" } } } },
  { name: "patternProperties key not a regex", schema: { patternProperties: { "a**": {} } } },
  { name: "$defs reached by $ref", schema: { $defs: { x: { format: 5 } }, properties: { a: { $ref: "#/$defs/x" } } } },
  { name: "$ref not a string", schema: { properties: { a: { $ref: 5 } } } },
  { name: "$ref with a backslash", schema: { properties: { a: { $ref: "a\\b" } } } },
  { name: "$ref with a bad % escape", schema: { properties: { a: { $ref: "#/a%zz" }, b: { $ref: "x%4/y" } } } },
  { name: "$ref without a scheme before ':'", schema: { properties: { a: { $ref: ":x" }, b: { $ref: "1a:b" } } } },
  { name: "$id and $schema URIs", schema: { $defs: { a: { $id: "http://h/%zz" } } } },
  { name: "an id whose host has a space", schema: { $id: "http://a b/" } },
  { name: "$ref with a bad port", schema: { properties: { a: { $ref: "http://h:x/y" } } } },
  { name: "$ref with a bad userinfo", schema: { properties: { a: { $ref: "http://u ser@h/" } } } },
  { name: "$ref with an unclosed IPv6 host", schema: { properties: { a: { $ref: "http://[::1/" } } } },
  { name: "$ref with a bad escape in its host", schema: { properties: { a: { $ref: "http://h%zz/" } } } },
  { name: "$id with a colon in its host", schema: { $defs: { a: { $id: "http://h:80:80/" } } } },
  { name: "$ref with a space in a network-path host", schema: { properties: { a: { $ref: "//a b/x" } } } },
  { name: "$comment and $anchor", schema: { $comment: 5, $anchor: "1a" } },
  { name: "$vocabulary: names are URIs, values booleans", schema: { $vocabulary: { x: 1 } } },
  { name: "anyOf empty and not an array", schema: { anyOf: [], allOf: {} } },
  { name: "additionalProperties a number", schema: { additionalProperties: 1, dependentRequired: { a: [1] } } },
  { name: "unevaluatedProperties wrong", schema: { unevaluatedProperties: "no" } },
  { name: "json-schema.org/schema is 2020-12", schema: { $schema: "https://json-schema.org/schema", type: 5 } },
  { name: "a metaschema URL with a fragment names its draft", schema: { $schema: "http://json-schema.org/draft-07/schema#/x", required: "x" } },
  { name: "$schema without a scheme", schema: { $schema: "not a uri" } },
  { name: "$schema a relative file", schema: { $schema: "dir name/x.json#y" } },
  { name: "$schema with a scheme Helm cannot load", schema: { $schema: "ftp://x/y" } },
  { name: "$schema opaque", schema: { $schema: "x:y z" } },
  // One unloadable $ref per row: with two, Helm names whichever its map iteration reaches first.
  { name: "$ref with a scheme Helm cannot load", schema: { properties: { a: { $ref: "ftp://x/y#/a" } } } },
  { name: "$ref opaque with a scheme Helm cannot load", schema: { properties: { b: { $ref: "mailto:x" } } } },
  { name: "draft-07", schema: { $schema: D7, required: "x", properties: { a: { $ref: "#/definitions/x", type: 5 } }, definitions: { x: true } } },
  { name: "draft-07 if/then", schema: { $schema: D7, if: 1, then: { minimum: "a" } } },
  { name: "draft-06 exclusiveMinimum boolean", schema: { $schema: D6, exclusiveMinimum: true } },
  { name: "draft-04", schema: { $schema: D4, type: 5, minimum: "a" } },
  { name: "draft-04 empty enum and required", schema: { $schema: D4, enum: [], required: [] } },
  { name: "draft-04 exclusiveMinimum needs minimum", schema: { $schema: D4, exclusiveMinimum: true } },
  { name: "draft 2019-09 nested", schema: { $schema: D2019, properties: { a: { type: "foo" } } } },
  { name: "draft 2019-09 $recursiveRef schema", schema: { $schema: D2019, items: { items: { minItems: -1 } } } },
  { name: "draft 2020-12 explicit, deep", schema: { $schema: D2020, properties: { a: { properties: { b: { items: { maxItems: "x" } } } } } } },
  { name: "subchart schema broken, parent fine", schema: { type: "object" }, sub: { properties: { a: { type: 5 } } } },
  { name: "both broken", schema: { required: "x" }, sub: { minProperties: -1 } },
  { name: "a valid schema still validates values", schema: { properties: { sub: { type: "string" } } }, sub: { properties: { a: { type: "string" } } } },
];

const files = (o: Record<string, string>): ChartFiles => new Map(Object.entries(o).map(([k, v]) => [k, enc.encode(v)]));

function chartOf(row: Row): Record<string, string> {
  const out: Record<string, string> = {
    "Chart.yaml": "apiVersion: v2\nname: sx\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n",
    "values.yaml": "sub:\n  a: 1\n",
    "templates/t.yaml": "a: 1\n",
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
    "charts/sub/templates/t.yaml": "b: 1\n",
  };
  if (row.schema !== undefined) out["values.schema.json"] = JSON.stringify(row.schema);
  if (row.sub !== undefined) out["charts/sub/values.schema.json"] = JSON.stringify(row.sub);
  return out;
}

/** The lines that name charts and metaschema failures, in order; the error trees are compared by `canonical`. */
const heads = (stderr: string): string[] => stderr.split("\n").filter((l) => !/^\s*- /.test(l));

describe("values.schema.json against its draft's metaschema, as helm v4.1.4", () => {
  it.each(ROWS)("$name", (row) => {
    const c = chartOf(row);
    const helm = helmTemplate(c);
    const r = renderChart(loadChart(files(c)));
    const ours = r.error ? r.error.stderr : "";
    expect(heads(ours)).toEqual(heads(helm.stderr));
    expect(canonical(ours.split("\n"))).toBe(canonical(helm.stderr.split("\n")));
    expect(r.error ? "" : r.output).toBe(helm.stdout);
    // With one failing keyword nothing depends on Go's map order: byte for byte.
    if (helm.stderr.split("\n").filter((l) => l.startsWith("- ")).length <= 1 && !helm.stderr.includes("validation failed")) {
      expect(ours).toBe(helm.stderr);
    }
  });
});
