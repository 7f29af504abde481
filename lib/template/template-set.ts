/**
 * A set of named templates sharing one function map: Go's *Template with its associated
 * templates. Parsing adds the text's own template and every `define`/`block` in it; a later
 * definition replaces an earlier one of the same name, except that an empty one (only
 * whitespace) never replaces an existing template (Go's AddParseTree rule).
 */
import { isEmptyTree } from "./ast";
import { BUILTINS } from "./builtins";
import { TemplateExecError } from "./errors";
import { type Budget, ExecState, noTemplateError, Output, run } from "./exec";
import { type FuncLookup, isContextFunc, type ResolvedFunc, type TemplateFunc } from "./func";
import { defaultExecOptions, type ExecOptions } from "./options";
import { parseTemplates, type Tree } from "./parser";
import type { Value } from "./value";

export class TemplateSet {
  readonly options: Readonly<ExecOptions>;
  private readonly funcs: (name: string) => TemplateFunc | undefined;
  private readonly trees: Map<string, Tree>;
  /** Functions resolved so far, shared with clones; null for a lookup function (late binding). */
  private readonly resolved: Map<string, ResolvedFunc> | null;

  constructor(funcs: FuncLookup, options: Partial<ExecOptions> = {}) {
    this.options = { ...defaultExecOptions, ...options };
    this.funcs = typeof funcs === "function" ? funcs : (name) => funcs.get(name);
    this.resolved = typeof funcs === "function" ? null : new Map();
    this.trees = new Map();
  }

  /** The root template's name (Helm: "gotpl"). */
  get name(): string {
    return this.options.rootName;
  }

  /**
   * Parses `text` as template `name`. Throws TemplateParseError; on error nothing is added.
   * Functions must exist (in the function map or Go's built-ins) at parse time.
   */
  parse(name: string, text: string): void {
    const trees = parseTemplates(name, text, (fn) => this.findFunction(fn) !== undefined, {
      leftDelim: this.options.leftDelim,
      rightDelim: this.options.rightDelim,
    });
    for (const [n, tree] of trees) {
      if (this.trees.has(n) && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
  }

  has(name: string): boolean {
    return this.trees.has(name);
  }

  /** The parsed template of that name. */
  lookup(name: string): Tree | undefined {
    return this.trees.get(name);
  }

  /** Names of every template in the set, sorted. */
  templateNames(): string[] {
    return [...this.trees.keys()].sort();
  }

  /** The function a template calls by this name: the function map first, then Go's built-ins. */
  findFunction(name: string): TemplateFunc | undefined {
    return this.funcs(name) ?? BUILTINS.get(name);
  }

  /** What call sites may cache a resolution against: the same object while resolutions cannot change (null: late binding). */
  get resolutionKey(): object | null {
    return this.resolved;
  }

  /** The function a call site runs, with what the executor checks on every call precomputed. */
  resolveFunction(name: string): ResolvedFunc | undefined {
    const hit = this.resolved?.get(name);
    if (hit) return hit;
    const fn = this.findFunction(name);
    if (!fn) return undefined;
    const isBuiltin = BUILTINS.get(name) === fn;
    const builtin = !isBuiltin ? null : name === "and" || name === "or" ? "andOr" : name === "call" ? "call" : name === "len" ? "len" : null;
    const r: ResolvedFunc = { fn, contextual: isContextFunc(fn), builtin };
    this.resolved?.set(name, r);
    return r;
  }

  /** A copy sharing the parsed trees and functions; templates parsed into it stay local to it. */
  clone(): TemplateSet {
    const copy = Object.create(TemplateSet.prototype) as TemplateSet;
    Object.assign(copy, { options: this.options, funcs: this.funcs, resolved: this.resolved, trees: new Map(this.trees) });
    return copy;
  }

  /**
   * Executes template `name` with `data` as `.` and `$` and returns the output. Throws
   * TemplateExecError: the outermost error of the chain, positioned at the outermost action.
   */
  execute(name: string, data: Value): string {
    const tree = this.trees.get(name);
    if (!tree) throw noTemplateError(this, name);
    const budget: Budget = { steps: 0, output: 0, deepest: 0 };
    try {
      const out = new Output();
      run(new ExecState(this, tree, this.options, budget, 0, out, data), data);
      return out.text;
    } catch (e) {
      // Deep recursion can exhaust the JS stack before maxExecDepth; report it as the same limit.
      if (e instanceof RangeError && /call stack/i.test(e.message)) {
        throw new TemplateExecError({
          code: "LIMIT_DEPTH",
          templateName: name,
          file: null,
          line: 0,
          col: 0,
          node: "",
          detail: "exceeded maximum template depth (JavaScript stack exhausted)",
          cause: e,
        });
      }
      throw e;
    }
  }
}
