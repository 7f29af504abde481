/**
 * Chart defaults shared by every render instead of deep-copied into each one. A chart's values.yaml
 * (and the defaults import-values builds from it) is frozen once into SharedMaps and frozen arrays;
 * coalescing puts those subtrees into a render's values as they are and copies a map only where it
 * must change one (`own`). Templates may still change what they see (`set .Values.x …`, `merge`):
 * inside `withRollback` (tracked-map.ts) a SharedMap records its entries before its first change, and they are put
 * back when the render ends, so the change is seen by the rest of that render and by no other.
 * Anywhere else a change throws: nothing may alter the defaults by accident.
 */
import type { GoMap, Value } from "../template/value";
import { goTypeName, isGoMap } from "../template/value";
import type { ScalarEdit } from "./block-yaml";
import { journalChange, trackAs } from "./tracked-map";

const mapSet = Map.prototype.set;

function beforeChange(m: SharedMap): void {
  if (!journalChange(m)) throw new Error("chart defaults are shared by every render: copy a map (own) before changing it");
}

/** A map of frozen chart defaults: changes are undone when the render ends. */
export class SharedMap extends Map<string, Value> {
  override set(key: string, value: Value): this {
    beforeChange(this);
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    beforeChange(this);
    return super.delete(key);
  }
  override clear(): void {
    beforeChange(this);
    super.clear();
  }
}

// A shared map placed in a render that records reads is tracked until the render ends (tracked-map.ts).
trackAs(SharedMap.prototype);

const frozen = new WeakMap<GoMap, SharedMap>();

/** Frozen arrays of shared trees (a frozen array elsewhere is not known to hold only shared values). */
const sharedArrays = new WeakSet<readonly Value[]>();

/** A map or array being frozen: its children, and what they froze to so far. */
class Freezing {
  readonly out: Value[] = [];
  constructor(
    /** The map or array being frozen. */
    readonly source: GoMap | readonly Value[],
    /** The map's keys, or undefined for an array. */
    readonly keys: string[] | undefined,
    readonly items: readonly Value[],
    /** The previous reading's map or array at this place, when it has the same size. */
    readonly prev: SharedMap | readonly Value[] | undefined,
  ) {}

  /** The previous reading's child at position `i`. */
  prevAt(i: number): Value | undefined {
    if (this.prev === undefined) return undefined;
    return this.keys ? (this.prev as SharedMap).get(this.keys[i]!) : (this.prev as readonly Value[])[i];
  }

  /** The frozen map or array: the previous one when every child froze to its very child (and a map's keys are in the same order). */
  done(): Value {
    const { keys, out } = this;
    if (keys) {
      const p = this.prev as SharedMap | undefined;
      let i = 0;
      let same = p !== undefined;
      for (const k of p?.keys() ?? []) if (k !== keys[i] || out[i++] !== p!.get(k)) same = false;
      if (same) return p!;
      const m = new SharedMap();
      for (let j = 0; j < keys.length; j++) mapSet.call(m, keys[j], out[j]);
      return m;
    }
    const p = this.prev as Value[] | undefined;
    if (p !== undefined && out.every((x, j) => x === p[j])) return p;
    const a = Object.freeze(out) as Value[];
    sharedArrays.add(a);
    return a;
  }
}

/**
 * What freezing a tree whose maps and lists may sit at several places (coalesced values: Helm copies
 * globals shallowly) keeps track of: each one's frozen copy, so that it is one object at all its places,
 * and the previous tree's objects already taken, so that no two become one.
 */
interface Aliases {
  frozen: Map<object, Value>;
  taken: Set<Value>;
}

/** The maps and lists made or reused by freezing with aliases (internCoalesced). */
const interned = new WeakSet<object>();

/**
 * `v` as it is (a scalar or a shared subtree), its frozen copy made already, or a map or array to freeze.
 * With `aliases`, undefined for a map or list of a type other than Go's plain ones: `internCoalesced`
 * leaves such a tree as it is.
 */
function startFreeze(v: Value, prev: Value | undefined, aliases: Aliases | undefined): Value | Freezing | undefined {
  if (isShared(v)) return v;
  if (!isGoMap(v) && !Array.isArray(v)) return v;
  let p = prev;
  if (aliases !== undefined) {
    const f = aliases.frozen.get(v as object);
    if (f !== undefined) return f;
    if (Object.getPrototypeOf(v) !== (isGoMap(v) ? Map.prototype : Array.prototype) || goTypeName(v) !== (isGoMap(v) ? "map[string]interface {}" : "[]interface {}")) return undefined;
    // Only a map or list this freezing made can stand for one: a shared one may sit elsewhere in `v` too.
    if (p !== undefined && (aliases.taken.has(p) || !interned.has(p as object))) p = undefined;
  }
  if (isGoMap(v)) return new Freezing(v, [...v.keys()], [...v.values()], p instanceof SharedMap && p.size === v.size ? p : undefined);
  return new Freezing(v, undefined, v, Array.isArray(p) && sharedArrays.has(p) && p.length === v.length ? p : undefined);
}

/**
 * `v` frozen, reusing `prev`'s subtrees where they are the same (same keys in the same order, same
 * scalars), and shared subtrees of `v` itself as they are. An explicit stack, as values may nest
 * as deep as YAML lets them (10000 levels). With `aliases`, a map or list at several places of `v`
 * is one frozen object at all of them, and `prev`'s subtrees are reused only where that keeps them apart
 * (undefined when `v` holds a map or list of another Go type, see startFreeze).
 */
function freeze(v: Value, prev?: Value, aliases?: Aliases): Value | undefined {
  const first = startFreeze(v, prev, aliases);
  if (!(first instanceof Freezing)) return first;
  const stack = [first];
  for (;;) {
    const f = stack[stack.length - 1]!;
    const i = f.out.length;
    if (i < f.items.length) {
      const c = startFreeze(f.items[i]!, f.prevAt(i), aliases);
      if (c === undefined) return undefined;
      if (c instanceof Freezing) stack.push(c);
      else f.out.push(c);
      continue;
    }
    stack.pop();
    const frozenValue = f.done();
    if (aliases !== undefined) {
      aliases.frozen.set(f.source, frozenValue);
      if (frozenValue === f.prev) aliases.taken.add(frozenValue);
      interned.add(frozenValue as object);
    }
    if (stack.length === 0) return frozenValue;
    stack[stack.length - 1]!.out.push(frozenValue);
  }
}

/** A frozen copy of a values tree, made once per tree (by identity: the tree must not change afterwards). */
export function sharedValues(v: GoMap): SharedMap {
  if (v instanceof SharedMap) return v;
  let m = frozen.get(v);
  if (m === undefined) {
    m = freeze(v) as SharedMap;
    frozen.set(v, m);
  }
  return m;
}

/**
 * A frozen copy of a freshly parsed values tree that reuses `prev`'s subtrees where they are the same:
 * re-reading an edited values text yields the very objects of the last reading wherever it is
 * unchanged, so what was computed from them (schema verdicts, coalesced subtrees) is found again.
 */
export const internValues = (fresh: GoMap, prev: GoMap | undefined): SharedMap => freeze(fresh, prev) as SharedMap;

/**
 * `tree` with the values at the paths of `edits` replaced (each path's maps all shared maps of `tree`):
 * new shared maps along the paths, every other subtree the very one of `tree`, as freezing a fresh
 * reading of the edited text against `tree` would give. Undefined when a path does not lead through maps.
 */
export function withValuesAt(tree: SharedMap, edits: readonly ScalarEdit[]): SharedMap | undefined {
  // The maps copied so far, by the map they copy (a copy maps to itself).
  const copies = new Map<GoMap, SharedMap>();
  const copy = (m: SharedMap): SharedMap => {
    let c = copies.get(m);
    if (c === undefined) {
      c = new SharedMap();
      for (const [k, v] of m) mapSet.call(c, k, v);
      copies.set(m, c);
      copies.set(c, c);
    }
    return c;
  };
  let top = tree;
  for (const [path, value] of edits) {
    let m: Value = top;
    for (const k of path) {
      if (!(m instanceof SharedMap)) return undefined;
      m = m.get(k) ?? null;
    }
    if (Object.is(m, value)) continue;
    top = copy(top);
    let at = top;
    for (const k of path.slice(0, -1)) {
      const c = copy(at.get(k) as SharedMap);
      mapSet.call(at, k, c);
      at = c;
    }
    mapSet.call(at, path[path.length - 1], value);
  }
  return top;
}

/**
 * Coalesced values frozen against the previous render's (`prev`, frozen by this function): what did not
 * change is the very tree of the last render, so what is remembered of shared maps (schema verdicts,
 * toYaml, the template reuse's comparison) answers for it. A map at several places stays one map (a
 * template's change through one place is seen through the others, as in Helm), and changes are put back
 * after the render (withRollback). `values` as it is when a map or list in it has another Go type.
 */
export function internCoalesced(values: GoMap, prev: SharedMap | undefined): GoMap {
  return (freeze(values, prev, { frozen: new Map(), taken: new Set() }) as SharedMap | undefined) ?? values;
}

/** Whether `v` is a shared map or array. */
export const isShared = (v: Value): boolean => v instanceof SharedMap || (Array.isArray(v) && sharedArrays.has(v));

/**
 * A deep copy of a values tree: maps and arrays are copied (shared ones too, unless `keepShared`),
 * scalars and objects are kept, as copystructure does. An explicit stack of (original, copy still
 * empty) pairs: values nest 9,999 deep (--set-json too).
 */
export function copyValues<T extends Value>(v: T, keepShared: boolean): T {
  const empty = (x: Value): Value => (keepShared && isShared(x) ? x : isGoMap(x) ? new Map() : Array.isArray(x) ? [] : x);
  const root = empty(v);
  if (root === v) return v;
  const stack: Value[] = [v, root];
  while (stack.length > 0) {
    const to = stack.pop()!;
    const from = stack.pop()!;
    if (isGoMap(from)) {
      for (const [k, x] of from) {
        const c = empty(x);
        (to as GoMap).set(k, c);
        if (c !== x) stack.push(x, c);
      }
    } else {
      for (const x of from as Value[]) {
        const c = empty(x);
        (to as Value[]).push(c);
        if (c !== x) stack.push(x, c);
      }
    }
  }
  return root as T;
}

/** A copy of a values tree to change: plain maps and arrays are copied, shared subtrees kept (see own). */
export const copyPlain = <T extends Value>(v: T): T => copyValues(v, true);

/** `m`, or a plain shallow copy of it when it is shared: the map to change in its place. */
export const own = (m: GoMap): GoMap => (m instanceof SharedMap ? new Map(m) : m);
