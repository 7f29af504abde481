/**
 * sigs.k8s.io/yaml's Unmarshal into a Go struct (how Helm reads Chart.yaml): goyaml v2 decodes the
 * document, convertToJSONableObject turns numbers and booleans bound for string fields into strings
 * (ints in decimal, floats as float32 %g: `version: 1.0` is "1"), json.Marshal writes it and
 * encoding/json decodes that into the struct, matching keys to fields case-insensitively and
 * reporting the first type mismatch in key order.
 */
import { GoInt, formatFloat, sortedKeys, type GoMap, type Value } from "../../template/value";
import { YamlError, convertError, readingYaml } from "./errors";
import { decodeYamlTyped, formatFloat32 } from "./parse-yaml";

/** A Go field type, as far as encoding/json needs it. `name` is Go's spelling in error messages. */
export type GoFieldType =
  | { kind: "string" | "bool" | "any" }
  | { kind: "slice" | "map"; elem: GoFieldType; name: string }
  | { kind: "struct"; struct: GoStructType };

/** A Go struct: its name in field errors (`Metadata`), its type name (`v2.Metadata`) and its json fields. */
export interface GoStructType {
  name: string;
  typeName: string;
  fields: Record<string, GoFieldType>;
}

const UNMARSHAL = "error unmarshaling JSON: while decoding JSON: ";

function typeName(t: GoFieldType): string {
  switch (t.kind) {
    case "any":
      return "interface {}";
    case "slice":
    case "map":
      return t.name;
    case "struct":
      return t.struct.typeName;
    default:
      return t.kind;
  }
}

/** encoding/json's field lookup: the exact json name, else the first that matches ignoring case. */
function fieldFor(s: GoStructType, key: string): string | undefined {
  if (Object.hasOwn(s.fields, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(s.fields).find((f) => f.toLowerCase() === lower);
}

/** convertToJSONableObject: scalars bound for a string become strings; everything else is kept. */
function toJsonable(v: Value, t: GoFieldType | undefined): Value {
  if (v instanceof Map) {
    const out: GoMap = new Map();
    for (const [k, x] of v) {
      const f = t?.kind === "struct" ? fieldFor(t.struct, k) : undefined;
      out.set(k, toJsonable(x, t?.kind === "struct" ? (f === undefined ? undefined : t.struct.fields[f]) : t?.kind === "map" ? t.elem : undefined));
    }
    return out;
  }
  if (Array.isArray(v)) return v.map((x) => toJsonable(x, t?.kind === "slice" ? t.elem : undefined));
  if (t?.kind !== "string") return v;
  if (v instanceof GoInt) return v.value.toString();
  if (typeof v === "number") return formatFloat32(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return v;
}

/** json.Marshal's refusal of NaN and ±Inf, found in the order it writes (map keys sorted). */
function checkMarshal(v: Value): void {
  if (typeof v === "number" && !Number.isFinite(v)) throw convertError(new YamlError("UNSUPPORTED_VALUE", `json: unsupported value: ${formatFloat(v)}`));
  if (Array.isArray(v)) v.forEach(checkMarshal);
  else if (v instanceof Map) for (const k of sortedKeys(v)) checkMarshal(v.get(k) ?? null);
}

/** The JSON kind encoding/json names in a type error. */
function jsonKind(v: Value): string {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  if (v instanceof Map) return "object";
  return "number";
}

/** The JSON value as `interface{}` holds it: every number a float64. */
function anyValue(v: Value): Value {
  if (v instanceof GoInt) return Number(v.value);
  if (Array.isArray(v)) return v.map(anyValue);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, anyValue(x)]));
  return v;
}

interface Context {
  struct: string;
  path: string[];
}

/** json.Unmarshal of `v` into type `t`; null leaves the zero value (undefined here). */
function decodeInto(v: Value, t: GoFieldType, ctx: Context): Value | undefined {
  if (v === null) return undefined;
  const mismatch = () =>
    new YamlError(
      "WRONG_TYPE",
      `${UNMARSHAL}json: cannot unmarshal ${jsonKind(v)} into Go ${ctx.path.length > 0 ? `struct field ${ctx.struct}.${ctx.path.join(".")}` : "value"} of type ${typeName(t)}`,
    );
  switch (t.kind) {
    case "any":
      return anyValue(v);
    case "string":
      if (typeof v !== "string") throw mismatch();
      return v;
    case "bool":
      if (typeof v !== "boolean") throw mismatch();
      return v;
    case "slice":
      if (!Array.isArray(v)) throw mismatch();
      return v.map((x) => decodeInto(x, t.elem, ctx) ?? zero(t.elem));
    case "map": {
      if (!(v instanceof Map)) throw mismatch();
      const out: GoMap = new Map();
      for (const k of sortedKeys(v)) out.set(k, decodeInto(v.get(k) ?? null, t.elem, ctx) ?? zero(t.elem));
      return out;
    }
    case "struct": {
      if (!(v instanceof Map)) throw mismatch();
      const out: GoMap = new Map();
      for (const k of sortedKeys(v)) {
        const f = fieldFor(t.struct, k);
        if (f === undefined) continue;
        const x = decodeInto(v.get(k) ?? null, t.struct.fields[f]!, { struct: t.struct.name, path: [...ctx.path, f] });
        if (x !== undefined) out.set(f, x);
      }
      return out;
    }
  }
}

/** The zero value a JSON null leaves in a slice or map element (a nil pointer for a struct). */
function zero(t: GoFieldType): Value {
  if (t.kind === "string") return "";
  if (t.kind === "bool") return false;
  return null;
}

/**
 * sigs.k8s.io/yaml's Unmarshal of the first document of `text` into struct `s`: a map of the fields
 * present (by their json names), a JSON null leaving a field out. Throws `YamlError` with the text Helm
 * shows after its own prefix (`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal …`).
 */
export function unmarshalYamlStruct(text: string, s: GoStructType): GoMap {
  const v = readingYaml(() => decodeYamlTyped(text));
  const t: GoFieldType = { kind: "struct", struct: s };
  const json = toJsonable(v, t);
  checkMarshal(json);
  return (decodeInto(json, t, { struct: s.name, path: [] }) as GoMap | undefined) ?? new Map();
}
