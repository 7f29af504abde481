import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Chart } from "../helm/index";
import { renderChart } from "../helm/index";
import { loadChartDir } from "../node";
import { describeChange, diffSummary } from "./diff-summary";
import { footprint } from "./footprint";
import { formatBytes, formatCpu, parseQuantity } from "./quantity";
import { reviewObjects, serviceOfSource } from "./review-object";

const CHART = path.resolve(import.meta.dirname, "../../chart-templates/developer-mesh");
let chart: Chart;
beforeAll(() => {
  chart = loadChartDir(CHART);
});

function objects(env: string | null, extra = "") {
  const layers = env === null ? [extra] : [readFileSync(path.join(CHART, `values-${env}.yaml`), "utf8"), extra];
  const r = renderChart(chart, { values: layers, releaseName: "developer-mesh", namespace: "devmesh" });
  expect(r.error?.message).toBeUndefined();
  return reviewObjects(r.manifests);
}

describe("review/quantity", () => {
  it.each([
    ["500m", 0.5],
    ["4", 4],
    ["1.5", 1.5],
    ["512Mi", 512 * 2 ** 20],
    ["1Gi", 2 ** 30],
    ["1G", 1e9],
    ["1e3", 1000],
    [2, 2],
    ["lots", undefined],
  ] as const)("%s", (q, want) => expect(parseQuantity(q)).toBe(want));
  it("prints CPU and bytes the way they are written", () => {
    expect([formatCpu(0.25), formatCpu(6), formatBytes(1.5 * 2 ** 30), formatBytes(512 * 2 ** 20)]).toEqual(["250m", "6", "1.5Gi", "512Mi"]);
  });
});

describe("review/review-object", () => {
  it("names the service of a template path", () => {
    expect(serviceOfSource("developer-mesh/charts/rest-api/templates/deployment.yaml")).toBe("rest-api");
    expect(serviceOfSource("developer-mesh/templates/networkpolicy.yaml")).toBe("developer-mesh");
  });
  it("places each document at its `---` line of the output", () => {
    const r = renderChart(chart, { values: [readFileSync(path.join(CHART, "values-prod.yaml"), "utf8")], releaseName: "developer-mesh", namespace: "devmesh" });
    const lines = r.output.split("\n");
    for (const o of reviewObjects(r.manifests)) {
      expect(lines[o.line - 1]).toBe("---");
      expect(lines[o.line]).toBe(`# Source: ${o.manifest.source}`);
    }
  });
});

describe("review/footprint", () => {
  it("counts prod's replicas with the HPA range and multiplies the requests", () => {
    const f = footprint(objects("prod"));
    const api = f.services.find((s) => s.service === "rest-api");
    expect(api).toMatchObject({ minReplicas: 3, maxReplicas: 20, hosts: ["api.developer-mesh.com"] });
    expect(api?.perReplica.cpuRequest).toBeCloseTo(0.5);
    expect(api?.atMax.memoryRequest).toBe(20 * 2 ** 30);
    expect(api?.images.some((i) => i.endsWith("developer-mesh-rest-api:0.0.14"))).toBe(true);
    expect(f.totals.minReplicas).toBe(f.services.reduce((n, s) => n + s.minReplicas, 0));
  });
  it("counts dev's embedded database storage", () => {
    const f = footprint(objects("dev"));
    expect(f.totals.storage).toBeGreaterThan(0);
  });
});

describe("review/diff-summary", () => {
  it("names what changed per resource between staging and prod", () => {
    const changes = diffSummary(objects("staging"), objects("prod"));
    const api = changes.find((c) => c.resource === "Deployment/developer-mesh-rest-api");
    expect(api?.change).toBe("changed");
    expect(changes.some((c) => c.change === "added" || c.change === "removed" || c.change === "changed")).toBe(true);
  });
  it("reports a replica change in its short form", () => {
    const changes = diffSummary(objects("dev"), objects("dev", "worker:\n  replicaCount: 5\n"));
    const worker = changes.find((c) => c.resource === "Deployment/developer-mesh-worker");
    expect(worker?.fields).toContainEqual({ field: "replicas", before: "1", after: "5" });
    expect(describeChange(worker!)).toMatch(/^Deployment\/developer-mesh-worker: .*replicas 1 → 5/);
  });
  it("reports nothing for identical renders", () => {
    expect(diffSummary(objects("prod"), objects("prod"))).toEqual([]);
  });
});
