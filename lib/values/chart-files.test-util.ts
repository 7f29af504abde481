/**
 * Test-only access to the chart on disk (values files and their `## @param` comments), shared by the
 * lib/values tests and the chart acceptance tests. Node-only: never imported by library code.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { repoRoot } from "../../test/real-helm";

export const chartDir = path.join(repoRoot, "chart-templates/developer-mesh");

/** The environment overlays the chart ships beside values.yaml. */
export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const envValuesPath = (env: Environment): string => path.join(chartDir, `values-${env}.yaml`);

/** Parses a values file as Helm does (YAML 1.1 scalars). */
export function readValuesFile(file: string): Record<string, unknown> {
  const doc: unknown = parse(readFileSync(file, "utf8"), { version: "1.1" });
  return doc !== null && typeof doc === "object" ? (doc as Record<string, unknown>) : {};
}

/**
 * The umbrella's defaults: values.yaml with each subchart's own values.yaml under its key (the
 * umbrella wins), i.e. what Helm coalesces before any -f file.
 */
export function chartDefaults(): Record<string, unknown> {
  const values = readValuesFile(path.join(chartDir, "values.yaml"));
  const chartsDir = path.join(chartDir, "charts");
  for (const sub of existsSync(chartsDir) ? readdirSync(chartsDir) : []) {
    const file = path.join(chartsDir, sub, "values.yaml");
    if (!existsSync(file)) continue;
    const own = readValuesFile(file);
    delete own.global;
    values[sub] = mergeValues(own, values[sub]);
  }
  return values;
}

/** Deep-merges maps; `over` wins on conflicts (scalars and lists are replaced, not merged). */
export function mergeValues(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeValues(base[k], v);
  return out;
}

/** The `## @param path description` comments of values.yaml, in file order. */
export function paramComments(): Map<string, string> {
  const params = new Map<string, string>();
  for (const line of readFileSync(path.join(chartDir, "values.yaml"), "utf8").split("\n")) {
    const m = /^\s*##\s*@param\s+(\S+)\s*(.*)$/.exec(line);
    if (m) params.set(m[1]!, m[2]!.trim());
  }
  return params;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
