/**
 * Comment-preserving edits of a values YAML text: one key set or removed, every other line (comments, key
 * order, blank lines, quoting) left as the author wrote it. Values are typed exactly: a string that YAML
 * would read as a number or bool is written quoted.
 */
import { Document, Pair, YAMLMap, isMap, isScalar, parseDocument, type Node } from "yaml";
import type { Value } from "../template/value";
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

/** The text as a document whose root is a map (an empty text gives an empty map). */
function mapDocument(text: string): Document & { contents: YAMLMap } {
  const doc: Document = parseDocument(text);
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
  return doc as Document & { contents: YAMLMap };
}

const keyOf = (p: Pair): string => String(isScalar(p.key) ? p.key.value : p.key);

function findPair(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => keyOf(p) === key);
}

function addPair(map: YAMLMap, key: string, value: Node): void {
  // An empty flow map (`{}`) that gains a key is written as a block again.
  if (map.items.length === 0) map.flow = false;
  map.items.push(new Pair(keyScalar(key), value));
}

/** Replaces a pair's value; a scalar keeps its comments and only changes value (and quoting if needed). */
function replaceValue(pair: Pair<unknown, unknown>, value: Node): void {
  const old = pair.value;
  if (isScalar(old) && isScalar(value)) {
    old.value = value.value;
    old.type = value.type;
    old.tag = undefined;
    return;
  }
  if (isScalar(old) || isMap(old)) {
    if (old.comment) value.comment = old.comment;
    if (old.commentBefore) value.commentBefore = old.commentBefore;
  }
  pair.value = value;
}

/** One change to a values text: set the value at `path`, or remove the key there. */
export type ValuesEdit = { path: readonly string[]; value: Value | PlainValue } | { path: readonly string[]; unset: true };

/** Sets `value` at `path` (map keys); missing maps on the way are created. */
function setIn(root: YAMLMap, path: readonly string[], value: Value | PlainValue): void {
  let map = root;
  for (const [i, key] of path.entries()) {
    const pair = findPair(map, key);
    if (i === path.length - 1) {
      const node = valueNode(value);
      useBlockStyle(node);
      if (pair) replaceValue(pair, node);
      else addPair(map, key, node);
      return;
    }
    if (pair && isMap(pair.value)) {
      map = pair.value;
      continue;
    }
    const child = new YAMLMap();
    if (pair) replaceValue(pair, child);
    else addPair(map, key, child);
    map = child;
  }
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
    const idx = map.items.findIndex((p) => keyOf(p) === path[i]);
    if (idx < 0) return;
    map.items.splice(idx, 1);
    if (map.items.length > 0) return;
  }
}

/** `text` with `edits` applied in order, on one parsed document. */
export function editValuesText(text: string, edits: readonly ValuesEdit[]): string {
  const doc = mapDocument(text);
  for (const e of edits) {
    if (e.path.length === 0) throw new EditError("PATH_EMPTY", "a values path needs at least one key");
    if ("unset" in e) deleteIn(doc.contents, e.path);
    else setIn(doc.contents, e.path, e.value);
  }
  return doc.toString(TO_STRING);
}

/** `text` with the value at `path` set to `value`. */
export const setValueInText = (text: string, path: readonly string[], value: Value | PlainValue): string =>
  editValuesText(text, [{ path, value }]);

/** `text` without the key at `path` (and without maps left empty by that). */
export const unsetValueInText = (text: string, path: readonly string[]): string => editValuesText(text, [{ path, unset: true }]);
