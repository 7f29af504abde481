/**
 * Test-only: the studio's chart from disk and the real Helm run over exported files. Node-only: never
 * imported by library code.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadDirFiles } from "../helm/node/load-dir";
import { loadChart } from "../helm/load-chart";
import { runHelm, writeTree, type HelmRun } from "../../test/real-helm";
import type { Chart, ChartFiles } from "../helm/chart";
import type { ExportedFile } from "./environment-files";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const chartDir = path.join(repoRoot, "chart-templates/developer-mesh");

let cached: { files: ChartFiles; chart: Chart } | undefined;
/** The developer-mesh chart's files and the loaded chart (loaded once per test file). */
export function studioChart(): { files: ChartFiles; chart: Chart } {
  if (!cached) {
    const files = loadDirFiles(chartDir);
    cached = { files, chart: loadChart(files) };
  }
  return cached;
}

/** `helm template <release> <chart> -n <ns> -f …` with the given files written to a temp dir. */
export function helmTemplate(chart: string, files: readonly ExportedFile[], opts: { release: string; namespace: string }): HelmRun {
  const dir = writeTree(Object.fromEntries(files.map((f) => [f.name, f.text])), "ws-export-");
  return runHelm(["template", opts.release, chart, "-n", opts.namespace, ...files.flatMap((f) => ["-f", path.join(dir, f.name)])], dir);
}

/** Writes bytes into a fresh temp dir and returns the file's path. */
export function writeTemp(name: string, bytes: Uint8Array): string {
  const dir = writeTree({}, "ws-pkg-");
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

export { runHelm };
