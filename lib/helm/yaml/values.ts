/**
 * Helm's entry points for YAML input: values files (loader.LoadValues) and the template functions
 * fromYaml / fromYamlArray, with Helm's error texts.
 */
import { type GoMap, type Value } from "../../template/value";
import { YamlError, readingYaml } from "./errors";
import { decodeYaml } from "./parse-yaml";
import { yamlText } from "./yaml-text";

const CONVERT = "error converting YAML to JSON: ";
const UNMARSHAL = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ";

/** The JSON type name encoding/json reports for the value a YAML value converts to. */
export function jsonKind(v: Value): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  return "object";
}

/** sigs.k8s.io/yaml's Unmarshal into a map: the error text Helm shows, or the map (empty for an empty document). */
function unmarshalMap(text: string): GoMap {
  const v = parseYamlDocument(text);
  if (v === null) return new Map();
  if (v instanceof Map) return v;
  throw new YamlError("WRONG_TYPE", `${UNMARSHAL}${jsonKind(v)} into Go value of type map[string]interface {}`);
}

/**
 * The documents of a values file as Kubernetes' YAMLReader cuts them: at lines that start with
 * `---`, where only spaces or a comment may follow.
 */
function splitDocuments(text: string): { text: string; line: number }[] {
  const docs: { text: string; line: number }[] = [];
  let current = "";
  let currentLine = 1;
  let lineNo = 0;
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(start, end);
    start = end;
    lineNo++;
    if (line.startsWith("---")) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith("#")) {
        throw new YamlError("BAD_SEPARATOR", `error reading yaml document: invalid Yaml document separator: ${rest}`, lineNo, 4);
      }
      if (current.length > 0) docs.push({ text: current, line: currentLine });
      current = "";
      currentLine = lineNo + 1;
      continue;
    }
    current += line;
  }
  if (current.length > 0) docs.push({ text: current, line: currentLine });
  return docs;
}

/**
 * The text of a values file's bytes. Throws `YamlError` with loader.LoadValues' text for bytes goyaml
 * cannot decode (`cannot unmarshal yaml document: error converting YAML to JSON: yaml: invalid
 * trailing UTF-8 octet`).
 */
export function valuesFileText(bytes: Uint8Array): string {
  try {
    return yamlText(bytes);
  } catch (e) {
    if (e instanceof YamlError) throw new YamlError(e.code, `cannot unmarshal yaml document: ${CONVERT}${e.message}`);
    throw e;
  }
}

/**
 * A values file (chart values.yaml or `-f`) as Helm v4 reads it: every YAML document, deep-merged in
 * order; an empty file is an empty map. Throws `YamlError` whose message is loader.LoadValues' text
 * (`cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 1: ...`); the caller
 * adds its own prefix (`cannot load values.yaml: `).
 */
export function parseValuesYaml(text: string, opts: { filename?: string } = {}): GoMap {
  let values: GoMap = new Map();
  let docs: { text: string; line: number }[];
  try {
    docs = splitDocuments(text);
  } catch (e) {
    if (e instanceof YamlError) throw new YamlError(e.code, e.message, e.line, e.column, opts.filename);
    throw e;
  }
  for (const doc of docs) {
    let m: GoMap;
    try {
      m = unmarshalMap(doc.text);
    } catch (e) {
      // goyaml counts lines per document; the position points into the whole file.
      if (e instanceof YamlError) {
        throw new YamlError(e.code, `cannot unmarshal yaml document: ${e.message}`, e.line === undefined ? undefined : e.line + doc.line - 1, e.column, opts.filename);
      }
      throw e;
    }
    values = mergeMaps(values, m);
  }
  return values;
}

/** loader.MergeMaps: maps merge recursively, anything else from `b` replaces. */
function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = new Map(a);
  for (const [k, v] of b) {
    const av = out.get(k);
    out.set(k, v instanceof Map && av instanceof Map ? mergeMaps(av, v) : v);
  }
  return out;
}

/**
 * The first YAML document of `text` as sigs.k8s.io/yaml's Unmarshal into `interface{}` gives it
 * (null, a scalar, a list or a map). Throws `YamlError` with the text Helm shows
 * (`error converting YAML to JSON: yaml: line 1: ...`).
 */
export function parseYamlDocument(text: string): Value {
  return readingYaml(() => decodeYaml(text));
}

/** Helm's `fromYaml`: the map, or `{"Error": "<message>"}` when the text is not a YAML map. */
export function fromYaml(text: string): GoMap {
  try {
    return unmarshalMap(text);
  } catch (e) {
    if (e instanceof YamlError) return new Map([["Error", e.message]]);
    throw e;
  }
}

/** Helm's `fromYamlArray`: the list, or `["<message>"]` when the text is not a YAML list. */
export function fromYamlArray(text: string): Value[] {
  let v: Value;
  try {
    v = parseYamlDocument(text);
  } catch (e) {
    if (e instanceof YamlError) return [e.message];
    throw e;
  }
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  return [`${UNMARSHAL}${jsonKind(v)} into Go value of type []interface {}`];
}
