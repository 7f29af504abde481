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

/** What an execution error knows; `file` is null when no node was being executed. */
export interface ExecErrorInit {
  code: TemplateErrorCode;
  /** The template being executed (a file or a `define` name). */
  templateName: string;
  /** The file the failing node was parsed from (Go's ParseName). */
  file: string | null;
  line: number;
  col: number;
  /** The failing node printed back as source. */
  node: string;
  /** Go's message after `at <NODE>: `, e.g. `nil pointer evaluating interface {}.y`. */
  detail: string;
  cause?: TemplateExecError | FuncError | Error;
  /** The whole Go message, when it does not follow the usual shape. */
  goMessage?: string;
}

/**
 * An execution error: Go's `template: FILE:L:C: executing "NAME" at <NODE>: MSG`, or
 * `template: NAME: MSG` when no node is being executed. The error thrown out of an execution
 * is the outermost one, so its position is the outermost action of the top template; `cause`
 * leads inward (a failing `include` wraps the error of the nested execution).
 */
export class TemplateExecError extends Error {
  override readonly name = "TemplateExecError";
  readonly code: TemplateErrorCode;
  readonly templateName: string;
  readonly file: string | null;
  readonly line: number;
  readonly col: number;
  readonly node: string;
  readonly detail: string;
  override readonly cause?: TemplateExecError | FuncError | Error;
  readonly goMessage: string;

  constructor(init: ExecErrorInit) {
    const goMessage =
      init.goMessage ??
      (init.file === null
        ? `template: ${init.templateName}: ${init.detail}`
        : `template: ${init.file}:${init.line}:${init.col}: executing ${goQuote(init.templateName)} at <${init.node}>: ${init.detail}`);
    super(goMessage);
    this.code = init.code;
    this.templateName = init.templateName;
    this.file = init.file;
    this.line = init.line;
    this.col = init.col;
    this.node = init.node;
    this.detail = init.detail;
    this.cause = init.cause;
    this.goMessage = goMessage;
  }

  /** The innermost template error of the chain (this one when its cause is not a template error). */
  innermost(): TemplateExecError {
    return this.cause instanceof TemplateExecError ? this.cause.innermost() : this;
  }
}
