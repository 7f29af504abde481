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
  if (ws.active !== BASE_LAYER && !names.includes(ws.active)) return { ...ws, active: ws.environments[0]?.name ?? BASE_LAYER };
  return ws;
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
