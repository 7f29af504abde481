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
