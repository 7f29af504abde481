/**
 * Reading YAML as Helm does (sigs.k8s.io/yaml over goyaml v2): goyaml's parser composes the first
 * document (goyaml-parser.ts), then goyaml's decoder gives YAML 1.1 scalars, merge keys and aliases
 * as plain data, and the JSON round trip makes map keys strings and every number a float64. Both
 * walk with explicit stacks, so a document nested to goyaml's limits decodes without deep recursion.
 */
import { ESCAPED_BYTE, GoInt, compareGoStrings, formatFloat, type GoMap, utf8Bytes, utf8String, type Value, withReplacementChars } from "../../template/value";
import { JsonStageError, YamlError } from "./errors";
import { composeFirstDocument, type GoyamlNode } from "./goyaml-parser";
import { resolveScalar, type Resolved } from "./resolve";
import { utf8Problem } from "./yaml-text";

/** encoding/json's limit on nested objects and arrays, which sigs.k8s.io/yaml's JSON step meets. */
const MAX_JSON_DEPTH = 10000;
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]/;
// NOT_PRINTABLE, or a byte that is not UTF-8 (value.ts), or the low half of some surrogate pairs: one scan in the common case.
const READER_FAULT = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udc7f\udd00-\udfff]/;
const ALIAS_RATIO_LOW = 400000;
const ALIAS_RATIO_HIGH = 4000000;
const MERGE_TAG = "tag:yaml.org,2002:merge";

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

type Collection = Extract<GoyamlNode, { kind: "seq" | "map" }>;
type AliasNode = Extract<GoyamlNode, { kind: "alias" }>;

/** A node being decoded: its children are decoded one by one, each delivered back to it. */
type Frame =
  | { kind: "seq"; node: Collection; depth: number; i: number; out: Value[] }
  | { kind: "map"; node: Collection; depth: number; i: number; out: GoMap; key: string }
  /** The maps a merge key brings in, in the order they are applied. */
  | { kind: "merge"; items: GoyamlNode[]; depth: number; i: number; out: GoMap }
  | { kind: "alias"; node: AliasNode; result: Value };

/** Nothing to deliver: a frame was pushed, or a merge ended. */
const PENDING = Symbol("pending");
type Step = Value | typeof PENDING;

const isMerge = (n: GoyamlNode): boolean => n.kind === "scalar" && n.value === "<<" && (n.implicit || n.tag === MERGE_TAG);
const wantMap = (): YamlError => new YamlError("BAD_MERGE", "yaml: map merge requires map or sequence of maps as the value");

/** goyaml's decoder into `interface{}` (decode.go), then sigs.k8s.io/yaml's key conversion. */
class Decoder {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<AliasNode>();
  /** The deepest collection decoded (the root is 1), and whether a NaN or infinity was: the JSON step's concerns. */
  maxDepth = 0;
  nonFinite = false;

  constructor(
    /** Keep goyaml's scalar types (see decodeYamlTyped) instead of the JSON round trip's float64s. */
    private readonly typed: boolean,
  ) {}

  /** d.unmarshal's bookkeeping, once per node decoded (an alias and its target count apart). */
  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new YamlError("ALIAS_BOMB", "yaml: document contains excessive aliasing");
    }
  }

  /** The document's value (the document node counts as goyaml counts it). */
  document(root: GoyamlNode): Value {
    this.count();
    return this.value(root, 0);
  }

  value(root: GoyamlNode, depth: number): Value {
    const stack: Frame[] = [];
    let v = this.enter(root, stack, depth);
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      if (v !== PENDING) this.accept(f, v);
      v = this.advance(f, stack);
    }
    return v as Value;
  }

  /** Starts decoding `node` below collections `depth` deep: its value, or PENDING with a frame pushed. */
  private enter(node: GoyamlNode, stack: Frame[], depth: number): Step {
    this.count();
    switch (node.kind) {
      case "scalar":
        return this.scalar(node);
      case "alias":
        if (this.expanding.has(node)) throw new YamlError("ALIAS_BOMB", `yaml: anchor '${node.name}' value contains itself`);
        this.expanding.add(node);
        this.aliasDepth++;
        stack.push({ kind: "alias", node, result: null });
        // An anchor is never on an alias, so this goes one level down at most.
        return this.enter(node.target, stack, depth);
      case "seq":
      case "map":
        if (depth + 1 > this.maxDepth) this.maxDepth = depth + 1;
        stack.push(node.kind === "seq" ? { kind: "seq", node, depth: depth + 1, i: 0, out: [] } : { kind: "map", node, depth: depth + 1, i: 0, out: new Map(), key: "" });
        return PENDING;
    }
  }

  private accept(f: Frame, v: Value): void {
    switch (f.kind) {
      case "seq":
        f.out.push(v);
        return;
      case "map":
        f.out.set(f.key, v);
        return;
      case "merge":
        // A later key (or merge) overwrites an earlier one, as goyaml decodes the merged map into the same map.
        for (const [k, x] of v as GoMap) f.out.set(k, x);
        return;
      case "alias":
        f.result = v;
    }
  }

  /** The frame's next child started, or the frame done: popped, and its value. */
  private advance(f: Frame, stack: Frame[]): Step {
    switch (f.kind) {
      case "seq":
        if (f.i < f.node.children.length) return this.enter(f.node.children[f.i++]!, stack, f.depth);
        stack.pop();
        return f.out;
      case "map": {
        const children = f.node.children;
        if (f.i >= children.length) {
          stack.pop();
          return f.out;
        }
        const key = children[f.i]!;
        const value = children[f.i + 1]!;
        f.i += 2;
        if (isMerge(key)) {
          stack.push({ kind: "merge", items: mergeItems(value), depth: f.depth - 1, i: 0, out: f.out });
          return PENDING;
        }
        f.key = this.key(key, value, f.depth);
        return this.enter(value, stack, f.depth);
      }
      case "merge": {
        if (f.i >= f.items.length) {
          stack.pop();
          return PENDING;
        }
        const item = f.items[f.i++]!;
        if ((item.kind === "alias" ? item.target : item).kind !== "map") throw wantMap();
        return this.enter(item, stack, f.depth);
      }
      case "alias":
        stack.pop();
        this.aliasDepth--;
        this.expanding.delete(f.node);
        return f.result;
    }
  }

  /** decoder.scalar: a quoted untagged scalar is a string; otherwise goyaml's resolve with its tag. */
  private resolve(node: Extract<GoyamlNode, { kind: "scalar" }>): Resolved {
    if (node.tag === "" && !node.implicit) return { tag: "str", value: node.value };
    if (node.tag === "") return resolveScalar(node.value);
    const tag = SHORT_TAGS[node.tag];
    if (tag === "binary") return { tag: "str", value: decodeBinary(node.value) };
    if (tag === undefined) return { tag: "str", value: node.value };
    try {
      return resolveScalar(node.value, tag);
    } catch (e) {
      throw new YamlError("BAD_TAG", `yaml: ${(e as Error).message}`);
    }
  }

  private scalar(node: Extract<GoyamlNode, { kind: "scalar" }>): Value {
    const r = this.resolve(node);
    switch (r.tag) {
      case "int":
        return this.typed ? new GoInt(r.value, r.uint ? "uint64" : "int") : Number(r.value);
      case "float":
        if (!Number.isFinite(r.value)) this.nonFinite = true;
        return r.value;
      default:
        return r.value;
    }
  }

  /**
   * The string a map key becomes: goyaml decodes it (a map or list is an invalid key), then
   * sigs.k8s.io/yaml writes ints and bools in decimal, floats as float32 %g; null is an error.
   */
  private key(node: GoyamlNode, valueNode: GoyamlNode, depth: number): string {
    const target = node.kind === "alias" ? node.target : node;
    if (target.kind !== "scalar") throw new YamlError("BAD_KEY", `yaml: invalid map key: ${goSharpV(this.value(node, depth))}`);
    this.count();
    if (node.kind === "alias") {
      this.aliasDepth++;
      this.count();
      this.aliasDepth--;
    }
    const r = this.resolve(target);
    const unsupported = (type: string, key: string) =>
      new YamlError("BAD_KEY", `unsupported map key of type: ${type}, key: ${key}, value: ${this.sharpV(valueNode, depth)}`);
    switch (r.tag) {
      case "int":
        if (r.uint) throw unsupported("uint64", `0x${r.value.toString(16)}`);
        return r.value.toString();
      case "float":
        return FLOAT_KEYS[formatFloat32(r.value)] ?? formatFloat32(r.value);
      case "bool":
        return r.value ? "true" : "false";
      case "null":
        throw unsupported("%!s(<nil>)", "<nil>");
      default:
        return r.value;
    }
  }

  /** Go's `%+#v` of a decoded value, as far as error messages need it. */
  private sharpV(node: GoyamlNode, depth: number): string {
    const target = node.kind === "alias" ? node.target : node;
    if (target.kind === "scalar") {
      const r = this.resolve(target);
      if (r.tag === "int") return r.uint ? `0x${r.value.toString(16)}` : r.value.toString();
      if (r.tag === "float") return formatFloat(r.value);
      if (r.tag === "null") return "<nil>";
      if (r.tag === "bool") return String(r.value);
      return JSON.stringify(r.value);
    }
    return goSharpV(this.value(target, depth));
  }
}

/** The nodes a merge key's value brings in, in the order goyaml applies them (earlier maps of a list win, so they come last). */
function mergeItems(value: GoyamlNode): GoyamlNode[] {
  if (value.kind === "seq") return [...value.children].reverse();
  if (value.kind === "map" || value.kind === "alias") return [value];
  throw wantMap();
}

function goSharpV(v: Value): string {
  if (v === null) return "<nil>";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return formatFloat(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(", ")}}`;
  if (v instanceof Map) return `map[interface {}]interface {}{${[...v].map(([k, x]) => `${JSON.stringify(k)}:${goSharpV(x)}`).join(", ")}}`;
  return String(v);
}

/**
 * A !!binary scalar's bytes as a Go string, after the JSON step every reader takes (values, and
 * Chart.yaml's struct through sigs.k8s.io/yaml): each byte that is not UTF-8 is U+FFFD.
 */
function decodeBinary(text: string): string {
  try {
    const bin = atob(text.replace(/\s+/g, ""));
    return withReplacementChars(utf8String(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch {
    throw new YamlError("BAD_TAG", `yaml: !!binary value contains invalid base64 data`);
  }
}

/**
 * The first value, in the order of the JSON text sigs.k8s.io/yaml writes (map keys sorted), for which
 * `test` holds; `depth` counts the objects and arrays it sits in, itself included.
 */
function firstInJsonOrder(root: Value, test: (v: Value, depth: number) => boolean): Value | undefined {
  const stack: { v: Value; depth: number }[] = [{ v: root, depth: 0 }];
  for (let e = stack.pop(); e; e = stack.pop()) {
    const { v } = e;
    const collection = Array.isArray(v) || v instanceof Map;
    const depth = collection ? e.depth + 1 : e.depth;
    if (test(v, depth)) return v;
    let children: Value[] = [];
    if (Array.isArray(v)) children = v;
    else if (v instanceof Map) children = [...v.keys()].sort(compareGoStrings).map((k) => v.get(k) as Value);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ v: children[i]!, depth });
  }
  return undefined;
}

/** sigs.k8s.io/yaml's JSON step: json.Marshal refuses NaN and infinities, json.Unmarshal nesting past 10000. */
function jsonStage(v: Value, d: Decoder): void {
  if (d.nonFinite) {
    const bad = firstInJsonOrder(v, (x) => typeof x === "number" && !Number.isFinite(x));
    throw new YamlError("UNSUPPORTED_VALUE", `json: unsupported value: ${formatFloat(bad as number)}`);
  }
  if (d.maxDepth > MAX_JSON_DEPTH) {
    const deep = firstInJsonOrder(v, (x, depth) => depth > MAX_JSON_DEPTH && (Array.isArray(x) || x instanceof Map));
    throw new JsonStageError("TOO_DEEP", `error unmarshaling JSON: while decoding JSON: invalid character '${Array.isArray(deep) ? "[" : "{"}' exceeded max depth`);
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

/**
 * goyaml's reader accepts only valid UTF-8 and YAML's printable characters (tab, line breaks, NEL and
 * the rest), and reports the first fault in the text.
 */
function readerFault(text: string): void {
  const escaped = text.search(ESCAPED_BYTE);
  const control = text.search(NOT_PRINTABLE);
  if (control >= 0 && (escaped < 0 || control < escaped)) throw new YamlError("SYNTAX", "yaml: control characters are not allowed");
  if (escaped >= 0) throw new YamlError("ENCODING", `yaml: ${utf8Problem(utf8Bytes(text.slice(escaped)))}`);
}

function decode(text: string, typed: boolean): Value {
  if (READER_FAULT.test(text)) readerFault(text);
  const root = composeFirstDocument(text);
  if (root === null) return null;
  const d = new Decoder(typed);
  const v = d.document(root);
  if (!typed) jsonStage(v, d);
  return v;
}
