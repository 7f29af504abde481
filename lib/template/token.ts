import { isEscapedByte } from "./value";

/** Lexical tokens of Go's text/template (text/template/parse `itemType`). */
export enum TokenKind {
  /** A lexing error; `val` is the message. */
  Error,
  /** `true` or `false`. */
  Bool,
  /** A printable ASCII character not otherwise used, such as `,`. */
  Char,
  /** A character constant: `'a'`. */
  CharConstant,
  /** Comment text (only kept when the lexer is asked to emit comments). */
  Comment,
  /** A complex constant `1+2i`. */
  Complex,
  /** `=` of an assignment. */
  Assign,
  /** `:=` of a declaration. */
  Declare,
  /** End of input. */
  EOF,
  /** An identifier starting with '.': `.Values`. */
  Field,
  /** An identifier not starting with '.': a function name. */
  Identifier,
  /** The left action delimiter `{{` (trim marker excluded). */
  LeftDelim,
  /** `(` inside an action. */
  LeftParen,
  /** A number, including imaginary ones. */
  Number,
  /** `|`. */
  Pipe,
  /** A raw quoted string, backquotes included. */
  RawString,
  /** The right action delimiter `}}`. */
  RightDelim,
  /** `)` inside an action. */
  RightParen,
  /** A run of spaces separating arguments. */
  Space,
  /** A quoted string, quotes included. */
  String,
  /** Plain text outside actions. */
  Text,
  /** A variable: `$`, `$x`, `$1`. */
  Variable,
  /** Sentinel: every kind after this one is a keyword. */
  Keyword,
  /** `block`. */
  Block,
  /** `break`. */
  Break,
  /** `continue`. */
  Continue,
  /** The cursor `.`. */
  Dot,
  /** `define`. */
  Define,
  /** `else`. */
  Else,
  /** `end`. */
  End,
  /** `if`. */
  If,
  /** The untyped `nil` constant. */
  Nil,
  /** `range`. */
  Range,
  /** `template`. */
  Template,
  /** `with`. */
  With,
}

/** Words that lex as keywords (`.` is listed so a lone dot is one token). */
export const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map([
  [".", TokenKind.Dot],
  ["block", TokenKind.Block],
  ["break", TokenKind.Break],
  ["continue", TokenKind.Continue],
  ["define", TokenKind.Define],
  ["else", TokenKind.Else],
  ["end", TokenKind.End],
  ["if", TokenKind.If],
  ["range", TokenKind.Range],
  ["nil", TokenKind.Nil],
  ["template", TokenKind.Template],
  ["with", TokenKind.With],
]);

/** One token. `pos` is the UTF-16 offset in the template text; `line` is 1-based. */
export interface Token {
  readonly kind: TokenKind;
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

/** How Go's parser quotes a token in "unexpected …" messages (`item.String()`). */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case TokenKind.EOF:
      return "EOF";
    case TokenKind.Error:
      return t.val;
  }
  if (t.kind > TokenKind.Keyword) return `<${t.val}>`;
  const runes = [...t.val];
  // Go's `%.10q` quotes the first ten runes.
  if (runes.length > 10) return goQuote(runes.slice(0, 10).join("")) + "...";
  return goQuote(t.val);
}

/** Go's `%q` of a string (strconv.Quote): printable runes raw, others escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (isPrintRune(c)) out += ch;
    // An escaped byte that is not UTF-8 (value.ts) is quoted as the byte, as strconv.Quote does.
    else if (isEscapedByte(c)) out += "\\x" + (c - 0xdc00).toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else if (c < 0x80) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out + '"';
}

const NON_PRINT = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrintRune(c: number): boolean {
  if (c === 0x20) return true;
  if (c < 0x20 || c === 0x7f) return false;
  if (c < 0x7f) return true;
  return !NON_PRINT.test(String.fromCodePoint(c));
}
