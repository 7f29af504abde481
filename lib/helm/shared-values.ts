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
import { isGoMap } from "../template/value";
import { journalChange, TrackedMap } from "./tracked-map";

const mapSet = Map.prototype.set;

function beforeChange(m: SharedMap): void {
  if (!journalChange(m)) throw new Error("chart defaults are shared by every render: copy a map (own) before changing it");
}

/** A map of frozen chart defaults: changes are undone when the render ends. */
export class SharedMap extends TrackedMap {
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

const frozen = new WeakMap<GoMap, SharedMap>();

/** Frozen arrays of shared trees (a frozen array elsewhere is not known to hold only shared values). */
const sharedArrays = new WeakSet<readonly Value[]>();

/**
 * `v` frozen, reusing `prev`'s subtrees where they are the same (same keys in the same order, same
 * scalars), and shared subtrees of `v` itself as they are.
 */
function freeze(v: Value, prev?: Value): Value {
  if (isShared(v)) return v;
  if (isGoMap(v)) {
    const p = prev instanceof SharedMap && prev.size === v.size ? prev : undefined;
    const pk = p?.keys();
    let same = p !== undefined;
    const m = new SharedMap();
    for (const [k, x] of v) {
      const y = freeze(x, p?.get(k));
      if (same && (pk!.next().value !== k || y !== p!.get(k))) same = false;
      mapSet.call(m, k, y);
    }
    return same ? p! : m;
  }
  if (Array.isArray(v)) {
    const p = Array.isArray(prev) && sharedArrays.has(prev) && prev.length === v.length ? prev : undefined;
    const items = v.map((x, i) => freeze(x, p?.[i]));
    if (p !== undefined && items.every((x, i) => x === p[i])) return p;
    const a = Object.freeze(items) as Value[];
    sharedArrays.add(a);
    return a;
  }
  return v;
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

/** Whether `v` is a shared map or array. */
export const isShared = (v: Value): boolean => v instanceof SharedMap || (Array.isArray(v) && sharedArrays.has(v));

/** A copy of a values tree to change: plain maps and arrays are copied, shared subtrees kept (see own). */
export function copyPlain<T extends Value>(v: T): T {
  if (isShared(v)) return v;
  if (isGoMap(v)) {
    const m: GoMap = new Map();
    for (const [k, x] of v as GoMap) m.set(k, copyPlain(x));
    return m as T;
  }
  if (Array.isArray(v)) return v.map(copyPlain) as T;
  return v;
}

/** `m`, or a plain shallow copy of it when it is shared: the map to change in its place. */
export const own = (m: GoMap): GoMap => (m instanceof SharedMap ? new Map(m) : m);
