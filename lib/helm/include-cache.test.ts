import { describe, expect, it } from "vitest";
import { helmTemplate } from "../../test/real-helm";
import { TemplateSet } from "../template/template-set";
import { goFunc } from "../template/value";
import type { ChartFiles } from "./chart";
import { helmFuncs } from "./funcs";
import { IncludeCache, RootMap } from "./include-cache";
import { loadChart } from "./load-chart";
import { renderChart } from "./render-chart";

const enc = new TextEncoder();
const files = (o: Record<string, string>): ChartFiles => new Map(Object.entries(o).map(([k, v]) => [k, enc.encode(v)]));

// Each helper is called several times with the same data, from the parent and from a subchart (which
// shares the helpers), around templates that change the maps those calls read.
const HELPERS = `
{{- define "h.name" -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 }}{{- end -}}
{{- define "h.labels" -}}
app: {{ .component }}
instance: {{ .root.Release.Name }}
{{- end -}}
{{- define "h.where" -}}{{ .Template.Name }} in {{ .Template.BasePath }}{{- end -}}
{{- define "h.whereOf" -}}{{ include "h.where" .root }}{{- end -}}
{{- define "h.walk" -}}{{ range $k, $v := . }}{{ $k }};{{ end }}{{ toJson .Template }}{{- end -}}
{{- define "h.cfg" -}}{{ toJson . }}{{- end -}}
{{- define "h.bump" -}}{{ $_ := set . "n" (add .n 1) }}{{ .n }}{{- end -}}
{{- define "h.rand" -}}{{ randAlphaNum 24 }}{{- end -}}
{{- define "h.uses-rand" -}}[{{ include "h.rand" . }}]{{- end -}}
{{- define "h.type" -}}{{ typeOf . }} {{ kindOf . }}{{- end -}}
{{- define "h.dig" -}}{{ dig "a" "b" "none" . }}{{- end -}}
{{- define "h.required" -}}{{ required "h.required needs .x" .x }}{{- end -}}
`;

const CHART: Record<string, string> = {
  "Chart.yaml": "apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n",
  "values.yaml": "cfg: {n: 1, a: {b: x}}\nsub:\n  cfg: {n: 5}\n",
  "templates/_helpers.tpl": HELPERS,
  "templates/a.yaml": [
    "kind: ConfigMap",
    "metadata:",
    '  name: {{ include "h.name" . }}',
    "data:",
    '  name2: {{ include "h.name" . | quote }}',
    '  labels: {{ include "h.labels" (dict "root" . "component" "a") | quote }}',
    '  labels2: {{ include "h.labels" (dict "root" . "component" "a") | quote }}',
    '  other: {{ include "h.labels" (dict "root" . "component" "b") | quote }}',
    '  where: {{ include "h.where" . | quote }}',
    '  whereOf: {{ include "h.whereOf" (dict "root" .) | quote }}',
    '  walk: {{ include "h.walk" . | quote }}',
    '  cfg: {{ include "h.cfg" .Values.cfg | quote }}',
    '  {{- $_ := set .Values.cfg "n" 2 }}',
    '  cfg2: {{ include "h.cfg" .Values.cfg | quote }}',
    '  bump: {{ include "h.bump" .Values.cfg }} {{ include "h.bump" .Values.cfg }}',
    '  cfg3: {{ include "h.cfg" .Values.cfg | quote }}',
    '  {{- $_ := set .Values.cfg.a "b" "y" }}',
    '  cfg4: {{ include "h.cfg" .Values.cfg | quote }}',
    '  {{- $d := dict "n" 1 }}',
    '  dict: {{ include "h.cfg" $d | quote }}',
    '  {{- $_ := merge $d (dict "m" 2) }}',
    '  dict2: {{ include "h.cfg" $d | quote }}',
    '  rand: {{ eq (include "h.rand" .) (include "h.rand" .) }} {{ eq (include "h.uses-rand" .) (include "h.uses-rand" .) }}',
    '  type: {{ include "h.type" .Values.sub | quote }}',
    '  dig: {{ printf "%s %s" (include "h.dig" .Values.cfg) (include "h.dig" .Values.sub) | quote }}',
    '  req: {{ include "h.required" (dict "x" 1) }} {{ include "h.required" (dict "x" 1) }}',
    "",
  ].join("\n"),
  "templates/b.yaml": [
    "kind: ConfigMap",
    "metadata:",
    '  name: {{ include "h.name" . }}-b',
    "data:",
    '  labels: {{ include "h.labels" (dict "root" . "component" "a") | quote }}',
    '  where: {{ include "h.where" . | quote }}',
    '  whereOf: {{ include "h.whereOf" (dict "root" .) | quote }}',
    '  walk: {{ include "h.walk" . | quote }}',
    '  cfg: {{ include "h.cfg" .Values.cfg | quote }}',
    '  sub: {{ include "h.where" .Subcharts.sub | quote }}',
    "",
  ].join("\n"),
  "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
  "charts/sub/templates/s.yaml": [
    "kind: ConfigMap",
    "metadata:",
    '  name: {{ include "h.name" . }}',
    "data:",
    '  labels: {{ include "h.labels" (dict "root" . "component" "a") | quote }}',
    '  where: {{ include "h.where" . | quote }}',
    '  whereOf: {{ include "h.whereOf" (dict "root" .) | quote }}',
    '  type: {{ include "h.type" .Values | quote }}',
    '  cfg: {{ include "h.cfg" .Values.cfg | quote }}',
    "",
  ].join("\n"),
};

describe("include results reused within a render", () => {
  it("print what Helm prints: .Template reads, changed arguments, random helpers, Go types", () => {
    const helm = helmTemplate(CHART);
    expect(helm.stderr).toBe("");
    // The random helpers differ between calls in Helm too.
    expect(helm.stdout).toContain("rand: false false");
    const chart = loadChart(files(CHART));
    for (let i = 0; i < 3; i++) {
      const r = renderChart(chart);
      expect(r.error).toBeUndefined();
      expect(r.output).toBe(helm.stdout);
    }
  });

  it("a helper that failed fails again where it is called, after it succeeded with other data", () => {
    const chart = { ...CHART, "templates/c.yaml": '{{ include "h.required" (dict "x" 1) }}\n{{ include "h.required" (dict "x" 1) }}\n{{ include "h.required" (dict "y" 1) }}\n' };
    const helm = helmTemplate(chart);
    expect(helm.code).not.toBe(0);
    const r = renderChart(loadChart(files(chart)));
    expect(r.error?.stderr).toBe(helm.stderr);
  });

  it("a helper that sees Go types runs again for each call: dig takes a parent's map, not the subchart's .Values", () => {
    const chart = { ...CHART, "charts/sub/templates/t.yaml": '{{ include "h.dig" .Values }}\n' };
    const helm = helmTemplate(chart);
    expect(helm.stderr).toContain("interface {} is common.Values, not map[string]interface {}");
    const r = renderChart(loadChart(files(chart)));
    expect(r.error?.stderr).toBe(helm.stderr);
  });

  it("keys data by value for primitives and small maps, by identity otherwise, and only for pure helpers", () => {
    // Helm's set-bound functions are only parsed here, never called.
    const bound = goFunc(["string", "any"], () => "");
    const set = new TemplateSet(new Map([...helmFuncs(), ["include", bound], ["tpl", bound], ["required", bound]]));
    set.parse("t", `${HELPERS}{{ define "h.tpl" }}{{ tpl "x" . }}{{ end }}{{ define "h.calls-bump" }}{{ include "h.bump" . }}{{ end }}`);
    set.parse("u", `{{ define "h.dyn" }}{{ include .name . }}{{ end }}{{ define "h.loop" }}{{ include "h.loop2" . }}{{ end }}{{ define "h.loop2" }}{{ include "h.loop" . }}{{ now }}{{ end }}`);
    const cache = new IncludeCache(set);
    cache.reset();
    const root = new RootMap([["a", 1]]);
    const slot = cache.slot(set, "h.labels", new Map<string, unknown>([["root", root], ["component", "a"]]) as never);
    expect(slot).not.toBeNull();
    expect(cache.slot(set, "h.labels", new Map<string, unknown>([["root", root], ["component", "a"]]) as never)).toBe(slot);
    expect(cache.slot(set, "h.labels", new Map<string, unknown>([["root", root], ["component", "b"]]) as never)).not.toBe(slot);
    expect(cache.slot(set, "h.labels", new Map<string, unknown>([["root", new RootMap()], ["component", "a"]]) as never)).not.toBe(slot);
    expect(cache.slot(set, "h.name", root)).toBe(cache.slot(set, "h.name", root));
    expect(cache.slot(set, "h.name", new RootMap([["a", 1]]))).not.toBe(cache.slot(set, "h.name", root));
    expect(cache.slot(set, "h.name", 1)).not.toBe(cache.slot(set, "h.name", "1"));
    expect(cache.slot(set, "h.name", -0)).toBeNull();
    for (const impure of ["h.bump", "h.calls-bump", "h.rand", "h.uses-rand", "h.type", "h.dig", "h.tpl", "h.dyn", "h.loop", "h.loop2"]) {
      expect([impure, cache.slot(set, impure, root)]).toEqual([impure, null]);
    }
    // Another set (tpl's clone) is not this cache's.
    expect(cache.slot(set.clone(), "h.name", root)).toBeNull();
  });
});
