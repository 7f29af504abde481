/**
 * The executor against the real Helm binary: each template below (Go built-ins only) is
 * rendered by `helm template` and by TemplateSet, and the outputs (or error texts) must match
 * byte for byte. Cases come from Go's exec_test.go themes and the conformance core-/err- cases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { TemplateExecError, TemplateParseError, TemplateSet } from "./index";
import { CHART, helmTemplate } from "../../test/real-helm";
import { helmInclude, toValue } from "./helm-oracle.test-util";
import { FuncError, withGoType } from "./value";

const VALUES = {
  a: { b: 1, s: "str", t: true, f: false, z: 0, e: "", l: [], m: {} },
  l: ["x", "y", "z"],
  m: { b: 2, a: 1, c: 3 },
  nest: { a: { b: "deep" } },
  num: 3,
  big: 1234567,
  million: 1000000,
  tiny: 0.00001,
  f: 1.5,
  neg: -2.5,
  list: [
    { name: "a", port: 80 },
    { name: "b", port: 81 },
  ],
  mixed: ["s", 1, true, null, { k: "v" }, [1, 2]],
  html: "<a href='x'>&\"",
  uni: "héllo wörld ✓ 😀",
  "key-with-dash": "dashed",
  keys: { b: 1, B: 2, a: 3, _: 4, "1": 5, é: 6 },
};

/** [name, template]: rendered by both, outputs compared. */
const OK_CASES: [string, string][] = [
  ["text only", "plain text\nwith lines"],
  ["literals", "{{ 1 }} {{ 1.5 }} {{ 1e3 }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }} {{ 'a' }} {{ \"s\" }} {{ `raw\\n` }} {{ true }} {{ -3 }} {{ .5 }} {{ 0x1p4 }}"],
  ["float printing", "{{ .Values.big }} {{ .Values.million }} {{ .Values.tiny }} {{ .Values.f }} {{ .Values.neg }} {{ 100000.0 }} {{ 1e21 }} {{ 123456789.0 }}"],
  ["field chains", "{{ .Values.a.b }} {{ .Values.nest.a.b }} {{ .Values.a.missing }} {{ .Values.missing }} {{ $.Values.a.s }}"],
  ["parens and chains", "{{ (.Values.nest).a.b }} {{ (index .Values \"nest\").a.b }} {{ (.Values.a.missing) }}"],
  ["keys with dashes via index", '{{ index .Values "key-with-dash" }}'],
  ["print whole structures", "{{ .Values.m }} {{ .Values.l }} {{ .Values.mixed }} {{ .Values.a }} {{ .Values.keys }}"],
  ["nil inside slice", "{{ index .Values.mixed 3 }}|{{ print (index .Values.mixed 3) }}|{{ .Values.mixed }}"],
  ["variables", "{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}{{ if true }}{{ $x = 3 }}{{ $y := 9 }}{{ end }}{{ $x }}"],
  ["variable scope ends at end", "{{ $x := \"outer\" }}{{ with .Values.a }}{{ $x := \"inner\" }}{{ $x }}{{ end }}{{ $x }}"],
  ["dollar is root", "{{ with .Values.nest }}{{ $.Values.a.s }}{{ .a.b }}{{ end }}{{ range .Values.l }}{{ $.Values.num }}{{ end }}"],
  ["variable fields", "{{ $v := .Values }}{{ $v.nest.a.b }} {{ $v.a.missing }}"],
  ["range list", "{{ range .Values.l }}[{{ . }}]{{ end }}"],
  ["range list with index", "{{ range $i, $e := .Values.l }}{{ $i }}={{ $e }};{{ end }}"],
  ["range single var", "{{ range $e := .Values.l }}{{ $e }}{{ end }}"],
  ["range map sorted", "{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }},{{ end }} {{ range .Values.keys }}{{ . }}{{ end }}"],
  ["range map key order is byte order", "{{ range $k, $v := .Values.keys }}{{ $k }}{{ end }}"],
  ["range int", "{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 4 }}{{ $i }}{{ end }}|{{ range 0 }}x{{ else }}none{{ end }}"],
  ["range empty else", "{{ range .Values.a.l }}x{{ else }}empty{{ end }}{{ range .Values.missing }}x{{ else }}nil{{ end }}{{ range .Values.a.m }}x{{ else }}emptymap{{ end }}"],
  ["range break continue", "{{ range $i, $e := .Values.l }}{{ if eq $e \"y\" }}{{ continue }}{{ end }}{{ if eq $i 2 }}{{ break }}{{ end }}{{ $e }}{{ end }}"],
  ["nested range break", "{{ range .Values.l }}{{ range $.Values.l }}{{ break }}{{ end }}{{ . }}{{ end }}"],
  ["range over list of maps", "{{ range .Values.list }}{{ .name }}:{{ .port }} {{ end }}"],
  ["range assign form", "{{ $i := 0 }}{{ $e := \"\" }}{{ range $i, $e = .Values.l }}{{ end }}{{ $i }}{{ $e }}"],
  ["if else if else", "{{ if .Values.missing }}A{{ else if .Values.a.z }}B{{ else if .Values.a.s }}C{{ else }}D{{ end }}"],
  ["truthiness", "{{ range $k, $v := .Values.a }}{{ $k }}:{{ if $v }}T{{ else }}F{{ end }} {{ end }}{{ if 0.0 }}T{{ else }}F{{ end }}{{ if \"0\" }}T{{ end }}"],
  ["with else with", "{{ with .Values.nope }}no{{ else with .Values.m }}K{{ .a }}{{ end }}{{ with .Values.a.s }}{{ . }}{{ else }}E{{ end }}"],
  ["with rebinds dot", "{{ with .Values.nest.a }}{{ .b }}{{ end }}"],
  ["and or return operands", "{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ and 1 2 }} [{{ or 0 \"\" }}] {{ and .Values.a.t .Values.a.s }}"],
  ["and or short circuit", "{{ and .Values.a.f (index .Values.l 99) }} {{ or .Values.a.t (index .Values.l 99) }} {{ or 1 .Values.missing.x }}"],
  ["not", "{{ not 0 }} {{ not 1 }} {{ not .Values.missing }} {{ not .Values.l }} {{ not \"\" }} {{ not .Values.a.m }}"],
  ["eq ne", "{{ eq 1 1 }} {{ eq \"a\" \"b\" }} {{ eq 1 2 3 1 }} {{ ne 1 2 }} {{ eq \"a\" nil }} {{ eq .Values.missing nil }} {{ eq .Values.num 3.0 }} {{ eq .Values.a.t true }}"],
  ["lt le gt ge", "{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }} {{ lt \"Z\" \"a\" }} {{ lt \"é\" \"z\" }} {{ gt .Values.num 2.0 }}"],
  ["pipelines pass last argument", "{{ \"b\" | printf \"%s-%s\" \"a\" }} {{ .Values.a.s | len }} {{ 3 | printf \"%d\" }} {{ . | printf \"%T\" }}"],
  ["print spacing", "{{ print 1 2 \"a\" \"b\" 3 }}|{{ print \"a\" 1 2 \"b\" }}|{{ print nil }}|{{ print .Values.missing }}|{{ print }}|{{ print 1.5 true }}"],
  ["println", "{{ println \"x\" 1 2 }}|{{ println }}"],
  ["printf verbs", "{{ printf \"%v|%d|%s|%q|%05.2f|%x|%T|%T|%T\" .Values.m 5 \"s\" \"q\" 3.14159 255 .Values.a.z .Values.l .Values.m }}"],
  ["printf ints", "{{ printf \"%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%#o|%O|%b|%c|%q|%U|%#U|%08b|%.3d\" 42 42 42 -42 42 255 255 255 8 8 8 5 65 65 9731 9731 5 7 }}"],
  ["printf floats", "{{ printf \"%f|%.2f|%e|%E|%g|%G|%.3g|%8.3f|%-8.2f|%+.1f|%g|%g|%.0f|%5.1e\" 3.14159 2.675 123456.789 0.000123 1e21 1e-7 1234.5678 3.14159 1.5 2.25 100000.0 1000000.0 2.5 12345.678 }}"],
  ["printf strings", "{{ printf \"%s|%10s|%-10s|%.2s|%q|%x|%X|% x|%#q|%5.1s|%q\" \"hi\" \"hi\" \"hi\" \"héllo\" \"a\\\"b\\n\" \"hi\" \"hi\" \"hi\" \"raw\" \"abc\" \"é\\t😀\\x01\" }}"],
  ["printf %#q backquotes what strconv.CanBackquote allows", "{{ printf \"%#q|%#q|%#q|%#q|%#q|%#q\" \"\\u0085x\" \"\\ufeffx\" \"\\ufffd\" \"a\\tb\" \"a\\x7f\" \"a`b\" }}"],
  ["complex literals", "{{ 1i }} {{ 1+2i }} {{ -2.5i }} {{ 0i }} {{ 1-0i }} {{ 1.5e3i }} {{ 1_0i }} {{ 010i }} {{ 0x1p4i }} {{ print 1e300i 2i }} {{ 0x1p-2+1e1i }}"],
  ["complex in printf, eq and truth", "{{ printf \"%v|%T|%.2f|%e|%d|%s|%+v|%8.1f\" 2i 1i 1i 1i 3i 1i 1+2i 1i }} {{ eq 1i 1i }} {{ eq 1i 2i }} {{ ne 1+1i 1+1i }} {{ if 0i }}T{{ else }}F{{ end }}{{ if 1i }}T{{ end }} {{ and 0i 1 }}"],
  ["%p of non-pointers", "{{ printf \"%p|%p|%p|%10p|%-8p|%#p|%p\" \"abc\" 1.5 nil \"s\" 3 true 1i }}"],
  ["printf bad verbs and args", "{{ printf \"%d %s %t\" 1.5 0 \"x\" }}|{{ printf \"%s\" }}|{{ printf \"%d\" 1 2 \"x\" }}|{{ printf \"%!\" }}|{{ printf \"100%%\" }}|{{ printf \"%\" }}|{{ printf \"%z\" 1 }}|{{ printf \"%s\" nil }}|{{ printf \"%d\" nil }}"],
  ["printf composite verbs", "{{ printf \"%d|%s|%v|%q|%x\" .Values.l .Values.l .Values.mixed .Values.l .Values.l }}|{{ printf \"%v %+v\" .Values.nest .Values.nest }}|{{ printf \"%05d\" .Values.l }}"],
  ["printf plus and sharp v", "{{ printf \"%+v|%#v|%#v|%#v|%#v|%+d|%#v\" .Values.m .Values.mixed .Values.a.s .Values.f nil 5 (index \"a\" 0) }}"],
  ["printf argument indexes", "{{ printf \"%[2]d %[1]d|%[3]*.[2]*[1]f|%[5]d|%d %d %[1]d %d|%[0]d|%[x]d|%[2]d|%[1]d %s\" 1 2 3 }}"],
  ["printf bad width and precision", "{{ printf \"%*d|%.*d|%-*d|%*d\" \"x\" 1 \"y\" 2 -4 3 1.5 4 }}"],
  ["printf values from file", "{{ printf \"%v %d %s %v\" .Values.num .Values.num .Values.num .Values.missing }}"],
  ["printf width star", "{{ printf \"%*d|%-*d|%.*f\" 5 1 4 2 2 3.14159 }}"],
  ["len index", "{{ len \"héllo\" }} {{ len .Values.l }} {{ len .Values.m }} {{ index .Values.l 1 }} {{ index .Values.m \"a\" }} {{ index .Values \"nest\" \"a\" \"b\" }} {{ index .Values.m \"zz\" }} {{ index \"abc\" 1 }}"],
  ["index list of lists", "{{ index .Values.mixed 5 1 }} {{ index .Values.mixed 4 \"k\" }}"],
  ["html js urlquery", "{{ html .Values.html }}|{{ js .Values.html }}|{{ urlquery .Values.html }}|{{ html 1 \"a\" 2 }}|{{ js \"\\n\\t\\u2028x=é\" }}|{{ urlquery \"a b/é?\" }}|{{ html .Values.missing }}|{{ urlquery }}"],
  ["unicode text", "{{ .Values.uni }} {{ len .Values.uni }} {{ printf \"%q\" .Values.uni }} {{ printf \"%x\" \"😀\" }}"],
  ["whitespace trim", "w1:{{- \" a \" -}}:{{ \"b\" -}}\n  :{{- \"c\" }}\n  {{- /* comment */ -}}\n  end"],
  ["trim needs a space", "{{-3}} {{ 3 -}} x {{- 4}}"],
  ["comments", "a{{/* c */}}b{{- /* d */ -}} c{{/* multi\nline */}}d"],
  ["define template block", "{{ define \"d1\" }}D{{ . }}{{ end }}{{ template \"d1\" }}|{{ template \"d1\" .Values.a.s }}|{{ block \"b1\" . }}default-block{{ end }}"],
  ["template with nil data", "{{ define \"d2\" }}[{{ . }}][{{ $ }}]{{ end }}{{ template \"d2\" }}"],
  ["template gets no variables", "{{ define \"d3\" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template \"d3\" .Values.a.s }}"],
  ["recursive template", "{{ define \"rec\" }}{{ if gt . 0.0 }}{{ . }}{{ template \"rec\" (index $.x 0) }}{{ end }}{{ end }}{{ range .Values.l }}{{ end }}done"],
  ["block override later wins", "{{ block \"b2\" . }}first{{ end }}"],
  ["missing keys in args are nil", "{{ printf \"%v\" .Values.missing }} {{ printf \"%T\" .Values.missing }} {{ print .Values.a.missing }}"],
  ["nil literal in args", "{{ printf \"%v\" nil }} {{ eq nil nil }} {{ not nil }}"],
  ["decl prints nothing", "a{{ $x := 5 }}b{{ $x }}"],
  ["char constants", "{{ 'a' }} {{ '\\n' }} {{ printf \"%c\" 'é' }} {{ '\\x41' }} {{ '\\u00e9' }}"],
  ["a char constant's byte escape is one rune", "{{ '\\xc3' }} {{ '\\303' }} {{ '\\xff' }} {{ '\\377' }} {{ '\\'' }}"],
  ["string escapes", "{{ \"tab\\there\" }} {{ \"\\u00e9\\U0001F600\" }} {{ \"\\x41\\101\" }} {{ \"q\\\"\" }}"],
  ["comparison of int kinds", "{{ eq (len .Values.l) 3 }} {{ lt (len .Values.l) 5 }} {{ eq (index \"a\" 0) 97 }}"],
  ["chained field on map of maps", "{{ .Values.nest.a.b }}{{ (.Values.nest.a).b }}"],
  ["else with chain", "{{ with .Values.missing }}1{{ else with .Values.a.missing }}2{{ else with .Values.a.s }}3{{ else }}4{{ end }}"],
  ["trailing pipe accepted", "{{ 1 | }}"],
  ["declarations in conditions", "{{ if $x := .Values.a.s }}{{ $x }}{{ end }}{{ with $y := .Values.nest.a }}{{ $y.b }}{{ . | printf \"%v\" }}{{ end }}"],
  ["else keeps outer dot", "{{ with .Values.missing }}{{ else }}{{ .Values.a.s }}{{ end }}"],
  ["range map with key variable", "{{ range $k, $v := .Values.nest }}{{ $k }}:{{ $v.b }}{{ end }}"],
  ["field of range element", "{{ range .Values.list }}{{ if eq .name \"b\" }}{{ .port }}{{ end }}{{ end }}"],
  ["nested templates share nothing", "{{ define \"n1\" }}{{ template \"n2\" .a }}{{ end }}{{ define \"n2\" }}[{{ .b }}]{{ end }}{{ template \"n1\" .Values }}"],
  ["printf dot string", "{{ .Values.a.s | printf \"%s\" }} {{ .Values.l | printf \"%v\" }}"],
  ["crlf text and trim", "a\r\n{{- 1 -}}\r\nb"],
  ["and or with pipeline final", "{{ 0 | and 1 }} {{ 0 | or 1 }} {{ \"x\" | or 0 }}"],
  ["range over index result", "{{ range (index .Values.mixed 5) }}{{ . }}{{ end }}"],
];

/** [name, template]: both must fail with the same message. */
const ERROR_CASES: [string, string][] = [
  ["nil pointer", "a: {{ .Values.a.x.y }}"],
  ["nil pointer deep", "a: {{ .Values.nope.x.y.z }}"],
  ["field on scalar", "a: {{ .Values.a.b.c.d }}"],
  ["field on string in range", "{{ range .Values.l }}{{ .x }}{{ end }}"],
  ["eq int float", "{{ eq .Values.num 3 }}"],
  ["eq int string", "{{ eq 1 \"a\" }}"],
  ["lt mixed", "{{ lt 1 2.5 }}"],
  ["lt bool", "{{ lt true false }}"],
  ["lt nil", "{{ lt .Values.missing 1 }}"],
  ["index out of range", "{{ index .Values.l 5 }}"],
  ["index at len", "{{ index .Values.l 3 }}"],
  ["index bad key type", "{{ index .Values.m 1 }}"],
  ["index nil", "{{ index .Values.missing \"a\" }}"],
  ["index scalar", "{{ index .Values.num 0 }}"],
  ["index list with string", "{{ index .Values.l \"a\" }}"],
  ["range string", "{{ range \"abc\" }}{{ . }}{{ end }}"],
  ["range float", "{{ range .Values.num }}{{ . }}{{ end }}"],
  ["range int two vars", "{{ range $i, $e := 3 }}{{ end }}"],
  ["wrong arg count", "{{ not 1 2 }}"],
  ["wrong arg count variadic", "{{ eq }}"],
  ["literal to string param", "{{ printf 1 }}"],
  ["value to string param", "{{ printf .Values.num }}"],
  ["missing value to string param", "{{ printf .Values.missing }}"],
  ["pipeline nil to string param", "{{ .Values.missing | printf }}"],
  ["len nil", "{{ len .Values.missing }}"],
  ["len of a piped nil", "{{ .Values.missing | len }}"],
  ["len of a nil in parentheses", "{{ len (.Values.missing) }}"],
  ["len of a nil variable", "{{ $x := .Values.missing }}{{ len $x }}"],
  ["len of a nil index", "{{ len (index .Values \"missing\") }}"],
  ["len of nil", "{{ len nil }}"],
  ["len of a nil list element in range", "{{ range .Values.mixed }}{{ if not . }}{{ len . }}{{ end }}{{ end }}"],
  ["len of a nil list element in a range variable", "{{ range $i, $v := .Values.mixed }}{{ if eq $i 3 }}{{ len $v }}{{ end }}{{ end }}"],
  ["len of a nil field of a range element", "{{ range $k, $v := .Values.a }}{{ len $.Values.missing }}{{ end }}"],
  ["len int", "{{ len 3 }}"],
  ["template not defined", "{{ template \"nope\" . }}"],
  ["non-function with args", "{{ .Values.a.s 1 }}"],
  ["dot with args", "{{ . 1 }}"],
  ["nil command", "{{ nil }}"],
  ["undefined func at exec via variable call", "{{ $x := 1 }}{{ $x 2 }}"],
  ["call non-function", "{{ call .Values.a.s }}"],
  ["call piped number", "{{ .Values.num | call }}"],
  ["call piped map", "{{ .Values.m | call }}"],
  ["call piped string", "{{ \"s\" | call }}"],
  ["call piped int", "{{ 3 | call 1 }}"],
  ["call piped list", "{{ .Values.l | call }}"],
  ["complex lt", "{{ lt 1i 2i }}"],
  ["complex eq int", "{{ eq 1i 1 }}"],
  ["complex len", "{{ len 1i }}"],
  ["complex as index", "{{ index .Values.l 1i }}"],
  ["call nil", "{{ call .Values.missing }}"],
  ["int overflow", "{{ 18446744073709551615 }}"],
  ["error deep in define", "{{ define \"inner\" }}\n  x {{ .a.b.c }}{{ end }}{{ template \"inner\" .Values }}"],
  ["template with nil pipeline", "{{ define \"d2\" }}{{ end }}{{ template \"d2\" nil }}"],
  ["assign undeclared", "{{ $x = 1 }}"],
  ["error after output lines", "line1\nline2 {{ \"é\" }} {{ .Values.a.b.c }}"],
];

/** [name, template]: both must fail to parse with the same message. */
const PARSE_ERROR_CASES: [string, string][] = [
  ["undefined function", "{{ nofunc }}"],
  ["hex imaginary literal", "{{ 0x10i }}"],
  ["complex literal with a bad part", "{{ 1+0x1i }}"],
  ["unclosed action", "{{ .x "],
  ["unclosed action over lines", "{{ .x \n\n"],
  ["missing value for if", "{{ if }}{{ end }}"],
  ["unexpected end", "{{ end }}"],
  ["unclosed if", "{{ if .x }}"],
  ["undefined variable", "{{ $x }}"],
  ["unterminated string", "{{ \"abc }}"],
  ["unterminated raw string", "{{ `abc }}"],
  ["dash in field name", "{{ .Values.key-with-dash }}"],
  ["break outside range", "{{ break }}"],
  ["continue outside range", "{{ if 1 }}{{ continue }}{{ end }}"],
  ["non executable pipeline stage", "{{ 1 | 2 }}"],
  ["multiple definition", "{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}"],
  ["integer overflow", "{{ 99999999999999999999 }}"],
  ["bad number", "{{ 1.2.3 }}"],
  ["bad number letters", "{{ 12abc }}"],
  ["comment not alone", "{{/* x */ .a }}"],
  ["unclosed comment", "{{/* x "],
  ["else after else", "{{ if 1 }}{{ else }}{{ else }}{{ end }}"],
  ["else in define", "{{ define \"d\" }}{{ else }}{{ end }}"],
  ["unexpected paren", "{{ ) }}"],
  ["unclosed paren", "{{ (1 }}"],
  ["dot after literal", "{{ \"a\".b }}"],
  ["bad char in action", "{{ .a # }}"],
  ["too many declarations", "{{ $a, $b := 1 }}"],
  ["range three variables", "{{ range $a, $b, $c := . }}{{ end }}"],
  ["variable out of scope", "{{ if 1 }}{{ $x := 1 }}{{ end }}{{ $x }}"],
  ["missing template name", "{{ template . }}"],
  ["bad char constant", "{{ 'ab' }}"],
  ["a char constant of two byte escapes (strconv.UnquoteChar reads one)", "{{ '\\xc3\\xa9' }}"],
  ["a char constant of two octal byte escapes", "{{ '\\303\\251' }}"],
  ["a char constant of a byte escape and a letter", "{{ '\\x41b' }}"],
  ["a double quote escaped in a char constant", "{{ '\\\"' }}"],
  ["an empty char constant", "{{ '' }}"],
  ["invalid escape", "{{ \"\\q\" }}"],
  ["error on line 3", "a\nb\n{{ nofunc }}"],
  ["unexpected token in operand", "{{ .a:b }}"],
];

const PATH = (name: string) => `${CHART}/templates/${name}`;

/** Helm's wording of a template error (spec §4.10): a trace for template-only chains, else Go's raw text. */
function helmMessage(e: unknown): string {
  // Helm keeps only the text after the last ": " of a parse error.
  if (e instanceof TemplateParseError) return `Error: parse error at (${e.templateName}:${e.line}): ${e.goMessage.split(": ").pop()}`;
  if (!(e instanceof TemplateExecError)) throw e;
  if (e.cause instanceof FuncError || e.file === null) return `Error: ${e.goMessage}`;
  return `Error: ${e.file}:${e.line}:${e.col}\n  executing ${JSON.stringify(e.templateName)} at <${e.node}>:\n    ${e.detail}`;
}

function engine(): TemplateSet {
  return new TemplateSet(new Map());
}

// Helm's top-level data is a named map type.
const data = withGoType(new Map([["Values", toValue(VALUES)]]), "common.Values");
const valuesYaml = JSON.stringify(VALUES);

describe("template: outputs match helm template", () => {
  const helmOut = new Map<string, string>();
  beforeAll(() => {
    const files: Record<string, string> = { "values.yaml": valuesYaml };
    OK_CASES.forEach(([, tpl], i) => {
      files[`templates/_c${i}.tpl`] = tpl;
      files[`templates/c${i}.yaml`] = `out: {{ include "${PATH(`_c${i}.tpl`)}" . | toJson }}\n`;
    });
    const r = helmTemplate(files);
    expect(r.stderr).toBe("");
    for (const doc of r.stdout.split("---\n")) {
      const m = /^# Source: \S+\/c(\d+)\.yaml\nout: (.*)$/m.exec(doc);
      if (m) helmOut.set(m[1]!, JSON.parse(m[2]!) as string);
    }
  });

  it.each(OK_CASES.map(([name, tpl], i) => ({ name, tpl, i })))("$name", ({ tpl, i }) => {
    const set = engine();
    const name = PATH(`_c${i}.tpl`);
    set.parse(name, tpl);
    expect(set.execute(name, data)).toBe(helmOut.get(String(i)));
  });
});

describe("template: exec errors match helm template", () => {
  it.each(ERROR_CASES)("%s", (_name, tpl) => {
    const r = helmTemplate({ "values.yaml": valuesYaml, "templates/t.yaml": tpl });
    expect(r.code).toBe(1);
    const set = engine();
    let mine = "";
    try {
      set.parse(PATH("t.yaml"), tpl);
      set.execute(PATH("t.yaml"), data);
    } catch (e) {
      mine = helmMessage(e);
    }
    expect(mine).toBe(r.stderr.split("\n\n")[0]);
  });
});

describe("template: parse errors match helm template", () => {
  it.each(PARSE_ERROR_CASES)("%s", (_name, tpl) => {
    const r = helmTemplate({ "values.yaml": valuesYaml, "templates/t.yaml": tpl });
    expect(r.code).toBe(1);
    let mine = "";
    try {
      engine().parse(PATH("t.yaml"), tpl);
    } catch (e) {
      mine = helmMessage(e);
    }
    expect(mine).toBe(r.stderr.split("\n\n")[0]);
  });
});

describe("template: %p of a map, slice or pointer", () => {
  it("prints an address of Go's form (Go's own changes from run to run)", () => {
    const tpl = 'a: {{ printf "%p|%#p|%p" .Values.m .Values.l .Values.a.l | printf "%q" }}';
    const r = helmTemplate({ "values.yaml": valuesYaml, "templates/t.yaml": tpl });
    const shape = /^a: "0x[0-9a-f]+\|[0-9a-f]+\|0x[0-9a-f]+"$/;
    expect(r.stdout.split("\n").find((l) => l.startsWith("a: "))).toMatch(shape);
    const set = engine();
    set.parse(PATH("t.yaml"), tpl);
    expect(set.execute(PATH("t.yaml"), data)).toMatch(shape);
  });
});

describe("template: Helm's limit of nested includes, not the JS stack's", () => {
  // Each level under an if and inside printf's argument: the deepest the chart's helpers nest calls.
  const tpl = '{{- define "r" }}{{ if gt (len .) 0 }}{{ printf "%s" (include "r" (slice . 1)) }}{{ end }}{{- end }}\nx: {{ include "r" .Values.l | len }}\n';

  it.each([1000, 1001])("a list of %i: 1 + that many nested includes", (n) => {
    const values = { l: Array.from({ length: n }, (_, i) => i) };
    const r = helmTemplate({ "values.yaml": JSON.stringify(values), "templates/t.yaml": tpl });
    const set = new TemplateSet(new Map([["include", helmInclude()]]));
    set.parse(PATH("t.yaml"), tpl);
    let mine: string;
    try {
      mine = set.execute(PATH("t.yaml"), withGoType(new Map([["Values", toValue(values)]]), "common.Values"));
    } catch (e) {
      mine = `Error: ${(e as TemplateExecError).goMessage}`;
    }
    if (n === 1000) expect(mine.trim()).toBe(r.stdout.split("\n").find((l) => l.startsWith("x:")));
    else expect(mine).toBe(r.stderr.split("\n\n")[0]);
  });
});
