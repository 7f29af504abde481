/**
 * What Helm answers for a YAML document nested too deep for the `yaml` package's recursive composer.
 * goyaml itself has no recursion limit: its scanner refuses more than 10000 nested block indents
 * (`yaml: line N: exceeded max depth of 10000`); otherwise sigs.k8s.io/yaml's JSON step refuses more
 * than 10000 nested objects and arrays (`invalid character '[' exceeded max depth`, at the first
 * collection past the limit in the JSON text, whose keys are sorted). Both are found here by walking
 * the concrete syntax tree, which the `yaml` package builds without recursion.
 */
import { CST, Parser } from "yaml";
import { compareGoStrings } from "../../template/value";
import { JsonStageError, YamlError } from "./errors";

const MAX_DEPTH = 10000;

type Token = CST.Token;
type Item = CST.CollectionItem;

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The nodes an item holds: its key, then its value. */
const children = (item: Item): Token[] => [item.key, item.value].filter((t): t is Token => t !== undefined && t !== null);

/** Whether a flow sequence entry is a `key: value` pair (a single-pair map in the data). */
const isPair = (item: Item): boolean => (item.key !== undefined && item.key !== null) || (item.sep ?? []).some((t) => t.type === "map-value-ind");

/** Whether the tree holds a syntax error, a collection as a map key or an alias: then only the composer can tell. */
function unsure(root: Token): boolean {
  const stack: Token[] = [root];
  for (let t = stack.pop(); t; t = stack.pop()) {
    if (t.type === "error" || t.type === "alias") return true;
    if (t.type === "block-map" || t.type === "block-seq" || t.type === "flow-collection") {
      for (const item of t.items) {
        if (item.key && (item.key.type === "block-map" || item.key.type === "block-seq" || item.key.type === "flow-collection")) return true;
        stack.push(...children(item));
      }
    }
  }
  return false;
}

/** goyaml's indent stack: each block collection right of the innermost open one pushes a level. */
function indentOverflow(text: string, root: Token): YamlError | undefined {
  // Depth-first in document order, which is the scanner's order.
  const stack: { t: Token; indent: number; depth: number }[] = [{ t: root, indent: -1, depth: 0 }];
  for (let e = stack.pop(); e; e = stack.pop()) {
    const { t } = e;
    let { indent, depth } = e;
    if (t.type !== "block-map" && t.type !== "block-seq") continue;
    const column = columnOf(text, t.offset);
    if (column > indent) {
      indent = column;
      if (++depth > MAX_DEPTH) {
        const line = lineOf(text, t.offset);
        return new YamlError("TOO_DEEP", `yaml: ${line > 1 ? `line ${line}: ` : ""}exceeded max depth of ${MAX_DEPTH}`, line, column + 1);
      }
    }
    for (let i = t.items.length - 1; i >= 0; i--) for (const c of children(t.items[i]!).reverse()) stack.push({ t: c, indent, depth });
  }
  return undefined;
}

/** A key as the JSON text orders it (scalar keys by their text; goyaml's int and float key spellings aside). */
const keyText = (item: Item): string => (item.key && CST.isScalar(item.key) ? (CST.resolveAsScalar(item.key)?.value ?? "") : "");

/** The first object or array past 10000 levels in the JSON text: `{` or `[`. */
function jsonOverflow(root: Token): "{" | "[" | undefined {
  const stack: { t: Token; depth: number }[] = [{ t: root, depth: 0 }];
  for (let e = stack.pop(); e; e = stack.pop()) {
    const { t, depth } = e;
    if (t.type !== "block-map" && t.type !== "block-seq" && t.type !== "flow-collection") continue;
    const isMap = t.type === "block-map" || (t.type === "flow-collection" && t.start.source === "{");
    if (depth + 1 > MAX_DEPTH) return isMap ? "{" : "[";
    const values: { t: Token; depth: number }[] = [];
    if (isMap) {
      const items = [...t.items].sort((a, b) => compareGoStrings(keyText(a), keyText(b)));
      for (const item of items) if (item.value) values.push({ t: item.value, depth: depth + 1 });
    } else {
      for (const item of t.items) {
        // A pair is a single-pair map of its own.
        const start = { type: "flow-map-start", offset: t.offset, indent: t.indent, source: "{" } as const;
        const pair: CST.FlowCollection = { type: "flow-collection", offset: t.offset, indent: t.indent, start, items: [item as Item], end: [] };
        const value = isPair(item) ? pair : item.value;
        if (value) values.push({ t: value, depth: depth + 1 });
      }
    }
    for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]!);
  }
  return undefined;
}

/**
 * Helm's error for the first document of `text`, which the composer could not build for its depth;
 * `yaml: nesting too deep to parse` where Helm's answer cannot be told without composing.
 */
export function deepDocumentError(text: string): YamlError {
  const doc = new Parser().parse(text).next().value as CST.Token | undefined;
  const root = doc?.type === "document" ? doc.value : undefined;
  if (root && !unsure(root)) {
    const indent = indentOverflow(text, root);
    if (indent) return indent;
    const c = jsonOverflow(root);
    if (c) return new JsonStageError("TOO_DEEP", `error unmarshaling JSON: while decoding JSON: invalid character '${c}' exceeded max depth`);
  }
  return new YamlError("TOO_DEEP", "yaml: nesting too deep to parse");
}
