import { describe, expect, it } from "vitest";
import type { ChartFiles } from "./chart";
import { loadChart } from "./load-chart";
import type { HelmErrorCode } from "./errors";
import { renderChart, type RenderOptions } from "./render-chart";

const enc = new TextEncoder();
const files = (o: Record<string, string>): ChartFiles => new Map(Object.entries(o).map(([k, v]) => [k, enc.encode(v)]));

const chart = loadChart(
  files({
    "Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.1.0\n",
    "values.yaml": "port: 80\nimage:\n  tag: x\n",
    "values.schema.json": JSON.stringify({ properties: { image: { properties: { tag: { type: "string" } } } } }),
    "templates/NOTES.txt": "Hello {{ .Release.Name }}",
    "templates/a.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: {{ .Release.Namespace }}",
    "templates/h.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test",
  }),
);

describe("renderChart", () => {
  it("returns the manifests, hooks last, and the top chart's notes", () => {
    const r = renderChart(chart, { releaseName: "r", namespace: "ns" });
    expect(r.error).toBeUndefined();
    expect(r.notes).toBe("Hello r");
    expect(r.manifests.map((m) => [m.source, m.kind, m.apiVersion, m.name, m.namespace, m.hook])).toEqual([
      ["demo/templates/a.yaml", "Service", "v1", "s", "ns", ""],
      ["demo/templates/h.yaml", "Pod", "v1", "t", "", "test"],
    ]);
    expect(renderChart(chart, { skipTests: true }).manifests).toHaveLength(1);
  });

  it.each<[RenderOptions, HelmErrorCode, string | undefined]>([
    [{ set: ["image.tag=1"] }, "SCHEMA_INVALID", "image.tag"],
    [{ set: ["a"] }, "VALUES_INVALID", undefined],
    [{ values: ["a: [1"], valuesFiles: ["bad.yaml"] }, "VALUES_INVALID", undefined],
    [{ kubeVersion: "x" }, "KUBE_VERSION", undefined],
    [{ showOnly: ["templates/none.yaml"] }, "SHOW_ONLY_MISSING", undefined],
  ])("%j fails with %s", (opts, code, valuesPath) => {
    const r = renderChart(chart, opts);
    expect(r.output).toBe("");
    expect({ code: r.error?.code, valuesPath: r.error?.valuesPath }).toEqual({ code, valuesPath });
    expect(r.error?.stderr.startsWith("Error: ")).toBe(true);
  });

  it("positions template errors", () => {
    const bad = loadChart(files({ "Chart.yaml": "apiVersion: v2\nname: d\nversion: 0.1.0\n", "templates/t.yaml": "a: 1\nb: {{ .Values.x.y }}" }));
    const e = renderChart(bad).error;
    expect({ code: e?.code, file: e?.file, line: e?.line, col: e?.col }).toEqual({ code: "TEMPLATE_EXEC", file: "d/templates/t.yaml", line: 2, col: 13 });
  });
});
