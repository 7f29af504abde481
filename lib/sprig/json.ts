/**
 * Go's encoding/json over the value model: Marshal (what Sprig's and Helm's toJson print) and
 * Unmarshal into interface{} (numbers become float64), with Go's exact error texts.
 */
import { FuncError, goFunc, GoComplex, GoInt, GoObject, type GoMap, isEscapedByte, isGoMapObject, isGoSliceObject, sortedKeys, utf8Bytes, type Value } from "../template/value";
import { goQuote } from "../template/token";
import { base64Encode } from "./encoding";

/** A value that implements json.Marshaler (time.Time, *semver.Version, a nil map[string]string). */
export interface JSONMarshaler {
  marshalJSON(): string;
}
export const isMarshaler = (v: object): v is JSONMarshaler => typeof (v as Partial<JSONMarshaler>).marshalJSON === "function";

/** One exported field of a Go struct: its Go name, the key its json tag gives it, and the tag's omitempty. */
export interface StructField {
  goName: string;
  jsonName: string;
  omitEmpty?: boolean;
  value: Value;
}

/** A GoObject whose Go type is a struct without MarshalJSON (Helm's .Capabilities): encoding/json reflects over its fields. */
export interface GoStruct {
  structFields(): readonly StructField[];
}
export const isGoStruct = (v: object): v is GoStruct => typeof (v as Partial<GoStruct>).structFields === "function";

/** encoding/json's isEmptyValue, for omitempty. */
function isEmptyValue(v: Value): boolean {
  if (v === null || v === "" || v === false || v === 0) return true;
  if (v instanceof GoInt) return v.value === 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  return v instanceof Map && v.size === 0;
}

/** The [key, value] pairs encoding/json writes for a struct, in declaration order. */
export function jsonStructFields(s: GoStruct): [string, Value][] {
  return s.structFields().flatMap((f): [string, Value][] => (f.omitEmpty && isEmptyValue(f.value) ? [] : [[f.jsonName, f.value]]));
}

export interface MarshalOptions {
  /** Escape `<`, `>` and `&` as \u003c… (json.Marshal does; toRawJson's Encoder does not). Default: true. */
  escapeHTML?: boolean;
  /** Indent unit of json.MarshalIndent(v, "", indent). Default: no indentation. */
  indent?: string;
}

// What jsonString may have to escape or replace (HTML characters even when not escaping them: the slow path decides).
const NEEDS_ESCAPE = /["\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]/;

/** Go's JSON string encoding (Go ≥ 1.22: \b and \f get short escapes). */
export function jsonString(s: string, escapeHTML = true): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c < 0x20) {
      const short: Record<number, string> = { 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t" };
      out += short[c] ?? `\\u00${c.toString(16).padStart(2, "0")}`;
    } else if (escapeHTML && (ch === "<" || ch === ">" || ch === "&")) out += `\\u00${c.toString(16)}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // A byte that is not UTF-8 (escaped, value.ts) is written as the escape \ufffd, as Go does; any
      // other lone surrogate is U+FFFD itself in the value model.
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1]!;
        i++;
      } else out += isEscapedByte(c) ? "\\ufffd" : "\ufffd";
    } else out += ch;
  }
  return out + '"';
}

/** Go's float64 JSON form: decimal unless |f| < 1e-6 or ≥ 1e21, exponent without padding. */
export function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new FuncError(`json: unsupported value: ${Number.isNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf"}`);
  if (Object.is(f, -0)) return "-0";
  // JS switches to exponent form at exactly Go's thresholds and also omits the padding.
  return String(f);
}

/** encoding/json's scanner (json.Indent, json.Unmarshal) refuses more than 10,000 nested arrays and objects. */
const MAX_NESTING = 10000;

/**
 * json.Marshal / json.MarshalIndent / Encoder.Encode (without the newline). Throws FuncError.
 * Arrays and objects being written sit on an explicit stack: Go writes values nested any depth.
 */
export function marshalJSON(v: Value, opts: MarshalOptions = {}): string {
  const escapeHTML = opts.escapeHTML ?? true;
  const indent = opts.indent ?? "";
  const sep = indent ? ": " : ":";
  // The open arrays and objects, innermost last: their entries, their keys (null for an array), the next entry.
  const entries: (readonly Value[])[] = [];
  const keys: (readonly string[] | null)[] = [];
  const next: number[] = [];
  /** MarshalIndent's json.Indent fails on the first bracket past the scanner's depth, once Marshal has succeeded. */
  let tooDeep = "";
  let out = "";
  let x = v;
  for (;;) {
    out += scalarOrOpen(x);
    // Closes finished arrays and objects and starts the next entry, if any is left.
    for (;;) {
      const d = next.length;
      if (d === 0) {
        if (tooDeep) throw new FuncError(`invalid character '${tooDeep}' exceeded max depth`);
        return out;
      }
      const i = next[d - 1]!;
      const ks = keys[d - 1]!;
      if (i === entries[d - 1]!.length) {
        out += `${indent ? "\n" + indent.repeat(d - 1) : ""}${ks ? "}" : "]"}`;
        entries.pop();
        keys.pop();
        next.pop();
        continue;
      }
      next[d - 1] = i + 1;
      // Appended piece by piece: no array of parts to join (toJson runs on every render's values).
      out += `${i === 0 ? "" : ","}${indent ? "\n" + indent.repeat(d) : ""}${ks ? jsonString(ks[i]!, escapeHTML) + sep : ""}`;
      x = entries[d - 1]![i]!;
      break;
    }
  }

  /** The text of a scalar; or an array or object's opening (its entries are written next), or `[]`, `{}`. */
  function scalarOrOpen(x: Value): string {
    for (;;) {
      if (x === null) return "null";
      switch (typeof x) {
        case "boolean":
          return x ? "true" : "false";
        case "string":
          return jsonString(x, escapeHTML);
        case "number":
          return jsonFloat(x);
      }
      if (x instanceof GoInt) return x.value.toString();
      if (x instanceof Uint8Array) return `"${base64Encode(x)}"`;
      // Go asks for json.Marshaler first, then encodes a named map or slice type as its underlying value.
      if (isMarshaler(x)) return x.marshalJSON();
      if (x instanceof GoComplex) throw new FuncError("json: unsupported type: complex128");
      if (isGoMapObject(x)) x = x.map;
      else if (isGoSliceObject(x)) x = [...x.items];
      else break;
    }
    let ks: readonly string[] | null = null;
    let vs: readonly Value[];
    if (x instanceof GoObject) {
      if (!isGoStruct(x)) return "{}";
      const fields = jsonStructFields(x);
      ks = fields.map((f) => f[0]);
      vs = fields.map((f) => f[1]);
    } else if (Array.isArray(x)) vs = x;
    else {
      const m = x as GoMap;
      ks = sortedKeys(m);
      vs = ks.map((k) => m.get(k)!);
    }
    const open = ks ? "{" : "[";
    if (indent && !tooDeep && next.length >= MAX_NESTING) tooDeep = open;
    if (vs.length === 0) return ks ? "{}" : "[]";
    entries.push(vs);
    keys.push(ks);
    next.push(0);
    return open;
  }
}

/**
 * Go's quoteChar for scanner errors: the scanner reads bytes and names the offending BYTE as the rune
 * of that number, as strconv.Quote prints it ('x', '\\x01', 'Ã' for the first byte of é, 'ÿ' for 0xff).
 */
function quoteChar(text: string, i: number): string {
  const b = i >= text.length ? 0x20 : utf8Bytes(text.slice(i, i + 2))[0]!;
  if (b === 0x27) return `'\\''`;
  if (b === 0x22) return `'"'`;
  return `'${goQuote(String.fromCharCode(b)).slice(1, -1)}'`;
}

/** What a decoded JSON document is made of: numbers and objects as the reader builds them. */
export type JsonOf<N, O> = null | boolean | string | N | O | JsonOf<N, O>[];

/** How decodeJSON builds what it reads. */
export interface JsonReading<N, O> {
  /** A number from its literal (syntax already checked). */
  number(literal: string): N;
  /** An empty object, then each of its entries in order (a later one under the same key wins). */
  object(): O;
  put(object: O, key: string, value: JsonOf<N, O>): void;
  /**
   * Read as encoding/json's Decoder reads one value (santhosh-tekuri/jsonschema's UnmarshalJSON): a text
   * cut short is "unexpected EOF", no value at all "EOF", anything after the value one error. Otherwise as
   * json.Unmarshal: "unexpected end of JSON input", and the offending character after the value named.
   */
  stream?: boolean;
}

/**
 * encoding/json's decoding of one JSON text with Go's exact syntax errors (FuncError). Strings get U+FFFD
 * for bytes that are not UTF-8 and for lone surrogate escapes. Arrays and objects being read sit on an
 * explicit stack (Go reads any depth up to its scanner's limit).
 */
export function decodeJSON<N, O>(text: string, how: JsonReading<N, O>): JsonOf<N, O> {
  type J = JsonOf<N, O>;
  let i = 0;
  // At the end of input Go's scanner is fed a space: inside a number, literal or escape that is
  // "invalid character ' '"; anywhere else the space is skipped and the input just ended. The Decoder
  // reports any value cut short as "unexpected EOF".
  const fail = (context: string, eofAsSpace = false): never => {
    if (i >= text.length && (how.stream || !eofAsSpace)) throw new FuncError(how.stream ? "unexpected EOF" : "unexpected end of JSON input");
    throw new FuncError(`invalid character ${quoteChar(text, i)} ${context}`);
  };
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

  const str = (): string => {
    i++; // opening quote
    let out = "";
    for (;;) {
      if (i >= text.length) fail("");
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
      }
      if (c.charCodeAt(0) < 0x20) fail("in string literal");
      if (c !== "\\") {
        // A byte that is not UTF-8 is U+FFFD at once, so it never pairs with a \ud800 escape before it
        // (the low half of a character written as it is follows its high half).
        const before = text.charCodeAt(i - 1);
        out += isEscapedByte(c.charCodeAt(0)) && !(before >= 0xd800 && before <= 0xdbff) ? "\ufffd" : c;
        i++;
        continue;
      }
      i++;
      const e = text[i];
      if (e === undefined) fail("in string escape code", true);
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e! in simple) {
        out += simple[e!];
        i++;
      } else if (e === "u") {
        i++;
        for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? "")) fail("in \\u hexadecimal character escape", true);
        out += String.fromCharCode(parseInt(text.slice(i - 4, i), 16));
      } else fail("in string escape code");
    }
  };

  const num = (): N => {
    const start = i;
    if (text[i] === "-") {
      i++;
      if (!isDigit(text[i])) fail("in numeric literal", true);
    }
    if (text[i] === "0") i++;
    else while (isDigit(text[i])) i++;
    if (text[i] === ".") {
      i++;
      if (!isDigit(text[i])) fail("after decimal point in numeric literal", true);
      while (isDigit(text[i])) i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!isDigit(text[i])) fail("in exponent of numeric literal", true);
      while (isDigit(text[i])) i++;
    }
    return how.number(text.slice(start, i));
  };

  const literal = (word: string, v: J): J => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (text[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word, k)})`, true);
    }
    i++;
    return v;
  };

  /** A string, number or literal at `i`. */
  const scalar = (): J => {
    const c = text[i];
    if (c === '"') return str();
    if (c === "-" || isDigit(c)) return num();
    if (c === "t") return literal("true", true);
    if (c === "f") return literal("false", false);
    if (c === "n") return literal("null", null);
    return fail("looking for beginning of value");
  };
  /** An object key and its colon. */
  const key = (): string => {
    if (text[i] !== '"') fail("looking for beginning of object key string");
    const k = str();
    ws();
    if (text[i] !== ":") fail("after object key");
    i++;
    return k;
  };

  ws();
  if (how.stream && i >= text.length) throw new FuncError("EOF");
  // The open arrays and objects, innermost last, and for each object the key whose value is being read.
  const open: (O | J[])[] = [];
  const keys: string[] = [];
  for (;;) {
    ws();
    const c = text[i];
    let v: J;
    if (c === "{" || c === "[") {
      if (open.length >= MAX_NESTING) throw new FuncError(`invalid character '${c}' exceeded max depth`);
      i++;
      ws();
      if (text[i] === (c === "{" ? "}" : "]")) {
        i++;
        v = c === "{" ? how.object() : [];
      } else {
        keys.push(c === "{" ? key() : "");
        open.push(c === "{" ? how.object() : []);
        continue;
      }
    } else v = scalar();
    // Puts v in its array or object, closing those that end after it, until one goes on or none is left.
    for (;;) {
      const top = open.at(-1);
      if (top === undefined) {
        ws();
        if (i < text.length) {
          if (how.stream) throw new FuncError("invalid character after top-level value");
          fail("after top-level value");
        }
        return v;
      }
      if (Array.isArray(top)) top.push(v);
      else how.put(top, keys.at(-1)!, v);
      ws();
      if (text[i] === ",") {
        i++;
        if (!Array.isArray(top)) {
          ws();
          keys[keys.length - 1] = key();
        }
        break;
      }
      if (text[i] !== (Array.isArray(top) ? "]" : "}")) fail(Array.isArray(top) ? "after array element" : "after object key:value pair");
      i++;
      v = top;
      open.pop();
      keys.pop();
    }
  }
}

/**
 * json.Unmarshal into interface{} (numbers float64, objects maps); throws FuncError with Go's message.
 * A number too large for a float64 fails only once the whole text has passed the syntax check, as in Go.
 */
export function unmarshalJSON(text: string): Value {
  let tooLarge: string | undefined;
  const v = decodeJSON<number, GoMap>(text, {
    number(lit) {
      const f = Number(lit);
      if (!Number.isFinite(f)) tooLarge ??= lit;
      return f;
    },
    object: () => new Map(),
    put: (m, k, x) => m.set(k, x),
  });
  if (tooLarge !== undefined) throw new FuncError(`json: cannot unmarshal number ${tooLarge} into Go value of type float64`);
  return v;
}

/** Runs a marshal and maps a failure to Sprig's non-must result. */
function orEmpty(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof FuncError) return "";
    throw e;
  }
}

export const jsonFuncs = {
  toJson: goFunc(["any"], (v: Value) => orEmpty(() => marshalJSON(v))),
  mustToJson: goFunc(["any"], (v: Value) => marshalJSON(v)),
  toPrettyJson: goFunc(["any"], (v: Value) => orEmpty(() => marshalJSON(v, { indent: "  " }))),
  mustToPrettyJson: goFunc(["any"], (v: Value) => marshalJSON(v, { indent: "  " })),
  // Sprig's toRawJson panics on error, so it fails just like mustToRawJson.
  toRawJson: goFunc(["any"], (v: Value) => marshalJSON(v, { escapeHTML: false })),
  mustToRawJson: goFunc(["any"], (v: Value) => marshalJSON(v, { escapeHTML: false })),
  fromJson: goFunc(["string"], (s: string) => {
    try {
      return unmarshalJSON(s);
    } catch (e) {
      if (e instanceof FuncError) return null;
      throw e;
    }
  }),
  mustFromJson: goFunc(["string"], (s: string) => unmarshalJSON(s)),
};
