/** Sprig's reflection helpers (reflect.go) and deep copy/equality over the value model. */
import { goFunc, GoInt, type GoMap, GoObject, goKindName, goTypeName, type Value, withGoType } from "../template/value";

/** Go's `reflect.DeepEqual` over the value model: types must match exactly (1 ≠ 1.0). */
export function deepEqual(a: Value, b: Value): boolean {
  // Pairs still to compare, on an explicit stack: values nest thousands of levels deep.
  const pending: [Value, Value][] = [[a, b]];
  for (let p = pending.pop(); p !== undefined; p = pending.pop()) {
    const [x, y] = p;
    if (x === y) {
      if (typeof x === "number" && Number.isNaN(x)) return false;
      continue;
    }
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return false;
    if (goTypeName(x) !== goTypeName(y)) return false;
    if (x instanceof GoInt) {
      if (x.value !== (y as GoInt).value) return false;
    } else if (x instanceof GoObject) {
      if (x.format() !== (y as GoObject).format()) return false;
    } else if (x instanceof Uint8Array) {
      const yb = y as Uint8Array;
      if (x.length !== yb.length || !x.every((c, i) => c === yb[i])) return false;
    } else if (x instanceof Map) {
      const ym = y as Map<string, Value>;
      if (x.size !== ym.size) return false;
      for (const [k, v] of x) {
        if (!ym.has(k)) return false;
        pending.push([v, ym.get(k)!]);
      }
    } else {
      const yl = y as Value[];
      if (x.length !== yl.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i]!, yl[i]!]);
    }
  }
  return true;
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

