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
  type TrackedMap,
  writeCount,
} from "./tracked-map";

interface Kept {
  readonly text: string;
  readonly deps: Deps;
  /** The generation that last rendered or replayed it: one not seen in a render is dropped at its end. */
  seen: number;
}

const mapGet = Map.prototype.get;
const mapHas = Map.prototype.has;
const mapEntries = Map.prototype.entries;
const mapKeys = Map.prototype.keys;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!;

/** A values map that one chart's `.Values` is and its parent's values do not hold (a fresh empty map). */
export interface LooseValues {
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
  /** This render may replay and keep (its values could all be registered). */
  private on = false;
  private generation = 0;
  private writesAtStart = 0;
  private recording: Recording | null = null;

  /**
   * A new render with these values. `key` and `keyObject` stand for everything else templates read;
   * when either differs from the last render's, nothing kept is used.
   */
  begin(key: string, keyObject: object, values: GoMap, loose: readonly LooseValues[]): void {
    this.generation = nextGeneration();
    if (key !== this.key || keyObject !== this.keyObject) {
      this.kept.clear();
      this.previous = undefined;
      this.key = key;
      this.keyObject = keyObject;
    }
    this.on = visit(this.root, values, this.previous, this.previous !== undefined, this.generation);
    for (const l of loose) {
      // Under a map with two places it would have two as well: not worth keeping apart.
      const parent = l.parent as TrackedMap;
      const at = parent.placed === this.generation ? parent.place : undefined;
      if (!(at instanceof PathNode) || !register(l.map, at.child(l.name))) this.on = false;
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
    this.recording = newRecording();
    recordInto(this.recording);
  }

  /** The template run started last ended: with its text, or with an error (undefined). */
  done(name: string, text: string | undefined): void {
    const r = this.recording!;
    this.recording = null;
    recordInto(null);
    if (text === undefined || !this.on || r.varying || writeCount() !== this.writesAtStart) this.kept.delete(name);
    else this.kept.set(name, { text, deps: r, seen: this.generation });
  }

  /** The render ended (or failed): what it did not confirm is dropped; its values are the next render's previous. */
  end(values: GoMap): void {
    if (this.recording !== null) this.done("", undefined);
    for (const [name, k] of this.kept) if (k.seen !== this.generation) this.kept.delete(name);
    this.previous = this.on ? values : undefined;
  }
}

/** Whether something `deps` read changed in generation `g`. */
function stale(deps: Deps, g: number): boolean {
  for (const n of deps.reads) if (changedAtOrAbove(n, g)) return true;
  for (const n of deps.lists) if (n.listChanged === g || changedAtOrAbove(n, g)) return true;
  for (const n of deps.trees) if (n.below === g || changedAtOrAbove(n, g)) return true;
  return false;
}

function changedAtOrAbove(n: PathNode | null, g: number): boolean {
  for (; n !== null; n = n.parent) if (n.changed === g) return true;
  return false;
}

function markBelow(n: PathNode | null, g: number): void {
  for (; n !== null && n.below !== g; n = n.parent) n.below = g;
}

function markChanged(n: PathNode | undefined, g: number): void {
  if (n === undefined) return;
  n.changed = g;
  markBelow(n, g);
}

function markList(n: PathNode, g: number): void {
  n.listChanged = g;
  markBelow(n, g);
}

/**
 * Registers `now` and its maps at `at` and below for generation `g` and, when `compare`, marks what
 * differs from `before` (the map at the same place in the previous render). False when a map cannot
 * be registered. An explicit stack (maps in document order), as values may nest 10000 levels deep.
 */
function visit(at0: PathNode, now0: GoMap, before0: Value | undefined, compare0: boolean, g: number): boolean {
  const stack: [PathNode, GoMap, Value | undefined, boolean][] = [[at0, now0, before0, compare0]];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    const [at, now, before, compare] = e;
    if (!register(now, at)) return false;
    // A shared map is the same in every render (its changes are put back), so nothing below differs.
    const diff = compare && !(before === now && now instanceof SharedMap);
    const old = before as GoMap;
    if (diff && !sameKeys(old, now)) {
      markList(at, g);
      for (const k of mapKeys.call(old) as MapIterator<string>) if (!mapHas.call(now, k)) markChanged(at.existingChild(k), g);
    }
    const below = stack.length;
    for (const [k, v] of mapEntries.call(now) as MapIterator<[string, Value]>) {
      const was = diff ? (mapGet.call(old, k) as Value | undefined) : undefined;
      if (v instanceof Map) {
        const c = at.child(k);
        const both = diff && was instanceof Map;
        if (diff && !both) {
          markChanged(c, g);
          markList(at, g);
        }
        stack.push([c, v, was, both]);
      } else if (diff && (was === undefined || !sameValue(was, v))) {
        markChanged(at.existingChild(k), g);
        markList(at, g);
      }
    }
    // Reversed, so that the first child map is visited next.
    for (let i = below, j = stack.length - 1; i < j; i++, j--) [stack[i], stack[j]] = [stack[j]!, stack[i]!];
  }
  return true;
}

function sameKeys(a: GoMap, b: GoMap): boolean {
  if (mapSize.call(a) !== mapSize.call(b)) return false;
  const ib = mapKeys.call(b) as MapIterator<string>;
  for (const k of mapKeys.call(a) as MapIterator<string>) if (ib.next().value !== k) return false;
  return true;
}

/** Whether two values print and compare the same everywhere (maps by content and key order). */
function sameValue(a: Value, b: Value): boolean {
  if (typeof a === "number") return typeof b === "number" && Object.is(a, b);
  if (a === b) return true;
  if (a instanceof GoInt) return b instanceof GoInt && a.kind === b.kind && a.value === b.value;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && goTypeName(a) === goTypeName(b) && a.every((x, i) => sameValue(x, b[i]!));
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || goTypeName(a) !== goTypeName(b) || !sameKeys(a, b)) return false;
    for (const [k, x] of mapEntries.call(a) as MapIterator<[string, Value]>) if (!sameValue(x, mapGet.call(b, k) as Value)) return false;
    return true;
  }
  return false;
}
