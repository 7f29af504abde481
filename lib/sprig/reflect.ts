/** Sprig's reflection helpers (reflect.go) and deep copy/equality over the value model. */
import { goFunc, GoInt, type GoMap, GoObject, goKindName, goTypeName, type Value, withGoType } from "../template/value";

/** Go's `reflect.DeepEqual` over the value model: types must match exactly (1 ≠ 1.0). */
export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (a instanceof GoInt) return a.value === (b as GoInt).value;
  if (a instanceof GoObject) return a.format() === (b as GoObject).format();
  if (a instanceof Uint8Array) {
    const bb = b as Uint8Array;
    return a.length === bb.length && a.every((x, i) => x === bb[i]);
  }
  if (a instanceof Map) {
    const bm = b as Map<string, Value>;
    if (a.size !== bm.size) return false;
    for (const [k, v] of a) if (!bm.has(k) || !deepEqual(v, bm.get(k)!)) return false;
    return true;
  }
  const bl = b as Value[];
  return a.length === bl.length && a.every((x, i) => deepEqual(x, bl[i]!));
}

/**
 * copystructure.Copy: maps and slices are copied, keeping their Go types. Each copy is made empty
 * and filled later from an explicit stack, as values nest thousands of levels deep.
 */
export function deepCopy(v: Value): Value {
  const froms: (Value[] | GoMap)[] = [];
  const tos: (Value[] | GoMap)[] = [];
  const copyOne = (x: Value): Value => {
    if (x instanceof Uint8Array) return x.slice();
    if (!Array.isArray(x) && !(x instanceof Map)) return x;
    const out = Array.isArray(x) ? [] : new Map<string, Value>();
    froms.push(x);
    tos.push(out);
    const type = goTypeName(x);
    return type === (Array.isArray(x) ? "[]interface {}" : "map[string]interface {}") ? out : withGoType(out, type);
  };
  const root = copyOne(v);
  for (let from = froms.pop(); from !== undefined; from = froms.pop()) {
    const to = tos.pop()!;
    if (Array.isArray(from)) for (const x of from) (to as Value[]).push(copyOne(x));
    else for (const [k, x] of from) (to as GoMap).set(k, copyOne(x));
  }
  return root;
}

/** typeIsLike also accepts a pointer to the named type. */
const typeIsLike = (target: string, v: Value): boolean => {
  const t = goTypeName(v);
  return t === target || t === `*${target}`;
};

export const reflectFuncs = {
  typeOf: goFunc(["any"], (v: Value) => goTypeName(v)),
  typeIs: goFunc(["string", "any"], (t: string, v: Value) => goTypeName(v) === t),
  typeIsLike: goFunc(["string", "any"], typeIsLike),
  kindOf: goFunc(["any"], (v: Value) => goKindName(v)),
  kindIs: goFunc(["string", "any"], (k: string, v: Value) => goKindName(v) === k),
  deepCopy: goFunc(["any"], deepCopy),
  mustDeepCopy: goFunc(["any"], deepCopy),
};

