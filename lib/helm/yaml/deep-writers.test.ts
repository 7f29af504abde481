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
  ])("%s", (_name, files) => {
    const [ours, helm] = both(files);
    expect(ours).toEqual(helm);
  });
});
