/**
 * Errors of parsing and executing templates. Each carries a machine-readable code, the position
 * (1-based line, 0-based byte column within the line, as Go's ErrorContext counts) and
 * `goMessage`, the exact text Go's text/template produces, which the Helm layer rewrites.
 */
import { goQuote } from "./token";
import type { FuncError } from "./value";

export type TemplateErrorCode =
  // parse
  | "UNEXPECTED_TOKEN"
  | "UNCLOSED_ACTION"
  | "UNDEFINED_FUNCTION"
  | "UNDEFINED_VARIABLE"
  | "MISSING_VALUE"
  | "BAD_SYNTAX"
  | "MULTIPLE_DEFINITION"
  // exec
  | "NIL_POINTER"
  | "BAD_FIELD"
  | "MISSING_KEY"
  | "NOT_A_FUNCTION"
  | "WRONG_ARG_COUNT"
  | "WRONG_ARG_TYPE"
  | "FUNC_ERROR"
  | "NO_TEMPLATE"
  | "RANGE_NOT_ITERABLE"
  | "OVERFLOW"
  | "UNSUPPORTED"
  | "LIMIT_DEPTH"
  | "LIMIT_STEPS"
  | "LIMIT_OUTPUT";

/** A parse error: Go's `template: NAME:LINE: msg`. */
export class TemplateParseError extends Error {
  override readonly name = "TemplateParseError";
  readonly goMessage: string;
  constructor(
    readonly code: TemplateErrorCode,
    /** The name the text was parsed under (the file, even for errors inside a `define`). */
    readonly templateName: string,
    readonly line: number,
    readonly col: number,
    /** The message without the location prefix: `function "nofunc" not defined`. */
    readonly detail: string,
  ) {
    const goMessage = `template: ${templateName}:${line}: ${detail}`;
    super(goMessage);
    this.goMessage = goMessage;
  }
}

/**
 * An execution error: Go's `template: FILE:L:C: executing "NAME" at <NODE>: MSG`, or
 * `template: NAME: MSG` when no node is being executed (`no template "x" associated with …`).
 * The error thrown out of `execute` is the outermost one, so its position is the outermost
 * action of the top template; `cause` leads inward (a failing `include` wraps the error of the
 * nested execution).
 */
export class TemplateExecError extends Error {
  override readonly name = "TemplateExecError";
  readonly goMessage: string;
  constructor(
    readonly code: TemplateErrorCode,
    /** The template being executed (a file or a `define` name). */
    readonly templateName: string,
    /** The file the failing node was parsed from; null when there is no node. */
    readonly file: string | null,
    readonly line: number,
    readonly col: number,
    /** The failing node printed back as source, or "" when there is none. */
    readonly node: string,
    /** Go's message after `at <NODE>: `, e.g. `nil pointer evaluating interface {}.y`. */
    readonly detail: string,
    override readonly cause?: TemplateExecError | FuncError | Error,
  ) {
    const goMessage =
      file === null
        ? `template: ${templateName}: ${detail}`
        : `template: ${file}:${line}:${col}: executing ${goQuote(templateName)} at <${node}>: ${detail}`;
    super(goMessage);
    this.goMessage = goMessage;
  }

  /** The innermost error of the chain (this one when it has no template-error cause). */
  innermost(): TemplateExecError {
    return this.cause instanceof TemplateExecError ? this.cause.innermost() : this;
  }
}
