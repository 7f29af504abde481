/**
 * The engine's Helm-specific behaviours, each rendered by our engine and by the real Helm v4.1.4 from the
 * same small chart (written to a temp dir), byte-compared on stdout and stderr.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { helmBin } from "../../test/real-helm";
import { loadChart } from "./load-chart";
import { renderChart } from "./render-chart";

const enc = new TextEncoder();
const CHART_YAML = "apiVersion: v2\nname: eng\nversion: 0.1.0\n";
const SUB_YAML = "apiVersion: v2\nname: sub\nversion: 0.1.0\n";

const tmpRoot = mkdtempSync(path.join(tmpdir(), "helm-engine-"));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

type Files = Record<string, string>;

function realHelm(files: Files, args: string[]): { stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpRoot, "c-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const r = spawnSync(helmBin(), ["template", "rel", dir, ...args], { encoding: "utf8", env: { ...process.env, HOME: dir, TZ: "UTC" } });
  return { stdout: r.stdout, stderr: r.stderr };
}

const cases: [string, Files, string[]?][] = [
  [
    "the parent's define wins over a subchart's; at equal depth the alphabetically first file wins",
    {
      "templates/_a.tpl": '{{ define "x" }}from-a{{ end }}{{ define "p" }}parent-p{{ end }}',
      "templates/_b.tpl": '{{ define "x" }}from-b{{ end }}',
      "templates/z2.yaml": '{{ define "x" }}from-z2{{ end }}x: {{ include "x" . }}',
      "charts/sub/Chart.yaml": SUB_YAML,
      "charts/sub/templates/_p.tpl": '{{ define "p" }}sub-p{{ end }}',
      "charts/sub/templates/s.yaml": 'p: {{ include "p" . }}',
    },
  ],
  ["<no value> is stripped, even from values", { "templates/t.yaml": "a: '{{ .Values.missing }}'\nb: '{{ .Values.s }}'", "values.yaml": 's: "x<no value>y"' }],
  [
    "required reports the outermost action's position, even through includes",
    { "templates/t.yaml": '{{ define "in" }}{{ required "need foo" .Values.foo }}{{ end }}a: {{ include "in" . | quote }}' },
  ],
  ["fail", { "templates/t.yaml": "a: 1\nb: {{ fail \"stop here\" }}" }],
  [
    "an error inside nested includes prints Helm v4's trace",
    {
      "templates/t.yaml":
        '{{ define "inner" }}{{ .Values.a.x.y }}{{ end }}{{ define "outer" }}{{ include "inner" . }}{{ end }}a: {{ include "outer" . }}',
      "values.yaml": "a: {}",
    },
  ],
  ["a function error prints Go's one-line error", { "templates/t.yaml": "a: {{ index .Values.l 5 }}", "values.yaml": "l: [1]" }],
  ["a missing include", { "templates/t.yaml": 'a: {{ include "nope" . }}' }],
  ["tpl sees defines and the caller's .Template", { "templates/t.yaml": '{{ define "h" }}H{{ end }}a: {{ tpl "{{ include \\"h\\" . }}-{{ .Template.Name }}" . }}' }],
  ["tpl errors", { "templates/t.yaml": 'a: {{ tpl "{{ .Values.zz.q.r }}" . }}' }],
  ["a parse error", { "templates/t.yaml": "a: 1\nb: {{ if }}" }],
  ["NOTES.txt is rendered (errors are fatal) but not printed", { "templates/NOTES.txt": "{{ .Values.a.b.c }}", "templates/t.yaml": "a: 1" }],
  ["library subcharts render only their helpers", {
    "templates/t.yaml": 'a: {{ include "lib.x" . }}',
    "charts/lib/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 0.1.0\ntype: library\n",
    "charts/lib/templates/_x.tpl": '{{ define "lib.x" }}from-lib{{ end }}',
    "charts/lib/templates/cm.yaml": "kind: ConfigMap",
  }],
  [".Subcharts, .Chart and .Values of a subchart", {
    "templates/t.yaml": "a: {{ .Subcharts.sub.Chart.Name }} {{ .Subcharts.sub.Values.v }} {{ .Chart.IsRoot }} {{ typeOf .Values }}",
    "values.yaml": "sub:\n  v: fromParent",
    "charts/sub/Chart.yaml": SUB_YAML,
    "charts/sub/templates/s.yaml": "s: {{ .Values.v }} {{ .Chart.IsRoot }} {{ .Release.Name }} {{ .Template.BasePath }}",
  }],
  [
    "the built-in objects print as Go prints them",
    {
      "Chart.yaml": `${CHART_YAML}appVersion: "1.0"\nmaintainers:\n  - name: Ann\n    email: a@x\ndependencies:\n  - name: sub\n    version: 0.1.0\n    tags: [t]\n`,
      "charts/sub/Chart.yaml": SUB_YAML,
      "templates/t.yaml": [
        "out: |",
        "  {{ .Chart }}",
        "  {{ .Release }}",
        "  {{ .Capabilities.KubeVersion }} {{ .Capabilities.HelmVersion }} {{ .Capabilities.KubeVersion.GitVersion }}",
        "  {{ .Capabilities.APIVersions }}",
        "  {{ .Chart.Maintainers }} {{ .Chart.Nope }} {{ .Release.Nope }} {{ .Template }}",
        "  {{ typeOf .Capabilities }} {{ typeOf .Chart }} {{ typeOf .Release.Revision }} {{ typeOf .Values.sub }}",
      ].join("\n"),
    },
  ],
  ["--kube-version and --api-versions", { "templates/t.yaml": "a: {{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.APIVersions.Has \"x.io/v1\" }}" }, ["--kube-version", "1.29", "-a", "x.io/v1"]],
  [
    "a Stringer under a string verb prints its String() text",
    { "templates/t.yaml": 'a: {{ printf "%x|%X|%q|%s|%v" (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") (semver "1.2.3") | quote }}' },
  ],
  ["a chart that renders nothing prints one newline", { "templates/t.yaml": "{{- /* nothing */ -}}" }],
  ["kubeVersion constraint", { "Chart.yaml": `${CHART_YAML}kubeVersion: ">=1.99.0"\n`, "templates/t.yaml": "a: 1" }],
  ["unknown hooks drop the document", { "templates/t.yaml": "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: bogus\n---\nkind: Pod\nmetadata:\n  name: kept" }],
];

describe("engine vs the real Helm", () => {
  it.each(cases)("%s", (_name, files, args = []) => {
    const all: Files = { "Chart.yaml": CHART_YAML, ...files };
    const chart = loadChart(new Map(Object.entries(all).map(([k, v]) => [k, enc.encode(v)])));
    const kubeVersion = args[args.indexOf("--kube-version") + 1];
    const apiVersions = args.includes("-a") ? [args[args.indexOf("-a") + 1] ?? ""] : undefined;
    const ours = renderChart(chart, { releaseName: "rel", kubeVersion: args.includes("--kube-version") ? kubeVersion : undefined, apiVersions });
    const helm = realHelm(all, args);
    const stderr = ours.warnings.map((w) => `${w}\n`).join("") + (ours.error?.stderr ?? "");
    expect({ stdout: ours.output, stderr }).toEqual(helm);
  });
});

describe("parsed template cache", () => {
  it("parses a chart once and re-executes it with new values", () => {
    const chart = loadChart(new Map([["Chart.yaml", enc.encode(CHART_YAML)], ["templates/t.yaml", enc.encode("a: {{ .Values.a }}")]]));
    expect(renderChart(chart, { set: ["a=1"] }).output).toBe("---\n# Source: eng/templates/t.yaml\na: 1\n");
    const cache = chart.cache;
    expect(renderChart(chart, { set: ["a=2"] }).output).toBe("---\n# Source: eng/templates/t.yaml\na: 2\n");
    expect(chart.cache).toBe(cache);
    expect((chart.cache as Map<string, unknown>).size).toBe(1);
  });
});
