/**
 * Helm's error as the render pipeline reports it: a code for programs, a position for the UI and the
 * exact text `helm template` prints after `Error: ` for people, and the rewriting of Go's template errors
 * into Helm v4.1.4's messages (pkg/engine/engine.go).
 */
import { TemplateExecError, type TemplateParseError } from "../template/errors";

export type HelmErrorCode =
  | "CHART_INVALID" // Chart.yaml missing or invalid, bad archive
  | "DEPENDENCY_MISSING" // Chart.yaml lists a dependency that is not in charts/
  | "VALUES_INVALID" // a values file or --set flag could not be read or parsed
  | "SCHEMA_INVALID" // values do not meet values.schema.json
  | "TEMPLATE_PARSE" // a template failed to parse
  | "TEMPLATE_EXEC" // a template failed while executing
  | "TEMPLATE_FAIL" // `required` or `fail`
  | "YAML_INVALID" // a rendered document's head is not YAML
  | "SHOW_ONLY_MISSING" // --show-only matched nothing
  | "KUBE_VERSION" // kubeVersion constraint or --kube-version invalid
  | "INTERNAL"; // a bug in the engine, reported rather than thrown

export interface HelmErrorInit {
  code: HelmErrorCode;
  message: string;
  /** Chart-relative template name (`demo/templates/t.yaml`) when the error is tied to a template. */
  file?: string;
  line?: number;
  col?: number;
  /** Dotted values path, for values and schema errors. */
  valuesPath?: string;
  /** Helm prints `Use --debug flag to render out invalid YAML` after render-stage errors. */
  debugFooter?: boolean;
}

export class HelmError extends Error {
  readonly code: HelmErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly valuesPath?: string;
  readonly debugFooter: boolean;

  constructor(init: HelmErrorInit) {
    super(init.message);
    this.name = "HelmError";
    this.code = init.code;
    this.file = init.file;
    this.line = init.line;
    this.col = init.col;
    this.valuesPath = init.valuesPath;
    this.debugFooter = init.debugFooter ?? false;
  }

  /** Exactly what `helm template` writes to stderr for this error. */
  get stderr(): string {
    return `Error: ${this.message}\n${this.debugFooter ? "\nUse --debug flag to render out invalid YAML\n" : ""}`;
  }
}

// required/fail wrap their message so the top-level error can be recognised however deeply it is nested.
const WARN_START = "HELM_ERR_START";
const WARN_END = "HELM_ERR_END";

/** The error text `required` and `fail` return. */
export const warnWrap = (msg: string): string => `${WARN_START}${msg}${WARN_END}`;

/** Engine.cleanupParseError: `parse error at (<file>:<line>): <msg>`. */
export function helmParseError(filename: string, e: TemplateParseError): HelmError {
  const tokens = e.goMessage.split(": ");
  if (tokens.length === 1) return new HelmError({ code: "TEMPLATE_PARSE", file: filename, message: `parse error in (${filename}): ${e.goMessage}`, debugFooter: true });
  return new HelmError({
    code: "TEMPLATE_PARSE",
    file: e.templateName,
    line: e.line,
    col: e.col,
    message: `parse error at (${tokens[1] ?? ""}): ${tokens[tokens.length - 1] ?? ""}`,
    debugFooter: true,
  });
}

interface Traceable {
  location: string;
  message: string;
  executedFunction: string;
}

/** parseTemplateExecErrorString: one link of the error chain, or undefined for a plain Go error. */
function traceable(s: string): Traceable | undefined {
  const prefix = "template: ";
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith("no template ")) return { location: "", message: s, executedFunction: "" };
  const idx = rest.indexOf(": executing ");
  if (idx >= 0) {
    const after = rest.slice(idx + ": executing ".length);
    const endQuote = after.startsWith('"') ? after.indexOf('"', 1) : -1;
    if (endQuote > 0) {
      const fn = after.slice(1, endQuote);
      const afterFunc = after.slice(endQuote + 1);
      if (afterFunc.startsWith(" at <")) {
        const afterAt = afterFunc.slice(" at <".length);
        const endLoc = afterAt.indexOf(">: ");
        if (endLoc >= 0) {
          let message = afterAt.slice(endLoc + 3);
          const cut = message.indexOf(" template:");
          if (cut >= 0) message = message.slice(0, cut);
          return { location: rest.slice(0, idx), message, executedFunction: `executing "${fn}" at <${afterAt.slice(0, endLoc)}>:` };
        }
      }
    }
  }
  const sep = rest.lastIndexOf(": ");
  if (sep < 0) return undefined;
  let message = rest.slice(sep + 2);
  const cut = message.indexOf(" template:");
  if (cut >= 0) message = message.slice(0, cut);
  return { location: rest.slice(0, sep), message, executedFunction: "" };
}

/** The texts along Go's Unwrap chain of an execution error (ExecError, its wrapError, the cause…). */
function errorChain(e: Error): string[] {
  if (e instanceof TemplateExecError) {
    const own = [e.goMessage, e.goMessage];
    return e.cause ? [...own, ...errorChain(e.cause)] : own;
  }
  return [e.message];
}

const locationOf = (s: string): { file?: string; line?: number; col?: number } => {
  const m = /^(.*):(\d+):(\d+)$/.exec(s);
  return m ? { file: m[1], line: Number(m[2]), col: Number(m[3]) } : {};
};

/** Engine.reformatExecErrorMsg: `execution error at (…)` for required/fail, the v4 trace, or Go's raw text. */
export function helmExecError(filename: string, e: TemplateExecError): HelmError {
  const msg = e.goMessage;
  const first = msg.indexOf(": ");
  const second = first < 0 ? -1 : msg.indexOf(": ", first + 2);
  if (second < 0) return new HelmError({ code: "TEMPLATE_EXEC", file: filename, message: `execution error in (${filename}): ${msg}`, debugFooter: true });
  const location = msg.slice(first + 2, second);
  const rest = msg.slice(second + 2);
  const start = rest.indexOf(WARN_START);
  const end = rest.lastIndexOf(WARN_END);
  if (start >= 0 && end > start) {
    return new HelmError({
      code: "TEMPLATE_FAIL",
      ...locationOf(location),
      message: `execution error at (${location}): ${rest.slice(start + WARN_START.length, end)}`,
      debugFooter: true,
    });
  }
  const inner = e.innermost();
  const pos = { file: inner.file ?? filename, line: inner.line, col: inner.col };
  const links: Traceable[] = [];
  for (const text of errorChain(e)) {
    const t = traceable(text);
    if (!t) return new HelmError({ code: "TEMPLATE_EXEC", ...pos, message: msg, debugFooter: true });
    const last = links[links.length - 1];
    if (!last || last.location !== t.location || last.message !== t.message || last.executedFunction !== t.executedFunction) links.push(t);
  }
  const text = links
    .map((t) => `${t.location ? `${t.location}\n  ` : ""}${t.executedFunction ? `${t.executedFunction}\n    ` : ""}${t.message ? `${t.message}\n` : ""}`)
    .join("")
    .trim();
  return new HelmError({ code: "TEMPLATE_EXEC", ...pos, message: text, debugFooter: true });
}
