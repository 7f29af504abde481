/**
 * Helm's template function map (pkg/engine/funcs.go): Sprig without env/expandenv, plus Helm's YAML,
 * JSON and TOML functions, `lookup` (always an empty map in `helm template`) and the DNS stub.
 * `include`, `tpl`, `required` and `fail` close over the template set, so engine.ts adds them.
 */
import { sprigFuncs } from "../sprig/index";
import { marshalJSON, unmarshalJSON } from "../sprig/json";
import type { GoFunc, GoMap, Value } from "../template/value";
import { FuncError, goFunc, isGoMap } from "../template/value";
import { fromToml, toToml } from "./toml/index";
import { fromYaml, fromYamlArray, mustToYaml, toYaml, toYamlPretty } from "./yaml/index";
import { SharedMap } from "./shared-values";
import { readTree, sharedChanged } from "./tracked-map";
import { changing, CHANGING } from "./include-cache";

/** json.Unmarshal into a map or slice target: the decoded value, or Go's error text. */
function unmarshalInto(text: string, want: "map" | "slice"): { value?: Value; error?: string } {
  let v: Value;
  try {
    v = unmarshalJSON(text);
  } catch (e) {
    if (e instanceof FuncError) return { error: e.message };
    throw e;
  }
  if (want === "map" ? isGoMap(v) || v === null : Array.isArray(v) || v === null) return { value: v };
  const kind = typeof v === "string" ? "string" : typeof v === "number" ? "number" : typeof v === "boolean" ? "bool" : Array.isArray(v) ? "array" : "object";
  return { error: `json: cannot unmarshal ${kind} into Go value of type ${want === "map" ? "map[string]interface {}" : "[]interface {}"}` };
}

/**
 * `fn` answered from memory for a shared chart-defaults map (shared-values.ts): such a map is the same
 * in every render until a template changes a shared map, and then the memory is not used.
 */
function sharedMemo(fn: (v: Value) => string): (v: Value) => string {
  const memo = new WeakMap<SharedMap, string>();
  return (v) => {
    if (!(v instanceof SharedMap) || sharedChanged()) return fn(v);
    let text = memo.get(v);
    if (text === undefined) memo.set(v, (text = fn(v)));
    // Answered without walking the map: the running template still depends on all of it.
    else readTree(v);
    return text;
  };
}

const helmExtras: Record<string, GoFunc> = {
  toToml: goFunc(["any"], (v: Value) => toToml(v), { result: "string" }),
  fromToml: goFunc(["string"], (s: string) => fromToml(s), { result: "map" }),
  toYaml: goFunc(["any"], sharedMemo(toYaml), { result: "string" }),
  mustToYaml: goFunc(["any"], (v: Value) => mustToYaml(v), { result: "string" }),
  toYamlPretty: goFunc(["any"], (v: Value) => toYamlPretty(v), { result: "string" }),
  fromYaml: goFunc(["string"], (s: string) => fromYaml(s), { result: "map" }),
  fromYamlArray: goFunc(["string"], (s: string) => fromYamlArray(s), { result: "[]any" }),
  toJson: goFunc(
    ["any"],
    sharedMemo((v: Value) => {
      try {
        return marshalJSON(v);
      } catch (e) {
        if (e instanceof FuncError) return "";
        throw e;
      }
    }),
    { result: "string" },
  ),
  mustToJson: goFunc(["any"], (v: Value) => marshalJSON(v), { result: "string" }),
  fromJson: goFunc(
    ["string"],
    (s: string) => {
      const r = unmarshalInto(s, "map");
      if (r.error !== undefined) return new Map([["Error", r.error]]);
      return isGoMap(r.value) ? r.value : new Map();
    },
    { result: "map" },
  ),
  fromJsonArray: goFunc(
    ["string"],
    (s: string) => {
      const r = unmarshalInto(s, "slice");
      if (r.error !== undefined) return [r.error];
      return Array.isArray(r.value) ? r.value : [];
    },
    { result: "[]any" },
  ),
  lookup: goFunc(["string", "string", "string", "string"], () => new Map() as GoMap, { result: "map" }),
  getHostByName: goFunc(["string"], () => "", { result: "string" }),
};

let cached: Map<string, GoFunc> | undefined;

/** The function map without the set-bound functions (shared; never mutate it). */
export function helmFuncs(): ReadonlyMap<string, GoFunc> {
  if (!cached) {
    const f = new Map(sprigFuncs());
    f.delete("env");
    f.delete("expandenv");
    for (const [k, v] of Object.entries(helmExtras)) f.set(k, v);
    // Results of includes recorded before a map changes are void after it.
    for (const k of CHANGING) f.set(k, changing(f.get(k)!));
    cached = f;
  }
  return cached;
}
