/**
 * Go's text/template in TypeScript: the public surface.
 *
 * ```ts
 * const set = new TemplateSet(funcs);          // funcs: Map or (name) => TemplateFunc | undefined
 * set.parse("chart/templates/a.yaml", text);   // throws TemplateParseError
 * const out = set.execute("chart/templates/a.yaml", data); // throws TemplateExecError
 * ```
 *
 * Late-bound host functions (Helm's `include`, `tpl`) are `ContextFunc`s: `{ contextual: true,
 * params, variadic?, call(ctx, ...args) }`. The executor passes the calling execution's
 * `ExecContext`; `ctx.executeTemplate(name, data, set?)` runs another template (of `ctx.set`, or of
 * a clone made with `ctx.set.clone()` and `parse`d into, as `tpl` needs) and returns its output,
 * sharing depth and budgets. Errors thrown by it propagate as the cause of the caller's
 * `error calling include: …` error, so the chain is kept.
 */
export { type Node, type ListNode, printNode, isEmptyTree } from "./ast";
export { htmlEscape, jsEscape, queryEscape } from "./builtins";
export { TemplateExecError, TemplateParseError, type ExecErrorInit, type TemplateErrorCode } from "./errors";
export { sprint, sprintf, sprintln } from "./fmt";
export { type ContextFunc, type ExecContext, type FuncLookup, type TemplateFunc, goTypeOfParam, isContextFunc } from "./func";
export { lexAll } from "./lexer";
export { defaultExecOptions, type ExecOptions } from "./options";
export { parseTemplates, type Tree } from "./parser";
export { TemplateSet } from "./template-set";
export { goQuote } from "./token";
