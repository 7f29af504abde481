/**
 * Values layers over a chart, computed by the engine's own coalescing (lib/helm/coalesce), so that what is
 * exported is what the preview rendered: `-f l1 -f l2 …` merged into one map, then coalesced onto the
 * chart's defaults (null deletes a default).
 */
import type { Chart } from "../helm/chart";
import { coalesceValues, deepCopyValue, loadValuesText, mergeMaps } from "../helm/coalesce";
import type { GoMap, Value } from "../template/value";
import { isGoMap } from "../template/value";

/** One values layer: its YAML text and the file name Helm errors should name. */
export interface ValuesLayer {
  name: string;
  text: string;
}

const ignoreWarnings = (): void => {};

/** Parses a layer as Helm reads a `-f` file. Throws HelmError (VALUES_INVALID) with the file's name. */
export function parseLayer(layer: ValuesLayer): GoMap {
  return loadValuesText(layer.text, `failed to parse ${layer.name}`);
}

/** The user values of `-f` files in order: one map, later files winning (pkg/cli/values). */
export function mergeLayers(layers: readonly GoMap[]): GoMap {
  let out: GoMap = new Map();
  for (const l of layers) out = mergeMaps(out, deepCopyValue(l));
  return out;
}

/**
 * The chart's defaults as the engine coalesces them with no user values: the parent's values.yaml with each
 * subchart's defaults under its key and globals copied down. Its key order is the chart's order.
 */
export function chartDefaults(chart: Chart): GoMap {
  return coalesceValues(chart, new Map(), ignoreWarnings);
}

/** Effective values: user values coalesced onto the chart's defaults, exactly as `helm template` does. */
export function effectiveValues(chart: Chart, user: GoMap): GoMap {
  return coalesceValues(chart, user, ignoreWarnings);
}

/**
 * The same, but keeping every null the user set (Helm's MergeValues): written back as a `-f` file, it
 * deletes the same defaults again, so the full export renders like the layers it came from.
 */
export function effectiveValuesKeepingNulls(chart: Chart, user: GoMap): GoMap {
  return coalesceValues(chart, user, ignoreWarnings, true);
}

/** Deep equality of values trees (maps by key, not order; numbers and strings never equal). */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (isGoMap(a) && isGoMap(b)) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !valuesEqual(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  return false;
}

/**
 * The smallest part of `layer` that, applied as a later `-f` file over `below` (the user values under it,
 * possibly empty), still gives the same effective values. `reference` is the effective values of `below`
 * alone. A key is dropped when it would only repeat what is already there; nulls stay (they delete or add).
 */
export function minimalOverrides(layer: GoMap, below: GoMap, reference: GoMap): GoMap {
  const out: GoMap = new Map();
  for (const [k, v] of layer) {
    const under = below.get(k);
    const ref = reference.get(k);
    if (v === null) {
      // Repeating a null that the layer below already set changes nothing.
      if (!(below.has(k) && under === null)) out.set(k, null);
    } else if (isGoMap(v)) {
      if (!isGoMap(ref)) out.set(k, deepCopyValue(v));
      else {
        const sub = minimalOverrides(v, isGoMap(under) ? under : new Map(), ref);
        if (sub.size > 0) out.set(k, sub);
      }
    } else if (below.has(k)) {
      if (!valuesEqual(v, under)) out.set(k, deepCopyValue(v));
    } else if (!(reference.has(k) && valuesEqual(v, ref))) out.set(k, deepCopyValue(v));
  }
  return out;
}

/**
 * `values` with every map's keys in the order of `order` (the chart's defaults); keys the chart does not
 * have follow in their own order.
 */
export function inChartOrder(values: GoMap, order: GoMap | undefined): GoMap {
  const out: GoMap = new Map();
  const put = (k: string): void => {
    const v = values.get(k) as Value;
    const o = order?.get(k);
    out.set(k, isGoMap(v) ? inChartOrder(v, isGoMap(o) ? o : undefined) : v);
  };
  if (order) for (const k of order.keys()) if (values.has(k)) put(k);
  for (const k of values.keys()) if (!out.has(k)) put(k);
  return out;
}
