/**
 * A template's output reused from the previous render when nothing it read has changed. An edit
 * usually changes one value, and most of a chart's templates never read it.
 *
 * Per parsed template set (one loaded chart with one list of enabled templates), each template's last
 * output is kept with the values places it read (tracked-map.ts). The next render compares its values
 * with the previous render's once, marking the places that changed; a template whose places are all
 * unmarked is not run, its output is the kept one. Everything else a template sees is the same by
 * construction or ends the memory: `.Release` and `.Capabilities` (part of the key), `.Chart`,
 * `.Files`, `.Subcharts`, `.Template` (fixed by the chart, its enabled dependencies and the template).
 *
 * Never kept: a template that failed (an error is found again by running it), that called a function
 * whose result varies (random, the clock, keys and certificates, `lookup`), or that wrote to a map of
 * the render (values or a chart's top-level data: later templates read the render's maps as it left
 * them), nor any template after such a write in the render's order. The writes themselves are put
 * back when the render ends, so the previous values stay as they were coalesced.
 */
import type { GoMap, Value } from "../template/value";
import { GoInt, goTypeName } from "../template/value";
import { SharedMap } from "./shared-values";
import {
  type Deps,
  newRecording,
  nextGeneration,
  PathNode,
  recordInto,
  type Recording,
  register,
  type Tracking,
  untrack,
  writeCount,
} from "./tracked-map";

interface Kept {
  readonly text: string;
  readonly deps: Deps;
  /** The generation that last rendered or replayed it: one not seen in a render is dropped at its end. */
  seen: number;
}

const mapGet = Map.prototype.get;
const mapEntries = Map.prototype.entries;
const mapKeys = Map.prototype.keys;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!;

/** A subchart's `.Values`: `map`, which its parent's values hold under `name` (or would: a fresh empty map). */
export interface SubchartValues {
  parent: GoMap;
  name: string;
  map: GoMap;
}

/** Templates replayed and templates run since the module loaded (the bench and the tests read them). */
export const reuseCounts = { replayed: 0, run: 0 };

export class TemplateReuse {
  private readonly kept = new Map<string, Kept>();
  private readonly root = new PathNode(null);
  private previous: GoMap | undefined;
  private key: string | undefined;
  private keyObject: object | undefined;
  /** This render may replay and keep (it records, and its values could all be placed). */
  on = false;
  private generation = 0;
  private writesAtStart = 0;
  /** Renders in a row whose key differed from the one before. */
  private misses = 0;
  private recording: Recording | null = null;

  /**
   * A new render with these values. `key` and `keyObject` stand for everything else templates read;
   * when either differs from the last render's, nothing kept is used.
   */
  begin(key: string, keyObject: object, values: GoMap, subcharts: readonly SubchartValues[]): void {
    this.generation = nextGeneration();
    if (key !== this.key || keyObject !== this.keyObject) {
      this.kept.clear();
      this.previous = undefined;
      this.key = key;
      this.keyObject = keyObject;
      this.misses++;
    } else this.misses = 0;
    // While the key changes render after render (a release name being typed), recording costs and saves nothing.
    this.on = this.misses < 2 && register(values, this.root);
    if (this.on && this.previous !== undefined) diff(this.root, values, this.previous, this.generation);
    // Parents come before their subcharts: each parent is placed by then.
    for (const sub of this.on ? subcharts : []) {
      const parent = sub.parent as GoMap & Tracking;
      const at = parent.placed === this.generation ? parent.place : undefined;
      // Under a map with two places it would have two as well: not worth keeping apart.
      if (!(at instanceof PathNode) || !register(sub.map, at.child(sub.name))) this.on = false;
    }
    if (!this.on) this.kept.clear();
    this.writesAtStart = writeCount();
  }

  /** The kept output of template `name` when nothing it read has changed, else undefined. */
  replay(name: string): string | undefined {
    if (!this.on || writeCount() !== this.writesAtStart) return undefined;
    const k = this.kept.get(name);
    if (k === undefined || stale(k.deps, this.generation)) return undefined;
    k.seen = this.generation;
    reuseCounts.replayed++;
    return k.text;
  }

  /** Template `name` runs now: what it reads is recorded until `done`. */
  start(): void {
    reuseCounts.run++;
    if (!this.on) return;
    this.recording = newRecording();
    recordInto(this.recording);
  }

  /** The template run started last ended: with its text, or with an error (undefined). */
  done(name: string, text: string | undefined): void {
    const r = this.recording;
    this.recording = null;
    recordInto(null);
    if (text === undefined || r === null || r.varying || writeCount() !== this.writesAtStart) this.kept.delete(name);
    else this.kept.set(name, { text, deps: r, seen: this.generation });
  }

  /** The render ended (or failed): what it did not confirm is dropped; its values are the next render's previous. */
  end(values: GoMap): void {
    if (this.recording !== null) this.done("", undefined);
    untrack();
    for (const [name, k] of this.kept) if (k.seen !== this.generation) this.kept.delete(name);
    this.previous = this.on ? values : undefined;
  }
}

/** Whether something `deps` read changed in generation `g` (a place under a changed one is marked changed too). */
function stale(deps: Deps, g: number): boolean {
  for (const n of deps.reads) if (n.changed === g) return true;
  for (const n of deps.lists) if (n.listChanged === g || n.changed === g) return true;
  for (const n of deps.trees) if (n.below === g || n.changed === g) return true;
  return false;
}

function markBelow(n: PathNode | null, g: number): void {
  for (; n !== null && n.below !== g; n = n.parent) n.below = g;
}

/** The value at `n` is another one: so is every value under it (the places below are marked, not their readers' ancestors checked). */
function markChanged(n: PathNode, g: number): void {
  markBelow(n, g);
  const todo = [n];
  for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
    x.changed = g;
    for (const [, c] of x.entries()) todo.push(c);
  }
}

function markList(n: PathNode, g: number): void {
  n.listChanged = g;
  markBelow(n, g);
}

/**
 * Marks at `at` and below what differs between `now` and `before` (the values at the same place in the
 * previous render), where something was read: places in the trie, walks and whole reads at them.
 * An explicit stack of (place, now, before): values nest 9,999 deep.
 */
function diff(at: PathNode, now: GoMap, before: GoMap, g: number): void {
  const todo: (PathNode | GoMap)[] = [at, now, before];
  while (todo.length > 0) {
    const y0 = todo.pop() as GoMap;
    const x0 = todo.pop() as GoMap;
    const n = todo.pop() as PathNode;
    // A shared map is the same in every render (its changes are put back), so nothing below differs.
    if (x0 === y0 && x0 instanceof SharedMap) continue;
    if (n.listStamp !== 0 && !sameList(x0, y0)) markList(n, g);
    // Two shared maps that are not the same one are taken as different rather than compared.
    if (n.treeStamp !== 0 && ((x0 instanceof SharedMap && y0 instanceof SharedMap) || !sameValue(x0, y0))) markBelow(n, g);
    for (const [k, c] of n.entries()) {
      const x = mapGet.call(x0, k) as Value | undefined;
      const y = mapGet.call(y0, k) as Value | undefined;
      if (x instanceof Map && y instanceof Map) todo.push(c, x, y);
      else if (x === undefined ? y !== undefined : y === undefined || !sameValue(x, y)) markChanged(c, g);
    }
  }
}

/** Whether two maps have the same keys in the same order and the same plain values (maps in them are compared where read). */
function sameList(a: GoMap, b: GoMap): boolean {
  if (!sameKeys(a, b)) return false;
  for (const [k, x] of mapEntries.call(a) as MapIterator<[string, Value]>) {
    const y = mapGet.call(b, k) as Value;
    if (x instanceof Map ? !(y instanceof Map) : !sameValue(x, y)) return false;
  }
  return true;
}

function sameKeys(a: GoMap, b: GoMap): boolean {
  if (mapSize.call(a) !== mapSize.call(b)) return false;
  const ib = mapKeys.call(b) as MapIterator<string>;
  for (const k of mapKeys.call(a) as MapIterator<string>) if (ib.next().value !== k) return false;
  return true;
}

/**
 * Whether two values print and compare the same everywhere (maps by content, key order and Go type).
 * The pairs of lists and maps still to compare wait on an explicit stack (values nest 9,999 deep).
 */
function sameValue(a: Value, b: Value): boolean {
  let todo: Value[] | undefined;
  for (;;) {
    if (typeof a === "number") {
      if (typeof b !== "number" || !Object.is(a, b)) return false;
    } else if (a !== b) {
      if (a instanceof GoInt) {
        if (!(b instanceof GoInt && a.kind === b.kind && a.value === b.value)) return false;
      } else if (a instanceof Uint8Array) {
        if (!(b instanceof Uint8Array && sameBytes(a, b))) return false;
      } else if (Array.isArray(a)) {
        if (!(Array.isArray(b) && a.length === b.length && goTypeName(a) === goTypeName(b))) return false;
        todo ??= [];
        for (let i = 0; i < a.length; i++) todo.push(a[i]!, b[i]!);
      } else if (a instanceof Map) {
        if (!(b instanceof Map) || goTypeName(a) !== goTypeName(b) || !sameKeys(a, b)) return false;
        todo ??= [];
        for (const [k, x] of mapEntries.call(a) as MapIterator<[string, Value]>) todo.push(x, mapGet.call(b, k) as Value);
      } else return false;
    }
    if (todo === undefined || todo.length === 0) return true;
    b = todo.pop()!;
    a = todo.pop()!;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
