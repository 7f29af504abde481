/**
 * `devmesh-studio package --env prod -o out.tgz`: writes the chart package the studio downloads for the
 * same workspace (same bytes), with the environment's values in its values.yaml.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { installCommand, workspacePackage } from "../workspace/index";
import type { CliIO, Command } from "./main";
import { SOURCE_FLAGS, UsageError, flagHelp, parseFlags, readSource, reportErrors, type WorkspaceFlag } from "./values";

const FLAGS: WorkspaceFlag[] = [
  ...SOURCE_FLAGS,
  { long: "output", short: "o", kind: "string", help: "the file to write (default: ./<chart>-<version>.tgz)" },
  { long: "include-secrets", kind: "bool", help: "write the environment's plaintext secrets into values.yaml" },
];

const USAGE = [
  "Write the chart package (.tgz, as helm package lays it out) with an environment's values as its values.yaml.",
  "Without --env, values.yaml keeps the chart's defaults. Every environment's overrides file is inside too.",
  "",
  "Usage:",
  "  devmesh-studio package [--env ENV] [-o FILE] [flags]",
  "",
  "Flags:",
  ...flagHelp(FLAGS),
  "  -h, --help             help for package",
  "",
].join("\n");

function runPackage(args: string[], io: CliIO): number {
  return reportErrors(io, USAGE, () => {
    const flags = parseFlags(args, FLAGS);
    if (flags.positional.length > 0) throw new UsageError(`"devmesh-studio package" takes no arguments`);
    const { files, chart, ws, env, extra } = readSource(flags, io, false);
    const pkg = workspacePackage(files, chart, ws, {
      env: env === "" ? undefined : env,
      includeSecrets: flags.bools.has("include-secrets"),
      extra,
    });
    const out = path.resolve(io.cwd, flags.strings.get("output") ?? pkg.name);
    writeFileSync(out, pkg.bytes);
    io.stdout(`Successfully packaged chart and saved it to: ${out}\n`);
    io.stdout(`Install it with: ${installCommand(ws, path.basename(out), [])}\n`);
    return 0;
  });
}

export const packageCommand: Command = {
  summary: "write the chart package (.tgz) with an environment's values",
  usage: USAGE,
  run: runPackage,
};
