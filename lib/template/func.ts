/**
 * Functions callable from templates. A plain `GoFunc` (value.ts) receives converted arguments.
 * A `ContextFunc` additionally receives the `ExecContext` of the execution calling it: this is
 * how late-bound host functions (Helm's `include`, `tpl`) run templates of the same set while
 * sharing the caller's depth and budgets.
 */
import type { Budget } from "./exec";
import type { TemplateSet } from "./template-set";
import type { GoFunc, GoType, Value } from "./value";

export interface ExecContext {
  /** The set being executed (a clone, inside Helm's `tpl`). */
  readonly set: TemplateSet;
  /** Template nesting depth of the caller. */
  readonly depth: number;
  /** The budgets of the top-level execution, which nested ones share. */
  readonly budget: Budget;
  /**
   * Executes template `name` of `set` (default: this execution's set) with `data` as `.` and `$`,
   * returning its output. Throws `TemplateExecError` (NO_TEMPLATE when the set has no such
   * template, as Go's `ExecuteTemplate`).
   */
  executeTemplate(name: string, data: Value, set?: TemplateSet): string;
}

export interface ContextFunc {
  readonly params: readonly GoType[];
  readonly variadic?: GoType;
  readonly result?: GoType;
  readonly contextual: true;
  readonly call: (ctx: ExecContext, ...args: Value[]) => Value;
}

export type TemplateFunc = GoFunc | ContextFunc;

/**
 * The functions of a set: a map (read once per name and set, so it must not change after the
 * set is made), or a lookup function (consulted at parse and at every call: late binding).
 */
export type FuncLookup = ReadonlyMap<string, TemplateFunc> | ((name: string) => TemplateFunc | undefined);

/** A function as its call sites need it, worked out once per name (per set, for a map). */
export interface ResolvedFunc {
  readonly fn: TemplateFunc;
  readonly contextual: boolean;
  /** Go's built-in `and`/`or` (arguments evaluated only until the result is known), `call` or `len` (told nils apart). */
  readonly builtin: "andOr" | "call" | "len" | null;
}

export const isContextFunc = (f: TemplateFunc): f is ContextFunc => (f as ContextFunc).contextual === true;

/** Go's name of a parameter type, as reflect prints it in argument errors. */
export function goTypeOfParam(t: GoType): string {
  switch (t) {
    case "any":
      return "interface {}";
    case "[]any":
      return "[]interface {}";
    case "map":
      return "map[string]interface {}";
    case "[]byte":
      return "[]uint8";
    default:
      return t;
  }
}
