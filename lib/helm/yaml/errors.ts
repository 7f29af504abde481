/**
 * YAML parse errors with goyaml's wording (`yaml: line 3: mapping values are not allowed in this
 * context`), a code for programs and the 1-based position the `yaml` package found.
 */

export type YamlErrorCode =
  | "SYNTAX" // the text is not YAML
  | "ENCODING" // the bytes are not UTF-8 (or UTF-16 after a BOM)
  | "BAD_SEPARATOR" // a `---` line with content after it (Kubernetes' YAML document reader)
  | "UNKNOWN_ANCHOR" // an alias names no anchor
  | "ALIAS_BOMB" // aliases expand to too much data, or an anchor contains itself
  | "TOO_DEEP" // nesting beyond goyaml's limit
  | "BAD_KEY" // a map key JSON cannot hold (null, a map, a list)
  | "BAD_MERGE" // `<<` with something other than maps
  | "BAD_TAG" // an explicit tag that does not fit the value (`!!int x`)
  | "UNSUPPORTED_VALUE" // NaN or infinity, which JSON cannot hold
  | "WRONG_TYPE"; // the document is not the expected map (fromYaml) or list (fromYamlArray)

export class YamlError extends Error {
  constructor(
    readonly code: YamlErrorCode,
    message: string,
    /** 1-based line and column of the problem, when known. */
    readonly line?: number,
    readonly column?: number,
    /** The file the text came from (`values.yaml`), when the caller named it. */
    readonly file?: string,
  ) {
    super(message);
    this.name = "YamlError";
  }
}

/** An error of sigs.k8s.io/yaml's JSON step (json.Unmarshal), whose message carries its own prefix. */
export class JsonStageError extends YamlError {}

/** sigs.k8s.io/yaml's wrapping of an error from reading YAML: `error converting YAML to JSON: yaml: …`. */
export function convertError(e: YamlError): YamlError {
  return e instanceof JsonStageError ? e : new YamlError(e.code, `error converting YAML to JSON: ${e.message}`, e.line, e.column);
}

/** Runs a read of YAML text, wrapping its YamlError as sigs.k8s.io/yaml does (convertError). */
export function readingYaml<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof YamlError) throw convertError(e);
    throw e;
  }
}
