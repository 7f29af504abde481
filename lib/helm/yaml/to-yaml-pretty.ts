/**
 * Helm's toYamlPretty: goyaml v3's encoder with indent 2 run directly on the Go value (no JSON
 * step), so floats keep Go's %g form (`1e+06`), ints stay ints, sequences are indented under their
 * key and long lines are not folded.
 */
import { isGoStruct, isMarshaler, unmarshalJSON } from "../../sprig/json";
import { GoInt, GoObject, formatFloat, isGoMapObject, isGoSliceObject, type Value } from "../../template/value";
import { emitDocument, type EmitNode } from "./emitter";
import { Pending } from "./encode-tree";
import { naturalSortKeys } from "./sort-keys";
import { stringNode } from "./to-yaml";

const V3 = { bestWidth: Number.POSITIVE_INFINITY, v3: true };

class UnsupportedValue extends Error {}

const plain = (text: string): EmitNode => ({ kind: "scalar", text, style: "plain" });

function floatText(f: number): string {
  if (Number.isNaN(f)) return ".nan";
  if (f === Infinity) return ".inf";
  if (f === -Infinity) return "-.inf";
  return formatFloat(f);
}

/** The node of one value; a collection's entries are left pending (goyaml v3's encoder has no depth limit). */
function encodeOne(v: Value, depth: number, pending: Pending): EmitNode {
  if (v === null) return plain("null");
  switch (typeof v) {
    case "boolean":
      return plain(v ? "true" : "false");
    case "string":
      return stringNode(v);
    case "number":
      return plain(floatText(v));
  }
  if (v instanceof GoInt) return plain(v.value.toString());
  if (v instanceof Uint8Array) return { kind: "seq", items: Array.from(v, (b) => plain(String(b))) };
  // Named map and slice types encode as their underlying value; goyaml v3 ignores json tags.
  if (isGoMapObject(v)) return encodeOne(v.map, depth, pending);
  if (isGoSliceObject(v)) return pending.seq([...v.items], depth);
  if (v instanceof GoObject) {
    if (isGoStruct(v)) {
      // A struct's fields keep their declaration order, keyed by the lowercased Go name.
      const fields = v.structFields();
      return pending.map(
        fields.map((f) => stringNode(f.goName.toLowerCase())),
        fields.map((f) => f.value),
        depth,
      );
    }
    if (!isMarshaler(v)) throw new UnsupportedValue(v.goType);
    // The JSON form of Sprig's time.Time and *semver.Version is their text: goyaml v3 writes a time
    // as a plain RFC 3339 timestamp and a version as a string (encoding.TextMarshaler).
    const data = unmarshalJSON(v.marshalJSON());
    if (typeof data !== "string") throw new UnsupportedValue(v.goType);
    return v.goType === "time.Time" ? plain(data) : stringNode(data);
  }
  if (Array.isArray(v)) return pending.seq(v, depth);
  const keys = naturalSortKeys(v.keys(), true);
  return pending.map(
    keys.map(stringNode),
    keys.map((k) => v.get(k) ?? null),
    depth,
  );
}

/** Helm's `toYamlPretty`: the YAML text without its final newline, or "" when the value cannot be encoded. */
export function toYamlPretty(v: Value): string {
  try {
    const doc = emitDocument(new Pending().run(v, encodeOne), V3);
    return doc.endsWith("\n") ? doc.slice(0, -1) : doc;
  } catch (e) {
    if (e instanceof UnsupportedValue) return "";
    throw e;
  }
}
