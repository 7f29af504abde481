/**
 * The schema document's draft and its `$ref` targets. Helm loads the chart schema as
 * `file:///values.schema.json`; refs are resolved against that base and any `$id`s inside. Only refs
 * into the document itself resolve (Helm may fetch remote ones; we are offline and refuse them).
 */
import { JsonNumber, isJsonObject, type Json, type JsonObject } from "./parse-schema-json";
import { SchemaError } from "./schema-error";

export const ROOT_URL = "file:///values.schema.json";

/** santhosh's draft number from `$schema` (4, 6, 7, 2019, 2020); 2020 when absent, as Helm v4. */
export function draftOf(root: Json): number {
  const s = isJsonObject(root) ? root.$schema : undefined;
  if (typeof s !== "string") return 2020;
  for (const [mark, draft] of [["draft-04", 4], ["draft-06", 6], ["draft-07", 7], ["2019-09", 2019], ["2020-12", 2020]] as const) {
    if (s.includes(mark)) return draft;
  }
  return 2020;
}

// Keywords whose values are data, not subschemas.
const DATA_KEYWORDS = new Set(["enum", "const", "default", "examples", "required"]);

const stripFragment = (u: string): string => u.split("#")[0] ?? u;

export class Resolver {
  /** Resource URL (no fragment) → its root schema. */
  private readonly resources = new Map<string, Json>();
  /** `url#anchor` → schema. */
  private readonly anchors = new Map<string, Json>();
  /** Each schema object's base URL. */
  private readonly bases = new WeakMap<object, string>();
  /** Every `pattern` and `patternProperties` key, so bad ones fail before any value is checked. */
  readonly patterns = new Set<string>();

  constructor(
    readonly root: Json,
    readonly draft: number,
  ) {
    const refs: [string, JsonObject][] = [];
    this.index(root, ROOT_URL, refs);
    // santhosh resolves every reference when it compiles, whatever the values hold.
    for (const [ref, from] of refs) this.resolve(ref, from);
  }

  private index(node: Json, base: string, refs: [string, JsonObject][]): void {
    if (Array.isArray(node)) {
      for (const n of node) this.index(n, base, refs);
      return;
    }
    if (!isJsonObject(node)) return;
    const idKey = this.draft === 4 ? "id" : "$id";
    const id = node[idKey];
    if (typeof id === "string") {
      const url = new URL(id, base).href;
      if (id.startsWith("#") && this.draft < 2019) this.anchors.set(url, node);
      else {
        base = stripFragment(url);
        this.resources.set(base, node);
      }
    }
    if (node === this.root) this.resources.set(stripFragment(base), node);
    const anchor = node.$anchor;
    if (typeof anchor === "string") this.anchors.set(`${stripFragment(base)}#${anchor}`, node);
    const dyn = node.$dynamicAnchor;
    if (typeof dyn === "string") this.anchors.set(`${stripFragment(base)}#${dyn}`, node);
    this.bases.set(node, base);
    if (typeof node.pattern === "string") this.patterns.add(node.pattern);
    if (isJsonObject(node.patternProperties)) for (const p of Object.keys(node.patternProperties)) this.patterns.add(p);
    for (const kw of ["$ref", "$recursiveRef", "$dynamicRef"]) {
      const r = node[kw];
      if (typeof r === "string") refs.push([r, node]);
    }
    for (const [k, v] of Object.entries(node)) {
      if (!DATA_KEYWORDS.has(k)) this.index(v, base, refs);
    }
  }

  /** The schema `ref` (as written inside `from`) points to. */
  resolve(ref: string, from: JsonObject): Json {
    const base = this.bases.get(from) ?? ROOT_URL;
    let url: URL;
    try {
      url = new URL(ref, base);
    } catch {
      throw new SchemaError("SCHEMA_REF", `invalid $ref ${JSON.stringify(ref)}`);
    }
    const frag = decodeURIComponent(url.hash.slice(1));
    const doc = stripFragment(url.href);
    if (frag !== "" && !frag.startsWith("/")) {
      const a = this.anchors.get(`${doc}#${frag}`);
      if (a !== undefined) return a;
      throw new SchemaError("SCHEMA_REF", `$ref ${JSON.stringify(ref)} not found`);
    }
    let node = this.resources.get(doc);
    if (node === undefined) throw new SchemaError("SCHEMA_REF", `$ref ${JSON.stringify(ref)}: remote schemas are not loaded`);
    for (const raw of frag === "" ? [] : frag.slice(1).split("/")) {
      const tok = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(node)) node = node[Number(tok)];
      else if (isJsonObject(node) && Object.hasOwn(node, tok)) node = node[tok];
      else node = undefined;
      if (node === undefined || node instanceof JsonNumber) {
        throw new SchemaError("SCHEMA_REF", `json-pointer in ${JSON.stringify(`${doc}#${frag}`)} not found`);
      }
    }
    return node;
  }
}
