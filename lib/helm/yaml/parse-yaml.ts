/**
 * Reading YAML as Helm does (sigs.k8s.io/yaml over goyaml v2): YAML 1.1 scalars, merge keys and
 * aliases resolved into plain data, then the JSON round trip: map keys become strings, every
 * number a float64. The `yaml` package parses; this module applies goyaml's typing rules.
 */
import { Alias, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from "yaml";
import { GoInt, formatFloat, type GoMap, type Value } from "../../template/value";
import { goyamlPlainRoot, goyamlSyntaxError } from "../yaml-errors";
import { deepDocumentError } from "./deep-document";
import { YamlError } from "./errors";
import { resolveScalar, type Resolved } from "./resolve";

const MAX_DEPTH = 10000;
const MAX_SIMPLE_KEY = 1024;
const DIRECTIVE = /^%/m;
const DOC_START = /^---/m;
const GOYAML_STRICTER = /\t|\\[uU]/;
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]/;
const ALIAS_RATIO_LOW = 400000;
const ALIAS_RATIO_HIGH = 4000000;

/** goyaml's allowedAliasRatio: tolerate aliases in small documents, cap their share in large ones. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

const SHORT_TAGS: Record<string, string> = {
  "tag:yaml.org,2002:str": "str",
  "tag:yaml.org,2002:int": "int",
  "tag:yaml.org,2002:float": "float",
  "tag:yaml.org,2002:bool": "bool",
  "tag:yaml.org,2002:null": "null",
  "tag:yaml.org,2002:timestamp": "timestamp",
  "tag:yaml.org,2002:binary": "binary",
  "tag:yaml.org,2002:merge": "merge",
};

/** Go's strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for float map keys and string fields. */
export function formatFloat32(f: number): string {
  const f32 = Math.fround(f);
  if (!Number.isFinite(f32)) return formatFloat(f32);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f32.toPrecision(p));
    if (Math.fround(s) === f32) return formatFloat(s);
  }
  return formatFloat(f32);
}

/** sigs.k8s.io/yaml writes a non-finite float key as YAML spells it. */
const FLOAT_KEYS: Record<string, string> = { "+Inf": ".inf", "-Inf": "-.inf", NaN: ".nan" };

class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<Node>();

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    /** Keep goyaml's scalar types (see decodeYamlTyped) instead of the JSON round trip's float64s. */
    private readonly typed = false,
  ) {}

  value(node: Node | null | undefined, depth: number): Value {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new YamlError("ALIAS_BOMB", "yaml: document contains excessive aliasing");
    }
    if (depth > MAX_DEPTH) throw deepDocumentError(this.text);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, depth);
    if (isScalar(node)) return this.scalarValue(this.resolve(node));
    if (isSeq(node)) return node.items.map((item) => this.value(item as Node, depth + 1));
    if (isMap(node)) {
      node.items.forEach(({ key }, i) => this.checkSimpleKey(key as Node | null, node.flow === true, i === 0));
      return this.mapping(node.items as { key: unknown; value: unknown }[], new Map(), depth);
    }
    return null;
  }

  /**
   * goyaml forgets a possible simple key more than 1024 characters before its `:`. The first key
   * of a block mapping was optional, so its `:` is then out of place; a later key was required.
   */
  private checkSimpleKey(key: Node | null, flow: boolean, first: boolean): void {
    const range = key?.range;
    if (!range || range[1] - range[0] <= MAX_SIMPLE_KEY) return;
    const src = this.text.slice(range[0], range[1]);
    if (src.startsWith("?") || [...src].length <= MAX_SIMPLE_KEY) return;
    const pos = position(this.text, range[1]);
    const fail = (prefix: string, msg: string) => new YamlError("SYNTAX", `yaml: ${prefix}${msg}`, pos.line, pos.col);
    if (flow) throw fail(where(pos.line - 1, false), "did not find expected ',' or '}'");
    if (first) throw fail(where(pos.line - 1, true), "mapping values are not allowed in this context");
    throw fail(where(pos.line - 1, true), "could not find expected ':'");
  }

  private alias(node: Alias, depth: number): Value {
    const target = node.resolve(this.doc);
    if (!target) throw new YamlError("UNKNOWN_ANCHOR", `yaml: unknown anchor '${node.source}' referenced`);
    if (this.expanding.has(target)) throw new YamlError("ALIAS_BOMB", `yaml: anchor '${node.source}' value contains itself`);
    this.expanding.add(target);
    this.aliasDepth++;
    try {
      return this.value(target, depth + 1);
    } finally {
      this.aliasDepth--;
      this.expanding.delete(target);
    }
  }

  private resolve(node: Node & { value?: unknown; type?: string; tag?: string }): Resolved {
    const text = node.value === null || node.value === undefined ? "" : String(node.value);
    const tag = node.tag ? (SHORT_TAGS[node.tag] ?? "custom") : undefined;
    if (tag === "binary") return { tag: "str", value: decodeBinary(text) };
    if (tag === undefined) return node.type === "PLAIN" || node.type === undefined ? resolveScalar(text) : { tag: "str", value: text };
    try {
      return resolveScalar(text, tag === "custom" || tag === "merge" ? "custom" : tag);
    } catch (e) {
      throw new YamlError("BAD_TAG", `yaml: ${(e as Error).message}`);
    }
  }

  private scalarValue(r: Resolved): Value {
    switch (r.tag) {
      case "int":
        return this.typed ? new GoInt(r.value, r.uint ? "uint64" : "int") : Number(r.value);
      case "float":
        if (!Number.isFinite(r.value) && !this.typed) throw new YamlError("UNSUPPORTED_VALUE", `json: unsupported value: ${formatFloat(r.value)}`);
        return r.value;
      default:
        return r.value;
    }
  }

  /** goyaml's d.mapping: keys in document order, a later key (or merge) overwrites an earlier one. */
  private mapping(items: { key: unknown; value: unknown }[], out: GoMap, depth: number): GoMap {
    for (const { key, value } of items) {
      const k = key as Node | null;
      if (k && isScalar(k) && !k.tag && (k as { type?: string }).type === "PLAIN" && k.value === "<<") {
        this.merge(value as Node | null, out, depth);
        continue;
      }
      out.set(this.key(k, value as Node | null, depth), this.value(value as Node | null, depth + 1));
    }
    return out;
  }

  private merge(node: Node | null, out: GoMap, depth: number): void {
    const bad = () => new YamlError("BAD_MERGE", "yaml: map merge requires map or sequence of maps as the value");
    const asMap = (n: Node | null): GoMap => {
      const target = n && isAlias(n) ? n.resolve(this.doc) : n;
      if (!target || !isMap(target)) throw bad();
      const v = this.value(n, depth + 1);
      if (!(v instanceof Map)) throw bad();
      return v;
    };
    const apply = (m: GoMap) => {
      for (const [k, v] of m) out.set(k, v);
    };
    if (node && isSeq(node)) {
      // Earlier maps take precedence, so apply them last.
      for (let i = node.items.length - 1; i >= 0; i--) apply(asMap(node.items[i] as Node));
    } else apply(asMap(node));
  }

  /** sigs.k8s.io/yaml's key conversion: ints and bools in decimal, floats as float32 %g, null is an error. */
  private key(node: Node | null, valueNode: Node | null, depth: number): string {
    const target = node && isAlias(node) ? node.resolve(this.doc) : node;
    if (target && !isScalar(target)) throw new YamlError("BAD_KEY", `yaml: invalid map key: ${goSharpV(this.value(target, depth + 1))}`);
    const v = node ? this.value(node, depth + 1) : null;
    const r = target && isScalar(target) ? this.resolve(target) : null;
    const unsupported = (type: string, key: string) =>
      new YamlError("BAD_KEY", `unsupported map key of type: ${type}, key: ${key}, value: ${this.sharpV(valueNode, depth)}`);
    if (r?.tag === "int") {
      if (r.uint) throw unsupported("uint64", `0x${r.value.toString(16)}`);
      return r.value.toString();
    }
    if (r?.tag === "float") return FLOAT_KEYS[formatFloat32(r.value)] ?? formatFloat32(r.value);
    if (typeof v === "string") return v;
    if (typeof v === "boolean") return v ? "true" : "false";
    throw unsupported("%!s(<nil>)", "<nil>");
  }

  /** Go's `%+#v` of a decoded value, as far as error messages need it. */
  private sharpV(node: Node | null, depth: number): string {
    const target = node && isAlias(node) ? node.resolve(this.doc) : node;
    if (!target) return "<nil>";
    if (isScalar(target)) {
      const r = this.resolve(target);
      if (r.tag === "int") return r.uint ? `0x${r.value.toString(16)}` : r.value.toString();
      if (r.tag === "float") return formatFloat(r.value);
      if (r.tag === "null") return "<nil>";
      if (r.tag === "bool") return String(r.value);
      return JSON.stringify(r.value);
    }
    return goSharpV(this.value(target, depth + 1));
  }
}

function goSharpV(v: Value): string {
  if (v === null) return "<nil>";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return formatFloat(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(", ")}}`;
  if (v instanceof Map) return `map[interface {}]interface {}{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${goSharpV(x)}`).join(", ")}}`;
  return String(v);
}

function decodeBinary(text: string): string {
  try {
    const bin = atob(text.replace(/\s+/g, ""));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    throw new YamlError("BAD_TAG", `yaml: !!binary value contains invalid base64 data`);
  }
}

/**
 * goyaml's "line N: " prefix for an error at 0-based line `line0`. Scanner errors print it 1-based,
 * parser errors print the 0-based number as is, and an error on the first line gets no prefix.
 */
function where(line0: number, scanner: boolean): string {
  if (line0 === 0) return "";
  return `line ${scanner ? line0 + 1 : line0}: `;
}

/** The 0-based line goyaml's STREAM-END token sits on: after the last line break, or one further. */
function streamEndLine(text: string): number {
  const breaks = countBreaks(text, text.length);
  return text.length > 0 && !text.endsWith("\n") ? breaks + 1 : breaks;
}

/**
 * The 0-based line goyaml names for an unclosed flow collection. At `pos` (where the yaml package found
 * a line back in block context, e.g. `c: 3`) goyaml reads a plain scalar continuing the last entry and
 * then its `:`, which cannot follow an entry; after a `,` or the opening bracket the line is a valid
 * entry instead, and goyaml fails only at the stream end.
 */
function unclosedFlowLine(text: string, pos: number): number {
  const before = text.slice(0, pos).replace(/(^|\s)#[^\n]*/g, "$1").trimEnd();
  const last = before[before.length - 1];
  if (pos < text.length && last !== undefined && !",[{".includes(last)) return countBreaks(text, pos);
  return streamEndLine(text);
}

function countBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** 1-based line and column of a UTF-16 offset. */
function position(text: string, offset: number): { line: number; col: number } {
  const line = countBreaks(text, offset) + 1;
  return { line, col: offset - (text.lastIndexOf("\n", offset - 1) + 1) + 1 };
}

/** Whether the key at `offset` opens its block mapping: no earlier content line is indented as far. */
function firstKeyOfBlock(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const column = offset - lineStart;
  for (let end = lineStart - 1; end > 0; ) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    const indent = line.length - line.trimStart().length;
    if (line.trim() !== "" && !line.trimStart().startsWith("#")) return indent < column || line.trimStart().startsWith("- ");
    end = start - 1;
  }
  return true;
}

function syntaxError(text: string, e: { code: string; message: string; pos: [number, number] }): YamlError {
  const pos = position(text, e.pos[0]);
  // goyaml's own scanner and parser, ported, name the error and its line; the mapping below covers what they accept.
  const exact = goyamlSyntaxError(text);
  if (exact !== null) return new YamlError("SYNTAX", exact, pos.line, pos.col);
  const err = (prefix: string, msg: string) => new YamlError("SYNTAX", `yaml: ${prefix}${msg}`, pos.line, pos.col);
  switch (e.code) {
    case "BLOCK_AS_IMPLICIT_KEY":
      return err(where(pos.line - 1, true), "mapping values are not allowed in this context");
    case "TAB_AS_INDENT":
      return err(where(pos.line - 1, true), "found character that cannot start any token");
    case "KEY_OVER_1024_CHARS":
      // goyaml: the first key of a block mapping was optional, so its ":" is out of place; later keys were required.
      return err(where(pos.line - 1, true), firstKeyOfBlock(text, e.pos[0]) ? "mapping values are not allowed in this context" : "could not find expected ':'");
    case "UNEXPECTED_TOKEN":
      if (e.message.includes("block-seq-ind on same line")) return err(where(pos.line - 1, true), "block sequence entries are not allowed in this context");
      break;
    case "MISSING_CHAR":
      if (/quote/.test(e.message)) return err(where(countBreaks(text, text.length), true), "found unexpected end of stream");
      break;
    case "BAD_INDENT":
      if (e.message.startsWith("Flow sequence")) {
        return err(where(unclosedFlowLine(text, e.pos[0]), false), /\[\s*$/.test(text) ? "did not find expected node content" : "did not find expected ',' or ']'");
      }
      // A key left of its mapping's column but right of the parent's: goyaml's parser finds no KEY token there.
      if (e.message.startsWith("All mapping items must start at the same column")) return err(where(pos.line - 1, false), "did not find expected key");
      if (e.message.startsWith("Flow map")) {
        return err(where(unclosedFlowLine(text, e.pos[0]), false), /\{\s*$/.test(text) ? "did not find expected node content" : "did not find expected ',' or '}'");
      }
      break;
  }
  return err(where(pos.line - 1, true), e.message.replace(/ at line \d+, column \d+:[\s\S]*$/, ""));
}

/**
 * goyaml's limit of 10000 nested flow collections, checked before parsing so that a hostile input
 * fails fast instead of exhausting the parser (brackets inside quoted text count too).
 */
function checkFlowDepth(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) {
        const pos = position(text, i);
        throw new YamlError("TOO_DEEP", `yaml: ${where(pos.line - 1, true)}exceeded max depth of ${MAX_DEPTH}`, pos.line, pos.col);
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
}

/**
 * The data of the first YAML document in `text`, as sigs.k8s.io/yaml's Unmarshal into `interface{}`
 * sees it: null for an empty document. Throws `YamlError` with goyaml's message (without the
 * `error converting YAML to JSON: ` prefix that Helm adds).
 */
export function decodeYaml(text: string): Value {
  return decode(text, false);
}

/**
 * The first YAML document of `text` as goyaml v2 decodes it into `interface{}`, before
 * sigs.k8s.io/yaml's JSON step: ints are `GoInt` (`uint64` above int64), floats may be NaN or ±Inf.
 * Map keys are already strings. Throws `YamlError` as decodeYaml does.
 */
export function decodeYamlTyped(text: string): Value {
  return decode(text, true);
}

function decode(text: string, typed: boolean): Value {
  // goyaml's reader accepts only YAML's printable characters (tab, line breaks, NEL and the rest).
  if (NOT_PRINTABLE.test(text)) throw new YamlError("SYNTAX", "yaml: control characters are not allowed");
  checkFlowDepth(text);
  let docs: Document[];
  try {
    const parsed = parseAllDocuments(text, { version: "1.1", schema: "failsafe", uniqueKeys: false, merge: false, prettyErrors: false });
    docs = Array.isArray(parsed) ? parsed : [parsed as unknown as Document];
  } catch (e) {
    if (e instanceof RangeError) throw deepDocumentError(text);
    throw e;
  }
  // Directives with no document after them (Kubernetes' reader cut the file at the "---").
  if (DIRECTIVE.test(text) && !DOC_START.test(text)) {
    throw new YamlError("SYNTAX", goyamlSyntaxError(text) ?? `yaml: ${where(streamEndLine(text), false)}did not find expected <document start>`);
  }
  const doc = docs[0];
  if (!doc) return null;
  const err = doc.errors[0];
  if (err?.message.includes("Maximum call stack")) throw deepDocumentError(text);
  if (err) {
    // goyaml reads a multi-line plain scalar on where the yaml package stops at a line holding ": " (a comment line that lost its '#').
    const plain = goyamlPlainRoot(text);
    if (plain !== null && resolveScalar(plain).tag === "str") return plain;
    throw syntaxError(text, err as never);
  }
  // goyaml rejects some texts the yaml package reads: a tab that breaks a plain scalar's indentation, an escaped surrogate.
  const stricter = GOYAML_STRICTER.test(text) ? goyamlSyntaxError(text) : null;
  if (stricter !== null) throw new YamlError("SYNTAX", stricter);
  try {
    return new Decoder(doc, text, typed).value(doc.contents as Node | null, 0);
  } catch (e) {
    if (e instanceof RangeError) throw deepDocumentError(text);
    // goyaml parses the whole document before decoding it: a syntax error the yaml package let through comes first.
    // (The same message, an unknown anchor, keeps the decoder's error and its code.)
    const exact = e instanceof YamlError ? goyamlSyntaxError(text) : null;
    if (exact !== null && exact !== (e as YamlError).message) throw new YamlError("SYNTAX", exact, (e as YamlError).line, (e as YamlError).column);
    throw e;
  }
}
