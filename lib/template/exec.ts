/**
 * Execution of parsed templates (text/template/exec.go). The state of one execution lives in
 * `ExecState`, apart from the trees, so a parsed set runs many times. *walk* methods write
 * output; *eval* methods only compute values.
 *
 * Go distinguishes a nil held in an `interface{}`-typed slot (a map element, a slice element, a
 * function result) from an invalid value (what a pipeline or variable yields after Go "digs
 * down" one level). The two give different error texts (`nil pointer evaluating interface {}.y`
 * vs. silently nil; `got interface {}` vs. `invalid value`), so each evaluated value carries a
 * `boxed` flag: true when its static Go type is `interface {}`.
 */
import type { ArgNode, CallSite, ChainNode, CommandNode, FieldNode, IdentifierNode, ListNode, Node, NumberNode, PipeNode, RangeNode, TemplateNode, VariableNode } from "./ast";
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
type Boxed = boolean | Map<string, Value>;

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
}

/** Where output goes; `template` calls share their caller's. */
export class Output {
  declare text: string;
  constructor() {
    this.text = "";
  }
}

/** Control flow out of a walk: normal, `{{break}}` or `{{continue}}`. */
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
type Flow = typeof NORMAL | typeof BREAK | typeof CONTINUE;

export class ExecState implements ExecContext {
  // Fields are declared, not initialized in the class body: a state is made per include, and class field
  // definitions cost more than plain assignments in the constructor.
  declare readonly set: TemplateSet;
  declare readonly depth: number;
  declare private readonly tmpl: Tree;
  declare private readonly options: Readonly<ExecOptions>;
  declare private readonly budget: Budget;
  declare private readonly out: Output;
  declare private readonly data: Value;
  /** The node being executed, for error messages (Go's `s.at`). */
  declare private node: Node | null;
  declare private vars: Variable[];
  /** Whether `.` has static type interface{} (inside a range over a []interface{} or map). */
  declare private dotBoxed: boolean;
  /** Whether the value last returned by an eval method has static type interface{}. */
  declare private boxed: Boxed;

  constructor(set: TemplateSet, tmpl: Tree, options: Readonly<ExecOptions>, budget: Budget, depth: number, out: Output, data: Value) {
    this.set = set;
    this.depth = depth;
    this.tmpl = tmpl;
    this.options = options;
    this.budget = budget;
    this.out = out;
    this.data = data;
    this.node = null;
    this.vars = [{ name: "$", value: data, boxed: false }];
    this.dotBoxed = false;
    this.boxed = false;
  }

  /** Executes the template with the data as `.` and `$`; returns everything written to the output. */
  run(): string {
    this.walkList(this.data, this.tmpl.root);
    return this.out.text;
  }

  // --- errors and budgets ---

  private errorf(code: TemplateErrorCode, detail: string, cause?: Error): never {
    const node = this.node;
    if (!node) {
      throw new TemplateExecError({ code, templateName: this.tmpl.name, file: null, line: 0, col: 0, node: "", detail, cause });
    }
    const text = this.tmpl.text;
    const lineStart = text.lastIndexOf("\n", node.pos - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++;
    const col = byteLength(text.slice(lineStart, node.pos));
    throw new TemplateExecError({
      code,
      templateName: this.tmpl.name,
      file: this.tmpl.parseName,
      line,
      col,
      node: printNode(node),
      detail,
      cause,
    });
  }

  private step(): void {
    if (++this.budget.steps > this.options.maxSteps) {
      this.errorf("LIMIT_STEPS", `exceeded maximum number of evaluation steps (${this.options.maxSteps})`);
    }
  }

  private write(s: string): void {
    this.budget.output += s.length;
    if (this.budget.output > this.options.maxOutputLength) {
      this.errorf("LIMIT_OUTPUT", `exceeded maximum output length (${this.options.maxOutputLength})`);
    }
    this.out.text += s;
  }

  // --- variables ---

  private lookupVar(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!;
    this.errorf("UNDEFINED_VARIABLE", `undefined variable: ${name}`);
  }

  /** Drops the variables declared since `mark` (setting an array's length is not free, so only when needed). */
  private pop(mark: number): void {
    if (this.vars.length > mark) this.vars.length = mark;
  }

  private setVar(name: string, value: Value, boxed: Boxed): void {
    const v = this.lookupVar(name);
    v.value = value;
    v.boxed = boxed;
  }

  // --- walk: statements that write output ---

  /**
   * Walks a list of nodes. Text and actions are handled inline rather than in a separate walk
   * method: every JS frame on the recursion path (template → include → template …) counts
   * against the stack, and Helm's include depth of 1000 must fit in it.
   */
  walkList(dot: Value, list: ListNode): Flow {
    const nodes = list.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      this.step();
      let flow: Flow = NORMAL;
      switch (node.type) {
        case "text":
          this.write(node.text);
          break;
        case "action": {
          this.node = node;
          // Variables declared here persist until the enclosing {{end}}; a declaration prints nothing.
          const v = this.evalPipeline(dot, node.pipe);
          if (node.pipe.decl.length === 0) {
            this.node = node;
            this.write(v === null ? "<no value>" : formatValue(v));
          }
          break;
        }
        case "if":
        case "with":
          flow = this.walkIfOrWith(dot, node.type === "with", node.pipe, node.list, node.elseList);
          break;
        case "range":
          flow = this.walkRange(dot, node);
          break;
        case "template":
          this.walkTemplate(dot, node);
          break;
        case "break":
          return BREAK;
        case "continue":
          return CONTINUE;
      }
      if (flow !== NORMAL) return flow;
    }
    return NORMAL;
  }

  private walkIfOrWith(dot: Value, isWith: boolean, pipe: PipeNode, list: ListNode, elseList: ListNode | null): Flow {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, pipe);
    let flow: Flow = NORMAL;
    if (truth(val)) {
      if (isWith) {
        const saved = this.dotBoxed;
        this.dotBoxed = false;
        flow = this.walkList(val, list);
        this.dotBoxed = saved;
      } else flow = this.walkList(dot, list);
    } else if (elseList) flow = this.walkList(dot, elseList);
    this.pop(mark);
    return flow;
  }

  private walkRange(dot: Value, r: RangeNode): Flow {
    this.node = r;
    const outer = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const mark = this.vars.length;
    // The index is bound only with two variables; skip making it otherwise.
    const wantIndex = r.pipe.decl.length > 1;
    let ran = false;
    if (Array.isArray(val) || isGoSliceObject(val)) {
      const items = Array.isArray(val) ? val : val.items;
      const boxed = Array.isArray(val) && isInterfaceSlice(val);
      for (let i = 0; i < items.length; i++) {
        ran = true;
        if (this.rangeIteration(r, mark, wantIndex ? new GoInt(i) : null, items[i]!, boxed) === BREAK) break;
      }
    } else if (val instanceof Uint8Array) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (this.rangeIteration(r, mark, wantIndex ? new GoInt(i) : null, new GoInt(val[i]!, "uint8"), false) === BREAK) break;
      }
    } else if (val instanceof Map || isGoMapObject(val)) {
      const map = val instanceof Map ? val : val.map;
      const boxed = val instanceof Map && isInterfaceMap(val);
      for (const k of sortedKeys(map)) {
        ran = true;
        if (this.rangeIteration(r, mark, k, map.get(k) ?? null, boxed) === BREAK) break;
      }
    } else if (val instanceof GoInt) {
      // Go 1.22+ ranges over an integer: 0 … n-1, bound to the single variable.
      if (wantIndex) this.errorf("RANGE_NOT_ITERABLE", `can't use ${formatValue(val)} to iterate over more than one variable`);
      for (let i = 0n; i < val.value; i++) {
        ran = true;
        const v = new GoInt(i, val.kind);
        if (this.rangeIteration(r, mark, v, v, false) === BREAK) break;
      }
    } else if (val !== null) {
      this.errorf("RANGE_NOT_ITERABLE", `range can't iterate over ${formatValue(val)}`);
    }
    let flow: Flow = NORMAL;
    if (!ran && r.elseList) flow = this.walkList(dot, r.elseList);
    this.pop(outer);
    return flow;
  }

  /** One iteration of a range: binds its variables, walks the body, drops the body's variables. */
  private rangeIteration(r: RangeNode, mark: number, index: Value, elem: Value, boxed: boolean): Flow {
    // Counted even when the body is empty, so nested ranges cannot spin past the step budget.
    this.step();
    const decl = r.pipe.decl;
    if (decl.length > 0) {
      if (r.pipe.isAssign) {
        if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index, false);
        else this.setVar(decl[0]!.ident[0]!, elem, boxed);
      } else {
        const top = this.vars[this.vars.length - 1]!;
        top.value = elem;
        top.boxed = boxed;
      }
    }
    if (decl.length > 1) {
      if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem, boxed);
      else {
        const second = this.vars[this.vars.length - 2]!;
        second.value = index;
        second.boxed = false;
      }
    }
    const saved = this.dotBoxed;
    this.dotBoxed = boxed;
    const flow = this.walkList(elem, r.list);
    this.dotBoxed = saved;
    this.pop(mark);
    return flow;
  }

  private walkTemplate(dot: Value, t: TemplateNode): void {
    this.node = t;
    const tree = this.set.lookup(t.name);
    if (!tree) this.errorf("NO_TEMPLATE", `template ${goQuote(t.name)} not defined`);
    if (this.depth >= this.options.maxExecDepth) {
      this.errorf("LIMIT_DEPTH", `exceeded maximum template depth (${this.options.maxExecDepth})`);
    }
    // Variables declared by the pipeline persist; the callee sees none of ours.
    const data = t.pipe ? this.evalPipeline(dot, t.pipe) : null;
    // Not through run(): one frame less per nesting level.
    new ExecState(this.set, tree, this.options, this.budget, this.depth + 1, this.out, data).walkList(data, tree.root);
  }

  // --- eval: expressions that compute values ---

  /** Evaluates a pipeline; its declarations are pushed (or assigned) and stay until the caller pops them. */
  private evalPipeline(dot: Value, pipe: PipeNode): Value {
    this.node = pipe;
    let value: Value | undefined;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      const cmd = cmds[i]!;
      const first = cmd.args[0]!;
      this.step();
      if (first.type === "identifier") {
        // Function calls are made here, not through evalCommand/evalFunction/evalCall: each JS
        // frame counts on the include recursion path, and Helm's 1000 nested includes must fit
        // in the stack. This is evalCall's body; `value` is this command's final argument.
        const name = first.ident;
        this.node = first;
        const site = this.callSite(cmd, name, value !== undefined);
        const r = site.r;
        const fn = r.fn;
        if (r.builtin === "andOr") value = this.evalAndOr(dot, cmd.args, value, name);
        else {
          const argv = this.evalCallArgs(dot, site, cmd, cmd.args, value);
          try {
            // Spread calls are slow; most calls pass one or two arguments.
            const n = argv.length;
            if (r.contextual) value = n === 2 ? (fn as ContextFunc).call(this, argv[0]!, argv[1]!) : (fn as ContextFunc).call(this, ...argv);
            else value = n === 1 ? (fn as GoFunc).call(argv[0]!) : n === 2 ? (fn as GoFunc).call(argv[0]!, argv[1]!) : (fn as GoFunc).call(...argv);
          } catch (e) {
            this.callFailed(e, cmd, name);
          }
        }
      } else value = this.evalCommand(dot, cmd, first, value);
    }
    const v = value ?? null;
    if (pipe.decl.length > 0) this.declare(pipe, v);
    // Go digs the value out of its interface, so a pipeline's result is never boxed.
    this.boxed = false;
    return v;
  }

  /**
   * The call site of a command whose first word is a function: resolved, its argument count checked
   * and its parameter types laid out once, then reused while the set resolves the name the same way.
   */
  private callSite(cmd: CommandNode, name: string, hasFinal: boolean): CallSite {
    const key = this.set.resolutionKey;
    const site = cmd.site;
    if (site !== null && key !== null && site.owner === key && site.hasFinal === hasFinal) return site;
    const r = this.set.resolveFunction(name);
    if (!r) this.errorf("UNDEFINED_FUNCTION", `${goQuote(name)} is not a defined function`);
    // A lookup function resolves anew on every call; the site stays while it gives the same function.
    if (site !== null && site.owner === key && site.r.fn === r.fn && site.hasFinal === hasFinal) return site;
    return (cmd.site = this.makeSite(key, r, name, cmd.args.length - 1, hasFinal));
  }

  /** Binds a pipeline's variables: `$x := v` pushes, `$x = v` assigns. */
  private declare(pipe: PipeNode, v: Value): void {
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0]!, v, false);
      else this.vars.push({ name: d.ident[0]!, value: v, boxed: false });
    }
  }

  /** A command that is not a function call; `final` is the previous command's result, if any. */
  private evalCommand(dot: Value, cmd: CommandNode, first: Exclude<ArgNode, IdentifierNode>, final: Value | undefined): Value {
    switch (first.type) {
      case "field":
        return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    this.boxed = false;
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        this.boxed = this.dotBoxed;
        return dot;
      case "nil":
        this.errorf("UNEXPECTED_TOKEN", "nil is not a command");
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
  }

  private notAFunction(args: readonly ArgNode[], final: Value | undefined): void {
    if (args.length > 1 || final !== undefined) {
      this.errorf("NOT_A_FUNCTION", `can't give argument to non-function ${printNode(args[0]!)}`);
    }
  }

  /** A number whose type the context does not fix: float64 if written like one, else int. */
  private idealConstant(n: NumberNode): Value {
    this.node = n;
    this.boxed = false;
    // Go's "incontrovertible" case comes first: `0i` stays complex here, though it is also a float and an int.
    if (n.complex) return n.complex;
    const t = n.text;
    const hexInt = t.length > 2 && t[0] === "0" && (t[1] === "x" || t[1] === "X") && !/[pP]/.test(t);
    if (n.isFloat && !hexInt && t[0] !== "'" && /[.eEpP]/.test(t)) return n.float64;
    if (n.int) return n.int;
    if (n.isUint) this.errorf("OVERFLOW", `${t} overflows int`);
    return null;
  }

  private evalFieldNode(dot: Value, field: FieldNode, args: readonly ArgNode[] | null, final: Value | undefined): Value {
    this.node = field;
    return this.evalFieldChain(dot, dot, this.dotBoxed, field, field.ident, 0, args, final);
  }

  private evalChainNode(dot: Value, chain: ChainNode, args: readonly ArgNode[] | null, final: Value | undefined): Value {
    this.node = chain;
    if (chain.node.type === "nil") this.errorf("NIL_POINTER", `indirection through explicit nil in ${printNode(chain)}`);
    // (pipe).Field1.Field2: evaluate the pipeline, then the fields.
    const receiver = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, receiver, this.boxed, chain, chain.field, 0, args, final);
  }

  private evalVariableNode(dot: Value, variable: VariableNode, args: readonly ArgNode[] | null, final: Value | undefined): Value {
    this.node = variable;
    const v = this.lookupVar(variable.ident[0]!);
    if (variable.ident.length === 1) {
      if (args) this.notAFunction(args, final);
      this.boxed = v.boxed;
      return v.value;
    }
    return this.evalFieldChain(dot, v.value, v.boxed, variable, variable.ident, 1, args, final);
  }

  /** Walks .X.Y.Z from `receiver`; only the last element gets the arguments. */
  private evalFieldChain(
    dot: Value,
    receiver: Value,
    boxed: Boxed,
    node: Node,
    ident: readonly string[],
    start: number,
    args: readonly ArgNode[] | null,
    final: Value | undefined,
  ): Value {
    const last = ident.length - 1;
    for (let i = start; i < last; i++) {
      receiver = this.evalField(dot, ident[i]!, node, null, undefined, receiver, boxed);
      boxed = this.boxed;
    }
    return this.evalField(dot, ident[last]!, node, args, final, receiver, boxed);
  }

  /** `.Name` on a receiver: a method (called with the arguments), a struct field, or a map key. */
  private evalField(
    dot: Value,
    name: string,
    node: Node,
    args: readonly ArgNode[] | null,
    final: Value | undefined,
    receiver: Value,
    boxed: Boxed,
  ): Value {
    if (receiver === null) {
      if (isBoxed(boxed)) this.errorf("NIL_POINTER", `nil pointer evaluating interface {}.${name}`);
      // An invalid receiver (nil data) acts like a missing map key.
      if (this.options.missingKey === "error") this.errorf("MISSING_KEY", `nil data; no entry for key ${goQuote(name)}`);
      this.boxed = false;
      return null;
    }
    const hasArgs = (args !== null && args.length > 1) || final !== undefined;
    if (receiver instanceof Map) {
      if (hasArgs) this.errorf("NOT_A_FUNCTION", `${name} is not a method but has arguments`);
      let v = receiver.get(name);
      if (v === undefined) {
        if (this.options.missingKey === "error") this.errorf("MISSING_KEY", `map has no entry for key ${goQuote(name)}`);
        v = zeroOfMapElem(receiver);
      }
      this.boxed = receiver;
      return v;
    }
    if (receiver instanceof GoObject) {
      const method = receiver.method(name);
      if (method) return this.evalCall(dot, { fn: method, contextual: false, builtin: null }, node, name, args, final);
      const field = receiver.field(name);
      if (field !== undefined) {
        if (hasArgs) this.errorf("NOT_A_FUNCTION", `${name} has arguments but cannot be invoked as function`);
        this.boxed = false;
        return field;
      }
    }
    this.errorf("BAD_FIELD", `can't evaluate field ${name} in type ${isBoxed(boxed) ? "interface {}" : goTypeName(receiver)}`);
  }

  private evalFunction(
    dot: Value,
    node: IdentifierNode,
    cmd: Node,
    args: readonly ArgNode[] | null,
    final: Value | undefined,
  ): Value {
    this.node = node;
    const name = node.ident;
    const r = this.set.resolveFunction(name);
    if (!r) this.errorf("UNDEFINED_FUNCTION", `${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, r, cmd, name, args, final);
  }

  /**
   * Calls a function or method. `args[0]`, when present, is the function's own node; the rest
   * are its arguments, and `final` (a pipeline's previous result) comes last. The work is split
   * into helpers so this frame, which stays on the stack during the call, is small.
   */
  private evalCall(
    dot: Value,
    r: ResolvedFunc,
    node: Node,
    name: string,
    args: readonly ArgNode[] | null,
    final: Value | undefined,
  ): Value {
    const fn = r.fn;
    // Not cached: methods and functions in argument position are rare.
    const site = this.makeSite(null, r, name, args ? args.length - 1 : 0, final !== undefined);
    if (r.builtin === "andOr") return this.evalAndOr(dot, args, final, name);
    const argv = this.evalCallArgs(dot, site, node, args, final);
    let result: Value;
    try {
      result = r.contextual ? (fn as ContextFunc).call(this, ...argv) : (fn as GoFunc).call(...argv);
    } catch (e) {
      this.callFailed(e, node, name);
    }
    this.boxed = (fn.result ?? "any") === "any";
    return result;
  }

  private evalAndOr(dot: Value, args: readonly ArgNode[] | null, final: Value | undefined, name: string): Value {
    const nArgs = args ? args.length - 1 : 0;
    const wantTrue = name === "or";
    let v: Value = null;
    for (let i = 1; i <= nArgs; i++) {
      v = this.evalArg(dot, "any", args![i]!);
      if (truth(v) === wantTrue) {
        this.boxed = false;
        return v;
      }
    }
    if (final !== undefined) v = final;
    this.boxed = false;
    return v;
  }

  /** Checks the argument count (Go's two messages) and lays out each argument's parameter type. */
  private makeSite(owner: object | null, r: ResolvedFunc, name: string, nArgs: number, hasFinal: boolean): CallSite {
    const fn = r.fn;
    const params = fn.params;
    const variadic = fn.variadic;
    const numIn = nArgs + (hasFinal ? 1 : 0);
    if (variadic !== undefined) {
      if (numIn < params.length) {
        this.errorf("WRONG_ARG_COUNT", `wrong number of args for ${name}: want at least ${params.length} got ${nArgs}`);
      }
    } else if (numIn !== params.length) {
      this.errorf("WRONG_ARG_COUNT", `wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
    const types: GoType[] = [];
    for (let i = 0; i < nArgs; i++) types.push(variadic !== undefined && i >= params.length ? variadic : params[i]!);
    if (hasFinal) {
      let t: GoType = params[params.length - 1] ?? "any";
      if (variadic !== undefined) t = numIn - 1 < params.length ? params[numIn - 1]! : variadic;
      types.push(t);
    }
    return { owner, r, hasFinal, types };
  }

  /** Evaluates and converts the arguments of a call in order, then `final`. */
  private evalCallArgs(dot: Value, site: CallSite, node: Node, args: readonly ArgNode[] | null, final: Value | undefined): Value[] {
    const types = site.types;
    const nArgs = args ? args.length - 1 : 0;
    const argv: Value[] = new Array<Value>(types.length);
    for (let i = 0; i < nArgs; i++) argv[i] = this.evalArg(dot, types[i]!, args![i + 1]!);
    if (final !== undefined) argv[nArgs] = this.validateType(final, types[nArgs]!, false);
    if (site.r.builtin === "call") {
      // Go names the callee in the error; a value here is never a function.
      const callee = argv[0] ?? null;
      // Go names an argument by its source, a piped value by reflect.Value.String(): a string as itself, else `<T Value>`.
      const calleeName = nArgs > 0 ? printNode(args![1]!) : typeof final === "string" ? final : `<${goTypeName(final ?? null)} Value>`;
      const err = new FuncError(callee === null ? "call of nil" : `non-function ${calleeName} of type ${goTypeName(callee)}`);
      this.node = node;
      this.errorf("FUNC_ERROR", `error calling call: ${err.message}`, err);
    }
    return argv;
  }

  /** Turns a function's failure into Go's `error calling NAME: …`, keeping the cause. */
  private callFailed(e: unknown, node: Node, name: string): never {
    if (e instanceof TemplateExecError && e.code.startsWith("LIMIT_")) throw e;
    // A value that outgrows what JS can hold (`$s = print $s $s` in a loop) is a runaway template, not a bug.
    // No regex here: this also runs at the edge of the stack, where compiling one fails.
    if (e instanceof RangeError && (e.message.includes("Invalid string length") || e.message.includes("Invalid array length"))) {
      this.node = node;
      this.errorf("LIMIT_OUTPUT", `error calling ${name}: result too large (${e.message})`);
    }
    if (e instanceof FuncError || e instanceof TemplateExecError || e instanceof TemplateParseError) {
      this.node = node;
      const message = e instanceof FuncError ? e.message : e.goMessage;
      this.errorf("FUNC_ERROR", `error calling ${name}: ${message}`, e);
    }
    throw e;
  }

  /**
   * The state is the ExecContext a ContextFunc receives: nested executions share our depth and budgets.
   * The work is done here, not in a further call, to keep the include path's stack short.
   */
  executeTemplate(name: string, data: Value, set: TemplateSet = this.set): string {
    const tree = set.lookup(name);
    if (!tree) throw noTemplateError(set, name);
    // Failed at the calling node.
    if (this.depth >= set.options.maxExecDepth) this.errorf("LIMIT_DEPTH", `exceeded maximum template depth (${this.options.maxExecDepth})`);
    const out = new Output();
    new ExecState(set, tree, set.options, this.budget, this.depth + 1, out, data).walkList(data, tree.root);
    return out.text;
  }

  /** Evaluates an argument for a parameter of type `typ` (null: no conversion, a chain receiver). */
  private evalArg(dot: Value, typ: GoType | null, n: ArgNode): Value {
    this.node = n;
    switch (n.type) {
      case "dot":
        return this.validateType(dot, typ, this.dotBoxed);
      case "nil":
        if (typ === null || canBeNil(typ)) {
          this.boxed = false;
          return null;
        }
        this.errorf("WRONG_ARG_TYPE", `cannot assign nil to ${goTypeOfParam(typ)}`);
      case "field":
        return this.validateType(this.evalFieldNode(dot, n, null, undefined), typ, this.boxed);
      case "variable":
        return this.validateType(this.evalVariableNode(dot, n, null, undefined), typ, this.boxed);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, n), typ, false);
      case "identifier":
        return this.validateType(this.evalFunction(dot, n, n, null, undefined), typ, this.boxed);
      case "chain":
        return this.validateType(this.evalChainNode(dot, n, null, undefined), typ, this.boxed);
    }
    this.boxed = false;
    switch (typ) {
      case null:
      case "any":
        if (n.type === "number") return this.idealConstant(n);
        return n.type === "bool" ? n.value : n.text;
      case "bool":
        if (n.type === "bool") return n.value;
        this.errorf("WRONG_ARG_TYPE", `expected bool; found ${printNode(n)}`);
      case "string":
        if (n.type === "string") return n.text;
        this.errorf("WRONG_ARG_TYPE", `expected string; found ${printNode(n)}`);
      case "int":
      case "int64":
        if (n.type === "number" && n.int) return typ === "int" ? n.int : new GoInt(n.int64, typ);
        this.errorf("WRONG_ARG_TYPE", `expected integer; found ${printNode(n)}`);
      case "float64":
        if (n.type === "number" && n.isFloat) return n.float64;
        this.errorf("WRONG_ARG_TYPE", `expected float; found ${printNode(n)}`);
    }
    this.errorf("WRONG_ARG_TYPE", `can't handle ${printNode(n)} for arg of type ${goTypeOfParam(typ)}`);
  }

  /** Checks that a value is assignable to the parameter type, with reflect's error texts. */
  private validateType(value: Value, typ: GoType | null, boxed: Boxed): Value {
    if (typ === null || typ === "any") return value;
    if (value === null) {
      if (isBoxed(boxed)) this.errorf("WRONG_ARG_TYPE", `wrong type for value; expected ${goTypeOfParam(typ)}; got interface {}`);
      if (canBeNil(typ)) return null;
      this.errorf("WRONG_ARG_TYPE", `invalid value; expected ${goTypeOfParam(typ)}`);
    }
    if (!assignable(value, typ)) {
      this.errorf("WRONG_ARG_TYPE", `wrong type for value; expected ${goTypeOfParam(typ)}; got ${goTypeName(value)}`);
    }
    return value;
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
