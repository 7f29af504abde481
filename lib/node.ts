/** Node-only helpers: load a chart from a directory or a .tgz path on disk. */
import { readFileSync, statSync } from "node:fs";
import type { Chart } from "./helm/chart";
import { loadChart } from "./helm/load-chart";
import { loadDirFiles } from "./helm/node/load-dir";

/** Loads the chart in directory `dir`. */
export function loadChartDir(dir: string): Chart {
  return loadChart(loadDirFiles(dir));
}

/** Loads a chart from a directory or a packaged .tgz file. */
export function loadChartPath(p: string): Chart {
  return statSync(p).isDirectory() ? loadChartDir(p) : loadChart(new Uint8Array(readFileSync(p)));
}
