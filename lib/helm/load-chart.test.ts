/**
 * Chart loading: Chart.yaml validation, apiVersion v1 charts, .helmignore, subcharts as directories and
 * nested .tgz archives. Each chart is also rendered by the real Helm v4.1.4 and the outputs compared.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runHelm, writeTree } from "../../test/real-helm";
import { loadChart } from "./load-chart";
import { loadDirFiles } from "./node/load-dir";
import { renderChart } from "./render-chart";

type Files = Record<string, string | Uint8Array>;

const writeChart = (files: Files): string => writeTree(files, "helm-load-");

const helm = (args: string[], cwd: string): { stdout: string; stderr: string } => {
  const { stdout, stderr } = runHelm(args, cwd);
  return { stdout, stderr };
};

/** Our result for a chart directory, with the loader's own errors reported like Helm's. */
function ours(dir: string): { stdout: string; stderr: string } {
  try {
    const r = renderChart(loadChart(loadDirFiles(dir)), { releaseName: "rel" });
    return { stdout: r.output, stderr: r.warnings.map((w) => `${w}\n`).join("") + (r.error?.stderr ?? "") };
  } catch (e) {
    if (e instanceof Error && "stderr" in e) return { stdout: "", stderr: String(e.stderr) };
    throw e;
  }
}

const T = { "templates/t.yaml": "name: {{ .Chart.Name }}\nv: {{ .Chart.Version }}\napp: {{ .Chart.AppVersion }}\napi: {{ .Chart.APIVersion }}" };

/** Chart.yaml fields with YAML types other than the Go field's: converted, or Helm's decoding error. */
function wrongTypes(): [string, Files][] {
  const chart = (name: string, body: string): [string, Files] => [
    `Chart.yaml ${name}`,
    { "Chart.yaml": body, "templates/t.yaml": "chart: {{ toJson .Chart }}\n" },
  ];
  const base = "apiVersion: v2\nname: wt\nversion: 1.0.0\n";
  return [
    chart("version: 1.0 (a float, printed as float32 %g)", "apiVersion: v2\nname: wt\nversion: 1.0\n"),
    chart("version: 1 (an int)", "apiVersion: v2\nname: wt\nversion: 1\n"),
    chart("numeric, boolean and null scalars in string fields", `${base}appVersion: 1.10\ndescription: 010\nhome: 0x1F\nicon: 1e3\nkubeVersion: yes\ntype: ~\ncondition: 16777217.5\ntags: 1_000\n`),
    chart("non-finite floats in a string field", `${base}appVersion: .inf\ndescription: -.inf\nhome: .nan\n`),
    chart("a non-finite float in an unknown field", `${base}unknown: .inf\n`),
    chart("name: 5", "apiVersion: v2\nname: 5\nversion: 1.0.0\n"),
    chart("apiVersion: 3", "apiVersion: 3\nname: wt\nversion: 1.0.0\n"),
    chart("apiVersion: [v2]", "apiVersion: [v2]\nname: wt\nversion: 1.0.0\n"),
    chart("a scalar document", "just text\n"),
    chart("a list document", "- apiVersion: v2\n"),
    chart("keys in other cases", "APIVERSION: v2\nName: wt\nVersion: 1.0.0\nappversion: 2\n"),
    chart("keywords: x", `${base}keywords: x\n`),
    chart("keywords with numbers, booleans and null", `${base}keywords: [1, 2.50, true, null]\n`),
    chart("sources: {a: 1}", `${base}sources: {a: 1}\n`),
    chart("deprecated: x", `${base}deprecated: x\n`),
    chart("deprecated: 1", `${base}deprecated: 1\n`),
    chart("maintainers: x", `${base}maintainers: x\n`),
    chart("maintainers: [x]", `${base}maintainers: [x]\n`),
    chart("maintainers with a null entry and a list name", `${base}maintainers: [null, {name: [a]}]\n`),
    chart("maintainers with numeric fields", `${base}maintainers: [{name: 1, email: true, url: 2.5}]\n`),
    chart("annotations: [x]", `${base}annotations: [x]\n`),
    chart("annotations with a map value", `${base}annotations: {a: 1, b: {c: 1}}\n`),
    chart("annotations with scalar values", `${base}annotations: {a: 1, b: 1.5, c: true, d: null}\n`),
    chart("dependencies: {}", `${base}dependencies: {}\n`),
    chart("dependencies: [x]", `${base}dependencies: [x]\n`),
    chart("dependencies with tags: x", `${base}dependencies: [{name: 1, tags: x}]\n`),
    chart("dependencies with enabled: 1", `${base}dependencies: [{name: d, enabled: 1}]\n`),
    chart("dependencies with import-values: x", `${base}dependencies: [{name: d, import-values: x}]\n`),
    chart("two wrong fields: the first in key order is reported", `${base}keywords: x\ndeprecated: x\nannotations: [x]\n`),
    chart("version: [1]", "apiVersion: v2\nname: wt\nversion: [1]\n"),
    chart("a null maintainer", `${base}maintainers: [{name: m}, null]\n`),
    chart("a null dependency after an invalid version (validated in Helm's order)", "apiVersion: v2\nname: wt\nversion: x\ndependencies: [null]\n"),
    chart("control characters and odd spaces in text fields (sanitized)", `${base}description: "a\\tb\\u0085c\\u0007d\\u200be\\ufeff"\nkeywords: ["k\\u0001"]\nmaintainers: [{name: "m\\nn"}]\n`),
    chart("a tab in the name", "apiVersion: v2\nname: \"w\\tt\"\nversion: 1.0.0\n"),
    chart("a quote in an invalid name", "apiVersion: v2\nname: 'a/\"b'\nversion: 1.0.0\n"),
    [
      "a v1 chart whose requirements.yaml sets other Metadata fields",
      {
        "Chart.yaml": "apiVersion: v1\nname: legacy\nversion: 1.0.0\nannotations: {a: x}\n",
        "requirements.yaml": "version: 2.0.0\nannotations: {b: y}\ndependencies: []\n",
        "templates/t.yaml": "chart: {{ toJson .Chart }}\n",
      },
    ],
    ["a v1 chart whose requirements.yaml has a wrong type", { "Chart.yaml": "apiVersion: v1\nname: legacy\nversion: 1.0.0\n", "requirements.yaml": "dependencies: x\n", ...T }],
    [
      "a subchart whose Chart.yaml has a wrong type",
      { "Chart.yaml": base, "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\nkeywords: x\n", ...T },
    ],
    ["a subchart with apiVersion: 3", { "Chart.yaml": base, "charts/sub/Chart.yaml": "apiVersion: 3\nname: sub\nversion: 0.1.0\n", ...T }],
  ];
}

const cases: [string, Files][] = [
  ["a valid chart with a numeric appVersion", { "Chart.yaml": "apiVersion: v2\nname: ok\nversion: 1.0.0\nappVersion: 9.9\n", ...T }],
  ["missing version", { "Chart.yaml": "apiVersion: v2\nname: nov\n", ...T }],
  ["missing name", { "Chart.yaml": "apiVersion: v2\nversion: 1.0.0\n", ...T }],
  ["invalid version", { "Chart.yaml": "apiVersion: v2\nname: badv\nversion: one\n", ...T }],
  ["invalid type", { "Chart.yaml": "apiVersion: v2\nname: badt\nversion: 1.0.0\ntype: plugin\n", ...T }],
  ["library charts are not installable", { "Chart.yaml": "apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n", ...T }],
  ["missing apiVersion means v1", { "Chart.yaml": "name: old\nversion: 1.0.0\n", ...T }],
  [
    "apiVersion v1 with requirements.yaml",
    {
      "Chart.yaml": "apiVersion: v1\nname: legacy\nversion: 1.0.0\n",
      "requirements.yaml": "dependencies:\n  - name: sub\n    version: 0.1.0\n    condition: sub.on\n",
      "values.yaml": "sub:\n  on: false\n",
      "charts/sub/Chart.yaml": "apiVersion: v1\nname: sub\nversion: 0.1.0\n",
      "charts/sub/templates/s.yaml": "s: 1",
      ...T,
    },
  ],
  [
    ".helmignore and files",
    {
      "Chart.yaml": "apiVersion: v2\nname: ign\nversion: 1.0.0\n",
      ".helmignore": "*.bak\nsecret/\n",
      "a.txt": "A",
      "b.bak": "B",
      "secret/x": "X",
      "templates/t.yaml": "files: {{ .Files.Get \"a.txt\" }}|{{ .Files.Get \"b.bak\" }}|{{ .Files.Get \"secret/x\" }}|{{ .Files.Get \".helmignore\" | len }}",
    },
  ],
  [
    "duplicate dependency names",
    {
      "Chart.yaml": "apiVersion: v2\nname: dup\nversion: 1.0.0\ndependencies:\n  - name: sub\n  - name: sub\n",
      "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
      ...T,
    },
  ],
  ["invalid Chart.yaml", { "Chart.yaml": "apiVersion: v2\nname: [x\n", ...T }],
  ...wrongTypes(),
  ["invalid values.yaml", { "Chart.yaml": "apiVersion: v2\nname: badvals\nversion: 1.0.0\n", "values.yaml": "a: [1\n", ...T }],
];

describe("loadChart vs the real Helm", () => {
  it.each(cases)("%s", (_name, files) => {
    const dir = writeChart(files);
    expect(ours(dir)).toEqual(helm(["template", "rel", dir], dir));
  });

  describe("deprecated: yes (a YAML 1.1 boolean)", () => {
    const dir = writeChart({ "Chart.yaml": "apiVersion: v2\nname: wt\nversion: 1.0.0\ndeprecated: yes\n", "templates/t.yaml": "chart: {{ toJson .Chart }}\n" });
    it("reads as true, as Helm does", () => expect(ours(dir).stdout).toEqual(helm(["template", "rel", dir], dir).stdout));
    it("warns as Helm does", () => expect(ours(dir)).toEqual(helm(["template", "rel", dir], dir)));
  });

  it("loads a packaged chart whose subchart is itself a .tgz", () => {
    const subDir = writeChart({ "Chart.yaml": "apiVersion: v2\nname: inner\nversion: 0.2.0\n", "templates/i.yaml": "inner: {{ .Values.x }}", "values.yaml": "x: 1" });
    const pkgDir = writeChart({});
    helm(["package", subDir, "-d", pkgDir], pkgDir);
    const outerDir = writeChart({
      "Chart.yaml": "apiVersion: v2\nname: outer\nversion: 1.0.0\ndependencies:\n  - name: inner\n    version: 0.2.0\n",
      "charts/inner-0.2.0.tgz": readFileSync(path.join(pkgDir, "inner-0.2.0.tgz")),
      "values.yaml": "inner:\n  x: 2",
      ...T,
    });
    helm(["package", outerDir, "-d", pkgDir], pkgDir);
    const tgz = path.join(pkgDir, "outer-1.0.0.tgz");
    const r = renderChart(loadChart(new Uint8Array(readFileSync(tgz))), { releaseName: "rel" });
    expect({ stdout: r.output, stderr: r.error?.stderr ?? "" }).toEqual(helm(["template", "rel", tgz], pkgDir));
  });
});
