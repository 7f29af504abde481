/** Sprig's defaults and logic helpers (defaults.go): Go "emptiness", not template truthiness. */
import { goFunc, GoComplex, GoInt, GoObject, isGoMapObject, isGoSliceObject, type Value } from "../template/value";
import { listItems, listKindError } from "./lists";
import { deepEqual } from "./reflect";

/**
 * Sprig's `empty`: nil, zero numbers, false, and empty strings, slices and maps (named ones too). Structs and
 * non-nil pointers are never empty. (Unlike `isTrue`, this is the reflect-based definition
 * that `default`, `coalesce`, `compact` and `merge` share.)
 */
export function isEmpty(v: Value): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case "boolean":
      return !v;
    case "string":
      return v.length === 0;
    case "number":
      return v === 0;
  }
  if (v instanceof GoInt) return v.value === 0n;
  // Named map and slice types (Helm's .Files, .Capabilities.APIVersions) are empty by their length.
  if (isGoMapObject(v)) return v.map.size === 0;
  if (isGoSliceObject(v)) return v.items.length === 0;
  if (v instanceof GoComplex) return v.re === 0 && v.im === 0;
  if (v instanceof GoObject) return false;
  if (v instanceof Map) return v.size === 0;
  return v.length === 0;
}

/** mustCompact: the non-empty elements of a list. */
function compact(list: Value): Value[] {
  const items = listItems(list);
  if (!items) throw listKindError("Cannot compact on type %s", list);
  return items.filter((v) => !isEmpty(v));
}

export const defaultFuncs = {
  default: goFunc(["any"], (d: Value, ...given: Value[]) => (given.length === 0 || isEmpty(given[0]!) ? d : given[0]!), { variadic: "any" }),
  empty: goFunc(["any"], (v: Value) => isEmpty(v)),
  coalesce: goFunc([], (...vs: Value[]) => vs.find((v) => !isEmpty(v)) ?? null, { variadic: "any" }),
  all: goFunc([], (...vs: Value[]) => vs.every((v) => !isEmpty(v)), { variadic: "any" }),
  any: goFunc([], (...vs: Value[]) => vs.some((v) => !isEmpty(v)), { variadic: "any" }),
  compact: goFunc(["any"], compact),
  mustCompact: goFunc(["any"], compact),
  ternary: goFunc(["any", "any", "bool"], (vt: Value, vf: Value, v: boolean) => (v ? vt : vf)),
  deepEqual: goFunc(["any", "any"], (a: Value, b: Value) => deepEqual(a, b)),
};
