/**
 * `devmesh-studio template [NAME] [CHART] [flags]`: helm template's flags, byte-identical stdout,
 * `Error: …` on stderr and exit 1 on failure.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadChartPath } from "../node";
import { HelmError } from "../helm/errors";
import { valuesFileText, YamlError } from "../helm/yaml/index";
import { mergeUserValues, renderCapabilities, renderChart, type RenderOptions } from "../helm/render-chart";
import { utf8String } from "../template/value";
import type { CliIO, Command } from "./main";

type FlagKind = "bool" | "string" | "list";
interface FlagSpec {
  long: string;
  short?: string;
  kind: FlagKind;
  help: string;
}

const FLAGS: FlagSpec[] = [
  { long: "values", short: "f", kind: "list", help: "specify values in a YAML file (can specify multiple)" },
  { long: "set", kind: "list", help: "set values on the command line (key1=val1,key2=val2)" },
  { long: "set-string", kind: "list", help: "set STRING values on the command line" },
  { long: "set-json", kind: "list", help: "set JSON values on the command line" },
  { long: "set-literal", kind: "list", help: "set a literal STRING value on the command line" },
  { long: "set-file", kind: "list", help: "set values from files (key1=path1,key2=path2)" },
  { long: "namespace", short: "n", kind: "string", help: "namespace scope for this request" },
  { long: "kube-version", kind: "string", help: "Kubernetes version used for Capabilities.KubeVersion" },
  { long: "api-versions", short: "a", kind: "list", help: "Kubernetes api versions used for Capabilities.APIVersions" },
  { long: "show-only", short: "s", kind: "list", help: "only show manifests rendered from the given templates" },
  { long: "no-hooks", kind: "bool", help: "prevent hooks from running during install" },
  { long: "skip-tests", kind: "bool", help: "skip tests from templated output" },
  { long: "include-crds", kind: "bool", help: "include CRDs in the templated output" },
  { long: "is-upgrade", kind: "bool", help: "set .Release.IsUpgrade instead of .Release.IsInstall" },
];

const USAGE = [
  "Render chart templates locally and display the output, exactly as `helm template` would.",
  "",
  "Usage:",
  "  devmesh-studio template [NAME] [CHART] [flags]",
  "",
  "NAME defaults to release-name; CHART (a directory or .tgz) defaults to the bundled developer-mesh chart.",
  "",
  "Flags:",
  ...FLAGS.map((f) => `  ${f.short ? `-${f.short}, ` : "    "}--${f.long.padEnd(14)} ${f.help}`),
  "  -h, --help              help for template",
  "",
].join("\n");

class UsageError extends Error {}

interface ParsedArgs {
  positional: string[];
  bools: Set<string>;
  strings: Map<string, string>;
  lists: Map<string, string[]>;
}

/** pflag-style parsing: `--flag value`, `--flag=value`, `-f value`, `-fvalue`, `--` ends flags. */
export function parseTemplateArgs(args: string[]): ParsedArgs {
  const out: ParsedArgs = { positional: [], bools: new Set(), strings: new Map(), lists: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      out.positional.push(arg);
      continue;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      spec = FLAGS.find((f) => f.long === name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
    } else {
      const letter = arg[1] ?? "";
      spec = FLAGS.find((f) => f.short === letter);
      if (!spec) throw new UsageError(`unknown shorthand flag: '${letter}' in ${arg}`);
      const rest = arg.slice(2);
      inline = rest === "" ? undefined : rest.startsWith("=") ? rest.slice(1) : rest;
    }
    if (spec.kind === "bool") {
      if (inline !== undefined && inline !== "true" && inline !== "false") {
        throw new UsageError(`invalid argument "${inline}" for "--${spec.long}" flag: strconv.ParseBool: parsing "${inline}": invalid syntax`);
      }
      if (inline === "false") out.bools.delete(spec.long);
      else out.bools.add(spec.long);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= args.length) throw new UsageError(`flag needs an argument: --${spec.long}`);
      value = args[++i] ?? "";
    }
    if (spec.kind === "string") out.strings.set(spec.long, value);
    // pflag's StringArray flags (--set, -f …) keep each value whole; api-versions and show-only are StringSlice (comma-split).
    else if (spec.long === "api-versions" || spec.long === "show-only") {
      out.lists.set(spec.long, [...(out.lists.get(spec.long) ?? []), ...value.split(",")]);
    } else out.lists.set(spec.long, [...(out.lists.get(spec.long) ?? []), value]);
  }
  return out;
}

/** The bundled chart: chart-templates/developer-mesh under the package root (above lib/cli, or dist/ when bundled). */
export function bundledChartDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, "chart-templates", "developer-mesh");
}

/** Helm's LocateChart errors for a local chart argument that is not a chart (no repositories here). */
function locateChartError(arg: string | undefined, abs: string): string | undefined {
  if (!existsSync(abs)) {
    const name = arg ?? abs;
    if (path.isAbsolute(name) || name.startsWith(".")) return `path "${name}" not found`;
    if (!name.includes("/")) return `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${name}`;
    return `repo ${name.slice(0, name.indexOf("/"))} not found`;
  }
  const chartYaml = path.join(abs, "Chart.yaml");
  if (statSync(abs).isDirectory() && !existsSync(chartYaml)) {
    return `unable to detect chart at ${chartYaml}: open ${chartYaml}: no such file or directory`;
  }
  return undefined;
}

function runTemplate(args: string[], io: CliIO): number {
  let parsed: ParsedArgs;
  try {
    parsed = parseTemplateArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`Error: ${e.message}\n`);
    return 1;
  }
  const pos = parsed.positional;
  if (pos.length > 2) {
    io.stderr(`Error: "devmesh-studio template" requires at most 2 arguments\n\n${USAGE}`);
    return 1;
  }
  const releaseName = pos.length === 2 ? (pos[0] ?? "") : "release-name";
  const chartArg = pos.length === 2 ? pos[1] : pos[0];
  const chartPath = chartArg ? path.resolve(io.cwd, chartArg) : bundledChartDir();
  const valuesFiles = parsed.lists.get("values") ?? [];
  const opts: RenderOptions = {
    valuesFiles,
    set: parsed.lists.get("set"),
    setString: parsed.lists.get("set-string"),
    setJson: parsed.lists.get("set-json"),
    setLiteral: parsed.lists.get("set-literal"),
    setFile: parsed.lists.get("set-file"),
    readFile: (p) => {
      try {
        // A Go string of the file's bytes: those that are not UTF-8 stay bytes (value.ts).
        return utf8String(readFileSync(path.resolve(io.cwd, p)));
      } catch {
        // Go's os.ReadFile error text, as Helm prints it.
        throw new Error(`open ${p}: no such file or directory`);
      }
    },
    releaseName,
    namespace: parsed.strings.get("namespace"),
    kubeVersion: parsed.strings.get("kube-version"),
    apiVersions: parsed.lists.get("api-versions"),
    showOnly: parsed.lists.get("show-only"),
    noHooks: parsed.bools.has("no-hooks"),
    skipTests: parsed.bools.has("skip-tests"),
    includeCrds: parsed.bools.has("include-crds"),
    isUpgrade: parsed.bools.has("is-upgrade"),
  };
  const fail = (message: string): number => {
    io.stderr(`Error: ${message}\n`);
    return 1;
  };

  // Helm's order of checks: --kube-version, the chart's location, the values, then the chart itself.
  let chart;
  try {
    renderCapabilities(opts);
    const missing = locateChartError(chartArg, chartPath);
    if (missing) return fail(missing);
    opts.values = valuesFiles.map((f) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(path.resolve(io.cwd, f));
      } catch {
        throw new HelmError({ code: "VALUES_INVALID", message: `open ${f}: no such file or directory` });
      }
      try {
        return valuesFileText(bytes);
      } catch (e) {
        if (e instanceof YamlError) throw new HelmError({ code: "VALUES_INVALID", message: `failed to parse ${f}: ${e.message}` });
        throw e;
      }
    });
    mergeUserValues(opts);
    chart = loadChartPath(chartPath);
  } catch (e) {
    if (e instanceof HelmError) {
      io.stderr(e.stderr);
      return 1;
    }
    throw e;
  }
  const result = renderChart(chart, opts);
  for (const w of result.warnings) io.stderr(`${w}\n`);
  if (result.error) {
    io.stderr(result.error.stderr);
    return 1;
  }
  io.stdout(result.output);
  return 0;
}

export const templateCommand: Command = {
  summary: "render chart templates locally and display the output",
  usage: USAGE,
  run: runTemplate,
};
