/**
 * The workspace (docs/product-design.md): what is autosaved, written to a workspace file and shared as a
 * permalink. Layers are YAML texts, never lossy objects, so comments and key order survive every round.
 */
import { z } from "zod";
import type { Chart } from "../helm/chart";
import { utf8String } from "../template/value";
import { environmentNameProblem } from "./environment-name";
import { WorkspaceError } from "./errors";

export const WORKSPACE_VERSION = 1;

/** The layer every environment builds on; not a valid environment name. */
export const BASE_LAYER = "base";

export interface Environment {
  name: string;
  /** The environment's values layer (YAML text). */
  values: string;
}

/** A named copy of the layers, taken by the user to come back to. */
export interface Snapshot {
  name: string;
  /** ISO 8601 time it was taken. */
  at: string;
  base: string;
  environments: Environment[];
}

/**
 * What a download was. The values file modes (lib/export), the plaintext secrets file, every environment's
 * files as one .zip, and the chart .tgz: each carries the environment's values out of the browser. The
 * copied helm command carries none (it only names files), and the workspace file and the permalink are
 * copies of the work, not a deployable export, so none of those three is recorded.
 */
export const EXPORT_KINDS = ["overrides", "base-overrides", "full", "secrets", "all-environments", "chart-package"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * An environment's last export from this browser: enough to render again exactly what was exported. It
 * holds the layer texts (secrets included, like the layers themselves), so it stays in the autosaved
 * workspace and never goes into a permalink or a workspace file.
 */
export interface ExportRecord {
  env: string;
  /** ISO 8601 time of the download. */
  at: string;
  kind: ExportKind;
  /** The downloaded file's name. */
  file: string;
  /** The base layer and the environment's layer (YAML texts) it was made from. */
  base: string;
  values: string;
}

export interface Workspace {
  version: typeof WORKSPACE_VERSION;
  chart: { name: string; version: string };
  release: { name: string; namespace: string };
  /** `--kube-version` for previews; "" means Helm's default. */
  kubeVersion: string;
  /** The base layer (YAML text), under every environment. */
  base: string;
  environments: Environment[];
  /** The layer being edited: `base` or an environment's name. */
  active: string;
  snapshots: Snapshot[];
  /** The last export of each environment that was exported (one record per environment at most). */
  exports: ExportRecord[];
}

const environmentSchema = z.object({ name: z.string(), values: z.string() });

const workspaceSchema = z.object({
  version: z.literal(WORKSPACE_VERSION),
  chart: z.object({ name: z.string(), version: z.string() }),
  release: z.object({ name: z.string().min(1), namespace: z.string().min(1) }),
  kubeVersion: z.string(),
  base: z.string(),
  environments: z.array(environmentSchema).min(1),
  active: z.string(),
  snapshots: z.array(z.object({ name: z.string(), at: z.string(), base: z.string(), environments: z.array(environmentSchema) })),
  // Added within version 1: a record saved before it has none, and one read by an older studio loses only
  // these records (zod drops unknown keys), so neither needs a version change that would set it aside.
  exports: z
    .array(z.object({ env: z.string(), at: z.string(), kind: z.enum(EXPORT_KINDS), file: z.string(), base: z.string(), values: z.string() }))
    .default([]),
});

/** Environments the chart ships come first in this order; others follow by name. */
const PREFERRED = ["dev", "staging", "prod"];
const ENV_FILE = /^values-(.+)\.yaml$/;

/** Release defaults of a new workspace: the chart's name, installed into the `devmesh` namespace. */
export const DEFAULT_NAMESPACE = "devmesh";

/** A new workspace for `chart`: an empty base, and one environment per `values-<env>.yaml` it ships. */
export function createWorkspace(chart: Chart): Workspace {
  const envs: Environment[] = [];
  for (const f of chart.files) {
    const m = ENV_FILE.exec(f.name);
    if (m?.[1] && environmentNameProblem(m[1], envs.map((e) => e.name)) === null) envs.push({ name: m[1], values: utf8String(f.data) });
  }
  const rank = (n: string): number => (PREFERRED.includes(n) ? PREFERRED.indexOf(n) : PREFERRED.length);
  envs.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (envs.length === 0) envs.push({ name: "dev", values: "" });
  return {
    version: WORKSPACE_VERSION,
    chart: { name: chart.metadata.name, version: chart.metadata.version },
    release: { name: chart.metadata.name, namespace: DEFAULT_NAMESPACE },
    kubeVersion: "",
    base: "",
    environments: envs,
    active: envs[0]?.name ?? BASE_LAYER,
    snapshots: [],
    exports: [],
  };
}

/** A workspace from untrusted JSON (a workspace file, a permalink, IndexedDB). Throws WorkspaceError. */
export function parseWorkspace(json: unknown): Workspace {
  const r = workspaceSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.join(".") ?? "";
    throw new WorkspaceError("WORKSPACE_INVALID", `not a workspace file: ${where ? `${where}: ` : ""}${issue?.message ?? "invalid"}`, where);
  }
  const ws = r.data as Workspace;
  const names: string[] = [];
  for (const [i, e] of ws.environments.entries()) {
    const problem = environmentNameProblem(e.name, names);
    if (problem) throw new WorkspaceError("WORKSPACE_INVALID", `not a workspace file: environments.${i}.name: ${problem}`, `environments.${i}.name`);
    names.push(e.name);
  }
  const active = ws.active === BASE_LAYER || names.includes(ws.active) ? ws.active : (ws.environments[0]?.name ?? BASE_LAYER);
  return { ...ws, active, exports: exportsOfEnvironments(ws, ws.exports) };
}

/** The records of `exports` that belong to an environment of `ws`, the last one of each environment. */
export function exportsOfEnvironments(ws: Workspace, exports: readonly ExportRecord[]): ExportRecord[] {
  const byEnv = new Map<string, ExportRecord>();
  for (const r of exports) if (ws.environments.some((e) => e.name === r.env)) byEnv.set(r.env, r);
  return [...byEnv.values()];
}

/** The environment named `name`. Throws WorkspaceError (ENV_NOT_FOUND). */
export function environmentOf(ws: Workspace, name: string): Environment {
  const env = ws.environments.find((e) => e.name === name);
  if (!env) throw new WorkspaceError("ENV_NOT_FOUND", `there is no environment named "${name}"`);
  return env;
}

/** The text of a layer (`base` or an environment). */
export function layerText(ws: Workspace, layer: string): string {
  return layer === BASE_LAYER ? ws.base : environmentOf(ws, layer).values;
}

/** The workspace with one layer's text replaced. */
export function withLayerText(ws: Workspace, layer: string, text: string): Workspace {
  // The same workspace object for the same text: the undo history then records no empty step.
  if (layerText(ws, layer) === text) return ws;
  if (layer === BASE_LAYER) return { ...ws, base: text };
  environmentOf(ws, layer);
  return { ...ws, environments: ws.environments.map((e) => (e.name === layer ? { ...e, values: text } : e)) };
}
