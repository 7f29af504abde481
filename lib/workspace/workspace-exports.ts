/**
 * The studio's downloads for a workspace, over lib/export: an environment's values files, all
 * environments in one .zip, the chart package, the helm command beside each, and the permalink.
 */
import type { Chart, ChartFiles } from "../helm/chart";
import {
  chartDefaults,
  chartPackage,
  decodePermalink,
  editValuesText,
  encodePermalink,
  exportEnvironment,
  helmCommand,
  mergeLayers,
  minimalOverrides,
  parseLayer,
  splitSecrets,
  valuesBundle,
  type ChartPackage,
  type EnvironmentExport,
  type ExportedFile,
  type ValuesExportMode,
  type ValuesLayer,
} from "../export/index";
import { SECRET_PATHS } from "../values/secrets";
import { environmentLayers } from "./layers";
import { splitPath } from "./values-path";
import { parseWorkspace, type Workspace } from "./workspace";

export interface ValuesExportOptions {
  mode?: ValuesExportMode;
  /** Plaintext secrets into `values-<env>.secrets.yaml`. Defaults to false. */
  includeSecrets?: boolean;
  /** More layers on top of the environment (the CLI's `-f`). */
  extra?: readonly ValuesLayer[];
}

/** One environment's values files (default mode: overrides of the chart defaults). */
export function environmentExport(chart: Chart, ws: Workspace, env: string, options: ValuesExportOptions = {}): EnvironmentExport {
  const [base, ...layers] = environmentLayers(ws, env, options.extra);
  return exportEnvironment({
    chart,
    env,
    base: base as ValuesLayer,
    layers,
    mode: options.mode ?? "overrides",
    includeSecrets: options.includeSecrets,
  });
}

/** Every -f file of an export, in order (the secrets file last). */
export const exportedValuesFiles = (e: EnvironmentExport): ExportedFile[] => (e.secrets ? [...e.files, e.secrets] : e.files);

/** `<chart>-<version>-values.zip` holding every environment's files. */
export function allEnvironmentsBundle(chart: Chart, ws: Workspace, options: Omit<ValuesExportOptions, "extra"> = {}): { name: string; bytes: Uint8Array } {
  const files = ws.environments.flatMap((e) => exportedValuesFiles(environmentExport(chart, ws, e.name, options)));
  return { name: `${ws.chart.name}-${ws.chart.version}-values.zip`, bytes: valuesBundle(files) };
}

export interface PackageOptions {
  /** The environment whose values (with `extra`) become the package's values.yaml; without it, only `extra` do. */
  env?: string;
  /** Write that environment's plaintext secrets into values.yaml too. Defaults to false. */
  includeSecrets?: boolean;
  /** More layers on top of the environment (the CLI's and API's extra values). */
  extra?: readonly ValuesLayer[];
}

/**
 * The chart package with every environment's overrides file (`values-<env>.yaml`, no secrets) beside
 * values.yaml; `files` are the chart directory's files as read from disk.
 */
export function workspacePackage(files: ChartFiles, chart: Chart, ws: Workspace, options: PackageOptions = {}): ChartPackage {
  const environmentFiles = ws.environments.flatMap((e) => environmentExport(chart, ws, e.name).files);
  const layers = options.env !== undefined ? environmentLayers(ws, options.env, options.extra) : (options.extra ?? []);
  let values;
  if (layers.length > 0) {
    const overrides = minimalOverrides(mergeLayers(layers.map(parseLayer)), new Map(), chartDefaults(chart));
    values = options.includeSecrets ? overrides : splitSecrets(overrides).values;
  }
  return chartPackage({ files, chart, environmentFiles, values });
}

/** The helm command that installs `env` from the package with the export's values files. */
export function installCommand(ws: Workspace, packageName: string, valuesFiles: readonly string[]): string {
  return helmCommand({ release: ws.release.name, namespace: ws.release.namespace, chart: `./${packageName}`, valuesFiles });
}

/** A layer text without any secret value (comments and everything else kept). */
export function withoutSecrets(text: string): string {
  const values = parseLayer({ name: "layer", text });
  if (splitSecrets(values).paths.length === 0) return text;
  return editValuesText(text, SECRET_PATHS.map((p) => ({ path: splitPath(p), unset: true as const })));
}

/**
 * The workspace with every secret removed from every layer and snapshot, and without export records
 * (they hold layer texts too): what a permalink shares.
 */
export function workspaceWithoutSecrets(ws: Workspace): Workspace {
  const strip = (envs: Workspace["environments"]): Workspace["environments"] => envs.map((e) => ({ ...e, values: withoutSecrets(e.values) }));
  return {
    ...ws,
    base: withoutSecrets(ws.base),
    environments: strip(ws.environments),
    snapshots: ws.snapshots.map((s) => ({ ...s, base: withoutSecrets(s.base), environments: strip(s.environments) })),
    exports: [],
  };
}

/** The URL fragment (without `#`) that reproduces the workspace, secrets removed. */
export function workspacePermalink(ws: Workspace): string {
  return encodePermalink(workspaceWithoutSecrets(ws));
}

/** The workspace a permalink fragment holds, never with export records (a link shares none). Throws PermalinkError or WorkspaceError. */
export function workspaceFromPermalink(fragment: string): Workspace {
  return { ...parseWorkspace(decodePermalink(fragment.replace(/^#/, ""))), exports: [] };
}

/**
 * The workspace file's text: the workspace as JSON, without export records. They say what this browser
 * downloaded, which a file opened elsewhere must not claim, and they would carry the layers a second time.
 */
export function workspaceFileText(ws: Workspace): string {
  return `${JSON.stringify({ ...ws, exports: undefined }, null, 2)}\n`;
}
