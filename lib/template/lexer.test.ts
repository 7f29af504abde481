import { describe, expect, it } from "vitest";
import { lexAll, type LexerOptions } from "./lexer";
import { TokenKind } from "./token";

/** Tokens as `Kind:val`, space-separated; Space and EOF tokens are left out for brevity. */
function lex(input: string, options?: LexerOptions): string {
  return lexAll(input, options)
    .filter((t) => t.kind !== TokenKind.Space && t.kind !== TokenKind.EOF)
    .map((t) => `${TokenKind[t.kind]}:${t.val}`)
    .join(" ");
}

describe("template/lexer", () => {
  // [name, input, expected tokens]
  const cases: [string, string, string][] = [
    ["empty", "", ""],
    ["text", "now is the time", "Text:now is the time"],
    ["text with comment", "hello-{{/* this is a comment */}}-world", "Text:hello- Text:-world"],
    ["punctuation", "{{,@% }}", "LeftDelim:{{ Char:, Char:@ Char:% RightDelim:}}"],
    ["parens", "{{((3))}}", "LeftDelim:{{ LeftParen:( LeftParen:( Number:3 RightParen:) RightParen:) RightDelim:}}"],
    ["empty action", "{{}}", "LeftDelim:{{ RightDelim:}}"],
    ["for", "{{for}}", "LeftDelim:{{ Identifier:for RightDelim:}}"],
    ["block", '{{block "foo" .}}', 'LeftDelim:{{ Block:block String:"foo" Dot:. RightDelim:}}'],
    ["quote", '{{"abc \\n\\t\\" "}}', 'LeftDelim:{{ String:"abc \\n\\t\\" " RightDelim:}}'],
    ["raw quote with newline", "{{`now is{{\n}}the time`}}", "LeftDelim:{{ RawString:`now is{{\n}}the time` RightDelim:}}"],
    ["numbers", "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4 0b101 0o17}}",
      "LeftDelim:{{ Number:1 Number:02 Number:0x14 Number:0X14 Number:-7.2i Number:1e3 Number:1E3 Number:+1.2e-4 Number:4.2i Complex:1+2i Number:1_2 Number:0x1.e_fp4 Number:0X1.E_FP4 Number:0b101 Number:0o17 RightDelim:}}"],
    ["characters", "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}",
      "LeftDelim:{{ CharConstant:'a' CharConstant:'\\n' CharConstant:'\\'' CharConstant:'\\\\' CharConstant:'\\u00FF' CharConstant:'\\xFF' CharConstant:'本' RightDelim:}}"],
    ["bools and nil", "{{true false nil}}", "LeftDelim:{{ Bool:true Bool:false Nil:nil RightDelim:}}"],
    ["dot", "{{.}}", "LeftDelim:{{ Dot:. RightDelim:}}"],
    ["dots", "{{.x . .2 .x.y.z}}", "LeftDelim:{{ Field:.x Dot:. Number:.2 Field:.x Field:.y Field:.z RightDelim:}}"],
    ["keywords", "{{range if else end with}}", "LeftDelim:{{ Range:range If:if Else:else End:end With:with RightDelim:}}"],
    ["variables", "{{$c := printf $ $hello $23 $ $var.Field .Method}}",
      "LeftDelim:{{ Variable:$c Declare::= Identifier:printf Variable:$ Variable:$hello Variable:$23 Variable:$ Variable:$var Field:.Field Field:.Method RightDelim:}}"],
    ["assignment", "{{$x = 1}}", "LeftDelim:{{ Variable:$x Assign:= Number:1 RightDelim:}}"],
    ["variable invocation", "{{$x 23}}", "LeftDelim:{{ Variable:$x Number:23 RightDelim:}}"],
    ["pipeline", 'intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro',
      'Text:intro  LeftDelim:{{ Identifier:echo Identifier:hi Number:1.2 Pipe:| Identifier:noargs Pipe:| Identifier:args Number:1 String:"hi" RightDelim:}} Text: outro'],
    ["declaration", "{{$v := 3}}", "LeftDelim:{{ Variable:$v Declare::= Number:3 RightDelim:}}"],
    ["2 declarations", "{{$v , $w := 3}}", "LeftDelim:{{ Variable:$v Char:, Variable:$w Declare::= Number:3 RightDelim:}}"],
    ["field of parenthesized expression", "{{(.X).Y}}", "LeftDelim:{{ LeftParen:( Field:.X RightParen:) Field:.Y RightDelim:}}"],
    ["trimming spaces before and after", "hello- {{- 3 -}} -world", "Text:hello- LeftDelim:{{ Number:3 RightDelim:}} Text:-world"],
    ["trimming spaces before and after comment", "hello- {{- /* hello */ -}} -world", "Text:hello- Text:-world"],
    ["trim marker needs a space", "{{-3}}", "LeftDelim:{{ Number:-3 RightDelim:}}"],
    ["trim newlines", "a \n\t{{- 1 -}}\r\n b", "Text:a LeftDelim:{{ Number:1 RightDelim:}} Text:b"],
    ["break and continue", "{{break}}{{continue}}", "LeftDelim:{{ Break:break RightDelim:}} LeftDelim:{{ Continue:continue RightDelim:}}"],
    ["unicode field", "{{.héllo}}", "LeftDelim:{{ Field:.héllo RightDelim:}}"],
    // errors end the stream
    ["badchar", "#{{\x01}}", "Text:# LeftDelim:{{ Error:unrecognized character in action: U+0001"],
    ["unclosed action", "{{", "LeftDelim:{{ Error:unclosed action"],
    ["EOF in action", "{{range", "LeftDelim:{{ Range:range Error:unclosed action"],
    ["unclosed quote", '{{"\n"}}', "LeftDelim:{{ Error:unterminated quoted string"],
    ["unclosed raw quote", "{{`xx}}", "LeftDelim:{{ Error:unterminated raw quoted string"],
    ["unclosed char constant", "{{'\n}}", "LeftDelim:{{ Error:unterminated character constant"],
    ["bad number", "{{3k}}", 'LeftDelim:{{ Error:bad number syntax: "3k"'],
    ["unclosed paren", "{{(3}}", "LeftDelim:{{ LeftParen:( Number:3 Error:unclosed left paren"],
    ["extra right paren", "{{3)}}", "LeftDelim:{{ Number:3 Error:unexpected right paren"],
    ["long pipeline deadlock", "{{|||||}}", "LeftDelim:{{ Pipe:| Pipe:| Pipe:| Pipe:| Pipe:| RightDelim:}}"],
    ["text with bad comment", "hello-{{/*/}}-world", "Text:hello- Error:unclosed comment"],
    ["text with comment close separated from delim", "hello-{{/* */ }}-world", "Text:hello- Error:comment ends before closing delimiter"],
    ["bad dash in field", "{{.a-b}}", "LeftDelim:{{ Error:bad character U+002D '-'"],
    ["expected declare", "{{$x :}}", "LeftDelim:{{ Variable:$x Error:expected :="],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(lex(input)).toBe(expected);
  });

  it("keeps break and continue as identifiers when functions of those names exist", () => {
    expect(lex("{{break}}", { breakOK: false, continueOK: false })).toBe("LeftDelim:{{ Identifier:break RightDelim:}}");
  });

  it("uses custom delimiters", () => {
    expect(lex("$$ .x @@ {{.y}}", { leftDelim: "$$", rightDelim: "@@" })).toBe("LeftDelim:$$ Field:.x RightDelim:@@ Text: {{.y}}");
  });

  it("records 1-based lines and UTF-16 offsets", () => {
    const toks = lexAll("a\n{{ .x\n}}\nb {{/* c\n */}}{{ 1 }}").filter((t) => t.kind !== TokenKind.Space);
    expect(toks.map((t) => [TokenKind[t.kind], t.line, t.pos])).toEqual([
      ["Text", 1, 0],
      ["LeftDelim", 2, 2],
      ["Field", 2, 5],
      ["RightDelim", 3, 8],
      ["Text", 3, 10],
      ["LeftDelim", 5, 25],
      ["Number", 5, 28],
      ["RightDelim", 5, 30],
      ["EOF", 5, 32],
    ]);
  });
});
