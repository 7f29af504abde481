import { describe, expect, it } from "vitest";
import { printNode } from "./ast";
import { TemplateParseError } from "./errors";
import { parseTemplates } from "./parser";

const FUNCS = new Set(["printf", "contains", "and", "or", "not", "eq", "index", "len", "print"]);
const has = (name: string) => FUNCS.has(name);

/** The canonical source of every tree, `name=source` joined by " | ", sorted by name. */
function parsed(text: string): string {
  const trees = parseTemplates("t", text, has);
  return [...trees.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, tree]) => `${name}=${printNode(tree.root)}`)
    .join(" | ");
}

describe("template/parser: canonical source (Go's String())", () => {
  // [name, input, printed trees]
  const cases: [string, string, string][] = [
    ["empty", "", "t="],
    ["spaces", " \t\n", "t= \t\n"],
    ["text", "some text", "t=some text"],
    ["empty action", "{{ printf }}", "t={{printf}}"],
    ["field", "{{.X}}", "t={{.X}}"],
    ["simple command", "{{printf}}", "t={{printf}}"],
    ["$ invocation", "{{$}}", "t={{$}}"],
    ["variable invocation", "{{with $x := 3}}{{$x 23}}{{end}}", "t={{with $x := 3}}{{$x 23}}{{end}}"],
    ["variable with fields", "{{$.I}}", "t={{$.I}}"],
    ["multi-word command", "{{printf `%d` 23}}", "t={{printf `%d` 23}}"],
    ["pipeline", "{{.X|.Y}}", "t={{.X | .Y}}"],
    ["pipeline with decl", "{{$x := .X|.Y}}", "t={{$x := .X | .Y}}"],
    ["nested pipeline", "{{.X (.Y .Z) (.A | .B .C) (.E)}}", "t={{.X (.Y .Z) (.A | .B .C) (.E)}}"],
    ["field applied to parentheses", "{{(.Y .Z).Field}}", "t={{(.Y .Z).Field}}"],
    ["simple if", "{{if .X}}hello{{end}}", "t={{if .X}}hello{{end}}"],
    ["if with else", "{{if .X}}true{{else}}false{{end}}", "t={{if .X}}true{{else}}false{{end}}"],
    ["if with else if", "{{if .X}}true{{else if .Y}}false{{end}}", "t={{if .X}}true{{else}}{{if .Y}}false{{end}}{{end}}"],
    ["if else chain", "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+", "t=+{{if .X}}X{{else}}{{if .Y}}Y{{else}}{{if .Z}}Z{{end}}{{end}}{{end}}+"],
    ["simple range", "{{range .X}}hello{{end}}", "t={{range .X}}hello{{end}}"],
    ["chained field range", "{{range .X.Y.Z}}hello{{end}}", "t={{range .X.Y.Z}}hello{{end}}"],
    ["nested range", "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}", "t={{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}"],
    ["range with else", "{{range .X}}true{{else}}false{{end}}", "t={{range .X}}true{{else}}false{{end}}"],
    ["range over pipeline", "{{range .X|.M}}true{{else}}false{{end}}", "t={{range .X | .M}}true{{else}}false{{end}}"],
    ["range []int", "{{range .SI}}{{.}}{{end}}", "t={{range .SI}}{{.}}{{end}}"],
    ["range 1 var", "{{range $x := .SI}}{{.}}{{end}}", "t={{range $x := .SI}}{{.}}{{end}}"],
    ["range 2 vars", "{{range $x, $y := .SI}}{{.}}{{end}}", "t={{range $x, $y := .SI}}{{.}}{{end}}"],
    ["range with break", "{{range .SI}}{{.}}{{break}}{{end}}", "t={{range .SI}}{{.}}{{break}}{{end}}"],
    ["range with continue", "{{range .SI}}{{.}}{{continue}}{{end}}", "t={{range .SI}}{{.}}{{continue}}{{end}}"],
    ["constants", "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}", "t={{range .SI 1 -3.2i true false 'a' nil}}{{end}}"],
    ["template", '{{template `x`}}', 't={{template "x"}}'],
    ["template with arg", '{{template "x" .Y}}', 't={{template "x" .Y}}'],
    ["with", "{{with .X}}hello{{end}}", "t={{with .X}}hello{{end}}"],
    ["with with else", "{{with .X}}hello{{else}}goodbye{{end}}", "t={{with .X}}hello{{else}}goodbye{{end}}"],
    ["with with else with", "{{with .X}}hello{{else with .Y}}goodbye{{end}}", "t={{with .X}}hello{{else}}{{with .Y}}goodbye{{end}}{{end}}"],
    ["trim left", "x \r\n\t{{- 3}}", "t=x{{3}}"],
    ["trim right", "{{3 -}}\n\n\ty", "t={{3}}y"],
    ["trim left and right", "x \r\n\t{{- 3 -}}\n\n\ty", "t=x{{3}}y"],
    ["trim with extra spaces", "x\n{{-  3   -}}\ny", "t=x{{3}}y"],
    ["comment trim left", "x \r\n\t{{- /* hi */}}", "t=x"],
    ["comment trim left and right", "x \r\n\t{{- /* */ -}}\n\n\ty", "t=xy"],
    ["block definition", '{{block "foo" .}}hello{{end}}', 'foo=hello | t={{template "foo" .}}'],
    ["define", '{{define "a"}}A{{end}}x', "a=A | t=x"],
    ["define raw name", "{{define `a`}}A{{end}}", "a=A | t="],
    ["define empty then non-empty", '{{define "a"}}  {{end}}{{define "a"}}A{{end}}', "a=A | t="],
    ["define non-empty then empty", '{{define "a"}}A{{end}}{{define "a"}} {{end}}', "a=A | t="],
    ["newline in assignment", "{{ $x \n := \n 1 \n }}", "t={{$x := 1}}"],
    ["newline in empty action", "{{\n}}", ""],
    ["newline in pipeline", "{{\n\"x\"\n|\nprintf\n}}", 't={{"x" | printf}}'],
    ["spaces around declarations", "{{range $i,$e:=.}}{{end}}", "t={{range $i, $e := .}}{{end}}"],
    ["assignment to outer variable", "{{$x := 1}}{{if 1}}{{$x = 2}}{{end}}", "t={{$x := 1}}{{if 1}}{{$x = 2}}{{end}}"],
    ["char and hex constants", "{{'a'}}{{0x1F}}{{1_000}}{{0b11}}{{0o7}}{{1e3}}", "t={{'a'}}{{0x1F}}{{1_000}}{{0b11}}{{0o7}}{{1e3}}"],
    ["and or not with parens", "{{if and (eq 1 1) (not 0)}}y{{end}}", "t={{if and (eq 1 1) (not 0)}}y{{end}}"],
    ["variable field chain", "{{$x := .}}{{$x.a.b}}", "t={{$x := .}}{{$x.a.b}}"],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    if (expected === "") {
      expect(() => parsed(input)).toThrow(TemplateParseError);
      return;
    }
    expect(parsed(input)).toBe(expected);
  });

  it("re-parses its own output to the same tree (round trip)", () => {
    for (const [, input, expected] of cases) {
      if (expected === "" || input.includes("define") || input.includes("block")) continue;
      const once = printNode(parseTemplates("t", input, has).get("t")!.root);
      expect(printNode(parseTemplates("t", once, has).get("t")!.root)).toBe(once);
    }
  });
});

describe("template/parser: errors carry a code, Go's text and the position", () => {
  // [input, code, Go message]
  const cases: [string, string, string][] = [
    ["{{nofunc}}", "UNDEFINED_FUNCTION", 'template: t:1: function "nofunc" not defined'],
    ["{{.X", "UNCLOSED_ACTION", "template: t:1: unclosed action"],
    ["{{.X\n\n", "UNCLOSED_ACTION", "template: t:3: unclosed action started at t:1"],
    ["{{if}}{{end}}", "MISSING_VALUE", "template: t:1: missing value for if"],
    ["{{range}}{{end}}", "MISSING_VALUE", "template: t:1: missing value for range"],
    ["{{end}}", "UNEXPECTED_TOKEN", "template: t:1: unexpected {{end}}"],
    ["{{else}}", "UNEXPECTED_TOKEN", "template: t:1: unexpected {{else}}"],
    ["{{if .X}}", "UNEXPECTED_TOKEN", "template: t:1: unexpected EOF"],
    ["{{$x}}", "UNDEFINED_VARIABLE", 'template: t:1: undefined variable "$x"'],
    ["{{with $x := 4}}{{end}}{{$x}}", "UNDEFINED_VARIABLE", 'template: t:1: undefined variable "$x"'],
    ['{{"abc}}', "BAD_SYNTAX", "template: t:1: unterminated quoted string"],
    ["{{.a-b}}", "BAD_SYNTAX", "template: t:1: bad character U+002D '-'"],
    ["{{break}}", "UNEXPECTED_TOKEN", "template: t:1: {{break}} outside {{range}}"],
    ["{{range .}}{{end}}{{continue}}", "UNEXPECTED_TOKEN", "template: t:1: {{continue}} outside {{range}}"],
    ["{{range .}}{{define \"x\"}}{{end}}{{end}}", "UNEXPECTED_TOKEN", "template: t:1: unexpected <define> in command"],
    ["{{ 1 | 2 }}", "UNEXPECTED_TOKEN", "template: t:1: non executable command in pipeline stage 2"],
    ['{{define "a"}}x{{end}}{{define "a"}}y{{end}}', "MULTIPLE_DEFINITION", 'template: t:1: template: multiple definition of template "a"'],
    ["{{ 99999999999999999999 }}", "BAD_SYNTAX", 'template: t:1: integer overflow: "99999999999999999999"'],
    ["{{ 1.2.3 }}", "UNEXPECTED_TOKEN", 'template: t:1: unexpected ".3" in operand'],
    ["{{/* x */ .a }}", "BAD_SYNTAX", "template: t:1: comment ends before closing delimiter"],
    ['{{ "a".b }}', "UNEXPECTED_TOKEN", 'template: t:1: unexpected . after term "\\"a\\""'],
    ["{{ template . }}", "UNEXPECTED_TOKEN", "template: t:1: unexpected <.> in template clause"],
    ["{{ $a, $b := 1 }}", "UNEXPECTED_TOKEN", "template: t:1: too many declarations in command"],
    ["{{ range $a, $b, $c := . }}{{end}}", "UNEXPECTED_TOKEN", "template: t:1: too many declarations in range"],
    ["{{ range $a, 1 }}{{end}}", "UNEXPECTED_TOKEN", "template: t:1: range can only initialize variables"],
    ['{{ "\\q" }}', "BAD_SYNTAX", "template: t:1: invalid syntax"],
    ["{{ 'ab' }}", "BAD_SYNTAX", "template: t:1: malformed character constant: 'ab'"],
    ["{{ 0x10i }}", "BAD_SYNTAX", 'template: t:1: illegal number syntax: "0x10i"'],
    ["{{ .X | printf | printf \"%s\" | 3 }}", "UNEXPECTED_TOKEN", "template: t:1: non executable command in pipeline stage 4"],
    ["{{ print 1 2 3 \"abcdefghijklm\" ) }}", "BAD_SYNTAX", "template: t:1: unexpected right paren"],
    ["{{ if 1 }}{{ else }}{{ else }}{{ end }}", "UNEXPECTED_TOKEN", "template: t:1: expected end; found {{else}}"],
    ["{{ printf \"abcdefghijklm\" | }}{{ end", "UNCLOSED_ACTION", "template: t:1: unclosed action"],
    ["{{ (printf \"abcdefghijklmn\" }}", "BAD_SYNTAX", "template: t:1: unclosed left paren"],
    ["{{ with .X }}{{ $z := 1 }}{{ . \"abcdefghijklmn\" x }}{{ end }}", "UNDEFINED_FUNCTION", 'template: t:1: function "x" not defined'],
    ["{{ .X \"abcdefghijklmnop\" | }}{{ 3 | \"abcdefghijklmnop\" }}", "UNEXPECTED_TOKEN", "template: t:1: non executable command in pipeline stage 2"],
    ["{{ define \"x\" 3 }}{{ end }}", "UNEXPECTED_TOKEN", "template: t:1: unexpected \"3\" in define clause"],
    ["{{ template \"x\" | }}", "UNEXPECTED_TOKEN", "template: t:1: unexpected \"|\" in template clause"],
  ];
  it.each(cases)("%s", (input, code, message) => {
    let err: unknown;
    try {
      parseTemplates("t", input, has);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateParseError);
    expect(err).toMatchObject({ code, goMessage: message });
  });

  it("limits nesting: Go's 10000 parentheses, and whatever exhausts the JS stack first", () => {
    const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
    expect(() => parseTemplates("t", `{{ ${deep(10001, "(", ")")} }}`, has)).toThrow("max expression depth exceeded");
    expect(() => parseTemplates("t", deep(20000, "{{ if 1 }}", "{{ end }}"), has)).toThrow(TemplateParseError);
  });

  it("reports the 0-based byte column of the offending token", () => {
    try {
      parseTemplates("t", "ééé\n  x {{ nofunc }}", has);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ line: 2, col: 7, templateName: "t" });
    }
  });
});
