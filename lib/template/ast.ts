/**
 * The parse tree of a template (text/template/parse/node.go) as a discriminated union.
 * Every node carries `pos`, the UTF-16 offset of its source in the template text, from which
 * errors derive Go's `line:col`. `printNode` prints a node back as canonical source, as Go's
 * `String()` does; exec errors quote that text (`at <.Values.a.x.y>`).
 */
import { goQuote } from "./token";
import type { GoComplex, GoInt } from "./value";

export type Node =
  | TextNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | ListNode
  | PipeNode
  | CommandNode
  | ArgNode;

/** Nodes that may appear as a command argument. */
export type ArgNode =
  | IdentifierNode
  | VariableNode
  | FieldNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** A node of a list: what a template body is made of. */
export type ListItem = TextNode | ActionNode | IfNode | RangeNode | WithNode | TemplateNode | BreakNode | ContinueNode;

export interface ListNode {
  readonly type: "list";
  readonly pos: number;
  readonly nodes: ListItem[];
}

export interface TextNode {
  readonly type: "text";
  readonly pos: number;
  readonly text: string;
}

/** `{{pipeline}}`: a non-control action. */
export interface ActionNode {
  readonly type: "action";
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
}

/** Declarations (`$x :=` or `$x =`) followed by commands joined by `|`. */
export interface PipeNode {
  readonly type: "pipe";
  readonly pos: number;
  readonly line: number;
  isAssign: boolean;
  readonly decl: VariableNode[];
  readonly cmds: CommandNode[];
}

/** One command of a pipeline: a function or operand with arguments. */
export interface CommandNode {
  readonly type: "command";
  readonly pos: number;
  readonly args: ArgNode[];
}

/** A function name. */
export interface IdentifierNode {
  readonly type: "identifier";
  readonly pos: number;
  readonly ident: string;
}

/** `$x` or `$x.a.b`: the variable name first, then field names. */
export interface VariableNode {
  readonly type: "variable";
  readonly pos: number;
  readonly ident: readonly string[];
}

/** `.a.b.c`: field names without dots. */
export interface FieldNode {
  readonly type: "field";
  readonly pos: number;
  readonly ident: readonly string[];
}

/** `(pipeline).a.b` or another term followed by fields. */
export interface ChainNode {
  readonly type: "chain";
  readonly pos: number;
  readonly node: ArgNode;
  readonly field: string[];
}

export interface DotNode {
  readonly type: "dot";
  readonly pos: number;
}

export interface NilNode {
  readonly type: "nil";
  readonly pos: number;
}

export interface BoolNode {
  readonly type: "bool";
  readonly pos: number;
  readonly value: boolean;
}

/** A numeric constant and every Go type it can be exactly represented in. */
export interface NumberNode {
  readonly type: "number";
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
  /** The value as a Go int when it is an integer, made once: GoInt is immutable, so evaluations share it. */
  readonly int: GoInt | null;
  /** The value of a complex literal (`1i`, `1+2i`), which an untyped context keeps complex. */
  readonly complex: GoComplex | null;
}

export interface StringNode {
  readonly type: "string";
  readonly pos: number;
  /** The original text, quotes included. */
  readonly quoted: string;
  /** The unquoted value. */
  readonly text: string;
}

export type BranchNodeType = "if" | "range" | "with";

/** `if`, `range` and `with` share one shape (Go's BranchNode). */
interface BranchFields {
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | null;
}

export interface IfNode extends BranchFields {
  readonly type: "if";
}

export interface RangeNode extends BranchFields {
  readonly type: "range";
}

export interface WithNode extends BranchFields {
  readonly type: "with";
}

/** `{{template "name" pipeline}}`. */
export interface TemplateNode {
  readonly type: "template";
  readonly pos: number;
  readonly line: number;
  readonly name: string;
  readonly pipe: PipeNode | null;
}

export interface BreakNode {
  readonly type: "break";
  readonly pos: number;
  readonly line: number;
}

export interface ContinueNode {
  readonly type: "continue";
  readonly pos: number;
  readonly line: number;
}

/** Prints a node back as canonical template source, exactly as Go's `Node.String()`. */
export function printNode(n: Node): string {
  switch (n.type) {
    case "text":
      return n.text;
    case "list":
      return n.nodes.map(printNode).join("");
    case "action":
      return `{{${printNode(n.pipe)}}}`;
    case "pipe": {
      let s = "";
      if (n.decl.length > 0) s = n.decl.map(printNode).join(", ") + (n.isAssign ? " = " : " := ");
      return s + n.cmds.map(printNode).join(" | ");
    }
    case "command":
      return n.args.map((a) => (a.type === "pipe" ? `(${printNode(a)})` : printNode(a))).join(" ");
    case "identifier":
      return n.ident;
    case "variable":
      return n.ident.join(".");
    case "field":
      return "." + n.ident.join(".");
    case "chain":
      return (n.node.type === "pipe" ? `(${printNode(n.node)})` : printNode(n.node)) + n.field.map((f) => "." + f).join("");
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return n.value ? "true" : "false";
    case "number":
      return n.text;
    case "string":
      return n.quoted;
    case "if":
    case "range":
    case "with": {
      const elsePart = n.elseList ? `{{else}}${printNode(n.elseList)}` : "";
      return `{{${n.type} ${printNode(n.pipe)}}}${printNode(n.list)}${elsePart}{{end}}`;
    }
    case "template":
      return n.pipe ? `{{template ${goQuote(n.name)} ${printNode(n.pipe)}}}` : `{{template ${goQuote(n.name)}}}`;
    case "break":
      return "{{break}}";
    case "continue":
      return "{{continue}}";
  }
}

/** Go's `parse.IsEmptyTree`: only whitespace text (and nothing else). */
export function isEmptyTree(n: ListNode | null): boolean {
  if (!n) return true;
  return n.nodes.every((c) => c.type === "text" && c.text.trim() === "");
}
