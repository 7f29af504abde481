/**
 * The chart package `<name>-<version>.tgz`, laid out as `helm package` lays it out (lib/helm/archive's
 * writer: `<name>/` prefix, subcharts under `charts/<their name>/`, mode 0644, Helm's gzip header), with each
 * Chart.yaml rewritten from the loaded metadata as Helm rewrites it. Helm stamps entries with the files'
 * mtimes; here every time is fixed, so the same input gives the same bytes. It ships the workspace's environment files instead of the chart's own `values-*.yaml`, and
 * can carry one environment's overrides inside its values.yaml (written into the documented file, so its
 * comments stay).
 */
import type { Chart, ChartFiles } from "../helm/chart";
import { writeChartArchive } from "../helm/archive/index";
import { filterIgnored, parseIgnore } from "../helm/ignore/index";
import type { GoMap } from "../template/value";
import { isGoMap, utf8Bytes, utf8String } from "../template/value";
import { helmChartYaml } from "./chart-yaml";
import { editValuesText, type ValuesEdit } from "./edit-values-text";
import type { ExportedFile } from "./environment-files";

export interface ChartPackageInput {
  /** The chart directory's files, as read from disk (.helmignore is applied here, as `helm package` does). */
  files: ChartFiles;
  /** The same chart, loaded. */
  chart: Chart;
  /** Environment files to ship at the chart's top level, replacing its `values-*.yaml`. */
  environmentFiles?: readonly ExportedFile[];
  /** Overrides of the chart defaults to write into the package's values.yaml (the chosen environment). */
  values?: GoMap;
}

export interface ChartPackage {
  /** `<name>-<version>.tgz`. */
  name: string;
  bytes: Uint8Array;
}

const ENV_FILE = /^values-[^/]+\.yaml$/;

/**
 * The edits that make values.yaml give the same effective values as `overrides` given with `-f`. A user
 * null deletes a default, so a null on one of the chart's own keys removes the key; under a subchart's key
 * (and for keys the chart does not have) the null itself is kept, as Helm keeps it there too.
 */
function overrideEdits(overrides: GoMap, chart: Chart): ValuesEdit[] {
  const deps = new Set(chart.dependencies.map((d) => d.metadata.name));
  const edits: ValuesEdit[] = [];
  const walk = (m: GoMap, path: string[], own: GoMap | undefined): void => {
    for (const [k, v] of m) {
      const p = [...path, k];
      const ownChild = own && !(path.length === 0 && deps.has(k)) ? own.get(k) : undefined;
      if (v === null) {
        if (own && own.has(k) && !(path.length === 0 && deps.has(k))) edits.push({ path: p, unset: true });
        else edits.push({ path: p, value: null });
      } else if (isGoMap(v) && v.size > 0) walk(v, p, isGoMap(ownChild) ? ownChild : undefined);
      else edits.push({ path: p, value: v });
    }
  };
  walk(overrides, [], chart.values);
  return edits;
}

/**
 * Puts each chart's Chart.yaml as Helm saves it, and each directory subchart under `charts/<metadata name>/`
 * (Helm writes a dependency under its name, not its directory's). Subcharts are matched to directories as
 * the loader made them: by first appearance of `charts/<dir>/` in sorted paths, `_` and `.` names skipped.
 */
function asHelmSaves(files: ChartFiles, chart: Chart, prefix = ""): ChartFiles {
  const out: ChartFiles = new Map(files);
  out.set(`${prefix}Chart.yaml`, utf8Bytes(helmChartYaml(chart)));
  const dirs: string[] = [];
  for (const p of [...files.keys()].sort()) {
    if (!p.startsWith(`${prefix}charts/`) || p.endsWith(".prov")) continue;
    const rest = p.slice(prefix.length + "charts/".length);
    const dir = rest.includes("/") ? rest.slice(0, rest.indexOf("/")) : rest;
    if (!dirs.includes(dir) && !dir.startsWith("_") && !dir.startsWith(".")) dirs.push(dir);
  }
  let result = out;
  for (const [i, dir] of dirs.entries()) {
    const sub = chart.dependencies[i];
    // A packed subchart (`charts/x.tgz`) goes in as it is.
    if (!sub || dir.endsWith(".tgz")) continue;
    const from = `${prefix}charts/${dir}/`;
    const to = `${prefix}charts/${sub.metadata.name}/`;
    if (from !== to) {
      const moved: ChartFiles = new Map();
      for (const [p, data] of result) moved.set(p.startsWith(from) ? to + p.slice(from.length) : p, data);
      result = moved;
    }
    result = asHelmSaves(result, sub, to);
  }
  return result;
}

/** Builds the package. Throws HelmError/IgnoreError for a chart Helm could not package either. */
export function chartPackage(input: ChartPackageInput): ChartPackage {
  const { chart } = input;
  const ignore = input.files.get(".helmignore");
  const kept = filterIgnored(input.files, parseIgnore(ignore ? utf8String(ignore) : null));
  const files: ChartFiles = new Map();
  for (const [p, data] of kept) if (!(input.environmentFiles && ENV_FILE.test(p))) files.set(p, data);
  for (const f of input.environmentFiles ?? []) files.set(f.name, utf8Bytes(f.text));
  if (input.values && input.values.size > 0) {
    const text = utf8String(files.get("values.yaml") ?? new Uint8Array(0));
    files.set("values.yaml", utf8Bytes(editValuesText(text, overrideEdits(input.values, chart))));
  }
  const name = `${chart.metadata.name}-${chart.metadata.version}.tgz`;
  return { name, bytes: writeChartArchive(chart.metadata.name, asHelmSaves(files, chart)) };
}
