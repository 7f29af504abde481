// The product chart as the review's queue tests use it: its files, the dev layer, requests and fresh renders.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { loadChart, renderChart, type ChartFiles } from "@/lib/helm/index";
import { loadDirFiles } from "@/lib/helm/node/load-dir";
import type { RenderRequest } from "./render-protocol";

const CHART = path.resolve("chart-templates/developer-mesh");

/** The chart's files and its values-dev.yaml. */
export function devChart(): { files: ChartFiles; dev: string } {
  return { files: loadDirFiles(CHART), dev: readFileSync(path.join(CHART, "values-dev.yaml"), "utf8") };
}

/** The request of the dev environment with layers `base` and `env`. */
export function devRequest(base: string, env: string): RenderRequest {
  return { values: [base, env], valuesFiles: ["values-base.yaml", "values-dev.yaml"], releaseName: "developer-mesh", namespace: "dev", kubeVersion: "", environment: "dev" };
}

/** What `helm template` prints for `r`, rendered afresh (a new chart: nothing remembered from earlier renders). */
export function freshOutput(files: ChartFiles, r: RenderRequest): string {
  const result = renderChart(loadChart(files), { values: r.values, valuesFiles: r.valuesFiles, releaseName: r.releaseName, namespace: r.namespace });
  expect(result.error ?? null).toBeNull();
  return result.output;
}
