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
import { both } from "./helm-both.test-util";
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

/**
 * Helm's objects printed by the executor and by fmt. KubeVersion's String method has a pointer receiver:
 * the executor prints an addressable value (a field reached through the .Capabilities pointer, a variable,
 * dot or template data holding one) through it, while function arguments are copies that fmt prints field
 * by field, the unexported normalizedVersion included.
 */
const PRINTED: [string, string][] = [
  ["field", "{{ .Capabilities.KubeVersion }}"],
  ["field from $", "{{ $.Capabilities.KubeVersion }}"],
  ["parenthesized field", "{{ (.Capabilities.KubeVersion) }}"],
  ["field of a pointer taken from a list", "{{ (index (list .Capabilities) 0).KubeVersion }}"],
  ["with", "{{ with .Capabilities.KubeVersion }}{{ . }}{{ end }}"],
  ["nested with", "{{ with .Capabilities }}{{ with .KubeVersion }}{{ . }}{{ end }}{{ end }}"],
  ["with a variable", "{{ with $x := .Capabilities.KubeVersion }}{{ $x }}{{ end }}"],
  ["variable", "{{ $kv := .Capabilities.KubeVersion }}{{ $kv }}"],
  ["variable assigned", '{{ $x := "" }}{{ $x = .Capabilities.KubeVersion }}{{ $x }}'],
  ["variable assigned a function result", "{{ $kv := .Capabilities.KubeVersion }}{{ $kv = index (list $kv) 0 }}{{ $kv }}"],
  ["template data", '{{ template "show" .Capabilities.KubeVersion }}'],
  ["include data", '{{ include "show" .Capabilities.KubeVersion }}'],
  ["piped to print", "{{ .Capabilities.KubeVersion | print }}"],
  ["printf %v", '{{ printf "%v" .Capabilities.KubeVersion }}'],
  ["printf %s", '{{ printf "%s" .Capabilities.KubeVersion }}'],
  ["printf %v of a variable", '{{ $kv := .Capabilities.KubeVersion }}{{ printf "%v" $kv }}'],
  ["print", "{{ print .Capabilities.KubeVersion }}"],
  ["toString", "{{ toString .Capabilities.KubeVersion }}"],
  ["quote", "{{ quote .Capabilities.KubeVersion }}"],
  ["cat", "{{ cat .Capabilities.KubeVersion }}"],
  ["list", "{{ list .Capabilities.KubeVersion }}"],
  ["dict", '{{ dict "a" .Capabilities.KubeVersion }}'],
  ["a dict's value", '{{ $d := dict "kv" .Capabilities.KubeVersion }}{{ $d.kv }}'],
  ["index of a list", "{{ index (list .Capabilities.KubeVersion) 0 }}"],
  ["default", '{{ default .Capabilities.KubeVersion "" }}'],
  ["range over a list", "{{ range (list .Capabilities.KubeVersion) }}{{ . }}{{ end }}"],
  ["range over a dict", '{{ range $k, $v := dict "a" .Capabilities.KubeVersion }}{{ $v }}{{ end }}'],
  ["%+v", '{{ printf "%+v" .Capabilities.KubeVersion }}'],
  ["%#v", '{{ printf "%#v" .Capabilities.KubeVersion }}'],
  ["%q", '{{ printf "%q" .Capabilities.KubeVersion }}'],
  ["%x", '{{ printf "%x" .Capabilities.KubeVersion }}'],
  ["%d", '{{ printf "%d" .Capabilities.KubeVersion }}'],
  ["width and precision per field", '{{ printf "%10v|%-12s|%5.2s|" .Capabilities.KubeVersion .Capabilities.KubeVersion .Capabilities.KubeVersion }}'],
  ["%+v in a list", '{{ printf "%+v" (list .Capabilities.KubeVersion) }}'],
  ["%#v in a list and a dict", '{{ printf "%#v %#v" (list .Capabilities.KubeVersion) (dict "k" .Capabilities.KubeVersion) }}'],
  ["HelmVersion", "{{ .Capabilities.HelmVersion }} {{ list .Capabilities.HelmVersion }}"],
  ["HelmVersion verbs", '{{ printf "%v|%+v|%#v|%q|%x|%20v" .Capabilities.HelmVersion .Capabilities.HelmVersion .Capabilities.HelmVersion .Capabilities.HelmVersion .Capabilities.HelmVersion .Capabilities.HelmVersion }}'],
  ["HelmVersion in a list with KubeVersion", '{{ printf "%v|%+v" (list .Capabilities.KubeVersion .Capabilities.HelmVersion) (list .Capabilities.HelmVersion) }}'],
  [".Capabilities", "{{ .Capabilities }}"],
  [".Capabilities verbs", '{{ printf "%v|%+v|%#v|%s|%q" .Capabilities .Capabilities .Capabilities .Capabilities .Capabilities }}'],
  ["APIVersions verbs", '{{ printf "%v|%+v|%#v|%q" .Capabilities.APIVersions .Capabilities.APIVersions .Capabilities.APIVersions .Capabilities.APIVersions }}'],
  ["toJson and toYaml", "{{ toJson .Capabilities.KubeVersion }} {{ toYaml .Capabilities.KubeVersion | replace \"\\n\" \" \" }} {{ toJson .Capabilities.HelmVersion }}"],
  [".Files verbs", '{{ printf "%v|%q|%#v|%x|%d" .Files .Files .Files .Files .Files | replace "\\n" "NL" }}'],
  ["[]byte under %#v, alone and nested", '{{ $b := .Files.GetBytes "f.txt" }}{{ printf "%#v %#v %#v" $b (list $b) (dict "a" $b) }}'],
  [".Release verbs", '{{ printf "%+v|%s|%d" .Release .Release .Release.Revision }}'],
];

const printedChart: Record<string, string> = {
  "Chart.yaml": "apiVersion: v2\nname: printed\nversion: 0.1.0\n",
  "f.txt": "hi\n",
  "templates/_show.tpl": '{{ define "show" }}{{ . }}{{ end }}',
  // One block scalar per row, so any output stays valid YAML.
  "templates/printed.yaml": PRINTED.map(([, t], i) => `p${i}: |-\n  ${t}\n`).join(""),
};

describe("Helm's objects printed by the executor and by fmt, against the real Helm", () => {
  it.each<[string, RenderOptions]>([
    ["the default kube version", {}],
    // Its String (v1.29.3) differs from its Version field (v1.29.3-gke.100).
    ["a kube version with a suffix", { kubeVersion: "1.29.3-gke.100" }],
  ])("%s", (_name, opts) => {
    const dir = writeTree(printedChart, "helm-printed-");
    const helm = runHelm(["template", "rel", dir, ...flags(opts)], dir);
    const ours = engineOutcome(renderChart(loadChart(loadDirFiles(dir)), { releaseName: "rel", ...opts }));
    expect(helm.code).toBe(0);
    // Row by row, so a failure names its row.
    const rows = (o: string) => Object.fromEntries(PRINTED.map(([name], i) => [name, new RegExp(`^p${i}: \\|-\\n  (.*)$`, "m").exec(o)?.[1]]));
    expect(Object.values(rows(helm.stdout))).not.toContain(undefined);
    expect(rows(ours.stdout)).toEqual(rows(helm.stdout));
    expect(ours).toEqual(helm);
  });
});

describe(".Chart is a map in Helm v4 (chart.Metadata through structToMap), not a struct", () => {
  it("its keys, types, a missing field, set on it and %v are Helm's", () => {
    const template = [
      "t: {{ typeOf .Chart }} {{ kindOf .Chart }} {{ typeOf .Chart.Maintainers }} {{ typeOf (index .Chart.Maintainers 0) }} {{ typeOf .Chart.Annotations }}",
      "k: {{ keys .Chart | sortAlpha | toJson }}",
      "f: {{ .Chart.Foo | toJson }} {{ .Chart.name | toJson }} {{ hasKey .Chart \"Name\" }}",
      '{{- $_ := set .Chart "x" 1 }}',
      "x: {{ .Chart.x }} {{ printf \"%v\" .Chart | b64enc }}",
    ].join("\n");
    const [ours, helm] = both({ "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\nkeywords: [a]\nmaintainers:\n- name: m\n", "templates/x.yaml": `${template}\n` });
    expect(helm.code).toBe(0);
    expect(ours).toEqual(helm);
  });
});
