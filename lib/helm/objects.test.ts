/**
 * The built-in objects as data: toJson, toYaml and the rest of the marshalling functions print Helm's Go
 * objects (.Capabilities and its parts, .Chart, .Release, .Files, .Template, .Subcharts) exactly as the
 * real Helm v4.1.4 does: structs by their json tags in declaration order, a nil annotations map as null.
 */
import { describe, expect, it } from "vitest";
import { runHelm, writeTree } from "../../test/real-helm";
import { engineOutcome } from "../../test/helm-outcome";
import { loadChart } from "./load-chart";
import { loadDirFiles } from "./node/load-dir";
import { renderChart, type RenderOptions } from "./render-chart";

const OBJECTS = [
  ".Capabilities",
  ".Capabilities.KubeVersion",
  ".Capabilities.APIVersions",
  ".Capabilities.HelmVersion",
  ".Chart",
  ".Chart.Annotations",
  ".Release",
  ".Files",
  '(.Files.Glob "*.txt")',
  ".Template",
  ".Subcharts",
  '(semver "1.2.3-a+b")',
  '(toDate "2006-01-02" "2024-05-06")',
];
const FUNCS = ["toJson", "mustToJson", "toPrettyJson", "toRawJson", "toYaml", "mustToYaml", "toYamlPretty"];

/** One template per function: each object marshalled, as a YAML block scalar so any output stays valid YAML. */
const templates: Record<string, string> = {
  ...Object.fromEntries(FUNCS.map((fn) => [`templates/${fn}.yaml`, OBJECTS.map((o, i) => `o${i}: |-\n{{ ${fn} ${o} | indent 2 }}\n`).join("")])),
  // Sprig's empty is reflect-based: a named map or slice (.Files, .Capabilities.APIVersions) is empty by its length.
  "templates/empty.yaml": OBJECTS.map((o, i) => `e${i}: {{ empty ${o} }}\n`).join(""),
};

const SUB = { "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.2.0\n", "charts/sub/templates/s.yaml": templates["templates/toJson.yaml"]! };

const charts: [string, Record<string, string>, RenderOptions][] = [
  [
    "a chart with every Chart.yaml field",
    {
      "Chart.yaml": [
        "apiVersion: v2",
        "name: full",
        "version: 1.2.3",
        "appVersion: '4.5'",
        "description: <d> & more",
        "home: https://example.com",
        "icon: https://example.com/i.png",
        "keywords: [a, b]",
        "sources: [https://example.com/src]",
        "maintainers: [{name: m, email: e@x}, {name: n, url: https://n}]",
        "annotations: {x: '1', y: z}",
        "kubeVersion: '>=1.20.0-0'",
        "type: application",
        "dependencies:",
        "  - name: sub",
        "    version: 0.2.0",
        "    condition: sub.enabled",
        "    tags: [t]",
        "    import-values: [{child: a, parent: b}, c]",
        "",
      ].join("\n"),
      "values.yaml": "sub:\n  a: {k: 1}\n  exports: {c: {e: 2}}\n",
      "f.txt": "hello\n",
      "g.txt": "<bytes>\n",
      ...SUB,
      ...templates,
    },
    {},
  ],
  ["a minimal chart without annotations", { "Chart.yaml": "apiVersion: v2\nname: min\nversion: 0.1.0\n", ...templates }, {}],
  [
    "--kube-version with a suffix and extra --api-versions",
    { "Chart.yaml": "apiVersion: v2\nname: kv\nversion: 0.1.0\n", ...templates },
    { kubeVersion: "1.29.3-gke.100", apiVersions: ["example.com/v1", "example.com/v1/Thing"] },
  ],
  [
    "a certificate from genCA (its PEM data masked)",
    {
      "Chart.yaml": "apiVersion: v2\nname: cert\nversion: 0.1.0\n",
      "templates/c.yaml": FUNCS.map(
        (fn) => `${fn}: {{ regexReplaceAll "(?s)-----BEGIN.*?-----END [A-Z ]*-----" (${fn} $.Values.ca) "PEM" | quote }}\n`,
      )
        .join("")
        .replace(/^/, '{{- $_ := set .Values "ca" (genCA "ca" 365) }}\n'),
    },
    {},
  ],
];

const flags = (o: RenderOptions): string[] => [
  ...(o.kubeVersion ? ["--kube-version", o.kubeVersion] : []),
  ...(o.apiVersions ?? []).flatMap((a) => ["--api-versions", a]),
];

describe("Helm's objects through the marshalling functions, against the real Helm", () => {
  it.each(charts)("%s", (_name, files, opts) => {
    const dir = writeTree(files, "helm-objects-");
    const helm = runHelm(["template", "rel", dir, ...flags(opts)], dir);
    const ours = engineOutcome(renderChart(loadChart(loadDirFiles(dir)), { releaseName: "rel", ...opts }));
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
});
