/**
 * Values as YAML text that Helm reads back exactly: block style, keys in the given order, and every string
 * that goyaml v2 would read as something else (`yes`, `1.0`, `0o17`, `~`) double-quoted.
 * Built on the `yaml` library's nodes, so the same helpers serve comment-preserving layer edits.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, visit, type Node } from "yaml";
import { isPlainSafe } from "../helm/yaml/resolve";
import { GoInt, type Value } from "../template/value";

/** A values tree as the `yaml` library and JSON know it (what forms and workspace files carry). */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/** A string scalar that Helm must read back as the same string. */
export function stringScalar(s: string): Scalar<string> {
  const node = new Scalar(s);
  // The yaml library already quotes what YAML 1.2 would type; goyaml v2 (YAML 1.1) types more (`yes`, `0o17`).
  if (!isPlainSafe(s)) node.type = "QUOTE_DOUBLE";
  return node;
}

/**
 * -0 as `-0.0`: goyaml reads a plain `-0` as the int 0, while the float `-0.0` keeps its sign through Helm's
 * JSON step (`{{ .Values.x }}` prints `-0`).
 */
function negativeZero(): Scalar<number> {
  const node = new Scalar(-0);
  node.minFractionDigits = 1;
  return node;
}

/** A map key scalar: like a string, and a plain `<<` would be a merge key, so it is quoted too. */
export function keyScalar(key: string): Scalar<string> {
  const node = stringScalar(key);
  if (key === "<<") node.type = "QUOTE_DOUBLE";
  return node;
}

/** A node for a Go value (maps in their own key order; float64 and Go ints as numbers). */
export function valueNode(v: Value | PlainValue): Node {
  if (v === null || v === undefined) return new Scalar(null);
  if (typeof v === "string") return stringScalar(v);
  if (Object.is(v, -0)) return negativeZero();
  if (typeof v === "number" || typeof v === "boolean") return new Scalar(v);
  if (v instanceof GoInt) return new Scalar(v.value);
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const x of v) seq.items.push(valueNode(x));
    return seq;
  }
  if (v instanceof Map) {
    const map = new YAMLMap();
    for (const [k, x] of v) map.items.push(pairOf(k, x));
    return map;
  }
  if (v instanceof Uint8Array) return stringScalar(new TextDecoder().decode(v));
  if (typeof v === "object" && v.constructor === Object) {
    const map = new YAMLMap();
    for (const [k, x] of Object.entries(v as Record<string, PlainValue>)) map.items.push(pairOf(k, x));
    return map;
  }
  throw new TypeError(`values cannot hold ${String(v)}`);
}

function pairOf(key: string, v: Value | PlainValue): YAMLMap["items"][number] {
  const map = new YAMLMap<Scalar<string>, Node>();
  map.add({ key: keyScalar(key), value: valueNode(v) });
  return map.items[0] as YAMLMap["items"][number];
}

/** Block style everywhere except empty collections (`{}` / `[]`), as Helm users write them. */
export function useBlockStyle(node: Node): void {
  visit(node, {
    Map: (_, n) => void (n.flow = n.items.length === 0),
    Seq: (_, n) => void (n.flow = n.items.length === 0),
  });
}

/**
 * `values` as a YAML document text. `header` lines become `# ` comments at the top. An empty map gives
 * `{}`, which Helm reads as no values.
 */
export function valuesYaml(values: Value | PlainValue, header: readonly string[] = []): string {
  const doc = new Document();
  const root = valueNode(values);
  useBlockStyle(root);
  doc.contents = root;
  if (header.length > 0) doc.commentBefore = header.map((l) => (l === "" ? "" : ` ${l}`)).join("\n");
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
