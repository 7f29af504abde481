/**
 * What a template read from the values, and what it changed, as the maps themselves see it.
 *
 * The maps of a render's values are tracked and placed at their places (PathNodes of a trie of values
 * paths that outlives renders): each chart's `.Values` when the render starts, any other map when a
 * read reaches it from a placed one. While a template runs, a Recording collects every place read:
 * a key looked up (`get`, `has`: the value under that key), a map walked (`entries`, `size`…: its key
 * list and every plain value in it), or a whole subtree answered from a memory of it. Whatever reads
 * a map (field chains, `index`, `hasKey`, `range`, `toYaml`, printing, `merge`…) reads it through
 * these methods, so nothing has to be declared per function. Writes to any tracked map (values, the
 * charts' top-level data) are counted, and journaled so that the render can put them back.
 */
import type { GoMap, Value } from "../template/value";

/** A place in the values tree. Marks hold the render generation in which something changed there. */
export class PathNode {
  private children: Map<string, PathNode> | undefined;
  /** The value here is another one (a scalar changed, a map appeared, went or became a scalar). */
  changed = 0;
  /** The key list here changed, or one of its plain values did: what a walk over the map sees. */
  listChanged = 0;
  /** Something changed here or below. */
  below = 0;
  /** Recording ids, so that a recording lists a place once. */
  readStamp = 0;
  listStamp = 0;
  treeStamp = 0;

  constructor(readonly parent: PathNode | null) {}

  child(key: string): PathNode {
    const c = (this.children ??= new Map()).get(key);
    if (c !== undefined) return c;
    const n = new PathNode(this);
    this.children.set(key, n);
    return n;
  }

  /** The places under this one so far, by key. */
  entries(): Iterable<[string, PathNode]> {
    return this.children ?? [];
  }
}

/** The places one template (or one recorded include) depended on. */
export interface Deps {
  /** Keys read: the value under each. */
  readonly reads: PathNode[];
  /** Maps walked: their key lists and plain values. */
  readonly lists: PathNode[];
  /** Subtrees read whole. */
  readonly trees: PathNode[];
}

export interface Recording extends Deps {
  readonly id: number;
  /** It called a function whose result varies between calls (random, the clock, `lookup`…). */
  varying: boolean;
}

let recordings = 0;
/** The recording reads go to, or null outside a template run. */
let current: Recording | null = null;
/** The render generation: maps registered in another one are not this render's. */
let generation = 0;
/** Writes to tracked maps during template runs, ever. */
let writes = 0;

export const newRecording = (): Recording => ({ id: ++recordings, reads: [], lists: [], trees: [], varying: false });

/** Starts recording into `r` (null: stops); returns the recording that was current. */
export function recordInto(r: Recording | null): Recording | null {
  const outer = current;
  current = r;
  return outer;
}

export const nextGeneration = (): number => ++generation;
export const recording = (): boolean => current !== null;
export const writeCount = (): number => writes;

/** The running template's result varies between calls: it must not be reused. */
export function markVarying(): void {
  if (current !== null) current.varying = true;
}

/** Adds `deps` (a recorded include replayed, or one just recorded) to the current recording. */
export function addDeps(deps: Deps): void {
  const r = current;
  if (r === null) return;
  for (const n of deps.reads) noteRead(r, n);
  for (const n of deps.lists) noteList(r, n);
  for (const n of deps.trees) noteTree(r, n);
  if ((deps as Recording).varying) r.varying = true;
}

function noteRead(r: Recording, n: PathNode): void {
  if (n.readStamp === r.id) return;
  n.readStamp = r.id;
  r.reads.push(n);
}
function noteList(r: Recording, n: PathNode): void {
  if (n.listStamp === r.id) return;
  n.listStamp = r.id;
  r.lists.push(n);
}
function noteTree(r: Recording, n: PathNode): void {
  if (n.treeStamp === r.id) return;
  n.treeStamp = r.id;
  r.trees.push(n);
}

/** Saved entries of each map changed during the current render, in insertion order (see withRollback). */
let journal: Map<GoMap, [string, Value][]> | undefined;
const mapSet = Map.prototype.set;
const mapClear = Map.prototype.clear;
const mapEntries = Map.prototype.entries;
const mapValues = Map.prototype.values;

/** Saves `m`'s entries before its first change in this render; false outside withRollback. */
export function journalChange(m: GoMap): boolean {
  if (journal === undefined) return false;
  if (!journal.has(m)) journal.set(m, [...mapEntries.call(m)] as [string, Value][]);
  return true;
}

/**
 * Runs `fn` (a render's template execution) letting it change shared and tracked maps, then puts every
 * changed map back as it was (same entries, same order).
 */
export function withRollback<T>(fn: () => T): T {
  const outer = journal;
  const mine = new Map<GoMap, [string, Value][]>();
  journal = mine;
  try {
    return fn();
  } finally {
    journal = outer;
    for (const [m, entries] of mine) {
      mapClear.call(m);
      for (const [k, v] of entries) mapSet.call(m, k, v);
    }
  }
}

/** Whether the render running now has changed a shared or tracked map (caches keyed by one must not be trusted then). */
export const sharedChanged = (): boolean => journal !== undefined && journal.size > 0;

/** What a tracking map adds to the Map it tracks. */
export interface Tracking {
  /** Where the map sits in this render's values (two places: the same map under two keys). */
  place: PathNode | PathNode[] | undefined;
  /** The generation of that registration. */
  placed: number | undefined;
}

type MapMethods = Pick<Map<string, Value>, "get" | "has" | "entries" | "keys" | "values" | "forEach" | "set" | "delete" | "clear">;

/**
 * A prototype over `base` (Map's or a subclass's) whose maps have their reads recorded at their place
 * and their writes during a template run counted. A map of the render gets it when it is placed (its
 * prototype is switched), so that maps nothing records cost nothing more to read.
 */
function trackingPrototype(base: MapMethods): object {
  const { get, has, entries, keys, values, forEach, set, delete: del, clear } = base;
  const proto = Object.create(base) as object;
  const methods: ThisType<GoMap & Tracking> & MapMethods & { [Symbol.iterator](): MapIterator<[string, Value]> } = {
    get(key) {
      const v = get.call(this, key);
      if (current !== null && this.placed === generation) readKey(this, key, v);
      return v;
    },
    has(key) {
      if (current !== null && this.placed === generation) readKey(this, key, undefined);
      return has.call(this, key);
    },
    entries() {
      if (current !== null) readList(this);
      return entries.call(this);
    },
    keys() {
      if (current !== null) readList(this);
      return keys.call(this);
    },
    values() {
      if (current !== null) readList(this);
      return values.call(this);
    },
    forEach(fn, self) {
      if (current !== null) readList(this);
      forEach.call(this, fn, self);
    },
    [Symbol.iterator]() {
      if (current !== null) readList(this);
      return entries.call(this);
    },
    set(key, value) {
      noteWrite(this);
      return set.call(this, key, value);
    },
    delete(key) {
      noteWrite(this);
      return del.call(this, key);
    },
    clear() {
      noteWrite(this);
      clear.call(this);
    },
  };
  for (const k of Reflect.ownKeys(methods)) {
    Object.defineProperty(proto, k, { value: methods[k as keyof typeof methods], writable: true, configurable: true });
  }
  // `size` is an accessor of Map.prototype.
  Object.defineProperty(proto, "size", {
    get(this: GoMap & Tracking): number {
      if (current !== null) readList(this);
      return mapSize.call(this) as number;
    },
  });
  tracking.add(proto);
  trackingOf.set(base, proto);
  return proto;
}

const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!;
/** The tracking prototypes, and the one to switch each tracked class's maps to. */
const tracking = new WeakSet<object>();
const trackingOf = new Map<object, object>();

/** Maps with prototype `base` are switched to a tracking prototype over it when placed (back when the render ends, see `untrack`). */
export const trackAs = (base: MapMethods): void => void trackingPrototype(base);

const trackedMap = trackingPrototype(Map.prototype);

/** Maps switched to a tracking class this render that outlive it, with their own prototypes. */
const switched: [GoMap, object][] = [];

/** Puts back the prototypes of maps that outlive the render (shared defaults), so later reads cost nothing extra. */
export function untrack(): void {
  for (const [m, proto] of switched) Object.setPrototypeOf(m, proto);
  switched.length = 0;
}

/** Counts a write to `m`, a map the render's templates share, during a template run. */
function noteWrite(m: GoMap): void {
  if (current !== null) wrote(m);
}

/** A map of its own class that the render's templates share: only its writes are counted. */
export class WriteCountedMap extends Map<string, Value> {
  override set(key: string, value: Value): this {
    noteWrite(this);
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    noteWrite(this);
    return super.delete(key);
  }
  override clear(): void {
    noteWrite(this);
    super.clear();
  }
}

function wrote(m: GoMap): void {
  writes++;
  journalChange(m);
}

/** Notes the key read; a map found there is placed under it (maps are placed as reads reach them). */
function readKey(m: Tracking, key: string, v: Value | undefined): void {
  const p = m.place!;
  const r = current!;
  if (p instanceof PathNode) readAt(r, p.child(key), v);
  else for (const n of p) readAt(r, n.child(key), v);
}

function readAt(r: Recording, at: PathNode, v: Value | undefined): void {
  noteRead(r, at);
  // A map whose reads cannot be recorded makes the reading template's output not reusable.
  if (v instanceof Map && !register(v, at)) r.varying = true;
}

/** Notes the walk; the maps it hands out are placed under their keys. */
function readList(m: GoMap & Tracking): void {
  if (m.placed !== generation) return;
  const p = m.place!;
  if (p instanceof PathNode) listAt(m, p);
  else for (const n of p) listAt(m, n);
}

function listAt(m: GoMap, at: PathNode): void {
  const r = current!;
  if (at.listStamp === r.id) return;
  at.listStamp = r.id;
  r.lists.push(at);
  for (const [k, v] of mapEntries.call(m) as MapIterator<[string, Value]>) if (v instanceof Map && !register(v, at.child(k))) r.varying = true;
}

/** `v` was read whole without its maps being walked (an answer remembered for it). */
export function readTree(v: Value): void {
  if (current === null || !isTracking(v)) return;
  const t = v as GoMap & Tracking;
  if (t.placed !== generation) return;
  const p = t.place!;
  if (p instanceof PathNode) noteTree(current, p);
  else for (const n of p) noteTree(current, n);
}

const isTracking = (v: Value): boolean => v instanceof Map && tracking.has(Object.getPrototypeOf(v) as object);

/**
 * `v` with its plain maps (through maps and lists) tracked, unplaced: the render's own objects
 * every template of a chart shares (`.Chart`, `.Release`), whose writes must be counted like the values'.
 * An explicit stack: nothing bounds how deep a chart's own data nests.
 */
export function tracked<T extends Value>(v: T): T {
  const todo: Value[] = [v];
  for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
    if (x instanceof Map) {
      if (Object.getPrototypeOf(x) === Map.prototype) Object.setPrototypeOf(x, trackedMap);
      for (const y of mapValues.call(x) as MapIterator<Value>) todo.push(y);
    } else if (Array.isArray(x)) for (const y of x) todo.push(y);
  }
  return v;
}

/**
 * Places `m` at `place` for this generation (a map placed twice has both places); false when its reads
 * cannot be recorded (a map of a class with no tracking class).
 */
export function register(m: GoMap, place: PathNode): boolean {
  const proto = Object.getPrototypeOf(m) as object;
  if (!tracking.has(proto)) {
    const to = trackingOf.get(proto);
    if (to === undefined) return false;
    Object.setPrototypeOf(m, to);
    if (proto !== Map.prototype) switched.push([m, proto]);
  }
  const t = m as GoMap & Tracking;
  if (t.placed !== generation) {
    t.place = place;
    t.placed = generation;
  } else if (t.place !== place) {
    const p = t.place!;
    if (p instanceof PathNode) t.place = [p, place];
    else if (!p.includes(place)) p.push(place);
  }
  return true;
}
