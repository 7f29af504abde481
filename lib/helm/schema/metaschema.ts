/**
 * Helm's first check of a values.schema.json: santhosh's compiler validates the document against its
 * draft's metaschema (roots.go addRoot) and refuses it with the error tree, before any reference or
 * pattern in it is compiled.
 */
import { GoInt, type Value } from "../../template/value";
import { METASCHEMAS } from "./metaschemas";
import { JsonNumber, isJsonObject, parseSchemaJson, type Json } from "./parse-schema-json";
import { ROOT_URL, Resolver } from "./resolver";
import { SchemaError } from "./schema-error";
import { displayLines } from "./validation-error";
import { SchemaValidator } from "./validator";

/** Each draft's metaschema URL, as santhosh's Draft.url. */
const DRAFT_URLS: Readonly<Record<number, string>> = {
  4: "http://json-schema.org/draft-04/schema",
  6: "http://json-schema.org/draft-06/schema",
  7: "http://json-schema.org/draft-07/schema",
  2019: "https://json-schema.org/draft/2019-09/schema",
  2020: "https://json-schema.org/draft/2020-12/schema",
};

interface Metaschema {
  url: string;
  root: Json;
  validator: SchemaValidator;
}

/** Compiled on first use: most charts never need more than one draft. */
const metaschemas = new Map<number, Metaschema>();

function metaschema(draft: number): Metaschema {
  let m = metaschemas.get(draft);
  if (m === undefined) {
    const url = DRAFT_URLS[draft] ?? DRAFT_URLS[2020]!;
    const key = url.replace(/^https?:\/\//, "");
    // 2019-09 and 2020-12 split the metaschema into vocabularies under meta/.
    const vocabs = `${key.slice(0, -"schema".length)}meta/`;
    const root = parseSchemaJson(METASCHEMAS[key]!);
    const others = Object.keys(METASCHEMAS)
      .filter((k) => k.startsWith(vocabs))
      .map((k) => parseSchemaJson(METASCHEMAS[k]!));
    // The metaschemas were compiled with AssertFormat (draft.go init).
    const resolver = new Resolver(root, draft, url, others);
    resolver.resolveRefs();
    m = { url, root, validator: new SchemaValidator(resolver, draft, true) };
    metaschemas.set(draft, m);
  }
  return m;
}

const INT64 = /^-?(?:0|[1-9][0-9]{0,18})$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The schema document as an instance: integers as int64 where they fit, other numbers as float64. */
function instanceOf(j: Json): Value {
  if (j instanceof JsonNumber) {
    if (INT64.test(j.text)) {
      const n = BigInt(j.text);
      if (n >= INT64_MIN && n <= INT64_MAX) return new GoInt(n, "int64");
    }
    return Number(j.text);
  }
  if (Array.isArray(j)) return j.map(instanceOf);
  if (isJsonObject(j)) return new Map(Object.keys(j).map((k) => [k, instanceOf(j[k] ?? null)]));
  return j;
}

/** A JSON pointer from instance location tokens. */
const pointer = (loc: readonly string[]): string => loc.map((t) => `/${t.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/**
 * Throws SchemaError (SCHEMA_META) with Helm's text when `root` is not valid against `draft`'s metaschema;
 * `dialects` (pointer → draft) are its resources of another draft, each checked against its own metaschema.
 */
export function checkMetaschema(root: Json, draft: number, dialects: ReadonlyMap<string, number> = new Map()): void {
  const meta = metaschema(draft);
  const instance = instanceOf(root);
  if (dialects.size === 0 && meta.validator.isValid(instance)) return;
  const switchMeta = (loc: readonly string[]): Metaschema | undefined => {
    const d = dialects.get(pointer(loc));
    return d === undefined ? undefined : metaschema(d);
  };
  const involved = [meta, ...[...dialects.values()].map(metaschema)];
  for (const m of involved) m.validator.switchMeta = switchMeta;
  let e: ReturnType<SchemaValidator["validate"]>;
  try {
    e = meta.validator.validate(instance, meta.root, []);
  } finally {
    for (const m of involved) m.validator.switchMeta = undefined;
  }
  if (e === null) return;
  const head = `"${ROOT_URL}#" is not valid against metaschema: jsonschema validation failed with '${meta.url}#'`;
  throw new SchemaError("SCHEMA_META", [head, ...displayLines(e.group ? e.causes : [e])].join("\n"));
}
