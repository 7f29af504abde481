/**
 * An environment's values as downloadable files: overrides of the chart's defaults (one standalone
 * `values-<env>.yaml`), overrides of base (`values-base.yaml` + `values-<env>.yaml`), or the full
 * effective values. Keys follow the chart's order; secrets stay out unless asked for, and then go to
 * `values-<env>.secrets.yaml`, given last to Helm.
 */
import type { Chart } from "../helm/chart";
import type { GoMap } from "../template/value";
import {
  chartDefaults,
  effectiveValues,
  effectiveValuesKeepingNulls,
  inChartOrder,
  mergeLayers,
  minimalOverrides,
  parseLayer,
  type ValuesLayer,
} from "./layered-values";
import { splitSecrets } from "./split-secrets";
import { valuesYaml } from "./values-document";

/**
 * - `overrides`: only what differs from the chart's defaults (one file).
 * - `base-overrides`: base's overrides of the defaults, then the environment's overrides of base (two files).
 * - `full`: every effective value (one file).
 */
export type ValuesExportMode = "overrides" | "base-overrides" | "full";

export const VALUES_EXPORT_MODES: readonly ValuesExportMode[] = ["overrides", "base-overrides", "full"];

export interface EnvironmentExportInput {
  chart: Chart;
  /** The environment's name, used in file names (`values-<env>.yaml`). */
  env: string;
  /** The shared base layer. */
  base: ValuesLayer;
  /** The environment's layer, then any extra layers on top (e.g. the CLI's `-f`). */
  layers: readonly ValuesLayer[];
  mode: ValuesExportMode;
  /** Write plaintext secrets to `values-<env>.secrets.yaml`. Defaults to false. */
  includeSecrets?: boolean;
}

export interface ExportedFile {
  name: string;
  text: string;
}

export interface EnvironmentExport {
  /** The values files in the order Helm must read them (`-f` each). */
  files: ExportedFile[];
  /** Plaintext secrets, only when asked for and there are any; give it to Helm after `files`. */
  secrets?: ExportedFile;
  /** Dotted paths of the secrets set by the layers that `files` leave out. */
  secretPaths: string[];
}

export const valuesFileName = (env: string): string => `values-${env}.yaml`;
export const secretsFileName = (env: string): string => `values-${env}.secrets.yaml`;

const MODE_TEXT: Record<ValuesExportMode, string> = {
  overrides: "overrides of the chart defaults",
  "base-overrides": "overrides of the base layer",
  full: "full effective values",
};

function header(chart: Chart, what: string, secretCount: number, secretsFile: string): string[] {
  const lines = [`${chart.metadata.name} ${chart.metadata.version}: ${what}`];
  if (secretCount > 0) {
    lines.push(`${secretCount} secret value(s) are left out: use existingSecret references, or ${secretsFile}`);
  }
  return lines;
}

/** The exported files of one environment. Throws HelmError (VALUES_INVALID) for a layer Helm cannot read. */
export function exportEnvironment(input: EnvironmentExportInput): EnvironmentExport {
  const { chart, env, mode } = input;
  const defaults = chartDefaults(chart);
  const base = parseLayer(input.base);
  const envLayer = mergeLayers(input.layers.map(parseLayer));
  const user = mergeLayers([base, envLayer]);
  const secretsName = secretsFileName(env);

  // The user values each file carries, in -f order, before secrets are taken out.
  const parts: { name: string; what: string; values: GoMap }[] = [];
  if (mode === "full") {
    parts.push({ name: valuesFileName(env), what: `environment ${env}, ${MODE_TEXT.full}`, values: effectiveValuesKeepingNulls(chart, user) });
  } else if (mode === "overrides") {
    parts.push({ name: valuesFileName(env), what: `environment ${env}, ${MODE_TEXT.overrides}`, values: minimalOverrides(user, new Map(), defaults) });
  } else {
    const baseMin = minimalOverrides(base, new Map(), defaults);
    parts.push({ name: valuesFileName("base"), what: `base layer, ${MODE_TEXT.overrides}`, values: baseMin });
    parts.push({
      name: valuesFileName(env),
      what: `environment ${env}, ${MODE_TEXT["base-overrides"]} (give values-base.yaml first)`,
      values: minimalOverrides(envLayer, base, effectiveValues(chart, base)),
    });
  }
  const split = parts.map((p) => ({ ...p, ...splitSecrets(p.values) }));
  // Secrets are leaves: the later files win, exactly as merging the layers would.
  const secretValues = splitSecrets(mergeLayers(parts.map((p) => p.values))).secrets;
  const secretPaths = [...new Set(split.flatMap((s) => s.paths))];

  const files = split.map((s) => ({
    name: s.name,
    text: valuesYaml(inChartOrder(s.values, defaults), header(chart, s.what, s.paths.length, secretsName)),
  }));
  const result: EnvironmentExport = { files, secretPaths };
  if (input.includeSecrets && secretPaths.length > 0) {
    result.secrets = {
      name: secretsName,
      text: valuesYaml(inChartOrder(secretValues, defaults), [
        `${chart.metadata.name} ${chart.metadata.version}: environment ${env}, PLAINTEXT SECRETS`,
        "Keep this file out of version control; prefer existingSecret references.",
      ]),
    };
  }
  return result;
}
