/**
 * The chart model: what `loadChart` builds from a files map and what the render pipeline walks.
 * Mirrors Helm's `chart.Chart` (pkg/chart/v2) closely enough for rendering.
 */
import type { GoMap } from "../template/value";

/** A chart's files keyed by chart-relative '/' paths (`Chart.yaml`, `templates/x.yaml`, `charts/sub/...`). */
export type ChartFiles = Map<string, Uint8Array>;

/** One entry of Chart.yaml `dependencies` (or requirements.yaml for apiVersion v1 charts). */
export interface Dependency {
  name: string;
  version?: string;
  repository?: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  importValues?: (string | { child: string; parent: string })[];
  alias?: string;
}

/** Chart.yaml, with Go's field names kept for `.Chart` (see objects.ts). */
export interface Metadata {
  /** The parsed Chart.yaml map, for any field `.Chart` exposes. */
  raw: GoMap;
  name: string;
  version: string;
  apiVersion: string;
  type?: string;
  dependencies: Dependency[];
}

/** A template file: name is the chart-relative path (`templates/a.yaml`). */
export interface ChartFile {
  name: string;
  data: Uint8Array;
}

export interface Chart {
  metadata: Metadata;
  /** values.yaml, parsed (an empty map when absent). */
  values: GoMap;
  /** values.yaml's raw text, kept for error messages and the UI. */
  rawValues?: string;
  /** Files under templates/. */
  templates: ChartFile[];
  /** Every other file that is not Chart.yaml, values.yaml, templates/ or charts/ (what `.Files` sees). */
  files: ChartFile[];
  /** values.schema.json bytes, when present. */
  schema?: Uint8Array;
  /** Files under crds/. */
  crds: ChartFile[];
  /** Subcharts loaded from charts/ (directories and .tgz archives). */
  dependencies: Chart[];
  parent?: Chart;
  /** Lazily filled by the engine: the parsed template set for this chart tree (see engine.ts). */
  cache?: unknown;
}

/** The chart's name path as Helm prints it in template names: `parent/charts/child`. */
export function chartFullPath(c: Chart): string {
  return c.parent ? `${chartFullPath(c.parent)}/charts/${c.metadata.name}` : c.metadata.name;
}
