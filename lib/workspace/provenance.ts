/**
 * Where each value of an environment comes from: the chart's defaults, the base layer or the environment.
 * The highest layer that writes a key (or anything under it) owns it, as the last `-f` file wins in Helm.
 */
import type { Chart } from "../helm/chart";
import { mergeLayers, parseLayer } from "../export/index";
import type { GoMap, Value } from "../template/value";
import { isGoMap } from "../template/value";
import { environmentLayers, environmentValues } from "./layers";
import { joinPath } from "./values-path";
import type { Workspace } from "./workspace";

export type ValueSource = "default" | "base" | "env";

export interface Provenance {
  source: ValueSource;
  /** The layer deleted the key with `null`: it has no effective value. */
  deleted: boolean;
}

/** Every dotted path of a values tree, maps included, in tree order (`onEach` sees keys and value). */
export function walkValues(m: GoMap, onEach: (keys: string[], v: Value) => void, prefix: string[] = []): void {
  for (const [k, v] of m) {
    const keys = [...prefix, k];
    onEach(keys, v);
    if (isGoMap(v)) walkValues(v, onEach, keys);
  }
}

function pathSet(m: GoMap): Set<string> {
  const out = new Set<string>();
  walkValues(m, (keys) => out.add(joinPath(keys)));
  return out;
}

/** Provenance of every key of the environment's effective values, plus the keys its layers delete. */
export function environmentProvenance(chart: Chart, ws: Workspace, env: string): Map<string, Provenance> {
  const [base, envLayer] = environmentLayers(ws, env).map(parseLayer) as [GoMap, GoMap];
  const fromBase = pathSet(base);
  const fromEnv = pathSet(envLayer);
  const sourceOf = (p: string): ValueSource => (fromEnv.has(p) ? "env" : fromBase.has(p) ? "base" : "default");
  const out = new Map<string, Provenance>();
  walkValues(environmentValues(chart, ws, env), (keys) => {
    const p = joinPath(keys);
    out.set(p, { source: sourceOf(p), deleted: false });
  });
  walkValues(mergeLayers([base, envLayer]), (keys, v) => {
    const p = joinPath(keys);
    if (v === null && !out.has(p)) out.set(p, { source: sourceOf(p), deleted: true });
  });
  return out;
}
