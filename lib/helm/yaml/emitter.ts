/**
 * A port of goyaml's block emitter (emitterc.go) for the documents Helm writes: one implicit
 * document of block mappings and sequences with scalar keys, empty collections in flow style
 * (`{}`, `[]`), no anchors or tags. The state variables (indent, column, whitespace, indention,
 * the node contexts) are goyaml's, so line breaks, folding at `bestWidth` and scalar styles come
 * out byte for byte; only the event queue is replaced by a walk over a node tree, with an explicit
 * stack of open collections, so documents nested as deep as Helm writes them (10,000 levels) fit.
 */
import { byteLength } from "../../template/value";
import { codePoints, isBlank, isBlankz, isBreak, isPrintable } from "./chars";

/** The style the encoder asks for; the emitter may pick a safer one (goyaml's select_scalar_style). */
export type ScalarStyle = "plain" | "single" | "double" | "literal";

export interface ScalarNode {
  kind: "scalar";
  text: string;
  style: ScalarStyle;
}
interface SeqNode {
  kind: "seq";
  items: EmitNode[];
}
/** Keys are scalars: Helm's encoders only write string keys. */
interface MapNode {
  kind: "map";
  pairs: [key: ScalarNode, value: EmitNode][];
}
export type EmitNode = ScalarNode | SeqNode | MapNode;

/** A block collection being written, and the index of its next entry. */
interface OpenCollection {
  node: SeqNode | MapNode;
  next: number;
}

export interface EmitterOptions {
  /** Column after which plain and quoted scalars fold at a space: 80 in goyaml v2, unlimited in v3. */
  bestWidth: number;
  /**
   * goyaml v3's emitter instead of v2's: sequences indented under their key, tabs allowed in
   * literal blocks, and "indention" tracked at line breaks rather than at indents.
   */
  v3: boolean;
}

interface ScalarAnalysis {
  text: string;
  /** The code points, computed only when a writer walks the text character by character. */
  cps: number[] | null;
  /** The number of code points (goyaml's column unit). */
  length: number;
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const BEST_INDENT = 2;
/** Characters that cannot start a plain scalar: # , [ ] { } & * ! | > ' " % @ ` */
const FIRST_INDICATORS = new Set([...`#,[]{}&*!|>'"%@\``].map((c) => c.charCodeAt(0)));
const MAX_SIMPLE_KEY_BYTES = 128;

/** Most keys and values: no indicator, quote, break or special character anywhere, no space at either end. */
const SIMPLE = /^[A-Za-z0-9_./](?:[A-Za-z0-9_./ -]*[A-Za-z0-9_./-])?$/;

const cpsOf = (a: ScalarAnalysis): number[] => (a.cps ??= codePoints(a.text));

/** goyaml's yaml_emitter_analyze_scalar (v3 tells tabs apart from other special characters). */
function analyzeScalar(text: string, v3: boolean): ScalarAnalysis {
  if (SIMPLE.test(text)) {
    // The full analysis finds nothing in such text except a "..." document-end prefix.
    const plain = !text.startsWith("...");
    return { text, cps: null, length: text.length, multiline: false, blockPlainAllowed: plain, singleQuotedAllowed: true, blockAllowed: true };
  }
  const cps = codePoints(text);
  const n = cps.length;
  if (n === 0) {
    return { text, cps, length: 0, multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = text.startsWith("---") || text.startsWith("...");
  let lineBreaks = false;
  let specialCharacters = false;
  let tabCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  // Only block context is ever written, so goyaml's flow_indicators are not tracked.
  let precededByWhitespace = true;
  for (let i = 0; i < n; i++) {
    const c = cps[i] ?? 0;
    const followedByWhitespace = i + 1 >= n || isBlank(cps[i + 1]);
    if (i === 0) {
      if (FIRST_INDICATORS.has(c)) blockIndicators = true;
      else if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByWhitespace) blockIndicators = true; // "? ", ": ", "- "
    } else if (c === 0x3a && followedByWhitespace) blockIndicators = true;
    else if (c === 0x23 && precededByWhitespace) blockIndicators = true;
    if (v3 && c === 0x09) tabCharacters = true;
    else if (!isPrintable(c)) specialCharacters = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  const a: ScalarAnalysis = { text, cps, length: n, multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || tabCharacters || specialCharacters) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) a.blockAllowed = false;
  if (lineBreaks) {
    a.blockPlainAllowed = false;
  }
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

const ESCAPES: Record<number, string> = {
  0x00: "0",
  0x07: "a",
  0x08: "b",
  0x09: "t",
  0x0a: "n",
  0x0b: "v",
  0x0c: "f",
  0x0d: "r",
  0x1b: "e",
  0x22: '"',
  0x5c: "\\",
  0x85: "N",
  0xa0: "_",
  0x2028: "L",
  0x2029: "P",
};

function escapeCodePoint(c: number): string {
  const named = ESCAPES[c];
  if (named !== undefined) return named;
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return `x${hex.padStart(2, "0")}`;
  if (c <= 0xffff) return `u${hex.padStart(4, "0")}`;
  return `U${hex.padStart(8, "0")}`;
}

/** One emitter run over one document. */
class Emitter {
  private readonly out: string[] = [];
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private mappingContext = false;
  /** The scalar being written; when it has no surrogate pairs, code point indexes are string indexes. */
  private scalarText = "";
  private simpleKeyContext = false;

  constructor(private readonly opts: EmitterOptions) {}

  document(root: EmitNode): string {
    const open: OpenCollection[] = [];
    this.node(root, false, false, open);
    for (let depth = open.length; depth > 0; depth = open.length) {
      const top = open[depth - 1]!;
      const n = top.node;
      if (top.next === (n.kind === "seq" ? n.items : n.pairs).length) {
        this.popIndent();
        open.pop();
      } else if (n.kind === "seq") {
        this.writeIndent();
        this.writeIndicator("-", true, false, true);
        this.node(n.items[top.next++]!, false, false, open);
      } else {
        const [key, value] = n.pairs[top.next++]!;
        this.writeIndent();
        this.key(key);
        this.node(value, true, false, open);
      }
    }
    this.writeIndent(); // document end
    return this.out.join("");
  }

  /** Writes a scalar or an empty collection, or starts a block collection and pushes it on `open`. */
  private node(n: EmitNode, mapping: boolean, simpleKey: boolean, open: OpenCollection[]): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (n.kind === "scalar") this.scalar(n, analyzeScalar(n.text, this.opts.v3));
    else if (n.kind === "seq" && n.items.length === 0) this.emptyFlow("[", "]");
    else if (n.kind === "map" && n.pairs.length === 0) this.emptyFlow("{", "}");
    else {
      this.increaseIndent(false, n.kind === "seq" && !this.opts.v3 && this.mappingContext && !this.indention);
      open.push({ node: n, next: 0 });
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  /** A mapping key and its ':' (goyaml's simple key check, else the '?' form). */
  private key(key: ScalarNode): void {
    const ka = analyzeScalar(key.text, this.opts.v3);
    this.mappingContext = true;
    if (!ka.multiline && (ka.text.length <= MAX_SIMPLE_KEY_BYTES / 4 || byteLength(ka.text) <= MAX_SIMPLE_KEY_BYTES)) {
      this.simpleKeyContext = true;
      this.scalar(key, ka);
      this.writeIndicator(":", false, false, false);
    } else {
      this.writeIndicator("?", true, false, true);
      this.simpleKeyContext = false;
      this.scalar(key, ka);
      this.writeIndent();
      this.writeIndicator(":", true, false, true);
    }
  }

  /** Only empty collections reach flow style in the documents we write: `[]`, `{}`. */
  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private scalar(n: { text: string; style: ScalarStyle }, a: ScalarAnalysis): void {
    let style = n.style;
    if (this.simpleKeyContext && a.multiline) style = "double";
    if (style === "plain") {
      if (!a.blockPlainAllowed) style = "single";
      if (a.length === 0 && this.simpleKeyContext) style = "single";
    }
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || this.simpleKeyContext)) style = "double";
    this.increaseIndent(true, false);
    this.scalarText = a.text;
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case "plain":
        this.writePlain(a, allowBreaks);
        break;
      case "single":
        this.writeSingleQuoted(cpsOf(a), allowBreaks);
        break;
      case "double":
        this.writeDoubleQuoted(cpsOf(a), allowBreaks);
        break;
      case "literal":
        this.writeLiteral(cpsOf(a));
        break;
    }
    this.popIndent();
  }

  private put(s: string): void {
    this.out.push(s);
    this.column += s.length;
  }

  private putBreak(): void {
    this.out.push("\n");
    this.column = 0;
    if (this.opts.v3) this.indention = true;
  }

  /** Writes one character as-is. */
  private write(c: number): void {
    this.out.push(String.fromCodePoint(c));
    this.column++;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.write(c);
      this.column = 0;
      if (this.opts.v3) this.indention = true;
    }
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(" ".repeat(indent - this.column));
    this.whitespace = true;
    if (!this.opts.v3) this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** Writes cps[from, to) as-is: a run of ordinary characters. */
  private writeRun(cps: number[], from: number, to: number): void {
    if (to <= from) return;
    if (cps.length === this.scalarText.length) this.out.push(this.scalarText.slice(from, to));
    else for (let i = from; i < to; i += 4096) this.out.push(String.fromCodePoint(...cps.slice(i, Math.min(i + 4096, to))));
    this.column += to - from;
  }

  private writePlain(a: ScalarAnalysis, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    const n = a.length;
    // Fast path: nothing to fold (a plain scalar never holds a line break).
    if (!allowBreaks || this.column + n <= this.opts.bestWidth + 1 || !a.text.includes(" ")) {
      this.out.push(a.text);
      this.column += n;
    } else {
      const cps = cpsOf(a);
      let spaces = false;
      let breaks = false;
      for (let i = 0; i < n; i++) {
        const c = cps[i] ?? 0;
        if (c === 0x20) {
          if (allowBreaks && !spaces && this.column > this.opts.bestWidth && cps[i + 1] !== 0x20) this.writeIndent();
          else this.write(c);
          spaces = true;
        } else if (isBreak(c)) {
          if (!breaks && c === 0x0a) this.putBreak();
          this.writeBreak(c);
          this.indention = true;
          breaks = true;
        } else {
          if (breaks) this.writeIndent();
          this.write(c);
          this.indention = false;
          spaces = false;
          breaks = false;
        }
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    const n = cps.length;
    let spaces = false;
    let breaks = false;
    let run = 0;
    for (let i = 0; i < n; i++) {
      const c = cps[i] ?? 0;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column + (i - run) > this.opts.bestWidth && i > 0 && i < n - 1 && cps[i + 1] !== 0x20) {
          this.writeRun(cps, run, i);
          run = i + 1;
          this.writeIndent();
        }
        spaces = true;
      } else if (isBreak(c)) {
        this.writeRun(cps, run, i);
        run = i + 1;
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) {
          this.writeRun(cps, run, i);
          run = i;
          this.put("'");
        }
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeRun(cps, run, n);
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const n = cps.length;
    // goyaml's is_bom looks at the start of the value, not at the current character.
    const bom = cps[0] === 0xfeff;
    let spaces = false;
    let run = 0;
    for (let i = 0; i < n; i++) {
      const c = cps[i] ?? 0;
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.writeRun(cps, run, i);
        run = i + 1;
        this.put(`\\${escapeCodePoint(c)}`);
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column + (i - run) > this.opts.bestWidth && i > 0 && i < n - 1) {
          this.writeRun(cps, run, i);
          run = i + 1;
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put("\\");
        }
        spaces = true;
      } else {
        spaces = false;
      }
    }
    this.writeRun(cps, run, n);
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBlockScalarHints(cps: number[]): void {
    const first = cps[0];
    if (first === 0x20 || isBreak(first)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const n = cps.length;
    let chomp = "";
    if (n === 0 || !isBreak(cps[n - 1])) chomp = "-";
    else if (n === 1 || isBreak(cps[n - 2])) chomp = "+";
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteral(cps: number[]): void {
    this.writeIndicator("|", true, false, false);
    this.writeBlockScalarHints(cps);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let run = 0;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i] ?? 0;
      if (isBreak(c)) {
        this.writeRun(cps, run, i);
        run = i + 1;
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          run = i;
        }
        this.indention = false;
        breaks = false;
      }
    }
    this.writeRun(cps, run, cps.length);
  }
}

/** Writes one YAML document (with its final line break) the way goyaml's Marshal does. */
export function emitDocument(root: EmitNode, opts: EmitterOptions): string {
  return new Emitter(opts).document(root);
}
