/**
 * What goyaml reads where the `yaml` package, which read values before, could not: documents nested
 * between ~1,000 and 9,999 levels, empty keys and collections as keys, NEL/LS/PS as line breaks.
 * Each row renders a one-off chart with the real Helm v4.1.4 and the engine and compares the answers.
 */
import { describe, expect, it } from "vitest";
import { both, bothWithValuesFile } from "../helm-both.test-util";

const UNUSED = { "templates/x.yaml": "k: v\n" };
const flowSeq = (n: number): string => `a: ${"[".repeat(n)}1${"]".repeat(n)}\n`;
const blockSeq = (n: number): string => `a:\n${"- ".repeat(n)}x\n`;
const flowMap = (n: number): string => `a: ${"{a: ".repeat(n)}1${"}".repeat(n)}\n`;
const blockMap = (n: number): string => Array.from({ length: n }, (_, i) => `${" ".repeat(i)}a:\n`).join("") + `${" ".repeat(n)}x: 1\n`;

describe("values nested below goyaml's limits render as in Helm", () => {
  it.each([
    ["flow sequences, 9999 levels", flowSeq(9999)],
    ["block sequences, 9999 levels", blockSeq(9999)],
    ["flow mappings, 9999 levels", flowMap(9999)],
    ["block mappings, 2000 levels", blockMap(2000)],
  ])("-f values: %s", (_name, text) => {
    const [ours, helm] = bothWithValuesFile(text, UNUSED);
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
  it("the chart's values.yaml: flow sequences, 9999 levels, and a template reading its top", () => {
    const [ours, helm] = both({ "values.yaml": flowSeq(9999), "templates/x.yaml": "k: {{ len .Values.a }}\n" });
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
  it("the chart's values.yaml: flow mappings, 9999 levels, checked by a schema", () => {
    const schema = '{"properties": {"a": {"type": "object", "properties": {"a": {"type": "object"}}}}}';
    const [ours, helm] = both({ "values.yaml": flowMap(9999), "values.schema.json": schema, "templates/x.yaml": "k: {{ len .Values.a }}\n" });
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
  it("the chart's values.yaml and -f values, both flow mappings 9999 levels on the same keys (coalesced all the way down)", () => {
    const text = flowMap(9999);
    const [ours, helm] = both({ "values.yaml": text, "bad.yaml": text.replace("1}", "2}"), "templates/x.yaml": "k: v\n" }, ["-f", "bad.yaml"], {
      values: [text.replace("1}", "2}")],
      valuesFiles: ["bad.yaml"],
    });
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
  it("fromYaml: flow and block sequences, 9999 levels", () => {
    const tpl = [
      'a: {{ fromYaml (printf "a: %s1%s" (repeat 9999 "[") (repeat 9999 "]")) | len }}',
      'b: {{ fromYaml (printf "a:\\n%sx" (repeat 9999 "- ")) | len }}',
      'c: {{ fromYamlArray (printf "%s1%s" (repeat 9999 "[") (repeat 9999 "]")) | len }}',
      "",
    ].join("\n");
    const [ours, helm] = both({ "templates/x.yaml": tpl });
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
});

/** Texts goyaml reads otherwise than YAML 1.2 parsers do. */
const TEXTS = [
  ": v\n",
  "{: v}\n",
  "? \n: v\n",
  '"": v\n',
  "[a, b]: c\n",
  "{a: 1}: c\n",
  "? - a\n: c\n",
  "? {a: 1}\n: c\n",
  "a: x\u2028y\n",
  "a: x\u2029y\n",
  "a: x\u0085y\n",
  "a: 'x\u2028y'\n",
  'a: "x\u0085  y"\n',
  "a: |\n  x\u2028  y\n",
  "a\u2028b: 1\n",
  "a: 1\u2028b: 2\n",
  "a: 1\u0085b: 2\n",
  "a: 1\u2029\u2029b: 2\n",
  "a: [1,\u2028 2]\n",
];

describe("texts goyaml reads otherwise than the yaml package", () => {
  it.each(TEXTS)("-f values: %j", (text) => {
    const [ours, helm] = bothWithValuesFile(text, { "templates/x.yaml": "k: {{ .Values | toJson | quote }}\n" });
    expect(ours).toEqual(helm);
  });
  it.each(TEXTS)("fromYaml: %j", (text) => {
    const [ours, helm] = both({ "templates/x.yaml": `k: {{ fromYaml ${JSON.stringify(text)} | toJson | quote }}\n` });
    expect(ours).toEqual(helm);
  });
  it.each(TEXTS)("a rendered document: %j", (text) => {
    const [ours, helm] = both({ "templates/x.yaml": text });
    expect(ours).toEqual(helm);
  });
});
