/**
 * Values nested up to Helm's limits through every writer: toYaml, toYamlPretty, toJson and its
 * family, printf "%v" and deepCopy. Each row renders a one-off chart with the real Helm v4.1.4 and
 * the engine and compares the answers byte for byte. Deep values come from the values file (goyaml
 * reads 9,999 levels) or are built by a template (`list` or `dict` around the last one, any depth).
 */
import { describe, expect, it } from "vitest";
import { both } from "../helm-both.test-util";

const flowSeq = (n: number): string => `a: ${"[".repeat(n)}1${"]".repeat(n)}\n`;
const flowMap = (n: number): string => `a: ${"{a: ".repeat(n)}1${"}".repeat(n)}\n`;
/** A template line binding $x to `n` collections nested around `inner`, built by `wrap` (`list $x`, `dict "a" $x`). */
const nest = (n: number, inner: string, wrap: string): string => `{{- $x := ${inner} }}{{- range until ${n} }}{{ $x = ${wrap} }}{{ end }}\n`;

/** A row's test: the engine answers as Helm does, byte for byte. */
function matchesHelm(_name: string, files: Record<string, string>): void {
  const [ours, helm] = both(files);
  expect(ours).toEqual(helm);
}

const rows = (name: string, values: string, tpl: string): [string, Record<string, string>] => [name, { "values.yaml": values, "templates/x.yaml": tpl }];

describe("toYaml and toYamlPretty of deep values render as in Helm", () => {
  it.each([
    rows("toYaml of values with sequences 9999 deep", flowSeq(9999), "x: {{ toYaml .Values | sha256sum }}\ny: {{ toYaml .Values.a | len }}\n"),
    rows("toYaml of values with mappings 3000 deep", flowMap(3000), "x: {{ toYaml .Values | sha256sum }}\n"),
    rows("toYaml of values with mappings 9999 deep (100 MB of YAML)", flowMap(9999), "x: {{ toYaml .Values | len }} {{ toYaml .Values | trunc -40 | quote }}\n"),
    rows("mustToYaml of 10000 lists around an empty list: goyaml reads 10000 levels back at most", "", `${nest(9999, "list", "list $x")}x: {{ mustToYaml $x | len }}\n`),
    rows("mustToYaml of 10001 lists fails", "", `${nest(10000, "list", "list $x")}x: {{ mustToYaml $x | len }}\n`),
    rows("mustToYaml of 10001 maps fails", "", `${nest(10000, "dict", 'dict "a" $x')}x: {{ mustToYaml $x | len }}\n`),
    rows("toYaml of 10001 lists is empty", "", `${nest(10000, "1", "list $x")}x: {{ toYaml $x | quote }}\n`),
    rows("encoding/json's failure comes first, then goyaml's", "", `${nest(10000, "list", "list $x")}x: {{ mustToYaml (list (printf "%c" 127) $x (float64 "NaN")) }}\n`),
    rows("a string goyaml cannot read back and a NaN after it", "", `x: {{ mustToYaml (list (printf "%c" 127) (float64 "NaN")) }}\n`),
    rows("toYamlPretty of 20001 lists (goyaml v3 has no limit)", "", `${nest(20000, "list", "list $x")}x: {{ toYamlPretty $x | len }} {{ toYamlPretty $x | sha256sum }}\n`),
    rows("toYamlPretty of 10001 maps", "", `${nest(10000, "dict", 'dict "a" $x')}x: {{ toYamlPretty $x | len }}\n`),
  ])("%s", matchesHelm);
});

describe("toJson and its family of deep values render as in Helm", () => {
  it.each([
    rows("toJson of values with sequences 9999 deep", flowSeq(9999), "x: {{ toJson .Values | sha256sum }} {{ toRawJson .Values.a | len }}\n"),
    rows("toJson of values with mappings 9999 deep", flowMap(9999), "x: {{ toJson .Values | sha256sum }}\n"),
    rows("toJson, toRawJson of 20001 lists and maps (encoding/json's Marshal has no limit)", "", `${nest(10000, "list", 'list (dict "a" $x)')}x: {{ toJson $x | len }} {{ toRawJson $x | sha256sum }}\n`),
    rows("toPrettyJson of 10000 lists (json.Indent's scanner reads 10000 levels)", "", `${nest(9999, "list", "list $x")}x: {{ toPrettyJson $x | len }} {{ toPrettyJson $x | trunc -40 | quote }}\n`),
    rows("toPrettyJson of values with sequences 2000 deep", flowSeq(2000), "x: {{ toPrettyJson .Values | sha256sum }}\n"),
    rows("mustToPrettyJson of 10001 levels fails at the first bracket too deep", "", `${nest(9999, "list", "list $x")}x: {{ mustToPrettyJson (dict "a" (list $x)) }}\n`),
    rows("toPrettyJson of 10001 levels is empty", "", `${nest(10000, "dict", 'dict "a" $x')}x: {{ toPrettyJson $x | quote }}\n`),
    rows("fromJson reads 10000 levels", "", `${nest(9999, "list", "list $x")}x: {{ fromJson (toJson $x) | toJson | len }}\n`),
    rows("mustFromJson fails past 10000 levels", "", `${nest(10000, "dict", 'dict "a" $x')}x: {{ mustFromJson (toJson $x) | len }}\n`),
    rows("fromJson of 10001 levels is empty", "", `${nest(10000, "list", "list $x")}x: {{ fromJson (toJson $x) | toJson }}\n`),
  ])("%s", matchesHelm);
});

describe("printf of deep values renders as in Helm", () => {
  it.each([
    rows("%v, %+v, %d, %q, %s of values with mappings 9999 deep", flowMap(9999), 'x: {{ printf "%v" .Values | len }} {{ printf "%v" .Values | sha256sum }} {{ printf "%+v %d %q %s" .Values .Values .Values .Values | sha256sum }}\n'),
    rows("%#v of values with mappings 9999 deep, and of a struct in a list", flowMap(9999), 'x: {{ printf "%#v" .Values | sha256sum }} {{ printf "%#v" (list (dict "a" (list 1 "x" nil)) .Capabilities.KubeVersion) }}\n'),
    rows("print, println and the executor's output of values with mappings 9999 deep", flowMap(9999), "x: {{ print .Values 1 | sha256sum }} {{ println .Values | len }}\ny: {{ .Values.a }}\n"),
    rows("%v and %5d of 20001 lists and maps", "", `${nest(10000, "list", 'list (dict "a" $x)')}x: {{ printf "%v" $x | len }} {{ printf "%5d" $x | sha256sum }}\n`),
  ])("%s", matchesHelm);
});

describe("deepCopy and deepEqual of deep values render as in Helm", () => {
  it.each([
    rows("deepCopy of values with mappings 9999 deep", flowMap(9999), "x: {{ deepCopy .Values | len }} {{ mustDeepCopy .Values.a | toJson | sha256sum }}\n"),
    rows("deepCopy of 20001 lists and maps", "", `${nest(10000, "list", 'list (dict "a" $x)')}x: {{ deepCopy $x | toJson | sha256sum }}\n`),
    rows("deepEqual of values 9999 deep: with its copy, and with itself one level down (differs at the bottom)", flowMap(9999), "x: {{ deepEqual .Values.a (deepCopy .Values.a) }} {{ deepEqual .Values.a .Values.a.a }}\n"),
  ])("%s", matchesHelm);
});
