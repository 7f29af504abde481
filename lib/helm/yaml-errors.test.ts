import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../test/real-helm";
import { both, bothWithValuesFile } from "./helm-both.test-util";
import { loadChart } from "./load-chart";
import { loadDirFiles } from "./node/load-dir";
import { renderChart } from "./render-chart";
import { YamlError } from "./yaml/errors";
import { composeFirstDocument, goyamlSyntaxError } from "./yaml/goyaml-parser";

const BROKEN: string[] = [
  "a: 1\n b: 2\n",
  "a:\n  b: 1\n c: 2\n",
  "x: 1\na:\n  b: 1\n  bb: 2\n c: 2\n",
  "a:\n  - 1\n b: 2\n",
  "kind: Test\nout: a: b: c\n",
  "kind: Test\nmetadata:\n\tname: tab\n",
  "a: [1, 2\nb: 3\n",
  "a: {x: 1\nb: 3\n",
  "a: [1, 2]]\n",
  "a: {x: 1}}\n",
  "a: 'unterminated\nb: 2\n",
  "a: \"unterminated\nb: 2\n",
  "a: \"bad \\q escape\"\n",
  "a: \"\\xZZ\"\n",
  "- a\nb: 1\n",
  "a: 1\n- b\n",
  "a:\n  - x\n  y: 1\n",
  "key: value\n  indented: wrong\n",
  "a: b: c\n",
  "a: @x\n",
  "a: `x\n",
  "a: |\n  x\n\tb\n",
  "a: |0\n  x\n",
  "a: |x\n",
  "a: &\n",
  "a: *\n",
  "a: !<x\n",
  "a: !e!x y\n",
  "%FOO\n---\na: 1\n",
  "%YAML 2.0\n---\na: 1\n",
  "a:\n  b:\n    c: 1\n   d: 2\n",
  "a: [\n",
  "a: {\n",
  "a: [1,\n",
  "? a\n? b\nc\n",
  "a: 1\n? b\n: c\n:\n",
  "spec:\n  containers:\n  - name: x\n    image: y\n   ports: []\n",
  "[a, b]: c\nd\n",
  "a: 'x'y\n",
  "a: \"x\" y\n",
  "a:\n  b: 1\n\n\n\n c: 2\n",
  "metadata:\n  name: x\n  labels:\n    app: y\n  annotations: {a: b\nspec: {}\n",
  "a: >\n folded\n\tno\n",
  "a: b\n\tc: d\n",
  "a:\n\t- b\n",
  "- [a, b\n- c\n",
  "a: 1 # c\nb: [x,\n  y,\n  z\nc: 3\n",
  "a: x\n--- \nb: [\n",
  "a: 'it''s' x\n",
  "\"a\nb\": c\n",
  "a: 1\n  # comment\n b: 2\n",
  "a: \"\\uD800\"\n",
  "a: \"x \\U0000DFFF\"\n",
  "a: b\n\t\nc: d\n",
  "a: 'x' - y\n",
  "a: \"x\" ? y\n",
  "a: [b] - c\n",
  "a: *x\nb: [\n",
  "a: &x 1\nb: *x\nc: *y\nd: [\n",
  "apiVersion: v1\nkind: ConfigMap\ndata:\n  k: v\n  k2: v: w\n",
  "a: 1\n]\n",
  "a:\n  - b\n  ]\n",
  "a:\n  b: [x]]\n  c: 1\n",
  "a: }\n",
  "a: ,\n",
  "- a\n- b\n-c: 1\n  d\n",
  `${"k".repeat(1100)}: v\n`,
  `a: 1\n${"k".repeat(1100)}: v\n`,
  "a: 'x\n---\ny'\n",
  "? |\n  block key\n: v\nb\n",
  "a:\n  - b: 1\n    c: 2\n   d: 3\n",
  "list: [a, b, {c: d, e}, [f\n",
  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          env:\n            - name: X\n              value: 1\n             - name: Y\n",
  "a: b\r\n c: d\r\n",
];

/**
 * Rendered texts near the broken ones that goyaml accepts (a plain scalar's continuation lines, a flow
 * key without value, a tagged empty node, a trailing tab line Helm trims away).
 */
const ACCEPTED = ["items:\n- a\n - b\n", "a: x\n  - y\n", "{a: 1, b}\n", "a: !!str &x\n", "x: y\n\t\n"];

describe("a rendered document goyaml cannot parse: helm v4.1.4's error, byte for byte", () => {
  it.each(BROKEN)("%j", (doc) => {
    const [ours, helm] = both({ "templates/x.yaml": doc });
    expect(helm.stderr).toMatch(/^Error: YAML parse error on c\/templates\/x.yaml: error converting YAML to JSON: yaml: /);
    expect(ours).toEqual(helm);
  });
});

/** Texts whose first document goyaml reads as a multi-line plain scalar, where the yaml package fails. */
const PLAIN_ROOTS = ["# Production values\nwith a comment line that lost its '#'\nglobal:\n  x: 1\n", "just some words\n  and more: words\nk: v\n"];

describe("a document goyaml reads as one plain scalar", () => {
  it.each(PLAIN_ROOTS)("as a values file: %j", (doc) => {
    const [ours, helm] = bothWithValuesFile(doc, { "templates/x.yaml": "a: 1\n" });
    expect(helm.code).toBe(1);
    expect(ours).toEqual(helm);
  });
  it.each(PLAIN_ROOTS)("rendered, and through fromYaml: %j", (doc) => {
    const [ours, helm] = both({ "templates/x.yaml": doc, "templates/y.yaml": `y: {{ fromYaml ${JSON.stringify(doc)} | toJson | quote }}\n` });
    expect(ours).toEqual(helm);
  });
});

describe("texts goyaml accepts render as in helm", () => {
  it.each(ACCEPTED)("%j", (doc) => {
    const [ours, helm] = both({ "templates/x.yaml": doc });
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
});

describe("a values file goyaml cannot parse", () => {
  const rows = BROKEN.filter((doc) => !doc.includes("---"));
  it.each(rows)("-f bad.yaml: %j", (doc) => {
    const [ours, helm] = bothWithValuesFile(doc, { "templates/x.yaml": "a: 1\n" });
    expect(helm.stderr).toMatch(/^Error: failed to parse bad.yaml: /);
    expect(ours).toEqual(helm);
  });
  it("-f bad.yaml: a trailing line of a tab (Helm does not trim values files)", () => {
    const doc = "x: y\n\t\n";
    const [ours, helm] = bothWithValuesFile(doc, { "templates/x.yaml": "a: 1\n" });
    expect(helm.code).toBe(1);
    expect(ours).toEqual(helm);
  });
  it.each(rows.slice(0, 12))("the chart's values.yaml: %j", (doc) => {
    const [ours, helm] = both({ "values.yaml": doc, "templates/x.yaml": "a: 1\n" });
    expect(ours).toEqual(helm);
  });
});

describe("nesting at goyaml's limits (10000 flow levels, 10000 indents) and the JSON step's", () => {
  const flow = (n: number): string => `a: ${"[".repeat(n)}${"]".repeat(n)}\n`;
  const seq = (n: number): string => `a:\n${"- ".repeat(n)}x\n`;
  it.each([
    ["flow 10001", flow(10001)],
    ["block sequences 10001", seq(10001)],
    ["block sequences after a flow line", `b: [1]\n${seq(10001)}`],
  ])("a values file: %s", (_name, text) => {
    const [ours, helm] = bothWithValuesFile(text, { "templates/x.yaml": "a: 1\n" });
    expect(helm.code).toBe(1);
    expect(ours).toEqual(helm);
  });
  it("fromYaml past each limit, and just under the flow one", () => {
    const tpl = [
      'a: {{ fromYaml (printf "a: %s%s" (repeat 10001 "[") (repeat 10001 "]")) | toJson | quote }}',
      'b: {{ fromYaml (printf "a:\\n%sx" (repeat 10001 "- ")) | toJson | quote }}',
      'c: {{ fromYaml (printf "a: %s%s" (repeat 9999 "[") (repeat 9999 "]")) | len }}',
      'd: {{ fromYaml (printf "a: %s%s\\nb: 1" (repeat 10000 "[") (repeat 10000 "]")) | toJson | quote }}',
      'e: {{ fromYaml (printf "a: %sx" (repeat 3 "[")) | toJson | quote }}',
      "",
    ].join("\n");
    const [ours, helm] = both({ "templates/x.yaml": tpl });
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
});

describe("the port finds no error where goyaml finds none", () => {
  const flagged = (texts: string[]): string[] => texts.filter((t) => goyamlSyntaxError(t) !== null);
  it("in every document Helm printed for the conformance corpus", () => {
    const casesDir = path.resolve(repoRoot, "..", "shared", "conformance", "cases");
    const outs = existsSync(casesDir) ? readdirSync(casesDir).map((c) => path.join(casesDir, c, "expected.out")).filter(existsSync) : [];
    const docs = outs.map((f) => readFileSync(f, "utf8")).filter((o) => !o.startsWith("Error")).flatMap((o) => o.split(/^---$/m));
    expect(docs.length).toBeGreaterThan(existsSync(casesDir) ? 300 : -1);
    expect(flagged(docs)).toEqual([]);
  });
  it("in the chart's values files and its rendered documents", () => {
    const dir = path.join(repoRoot, "chart-templates", "developer-mesh");
    const files = loadDirFiles(dir);
    const values = [...files.keys()].filter((k) => /^values.*\.yaml$/.test(k)).map((k) => new TextDecoder().decode(files.get(k)));
    const chart = loadChart(files);
    const rendered = values.map((v) => renderChart(chart, { values: [v] })).flatMap((r) => r.output.split(/^---$/m));
    expect(values.length).toBe(4);
    expect(rendered.length).toBeGreaterThan(40);
    expect(flagged([...values, ...rendered])).toEqual([]);
  });
});

describe("where an error is shown (line and column, for the editor and the import message)", () => {
  const positionOf = (text: string) => {
    try {
      composeFirstDocument(text);
    } catch (e) {
      if (e instanceof YamlError) return [e.line, e.column];
    }
    throw new Error("no YamlError");
  };
  it("at the problem's mark", () => {
    expect(positionOf("a: 1\n b: 2\n")).toEqual([2, 3]);
  });
  it("at the end of the last line when the problem is the end of the stream", () => {
    expect(positionOf("worker:\n  replicaCount: [3\n")).toEqual([2, 19]);
    expect(positionOf("worker:\n  replicaCount: [3")).toEqual([2, 19]);
  });
});
