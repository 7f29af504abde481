/**
 * Helm's toYaml: sigs.k8s.io/yaml's Marshal, which JSON-encodes the value (encoding/json), reads
 * that JSON back as YAML 1.1 (goyaml v2 picks int or float per number) and emits it with goyaml
 * v2, then Helm trims one trailing newline.
 */
import { FuncError, GoInt, GoObject, formatFloat, type Value } from "../../template/value";
import { emitDocument, type EmitNode } from "./emitter";
import { isPlainSafe } from "./resolve";
import { naturalSortKeys } from "./sort-keys";

const V2 = { bestWidth: 80, compactSequences: true };
const UINT64_MAX = (1n << 64n) - 1n;

/** A value encoding/json refuses (`json: unsupported value: NaN`, a struct we cannot see into). */
class JsonMarshalError extends Error {}

const plain = (text: string): EmitNode => ({ kind: "scalar", text, style: "plain" });

/** encode.go's stringv: literal for multi-line text, plain when it reads back as the same string, else double-quoted. */
export function stringNode(s: string): EmitNode {
  if (s.includes("\n")) return { kind: "scalar", text: s, style: "literal" };
  return { kind: "scalar", text: s, style: isPlainSafe(s) ? "plain" : "double" };
}

/**
 * A float64 after the JSON round trip: encoding/json writes integral values below 1e21 as
 * integer digits, which goyaml reads back as an int (or uint64) and prints as such; everything
 * else stays a float and prints with Go's %g (`1e+21`, `1e-07`).
 */
function floatText(f: number): string {
  if (!Number.isFinite(f)) throw new JsonMarshalError(`json: unsupported value: ${formatFloat(f)}`);
  if (Number.isInteger(f) && Math.abs(f) < 1e21) {
    const i = BigInt(f);
    if (i <= UINT64_MAX) return i.toString();
  }
  return formatFloat(f);
}

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function encode(v: Value, depth: number): EmitNode {
  if (depth > 10000) throw new JsonMarshalError("json: exceeded max depth");
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
  if (v instanceof Uint8Array) return stringNode(base64(v));
  if (v instanceof GoObject) throw new JsonMarshalError(`json: unsupported type: ${v.goType}`);
  if (Array.isArray(v)) return { kind: "seq", items: v.map((x) => encode(x, depth + 1)) };
  return {
    kind: "map",
    pairs: naturalSortKeys(v.keys()).map((k): [EmitNode, EmitNode] => [stringNode(k), encode(v.get(k) ?? null, depth + 1)]),
  };
}

function marshal(v: Value): string {
  const doc = emitDocument(encode(v, 0), V2);
  return doc.endsWith("\n") ? doc.slice(0, -1) : doc;
}

/** Helm's `toYaml`: the YAML text without its final newline, or "" when the value cannot be marshalled. */
export function toYaml(v: Value): string {
  try {
    return marshal(v);
  } catch (e) {
    if (e instanceof JsonMarshalError) return "";
    throw e;
  }
}

/** Helm v4's `mustToYaml`: as toYaml, but a marshalling failure is the function's error. */
export function mustToYaml(v: Value): string {
  try {
    return marshal(v);
  } catch (e) {
    if (e instanceof JsonMarshalError) throw new FuncError(`error marshaling into JSON: ${e.message}`);
    throw e;
  }
}
