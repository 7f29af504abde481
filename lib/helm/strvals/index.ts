/**
 * Helm's `--set` family (pkg/strvals + pkg/cli/values MergeValues). Each function parses ONE flag value
 * into `into` (mutating it), exactly as Helm merges that flag into the user values, and throws
 * StrvalsError with Helm's message on failure. The caller applies the flags in Helm's fixed order:
 * -f files, --set-json, --set, --set-string, --set-file, --set-literal.
 */
import { isGoMap, type GoMap, type Value } from "../../template/value";
import { decodeJsonPrefix } from "./decode-json-prefix";
import { ParseFailure, StrvalsError, type SetFlag } from "./errors";
import { parseLiteralInto } from "./literal-parser";
import { parseInto, typedVal } from "./parser";
import { RuneReader } from "./rune-reader";

export { StrvalsError } from "./errors";
export type { SetFlag, StrvalsErrorCode } from "./errors";
export { MAX_INDEX, MAX_NESTED_NAME_LEVEL } from "./path-parser";

function run(flag: SetFlag, expr: string, parse: (reader: RuneReader) => void): void {
  const reader = new RuneReader(expr);
  try {
    parse(reader);
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    const message =
      flag === "--set-json" ? `failed parsing --set-json data ${expr}` : `failed parsing ${flag} data: ${e.message}`;
    throw new StrvalsError(e.code, flag, expr, reader.pos, e.message, message);
  }
}

/** `--set a=1,b.c={x,y}`: plain ints become int64, true/false bools, null nil, the rest strings. */
export function parseSet(expr: string, into: GoMap): void {
  run("--set", expr, (r) => parseInto(expr, into, { kind: "plain", reader: (v) => typedVal(v, false) }, r));
}

/** `--set-string a=1`: every value is a string. */
export function parseSetString(expr: string, into: GoMap): void {
  run("--set-string", expr, (r) => parseInto(expr, into, { kind: "plain", reader: (v) => typedVal(v, true) }, r));
}

/**
 * `--set-json a={"b":1},c=[1,2]`: values are JSON (numbers float64; an empty value is null).
 * A whole expression that starts with `{` is one JSON object merged into the values.
 */
export function parseSetJson(expr: string, into: GoMap): void {
  const trimmed = expr.trim();
  if (trimmed.startsWith("{")) {
    // json.Unmarshal: one JSON object and nothing after it (trim took the blanks), at most 10000 levels deep.
    let obj: Value = null;
    try {
      const { value, runes } = decodeJsonPrefix(trimmed);
      if (runes === Array.from(trimmed).length) obj = value;
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
    }
    if (!isGoMap(obj)) {
      throw new StrvalsError("SET_JSON", "--set-json", expr, 0, "invalid JSON object", `failed parsing --set-json data JSON: ${expr}`);
    }
    mergeInto(into, obj);
    return;
  }
  run("--set-json", expr, (r) => parseInto(expr, into, { kind: "json" }, r));
}

/**
 * `--set-file a=path`: each value is a path, replaced by that file's text. `readFile` throws when the file
 * cannot be read; its message becomes Helm's (`open x: no such file or directory`).
 */
export function parseSetFile(expr: string, into: GoMap, readFile: (path: string) => string): void {
  const reader = (path: string): Value => {
    try {
      return readFile(path);
    } catch (e) {
      throw new ParseFailure("SET_FILE", e instanceof Error ? e.message : String(e));
    }
  };
  run("--set-file", expr, (r) => parseInto(expr, into, { kind: "plain", reader }, r));
}

/** `--set-literal a=x,y\z`: everything after the first `=` is the string value, verbatim. */
export function parseSetLiteral(expr: string, into: GoMap): void {
  run("--set-literal", expr, (r) => parseLiteralInto(expr, into, r));
}

/** Helm's loader.MergeMaps: maps merge recursively (into fresh maps), anything else replaces. */
function mergeInto(dst: GoMap, src: GoMap): void {
  // An explicit stack of (into, from) pairs: both sides may be nested thousands of levels deep.
  const pending: [GoMap, GoMap][] = [[dst, src]];
  for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
    const [into, from] = pair;
    for (const [k, v] of from) {
      const cur = into.get(k);
      if (isGoMap(v) && cur !== undefined && isGoMap(cur)) {
        const merged: GoMap = new Map(cur);
        into.set(k, merged);
        pending.push([merged, v]);
      } else {
        into.set(k, v);
      }
    }
  }
}
