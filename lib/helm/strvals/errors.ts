/**
 * Errors of the `--set` family. The message is exactly what Helm prints after `Error: `
 * (`failed parsing --set data: key "a" has no value`); `detail` is strvals' own text without the flag prefix.
 */

export type SetFlag = "--set" | "--set-string" | "--set-json" | "--set-file" | "--set-literal";

export type StrvalsErrorCode =
  | "SET_SYNTAX" // malformed expression: a key without value, an unterminated list, stray data
  | "SET_INDEX" // a bad, negative or too large list index
  | "SET_NESTING" // more than MAX_NESTED_NAME_LEVEL dotted levels
  | "SET_TYPE_CONFLICT" // a path that walks through a value of another type (Go's interface conversion panic)
  | "SET_JSON" // a --set-json value that is not JSON
  | "SET_FILE"; // the file of a --set-file could not be read

export class StrvalsError extends Error {
  constructor(
    readonly code: StrvalsErrorCode,
    readonly flag: SetFlag,
    readonly expr: string,
    /** Rune offset in `expr` where parsing stopped. */
    readonly pos: number,
    readonly detail: string,
    message: string,
  ) {
    super(message);
    this.name = "StrvalsError";
  }
}

/**
 * An error inside the parser, before the flag prefix is added. `eof` marks Go errors that wrap
 * `io.EOF`: strvals' top loop treats those as a normal end of input (so `a[1` silently sets nothing).
 */
export class ParseFailure {
  constructor(
    readonly code: StrvalsErrorCode,
    readonly message: string,
    readonly eof = false,
  ) {}
}

/** Go's bare `io.EOF`, returned when the input ends between assignments. */
export const EOF = new ParseFailure("SET_SYNTAX", "EOF", true);

/** Go's `fmt.Errorf("...: %w", err)`: a new message that still answers `errors.Is(err, io.EOF)`. */
export const wrapFailure = (prefix: string, inner: ParseFailure, code = inner.code): ParseFailure =>
  new ParseFailure(code, `${prefix}: ${inner.message}`, inner.eof);
