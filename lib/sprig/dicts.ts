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
  // mergo allocates a nil destination map; a nil source adds nothing.
  return (dst: NilableMap, ...srcs: NilableMap[]): Value => {
    const out = dst ?? new Map();
    for (const src of srcs) if (src !== null) mergeInto(out, src, overwrite);
    return out;
  };
}

/**
 * A nil map argument (`keys nil`, `.Values.missing | keys`) reads as empty, as in Go. The value model
 * has no typed nil map, so functions returning one give an empty map: it prints `map[]` as Go does.
 */
type NilableMap = GoMap | null;
const entriesOf = (d: NilableMap): GoMap => d ?? new Map();

function set(d: NilableMap, k: string, v: Value): GoMap {
  if (d === null) throw new FuncError("assignment to entry in nil map");
  return d.set(k, v);
}

export const dictFuncs = {
  dict: goFunc([], dict, { variadic: "any" }),
  get: goFunc(["map", "string"], (d: NilableMap, k: string) => (d?.has(k) ? d.get(k)! : "")),
  set: goFunc(["map", "string", "any"], set),
  unset: goFunc(["map", "string"], (d: NilableMap, k: string) => (d?.delete(k), entriesOf(d))),
  hasKey: goFunc(["map", "string"], (d: NilableMap, k: string) => d?.has(k) ?? false),
  pluck: goFunc(["string"], (k: string, ...ds: NilableMap[]) => ds.filter((d) => d?.has(k)).map((d) => d!.get(k)!), { variadic: "map" }),
  keys: goFunc([], (...ds: NilableMap[]) => stringSlice(ds.flatMap((d) => sortedKeys(entriesOf(d)))), { variadic: "map" }),
  values: goFunc(["map"], (d: NilableMap) => sortedKeys(entriesOf(d)).map((k) => d!.get(k)!)),
  pick: goFunc(["map"], (d: NilableMap, ...ks: string[]) => new Map(ks.filter((k) => d?.has(k)).map((k) => [k, d!.get(k)!])), { variadic: "string" }),
  omit: goFunc(["map"], (d: NilableMap, ...ks: string[]) => new Map([...entriesOf(d)].filter(([k]) => !ks.includes(k))), { variadic: "string" }),
  merge: goFunc(["map"], merge(false), { variadic: "map" }),
  mustMerge: goFunc(["map"], merge(false), { variadic: "map" }),
  mergeOverwrite: goFunc(["map"], merge(true), { variadic: "map" }),
  mustMergeOverwrite: goFunc(["map"], merge(true), { variadic: "map" }),
  dig: goFunc([], dig, { variadic: "any" }),
};
