/**
 * Sprig's dict functions (dict.go). Dicts are `map[string]interface{}` and are mutated in place
 * by `set`, `unset`, `merge` and `mergeOverwrite`, as in Go.
 * `keys` and `values` follow Go's map iteration order, which is random; here they are sorted by
 * key, one of the orders Go can produce, so output is deterministic.
 */
import { FuncError, goFunc, type GoMap, goTypeName, isGoMap, sortedKeys, type Value } from "../template/value";
import { stringSlice, strval } from "./conversion";
import { isEmpty } from "./defaults";

/**
 * mergo's deepMerge of two map[string]interface{} (Sprig calls mergo.Merge / MergeWithOverwrite):
 * nested maps merge in place; a source value fills a missing or empty (zero) destination value;
 * with `overwrite`, every non-map source value replaces the destination, nil included.
 */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const [key, s] of src) {
    const d = dst.get(key);
    if (s === null) {
      if (overwrite) dst.set(key, null);
      continue;
    }
    if (isGoMap(s) && isGoMap(d)) mergeInto(d, s, overwrite);
    if (d !== undefined && !isEmpty(d)) {
      if (Array.isArray(s) || s instanceof Uint8Array) {
        if (overwrite) dst.set(key, s);
        continue;
      }
      if (isGoMap(s) && isGoMap(d)) continue;
    }
    if (overwrite || d === undefined || isEmpty(d)) dst.set(key, s);
  }
}

/** A `.(map[string]interface{})` type assertion, with Go's panic text when it fails. */
function assertMap(v: Value): GoMap {
  if (isGoMap(v) && goTypeName(v) === "map[string]interface {}") return v;
  const t = v === null ? "nil" : goTypeName(v);
  throw new FuncError(`interface conversion: interface {} is ${t}, not map[string]interface {}`);
}

function dig(...ps: Value[]): Value {
  if (ps.length < 3) throw new FuncError("dig needs at least three arguments");
  let dict = assertMap(ps[ps.length - 1]!);
  const def = ps[ps.length - 2]!;
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k === "string") return k;
    throw new FuncError(`interface conversion: interface {} is ${k === null ? "nil" : goTypeName(k)}, not string`);
  });
  for (let i = 0; ; i++) {
    const key = keys[i]!;
    if (!dict.has(key)) return def;
    const step = dict.get(key)!;
    if (i === keys.length - 1) return step;
    dict = assertMap(step);
  }
}

function dict(...vs: Value[]): GoMap {
  const out: GoMap = new Map();
  for (let i = 0; i < vs.length; i += 2) out.set(strval(vs[i]!), i + 1 < vs.length ? vs[i + 1]! : "");
  return out;
}

function merge(overwrite: boolean) {
  return (dst: GoMap, ...srcs: GoMap[]): Value => {
    for (const src of srcs) mergeInto(dst, src, overwrite);
    return dst;
  };
}

export const dictFuncs = {
  dict: goFunc([], dict, { variadic: "any" }),
  get: goFunc(["map", "string"], (d: GoMap, k: string) => (d.has(k) ? d.get(k)! : "")),
  set: goFunc(["map", "string", "any"], (d: GoMap, k: string, v: Value) => d.set(k, v)),
  unset: goFunc(["map", "string"], (d: GoMap, k: string) => (d.delete(k), d)),
  hasKey: goFunc(["map", "string"], (d: GoMap, k: string) => d.has(k)),
  pluck: goFunc(["string"], (k: string, ...ds: GoMap[]) => ds.filter((d) => d.has(k)).map((d) => d.get(k)!), { variadic: "map" }),
  keys: goFunc([], (...ds: GoMap[]) => stringSlice(ds.flatMap((d) => sortedKeys(d))), { variadic: "map" }),
  values: goFunc(["map"], (d: GoMap) => sortedKeys(d).map((k) => d.get(k)!)),
  pick: goFunc(["map"], (d: GoMap, ...ks: string[]) => new Map(ks.filter((k) => d.has(k)).map((k) => [k, d.get(k)!])), { variadic: "string" }),
  omit: goFunc(["map"], (d: GoMap, ...ks: string[]) => new Map([...d].filter(([k]) => !ks.includes(k))), { variadic: "string" }),
  merge: goFunc(["map"], merge(false), { variadic: "map" }),
  mustMerge: goFunc(["map"], merge(false), { variadic: "map" }),
  mergeOverwrite: goFunc(["map"], merge(true), { variadic: "map" }),
  mustMergeOverwrite: goFunc(["map"], merge(true), { variadic: "map" }),
  dig: goFunc([], dig, { variadic: "any" }),
};
