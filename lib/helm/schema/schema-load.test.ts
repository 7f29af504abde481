/**
 * Documents a values.schema.json names outside itself, as Helm v4.1.4 loads them on a machine without
 * network: a URN is read as the permissive schema `true` with a warning (once per URN), an http(s) URL
 * fails to resolve its host, a file URL (a relative `$ref` is one) reads a file that is not there;
 * a subschema's own `$schema` is loaded too, and sets the draft of a subschema that is a resource (has
 * an id of that draft). Each row is a one-off chart rendered by the real Helm and by the engine.
 */
import { describe, expect, it } from "vitest";
import type { Outcome } from "../../../test/helm-outcome";
import { both } from "../helm-both.test-util";

/** Go's HTTP error after `Get "<url>": ` names this machine's resolver: left out of the comparison. */
const offline = (o: Outcome): Outcome => ({ ...o, stderr: o.stderr.replace(/(Get "[^"]*": dial tcp)[^\n]*/g, "$1 …") });

const ROWS: [string, string, string][] = [
  ["a URN $schema", '{"$schema": "urn:example:meta", "type": "object"}', "a: 1\n"],
  ["a URN $ref", '{"$ref": "urn:example:s"}', "a: 1\n"],
  ["a URN $ref with a pointer into it", '{"properties": {"a": {"$ref": "urn:example:s#/x"}}}', "a: 1\n"],
  ["one URN twice (warned once)", '{"properties": {"a": {"$ref": "urn:x:1"}, "b": {"$ref": "urn:x:1"}}}', "a: 1\n"],
  ["a URN $schema of a subschema", '{"properties": {"a": {"$schema": "urn:example:sub", "type": "string"}}}', "a: 1\n"],
  ["a known $schema of a subschema without an id (ignored)", '{"properties": {"a": {"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": true}}}', "a: 5\n"],
  ["an https $ref", '{"$ref": "https://example.com/s.json"}', "a: 1\n"],
  ["an http $ref with a pointer", '{"properties": {"a": {"$ref": "http://example.com/s.json#/x"}}}', "a: 1\n"],
  ["an https $schema", '{"$schema": "https://example.com/meta.json"}', "a: 1\n"],
  ["an https $schema of a subschema", '{"properties": {"a": {"$schema": "https://example.com/m.json", "type": "string"}}}', "a: 1\n"],
  ["a relative $ref (a file next to file:///values.schema.json)", '{"$ref": "other.json"}', "a: 1\n"],
  ["a file $ref", '{"properties": {"a": {"$ref": "file:///no/such%20dir/x.json#/y"}}}', "a: 1\n"],
];

describe("documents a schema names outside itself, loaded as Helm does offline", () => {
  it.each(ROWS)("%s", (_name, schema, values) => {
    const [ours, helm] = both({ "values.yaml": values, "values.schema.json": schema, "templates/x.yaml": "k: v\n" });
    expect(offline(ours)).toEqual(offline(helm));
  });
  it("two URNs: each warned about once (in the order Helm's Go map iteration reaches them, so compared as a set)", () => {
    const [ours, helm] = both({ "values.yaml": "a: 1\n", "values.schema.json": '{"properties": {"a": {"$ref": "urn:x:1"}, "b": {"$ref": "urn:x:1"}, "c": {"$ref": "urn:x:2"}}}', "templates/x.yaml": "k: v\n" });
    const lines = (stderr: string) => stderr.split("\n").sort();
    expect({ ...ours, stderr: lines(ours.stderr) }).toEqual({ ...helm, stderr: lines(helm.stderr) });
    expect(helm.stderr.match(/unresolved URN/g)).toHaveLength(2);
  });
  it("a URN named by the chart and its subchart is warned about once", () => {
    const sub = { "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n", "charts/sub/values.schema.json": '{"$ref": "urn:x:shared"}', "charts/sub/values.yaml": "b: 1\n" };
    const [ours, helm] = both({ ...sub, "values.schema.json": '{"properties": {"a": {"$ref": "urn:x:shared"}}}', "values.yaml": "a: 1\n", "templates/x.yaml": "k: v\n" });
    expect(helm.stderr.match(/unresolved URN/g)).toHaveLength(1);
    expect(ours).toEqual(helm);
  });
});

const D4 = "http://json-schema.org/draft-04/schema#";
const D7 = "http://json-schema.org/draft-07/schema#";
const D2020 = "https://json-schema.org/draft/2020-12/schema";
const DIALECTS: [string, object, string][] = [
  ["2020-12 resource in a draft-04 schema", { $schema: D4, properties: { a: { $schema: D2020, $id: "http://x/a", prefixItems: [{ type: "string" }] } } }, "a: [1]\n"],
  ["2020-12 $schema without an id (ignored)", { $schema: D4, properties: { a: { $schema: D2020, prefixItems: [{ type: "string" }] } } }, "a: [1]\n"],
  ["draft-04 resource (its id is `id`) in a draft-07 schema", { $schema: D7, properties: { a: { $schema: D4, id: "http://x/a", maximum: 5, exclusiveMaximum: true } } }, "a: 5\n"],
  ["draft-04 $schema with a `$id` only (no id of its draft: ignored)", { $schema: D7, properties: { a: { $schema: D4, $id: "http://x/a", maximum: 5, exclusiveMaximum: 5 } } }, "a: 5\n"],
  ["draft-07 resource in a 2020-12 schema: items as a list", { properties: { a: { $id: "http://x/a", $schema: D7, items: [{ type: "string" }] } } }, "a: [1]\n"],
  ["draft-07 resource checked against its own metaschema", { properties: { a: { $id: "http://x/a", $schema: D7, type: 5 } } }, "a: 1\n"],
  ["2020-12 resource in a draft-07 schema checked against its own metaschema", { $schema: D7, properties: { a: { $id: "http://x/a", $schema: D2020, items: [{ type: "string" }] } } }, "a: [1]\n"],
  ["a draft-07 resource nested in a draft-04 one", { properties: { a: { $schema: D4, id: "http://x/a", properties: { b: { $schema: D7, $id: "http://x/b", const: 1 } } } } }, "a: {b: 2}\n"],
];

describe("a subschema with its own $schema", () => {
  it.each(DIALECTS)("%s", (_name, schema, values) => {
    const [ours, helm] = both({ "values.yaml": values, "values.schema.json": JSON.stringify(schema), "templates/x.yaml": "k: v\n" });
    expect(ours).toEqual(helm);
  });
});

/** A schema's bytes (`\xff` below is the byte 0xff). */
const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const BOM = "\xef\xbb\xbf";

/**
 * A values.schema.json that is not JSON fails as santhosh-tekuri/jsonschema's UnmarshalJSON reads it:
 * encoding/json's Decoder (its scanner's errors, naming the offending BYTE as a rune: 'Ã' for the
 * first byte of é; "unexpected EOF" or "EOF" where the text ends), and its own error for anything
 * after the value. Inside strings, bytes that are not UTF-8 are U+FFFD.
 */
const NOT_JSON: [string, string | Uint8Array, string?][] = [
  ["cut short", '{"a": 1'],
  ["cut short in a literal", '{"a": tru'],
  ["empty", ""],
  ["only white space", " \n\t"],
  ["a second value", '{"a": 1}}'],
  ["a word after the value", '{"a": 1} x'],
  ["a number after the value", '{"a": 1} 5'],
  ["white space after the value", '{"type": "object"} \n'],
  ["a key without quotes", "{a}"],
  ["no colon", '{"a" 1}'],
  ["a trailing comma", "[1,]"],
  ["a broken literal", '{"a": tru}'],
  ["a leading zero", '{"a": 01}'],
  ["a tab in a string", '{"a": "\t"}'],
  ["a bad escape", '{"a": "\\q"}'],
  ["a minus alone", '{"a": -}'],
  ["a decimal point without digits", '{"a": 1.}'],
  ["an exponent without digits", '{"a": 1e}'],
  ["a character that is not ASCII (its first byte is named)", '{"x": é}'],
  ["a byte that is not UTF-8", bytes('{"x": \xff}')],
  ["a control character", '{"x": \u0001}'],
  ["DEL", '{"x": \u007f}'],
  ["a lone byte 0xa0 (U+00A0, which strconv.Quote escapes)", bytes('{"x": \xa0}')],
  ["a lone byte 0x85", bytes('{"x": \x85}')],
  ["a byte order mark after the one the loader drops", bytes(`${BOM}${BOM}{}`)],
  ["10,001 nested arrays", `${"[".repeat(10001)}${"]".repeat(10001)}`],
  ["such bytes inside strings are U+FFFD", bytes('{"properties": {"a\xfe": {"const": "x\xfey"}}, "required": ["a\xfe"]}'), "a\xef\xbf\xbd: xy\n"],
];

describe("a values.schema.json that is not JSON", () => {
  it.each(NOT_JSON)("%s", (_name, schema, values = "a: 1\n") => {
    const [ours, helm] = both({ "values.yaml": values, "values.schema.json": schema, "templates/x.yaml": "k: v\n" });
    expect(ours).toEqual(helm);
  });
});
