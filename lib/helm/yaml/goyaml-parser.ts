/**
 * goyaml v2 (v2.4.3, under sigs.k8s.io/yaml) reading the first document of a text, as yaml.Unmarshal
 * does: a port of its scanner (scannerc.go) and parser (parserc.go), and of the composer of decode.go
 * that builds the node tree, here with an explicit stack, so that a document nested to goyaml's limits
 * (10000 flow levels, 10000 indents) reads without deep recursion. Errors are goyaml's words on goyaml's
 * line (`yaml: line 62: did not find expected key`), and what goyaml reads that YAML 1.2 would not (NEL,
 * LS and PS as line breaks, an empty key) reads as in goyaml.
 *
 * Positions count characters as goyaml counts them (a surrogate pair is one). The text is assumed
 * printable (the caller rejects control characters first, as goyaml's reader does).
 */
import { YamlError } from "./errors";

const enum T {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

const enum S {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

/** The events the driver needs to tell: where the first document ends. */
const enum E {
  Other,
  DocumentEnd,
  StreamEnd,
}

interface Mark {
  index: number;
  line: number;
  column: number;
}

interface Token {
  typ: T;
  start: Mark;
  end: Mark;
  /** Tag handle (TAG, TAG DIRECTIVE). */
  handle?: string;
  /** A tag's suffix, a tag directive's prefix. */
  suffix?: string;
  /** A scalar's value. */
  value?: string;
  /** Whether a scalar is plain. */
  plain?: boolean;
  /** An anchor's or alias's name. */
  name?: string;
  /** Version (VERSION DIRECTIVE). */
  major?: number;
  minor?: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** goyaml's limits on flow nesting and on the indentation stack. */
const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

/** A scanner or parser error: goyaml's problem, its mark, and the context mark it falls back to. */
class Failure {
  constructor(
    readonly scanner: boolean,
    readonly problem: string,
    readonly problemMark: Mark,
    readonly contextMark: Mark,
  ) {}
}

const NO_MARK: Mark = { index: 0, line: 0, column: 0 };

/** decode.go's node: a scalar (with its resolved tag, or "" when untagged), a collection, or an alias. */
export type GoyamlNode =
  | { kind: "scalar"; value: string; tag: string; implicit: boolean; line: number }
  | { kind: "seq"; tag: string; children: GoyamlNode[]; line: number }
  /** Keys and values alternate in `children`. */
  | { kind: "map"; tag: string; children: GoyamlNode[]; line: number }
  | { kind: "alias"; name: string; target: GoyamlNode; line: number };

type Collection = Extract<GoyamlNode, { children: GoyamlNode[] }>;

/** decode.go's parser: the node tree of the first document, built from the events as they come. */
class Composer {
  root: GoyamlNode | null = null;
  private readonly open: Collection[] = [];
  private readonly anchors = new Map<string, GoyamlNode>();

  private add(n: GoyamlNode, anchor: string | undefined): void {
    if (anchor !== undefined) this.anchors.set(anchor, n);
    const parent = this.open[this.open.length - 1];
    if (parent) parent.children.push(n);
    else this.root ??= n;
  }

  scalar(value: string, tag: string, implicit: boolean, anchor: string | undefined, mark: Mark): void {
    this.add({ kind: "scalar", value, tag, implicit, line: mark.line }, anchor);
  }

  start(kind: "seq" | "map", tag: string, anchor: string | undefined, mark: Mark): void {
    const n: Collection = { kind, tag, children: [], line: mark.line };
    this.add(n, anchor);
    this.open.push(n);
  }

  end(): void {
    this.open.pop();
  }

  /** decode.go: an alias fails while the document is composed, as soon as it is parsed. */
  alias(name: string, mark: Mark): void {
    const target = this.anchors.get(name);
    if (target === undefined) throw new YamlError("UNKNOWN_ANCHOR", `yaml: unknown anchor '${name}' referenced`);
    this.add({ kind: "alias", name, target, line: mark.line }, undefined);
  }
}

/**
 * The first YAML document of `text` as goyaml's parser composes it (null for no document). Throws
 * `YamlError` with goyaml's message: `SYNTAX` (with goyaml's problem position, 1-based), `TOO_DEEP`
 * past its nesting limits, `UNKNOWN_ANCHOR`.
 */
export function composeFirstDocument(text: string): GoyamlNode | null {
  const composer = new Composer();
  // goyaml's reader takes a byte order mark at the start as the encoding's, not as text.
  const p = new Parser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, composer);
  try {
    for (;;) {
      const e = p.next();
      if (e === E.DocumentEnd || e === E.StreamEnd) return composer.root;
    }
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    // decode.go fail(): scanner errors print the problem's line 1-based, parser errors 0-based as is;
    // on line 0 the context's line (0-based), and nothing when that is 0 too.
    let line = 0;
    if (e.problemMark.line !== 0) line = e.problemMark.line + (e.scanner ? 1 : 0);
    else if (e.contextMark.line !== 0) line = e.contextMark.line;
    const code = e.problem.startsWith("exceeded max depth") ? "TOO_DEEP" : "SYNTAX";
    // The position is the problem's, but not past the text's last line: the end of the stream (after a
    // final line break) is shown as the end of that line.
    const lines = text.replace(/\n$/, "").split("\n");
    const [at, column] = e.problemMark.line + 1 > lines.length ? [lines.length, lines[lines.length - 1]!.length + 1] : [e.problemMark.line + 1, e.problemMark.column + 1];
    throw new YamlError(code, `yaml: ${line !== 0 ? `line ${line}: ` : ""}${e.problem}`, at, column);
  }
}

/** goyaml's error for the first document of `text` (`yaml: line 3: did not find expected key`), or null when goyaml reads it. */
export function goyamlSyntaxError(text: string): string | null {
  try {
    composeFirstDocument(text);
    return null;
  } catch (e) {
    if (e instanceof YamlError) return e.message;
    throw e;
  }
}

const isBreakCode = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlankCode = (c: number): boolean => c === 0x20 || c === 0x09;
const isAlphaCode = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isHexCode = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const TAG_URI_CHARS = new Set(";/?:@&=+$,.!~*'()[]%");
/** A double-quoted scalar's one-character escapes. */
const ESCAPES: Record<string, string> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b",
  " ": " ", '"': '"', "'": "'", "\\": "\\", N: "\x85", _: "\xa0", L: "\u2028", P: "\u2029",
};

class Scanner {
  private pos = 0;
  protected mark: Mark = { index: 0, line: 0, column: 0 };
  protected tokens: Token[] = [];
  protected tokensHead = 0;
  protected tokensParsed = 0;
  protected tokenAvailable = false;
  protected streamEndProduced = false;
  private streamStartProduced = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByTok = new Map<number, number>();
  private simpleKeyAllowed = false;
  private flowLevel = 0;

  constructor(private readonly text: string) {}

  // --- reading ---------------------------------------------------------------------------------

  /** The code unit `k` characters ahead of the position (0 past the end, goyaml's NUL padding). */
  private at(k = 0): number {
    const i = this.ahead(k);
    return i < this.text.length ? this.text.charCodeAt(i) : 0;
  }

  private width(i: number): number {
    const c = this.text.charCodeAt(i);
    return c >= 0xd800 && c <= 0xdbff && i + 1 < this.text.length ? 2 : 1;
  }

  private isBreak(k = 0): boolean {
    return isBreakCode(this.at(k));
  }
  private isBlank(k = 0): boolean {
    return isBlankCode(this.at(k));
  }
  private isZ(k = 0): boolean {
    return this.ahead(k) >= this.text.length;
  }
  private isBreakZ(k = 0): boolean {
    return this.isBreak(k) || this.isZ(k);
  }
  private isBlankZ(k = 0): boolean {
    return this.isBlank(k) || this.isBreakZ(k);
  }

  /** Offset of the character `k` ahead. */
  private ahead(k: number): number {
    let i = this.pos;
    for (; k > 0; k--) i += i < this.text.length ? this.width(i) : 1;
    return i;
  }

  private skip(): void {
    this.mark = { index: this.mark.index + 1, line: this.mark.line, column: this.mark.column + 1 };
    this.pos += this.width(this.pos);
  }

  /** skip_line and read_line: over a line break (CRLF counts two in the index). */
  private skipLine(): void {
    if (this.at() === 0x0d && this.at(1) === 0x0a) {
      this.mark = { index: this.mark.index + 2, line: this.mark.line + 1, column: 0 };
      this.pos += 2;
    } else if (this.isBreak()) {
      this.mark = { index: this.mark.index + 1, line: this.mark.line + 1, column: 0 };
      this.pos += 1;
    }
  }

  private scannerError(contextMark: Mark, problem: string): never {
    throw new Failure(true, problem, this.mark, contextMark);
  }

  // --- the token queue -------------------------------------------------------------------------

  private insertToken(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + pos, 0, token);
  }

  protected fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const i = this.simpleKeysByTok.get(this.tokensParsed);
        if (i === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[i]!)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    if (this.isZ()) return this.fetchStreamEnd();
    const c = this.at();
    const col0 = this.mark.column === 0;
    if (col0 && c === 0x25) return this.fetchDirective();
    if (col0 && c === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x2d && this.isBlankZ(3)) return this.fetchDocumentIndicator(T.DocumentStart);
    if (col0 && c === 0x2e && this.at(1) === 0x2e && this.at(2) === 0x2e && this.isBlankZ(3)) return this.fetchDocumentIndicator(T.DocumentEnd);
    switch (c) {
      case 0x5b:
        return this.fetchFlowCollectionStart(T.FlowSequenceStart);
      case 0x7b:
        return this.fetchFlowCollectionStart(T.FlowMappingStart);
      case 0x5d:
        return this.fetchFlowCollectionEnd(T.FlowSequenceEnd);
      case 0x7d:
        return this.fetchFlowCollectionEnd(T.FlowMappingEnd);
      case 0x2c:
        return this.fetchFlowEntry();
    }
    if (c === 0x2d && this.isBlankZ(1)) return this.fetchBlockEntry();
    if (c === 0x3f && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchKey();
    if (c === 0x3a && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchValue();
    if (c === 0x2a) return this.fetchAnchor(T.Alias);
    if (c === 0x26) return this.fetchAnchor(T.Anchor);
    if (c === 0x21) return this.fetchTag();
    if (c === 0x7c && this.flowLevel === 0) return this.fetchBlockScalar();
    if (c === 0x3e && this.flowLevel === 0) return this.fetchBlockScalar();
    if (c === 0x27 || c === 0x22) return this.fetchFlowScalar(c === 0x27);
    const indicator = this.isBlankZ() || "-?:,[]{}#&*!|>'\"%@`".includes(String.fromCharCode(c));
    if (!indicator || (c === 0x2d && !this.isBlank(1)) || (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !this.isBlankZ(1))) {
      return this.fetchPlainScalar();
    }
    this.scannerError(this.mark, "found character that cannot start any token");
  }

  // --- simple keys, flow levels, indentation ---------------------------------------------------

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) this.scannerError(key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: this.mark };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (!key.possible) return;
    if (key.required) this.scannerError(key.mark, "could not find expected ':'");
    key.possible = false;
    this.simpleKeysByTok.delete(key.tokenNumber);
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: this.mark });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) this.scannerError(this.simpleKeys[this.simpleKeys.length - 1]!.mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel === 0) return;
    this.flowLevel--;
    const key = this.simpleKeys.pop()!;
    this.simpleKeysByTok.delete(key.tokenNumber);
  }

  private rollIndent(column: number, number: number, typ: T, mark: Mark): void {
    if (this.flowLevel > 0 || this.indent >= column) return;
    this.indents.push(this.indent);
    this.indent = column;
    if (this.indents.length > MAX_INDENTS) this.scannerError(this.simpleKeys[this.simpleKeys.length - 1]!.mark, `exceeded max depth of ${MAX_INDENTS}`);
    this.insertToken(number > -1 ? number - this.tokensParsed : number, { typ, start: mark, end: mark });
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insertToken(-1, { typ: T.BlockEnd, start: this.mark, end: this.mark });
      this.indent = this.indents.pop()!;
    }
  }

  // --- fetching tokens -------------------------------------------------------------------------

  private simpleToken(typ: T): void {
    const start = this.mark;
    this.skip();
    this.insertToken(-1, { typ, start, end: this.mark });
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: NO_MARK });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, { typ: T.StreamStart, start: this.mark, end: this.mark });
  }

  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) this.mark = { index: this.mark.index, line: this.mark.line + 1, column: 0 };
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, { typ: T.StreamEnd, start: this.mark, end: this.mark });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(typ: T): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark;
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { typ, start, end: this.mark });
  }

  private fetchFlowCollectionStart(typ: T): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.simpleToken(typ);
  }

  private fetchFlowCollectionEnd(typ: T): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.simpleToken(typ);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.FlowEntry);
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError(this.mark, "block sequence entries are not allowed in this context");
      this.rollIndent(this.mark.column, -1, T.BlockSequenceStart, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.BlockEntry);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError(this.mark, "mapping keys are not allowed in this context");
      this.rollIndent(this.mark.column, -1, T.BlockMappingStart, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.simpleToken(T.Key);
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1]!;
    if (this.simpleKeyIsValid(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, { typ: T.Key, start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, T.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.scannerError(this.mark, "mapping values are not allowed in this context");
        this.rollIndent(this.mark.column, -1, T.BlockMappingStart, this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.simpleToken(T.Value);
  }

  private fetchAnchor(typ: T): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(typ));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar());
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  // --- scanning --------------------------------------------------------------------------------

  private skipComment(): void {
    if (this.at() === 0x23) while (!this.isBreakZ()) this.skip();
  }

  private scanToNextToken(): void {
    for (;;) {
      // A byte order mark may start a line.
      if (this.mark.column === 0 && this.at() === 0xfeff) this.skip();
      while (this.at() === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === 0x09)) this.skip();
      this.skipComment();
      if (!this.isBreak()) return;
      this.skipLine();
      if (this.flowLevel === 0) this.simpleKeyAllowed = true;
    }
  }

  /** Blanks, a comment, then a line break or the end: what must follow a directive or a block scalar's header. */
  private scanLineEnd(start: Mark): void {
    while (this.isBlank()) this.skip();
    this.skipComment();
    if (!this.isBreakZ()) this.scannerError(start, "did not find expected comment or line break");
    if (this.isBreak()) this.skipLine();
  }

  private scanDirective(): Token {
    const start = this.mark;
    this.skip();
    let name = "";
    while (isAlphaCode(this.at())) {
      name += String.fromCharCode(this.at());
      this.skip();
    }
    if (name === "") this.scannerError(start, "could not find expected directive name");
    if (!this.isBlankZ()) this.scannerError(start, "found unexpected non-alphabetical character");
    let token: Token;
    if (name === "YAML") {
      while (this.isBlank()) this.skip();
      const major = this.scanVersionNumber(start);
      if (this.at() !== 0x2e) this.scannerError(start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.scanVersionNumber(start);
      token = { typ: T.VersionDirective, start, end: this.mark, major, minor };
    } else if (name === "TAG") {
      while (this.isBlank()) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!this.isBlank()) this.scannerError(start, "did not find expected whitespace");
      while (this.isBlank()) this.skip();
      const prefix = this.scanTagUri("", start);
      if (!this.isBlankZ()) this.scannerError(start, "did not find expected whitespace or line break");
      token = { typ: T.TagDirective, start, end: this.mark, handle, suffix: prefix };
    } else {
      this.scannerError(start, "found unknown directive name");
    }
    this.scanLineEnd(start);
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (this.at() >= 0x30 && this.at() <= 0x39) {
      if (++length > 2) this.scannerError(start, "found extremely long version number");
      value = value * 10 + (this.at() - 0x30);
      this.skip();
    }
    if (length === 0) this.scannerError(start, "did not find expected version number");
    return value;
  }

  private scanAnchor(typ: T): Token {
    const start = this.mark;
    this.skip();
    let name = "";
    while (isAlphaCode(this.at())) {
      name += String.fromCharCode(this.at());
      this.skip();
    }
    const end = this.mark;
    if (name === "" || !(this.isBlankZ() || "?:,]}%@`".includes(String.fromCharCode(this.at())))) {
      this.scannerError(start, "did not find expected alphabetic or numeric character");
    }
    return { typ, start, end, name };
  }

  /** A tag: `!<verbatim>` (no handle), `!handle!suffix`, `!suffix` (handle `!`), or `!` alone (no handle, suffix `!`). */
  private scanTag(): Token {
    const start = this.mark;
    let handle: string;
    let suffix: string;
    if (this.at(1) === 0x3c) {
      this.skip();
      this.skip();
      suffix = this.scanTagUri("", start);
      if (this.at() !== 0x3e) this.scannerError(start, "did not find the expected '>'");
      this.skip();
      handle = "";
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith("!") && handle.endsWith("!")) {
        suffix = this.scanTagUri("", start);
      } else {
        suffix = this.scanTagUri(handle, start);
        [handle, suffix] = suffix === "" ? ["", "!"] : ["!", suffix];
      }
    }
    if (!this.isBlankZ()) this.scannerError(start, "did not find expected whitespace or line break");
    return { typ: T.Tag, start, end: this.mark, handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.at() !== 0x21) this.scannerError(start, "did not find expected '!'");
    let s = "!";
    this.skip();
    while (isAlphaCode(this.at())) {
      s += String.fromCharCode(this.at());
      this.skip();
    }
    if (this.at() === 0x21) {
      s += "!";
      this.skip();
    } else if (directive && s !== "!") {
      this.scannerError(start, "did not find expected '!'");
    }
    return s;
  }

  private scanTagUri(head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : "";
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.at();
      if (!(isAlphaCode(c) || TAG_URI_CHARS.has(String.fromCharCode(c)))) break;
      if (c === 0x25) s += this.scanUriEscapes(start);
      else {
        s += String.fromCharCode(c);
        this.skip();
      }
      hasTag = true;
    }
    if (!hasTag) this.scannerError(start, "did not find expected tag URI");
    return s;
  }

  /** One UTF-8 character written as %-escaped octets, decoded. */
  private scanUriEscapes(start: Mark): string {
    let w = 1024;
    let out = "";
    while (w > 0) {
      if (!(this.at() === 0x25 && isHexCode(this.at(1)) && isHexCode(this.at(2)))) this.scannerError(start, "did not find URI escaped octet");
      const octet = parseInt(String.fromCharCode(this.at(1), this.at(2)), 16);
      if (w === 1024) {
        w = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (w === 0) this.scannerError(start, "found an incorrect leading UTF-8 octet");
      } else if ((octet & 0xc0) !== 0x80) {
        this.scannerError(start, "found an incorrect trailing UTF-8 octet");
      }
      out += `%${String.fromCharCode(this.at(1), this.at(2))}`;
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    try {
      return decodeURIComponent(out);
    } catch {
      // Octets of the right shape that are still no UTF-8 (an overlong form): Go keeps the bytes.
      return out;
    }
  }

  /** A literal (`|`) or folded (`>`) scalar, with its value as goyaml folds and chomps it. */
  private scanBlockScalar(): Token {
    const start = this.mark;
    const literal = this.at() === 0x7c;
    this.skip();
    let chomping = 0;
    let increment = 0;
    const chomp = (): void => {
      if (this.at() !== 0x2b && this.at() !== 0x2d) return;
      chomping = this.at() === 0x2b ? 1 : -1;
      this.skip();
    };
    const digit = (): void => {
      if (this.at() < 0x30 || this.at() > 0x39) return;
      if (this.at() === 0x30) this.scannerError(start, "found an indentation indicator equal to 0");
      increment = this.at() - 0x30;
      this.skip();
    };
    if (this.at() === 0x2b || this.at() === 0x2d) {
      chomp();
      digit();
    } else if (this.at() >= 0x30 && this.at() <= 0x39) {
      digit();
      chomp();
    }
    this.scanLineEnd(start);
    let indent = increment > 0 ? (this.indent >= 0 ? this.indent + increment : increment) : 0;
    let value = "";
    let leadingBreak = "";
    let trailingBreaks = "";
    const breaks = (): void => {
      const r = this.scanBlockScalarBreaks(indent, start);
      indent = r.indent;
      trailingBreaks += r.breaks;
    };
    breaks();
    let leadingBlank = false;
    while (this.mark.column === indent && !this.isZ()) {
      const trailingBlank = this.isBlank();
      // Folding joins lines by a space, but not around more-indented lines (which start with a blank).
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith("\n")) {
        if (trailingBreaks === "") value += " ";
      } else {
        value += leadingBreak;
      }
      value += trailingBreaks;
      leadingBreak = trailingBreaks = "";
      leadingBlank = this.isBlank();
      const from = this.pos;
      while (!this.isBreakZ()) this.skip();
      value += this.text.slice(from, this.pos);
      leadingBreak = this.readLine();
      breaks();
    }
    if (chomping !== -1) value += leadingBreak;
    if (chomping === 1) value += trailingBreaks;
    return { typ: T.Scalar, start, end: this.mark, value };
  }

  /** The indentation and empty lines before a block scalar's next line: their breaks, and the indentation found. */
  private scanBlockScalarBreaks(indent: number, start: Mark): { indent: number; breaks: string } {
    let maxIndent = 0;
    let breaks = "";
    for (;;) {
      while ((indent === 0 || this.mark.column < indent) && this.at() === 0x20) this.skip();
      if (this.mark.column > maxIndent) maxIndent = this.mark.column;
      if ((indent === 0 || this.mark.column < indent) && this.at() === 0x09) {
        this.scannerError(start, "found a tab character where an indentation space is expected");
      }
      if (!this.isBreak()) break;
      breaks += this.readLine();
    }
    if (indent === 0) indent = Math.max(maxIndent, this.indent + 1, 1);
    return { indent, breaks };
  }

  /** A single- or double-quoted scalar, with escapes decoded and lines folded as goyaml does. */
  private scanFlowScalar(single: boolean): Token {
    const start = this.mark;
    this.skip();
    let value = "";
    let leadingBreak = "";
    let trailingBreaks = "";
    let whitespaces = "";
    for (;;) {
      if (
        this.mark.column === 0 &&
        ((this.at() === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x2d) || (this.at() === 0x2e && this.at(1) === 0x2e && this.at(2) === 0x2e)) &&
        this.isBlankZ(3)
      ) {
        this.scannerError(start, "found unexpected document indicator");
      }
      if (this.isZ()) this.scannerError(start, "found unexpected end of stream");
      let leadingBlanks = false;
      while (!this.isBlankZ()) {
        const c = this.at();
        if (single && c === 0x27 && this.at(1) === 0x27) {
          value += "'";
          this.skip();
          this.skip();
        } else if (single && c === 0x27) break;
        else if (!single && c === 0x22) break;
        else if (!single && c === 0x5c && this.isBreak(1)) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          value += this.scanEscape(start);
        } else {
          const from = this.pos;
          this.skip();
          value += this.text.slice(from, this.pos);
        }
      }
      if (this.at() === (single ? 0x27 : 0x22)) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) whitespaces += String.fromCharCode(this.at());
          this.skip();
        } else if (!leadingBlanks) {
          whitespaces = "";
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.startsWith("\n")) value += trailingBreaks === "" ? " " : trailingBreaks;
        else value += leadingBreak + trailingBreaks;
        leadingBreak = trailingBreaks = "";
      } else {
        value += whitespaces;
        whitespaces = "";
      }
    }
    this.skip();
    return { typ: T.Scalar, start, end: this.mark, value };
  }

  /** A double-quoted scalar's escape sequence at the position: the character it stands for. */
  private scanEscape(start: Mark): string {
    const e = String.fromCharCode(this.at(1));
    const simple = ESCAPES[e];
    const code = { x: 2, u: 4, U: 8 }[e] ?? 0;
    if (simple === undefined && code === 0) this.scannerError(start, "found unknown escape character");
    this.skip();
    this.skip();
    if (simple !== undefined) return simple;
    let value = 0;
    for (let k = 0; k < code; k++) {
      if (!isHexCode(this.at(k))) this.scannerError(start, "did not find expected hexdecimal number");
      value = value * 16 + parseInt(String.fromCharCode(this.at(k)), 16);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.scannerError(start, "found invalid Unicode character escape code");
    for (let k = 0; k < code; k++) this.skip();
    return String.fromCodePoint(value);
  }

  /** read_line: over a line break, giving "\n" for it (LS and PS stay themselves), or "" where there is none. */
  private readLine(): string {
    if (!this.isBreak()) return "";
    const c = this.at();
    this.skipLine();
    return c === 0x2028 || c === 0x2029 ? String.fromCharCode(c) : "\n";
  }

  /** A plain scalar, with its value folded as goyaml folds it (lines joined by a space, empty lines kept as breaks). */
  private scanPlainScalar(): Token {
    let leadingBlanks = false;
    let value = "";
    let leadingBreak = "";
    let trailingBreaks = "";
    let whitespaces = "";
    const indent = this.indent + 1;
    const start = this.mark;
    let end = this.mark;
    for (;;) {
      if (
        this.mark.column === 0 &&
        ((this.at() === 0x2d && this.at(1) === 0x2d && this.at(2) === 0x2d) || (this.at() === 0x2e && this.at(1) === 0x2e && this.at(2) === 0x2e)) &&
        this.isBlankZ(3)
      ) {
        break;
      }
      if (this.at() === 0x23) break;
      while (!this.isBlankZ()) {
        const c = this.at();
        if ((c === 0x3a && this.isBlankZ(1)) || (this.flowLevel > 0 && ",?[]{}".includes(String.fromCharCode(c)))) break;
        if (leadingBlanks) {
          value += leadingBreak === "\n" ? (trailingBreaks === "" ? " " : trailingBreaks) : leadingBreak + trailingBreaks;
          leadingBreak = trailingBreaks = "";
          leadingBlanks = false;
        } else {
          value += whitespaces;
        }
        whitespaces = "";
        const from = this.ahead(0);
        this.skip();
        value += this.text.slice(from, this.ahead(0));
        end = this.mark;
      }
      if (!(this.isBlank() || this.isBreak())) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.mark.column < indent && this.at() === 0x09) {
            this.scannerError(start, "found a tab character that violates indentation");
          }
          if (!leadingBlanks) whitespaces += String.fromCharCode(this.at());
          this.skip();
        } else if (!leadingBlanks) {
          whitespaces = "";
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { typ: T.Scalar, start, end, value, plain: true };
  }
}

/** Tokens after a block indicator that leave its node empty. */
const AFTER_ENTRY: readonly T[] = [T.BlockEntry, T.BlockEnd];
const AFTER_INDENTLESS_ENTRY: readonly T[] = [T.BlockEntry, T.Key, T.Value, T.BlockEnd];
const AFTER_KEY_OR_VALUE: readonly T[] = [T.Key, T.Value, T.BlockEnd];

class Parser extends Scanner {
  private state = S.StreamStart;
  private readonly states: S[] = [];
  private readonly marks: Mark[] = [];
  /** Tag handles and their prefixes (the %TAG directives, then "!" and "!!"). */
  private tagHandles = new Map<string, string>();

  constructor(
    text: string,
    private readonly out: Composer,
  ) {
    super(text);
  }

  private peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.tokensHead]!;
  }

  private skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.tokensHead]!.typ === T.StreamEnd;
    this.tokensHead++;
  }

  private parserError(problem: string, problemMark: Mark, contextMark: Mark = NO_MARK): never {
    throw new Failure(false, problem, problemMark, contextMark);
  }

  private pop(): void {
    this.state = this.states.pop()!;
  }

  /** process_empty_scalar: an empty plain scalar stands for the missing node. */
  private empty(mark: Mark): E {
    this.out.scalar("", "", true, undefined, mark);
    return E.Other;
  }

  /** The next event's kind (yaml_parser_parse), with the node events sent to the composer; throws Failure. */
  next(): E {
    switch (this.state) {
      case S.StreamStart: {
        const t = this.peek();
        if (t.typ !== T.StreamStart) this.parserError("did not find expected <stream-start>", t.start);
        this.state = S.ImplicitDocumentStart;
        this.skipToken();
        return E.Other;
      }
      case S.ImplicitDocumentStart:
        return this.documentStart(true);
      case S.DocumentStart:
        return this.documentStart(false);
      case S.DocumentContent: {
        const t = this.peek();
        if ([T.VersionDirective, T.TagDirective, T.DocumentStart, T.DocumentEnd, T.StreamEnd].includes(t.typ)) {
          this.pop();
          return this.empty(t.start);
        }
        return this.node(true, false);
      }
      case S.DocumentEnd: {
        const t = this.peek();
        if (t.typ === T.DocumentEnd) this.skipToken();
        this.tagHandles = new Map();
        this.state = S.DocumentStart;
        return E.DocumentEnd;
      }
      case S.BlockNode:
        return this.node(true, false);
      case S.BlockNodeOrIndentlessSequence:
        return this.node(true, true);
      case S.FlowNode:
        return this.node(false, false);
      case S.BlockSequenceFirstEntry:
        return this.blockSequenceEntry(true);
      case S.BlockSequenceEntry:
        return this.blockSequenceEntry(false);
      case S.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case S.BlockMappingFirstKey:
        return this.blockMappingKey(true);
      case S.BlockMappingKey:
        return this.blockMappingKey(false);
      case S.BlockMappingValue:
        return this.blockMappingValue();
      case S.FlowSequenceFirstEntry:
        return this.flowSequenceEntry(true);
      case S.FlowSequenceEntry:
        return this.flowSequenceEntry(false);
      case S.FlowSequenceEntryMappingKey:
        return this.flowSequenceEntryMappingKey();
      case S.FlowSequenceEntryMappingValue:
        return this.flowSequenceEntryMappingValue();
      case S.FlowSequenceEntryMappingEnd:
        this.peek();
        this.state = S.FlowSequenceEntry;
        this.out.end();
        return E.Other;
      case S.FlowMappingFirstKey:
        return this.flowMappingKey(true);
      case S.FlowMappingKey:
        return this.flowMappingKey(false);
      case S.FlowMappingValue:
        return this.flowMappingValue(false);
      case S.FlowMappingEmptyValue:
        return this.flowMappingValue(true);
      case S.End:
        return E.StreamEnd;
    }
  }

  private documentStart(implicit: boolean): E {
    let t = this.peek();
    if (!implicit) {
      while (t.typ === T.DocumentEnd) {
        this.skipToken();
        t = this.peek();
      }
    }
    if (implicit && t.typ !== T.VersionDirective && t.typ !== T.TagDirective && t.typ !== T.DocumentStart && t.typ !== T.StreamEnd) {
      this.processDirectives();
      this.states.push(S.DocumentEnd);
      this.state = S.BlockNode;
      return E.Other;
    }
    if (t.typ === T.StreamEnd) {
      this.state = S.End;
      this.skipToken();
      return E.StreamEnd;
    }
    this.processDirectives();
    t = this.peek();
    if (t.typ !== T.DocumentStart) this.parserError("did not find expected <document start>", t.start);
    this.states.push(S.DocumentEnd);
    this.state = S.DocumentContent;
    this.skipToken();
    return E.Other;
  }

  private processDirectives(): void {
    let version = false;
    let t = this.peek();
    while (t.typ === T.VersionDirective || t.typ === T.TagDirective) {
      if (t.typ === T.VersionDirective) {
        if (version) this.parserError("found duplicate %YAML directive", t.start);
        if (t.major !== 1 || t.minor !== 1) this.parserError("found incompatible YAML document", t.start);
        version = true;
      } else {
        if (this.tagHandles.has(t.handle!)) this.parserError("found duplicate %TAG directive", t.start);
        this.tagHandles.set(t.handle!, t.suffix!);
      }
      this.skipToken();
      t = this.peek();
    }
    if (!this.tagHandles.has("!")) this.tagHandles.set("!", "!");
    if (!this.tagHandles.has("!!")) this.tagHandles.set("!!", "tag:yaml.org,2002:");
  }

  private node(block: boolean, indentlessSequence: boolean): E {
    let t = this.peek();
    if (t.typ === T.Alias) {
      this.out.alias(t.name!, t.start);
      this.pop();
      this.skipToken();
      return E.Other;
    }
    const start = t.start;
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    if (t.typ === T.Anchor) {
      anchor = t.name;
      this.skipToken();
      t = this.peek();
      if (t.typ === T.Tag) {
        tagToken = t;
        this.skipToken();
        t = this.peek();
      }
    } else if (t.typ === T.Tag) {
      tagToken = t;
      this.skipToken();
      t = this.peek();
      if (t.typ === T.Anchor) {
        anchor = t.name;
        this.skipToken();
        t = this.peek();
      }
    }
    let tag = "";
    if (tagToken) {
      // A verbatim tag as it is; a handle must be declared, and its prefix comes first.
      const prefix = tagToken.handle === "" ? "" : this.tagHandles.get(tagToken.handle!);
      tag = prefix === undefined ? "" : prefix + tagToken.suffix!;
      if (tag === "") this.parserError("found undefined tag handle", tagToken.start, start);
    }
    if (indentlessSequence && t.typ === T.BlockEntry) {
      this.state = S.IndentlessSequenceEntry;
      this.out.start("seq", tag, anchor, start);
      return E.Other;
    }
    switch (t.typ) {
      case T.Scalar:
        // A plain untagged scalar, or one tagged "!", is typed by its text; any other is what its tag says.
        this.out.scalar(t.value!, tag, (tag === "" && t.plain === true) || tag === "!", anchor, start);
        this.pop();
        this.skipToken();
        return E.Other;
      case T.FlowSequenceStart:
        this.state = S.FlowSequenceFirstEntry;
        this.out.start("seq", tag, anchor, start);
        return E.Other;
      case T.FlowMappingStart:
        this.state = S.FlowMappingFirstKey;
        this.out.start("map", tag, anchor, start);
        return E.Other;
    }
    if (block && t.typ === T.BlockSequenceStart) {
      this.state = S.BlockSequenceFirstEntry;
      this.out.start("seq", tag, anchor, start);
      return E.Other;
    }
    if (block && t.typ === T.BlockMappingStart) {
      this.state = S.BlockMappingFirstKey;
      this.out.start("map", tag, anchor, start);
      return E.Other;
    }
    if (anchor !== undefined || tag !== "") {
      this.pop();
      this.out.scalar("", tag, tag === "", anchor, start);
      return E.Other;
    }
    this.parserError("did not find expected node content", t.start, start);
  }

  /** The collection's first token is skipped and its mark kept for the error context. */
  private enter(first: boolean): void {
    if (!first) return;
    this.marks.push(this.peek().start);
    this.skipToken();
  }

  /** The collection's end. */
  private exit(): E {
    this.pop();
    this.marks.pop();
    this.skipToken();
    this.out.end();
    return E.Other;
  }

  /**
   * After an indicator of type `typ` at the head (`-`, `?`, `:`): its node, or an empty scalar where one
   * of `stops` follows; `next` is the state after either. Undefined when the head is no such indicator.
   */
  private afterIndicator(typ: T, stops: readonly T[], next: S, indentless: boolean): E | undefined {
    const t = this.peek();
    if (t.typ !== typ) return undefined;
    const mark = t.end;
    this.skipToken();
    if (!stops.includes(this.peek().typ)) {
      this.states.push(next);
      return this.node(true, indentless);
    }
    this.state = next;
    return this.empty(mark);
  }

  /** A block collection's end, or goyaml's `problem` for what stands there instead. */
  private blockEnd(problem: string): E {
    const t = this.peek();
    if (t.typ === T.BlockEnd) return this.exit();
    this.parserError(problem, t.start, this.marks.pop());
  }

  private blockSequenceEntry(first: boolean): E {
    this.enter(first);
    return this.afterIndicator(T.BlockEntry, AFTER_ENTRY, S.BlockSequenceEntry, false) ?? this.blockEnd("did not find expected '-' indicator");
  }

  private indentlessSequenceEntry(): E {
    const e = this.afterIndicator(T.BlockEntry, AFTER_INDENTLESS_ENTRY, S.IndentlessSequenceEntry, false);
    if (e !== undefined) return e;
    this.pop();
    this.out.end();
    return E.Other;
  }

  private blockMappingKey(first: boolean): E {
    this.enter(first);
    return this.afterIndicator(T.Key, AFTER_KEY_OR_VALUE, S.BlockMappingValue, true) ?? this.blockEnd("did not find expected key");
  }

  private blockMappingValue(): E {
    const e = this.afterIndicator(T.Value, AFTER_KEY_OR_VALUE, S.BlockMappingKey, true);
    if (e !== undefined) return e;
    this.state = S.BlockMappingKey;
    return this.empty(this.peek().start);
  }

  /** The token after the `,` that must separate a flow collection's entries (none before the first). */
  private afterFlowEntry(first: boolean, problem: string): Token {
    const t = this.peek();
    if (first) return t;
    if (t.typ !== T.FlowEntry) this.parserError(problem, t.start, this.marks.pop());
    this.skipToken();
    return this.peek();
  }

  private flowSequenceEntry(first: boolean): E {
    this.enter(first);
    let t = this.peek();
    if (t.typ !== T.FlowSequenceEnd) {
      t = this.afterFlowEntry(first, "did not find expected ',' or ']'");
      if (t.typ === T.Key) {
        // A `key: value` entry is a single-pair mapping.
        this.state = S.FlowSequenceEntryMappingKey;
        this.out.start("map", "", undefined, t.start);
        this.skipToken();
        return E.Other;
      }
      if (t.typ !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    return this.exit();
  }

  private flowSequenceEntryMappingKey(): E {
    const t = this.peek();
    if (t.typ !== T.Value && t.typ !== T.FlowEntry && t.typ !== T.FlowSequenceEnd) {
      this.states.push(S.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    this.skipToken();
    this.state = S.FlowSequenceEntryMappingValue;
    return this.empty(t.end);
  }

  private flowSequenceEntryMappingValue(): E {
    const t = this.peek();
    if (t.typ === T.Value) {
      this.skipToken();
      const u = this.peek();
      if (u.typ !== T.FlowEntry && u.typ !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = S.FlowSequenceEntryMappingEnd;
    return this.empty(t.start);
  }

  private flowMappingKey(first: boolean): E {
    this.enter(first);
    let t = this.peek();
    if (t.typ !== T.FlowMappingEnd) {
      t = this.afterFlowEntry(first, "did not find expected ',' or '}'");
      if (t.typ === T.Key) {
        this.skipToken();
        t = this.peek();
        if (t.typ !== T.Value && t.typ !== T.FlowEntry && t.typ !== T.FlowMappingEnd) {
          this.states.push(S.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = S.FlowMappingValue;
        return this.empty(t.start);
      }
      if (t.typ !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    return this.exit();
  }

  private flowMappingValue(empty: boolean): E {
    const t = this.peek();
    if (empty) {
      this.state = S.FlowMappingKey;
      return this.empty(t.start);
    }
    if (t.typ === T.Value) {
      this.skipToken();
      const u = this.peek();
      if (u.typ !== T.FlowEntry && u.typ !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = S.FlowMappingKey;
    return this.empty(t.start);
  }
}
