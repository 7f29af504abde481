/**
 * `devmesh-studio values --env prod [--full|--from-base] [--secrets] [-f extra.yaml]`: prints an
 * environment's values file, exactly what the studio downloads for the same workspace.
 * Also holds what `package` shares with it: flag parsing and reading the chart and workspace.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { EditError, PermalinkError, type ValuesExportMode, type ValuesLayer } from "../export/index";
import { readChartArchive } from "../helm/archive/index";
import type { Chart, ChartFiles } from "../helm/chart";
import { HelmError } from "../helm/errors";
import { loadChart } from "../helm/load-chart";
import { loadDirFiles } from "../helm/node/load-dir";
import { WorkspaceError, createWorkspace, environmentExport, parseWorkspace, type Workspace } from "../workspace/index";
import type { CliIO, Command } from "./main";
import { bundledChartDir } from "./template";

export interface WorkspaceFlag {
  long: string;
  short?: string;
  /** Takes a value (`--env prod`); `list` flags may repeat. */
  kind: "bool" | "string" | "list";
  help: string;
}

/** Flags both commands take. */
export const SOURCE_FLAGS: WorkspaceFlag[] = [
  { long: "env", short: "e", kind: "string", help: "the environment (e.g. prod)" },
  { long: "values", short: "f", kind: "list", help: "extra values files on top of the environment (can repeat)" },
  { long: "workspace", short: "w", kind: "string", help: "a workspace file saved from the studio (default: the chart's own environments)" },
  { long: "chart", kind: "string", help: "the chart directory or .tgz (default: the bundled developer-mesh chart)" },
];

export class UsageError extends Error {}

export interface ParsedFlags {
  positional: string[];
  bools: Set<string>;
  strings: Map<string, string>;
  lists: Map<string, string[]>;
}

/** pflag-style: `--flag value`, `--flag=value`, `-f value`, `-fvalue`. Throws UsageError. */
export function parseFlags(args: readonly string[], flags: readonly WorkspaceFlag[]): ParsedFlags {
  const out: ParsedFlags = { positional: [], bools: new Set(), strings: new Map(), lists: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (!arg.startsWith("-") || arg === "-") {
      out.positional.push(arg);
      continue;
    }
    let spec: WorkspaceFlag | undefined;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      spec = flags.find((f) => f.long === name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
    } else {
      spec = flags.find((f) => f.short === arg[1]);
      if (!spec) throw new UsageError(`unknown shorthand flag: '${arg[1] ?? ""}' in ${arg}`);
      const rest = arg.slice(2);
      inline = rest === "" ? undefined : rest.replace(/^=/, "");
    }
    if (spec.kind === "bool") {
      if (inline !== undefined) throw new UsageError(`flag --${spec.long} takes no value`);
      out.bools.add(spec.long);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`flag needs an argument: --${spec.long}`);
    if (spec.kind === "string") out.strings.set(spec.long, value);
    else out.lists.set(spec.long, [...(out.lists.get(spec.long) ?? []), value]);
  }
  return out;
}

export function flagHelp(flags: readonly WorkspaceFlag[]): string[] {
  return flags.map((f) => `  ${f.short ? `-${f.short}, ` : "    "}--${f.long.padEnd(16)} ${f.help}`);
}

export interface Source {
  files: ChartFiles;
  chart: Chart;
  ws: Workspace;
  env: string;
  extra: ValuesLayer[];
}

/** Reads the chart, the workspace and the extra files the flags name. Throws HelmError, WorkspaceError or UsageError. */
export function readSource(flags: ParsedFlags, io: CliIO, needEnv: boolean): Source {
  const chartArg = flags.strings.get("chart");
  const chartPath = chartArg ? path.resolve(io.cwd, chartArg) : bundledChartDir();
  const read = (p: string, what: string): Buffer => {
    try {
      return readFileSync(path.resolve(io.cwd, p));
    } catch {
      throw new UsageError(`open ${p}: no such ${what}`);
    }
  };
  let files: ChartFiles;
  if (existsSync(chartPath) && statSync(chartPath).isDirectory()) files = loadDirFiles(chartPath);
  else files = readChartArchive(new Uint8Array(read(chartPath, "chart"))).files;
  const chart = loadChart(files);
  const wsArg = flags.strings.get("workspace");
  let ws: Workspace;
  if (wsArg) {
    let json: unknown;
    try {
      json = JSON.parse(read(wsArg, "workspace file").toString("utf8"));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new WorkspaceError("WORKSPACE_INVALID", `${wsArg} is not JSON`);
    }
    ws = parseWorkspace(json);
  } else ws = createWorkspace(chart);
  const env = flags.strings.get("env");
  if (needEnv && env === undefined) {
    throw new UsageError(`--env is required (one of: ${ws.environments.map((e) => e.name).join(", ")})`);
  }
  if (env !== undefined && !ws.environments.some((e) => e.name === env)) {
    throw new UsageError(`unknown environment "${env}" (one of: ${ws.environments.map((e) => e.name).join(", ")})`);
  }
  const extra = (flags.lists.get("values") ?? []).map((f) => ({ name: f, text: read(f, "file").toString("utf8") }));
  return { files, chart, ws, env: env ?? "", extra };
}

/** Runs `body`, turning the library's errors into `Error: …` on stderr and exit code 1. */
export function reportErrors(io: CliIO, usage: string, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (e instanceof HelmError) io.stderr(e.stderr);
    else if (e instanceof UsageError) io.stderr(`Error: ${e.message}\n\n${usage}`);
    else if (e instanceof WorkspaceError || e instanceof EditError || e instanceof PermalinkError) io.stderr(`Error: ${e.message}\n`);
    else throw e;
    return 1;
  }
}

const FLAGS: WorkspaceFlag[] = [
  ...SOURCE_FLAGS,
  { long: "full", kind: "bool", help: "every effective value, not only the overrides of the chart defaults" },
  { long: "from-base", kind: "bool", help: "the overrides of the workspace's base layer (give values-base.yaml first)" },
  { long: "base", kind: "bool", help: "print values-base.yaml (the base layer's overrides) instead" },
  { long: "secrets", kind: "bool", help: "print the plaintext secrets file (values-<env>.secrets.yaml) instead" },
];

const USAGE = [
  "Print an environment's values file, as the studio exports it.",
  "",
  "Usage:",
  "  devmesh-studio values --env ENV [flags]",
  "",
  "Flags:",
  ...flagHelp(FLAGS),
  "  -h, --help             help for values",
  "",
].join("\n");

function runValues(args: string[], io: CliIO): number {
  return reportErrors(io, USAGE, () => {
    const flags = parseFlags(args, FLAGS);
    if (flags.positional.length > 0) throw new UsageError(`"devmesh-studio values" takes no arguments`);
    if (flags.bools.has("full") && flags.bools.has("from-base")) throw new UsageError("--full and --from-base cannot be used together");
    const { chart, ws, env, extra } = readSource(flags, io, true);
    const mode: ValuesExportMode = flags.bools.has("full") ? "full" : flags.bools.has("from-base") || flags.bools.has("base") ? "base-overrides" : "overrides";
    const secrets = flags.bools.has("secrets");
    const exported = environmentExport(chart, ws, env, { mode, includeSecrets: secrets, extra });
    if (secrets) {
      if (!exported.secrets) io.stderr(`no plaintext secrets in environment ${env}\n`);
      io.stdout(exported.secrets?.text ?? "");
      return 0;
    }
    const file = flags.bools.has("base") ? exported.files[0] : exported.files[exported.files.length - 1];
    io.stdout(file?.text ?? "");
    return 0;
  });
}

export const valuesCommand: Command = {
  summary: "print an environment's values file (overrides, or --full)",
  usage: USAGE,
  run: runValues,
};
