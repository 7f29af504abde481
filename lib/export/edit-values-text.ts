/**
 * Comment-preserving edits of a values YAML text: one key set or removed, every other line (comments, key
 * order, blank lines, quoting) left as the author wrote it. Values are typed exactly: a string that YAML
 * would read as a number or bool is written quoted.
 */
import { Document, Pair, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument, visit, type Node, type Scalar, type Tags } from "yaml";
import { GoInt, type Value } from "../template/value";
import { helmKeyOf } from "./helm-key";
import { type PlainValue, keyScalar, useBlockStyle, valueNode } from "./values-document";

export type EditErrorCode = "LAYER_INVALID" | "LAYER_NOT_A_MAP" | "PATH_EMPTY";

/** An edit that cannot be made; `pos` is the [start, end] offset in the text when the text is at fault. */
export class EditError extends Error {
  constructor(
    readonly code: EditErrorCode,
    message: string,
    readonly pos?: [number, number],
  ) {
    super(message);
    this.name = "EditError";
  }
}

const TO_STRING = { lineWidth: 0 } as const;

type MapDocument = Document & { contents: YAMLMap };

const NUMBER_TAGS = new Set(["tag:yaml.org,2002:int", "tag:yaml.org,2002:float"]);

/**
 * The library prints a number as it normalises it (`010` → `10`, `+1` → `1`, `1E3` → `1e+3`), and Helm's
 * YAML 1.1 may read the new text differently (`010` is octal 8 for goyaml). So a number no edit changed
 * (it still has its source) prints as it was written.
 */
function keepNumberSource(tags: Tags): Tags {
  return tags.map((t) => {
    if (typeof t !== "object" || !NUMBER_TAGS.has(t.tag) || !("stringify" in t) || !t.stringify) return t;
    const print = t.stringify;
    return { ...t, stringify: (node, ctx, onComment, onChompKeep) => (node as Scalar).source ?? print(node, ctx, onComment, onChompKeep) };
  });
}

/** The text as a document whose root is a map (an empty text gives an empty map). */
function mapDocument(text: string): MapDocument {
  // Duplicate keys are allowed, as goyaml v2 allows them (the later one wins).
  const doc: Document = parseDocument(text, { customTags: keepNumberSource, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) throw new EditError("LAYER_INVALID", err.message, err.pos);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    const root = new YAMLMap();
    const comment = isScalar(doc.contents) ? doc.contents.commentBefore : undefined;
    if (comment) root.commentBefore = comment;
    doc.contents = root;
  }
  if (!isMap(doc.contents)) {
    const range = (doc.contents as Node).range;
    throw new EditError("LAYER_NOT_A_MAP", "values must be a map of keys to values", range ? [range[0], range[1]] : undefined);
  }
  return doc as MapDocument;
}

/**
 * Whether the document, printed, parses back to one that prints the same. Not so when an empty value has a
 * comment (`key: # note`): the comment ends in a newline, prints on a line of its own and parses back onto
 * another node.
 */
function printsAsParsedAgain(doc: Document): boolean {
  let same = true;
  visit(doc, {
    Scalar: (_, n) => {
      if (!n.comment?.includes("\n")) return undefined;
      same = false;
      return visit.BREAK;
    },
  });
  return same;
}

/** The pair Helm reads for `key`: the last one with that key (goyaml lets a later key win). */
function findPair(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.findLast((p) => helmKeyOf(p.key) === key);
}

/** Adds a pair at the end of `map`. Returns as `replaceValue` (a map's trailing comment parses back elsewhere). */
function addPair(map: YAMLMap, key: string, value: Node): boolean {
  // An empty flow map (`{}`) that gains a key is written as a block again.
  if (map.items.length === 0) map.flow = false;
  map.items.push(new Pair(keyScalar(key), value));
  return !map.comment;
}

/** `old` takes `value`'s value and quoting, keeping its comments. */
function setScalar(old: Scalar, value: Scalar): void {
  old.value = value.value;
  old.type = value.type;
  old.tag = undefined;
  old.source = undefined;
  // A number keeps the old scalar's digits (`1.50` → `2.00`); -0 needs its own `-0.0` (no `0e+0`, no `0x`).
  // Anything else drops them: printed, it parses back without, and a later number must print as from that.
  if (value.minFractionDigits !== undefined || typeof value.value !== "number") {
    old.minFractionDigits = value.minFractionDigits;
    old.format = undefined;
  }
}

/**
 * Replaces a pair's value; a scalar keeps its comments and only changes value (and quoting if needed).
 * Returns whether the document still prints as it would parse again: not so when comments move to a new
 * node (they print where the library puts them and parse back onto other nodes).
 */
function replaceValue(pair: Pair<unknown, unknown>, value: Node): boolean {
  const old = pair.value;
  if (isScalar(old) && isScalar(value)) {
    setScalar(old, value);
    // The comment of an empty value (`key: # note`) ends in a newline, so it prints on a line of its own.
    return !old.comment?.includes("\n");
  }
  pair.value = value;
  if (!isScalar(old) && !isMap(old)) return true;
  if (old.comment) value.comment = old.comment;
  if (old.commentBefore) value.commentBefore = old.commentBefore;
  return !old.comment && !old.commentBefore;
}

/** One change to a values text: set the value at `path`, or remove the key there. */
export type ValuesEdit = { path: readonly string[]; value: Value | PlainValue } | { path: readonly string[]; unset: true };

// A new float scalar prints as `1.5` or `1e+21`; parsed back, it remembers those digits and that form and
// prints a later value with them (`2.0`, `0e+0`), which the new scalar would not. New lists and maps are
// not followed into (they may hold such floats).
const printsAsParsed = (v: Value | PlainValue): boolean =>
  typeof v === "number" ? Number.isSafeInteger(v) && !Object.is(v, -0) : v === null || typeof v !== "object" || v instanceof GoInt;

const isScalarValue = (v: Value | PlainValue): boolean => v === null || typeof v !== "object" || v instanceof GoInt;

/**
 * The items of `node` when it is a block list of scalars that `value`, a list of scalars as long, can set
 * item by item (typing in one item of a list of strings): each item keeps its comments and quoting.
 */
function sameLengthScalars(node: unknown, value: Value | PlainValue): Scalar[] | undefined {
  if (!isSeq(node) || node.flow || !Array.isArray(value) || node.items.length !== value.length || !value.every(isScalarValue)) return undefined;
  return node.items.every((item) => isScalar(item)) ? (node.items as Scalar[]) : undefined;
}

/** Sets each item whose value differs; returns whether the document still prints as it would parse again. */
function setItems(items: readonly Scalar[], values: readonly (Value | PlainValue)[]): boolean {
  let stable = true;
  for (const [i, item] of items.entries()) {
    const v = values[i] as Value | PlainValue;
    if (item.value === v) continue;
    setScalar(item, valueNode(v) as Scalar);
    stable = stable && !item.comment?.includes("\n") && printsAsParsed(v);
  }
  return stable;
}

/** Sets `value` at `path` (map keys); missing maps on the way are created. Returns whether all steps were stable. */
function setIn(root: YAMLMap, path: readonly string[], value: Value | PlainValue): boolean {
  let map = root;
  let stable = true;
  for (const [i, key] of path.entries()) {
    const pair = findPair(map, key);
    if (i === path.length - 1) {
      const items = pair && sameLengthScalars(pair.value, value);
      if (items) return setItems(items, value as readonly (Value | PlainValue)[]) && stable;
      const node = valueNode(value);
      useBlockStyle(node);
      return (pair ? replaceValue(pair, node) : addPair(map, key, node)) && printsAsParsed(value) && stable;
    }
    if (pair && isMap(pair.value)) {
      map = pair.value;
      continue;
    }
    const child = new YAMLMap();
    stable = (pair ? replaceValue(pair, child) : addPair(map, key, child)) && stable;
    map = child;
  }
  return stable;
}

/**
 * Removes the key at `path`. Maps that become empty because of it go too, so unsetting the last override
 * of a section leaves no `section: {}` behind. A missing path changes nothing.
 */
function deleteIn(root: YAMLMap, path: readonly string[]): void {
  const maps: YAMLMap[] = [root];
  for (const key of path.slice(0, -1)) {
    const next = findPair(maps[maps.length - 1] as YAMLMap, key)?.value;
    if (!isMap(next)) return;
    maps.push(next);
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const map = maps[i] as YAMLMap;
    // Every pair Helm reads as this key goes: an earlier duplicate would otherwise take effect.
    const kept = map.items.filter((p) => helmKeyOf(p.key) !== path[i]);
    if (kept.length === map.items.length) return;
    map.items = kept;
    if (map.items.length > 0) return;
  }
}

// Parsing is most of an edit's cost (12 ms for the chart's values.yaml, stringifying 4 ms), and the form edits
// the text it got back from the last edit, keystroke after keystroke. So each edit's document is kept under
// the text it printed, and the next edit of that text continues on it instead of parsing again. A few
// entries, as the form, the import and the reset of other layers interleave, and the render worker keeps
// four layers (the current environment's two and those of a comparison) beside its warm-up layer. Only ever read through `take`,
// which removes the entry: a document is mutated by the edit that takes it. A keystroke that only changes a
// scalar does not print the document either: the scalar's new print is spliced into the text (spliceScalar).
const RECENT_DOCUMENTS = 5;

interface Kept {
  doc: MapDocument;
  /**
   * Set when the nodes' ranges are offsets in the text the document was parsed from, so scalars can be
   * spliced into the text it is kept under: the scalars spliced since that parse, each with its print now.
   */
  scalars?: Map<Scalar, string>;
}

const recent = new Map<string, Kept>();

function take(text: string): Kept | undefined {
  const kept = recent.get(text);
  recent.delete(text);
  return kept;
}

function remember(text: string, kept: Kept): void {
  recent.delete(text);
  recent.set(text, kept);
  for (const oldest of recent.keys()) {
    if (recent.size <= RECENT_DOCUMENTS) break;
    recent.delete(oldest);
  }
}

/**
 * Parses `text` ahead of its first edit, when nothing is waiting (a render worker between requests, a page
 * at idle): that edit then splices its scalar instead of parsing and printing the whole text, twice, as the
 * first two keystrokes in a field did (30-35 ms each for the dev layer in a cold process, measured in Node).
 * A text that cannot be edited, or does not print as it is, is not kept.
 */
export function keepForEdits(text: string): void {
  if (recent.has(text)) return;
  let doc: MapDocument;
  try {
    doc = mapDocument(text);
  } catch (e) {
    if (e instanceof EditError) return;
    throw e;
  }
  if (doc.toString(TO_STRING) === text) remember(text, { doc, scalars: new Map() });
}

/** Drops the documents kept for the next edits (each edit then parses its text again). */
export function forgetEditedDocuments(): void {
  recent.clear();
}

let spliced = 0;

/** How many edits were made by splicing one scalar into the text (the tests check that the fast path runs). */
export const splicedEdits = (): number => spliced;

/** What `setIn` would change in place: a scalar, or one item of a list of scalars, and its new value. */
interface SpliceTarget {
  scalar: Scalar;
  value: Value | PlainValue;
  /** The scalar is a list item (`- x`), not a map value (`k: x`). */
  item: boolean;
}

/**
 * The one scalar an edit of `path` to `value` changes, when every map on the way is in block style: the
 * scalar at the end, or the only item that differs in a block list of scalars as long as `value`.
 */
function spliceTarget(root: YAMLMap, path: readonly string[], value: Value | PlainValue): SpliceTarget | undefined {
  let map = root;
  for (const [i, key] of path.entries()) {
    if (map.flow) return undefined;
    const node = findPair(map, key)?.value;
    if (i === path.length - 1) {
      if (isScalar(node)) return isScalarValue(value) ? { scalar: node, value, item: false } : undefined;
      const items = sameLengthScalars(node, value);
      const values = value as readonly (Value | PlainValue)[];
      const changed = items?.flatMap((item, j) => (item.value === values[j] ? [] : [j]));
      const at = changed?.length === 1 ? changed[0] : undefined;
      return items && at !== undefined ? { scalar: items[at] as Scalar, value: values[at] as Value | PlainValue, item: true } : undefined;
    }
    if (!isMap(node)) return undefined;
    map = node;
  }
  return undefined;
}

// One pair `k: <value>` and one list `- <value>` printed with the edited documents' tags and options, to
// learn how a scalar prints as a block map's value or a block list's item. Created on first use.
let mapPrinter: Document & { contents: YAMLMap } | undefined;
let listPrinter: Document & { contents: YAMLSeq } | undefined;
const PRINTER_KEY = "k";

/** How `scalar` prints as a value in a block map, or an item of a block list (no comments); undefined when that is not one line. */
function printedValue(scalar: Scalar, item: boolean): string | undefined {
  const bare = scalar.clone() as Scalar;
  bare.comment = bare.commentBefore = undefined;
  bare.spaceBefore = false;
  let line: string;
  let head: string;
  if (item) {
    listPrinter ??= new Document(new YAMLSeq(), { customTags: keepNumberSource }) as Document & { contents: YAMLSeq };
    listPrinter.contents.items = [bare];
    line = listPrinter.toString(TO_STRING);
    head = "- ";
  } else {
    mapPrinter ??= new Document(new YAMLMap(), { customTags: keepNumberSource }) as Document & { contents: YAMLMap };
    mapPrinter.contents.items = [new Pair(PRINTER_KEY, bare)];
    line = mapPrinter.toString(TO_STRING);
    head = `${PRINTER_KEY}: `;
  }
  if (!line.startsWith(head) || line.indexOf("\n") !== line.length - 1) return undefined;
  return line.slice(head.length, -1);
}

/** Where `scalar` starts in the text now: its offset in the parsed text moved by the splices before it. */
function startNow(scalar: Scalar, start: number, scalars: ReadonlyMap<Scalar, string>): number {
  let at = start;
  for (const [s, print] of scalars) {
    const [from, to] = s.range as [number, number, number];
    if (to <= start) at += print.length - (to - from);
  }
  return at;
}

/**
 * Sets a scalar that is already there (a map value, or one item of a list of scalars) to a scalar value by
 * splicing its new print into `text`, which is what printing the whole document would give: `text` was
 * printed from this document (and, kept, prints the same when parsed again), and a one-line scalar in a block
 * map or list prints the same wherever it stands. Returns the text and the scalar value set; undefined when
 * the edit is not such a case, and the document is then unchanged.
 */
function spliceScalar(text: string, kept: Kept, path: readonly string[], value: Value | PlainValue): { text: string; value: Value | PlainValue } | undefined {
  if (kept.doc.directives?.yaml.explicit || !spliceTarget(kept.doc.contents, path, value)) return undefined;
  if (!kept.scalars) {
    // The kept document's ranges are offsets in the text it was parsed from, not in this one. Parsed again,
    // it must print `text` itself, or splicing would keep bytes a whole print changes.
    kept.doc = mapDocument(text);
    if (kept.doc.toString(TO_STRING) !== text) return undefined;
    kept.scalars = new Map();
  }
  const { scalars } = kept;
  const target = spliceTarget(kept.doc.contents, path, value);
  const range = target?.scalar.range;
  if (!target || !range) return undefined;
  const { scalar, item } = target;
  const [from, to] = range;
  const start = startNow(scalar, from, scalars);
  let before = scalars.get(scalar);
  if (before === undefined) {
    // Not spliced yet: its bytes in the text must be how it prints.
    before = printedValue(scalar, item);
    if (before === undefined || text.slice(start, start + (to - from)) !== before) return undefined;
  }
  const node = valueNode(target.value) as Scalar;
  const next = scalar.clone() as Scalar;
  setScalar(next, node);
  const after = printedValue(next, item);
  if (after === undefined) return undefined;
  setScalar(scalar, node);
  scalars.set(scalar, after);
  spliced++;
  return { text: text.slice(0, start) + after + text.slice(start + before.length), value: target.value };
}

/** `text` with `edits` applied in order, on one parsed document. */
export function editValuesText(text: string, edits: readonly ValuesEdit[]): string {
  if (edits.some((e) => e.path.length === 0)) throw new EditError("PATH_EMPTY", "a values path needs at least one key");
  const kept = take(text);
  const only = edits.length === 1 ? edits[0] : undefined;
  // Keystrokes in one field: a kept document's scalar changes in place, and only its bytes in the text.
  if (kept && only && !("unset" in only)) {
    const out = spliceScalar(text, kept, only.path, only.value);
    if (out !== undefined) {
      if (printsAsParsed(out.value)) remember(out.text, kept);
      return out.text;
    }
  }
  const doc = kept?.doc ?? mapDocument(text);
  let stable = kept !== undefined || printsAsParsedAgain(doc);
  for (const e of edits) {
    // Comments and blank lines around a removed key print where they were but may parse back elsewhere.
    if ("unset" in e) {
      deleteIn(doc.contents, e.path);
      stable = false;
    } else stable = setIn(doc.contents, e.path, e.value) && stable;
  }
  const out = doc.toString(TO_STRING);
  if (stable) remember(out, { doc });
  return out;
}

/** `text` with the value at `path` set to `value`. */
export const setValueInText = (text: string, path: readonly string[], value: Value | PlainValue): string =>
  editValuesText(text, [{ path, value }]);

/** `text` without the key at `path` (and without maps left empty by that). */
export const unsetValueInText = (text: string, path: readonly string[]): string => editValuesText(text, [{ path, unset: true }]);
