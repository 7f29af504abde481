/**
 * Sprig's list functions (list.go). They take `interface{}` and accept any slice or array
 * (`[]interface{}`, `[]string` from splitList, `[]byte`); anything else fails with Sprig's text.
 * Sprig's plain and `must` variants fail alike: the plain one panics with the same error,
 * and the template engine reports a panic in a function as that function's error.
 */
import { FuncError, goFunc, GoInt, goKindName, goTypeName, isGoSliceObject, type Value, withGoType } from "../template/value";
import { deepEqual } from "./reflect";
import { toInt64 } from "./conversion";
import { intArg } from "./strings";

/** Go's panic text when reflect is asked for the type of a nil interface. */
const NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference";

/** The elements of a slice value, or undefined when it is not a slice. */
export function listItems(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt(b, "uint8"));
  if (isGoSliceObject(v)) return [...v.items];
  return undefined;
}

/** Sprig's "Cannot … on type KIND" error (KIND = reflect kind); a nil argument panics first. */
export function listKindError(format: string, v: Value): FuncError {
  if (v === null) return new FuncError(NIL_DEREF);
  return new FuncError(format.replace("%s", goKindName(v)));
}

function items(v: Value, format: string): Value[] {
  const l = listItems(v);
  if (!l) throw listKindError(format, v);
  return l;
}

const inList = (hay: Value[], needle: Value): boolean => hay.some((h) => deepEqual(needle, h));

function first(v: Value): Value {
  return items(v, "Cannot find first on type %s")[0] ?? null;
}
function last(v: Value): Value {
  const l = items(v, "Cannot find last on type %s");
  return l.length ? l[l.length - 1]! : null;
}
function rest(v: Value): Value {
  // An empty list gives Go's nil []interface{}, which still prints as [].
  return items(v, "Cannot find rest on type %s").slice(1);
}
function initial(v: Value): Value {
  return items(v, "Cannot find initial on type %s").slice(0, -1);
}
function reverse(v: Value): Value[] {
  return [...items(v, "Cannot find reverse on type %s")].reverse();
}
function uniq(v: Value): Value[] {
  const out: Value[] = [];
  for (const e of items(v, "Cannot find uniq on type %s")) if (!inList(out, e)) out.push(e);
  return out;
}
function without(v: Value, ...omit: Value[]): Value[] {
  return items(v, "Cannot find without on type %s").filter((e) => !inList(omit, e));
}
function has(needle: Value, hay: Value): boolean {
  if (hay === null) return false;
  return inList(items(hay, "Cannot find has on type %s"), needle);
}
function append(v: Value, e: Value): Value[] {
  return [...items(v, "Cannot push on type %s"), e];
}
function prepend(v: Value, e: Value): Value[] {
  return [e, ...items(v, "Cannot prepend on type %s")];
}

function chunk(size: GoInt, v: Value): Value[] {
  const l = items(v, "Cannot chunk type %s");
  const n = intArg(size);
  const count = Math.floor((l.length - 1) / n) + 1;
  if (!Number.isFinite(count) || count < 0) throw new FuncError("runtime error: makeslice: len out of range");
  const out: Value[] = [];
  for (let i = 0; i < count; i++) out.push(l.slice(i * n, i * n + n));
  return withGoType(out, "[][]interface {}");
}

/** Sprig's `slice`: reflect.Value.Slice, so the result keeps the list's Go type. */
function slice(v: Value, ...indices: Value[]): Value {
  const l = listItems(v);
  if (!l) {
    if (v === null) throw new FuncError(NIL_DEREF);
    throw new FuncError(`list should be type of slice or array but ${goKindName(v)}`);
  }
  if (l.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0]!)) : 0;
  const end = indices.length > 1 ? Number(toInt64(indices[1]!)) : l.length;
  if (start < 0 || end < start || end > l.length) throw new FuncError("reflect.Value.Slice: slice index out of bounds");
  if (v instanceof Uint8Array) return v.slice(start, end);
  const out = l.slice(start, end);
  const type = goTypeName(v);
  return type === "[]interface {}" ? out : withGoType(out, type);
}

function concat(...lists: Value[]): Value {
  const out: Value[] = [];
  for (const list of lists) {
    const l = listItems(list);
    if (!l) {
      if (list === null) throw new FuncError(NIL_DEREF);
      throw new FuncError(`Cannot concat type ${goKindName(list)} as list`);
    }
    out.push(...l);
  }
  return out;
}

export const listFuncs = {
  list: goFunc([], (...vs: Value[]) => vs, { variadic: "any" }),
  tuple: goFunc([], (...vs: Value[]) => vs, { variadic: "any" }),
  append: goFunc(["any", "any"], append),
  push: goFunc(["any", "any"], append),
  mustAppend: goFunc(["any", "any"], append),
  mustPush: goFunc(["any", "any"], append),
  prepend: goFunc(["any", "any"], prepend),
  mustPrepend: goFunc(["any", "any"], prepend),
  first: goFunc(["any"], first),
  mustFirst: goFunc(["any"], first),
  rest: goFunc(["any"], rest),
  mustRest: goFunc(["any"], rest),
  last: goFunc(["any"], last),
  mustLast: goFunc(["any"], last),
  initial: goFunc(["any"], initial),
  mustInitial: goFunc(["any"], initial),
  reverse: goFunc(["any"], reverse),
  mustReverse: goFunc(["any"], reverse),
  uniq: goFunc(["any"], uniq),
  mustUniq: goFunc(["any"], uniq),
  without: goFunc(["any"], without, { variadic: "any" }),
  mustWithout: goFunc(["any"], without, { variadic: "any" }),
  has: goFunc(["any", "any"], has),
  mustHas: goFunc(["any", "any"], has),
  slice: goFunc(["any"], slice, { variadic: "any" }),
  mustSlice: goFunc(["any"], slice, { variadic: "any" }),
  concat: goFunc([], concat, { variadic: "any" }),
  chunk: goFunc(["int", "any"], chunk),
  mustChunk: goFunc(["int", "any"], chunk),
};
