/**
 * Execution of parsed templates (text/template/exec.go), compiled: on its first execution each tree is
 * turned once into closures (one per node, with its plan worked out: field chains split, constants
 * converted, function call sites resolved once per set, variables given their stack slot), which every
 * later execution runs. The state of one execution lives in `ExecState`, apart from the compiled code, so
 * a parsed set runs many times. Statements (`Stmt`) write output; expressions only compute values.
 *
 * Go distinguishes a nil held in an `interface{}`-typed slot (a map element, a slice element, a
 * function result) from an invalid value (what a pipeline or variable yields after Go "digs
 * down" one level). The two give different error texts (`nil pointer evaluating interface {}.y`
 * vs. silently nil; `got interface {}` vs. `invalid value`), so each evaluated value carries a
 * `boxed` flag (in `ExecState.boxed`): true when its static Go type is `interface {}`.
 *
 * The state's `node` is Go's `s.at(node)`: set where Go sets it, since errors (even a later argument
 * type error: `at <2>: wrong type for value`) are positioned at the node last set.
 *
 * The JS stack is part of the contract: Helm's 1000 nested `include`s must fit in it, so the closures on
 * the recursion path (statement → call → function → nested execution) are few and each does its work
 * inline rather than through helpers.
 */
import type { ArgNode, BoolNode, ChainNode, CommandNode, IdentifierNode, IfNode, ListNode, ListItem, Node, NumberNode, PipeNode, RangeNode, StringNode, TemplateNode, TextNode, VariableNode, WithNode } from "./ast";
import { printNode } from "./ast";
import { TemplateExecError, TemplateParseError, type TemplateErrorCode } from "./errors";
import { type ContextFunc, type ExecContext, goTypeOfParam, type ResolvedFunc } from "./func";
import type { ExecOptions } from "./options";
import type { Tree } from "./parser";
import type { TemplateSet } from "./template-set";
import { goQuote } from "./token";
import { truth } from "./truth";
import { zeroOfMapElem } from "./zero";
import { byteLength, FuncError, formatValue, GoInt, GoObject, type GoFunc, type GoType, goTypeName, isGoMapObject, isGoSliceObject, sortedKeys, type Value } from "./value";

/**
 * Whether a value has static type interface{}. A map element records its map instead of a
 * boolean: whether that map is a map[string]interface{} (and its elements boxed) is looked up
 * only when an error message or a nil check needs it, keeping field access cheap.
 */
type Boxed = boolean | Map<string, Value> | typeof ADDRESSABLE;

/**
 * The `boxed` of a struct field reached through a pointer (`.Capabilities.KubeVersion`), and of a
 * variable or dot holding one: not interface{}, and addressable, so the executor prints it through a
 * String method with a pointer receiver (GoObject.printed).
 */
const ADDRESSABLE = "addressable";

const isBoxed = (b: Boxed): boolean => b === true || (b instanceof Map && isInterfaceMap(b));

interface Variable {
  readonly name: string;
  value: Value;
  boxed: Boxed;
}

/** Budgets shared by a top-level execution and every execution nested in it. */
export interface Budget {
  steps: number;
  output: number;
  /** The deepest template nesting reached (a host caching a nested execution's result replays it only where it fits). */
  deepest: number;
}

/** Where output goes; `template` calls share their caller's. */
export class Output {
  declare text: string;
  constructor() {
    this.text = "";
  }
}

/** Control flow out of a statement: normal, `{{break}}` or `{{continue}}`. */
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
type Flow = typeof NORMAL | typeof BREAK | typeof CONTINUE;

/** A compiled statement (a list or one of its nodes): counts its step, writes output, says how control leaves it. */
type Stmt = (s: ExecState, dot: Value) => Flow;
/** A compiled pipeline: its value, with its declarations pushed or assigned. */
type Pipe = (s: ExecState, dot: Value) => Value;
/** A compiled argument, converted for a parameter of type `typ` (null: no conversion, a chain receiver); sets `s.boxed`. */
type Arg = (s: ExecState, dot: Value, typ: GoType | null) => Value;
/** A compiled command; `final` is the previous command's result (always undefined for a pipeline's first). */
type Cmd = (s: ExecState, dot: Value, final: Value | undefined) => Value;
/** A field chain `.X.Y.Z` (walked by `evalChain`, plain code V8 inlines): only the last element gets the command's arguments. */
interface Chain {
  readonly node: Node;
  readonly names: readonly string[];
  readonly args: readonly ArgPlan[];
  /** Whether the last element is given arguments (or the pipeline's previous value). */
  readonly hasArgs: boolean;
}

/**
 * An argument as a call evaluates it (`evalArg`): literals, `.`, field chains and variables inline,
 * anything else through its compiled closure.
 */
interface ArgPlan {
  readonly kind: typeof ARG_CONST | typeof ARG_DOT | typeof ARG_FIELD | typeof ARG_VAR | typeof ARG_OTHER;
  readonly node: ArgNode;
  /** ARG_CONST: the literal's value in an untyped context, and the parameter type that takes it unchanged. */
  readonly value: Value | undefined;
  readonly type: GoType | null;
  /** ARG_FIELD and ARG_VAR with fields: the chain. */
  readonly chain: Chain | null;
  /** ARG_VAR: the variable's name and compiled slot. */
  readonly name: string;
  readonly slot: number;
  readonly fn: Arg | null;
}
const ARG_CONST = 0;
const ARG_DOT = 1;
const ARG_FIELD = 2;
const ARG_VAR = 3;
const ARG_OTHER = 4;

/** A compiled template: its root list. */
export type CompiledTemplate = Stmt;

/** A function call site as last resolved; valid while the set resolves the name to the same function. */
interface CallSite {
  /** The set's resolved-function map it came from (null: a lookup function, resolved on each call). */
  readonly owner: object | null;
  readonly r: ResolvedFunc;
  /** The parameter type of each argument, then of the final value. */
  readonly types: readonly GoType[];
  /** Whether the result has static type interface{}. */
  readonly resultBoxed: boolean;
}

export class ExecState implements ExecContext {
  // Fields are declared, not initialized in the class body: a state is made per include, and class field
  // definitions cost more than plain assignments in the constructor.
  declare readonly set: TemplateSet;
  declare readonly depth: number;
  declare readonly tmpl: Tree;
  declare readonly options: Readonly<ExecOptions>;
  declare readonly budget: Budget;
  declare readonly out: Output;
  /** The node being executed, for error messages (Go's `s.at`). */
  declare node: Node | null;
  declare vars: Variable[];
  /** Whether `.` has static type interface{} (inside a range over a []interface{} or map), or is ADDRESSABLE. */
  declare dotBoxed: boolean | typeof ADDRESSABLE;
  /** Whether the value last returned by an expression has static type interface{}. */
  declare boxed: Boxed;
  /**
   * The function call in progress (its node, Go's `s.at` of evalCall, and name), so that a failure
   * thrown out of it becomes `error calling NAME: …` where the execution is caught (`run`), without a
   * try/catch around every call.
   */
  declare callNode: Node | null;
  declare callName: string;

  constructor(set: TemplateSet, tmpl: Tree, options: Readonly<ExecOptions>, budget: Budget, depth: number, out: Output, data: Value) {
    this.set = set;
    this.depth = depth;
    this.tmpl = tmpl;
    this.options = options;
    this.budget = budget;
    this.out = out;
    this.node = null;
    this.vars = [{ name: "$", value: data, boxed: false }];
    this.dotBoxed = false;
    this.boxed = false;
    this.callNode = null;
    this.callName = "";
    if (depth > budget.deepest) budget.deepest = depth;
  }

  /** The error at the current node. */
  error(code: TemplateErrorCode, detail: string, cause?: Error): TemplateExecError {
    const node = this.node;
    if (!node) return new TemplateExecError({ code, templateName: this.tmpl.name, file: null, line: 0, col: 0, node: "", detail, cause });
    const text = this.tmpl.text;
    const lineStart = text.lastIndexOf("\n", node.pos - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++;
    const col = byteLength(text.slice(lineStart, node.pos));
    return new TemplateExecError({ code, templateName: this.tmpl.name, file: this.tmpl.parseName, line, col, node: printNode(node), detail, cause });
  }

  /** What a failure thrown out of this execution becomes: Go's `error calling NAME: …` if a call was in progress. */
  failed(e: unknown): unknown {
    const node = this.callNode;
    if (node === null) return e;
    this.callNode = null;
    if (e instanceof TemplateExecError && e.code.startsWith("LIMIT_")) return e;
    // A value that outgrows what JS can hold (`$s = print $s $s` in a loop) is a runaway template, not a bug.
    // No regex here: this also runs at the edge of the stack, where compiling one fails.
    if (e instanceof RangeError && (e.message.includes("Invalid string length") || e.message.includes("Invalid array length"))) {
      this.node = node;
      return this.error("LIMIT_OUTPUT", `error calling ${this.callName}: result too large (${e.message})`);
    }
    if (e instanceof FuncError || e instanceof TemplateExecError || e instanceof TemplateParseError) {
      this.node = node;
      const message = e instanceof FuncError ? e.message : e.goMessage;
      return this.error("FUNC_ERROR", `error calling ${this.callName}: ${message}`, e);
    }
    return e;
  }

  /**
   * The state is the ExecContext a ContextFunc receives: nested executions share our depth and budgets.
   * The nested execution is run here, not through `run`, to keep the include path's stack short.
   */
  executeTemplate(name: string, data: Value, set: TemplateSet = this.set): string {
    const tree = set.lookup(name);
    if (!tree) throw noTemplateError(set, name);
    // Failed at the calling node.
    if (this.depth >= set.options.maxExecDepth) throw this.error("LIMIT_DEPTH", `exceeded maximum template depth (${this.options.maxExecDepth})`);
    const out = new Output();
    const s = new ExecState(set, tree, set.options, this.budget, this.depth + 1, out, data);
    try {
      (tree.compiled ?? compile(tree))(s, data);
    } catch (e) {
      throw s.failed(e);
    }
    return out.text;
  }
}

/** Runs a state's template with `data` as `.` (a top-level execution or a `{{template}}` call). */
export function run(s: ExecState, data: Value): void {
  try {
    (s.tmpl.compiled ?? compile(s.tmpl))(s, data);
  } catch (e) {
    throw s.failed(e);
  }
}

/** Go's ExecuteTemplate error for a name the set does not hold. */
export function noTemplateError(set: TemplateSet, name: string): TemplateExecError {
  const detail = `no template ${goQuote(name)} associated with template ${goQuote(set.name)}`;
  return new TemplateExecError({
    code: "NO_TEMPLATE",
    templateName: set.name,
    file: null,
    line: 0,
    col: 0,
    node: "",
    detail,
    goMessage: `template: ${detail}`,
  });
}

// --- budgets and output ---

function step(s: ExecState): void {
  if (++s.budget.steps > s.options.maxSteps) throw s.error("LIMIT_STEPS", `exceeded maximum number of evaluation steps (${s.options.maxSteps})`);
}

function write(s: ExecState, text: string): void {
  if ((s.budget.output += text.length) > s.options.maxOutputLength) {
    throw s.error("LIMIT_OUTPUT", `exceeded maximum output length (${s.options.maxOutputLength})`);
  }
  s.out.text += text;
}

// --- variables ---

function lookupVar(s: ExecState, name: string): Variable {
  const vars = s.vars;
  for (let i = vars.length - 1; i >= 0; i--) if (vars[i]!.name === name) return vars[i]!;
  throw s.error("UNDEFINED_VARIABLE", `undefined variable: ${name}`);
}

/**
 * The variable `name` at its compiled slot. A declaration inside an argument that `and`/`or` skipped
 * leaves the stack shorter than compiled; then the slot holds another name (or nothing) and the
 * name is searched, as Go does.
 */
function slotVar(s: ExecState, slot: number, name: string): Variable {
  const v = s.vars[slot];
  return v !== undefined && v.name === name ? v : lookupVar(s, name);
}

/** Drops the variables declared since `mark` (setting an array's length is not free, so only when needed). */
function pop(s: ExecState, mark: number): void {
  if (s.vars.length > mark) s.vars.length = mark;
}

// --- compiling ---

/** What compiling tracks: the names of the variables on the stack at the point being compiled, in order. */
interface Compiler {
  readonly vars: string[];
}

/** Compiles a tree once; every execution of it (in any set sharing it) runs the result. */
function compile(tree: Tree): Stmt {
  return (tree.compiled = compileList(tree.root, { vars: ["$"] }));
}

/** A list: each node's step counted before it runs; a list of one statement is that statement (one frame less). */
function compileList(list: ListNode, c: Compiler): Stmt {
  const nodes = list.nodes;
  const only = nodes.length === 1 ? nodes[0]! : null;
  if (only !== null && only.type !== "text") return compileItem(only, c);
  const texts = nodes.map((n) => (n.type === "text" ? n.text : null));
  const stmts = nodes.map((n) => (n.type === "text" ? null : compileItem(n, c)));
  return (s, dot) => {
    for (let i = 0; i < stmts.length; i++) {
      const text = texts[i]!;
      if (text !== null) {
        step(s);
        write(s, text);
        continue;
      }
      const flow = stmts[i]!(s, dot);
      if (flow !== NORMAL) return flow;
    }
    return NORMAL;
  };
}

/** A node of a list other than text, which lists write inline. */
function compileItem(n: Exclude<ListItem, TextNode>, c: Compiler): Stmt {
  switch (n.type) {
    case "action":
      return compileAction(n.pipe, n, c);
    case "if":
      return compileIf(n, c);
    case "with":
      return compileWith(n, c);
    case "range":
      return compileRange(n, c);
    case "template":
      return compileTemplate(n, c);
    case "break":
      return (s) => {
        step(s);
        return BREAK;
      };
    case "continue":
      return (s) => {
        step(s);
        return CONTINUE;
      };
  }
}

/** `{{pipeline}}`: prints its value unless it declares variables (which persist until the enclosing {{end}}). */
function compileAction(pipe: PipeNode, node: Node, c: Compiler): Stmt {
  if (pipe.decl.length > 0) {
    const p = compilePipeline(pipe, c);
    return (s, dot) => {
      step(s);
      s.node = node;
      p(s, dot);
      return NORMAL;
    };
  }
  const first = pipe.cmds.length === 1 ? pipe.cmds[0]!.args[0]! : null;
  if (first !== null && first.type === "identifier") {
    return compileCall(first, pipe.cmds[0]!, pipe.cmds[0]!.args, false, c, TO_OUTPUT, { pipe, action: node }) as Stmt;
  }
  if (first !== null && first.type === "field") {
    // `{{ .a.b }}`: the most common action, walked right here.
    const chain = compileChain(first, first.ident, 0, pipe.cmds[0]!.args, false, c);
    return (s, dot) => {
      step(s);
      s.node = pipe;
      step(s);
      s.node = first;
      const v = evalChain(s, dot, chain, dot, s.dotBoxed, undefined);
      const addressable = s.boxed === ADDRESSABLE;
      s.boxed = false;
      s.node = node;
      printValue(s, v ?? null, addressable);
      return NORMAL;
    };
  }
  // The commands run in this frame, not through a pipeline closure (the include path's stack).
  const cmds = pipe.cmds.map((cmd, i) => compileCommand(cmd, i > 0, c));
  return (s, dot) => {
    step(s);
    s.node = pipe;
    let value: Value | undefined;
    for (let i = 0; i < cmds.length; i++) {
      step(s);
      value = cmds[i]!(s, dot, value);
    }
    const addressable = s.boxed === ADDRESSABLE;
    s.boxed = false;
    s.node = node;
    printValue(s, value ?? null, addressable);
    return NORMAL;
  };
}

function compileIf(n: IfNode, c: Compiler): Stmt {
  const mark = c.vars.length;
  const pipe = compilePipeline(n.pipe, c);
  const { list, elseList } = compileBranches(n, c);
  c.vars.length = mark;
  return (s, dot) => {
    step(s);
    const m = s.vars.length;
    const flow = truth(pipe(s, dot)) ? list(s, dot) : elseList !== null ? elseList(s, dot) : NORMAL;
    pop(s, m);
    return flow;
  };
}

function compileWith(n: WithNode, c: Compiler): Stmt {
  const mark = c.vars.length;
  const pipe = compilePipeline(n.pipe, c);
  const { list, elseList } = compileBranches(n, c);
  c.vars.length = mark;
  return (s, dot) => {
    step(s);
    const m = s.vars.length;
    const val = pipe(s, dot);
    const addressable = s.boxed === ADDRESSABLE;
    let flow: Flow = NORMAL;
    if (truth(val)) {
      const saved = s.dotBoxed;
      s.dotBoxed = addressable ? ADDRESSABLE : false;
      flow = list(s, val);
      s.dotBoxed = saved;
    } else if (elseList !== null) flow = elseList(s, dot);
    pop(s, m);
    return flow;
  };
}

/** The two lists of a branch; each starts with the variables the branch's pipeline declared. */
function compileBranches(n: IfNode | WithNode | RangeNode, c: Compiler): { list: Stmt; elseList: Stmt | null } {
  const mark = c.vars.length;
  const list = compileList(n.list, c);
  c.vars.length = mark;
  const elseList = n.elseList ? compileList(n.elseList, c) : null;
  c.vars.length = mark;
  return { list, elseList };
}

function compileRange(r: RangeNode, c: Compiler): Stmt {
  const outer = c.vars.length;
  const pipe = compilePipeline(r.pipe, c);
  const { list, elseList } = compileBranches(r, c);
  c.vars.length = outer;
  // The index is bound only with two variables; skip making it otherwise.
  const wantIndex = r.pipe.decl.length > 1;
  return (s, dot) => {
    step(s);
    s.node = r;
    const outerMark = s.vars.length;
    const val = pipe(s, dot);
    const mark = s.vars.length;
    let ran = false;
    if (Array.isArray(val) || isGoSliceObject(val)) {
      const items = Array.isArray(val) ? val : val.items;
      const boxed = Array.isArray(val) && isInterfaceSlice(val);
      for (let i = 0; i < items.length; i++) {
        ran = true;
        if (rangeIteration(s, r, list, mark, wantIndex ? new GoInt(i) : null, items[i]!, boxed) === BREAK) break;
      }
    } else if (val instanceof Uint8Array) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (rangeIteration(s, r, list, mark, wantIndex ? new GoInt(i) : null, new GoInt(val[i]!, "uint8"), false) === BREAK) break;
      }
    } else if (val instanceof Map || isGoMapObject(val)) {
      const map = val instanceof Map ? val : val.map;
      const boxed = val instanceof Map && isInterfaceMap(val);
      for (const k of sortedKeys(map)) {
        ran = true;
        if (rangeIteration(s, r, list, mark, k, map.get(k) ?? null, boxed) === BREAK) break;
      }
    } else if (val instanceof GoInt) {
      // Go 1.22+ ranges over an integer: 0 … n-1, bound to the single variable.
      if (wantIndex) throw s.error("RANGE_NOT_ITERABLE", `can't use ${formatValue(val)} to iterate over more than one variable`);
      for (let i = 0n; i < val.value; i++) {
        ran = true;
        const v = new GoInt(i, val.kind);
        if (rangeIteration(s, r, list, mark, v, v, false) === BREAK) break;
      }
    } else if (val !== null) {
      throw s.error("RANGE_NOT_ITERABLE", `range can't iterate over ${formatValue(val)}`);
    }
    let flow: Flow = NORMAL;
    if (!ran && elseList !== null) flow = elseList(s, dot);
    pop(s, outerMark);
    return flow;
  };
}

/** One iteration of a range: binds its variables, runs the body, drops the body's variables. */
function rangeIteration(s: ExecState, r: RangeNode, body: Stmt, mark: number, index: Value, elem: Value, boxed: boolean): Flow {
  // Counted even when the body is empty, so nested ranges cannot spin past the step budget.
  step(s);
  const decl = r.pipe.decl;
  if (decl.length > 0) {
    if (r.pipe.isAssign) {
      if (decl.length > 1) setVar(s, decl[0]!.ident[0]!, index, false);
      else setVar(s, decl[0]!.ident[0]!, elem, boxed);
    } else {
      const top = s.vars[s.vars.length - 1]!;
      top.value = elem;
      top.boxed = boxed;
    }
  }
  if (decl.length > 1) {
    if (r.pipe.isAssign) setVar(s, decl[1]!.ident[0]!, elem, boxed);
    else {
      const second = s.vars[s.vars.length - 2]!;
      second.value = index;
      second.boxed = false;
    }
  }
  const saved = s.dotBoxed;
  s.dotBoxed = boxed;
  const flow = body(s, elem);
  s.dotBoxed = saved;
  pop(s, mark);
  return flow;
}

function setVar(s: ExecState, name: string, value: Value, boxed: Boxed): void {
  const v = lookupVar(s, name);
  v.value = value;
  v.boxed = boxed;
}

function compileTemplate(t: TemplateNode, c: Compiler): Stmt {
  const pipe = t.pipe ? compilePipeline(t.pipe, c) : null;
  return (s, dot) => {
    step(s);
    s.node = t;
    const tree = s.set.lookup(t.name);
    if (!tree) throw s.error("NO_TEMPLATE", `template ${goQuote(t.name)} not defined`);
    if (s.depth >= s.options.maxExecDepth) throw s.error("LIMIT_DEPTH", `exceeded maximum template depth (${s.options.maxExecDepth})`);
    // Variables declared by the pipeline persist; the callee sees none of ours.
    const data = pipe !== null ? pipe(s, dot) : null;
    const callee = new ExecState(s.set, tree, s.options, s.budget, s.depth + 1, s.out, data);
    // Go hands the callee the value itself, so an addressable dot stays addressable.
    if (pipe !== null && s.boxed === ADDRESSABLE) callee.dotBoxed = ADDRESSABLE;
    run(callee, data);
    return NORMAL;
  };
}

/** A pipeline: its commands in order, each given the previous one's result; then its declarations. */
function compilePipeline(pipe: PipeNode, c: Compiler): Pipe {
  const cmds = pipe.cmds.map((cmd, i) => compileCommand(cmd, i > 0, c));
  const decl = pipe.decl.map((d) => d.ident[0]!);
  if (decl.length > 0 && !pipe.isAssign) c.vars.push(...decl);
  if (cmds.length === 1 && decl.length === 0) {
    const cmd = cmds[0]!;
    return (s, dot) => {
      s.node = pipe;
      step(s);
      const v = cmd(s, dot, undefined) ?? null;
      // Go digs the value out of its interface, so a pipeline's result is never boxed; an addressable one stays so.
      if (s.boxed !== ADDRESSABLE) s.boxed = false;
      return v;
    };
  }
  return (s, dot) => {
    s.node = pipe;
    let value: Value | undefined;
    for (let i = 0; i < cmds.length; i++) {
      step(s);
      value = cmds[i]!(s, dot, value);
    }
    const v = value ?? null;
    const boxed = s.boxed === ADDRESSABLE ? ADDRESSABLE : false;
    for (let i = 0; i < decl.length; i++) {
      if (pipe.isAssign) setVar(s, decl[i]!, v, boxed);
      else s.vars.push({ name: decl[i]!, value: v, boxed });
    }
    s.boxed = boxed;
    return v;
  };
}

/** One command of a pipeline: a function call, or an operand (which takes no arguments). */
function compileCommand(cmd: CommandNode, hasFinal: boolean, c: Compiler): Cmd {
  const first = cmd.args[0]!;
  switch (first.type) {
    case "identifier":
      return compileCall(first, cmd, cmd.args, hasFinal, c) as Cmd;
    case "field": {
      const chain = compileChain(first, first.ident, 0, cmd.args, hasFinal, c);
      return (s, dot, final) => {
        s.node = first;
        return evalChain(s, dot, chain, dot, s.dotBoxed, final);
      };
    }
    case "chain":
      return compileChainNode(first, cmd.args, hasFinal, c);
    case "variable":
      return compileVariable(first, cmd.args, hasFinal, c);
    case "pipe": {
      const pipe = compilePipeline(first, c);
      const withArgs = cmd.args.length > 1 || hasFinal;
      return (s, dot) => {
        // Go checks at whatever node it last visited.
        if (withArgs) notAFunction(s, cmd.args);
        return pipe(s, dot);
      };
    }
  }
  const withArgs = cmd.args.length > 1 || hasFinal;
  const value = first.type === "number" ? idealConstant(first) : first.type === "bool" ? first.value : first.type === "string" ? first.text : null;
  return (s, dot) => {
    s.node = first;
    if (withArgs) notAFunction(s, cmd.args);
    s.boxed = false;
    switch (first.type) {
      case "dot":
        s.boxed = s.dotBoxed;
        return dot;
      case "nil":
        throw s.error("UNEXPECTED_TOKEN", "nil is not a command");
      case "number":
        if (value === undefined) overflow(s, first as NumberNode);
    }
    return value!;
  };
}

function notAFunction(s: ExecState, args: readonly ArgNode[]): never {
  throw s.error("NOT_A_FUNCTION", `can't give argument to non-function ${printNode(args[0]!)}`);
}

/**
 * A number whose type the context does not fix: float64 if written like one, else int; undefined when
 * it overflows int (an error when it is evaluated).
 */
function idealConstant(n: NumberNode): Value | undefined {
  // Go's "incontrovertible" case comes first: `0i` stays complex here, though it is also a float and an int.
  if (n.complex) return n.complex;
  const t = n.text;
  const hexInt = t.length > 2 && t[0] === "0" && (t[1] === "x" || t[1] === "X") && !/[pP]/.test(t);
  if (n.isFloat && !hexInt && t[0] !== "'" && /[.eEpP]/.test(t)) return n.float64;
  if (n.int) return n.int;
  if (n.isUint) return undefined;
  return null;
}

function overflow(s: ExecState, n: NumberNode): never {
  throw s.error("OVERFLOW", `${n.text} overflows int`);
}

/** `$x` or `$x.a.b`; in command position (`args`), `$x` alone takes no arguments. */
function compileVariable(v: VariableNode, args: readonly ArgNode[] | null, hasFinal: boolean, c: Compiler): Cmd {
  const name = v.ident[0]!;
  const slot = c.vars.lastIndexOf(name);
  if (v.ident.length === 1) {
    const withArgs = args !== null && (args.length > 1 || hasFinal);
    return (s) => {
      s.node = v;
      const x = slotVar(s, slot, name);
      if (withArgs) notAFunction(s, args!);
      s.boxed = x.boxed;
      return x.value;
    };
  }
  const chain = compileChain(v, v.ident, 1, args, hasFinal, c);
  return (s, dot, final) => {
    s.node = v;
    const x = slotVar(s, slot, name);
    return evalChain(s, dot, chain, x.value, x.boxed, final);
  };
}

/** `(pipeline).X.Y` or another term followed by fields. */
function compileChainNode(n: ChainNode, args: readonly ArgNode[] | null, hasFinal: boolean, c: Compiler): Cmd {
  const receiver = compileArg(n.node, c);
  const chain = compileChain(n, n.field, 0, args, hasFinal, c);
  return (s, dot, final) => {
    s.node = n;
    if (n.node.type === "nil") throw s.error("NIL_POINTER", `indirection through explicit nil in ${printNode(n)}`);
    const r = evalArg(s, dot, receiver, null);
    return evalChain(s, dot, chain, r, s.boxed, final);
  };
}

function compileChain(node: Node, ident: readonly string[], start: number, cmdArgs: readonly ArgNode[] | null, hasFinal: boolean, c: Compiler): Chain {
  const args = cmdArgs ? cmdArgs.slice(1).map((a) => compileArg(a, c)) : NO_ARGS;
  return { node, names: ident.slice(start), args, hasArgs: args.length > 0 || hasFinal };
}

/** Walks a chain from `receiver`. Map receivers, nearly all of them, are read here; anything else goes through `evalField`. */
function evalChain(s: ExecState, dot: Value, chain: Chain, receiver: Value, boxed: Boxed, final: Value | undefined): Value {
  const names = chain.names;
  const last = names.length - 1;
  for (let i = 0; i < last; i++) {
    const name = names[i]!;
    if (receiver instanceof Map) {
      let v = receiver.get(name);
      if (v === undefined) v = missingKey(s, receiver, name);
      boxed = receiver;
      receiver = v;
    } else {
      receiver = evalField(s, dot, name, chain.node, NO_ARGS, false, undefined, receiver, boxed);
      boxed = s.boxed;
    }
  }
  const name = names[last]!;
  if (receiver instanceof Map && !chain.hasArgs) {
    let v = receiver.get(name);
    if (v === undefined) v = missingKey(s, receiver, name);
    s.boxed = receiver;
    return v;
  }
  return evalField(s, dot, name, chain.node, chain.args, chain.hasArgs, final, receiver, boxed);
}

const NO_ARGS: readonly ArgPlan[] = [];

/** What a missing map key yields: the element type's zero value, or Go's error under missingkey=error. */
function missingKey(s: ExecState, m: Map<string, Value>, name: string): Value {
  if (s.options.missingKey === "error") throw s.error("MISSING_KEY", `map has no entry for key ${goQuote(name)}`);
  return zeroOfMapElem(m);
}

/** `.Name` on a receiver: a method (called with the arguments), a struct field, or a map key. */
function evalField(
  s: ExecState,
  dot: Value,
  name: string,
  node: Node,
  args: readonly ArgPlan[],
  hasArgs: boolean,
  final: Value | undefined,
  receiver: Value,
  boxed: Boxed,
): Value {
  if (receiver === null) {
    if (isBoxed(boxed)) throw s.error("NIL_POINTER", `nil pointer evaluating interface {}.${name}`);
    // An invalid receiver (nil data) acts like a missing map key.
    if (s.options.missingKey === "error") throw s.error("MISSING_KEY", `nil data; no entry for key ${goQuote(name)}`);
    s.boxed = false;
    return null;
  }
  if (receiver instanceof Map) {
    if (hasArgs) throw s.error("NOT_A_FUNCTION", `${name} is not a method but has arguments`);
    let v = receiver.get(name);
    if (v === undefined) v = missingKey(s, receiver, name);
    s.boxed = receiver;
    return v;
  }
  if (receiver instanceof GoObject) {
    const method = receiver.method(name);
    if (method) {
      // Not cached: methods are rare.
      const site = makeSite(s, null, { fn: method, contextual: false, builtin: null }, name, args.length, final !== undefined);
      return callSite(s, dot, site, node, name, null, args, final);
    }
    const field = receiver.field(name);
    if (field !== undefined) {
      if (hasArgs) throw s.error("NOT_A_FUNCTION", `${name} has arguments but cannot be invoked as function`);
      // Our structs with fields are reached through pointers (.Capabilities) or are plain data.
      s.boxed = ADDRESSABLE;
      return field;
    }
  }
  throw s.error("BAD_FIELD", `can't evaluate field ${name} in type ${isBoxed(boxed) ? "interface {}" : goTypeName(receiver)}`);
}

/**
 * Where a call's value goes: back to its pipeline (a Cmd); printed, the call being its action's whole
 * pipeline (a Stmt); or, the call being a parenthesized argument's whole pipeline, converted for the
 * parameter (an Arg). The last two do their pipeline's and action's work in the call's own frame: one
 * or two JS frames less per level of nested `include`s.
 */
const TO_PIPELINE = 0;
const TO_OUTPUT = 1;
const TO_ARG = 2;
type Delivery = typeof TO_PIPELINE | typeof TO_OUTPUT | typeof TO_ARG;

/** The pipeline and action around a call delivered TO_OUTPUT or TO_ARG (Go sets `s.at` on them). */
interface Around {
  readonly pipe: PipeNode;
  readonly action: Node | null;
}

/** What a call delivered TO_OUTPUT or TO_ARG does before its own work: its action's and pipeline's steps. */
function enter(s: ExecState, to: Delivery, around: Around): void {
  if (to === TO_OUTPUT) step(s);
  s.node = around.pipe;
  step(s);
}

/** What a call delivered TO_OUTPUT or TO_ARG does with its value: prints it, or converts it for the parameter `x`. */
function deliver(s: ExecState, to: Delivery, around: Around, v: Value, x: unknown): Value {
  s.boxed = false;
  if (to === TO_ARG) return validateType(s, v ?? null, x as GoType | null, false);
  s.node = around.action;
  printValue(s, v ?? null, false);
  return NORMAL;
}

/** Go's printValue; `addressable`: the value is a field, variable or dot that Go would take the address of. */
function printValue(s: ExecState, v: Value, addressable: boolean): void {
  write(s, typeof v === "string" ? v : v === null ? "<no value>" : v instanceof GoObject ? v.printed(addressable) : formatValue(v));
}

/**
 * A call of the function `ident` (a command's first word with `argNodes` after it, or an argument with
 * none): its site resolved once per set, its arguments evaluated into fixed parameters (no argument
 * array) when there are one or two. `node` is where a failure of the call is reported. The closure's
 * third parameter is the pipeline's previous value (TO_PIPELINE) or the parameter type (TO_ARG).
 */
function compileCall(
  ident: IdentifierNode,
  node: Node,
  argNodes: readonly ArgNode[] | null,
  hasFinal: boolean,
  c: Compiler,
  to: Delivery = TO_PIPELINE,
  around: Around | null = null,
): (s: ExecState, dot: Value, x: unknown) => Value {
  const name = ident.ident;
  const args = argNodes ? argNodes.slice(1).map((a) => compileArg(a, c)) : NO_ARGS;
  const nArgs = args.length;
  let cached: CallSite | null = null;
  const resolve = (s: ExecState): CallSite => {
    const key = s.set.resolutionKey;
    const site = cached;
    if (site !== null && key !== null && site.owner === key) return site;
    const r = s.set.resolveFunction(name);
    if (!r) throw s.error("UNDEFINED_FUNCTION", `${goQuote(name)} is not a defined function`);
    // A lookup function resolves anew on every call; the site stays while it gives the same function.
    if (site !== null && site.owner === key && site.r.fn === r.fn) return site;
    return (cached = makeSite(s, key, r, name, nArgs, hasFinal));
  };
  const arity = nArgs + (hasFinal ? 1 : 0);
  if (arity === 1) {
    const a0 = nArgs > 0 ? args[0]! : null;
    return (s, dot, x) => {
      if (to !== TO_PIPELINE) enter(s, to, around!);
      s.node = ident;
      const site = resolve(s);
      const r = site.r;
      let v: Value;
      if (r.builtin !== null) v = callSite(s, dot, site, node, name, argNodes, args, to === TO_PIPELINE ? (x as Value | undefined) : undefined);
      else {
        const x0 = a0 === null ? validateType(s, x as Value, site.types[0]!, false) : a0.fn !== null && a0.kind === ARG_OTHER ? a0.fn(s, dot, site.types[0]!) : evalArg(s, dot, a0, site.types[0]!);
        s.callNode = node;
        s.callName = name;
        v = r.contextual ? (r.fn as ContextFunc).call(s, x0) : (r.fn as GoFunc).call(x0);
        s.callNode = null;
        s.boxed = site.resultBoxed;
      }
      return to === TO_PIPELINE ? v : deliver(s, to, around!, v, x);
    };
  }
  if (arity === 2) {
    const a0 = args[0]!;
    const a1 = nArgs > 1 ? args[1]! : null;
    return (s, dot, x) => {
      if (to !== TO_PIPELINE) enter(s, to, around!);
      s.node = ident;
      const site = resolve(s);
      const r = site.r;
      let v: Value;
      if (r.builtin !== null) v = callSite(s, dot, site, node, name, argNodes, args, to === TO_PIPELINE ? (x as Value | undefined) : undefined);
      else {
        // A parenthesized argument (`include` inside `printf`) is called from here, not through evalArg: one frame less.
        const x0 = a0.fn !== null && a0.kind === ARG_OTHER ? a0.fn(s, dot, site.types[0]!) : evalArg(s, dot, a0, site.types[0]!);
        const x1 = a1 === null ? validateType(s, x as Value, site.types[1]!, false) : a1.fn !== null && a1.kind === ARG_OTHER ? a1.fn(s, dot, site.types[1]!) : evalArg(s, dot, a1, site.types[1]!);
        s.callNode = node;
        s.callName = name;
        v = r.contextual ? (r.fn as ContextFunc).call(s, x0, x1) : (r.fn as GoFunc).call(x0, x1);
        s.callNode = null;
        s.boxed = site.resultBoxed;
      }
      return to === TO_PIPELINE ? v : deliver(s, to, around!, v, x);
    };
  }
  return (s, dot, x) => {
    if (to !== TO_PIPELINE) enter(s, to, around!);
    s.node = ident;
    const v = callSite(s, dot, resolve(s), node, name, argNodes, args, to === TO_PIPELINE ? (x as Value | undefined) : undefined);
    return to === TO_PIPELINE ? v : deliver(s, to, around!, v, x);
  };
}

/** Checks the argument count (Go's two messages) and lays out each argument's parameter type. */
function makeSite(s: ExecState, owner: object | null, r: ResolvedFunc, name: string, nArgs: number, hasFinal: boolean): CallSite {
  const fn = r.fn;
  const params = fn.params;
  const variadic = fn.variadic;
  const numIn = nArgs + (hasFinal ? 1 : 0);
  if (variadic !== undefined) {
    if (numIn < params.length) {
      throw s.error("WRONG_ARG_COUNT", `wrong number of args for ${name}: want at least ${params.length} got ${nArgs}`);
    }
  } else if (numIn !== params.length) {
    throw s.error("WRONG_ARG_COUNT", `wrong number of args for ${name}: want ${params.length} got ${numIn}`);
  }
  const types: GoType[] = [];
  for (let i = 0; i < nArgs; i++) types.push(variadic !== undefined && i >= params.length ? variadic : params[i]!);
  if (hasFinal) {
    let t: GoType = params[params.length - 1] ?? "any";
    if (variadic !== undefined) t = numIn - 1 < params.length ? params[numIn - 1]! : variadic;
    types.push(t);
  }
  return { owner, r, types, resultBoxed: (fn.result ?? "any") === "any" };
}

/**
 * Any call: `and`/`or` (arguments evaluated only until the result is known), `call`, methods, and
 * functions of three or more arguments. `argNodes[0]`, when present, is the function's own node.
 */
function callSite(
  s: ExecState,
  dot: Value,
  site: CallSite,
  node: Node,
  name: string,
  argNodes: readonly ArgNode[] | null,
  args: readonly ArgPlan[],
  final: Value | undefined,
): Value {
  const r = site.r;
  const nArgs = args.length;
  if (r.builtin === "andOr") {
    const wantTrue = name === "or";
    let v: Value = null;
    for (let i = 0; i < nArgs; i++) {
      v = evalArg(s, dot, args[i]!, "any");
      if (truth(v) === wantTrue) {
        s.boxed = false;
        return v;
      }
    }
    if (final !== undefined) v = final;
    s.boxed = false;
    return v;
  }
  const types = site.types;
  const argv: Value[] = new Array<Value>(types.length);
  for (let i = 0; i < nArgs; i++) argv[i] = evalArg(s, dot, args[i]!, types[i]!);
  if (final !== undefined) argv[nArgs] = validateType(s, final, types[nArgs]!, false);
  if (r.builtin === "call") {
    // Go names the callee in the error; a value here is never a function.
    const callee = argv[0] ?? null;
    // Go names an argument by its source, a piped value by reflect.Value.String(): a string as itself, else `<T Value>`.
    const calleeName = nArgs > 0 ? printNode(argNodes![1]!) : typeof final === "string" ? final : `<${goTypeName(final ?? null)} Value>`;
    const err = new FuncError(callee === null ? "call of nil" : `non-function ${calleeName} of type ${goTypeName(callee)}`);
    s.node = node;
    throw s.error("FUNC_ERROR", `error calling call: ${err.message}`, err);
  }
  s.callNode = node;
  s.callName = name;
  // A nil that went through a pipeline (a pipe, parentheses, a variable, a function's result, `nil`) is the
  // zero reflect.Value, whose Type() panics in Go's length; a nil field or map element is a nil interface.
  if (r.builtin === "len" && argv[0] === null && (final !== undefined || !argBoxed(s, args[0]!))) {
    throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  }
  const v = r.contextual ? (r.fn as ContextFunc).call(s, ...argv) : (r.fn as GoFunc).call(...argv);
  s.callNode = null;
  s.boxed = site.resultBoxed;
  return v;
}

/** Whether the argument just evaluated by evalArg has static type interface{} (a field, `.` or a variable that holds one). */
function argBoxed(s: ExecState, a: ArgPlan): boolean {
  switch (a.kind) {
    case ARG_DOT:
      return isBoxed(s.dotBoxed);
    case ARG_FIELD:
      return isBoxed(s.boxed);
    case ARG_VAR:
      return isBoxed(a.chain === null ? slotVar(s, a.slot, a.name).boxed : s.boxed);
  }
  return false;
}

function compileArg(n: ArgNode, c: Compiler): ArgPlan {
  const plan = { kind: ARG_OTHER, node: n, value: null, type: null, chain: null, name: "", slot: -1, fn: null } as const;
  switch (n.type) {
    case "dot":
      return { ...plan, kind: ARG_DOT };
    case "field":
      return { ...plan, kind: ARG_FIELD, chain: compileChain(n, n.ident, 0, null, false, c) };
    case "variable": {
      const name = n.ident[0]!;
      const chain = n.ident.length > 1 ? compileChain(n, n.ident, 1, null, false, c) : null;
      return { ...plan, kind: ARG_VAR, name, slot: c.vars.lastIndexOf(name), chain };
    }
    case "bool":
      return { ...plan, kind: ARG_CONST, value: n.value, type: "bool", fn: compileConstant(n) };
    case "string":
      return { ...plan, kind: ARG_CONST, value: n.text, type: "string", fn: compileConstant(n) };
    case "number": {
      const value = idealConstant(n);
      return { ...plan, kind: ARG_CONST, value, type: value !== undefined && value === n.int ? "int" : null, fn: compileConstant(n) };
    }
    case "nil":
      return {
        ...plan,
        fn: (s, _dot, typ) => {
          s.node = n;
          if (typ === null || canBeNil(typ)) {
            s.boxed = false;
            return null;
          }
          throw s.error("WRONG_ARG_TYPE", `cannot assign nil to ${goTypeOfParam(typ)}`);
        },
      };
    case "chain": {
      const chain = compileChainNode(n, null, false, c);
      return {
        ...plan,
        fn: (s, dot, typ) => {
          s.node = n;
          return validateType(s, chain(s, dot, undefined), typ, s.boxed);
        },
      };
    }
    case "identifier": {
      const call = compileCall(n, n, null, false, c) as Cmd;
      return {
        ...plan,
        fn: (s, dot, typ) => {
          s.node = n;
          return validateType(s, call(s, dot, undefined), typ, s.boxed);
        },
      };
    }
    case "pipe":
      return { ...plan, fn: compilePipeArg(n, c) };
  }
}

/** Evaluates an argument for a parameter of type `typ` (null: no conversion, a chain receiver), as Go's evalArg. */
function evalArg(s: ExecState, dot: Value, a: ArgPlan, typ: GoType | null): Value {
  switch (a.kind) {
    case ARG_CONST:
      if (a.value !== undefined && (typ === null || typ === "any" || typ === a.type)) {
        s.node = a.node;
        s.boxed = false;
        return a.value;
      }
      break;
    case ARG_DOT:
      s.node = a.node;
      return validateType(s, dot, typ, s.dotBoxed);
    case ARG_FIELD:
      s.node = a.node;
      return validateType(s, evalChain(s, dot, a.chain!, dot, s.dotBoxed, undefined), typ, s.boxed);
    case ARG_VAR: {
      s.node = a.node;
      const x = slotVar(s, a.slot, a.name);
      const v = a.chain === null ? x.value : evalChain(s, dot, a.chain, x.value, x.boxed, undefined);
      return validateType(s, v, typ, a.chain === null ? x.boxed : s.boxed);
    }
  }
  return a.fn!(s, dot, typ);
}

/** A parenthesized pipeline as an argument; a single call runs in the argument's frame (the include path's stack). */
function compilePipeArg(n: PipeNode, c: Compiler): Arg {
  const first = n.cmds.length === 1 && n.decl.length === 0 ? n.cmds[0]!.args[0]! : null;
  if (first !== null && first.type === "identifier") return compileCall(first, n.cmds[0]!, n.cmds[0]!.args, false, c, TO_ARG, { pipe: n, action: null });
  const pipe = compilePipeline(n, c);
  return (s, dot, typ) => {
    s.node = n;
    return validateType(s, pipe(s, dot), typ, false);
  };
}

/** A literal argument: its untyped value made once; a typed parameter converts it (or fails) as Go's evalArg does. */
function compileConstant(n: BoolNode | NumberNode | StringNode): Arg {
  const untyped = n.type === "number" ? idealConstant(n) : n.type === "bool" ? n.value : n.text;
  const int64 = n.type === "number" && n.int ? new GoInt(n.int64, "int64") : null;
  return (s, _dot, typ) => {
    s.node = n;
    s.boxed = false;
    switch (typ) {
      case null:
      case "any":
        if (untyped === undefined) overflow(s, n as NumberNode);
        return untyped;
      case "bool":
        if (n.type === "bool") return n.value;
        throw s.error("WRONG_ARG_TYPE", `expected bool; found ${printNode(n)}`);
      case "string":
        if (n.type === "string") return n.text;
        throw s.error("WRONG_ARG_TYPE", `expected string; found ${printNode(n)}`);
      case "int":
      case "int64":
        if (n.type === "number" && n.int) return typ === "int" ? n.int : int64!;
        throw s.error("WRONG_ARG_TYPE", `expected integer; found ${printNode(n)}`);
      case "float64":
        if (n.type === "number" && n.isFloat) return n.float64;
        throw s.error("WRONG_ARG_TYPE", `expected float; found ${printNode(n)}`);
    }
    throw s.error("WRONG_ARG_TYPE", `can't handle ${printNode(n)} for arg of type ${goTypeOfParam(typ)}`);
  };
}

/** Checks that a value is assignable to the parameter type, with reflect's error texts. */
function validateType(s: ExecState, value: Value, typ: GoType | null, boxed: Boxed): Value {
  if (typ === null || typ === "any") return value;
  if (value === null) {
    if (isBoxed(boxed)) throw s.error("WRONG_ARG_TYPE", `wrong type for value; expected ${goTypeOfParam(typ)}; got interface {}`);
    if (canBeNil(typ)) return null;
    throw s.error("WRONG_ARG_TYPE", `invalid value; expected ${goTypeOfParam(typ)}`);
  }
  if (!assignable(value, typ)) {
    throw s.error("WRONG_ARG_TYPE", `wrong type for value; expected ${goTypeOfParam(typ)}; got ${goTypeName(value)}`);
  }
  return value;
}

/** Whether nil can be assigned to a parameter type (Go's canBeNil). */
function canBeNil(t: GoType): boolean {
  return t !== "string" && t !== "bool" && t !== "int" && t !== "int64" && t !== "float64";
}

/** A map of Go type map[string]interface{} (or a named type over it, like chartutil.Values). */
function isInterfaceMap(m: Map<string, Value>): boolean {
  const t = goTypeName(m);
  return t === "map[string]interface {}" || !t.startsWith("map[");
}

function isInterfaceSlice(s: Value[]): boolean {
  const t = goTypeName(s);
  return t === "[]interface {}" || !t.startsWith("[]");
}

/** Go's assignability of a value's dynamic type to a parameter type. */
function assignable(v: Value, t: GoType): boolean {
  switch (t) {
    case "any":
      return true;
    case "string":
      return typeof v === "string";
    case "bool":
      return typeof v === "boolean";
    case "float64":
      return typeof v === "number";
    case "int":
    case "int64":
      return v instanceof GoInt && v.kind === t;
    case "[]any":
      return Array.isArray(v) && isInterfaceSlice(v);
    case "[]string":
      return Array.isArray(v) && goTypeName(v) === "[]string";
    case "map":
      return v instanceof Map && isInterfaceMap(v);
    case "[]byte":
      return v instanceof Uint8Array;
    case "object":
      return v instanceof GoObject;
  }
}
