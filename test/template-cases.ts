/**
 * fast-check arbitraries of Helm charts with generated templates: random compositions of text, actions,
 * pipelines, Sprig calls, variables, if/with/range, define/include/template/tpl, trim markers, and bad
 * syntax. Loops are bounded (`until` ≤ 4) so every case is small; the engine's limits are tested apart.
 * Test-only.
 */
import fc from "fast-check";

/** The generated chart: its files as text. */
export type TemplateChart = Record<string, string>;

export const GEN_VALUES = `str: hello
empty: ""
num: 3
float: 1.5
big: 1000000
neg: -2
yes: true
no: false
nil: null
list: [b, a, c]
nums: [3, 1, 2]
map: {k: v, a: 1, z: [1, 2]}
nested: {a: {b: {c: deep}}}
tpl: "{{ .Values.str | upper }}"
unicode: "日本 ü 🚀"
`;

const operand = fc.constantFrom(
  ".Values.str", ".Values.empty", ".Values.num", ".Values.float", ".Values.big", ".Values.neg", ".Values.yes", ".Values.no",
  ".Values.nil", ".Values.missing", ".Values.list", ".Values.nums", ".Values.map", ".Values.map.k", ".Values.nested.a.b",
  ".Values.missing.deeper", ".Values.unicode", ".Release.Name", ".Release.Namespace", ".Chart.Name", ".Chart.Version",
  ".Capabilities.KubeVersion.Version", ".Template.Name", ".", "$", '"text"', '""', '"a,b,c"', "0", "1", "-7", "2.5", "1e6",
  "0x10", "'c'", "true", "false", "nil", "(list 1 2 3)", '(dict "x" 1 "y" "two")', "(list)", "(dict)",
);

/** Functions applied as the last command of a pipeline (`x | f`), with their leading arguments. */
const piped = fc.constantFrom(
  "upper", "lower", "title", "quote", "squote", "toString", "toYaml", "toJson", "toPrettyJson", "fromYaml", "fromJson",
  'default "dflt"', "empty", "len", "int", "int64", "float64", "atoi", "trunc 3", "abbrev 5", "b64enc", "b64dec", "sha256sum",
  "trim", 'trimSuffix "o"', 'replace "l" "L"', 'printf "%v|%T"', 'printf "%d"', 'printf "%s"', "print", "println", 'join ","',
  "keys", "sortAlpha", "first", "last", "rest", "initial", "uniq", "reverse", "compact", "indent 2", "nindent 2", "kindOf",
  "typeOf", "not", "toStrings", 'splitList ","', "add 1", "sub 1", "mul 2", "div 2", "mod 2", "max 1", "min 1", 'regexMatch "^h"',
  'regexReplaceAll "[aeiou]" "_"', "semver", 'semverCompare ">=1.0.0"', "ternary 1 2", "nospace", "snakecase", "camelcase",
  "deepCopy", 'pluck "k"', 'hasKey "k"', 'get "k"', 'index 0', "html", "js", "urlquery", "toToml", "fromJsonArray", "required \"it is required\"",
  "tpl", 'include "gen.helper"', "until", "seq", "list", "dict", "add", "eq 3", 'ne "x"', "lt 2", "ge 1.5", "and 1", "or 0",
);

/** Functions called in prefix form with generated arguments. */
const prefix = fc.constantFrom(
  "list", "print", "printf \"%v-%v\"", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "default", "coalesce", "ternary",
  "add", "sub", "mul", "div", "mod", "max", "min", "concat", "merge", "mergeOverwrite", "dict", "set", "unset", "hasKey", "index",
  "slice", "append", "prepend", "has", "without", "cat", "len", "include", "tpl", "required", "fail", "toYaml", "toJson", "repeat 2",
  "until", "untilStep 0", "seq", "empty", "typeIs \"string\"", "kindIs \"map\"", "semverCompare", "regexFind", "urlJoin", "nofunc",
);

const pipeline = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(operand, fc.array(piped, { maxLength: 3 })).map(([o, fs]) => [o, ...fs].join(" | ")) },
    { weight: 2, arbitrary: fc.tuple(prefix, fc.array(operand, { maxLength: 3 }), fc.array(piped, { maxLength: 2 })).map(([f, args, fs]) => [`${f} ${args.join(" ")}`, ...fs].join(" | ")) },
    { weight: 1, arbitrary: fc.tuple(operand, piped).map(([o, f]) => `(${o} | ${f})`) },
  );

const open = fc.constantFrom("{{", "{{ ", "{{- ");
const close = fc.constantFrom("}}", " }}", " -}}");
const text = fc.constantFrom("", "a: ", "x", "\n", "  ", "- ", "key: value\n", "# c\n", "{", "}", "日本", "\t", "<no value>", "%");

const action = fc.tuple(open, pipeline(), close).map(([o, p, c]) => `${o}${p}${c}`);
const decl = fc.tuple(fc.constantFrom("$x", "$y", "$_"), fc.constantFrom(":=", "="), pipeline()).map(([v, op, p]) => `{{- ${v} ${op} ${p} }}`);

/** Broken syntax, one fragment at a time. */
const bad = fc.constantFrom(
  "{{", "}}", "{{ end }}", "{{ else }}", "{{ if }}", "{{ .Values. }}", "{{ (list 1 }}", "{{ list 1) }}", '{{ "unterminated }}',
  "{{ $undefined }}", "{{ nofunc 1 }}", "{{/* open comment", "{{ range $i, $v, $w := .Values.list }}{{ end }}", "{{ 1 2 }}",
  "{{ .Values.str.x.y }}", "{{ template }}", '{{ define "x" }}', "{{ break }}", "{{ continue }}", "{{ with }}", "{{ | upper }}",
  "{{ .Values.list | index 9 }}", "{{ 3 | printf }}", "{{ len 3 }}", "{{ index .Values.map 1 }}", "{{ fail \"boom\" }}",
);

const body: fc.Memo<string> = fc.memo((n) => {
  if (n <= 1) return fc.oneof(text, action, decl);
  const inner = body(n - 1);
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.oneof(text, action, decl, inner), { maxLength: 4 }).map((xs) => xs.join("")) },
    { weight: 1, arbitrary: fc.tuple(pipeline(), inner, fc.option(inner, { nil: undefined })).map(([c, t, e]) => `{{- if ${c} }}${t}${e === undefined ? "" : `{{ else }}${e}`}{{ end }}`) },
    { weight: 1, arbitrary: fc.tuple(pipeline(), inner).map(([c, t]) => `{{ with ${c} }}${t}{{ end }}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(".Values.list", ".Values.map", ".Values.nums", "until 4", ".Values.nil", "4", ".Values.str", "(dict)"), fc.constantFrom("", "$v := ", "$i, $v := "), inner, fc.option(inner, { nil: undefined }))
        .map(([over, vars, t, e]) => `{{ range ${vars}${over} }}${t}{{ if eq 1 2 }}{{ break }}{{ end }}${e === undefined ? "" : `{{ else }}${e}`}{{ end }}`),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('include "gen.helper" .', 'include "gen.helper" .Values', 'template "gen.helper" .', 'tpl .Values.tpl .', 'tpl "{{ .Values.num }}" .'), close).map(([c, cl]) => `{{ ${c}${cl}`) },
    { weight: 1, arbitrary: bad },
  );
});

export interface GeneratedTemplate {
  /** The template under test (templates/gen.yaml's body, or the whole file when `raw`). */
  body: string;
  helper: string;
  /** When true the body is the whole document (its YAML head may be invalid); otherwise it is wrapped in a JSON string. */
  raw: boolean;
}

export const generatedTemplate: fc.Arbitrary<GeneratedTemplate> = fc.record({
  body: body(4),
  helper: body(2),
  raw: fc.boolean(),
});

/** The chart for one generated template: the body is rendered through `include` and `toJson`, so most outputs are valid YAML. */
export function templateChart(t: GeneratedTemplate): TemplateChart {
  return {
    "Chart.yaml": "apiVersion: v2\nname: gen\nversion: 1.2.3\nappVersion: \"4.5\"\n",
    "values.yaml": GEN_VALUES,
    "templates/_helpers.tpl": `{{- define "gen.helper" -}}${t.helper}{{- end -}}\n{{- define "gen.body" -}}${t.body}{{- end -}}\n`,
    "templates/gen.yaml": t.raw ? t.body : 'out: {{ include "gen.body" . | toJson }}\n',
  };
}
