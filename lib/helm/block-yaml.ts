/**
 * A fast reader for the plain block YAML that charts render and people write in values files, used
 * before the full parser: it reads a rendered document's head (apiVersion, kind, metadata.name,
 * namespace and annotations) for the manifest sorter, or a whole values file.
 *
 * It accepts only a subset whose validity it can decide line by line: keys that are plain strings,
 * single-line plain, quoted or flow-sequence scalars, `{}`, block scalars, comments. On anything else
 * (flow maps, anchors, tags, multi-line scalars, tabs, odd indentation, several documents…) it returns
 * undefined and the caller parses in full, so it never decides an error or reads a value differently
 * from the full parser (the tests hold it to that).
 */
import type { GoMap, Value } from "../template/value";
import { resolveScalar } from "./yaml/resolve";

/**
 * Which values of a mapping are decoded: a document head's fields, an annotations map, everything
 * ("all"), or nothing (only checked).
 */
type Capture = "top" | "metadata" | "annotations" | "all" | undefined;

/** Bail out: the document is outside the subset. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

// Tab, line feed and the printable characters goyaml takes without question (no CR, NEL, LS/PS, BOM, surrogates).
const OUTSIDE_SUBSET = /[^\t\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
// goyaml takes simple keys of up to 1024 characters; these stay far below that.
const KEY_MAX = 253;
// Characters that may not start a plain scalar here (YAML indicators; `-` is checked on its own).
const INDICATORS = new Set([..."?:,[]{}#&*!|>'\"%@`"]);
const BLOCK_SCALAR = new Set(["|", "|-", "|+", ">", ">-", ">+"]);
const MAX_DEPTH = 64;

/** The node a key's value (or a sequence item) starts with on its own line. */
type Inline =
  | { kind: "scalar"; value: Value }
  | { kind: "empty" }
  /** A block scalar; its text when it was decoded. */
  | { kind: "block"; text?: string };

class BlockReader {
  readonly lines: string[];
  private i = 0;
  /** The lines holding a captured scalar (by index), with the map and key it was stored under. */
  readonly captured = new Map<number, [GoMap, string]>();

  constructor(text: string) {
    this.lines = text.split("\n");
  }

  /** The next line that is neither blank nor a comment (from `this.i`, which it moves there), with its indentation. */
  private peek(): { indent: number; text: string } | undefined {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      let n = 0;
      while (n < line.length && line.charCodeAt(n) === 0x20) n++;
      if (n === line.length || line.charCodeAt(n) === 0x23) {
        this.i++;
        continue;
      }
      // A comment may hold a tab; anywhere else a tab is outside the subset.
      if (line.includes("\t")) throw UNSUPPORTED;
      return { indent: n, text: line };
    }
    return undefined;
  }

  /** The whole document: a block mapping at column 0 and nothing after it. */
  document(capture: "top" | "all"): GoMap {
    const first = this.peek();
    if (!first || first.indent !== 0) throw UNSUPPORTED;
    const out: GoMap = new Map();
    // A mapping at column 0 ends only where the document does.
    this.mapping(0, 0, capture, out, 0);
    return out;
  }

  /**
   * A block mapping whose keys sit at column `indent`; its first entry starts at column `from` of the
   * current line (past a `- ` when the mapping is a sequence item).
   */
  private mapping(indent: number, from: number, capture: Capture, out: GoMap | undefined, depth: number): void {
    if (depth > MAX_DEPTH) throw UNSUPPORTED;
    let start = from;
    for (;;) {
      const line = this.lines[this.i]!;
      const colon = keyEnd(line, start);
      if (colon < 0) throw UNSUPPORTED;
      const key = line.slice(start, colon);
      if (!isStringKey(key)) throw UNSUPPORTED;
      const sub = fieldCapture(capture, key);
      const wanted = capture === "annotations" || sub !== undefined || (capture === "top" && (key === "apiVersion" || key === "kind")) ||
        (capture === "metadata" && (key === "name" || key === "namespace"));
      const at = this.i;
      const inline = this.inline(line, colon + 1, indent, wanted);
      let value: Value = null;
      if (inline.kind === "scalar") {
        value = inline.value;
        if (wanted && out) this.captured.set(at, [out, key]);
      }
      else if (inline.kind === "block") {
        if (wanted && sub !== "all") throw UNSUPPORTED;
        value = inline.text ?? null;
      } else {
        const next = this.peek();
        if (next && next.indent > indent) {
          if (wanted && sub === undefined) throw UNSUPPORTED;
          value = this.node(next.indent, sub, depth + 1);
        } else if (next && next.indent === indent && isItem(next.text, indent)) {
          if (wanted && sub !== "all") throw UNSUPPORTED;
          value = this.sequence(indent, sub === "all", depth + 1);
        }
      }
      if (wanted && out) out.set(key, value);
      const next = this.peek();
      if (!next || next.indent < indent) return;
      if (next.indent > indent || isItem(next.text, indent)) throw UNSUPPORTED;
      start = indent;
    }
  }

  /** A block sequence whose `-` sit at column `indent`: its items when `decode`, else null once checked. */
  private sequence(indent: number, decode: boolean, depth: number): Value[] | null {
    if (depth > MAX_DEPTH) throw UNSUPPORTED;
    const items: Value[] | null = decode ? [] : null;
    const capture: Capture = decode ? "all" : undefined;
    for (;;) {
      const line = this.lines[this.i]!;
      let c = indent + 1;
      while (c < line.length && line.charCodeAt(c) === 0x20) c++;
      let item: Value = null;
      if (c === line.length || line.charCodeAt(c) === 0x23) {
        this.i++;
        const next = this.peek();
        if (next && next.indent > indent) item = this.node(next.indent, capture, depth + 1);
      } else if (keyEnd(line, c) >= 0) {
        const out: GoMap | undefined = decode ? new Map() : undefined;
        this.mapping(c, c, capture, out, depth + 1);
        item = out ?? null;
      } else {
        if (line.charCodeAt(c) === 0x2d && isItem(line, c)) throw UNSUPPORTED;
        const inline = this.inline(line, c - 1, indent, decode);
        if (inline.kind !== "scalar") throw UNSUPPORTED;
        item = inline.value;
        const next = this.peek();
        if (next && next.indent > indent) throw UNSUPPORTED;
      }
      items?.push(item);
      const next = this.peek();
      if (!next || next.indent !== indent || !isItem(next.text, indent)) {
        if (next && next.indent > indent) throw UNSUPPORTED;
        return items;
      }
    }
  }

  /** A block node on its own lines, starting at column `indent`: a mapping or a sequence. */
  private node(indent: number, capture: Capture, depth: number): Value {
    const line = this.lines[this.i]!;
    if (isItem(line, indent)) {
      if (capture !== undefined && capture !== "all") throw UNSUPPORTED;
      return this.sequence(indent, capture === "all", depth);
    }
    const out: GoMap | undefined = capture === undefined ? undefined : new Map();
    this.mapping(indent, indent, capture, out, depth);
    return out ?? null;
  }

  /**
   * The value after a key's `:` (at `at`) on the current line, which it consumes: a scalar, nothing
   * (the value follows on the next lines, or is null), or a block scalar (its lines consumed as well,
   * its text decoded when `wanted`).
   */
  private inline(line: string, at: number, parentIndent: number, wanted: boolean): Inline {
    let c = at;
    if (c < line.length && line.charCodeAt(c) !== 0x20) throw UNSUPPORTED;
    while (c < line.length && line.charCodeAt(c) === 0x20) c++;
    this.i++;
    if (c === line.length || line.charCodeAt(c) === 0x23) return { kind: "empty" };
    const rest = line.slice(c);
    const header = trimSpaces(rest);
    if (BLOCK_SCALAR.has(header)) {
      const first = this.i;
      const contentIndent = this.blockScalar(parentIndent);
      if (!wanted) return { kind: "block" };
      return { kind: "block", text: this.literalText(header, first, contentIndent) };
    }
    return { kind: "scalar", value: inlineScalar(rest, wanted) };
  }

  /**
   * Skips a literal or folded block scalar's lines and returns their indentation (-1 when it has no
   * content). Its content must sit deeper than `parentIndent`; as in goyaml, the first content line
   * sets the indentation and a tab inside the indentation is an error.
   */
  private blockScalar(parentIndent: number): number {
    let contentIndent = -1;
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]!;
      let n = 0;
      while (n < line.length && line.charCodeAt(n) === 0x20) n++;
      if (n < line.length && line.charCodeAt(n) === 0x09 && (contentIndent < 0 || n < contentIndent)) throw UNSUPPORTED;
      if (n === line.length) {
        // Leading blank lines with spaces take part in goyaml's indentation detection.
        if (contentIndent < 0 && n > 0) throw UNSUPPORTED;
      } else if (contentIndent < 0) {
        if (n <= parentIndent) return contentIndent;
        contentIndent = n;
      } else if (n < contentIndent) {
        if (n > parentIndent) throw UNSUPPORTED;
        return contentIndent;
      }
    }
    return contentIndent;
  }

  /**
   * The value of a literal block scalar (`|`, `|-`, `|+`) whose lines run from `first` to the current
   * line: each line without the indentation, then the chomping indicator's trailing line breaks.
   * Folded scalars, empty ones, blank lines wider than the indentation and a scalar that ends the
   * text without a line break are left to the full parser.
   */
  private literalText(header: string, first: number, contentIndent: number): string {
    if (header[0] !== "|" || contentIndent < 0) throw UNSUPPORTED;
    let end = this.i;
    if (end === this.lines.length) {
      // The split's last element is what follows the final line break: it must be there, and empty.
      if (this.lines[end - 1] !== "") throw UNSUPPORTED;
      end--;
    }
    let lastContent = first;
    for (let j = first; j < end; j++) {
      const line = this.lines[j]!;
      if (line.length > contentIndent) lastContent = j;
      else if (line.trim() !== "") throw UNSUPPORTED;
    }
    let text = "";
    for (let j = first; j <= lastContent; j++) text += `${this.lines[j]!.slice(contentIndent)}\n`;
    if (header === "|-") return text.slice(0, -1);
    if (header === "|+") for (let j = lastContent + 1; j < end; j++) text += "\n";
    return text;
  }
}

/** Whether `line` holds a sequence entry (`-` then a space or the line's end) at column `col`. */
function isItem(line: string, col: number): boolean {
  return line.charCodeAt(col) === 0x2d && (col + 1 === line.length || line.charCodeAt(col + 1) === 0x20);
}

/** The column of the `:` that ends a plain key starting at `from` (followed by a space or the end), or -1. */
function keyEnd(line: string, from: number): number {
  // Keys: a letter, digit or `_`, then those or `.`, `/`, `-`.
  if (!isWordChar(line.charCodeAt(from))) return -1;
  let c = from + 1;
  for (; c < line.length; c++) {
    const ch = line.charCodeAt(c);
    if (!isWordChar(ch) && ch !== 0x2e && ch !== 0x2f && ch !== 0x2d) break;
  }
  if (line.charCodeAt(c) !== 0x3a || c - from > KEY_MAX) return -1;
  return c + 1 === line.length || line.charCodeAt(c + 1) === 0x20 ? c : -1;
}

const isWordChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/**
 * Whether goyaml reads a key as a string: only keys starting like a number, bool or null
 * (resolve.go's hint characters) can read as anything else.
 */
function isStringKey(key: string): boolean {
  return !"+-.0123456789yYnNtTfFoO~<".includes(key[0]!) || resolveScalar(key).tag === "str";
}

/** The capture of a head field's nested mapping, or undefined when nothing in it is read. */
function fieldCapture(capture: Capture, key: string): Capture {
  if (capture === "all") return "all";
  if (capture === "top" && key === "metadata") return "metadata";
  if (capture === "metadata" && key === "annotations") return "annotations";
  return undefined;
}

/**
 * A scalar or flow collection that fills the rest of its line (after optional spaces and a comment);
 * its value only when `wanted` (else null once it is known to decode).
 */
function inlineScalar(rest: string, wanted: boolean): Value {
  const c0 = rest.charCodeAt(0);
  if (rest === "{}" || rest.startsWith("{} ")) return afterNode(rest, 2, new Map());
  if (c0 === 0x5b) return flowSequence(rest, wanted);
  if (c0 === 0x22 || c0 === 0x27) {
    const q = quoted(rest, 0);
    return afterNode(rest, q.end, q.value);
  }
  if (!plainStart(rest)) throw UNSUPPORTED;
  const hash = rest.indexOf(" #");
  const text = trimSpaces(hash < 0 ? rest : rest.slice(0, hash));
  if (text.includes(": ") || text.endsWith(":")) throw UNSUPPORTED;
  return plainValue(text, wanted);
}

/** Whether a plain scalar may start `s` (no indicator; `-`, `:` and `?` only before a non-space). */
function plainStart(s: string): boolean {
  const c = s[0]!;
  if (c === "-" || c === ":" || c === "?") return s.length > 1 && s.charCodeAt(1) !== 0x20;
  return !INDICATORS.has(c);
}

// The plain scalars whose decoding fails or that this reader leaves to the full parser (±Inf, NaN, `<<`).
const UNDECODED = new Set([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<"]);

/** A plain scalar's value as goyaml resolves it (when `wanted`; else null once it is known to decode). */
function plainValue(text: string, wanted: boolean): Value {
  if (UNDECODED.has(text)) throw UNSUPPORTED;
  if (!wanted) return null;
  const r = resolveScalar(text);
  return r.tag === "int" ? Number(r.value) : r.value;
}

// Items of a one-line flow sequence written plain: no indicators, quotes, `:` or `#` in them.
const FLOW_PLAIN = /^[A-Za-z0-9_./=+-][A-Za-z0-9_./=+ -]*$/;

/** A flow sequence on one line (`[a, "b", 'c']`) and what may follow it. */
function flowSequence(rest: string, wanted: boolean): Value {
  const items: Value[] = [];
  let c = 1;
  const spaces = () => {
    while (c < rest.length && rest.charCodeAt(c) === 0x20) c++;
  };
  spaces();
  if (rest.charCodeAt(c) === 0x5d) return afterNode(rest, c + 1, items);
  for (;;) {
    const ch = rest.charCodeAt(c);
    if (ch === 0x22 || ch === 0x27) {
      const q = quoted(rest, c);
      items.push(q.value);
      c = q.end;
    } else {
      let end = c;
      while (end < rest.length && rest.charCodeAt(end) !== 0x2c && rest.charCodeAt(end) !== 0x5d) end++;
      const text = trimSpaces(rest.slice(c, end));
      if (!FLOW_PLAIN.test(text)) throw UNSUPPORTED;
      items.push(plainValue(text, wanted));
      c = end;
    }
    spaces();
    const sep = rest.charCodeAt(c);
    if (sep === 0x5d) return afterNode(rest, c + 1, items);
    if (sep !== 0x2c) throw UNSUPPORTED;
    c++;
    spaces();
    if (c >= rest.length || rest.charCodeAt(c) === 0x2c || rest.charCodeAt(c) === 0x5d) throw UNSUPPORTED;
  }
}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", n: "\n", t: "\t", r: "\r" };

/** A single- or double-quoted scalar on one line, starting at `start` of `s`: its value and the index past it. */
function quoted(s: string, start: number): { value: string; end: number } {
  const q = s[start]!;
  let value = "";
  let c = start + 1;
  for (;;) {
    const close = s.indexOf(q, c);
    if (close < 0) throw UNSUPPORTED;
    if (q === "'") {
      value += s.slice(c, close);
      if (s[close + 1] !== "'") return { value, end: close + 1 };
      value += "'";
      c = close + 2;
      continue;
    }
    const bs = s.indexOf("\\", c);
    if (bs < 0 || bs > close) return { value: value + s.slice(c, close), end: close + 1 };
    value += s.slice(c, bs);
    const e = s[bs + 1] ?? "";
    if (e === "u") {
      const hex = s.slice(bs + 2, bs + 6);
      const code = /^[0-9A-Fa-f]{4}$/.test(hex) ? parseInt(hex, 16) : 0xd800;
      // goyaml rejects an escaped surrogate.
      if (code >= 0xd800 && code <= 0xdfff) throw UNSUPPORTED;
      value += String.fromCharCode(code);
      c = bs + 6;
    } else {
      const x = ESCAPES[e];
      if (x === undefined) throw UNSUPPORTED;
      value += x;
      c = bs + 2;
    }
  }
}

/** `s` without trailing spaces (not trimEnd: YAML's blanks are spaces and tabs, not every Unicode space). */
function trimSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `value`, when only spaces and an optional comment follow position `end` of `rest`. */
function afterNode(rest: string, end: number, value: Value): Value {
  let c = end;
  if (c === rest.length) return value;
  if (rest.charCodeAt(c) !== 0x20) throw UNSUPPORTED;
  while (c < rest.length && rest.charCodeAt(c) === 0x20) c++;
  if (c < rest.length && rest.charCodeAt(c) !== 0x23) throw UNSUPPORTED;
  return value;
}

/** A text the fast reader read: its lines, and the lines holding a decoded scalar with the path of keys to it. */
export interface Reading {
  readonly lines: readonly string[];
  /** Lines holding a scalar of the result, with the path of maps (from the top) and the key it sits under. */
  readonly captured: ReadonlyMap<number, readonly string[]>;
}

/** A document head read by the fast reader, with what `rereadManifestHead` needs to read a variant of it. */
export interface HeadReading extends Reading {
  readonly head: GoMap;
}

/** Runs the reader over `text`; undefined when it is outside the subset. */
function readWith(text: string, capture: "top" | "all"): { reader: BlockReader; top: GoMap } | undefined {
  if (OUTSIDE_SUBSET.test(text)) return undefined;
  const reader = new BlockReader(text);
  try {
    return { reader, top: reader.document(capture) };
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

/**
 * The reader's captured lines whose scalar is in `top`, by their path of keys: maps reached from `top`
 * through maps only (not sequences). Of a key given twice only the last line counts, and of a map given
 * twice only the last one is in `top`.
 */
function readingOf(reader: BlockReader, top: GoMap): Reading {
  const paths = new Map<GoMap, string[]>([[top, []]]);
  const todo = [top];
  for (let m = todo.pop(); m !== undefined; m = todo.pop()) {
    const at = paths.get(m)!;
    for (const [k, v] of m) {
      if (v instanceof Map) {
        paths.set(v, [...at, k]);
        todo.push(v);
      }
    }
  }
  const last = new Map<string, [number, string[]]>();
  for (const [line, [map, key]] of reader.captured) {
    const path = paths.get(map);
    if (path !== undefined) last.set(JSON.stringify([...path, key]), [line, [...path, key]]);
  }
  const captured = new Map<number, string[]>();
  for (const [line, path] of last.values()) captured.set(line, path);
  return { lines: reader.lines, captured };
}

/**
 * The head of a rendered document (a map holding apiVersion, kind and metadata's name, namespace and
 * annotations as the full parser reads them), or undefined when the document is outside the subset.
 */
export function readManifestHead(doc: string): HeadReading | undefined {
  const r = readWith(doc, "top");
  return r && { head: r.top, ...readingOf(r.reader, r.top) };
}

// A line the reader takes as `key: scalar`, `- scalar` or `- key: scalar` (or block scalar content), where
// the scalar is plain, one word and cannot be read as anything but itself or a number, bool or null.
const SIMPLE_LINE = /^( *(?:- )?(?:[A-Za-z0-9_][A-Za-z0-9_./-]*: +)?)([A-Za-z0-9][A-Za-z0-9_./-]*)$/;

/** A scalar read again: the path of keys to it and its new value. */
export type ScalarEdit = readonly [path: readonly string[], value: Value];

/**
 * The lines of `text` when it differs from the text `prev` read only in the plain one-word scalars of
 * SIMPLE_LINEs (same indentation, dash and key): the reader then takes the same path through both, so
 * `text` is in the subset, and its reading is `prev`'s with the captured ones among those scalars
 * read again (`edits`). Undefined otherwise, and, when `strict`, also when a line that changed holds
 * no captured scalar (a sequence item, block scalar content, a key given twice).
 */
function rereadScalars(prev: Reading, text: string, strict: boolean): { lines: string[]; edits: ScalarEdit[] } | undefined {
  const lines = text.split("\n");
  const old = prev.lines;
  if (lines.length !== old.length) return undefined;
  const edits: ScalarEdit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === old[i]) continue;
    const now = SIMPLE_LINE.exec(line);
    const was = now && SIMPLE_LINE.exec(old[i]!);
    if (!was || now![1] !== was[1]) return undefined;
    const path = prev.captured.get(i);
    if (path === undefined) {
      if (strict) return undefined;
      continue;
    }
    edits.push([path, plainValue(now![2]!, true)]);
  }
  return { lines, edits };
}

/**
 * The reading of `doc` when it differs from the document `prev` read only in plain one-word scalars
 * (see rereadScalars): `prev`'s head with those scalars read again. Undefined otherwise.
 */
export function rereadManifestHead(prev: HeadReading, doc: string): HeadReading | undefined {
  const r = rereadScalars(prev, doc, false);
  if (r === undefined) return undefined;
  let head = prev.head;
  for (const [path, value] of r.edits) {
    if (head === prev.head) head = copyHead(head);
    let m = head;
    for (let j = 0; j < path.length - 1; j++) m = m.get(path[j]!) as GoMap;
    m.set(path[path.length - 1]!, value);
  }
  return { head, lines: r.lines, captured: prev.captured };
}

/** A head's maps copied (the top, metadata and its annotations), so the copy's scalars can change. */
function copyHead(head: GoMap): GoMap {
  const out = new Map(head);
  const md = head.get("metadata");
  if (md instanceof Map) {
    const meta = new Map(md);
    const ann = md.get("annotations");
    if (ann instanceof Map) meta.set("annotations", new Map(ann));
    out.set("metadata", meta);
  }
  return out;
}

// A line that starts a document, ends one or holds a directive: a values file of several documents.
const DOCUMENT_MARK = /^(?:---|\.\.\.|%)/m;

/**
 * A values file's map as the full parser reads it (one document, a mapping at its top), with the reading
 * `rereadBlockValues` reads a variant of the text from; undefined when the text is outside the subset.
 */
export function readValuesReading(text: string): { values: GoMap; reading: Reading } | undefined {
  const r = DOCUMENT_MARK.test(text) ? undefined : readWith(text, "all");
  return r && { values: r.top, reading: readingOf(r.reader, r.top) };
}

/**
 * A values text read from the reading of one it differs from only in plain one-word scalars of
 * `key: scalar` lines at paths of keys (see rereadScalars): the scalars to change in the last values
 * read, and the new text's reading. Undefined when the text must be read in full.
 */
export function rereadBlockValues(prev: Reading, text: string): { edits: ScalarEdit[]; reading: Reading } | undefined {
  const r = rereadScalars(prev, text, true);
  return r && { edits: r.edits, reading: { lines: r.lines, captured: prev.captured } };
}
