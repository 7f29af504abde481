/**
 * Helm's toYaml: sigs.k8s.io/yaml's Marshal, which JSON-encodes the value (encoding/json), reads
 * that JSON back as YAML 1.1 (goyaml v2 picks int or float per number) and emits it with goyaml
 * v2, then Helm trims one trailing newline.
 */
import { base64Encode } from "../../sprig/encoding";
import { isGoStruct, isMarshaler, jsonStructFields, unmarshalJSON } from "../../sprig/json";
import { FuncError, GoInt, GoObject, formatFloat, isEscapedByte, isGoMapObject, isGoSliceObject, type Value, withReplacementChars } from "../../template/value";
import { emitDocument, type EmitNode, type ScalarNode } from "./emitter";
import { Pending } from "./encode-tree";
import { isPlainSafe } from "./resolve";
import { naturalSortKeys } from "./sort-keys";

const V2 = { bestWidth: 80, v3: false };
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
/** goyaml's max_flow_level: reading the JSON back fails past 10,000 nested brackets. */
const MAX_DEPTH = 10000;

/**
 * A value Helm's toYaml cannot marshal, with the error text mustToYaml gives: encoding/json's
 * (`error marshaling into JSON: json: unsupported value: NaN`) or goyaml's reading its JSON back.
 */
class MarshalError extends Error {}

const jsonError = (msg: string): MarshalError => new MarshalError(`error marshaling into JSON: ${msg}`);

/** What goyaml fails on reading the JSON back: reported only once encoding/json has written all of it. */
interface Reading {
  fault: string | undefined;
}

const plain = (text: string): ScalarNode => ({ kind: "scalar", text, style: "plain" });

/** encode.go's stringv: literal for multi-line text, plain when it reads back as the same string, else double-quoted. */
export function stringNode(s: string): ScalarNode {
  if (s.includes("\n")) return { kind: "scalar", text: s, style: "literal" };
  return { kind: "scalar", text: s, style: isPlainSafe(s) ? "plain" : "double" };
}

/**
 * A float64 after the JSON round trip: encoding/json writes integral values below 1e21 as
 * integer digits, which goyaml reads back as an int (or uint64) and prints as such; everything
 * else stays a float and prints with Go's %g (`1e+21`, `1e-07`).
 */
function floatText(f: number): string {
  if (!Number.isFinite(f)) throw jsonError(`json: unsupported value: ${formatFloat(f)}`);
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
function reread(text: string, r: Reading): string {
  // One scan for the usual string, which holds none of what the steps below look for.
  if (!REREAD.test(text)) return text;
  // encoding/json writes each byte that is not UTF-8 as \ufffd.
  const s = withReplacementChars(text);
  if (UNREADABLE.test(s)) r.fault ??= "yaml: control characters are not allowed";
  return s.includes("\u0085") ? s.replace(NEL_FOLD, (m) => foldNel(m)) : s;
}

/** Characters Go's JSON leaves raw but goyaml's reader rejects: DEL, C1 controls other than NEL, U+FFFE/FFFF. */
const UNREADABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;
/** What reread changes or rejects: the characters above, NEL, and escaped bytes (value.ts ESCAPED_BYTE). */
const REREAD = /[\x7f-\x9f\ufffe\uffff\uDC80-\uDCFF]/u;

const NEL_FOLD = / *\u0085[ \u0085]*/g;

function foldNel(m: string): string {
  let breaks = 0;
  for (const c of m) if (c === "\u0085") breaks++;
  return breaks === 1 ? " " : "\n".repeat(breaks - 1);
}

/**
 * Characters of a key as encoding/json writes it, quotes included: goyaml's reader counts characters
 * (mark.index goes up by one per character) and a simple key ends within 1024 of its start.
 */
function jsonKeyLength(k: string): number {
  let n = 2;
  for (const c of k) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp === 0x22 || cp === 0x5c || cp === 0x0a || cp === 0x0d || cp === 0x09) n += 2;
    // A byte that is not UTF-8 (escaped, value.ts) is written as \ufffd.
    else if (cp < 0x20 || cp === 0x3c || cp === 0x3e || cp === 0x26 || cp === 0x2028 || cp === 0x2029 || isEscapedByte(cp)) n += 6;
    else n += 1;
  }
  return n;
}

/**
 * A map key goyaml can read back from the JSON: one that stays on one line (no raw NEL) and is at
 * most 1024 characters long, goyaml's limit for a simple key. Otherwise Helm's toYaml fails.
 */
function checkKey(k: string, r: Reading): string {
  // One scan for the usual key: nothing to reject, and too short to pass 1024 (six characters per unit at most).
  if (k.length <= 170 && !REREAD.test(k)) return k;
  if (UNREADABLE.test(k)) r.fault ??= "yaml: control characters are not allowed";
  else if (k.includes("\u0085") || jsonKeyLength(k) > 1024) r.fault ??= "yaml: did not find expected ',' or '}'";
  return k;
}

/** The node of one value; a collection's entries are left pending. */
function encodeOne(v: Value, depth: number, r: Reading, pending: Pending): EmitNode {
  for (;;) {
    if (v === null) return plain("null");
    switch (typeof v) {
      case "boolean":
        return plain(v ? "true" : "false");
      case "string":
        return stringNode(reread(v, r));
      case "number":
        return plain(floatText(v));
    }
    if (v instanceof GoInt) return plain(v.value.toString());
    if (v instanceof Uint8Array) return stringNode(base64Encode(v));
    // Go objects as encoding/json writes them, read back as goyaml reads that JSON.
    if (isMarshaler(v)) v = unmarshalJSON(v.marshalJSON());
    else if (isGoMapObject(v)) v = v.map;
    else if (isGoSliceObject(v)) v = [...v.items];
    else if (v instanceof GoObject) {
      if (!isGoStruct(v)) throw jsonError(`json: unsupported type: ${v.goType}`);
      v = new Map(jsonStructFields(v));
    } else break;
  }
  if (depth >= MAX_DEPTH) r.fault ??= `yaml: exceeded max depth of ${MAX_DEPTH}`;
  if (Array.isArray(v)) return pending.seq(v, depth);
  const m = v;
  const keys = naturalSortKeys([...m.keys()].map((k) => checkKey(k, r)));
  return pending.map(
    keys.map((k) => stringNode(withReplacementChars(k))),
    keys.map((k) => m.get(k) ?? null),
    depth,
  );
}

/** encoding/json's output as goyaml reads it back; a fault of that reading counts only when encoding/json succeeds. */
function encode(root: Value): EmitNode {
  const r: Reading = { fault: undefined };
  const node = new Pending().run(root, (v, depth, pending) => encodeOne(v, depth, r, pending));
  if (r.fault !== undefined) throw new MarshalError(r.fault);
  return node;
}

function marshal(v: Value): string {
  const doc = emitDocument(encode(v), V2);
  return doc.endsWith("\n") ? doc.slice(0, -1) : doc;
}

/** Helm's `toYaml`: the YAML text without its final newline, or "" when the value cannot be marshalled. */
export function toYaml(v: Value): string {
  try {
    return marshal(v);
  } catch (e) {
    if (e instanceof MarshalError) return "";
    throw e;
  }
}

/** Helm v4's `mustToYaml`: as toYaml, but a marshalling failure is the function's error. */
export function mustToYaml(v: Value): string {
  try {
    return marshal(v);
  } catch (e) {
    if (e instanceof MarshalError) throw new FuncError(e.message);
    throw e;
  }
}
