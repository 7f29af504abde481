/**
 * values.schema.json as santhosh-tekuri/jsonschema reads it (`UnmarshalJSON`: encoding/json's Decoder
 * with `UseNumber`): numbers keep their literal text (`const: 1.50` prints `value must be 1.50`),
 * objects are null-prototype records so `__proto__` is only a key.
 */
import { decodeJSON } from "../../sprig/json";
import { FuncError } from "../../template/value";
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

/** The schema document, or SchemaError SCHEMA_JSON with encoding/json's (or UnmarshalJSON's) error text. */
export function parseSchemaJson(text: string): Json {
  try {
    return decodeJSON<JsonNumber, JsonObject>(text, {
      number: (lit) => new JsonNumber(lit),
      object: () => Object.create(null) as JsonObject,
      put: (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }),
      stream: true,
    });
  } catch (e) {
    if (e instanceof FuncError) throw new SchemaError("SCHEMA_JSON", e.message);
    throw e;
  }
}
