/**
 * The schema document's draft and its `$ref` targets. Helm loads the chart schema as
 * `file:///values.schema.json`; refs are resolved against that base and any `$id`s inside. Only refs
 * into the document itself resolve; another document (a `$ref`'s, or an unknown `$schema`) is loaded
 * as Helm would load it offline (see loadOffline).
 */
import { JsonNumber, isJsonObject, type Json, type JsonObject } from "./parse-schema-json";
import { goQuote } from "../../template/token";
import { urlParseError } from "./check-format";
import { SchemaError } from "./schema-error";

export const ROOT_URL = "file:///values.schema.json";

const DRAFTS: Readonly<Record<string, number>> = {
  "json-schema.org/schema": 2020,
  "json-schema.org/draft/2020-12/schema": 2020,
  "json-schema.org/draft/2019-09/schema": 2019,
  "json-schema.org/draft-07/schema": 7,
  "json-schema.org/draft-06/schema": 6,
  "json-schema.org/draft-04/schema": 4,
};

/**
 * santhosh's draft number from `$schema`: a metaschema's URL over http or https, whatever its fragment
 * (the embedded metaschema is loaded and names its draft); 2020 when absent. Helm would fetch any other
 * `$schema` (see loadOffline); the URN it reads as `true` names no draft either: 2020.
 */
export function draftOf(root: Json): number {
  const s = isJsonObject(root) ? root.$schema : undefined;
  if (typeof s !== "string") return 2020;
  const u = stripFragment(s).replace(/^https?:\/\//, "");
  return Object.hasOwn(DRAFTS, u) ? (DRAFTS[u] as number) : 2020;
}

/** Go's url.URL.Path of a file URL. */
function filePath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url.replace(/^file:\/\/[^/]*/i, "");
  }
}

/**
 * What Helm's loaders (jsonschema.go) give for the document at `url` (a `$ref`'s without its fragment,
 * or a `$schema` that names no draft) on a machine without network: Helm's error, or the permissive
 * schema `true` of an unresolved URN (which Helm warns about). Helm would fetch http(s) URLs (offline,
 * Go fails to look the host up; the resolver it names varies by machine and is left out) and read
 * file URLs from its disk (the studio reads none: as for a file that is not there).
 */
export function loadOffline(url: string): { error: string } | { urn: true } {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  const failing = (why: string) => ({ error: `failing loading ${goQuote(url)}: ${why}` });
  switch (scheme) {
    case "urn":
      return { urn: true };
    case "http":
    case "https": {
      let host = "";
      try {
        host = new URL(url).hostname;
      } catch {
        // Go's client would fail on the URL itself; the lookup text is the common case.
      }
      return failing(`HTTP request failed for ${url}: Get ${goQuote(url)}: dial tcp: lookup ${host}: no such host`);
    }
    case "file":
      return failing(`open ${filePath(url)}: no such file or directory`);
    default:
      // Go prints the URL back with its path escaped (`not a uri` → `not%20a%20uri`).
      return failing(`no URLLoader registered for ${goQuote(scheme ? url : url.split("/").map(goPathEscape).join("/"))}`);
  }
}

// Keywords whose values are data, not subschemas.
const DATA_KEYWORDS = new Set(["enum", "const", "default", "examples", "required"]);
// Keywords whose values map names to subschemas (a property may be called "required").
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]);

/** Go's url.PathEscape of one pointer token. */
const goPathEscape = (t: string): string =>
  Array.from(new TextEncoder().encode(t), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.~$&+,:;=@]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");

/** santhosh's urlPtr.String() of a JSON pointer into the chart's schema. */
export const location = (ptr: string): string => `${ROOT_URL}#${ptr.split("/").map(goPathEscape).join("/")}`;

const stripFragment = (u: string): string => u.split("#")[0] ?? u;

export class Resolver {
  /** Resource URL (no fragment) → its root schema. */
  private readonly resources = new Map<string, Json>();
  /** `url#anchor` → schema. */
  private readonly anchors = new Map<string, Json>();
  /** Each schema object's base URL. */
  private readonly bases = new WeakMap<object, string>();
  /** Each schema object's resource (the nearest enclosing object with an id, or its document's root). */
  private readonly resourceOf = new WeakMap<object, JsonObject>();
  /** `$dynamicAnchor` name → schema, per resource. */
  private readonly dynamicAnchors = new WeakMap<JsonObject, Map<string, JsonObject>>();
  /**
   * Every `pattern` and `patternProperties` key, with the pointer to its keyword (santhosh names its
   * location when it is not a valid regex), so bad ones fail before any value is checked.
   */
  readonly patterns = new Map<string, string>();

  /** `root` is loaded as `url`; `others` are documents its refs may reach (each with its own id). */
  constructor(
    readonly root: Json,
    readonly draft: number,
    url = ROOT_URL,
    others: readonly Json[] = [],
    /** Filled with the URNs loaded (each once, in order), which Helm warns it read as the permissive schema `true`. */
    readonly urns: string[] = [],
  ) {
    for (const doc of [root, ...others]) this.index(doc, url, doc, "", draft);
  }

  /** `$ref`, `$recursiveRef` and `$dynamicRef` values with the schema holding them. */
  private readonly refs: [string, JsonObject][] = [];

  /** Resolves every reference, as santhosh does when it compiles (after the metaschema check), whatever the values hold. */
  resolveRefs(): void {
    for (const [ref, from] of this.refs) this.resolve(ref, from);
  }

  /** The draft of a schema object's resource. */
  private readonly drafts = new WeakMap<object, number>();
  /** Pointers of the resources whose draft is not the root's: the metaschema check switches there. */
  readonly dialects = new Map<string, number>();

  /** The draft whose keywords `schema` holds (its resource's). */
  draftAt(schema: JsonObject): number {
    return this.drafts.get(schema) ?? this.draft;
  }

  /**
   * `ptr`: where node is in its document; `dialect`: the draft of the resource it is in; `names`: node
   * maps names to subschemas, so none of its keys is a keyword.
   */
  private index(node: Json, base: string, resource: Json, ptr: string, dialect: number, names = false): void {
    if (Array.isArray(node)) {
      node.forEach((n, i) => this.index(n, base, resource, `${ptr}/${i}`, dialect));
      return;
    }
    if (!isJsonObject(node)) return;
    // santhosh reads every subschema's `$schema` for its draft, loading what names none (a URN's `true` names
    // none: the resource's draft), but keeps it only on a resource: the root, or a subschema with an id of that
    // draft (roots.go collectResources).
    const meta = names ? undefined : node.$schema;
    let draft = dialect;
    if (typeof meta === "string") {
      const key = stripFragment(meta).replace(/^https?:\/\//, "");
      if (Object.hasOwn(DRAFTS, key)) draft = DRAFTS[key] as number;
      else this.load(stripFragment(meta));
    }
    // Before 2019-09 an id beside $ref is ignored like every other sibling; a bare fragment is no id.
    const idIn = (d: number): string | undefined => {
      const id = node[d === 4 ? "id" : "$id"];
      return typeof id === "string" && !(d < 2019 && "$ref" in node) ? id : undefined;
    };
    if (node !== this.root && stripFragment(idIn(draft) ?? "") === "") draft = dialect;
    this.drafts.set(node, draft);
    const id = idIn(draft);
    if (id !== undefined) {
      if (urlParseError(stripFragment(id)) !== null) throw new SchemaError("SCHEMA_ID", `error in parsing id at ${goQuote(location(ptr))}`);
      let url: string;
      try {
        url = new URL(id, base).href;
      } catch {
        // Go accepts some URLs the WHATWG parser does not (`http://h:80:80/`): only refs spelled the same reach them.
        url = id;
      }
      if (id.startsWith("#") && draft < 2019) this.anchors.set(url, node);
      else {
        base = stripFragment(url);
        this.resources.set(base, node);
        resource = node;
        if (draft !== this.draft) this.dialects.set(ptr, draft);
      }
    }
    if (node === this.root) this.resources.set(stripFragment(base), node);
    const res = isJsonObject(resource) ? resource : node;
    this.resourceOf.set(node, res);
    const anchor = node.$anchor;
    if (typeof anchor === "string") this.anchors.set(`${stripFragment(base)}#${anchor}`, node);
    const dyn = node.$dynamicAnchor;
    if (typeof dyn === "string") {
      this.anchors.set(`${stripFragment(base)}#${dyn}`, node);
      let named = this.dynamicAnchors.get(res);
      if (named === undefined) this.dynamicAnchors.set(res, (named = new Map()));
      named.set(dyn, node);
    }
    this.bases.set(node, base);
    if (typeof node.pattern === "string" && !this.patterns.has(node.pattern)) this.patterns.set(node.pattern, `${ptr}/pattern`);
    if (isJsonObject(node.patternProperties)) {
      for (const p of Object.keys(node.patternProperties)) if (!this.patterns.has(p)) this.patterns.set(p, `${ptr}/patternProperties`);
    }
    for (const kw of ["$ref", "$recursiveRef", "$dynamicRef"]) {
      const r = node[kw];
      if (typeof r === "string") this.refs.push([r, node]);
    }
    for (const [k, v] of Object.entries(node)) {
      const tok = k.replaceAll("~", "~0").replaceAll("/", "~1");
      if (names || !DATA_KEYWORDS.has(k)) this.index(v, base, resource, `${ptr}/${tok}`, draft, !names && SCHEMA_MAPS.has(k));
    }
  }

  /** The document at `url`: the schema itself or one of its resources, else loaded once as Helm loads it offline; throws SchemaError with Helm's error. */
  private load(url: string): Json {
    const known = this.resources.get(url);
    if (known !== undefined) return known;
    const loaded = loadOffline(url);
    if ("error" in loaded) throw new SchemaError("SCHEMA_REF", loaded.error);
    this.resources.set(url, true);
    this.urns.push(url);
    return true;
  }

  /** The resource `schema` belongs to. */
  resourceRoot(schema: JsonObject): JsonObject {
    return this.resourceOf.get(schema) ?? schema;
  }

  /** The schema of `resource` with `$dynamicAnchor: name`, if any. */
  dynamicAnchor(resource: JsonObject, name: string): JsonObject | undefined {
    return this.dynamicAnchors.get(resource)?.get(name);
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
    let node = this.load(doc);
    for (const raw of frag === "" ? [] : frag.slice(1).split("/")) {
      const tok = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      let next: Json | undefined;
      if (Array.isArray(node)) next = node[Number(tok)];
      else if (isJsonObject(node) && Object.hasOwn(node, tok)) next = node[tok];
      if (next === undefined || next instanceof JsonNumber) {
        throw new SchemaError("SCHEMA_REF", `json-pointer in ${JSON.stringify(`${doc}#${frag}`)} not found`);
      }
      node = next;
    }
    return node;
  }
}
