/**
 * An environment's layers and what Helm makes of them: effective values (chart defaults ⊕ base ⊕ env, by
 * the engine's coalescing) and the preview (the engine's `helm template`).
 */
import type { Chart } from "../helm/chart";
import { renderChart, type RenderResult } from "../helm/render-chart";
import { effectiveValues, mergeLayers, parseLayer, valuesFileName, type ValuesLayer } from "../export/index";
import type { GoMap } from "../template/value";
import { environmentOf, type Workspace } from "./workspace";

/** The `-f` layers of an environment, lowest first: base, the environment, then `extra`. */
export function environmentLayers(ws: Workspace, env: string, extra: readonly ValuesLayer[] = []): ValuesLayer[] {
  return [{ name: valuesFileName("base"), text: ws.base }, { name: valuesFileName(env), text: environmentOf(ws, env).values }, ...extra];
}

/** The environment's effective values. Throws HelmError (VALUES_INVALID) for a layer Helm cannot read. */
export function environmentValues(chart: Chart, ws: Workspace, env: string): GoMap {
  return effectiveValues(chart, mergeLayers(environmentLayers(ws, env).map(parseLayer)));
}

/**
 * What `helm template` prints for an environment (or, with `env` null, for the chart defaults) with `extra`
 * layers on top, using the workspace's release, namespace and kube version. Never throws for values or
 * chart problems: they come back as `error`.
 */
export function renderEnvironment(chart: Chart, ws: Workspace, env: string | null, extra: readonly ValuesLayer[] = []): RenderResult {
  const layers = env === null ? [...extra] : environmentLayers(ws, env, extra);
  return renderChart(chart, {
    values: layers.map((l) => l.text),
    valuesFiles: layers.map((l) => l.name),
    releaseName: ws.release.name,
    namespace: ws.release.namespace,
    kubeVersion: ws.kubeVersion === "" ? undefined : ws.kubeVersion,
  });
}
