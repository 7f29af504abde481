/**
 * Reads the studio's chart from `chart-templates/<name>` on disk as plain data (React server → client props
 * must be serialisable, and ChartFiles holds Uint8Arrays). No `server-only` marker here, so the render
 * workers and instrumentation.ts, which Next bundles outside React's server graph, can read it too;
 * React code imports it through chart-source.ts, which carries the marker.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { loadDirFiles } from "../helm/node/load-dir";

/** The chart's files as server→client data: chart-relative '/' path → file bytes in base64 (charts may hold binary files). */
export interface ChartSource {
  /** The chart directory, relative to the project root (for messages). */
  dir: string;
  files: Record<string, string>;
}

/** The chart the studio edits. */
export const STUDIO_CHART_DIR = path.join("chart-templates", "developer-mesh");

/** Charts already read (per thread), by absolute directory: every page renders per request (for its CSP nonce), the chart does not change. */
const read = new Map<string, ChartSource | null>();

/**
 * Reads every file of the chart directory `dir` (relative to `root`), once per server process. Returns null
 * when the directory or its Chart.yaml is missing, so the page can say so instead of failing.
 */
export function readChartSource(dir: string = STUDIO_CHART_DIR, root: string = process.cwd()): ChartSource | null {
  // The server bundle needs no file tracing for these reads: the chart sits beside the server.
  const abs = path.resolve(/*turbopackIgnore: true*/ root, dir);
  if (!read.has(abs)) read.set(abs, readDir(abs, dir));
  return read.get(abs) ?? null;
}

function readDir(abs: string, dir: string): ChartSource | null {
  if (!existsSync(/*turbopackIgnore: true*/ path.join(abs, "Chart.yaml")) || !statSync(/*turbopackIgnore: true*/ abs).isDirectory()) {
    return null;
  }
  const files: Record<string, string> = {};
  for (const [name, bytes] of loadDirFiles(abs)) files[name] = Buffer.from(bytes).toString("base64");
  return { dir: dir.split(path.sep).join("/"), files };
}
