/**
 * The recursive-descent parser of Go's text/template (text/template/parse/parse.go). Parsing one
 * text yields a tree per template: the text's own, plus one per `define` and `block`.
 * Function names are checked here, at parse time, as Go does (`function "x" not defined`).
 */
import type {
  ArgNode,
  BranchNodeType,
  CommandNode,
  IfNode,
  ListItem,
  ListNode,
  PipeNode,
  RangeNode,
  TemplateNode,
  VariableNode,
  WithNode,
} from "./ast";
import { isEmptyTree, printNode } from "./ast";
import { TemplateParseError, type TemplateErrorCode } from "./errors";
import type { CompiledTemplate } from "./exec";
import { Lexer } from "./lexer";
import { parseNumber } from "./number";
import { describeToken, goQuote, type Token, TokenKind } from "./token";
import { unquote } from "./unquote";
import { byteLength, GoComplex, GoInt } from "./value";

/** Go's limit on nested parentheses. */
const MAX_STACK_DEPTH = 10000;

/** One parsed template. */
export interface Tree {
  /** The template's name: the file, or the `define`d name. */
  readonly name: string;
  /** The name of the text it was parsed from, used in error locations. */
  readonly parseName: string;
  /** The whole source text, for turning node offsets into line and column. */
  readonly text: string;
  readonly root: ListNode;
  /** The executor's closures for this tree, made on its first execution (exec.ts). */
  compiled: CompiledTemplate | null;
}

export interface ParseOptions {
  leftDelim?: string;
  rightDelim?: string;
}

/** Pseudo nodes that end a list: `{{end}}` and `{{else}}`. */
type EndMark = { readonly type: "end"; readonly pos: number } | { readonly type: "else"; readonly pos: number };

/**
 * Parses `text` as template `name`. Returns every tree defined in it, keyed by name (the text's
 * own tree included). Two non-empty definitions of one name in the same text are an error.
 */
export function parseTemplates(
  name: string,
  text: string,
  hasFunction: (name: string) => boolean,
  options: ParseOptions = {},
): Map<string, Tree> {
  const p = new Parser(name, text, hasFunction, options);
  try {
    return p.parseAll();
  } catch (e) {
    // Deep nesting can exhaust the JS stack before Go's limit; report it as that limit.
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new TemplateParseError("LIMIT_DEPTH", name, 0, 0, "max expression depth exceeded");
    }
    throw e;
  }
}

class Parser {
  private readonly lex: Lexer;
  private readonly treeSet = new Map<string, Tree>();
  private readonly token: Token[] = [];
  private peekCount = 0;
    private vars: string[] = ["$"];
  private rangeDepth = 0;
  private readonly varNames = new Map<string, string>([["$", "$"]]);
  /** Nesting of parenthesized pipelines (Go's stackDepth). */
  private stackDepth = 0;
  /** Line of the action being parsed, for "unclosed action" messages; 0 outside actions. */
  private actionLine = 0;

  constructor(
    private readonly parseName: string,
    private readonly text: string,
    private readonly hasFunction: (name: string) => boolean,
    options: ParseOptions,
  ) {
    this.lex = new Lexer(text, {
      leftDelim: options.leftDelim,
      rightDelim: options.rightDelim,
      breakOK: !hasFunction("break"),
      continueOK: !hasFunction("continue"),
    });
  }

  // --- token buffer: a 3-token lookahead, as Go's parser has ---

  private next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextToken();
    return this.token[this.peekCount]!;
  }

  /** Backs the input stream up one token. */
  private backup(): void {
    this.peekCount++;
  }

  /** Backs up two tokens; the zeroth token is already there. */
  private backup2(t1: Token): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  /** Backs up three tokens; the zeroth token is already there. */
  private backup3(t2: Token, t1: Token): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    const t = this.lex.nextToken();
    this.token[0] = t;
    return t;
  }

  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.kind === TokenKind.Space);
    return t;
  }

  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // --- errors ---

  private errorf(code: TemplateErrorCode, detail: string): never {
    // Go reports the line of the most recently lexed token.
    const t = this.token[0]!;
    const lineStart = this.text.lastIndexOf("\n", t.pos - 1) + 1;
    const col = byteLength(this.text.slice(lineStart, t.pos));
    throw new TemplateParseError(code, this.parseName, t.line, col, detail);
  }

  private expect(kind: TokenKind, context: string): Token {
    const t = this.nextNonSpace();
    if (t.kind !== kind) this.unexpected(t, context);
    return t;
  }

  private expectOneOf(k1: TokenKind, k2: TokenKind, context: string): Token {
    const t = this.nextNonSpace();
    if (t.kind !== k1 && t.kind !== k2) this.unexpected(t, context);
    return t;
  }

  private unexpected(t: Token, context: string): never {
    if (t.kind === TokenKind.Error) {
      const code: TemplateErrorCode = t.val === "unclosed action" ? "UNCLOSED_ACTION" : "BAD_SYNTAX";
      let extra = "";
      // Go says where the action started when the error is on a later line.
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = `${t.val.endsWith(" action") ? "" : " in action"} started at ${this.parseName}:${this.actionLine}`;
      }
      this.errorf(code, `${t.val}${extra}`);
    }
    this.errorf("UNEXPECTED_TOKEN", `unexpected ${describeToken(t)} in ${context}`);
  }

  // --- grammar ---

  parseAll(): Map<string, Tree> {
    const root = this.newList(this.peek().pos);
    while (this.peek().kind !== TokenKind.EOF) {
      if (this.peek().kind === TokenKind.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().kind === TokenKind.Define) {
          this.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") this.errorf("UNEXPECTED_TOKEN", `unexpected {{${n.type}}}`);
      root.nodes.push(n);
    }
    this.add(this.parseName, root);
    return this.treeSet;
  }

  /** Adds a tree, refusing a second non-empty definition of one name within this text. */
  private add(name: string, root: ListNode): void {
    const old = this.treeSet.get(name);
    if (!old || isEmptyTree(old.root)) {
      this.treeSet.set(name, { name, parseName: this.parseName, text: this.text, root, compiled: null });
      return;
    }
    if (!isEmptyTree(root)) {
      this.errorf("MULTIPLE_DEFINITION", `template: multiple definition of template ${goQuote(name)}`);
    }
  }

  /** Definition: {{define "name"}} itemList {{end}}. The "define" keyword is past. */
  private parseDefinition(): void {
    const context = "define clause";
    const nameTok = this.expectOneOf(TokenKind.String, TokenKind.RawString, context);
    const name = this.unquoteToken(nameTok);
    this.expect(TokenKind.RightDelim, context);
    const saved = this.enterTree();
    const [list, end] = this.itemList();
    if (end.type !== "end") this.errorf("UNEXPECTED_TOKEN", `unexpected {{${end.type}}} in ${context}`);
    this.add(name, list);
    this.leaveTree(saved);
  }

  /** A nested tree (define, block) starts with fresh variables and no enclosing range. */
  private enterTree(): { vars: string[]; rangeDepth: number } {
    const saved = { vars: this.vars, rangeDepth: this.rangeDepth };
    this.vars = ["$"];
    this.rangeDepth = 0;
    return saved;
  }

  private leaveTree(saved: { vars: string[]; rangeDepth: number }): void {
    this.vars = saved.vars;
    this.rangeDepth = saved.rangeDepth;
  }

  /** itemList: textOrAction* terminated by end or else. */
  private itemList(): [ListNode, EndMark] {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().kind !== TokenKind.EOF) {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return [list, n];
      list.nodes.push(n);
    }
    this.errorf("UNEXPECTED_TOKEN", "unexpected EOF");
  }

  /** textOrAction: text | comment | action. */
  private textOrAction(): ListItem | EndMark {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case TokenKind.Text:
        return { type: "text", pos: t.pos, text: t.val };
      case TokenKind.LeftDelim: {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
    }
    this.unexpected(t, "input");
  }

  /**
   * Action: control | command ("|" command)*. The left delimiter is past. Control keywords
   * get their own parser; anything else is a pipeline whose variables live until {{end}}.
   */
  private action(): ListItem | EndMark {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case TokenKind.Block:
        return this.blockControl();
      case TokenKind.Break:
        return this.loopControl("break", t);
      case TokenKind.Continue:
        return this.loopControl("continue", t);
      case TokenKind.Else:
        return this.elseControl();
      case TokenKind.End:
        return { type: "end", pos: this.expect(TokenKind.RightDelim, "end").pos };
      case TokenKind.If:
        return this.branch("if");
      case TokenKind.Range:
        return this.branch("range");
      case TokenKind.Template:
        return this.templateControl();
      case TokenKind.With:
        return this.branch("with");
    }
    this.backup();
    const start = this.peek();
    return { type: "action", pos: start.pos, line: start.line, pipe: this.pipeline("command", TokenKind.RightDelim) };
  }

  /** Break/Continue: {{break}} inside a range. The keyword is past. */
  private loopControl(kind: "break" | "continue", t: Token): ListItem {
    const next = this.nextNonSpace();
    if (next.kind !== TokenKind.RightDelim) this.unexpected(next, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf("UNEXPECTED_TOKEN", `{{${kind}}} outside {{range}}`);
    return { type: kind, pos: t.pos, line: t.line };
  }

  /** Else: {{else}} or the start of {{else if …}} / {{else with …}}. The keyword is past. */
  private elseControl(): EndMark {
    const peek = this.peekNonSpace();
    // "{{else if" and "{{else with" are read as "{{else}}{{if" and "{{else}}{{with".
    if (peek.kind === TokenKind.If || peek.kind === TokenKind.With) return { type: "else", pos: peek.pos };
    const t = this.expect(TokenKind.RightDelim, "else");
    return { type: "else", pos: t.pos };
  }

  /**
   * If/Range/With: {{kw pipeline}} itemList ({{else}} itemList)? {{end}}. The keyword is past.
   * Variables declared in the pipeline or the body go out of scope at {{end}}.
   */
  private branch(context: BranchNodeType): IfNode | RangeNode | WithNode {
    const varCount = this.vars.length;
    const pipe = this.pipeline(context, TokenKind.RightDelim);
    if (context === "range") this.rangeDepth++;
    const [list, end] = this.itemList();
    let next = end;
    if (context === "range") this.rangeDepth--;
    let elseList: ListNode | null = null;
    if (next.type === "else") {
      // "{{else if}}" chains become nested branches that share the outer {{end}}.
      const peek = this.peek();
      if ((context === "if" && peek.kind === TokenKind.If) || (context === "with" && peek.kind === TokenKind.With)) {
        this.next();
        elseList = this.newList(next.pos);
        elseList.nodes.push(this.branch(context));
      } else {
        [elseList, next] = this.itemList();
        if (next.type !== "end") this.errorf("UNEXPECTED_TOKEN", `expected end; found {{${next.type}}}`);
      }
    }
    this.vars.length = varCount;
    return { type: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  /** Block: {{block "name" pipeline}} itemList {{end}}, a define plus a template call. */
  private blockControl(): TemplateNode {
    const context = "block clause";
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, TokenKind.RightDelim);
    const saved = this.enterTree();
    const [list, end] = this.itemList();
    if (end.type !== "end") this.errorf("UNEXPECTED_TOKEN", `unexpected {{${end.type}}} in ${context}`);
    this.add(name, list);
    this.leaveTree(saved);
    return { type: "template", pos: t.pos, line: t.line, name, pipe };
  }

  /** Template: {{template "name" pipeline?}}. The keyword is past. */
  private templateControl(): TemplateNode {
    const context = "template clause";
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().kind !== TokenKind.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, TokenKind.RightDelim);
    }
    return { type: "template", pos: t.pos, line: t.line, name, pipe };
  }

  private templateName(t: Token, context: string): string {
    if (t.kind !== TokenKind.String && t.kind !== TokenKind.RawString) this.unexpected(t, context);
    return this.unquoteToken(t);
  }

  /**
   * Pipeline: declarations? command ('|' command)*. Declarations are `$x :=` or `$x =`, and
   * in a range `$i, $e :=`.
   */
  private pipeline(context: string, end: TokenKind): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = { type: "pipe", pos: start.pos, line: start.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.kind !== TokenKind.Variable) break;
      this.next();
      // Space is a token, so "$x foo" needs three tokens of lookahead to tell from "$x :=".
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.kind === TokenKind.Assign || next.kind === TokenKind.Declare) {
        pipe.isAssign = next.kind === TokenKind.Assign;
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.kind === TokenKind.Char && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const k = this.peekNonSpace().kind;
          if (k === TokenKind.Variable || k === TokenKind.RightDelim || k === TokenKind.RightParen) continue decls;
          this.errorf("UNEXPECTED_TOKEN", "range can only initialize variables");
        }
        this.errorf("UNEXPECTED_TOKEN", `too many declarations in ${context}`);
      } else if (tokenAfterVariable.kind === TokenKind.Space) {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.kind === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.kind) {
        case TokenKind.Bool:
        case TokenKind.CharConstant:
        case TokenKind.Complex:
        case TokenKind.Dot:
        case TokenKind.Field:
        case TokenKind.Identifier:
        case TokenKind.Number:
        case TokenKind.Nil:
        case TokenKind.RawString:
        case TokenKind.String:
        case TokenKind.Variable:
        case TokenKind.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf("MISSING_VALUE", `missing value for ${context}`);
    // Only the first command of a pipeline may start with a non-executable operand.
    for (let i = 1; i < pipe.cmds.length; i++) {
      const t = pipe.cmds[i]!.args[0]!.type;
      if (t === "bool" || t === "dot" || t === "nil" || t === "number" || t === "string") {
        this.errorf("UNEXPECTED_TOKEN", `non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  /** Command: operand (space operand)*, ended by a pipe, `)` or the right delimiter. */
  private command(): CommandNode {
    const cmd: CommandNode = { type: "command", pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace(); // skip leading spaces
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.kind === TokenKind.Space) continue;
      if (t.kind === TokenKind.RightDelim || t.kind === TokenKind.RightParen) this.backup();
      else if (t.kind !== TokenKind.Pipe) this.unexpected(t, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("MISSING_VALUE", "empty command");
    return cmd;
  }

  /** Operand: term ('.' field)*. Fields after a field or variable extend it; otherwise a chain. */
  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().kind !== TokenKind.Field) return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().kind === TokenKind.Field) fields.push(this.next().val.slice(1));
    switch (node.type) {
      case "field":
        return { type: "field", pos, ident: [...node.ident, ...fields] };
      case "variable":
        return { type: "variable", pos, ident: [...node.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.errorf("UNEXPECTED_TOKEN", `unexpected . after term ${goQuote(printNode(node))}`);
    }
    return { type: "chain", pos, node, field: fields };
  }

  /** Term: a literal, function name, `.`, `nil`, variable, field, or a parenthesized pipeline. */
  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case TokenKind.Identifier:
        if (!this.hasFunction(t.val)) this.errorf("UNDEFINED_FUNCTION", `function ${goQuote(t.val)} not defined`);
        return { type: "identifier", pos: t.pos, ident: t.val };
      case TokenKind.Dot:
        return { type: "dot", pos: t.pos };
      case TokenKind.Nil:
        return { type: "nil", pos: t.pos };
      case TokenKind.Variable:
        return this.useVar(t.pos, t.val);
      case TokenKind.Field:
        return { type: "field", pos: t.pos, ident: t.val.slice(1).split(".") };
      case TokenKind.Bool:
        return { type: "bool", pos: t.pos, value: t.val === "true" };
      case TokenKind.CharConstant:
      case TokenKind.Complex:
      case TokenKind.Number: {
        const n = parseNumber(t.val, t.kind === TokenKind.CharConstant, t.kind === TokenKind.Complex);
        if (typeof n === "string") this.errorf("BAD_SYNTAX", n);
        const { complex, ...info } = n;
        return { type: "number", pos: t.pos, text: t.val, ...info, int: n.isInt ? new GoInt(n.int64, "int") : null, complex: complex ? new GoComplex(complex.re, complex.im) : null };
      }
      case TokenKind.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf("LIMIT_DEPTH", "max expression depth exceeded");
        this.stackDepth++;
        try {
          return this.pipeline("parenthesized pipeline", TokenKind.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case TokenKind.String:
      case TokenKind.RawString:
        return { type: "string", pos: t.pos, quoted: t.val, text: this.unquoteToken(t) };
    }
    this.backup();
    return null;
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf("UNDEFINED_VARIABLE", `undefined variable ${goQuote(v.ident[0]!)}`);
    return v;
  }

  private newVariable(pos: number, name: string): VariableNode {
    const ident = name.split(".");
    // One string object per variable name (and the executor's own "$"), so its lookups compare by identity.
    const known = this.varNames.get(ident[0]!);
    if (known === undefined) this.varNames.set(ident[0]!, ident[0]!);
    else ident[0] = known;
    return { type: "variable", pos, ident };
  }

  private newList(pos: number): ListNode {
    return { type: "list", pos, nodes: [] };
  }

  private unquoteToken(t: Token): string {
    const s = unquote(t.val);
    if (s === undefined) this.errorf("BAD_SYNTAX", "invalid syntax");
    return s;
  }
}
