/**
 * values.schema.json as santhosh-tekuri/jsonschema reads it (`UnmarshalJSON` with `UseNumber`): numbers
 * keep their literal text (`const: 1.50` prints `value must be 1.50`), objects are null-prototype
 * records so `__proto__` is only a key.
 */
import { SchemaError } from "./schema-error";

/** A JSON number as written in the schema (Go's json.Number). */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type Json = null | boolean | string | JsonNumber | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export const isJsonObject = (v: Json | undefined): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SPACE = /[ \t\n\r]*/y;

export function parseSchemaJson(text: string): Json {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SchemaError("SCHEMA_JSON", `invalid JSON in values.schema.json at offset ${pos}: ${what}`);
  };
  const space = (): void => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
  };
  const token = (re: RegExp): string | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return null;
    pos += m[0].length;
    return m[0];
  };
  const value = (): Json => {
    space();
    const c = text[pos];
    if (c === "{") {
      pos++;
      const obj: JsonObject = Object.create(null) as JsonObject;
      space();
      if (text[pos] === "}") {
        pos++;
        return obj;
      }
      for (;;) {
        space();
        const k = token(STRING);
        if (k === null) return fail("expected an object key");
        space();
        if (text[pos++] !== ":") return fail("expected ':'");
        Object.defineProperty(obj, JSON.parse(k) as string, { value: value(), enumerable: true, writable: true, configurable: true });
        space();
        const sep = text[pos++];
        if (sep === "}") return obj;
        if (sep !== ",") return fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      pos++;
      const arr: Json[] = [];
      space();
      if (text[pos] === "]") {
        pos++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        space();
        const sep = text[pos++];
        if (sep === "]") return arr;
        if (sep !== ",") return fail("expected ',' or ']'");
      }
    }
    if (c === '"') {
      const s = token(STRING);
      return s === null ? fail("bad string") : (JSON.parse(s) as string);
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    const n = token(NUMBER);
    return n === null ? fail("unexpected character") : new JsonNumber(n);
  };
  const out = value();
  space();
  if (pos !== text.length) fail("trailing data");
  return out;
}
