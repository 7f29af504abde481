/**
 * Helm's toYaml: sigs.k8s.io/yaml's Marshal, which JSON-encodes the value (encoding/json), reads
 * that JSON back as YAML 1.1 (goyaml v2 picks int or float per number) and emits it with goyaml
 * v2, then Helm trims one trailing newline.
 */
import { isGoStruct, isMarshaler, jsonStructFields, unmarshalJSON } from "../../sprig/json";
import { FuncError, GoInt, GoObject, formatFloat, isGoMapObject, isGoSliceObject, type Value } from "../../template/value";
import { emitDocument, type EmitNode } from "./emitter";
import { isPlainSafe } from "./resolve";
import { naturalSortKeys } from "./sort-keys";

const V2 = { bestWidth: 80, v3: false };
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);

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
    // JS prints integers below 1e21 as Go's AppendFloat(f, 'f', -1) does: shortest digits, then zeros.
    const text = Object.is(f, -0) ? "0" : String(f);
    const i = BigInt(text);
    if (i >= INT64_MIN && i <= UINT64_MAX) return text;
  }
  return formatFloat(f);
}

/**
 * A string after the JSON round trip. Go's JSON leaves U+0085 (NEL) unescaped, and goyaml reads a
 * raw NEL inside a double-quoted scalar as a line break and folds it (with the spaces around it).
 */
function reread(s: string): string {
  if (UNREADABLE.test(s)) throw new JsonMarshalError("yaml: control characters are not allowed");
  return s.includes("\u0085") ? s.replace(NEL_FOLD, (m) => foldNel(m)) : s;
}

/** Characters Go's JSON leaves raw but goyaml's reader rejects: DEL, C1 controls other than NEL, U+FFFE/FFFF. */
const UNREADABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

const NEL_FOLD = / *\u0085[ \u0085]*/g;

function foldNel(m: string): string {
  let breaks = 0;
  for (const c of m) if (c === "\u0085") breaks++;
  return breaks === 1 ? " " : "\n".repeat(breaks - 1);
}

/** Characters of a key as encoding/json writes it, quotes included (goyaml counts them for simple keys). */
function jsonKeyLength(k: string): number {
  let n = 2;
  for (const c of k) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp === 0x22 || cp === 0x5c || cp === 0x0a || cp === 0x0d || cp === 0x09) n += 2;
    else if (cp < 0x20 || cp === 0x3c || cp === 0x3e || cp === 0x26 || cp === 0x2028 || cp === 0x2029) n += 6;
    else n += 1;
  }
  return n;
}

/**
 * A map key goyaml can read back from the JSON: one that stays on one line (no raw NEL) and is at
 * most 1024 characters long, goyaml's limit for a simple key. Otherwise Helm's toYaml fails.
 */
function checkKey(k: string): string {
  if (UNREADABLE.test(k)) throw new JsonMarshalError("yaml: control characters are not allowed");
  if (k.includes("\u0085") || jsonKeyLength(k) > 1024) throw new JsonMarshalError("yaml: did not find expected ',' or '}'");
  return k;
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
      return stringNode(reread(v));
    case "number":
      return plain(floatText(v));
  }
  if (v instanceof GoInt) return plain(v.value.toString());
  if (v instanceof Uint8Array) return stringNode(base64(v));
  // Go objects as encoding/json writes them, read back as goyaml reads that JSON.
  if (isMarshaler(v)) return encode(unmarshalJSON(v.marshalJSON()), depth);
  if (isGoMapObject(v)) return encode(v.map, depth);
  if (isGoSliceObject(v)) return encode([...v.items], depth);
  if (v instanceof GoObject) {
    if (isGoStruct(v)) return encode(new Map(jsonStructFields(v)), depth);
    throw new JsonMarshalError(`json: unsupported type: ${v.goType}`);
  }
  if (Array.isArray(v)) return { kind: "seq", items: v.map((x) => encode(x, depth + 1)) };
  return {
    kind: "map",
    pairs: naturalSortKeys([...v.keys()].map(checkKey)).map((k): [EmitNode, EmitNode] => [stringNode(k), encode(v.get(k) ?? null, depth + 1)]),
  };
}

function marshal(v: Value): string {
  let doc: string;
  try {
    doc = emitDocument(encode(v, 0), V2);
  } catch (e) {
    // A value nested deeper than the JS stack allows; Helm's encoders have no such limit.
    if (e instanceof RangeError) throw new JsonMarshalError("value nested too deep");
    throw e;
  }
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
