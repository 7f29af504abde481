/**
 * The environment grid: every path that base or any environment sets, with its effective value in each
 * environment side by side (docs/product-design.md, "environment grid").
 */
import type { Chart } from "../helm/chart";
import { chartDefaults, inChartOrder, mergeLayers, parseLayer, type PlainValue } from "../export/index";
import type { GoMap, Value } from "../template/value";
import { GoInt, isGoMap } from "../template/value";
import { environmentValues } from "./layers";
import { walkValues, type ValueSource } from "./provenance";
import { joinPath } from "./values-path";
import type { Workspace } from "./workspace";

export interface GridCell {
  /** The effective value; undefined when the key is absent (never set, or deleted with null). */
  value: PlainValue | undefined;
  source: ValueSource;
}

export interface GridRow {
  /** Dotted path. */
  path: string;
  /** One cell per environment, in `EnvironmentGrid.environments` order. */
  cells: GridCell[];
  /** Whether the environments disagree on the value. */
  differs: boolean;
}

export interface EnvironmentGrid {
  environments: string[];
  rows: GridRow[];
}

/** A Go value as JSON-like data (for the UI and workspace files). */
export function toPlainValue(v: Value): PlainValue {
  if (isGoMap(v)) return Object.fromEntries([...v].map(([k, x]) => [k, toPlainValue(x)]));
  if (Array.isArray(v)) return v.map(toPlainValue);
  if (v instanceof GoInt) return Number(v.value);
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

function lookup(m: GoMap, keys: readonly string[]): Value | undefined {
  let cur: Value | undefined = m;
  for (const k of keys) cur = isGoMap(cur) ? cur.get(k) : undefined;
  return cur;
}

/** Leaf paths a layer sets (a map only counts when it is empty: its keys are the leaves). */
function leafPaths(m: GoMap): Map<string, string[]> {
  const out = new Map<string, string[]>();
  walkValues(m, (keys, v) => {
    if (!isGoMap(v) || v.size === 0) out.set(joinPath(keys), keys);
  });
  return out;
}

/** Throws HelmError (VALUES_INVALID) when a layer is not readable values. */
export function environmentGrid(chart: Chart, ws: Workspace): EnvironmentGrid {
  const base = parseLayer({ name: "values-base.yaml", text: ws.base });
  const layers = ws.environments.map((e) => parseLayer({ name: `values-${e.name}.yaml`, text: e.values }));
  const all = inChartOrder(mergeLayers([base, ...layers]), chartDefaults(chart));
  const baseLeaves = leafPaths(base);
  const envLeaves = layers.map(leafPaths);
  const effective = ws.environments.map((e) => environmentValues(chart, ws, e.name));
  const rows: GridRow[] = [];
  // Walking the merged layers in chart order keeps the rows in values.yaml order.
  for (const [path, keys] of leafPaths(all)) {
    if (!baseLeaves.has(path) && !envLeaves.some((l) => l.has(path))) continue;
    const cells = effective.map((values, i): GridCell => {
      const v = lookup(values, keys);
      return {
        value: v === undefined ? undefined : toPlainValue(v),
        source: envLeaves[i]?.has(path) ? "env" : baseLeaves.has(path) ? "base" : "default",
      };
    });
    const first = JSON.stringify(cells[0]?.value);
    rows.push({ path, cells, differs: cells.some((c) => JSON.stringify(c.value) !== first) });
  }
  return { environments: ws.environments.map((e) => e.name), rows };
}
