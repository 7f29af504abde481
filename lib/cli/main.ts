/**
 * The `devmesh-studio` command line: a small dispatch table of subcommands.
 * Other commands (`values`, `package`) live in their own files `lib/cli/<cmd>.ts` and are added to `commands`.
 */
import { packageCommand } from "./package";
import { templateCommand } from "./template";
import { valuesCommand } from "./values";

/** A subcommand: its one-line summary, its usage text and its runner (returns the exit code). */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): number;
}

/**
 * The bytes a process writes for a command's text: Go strings are bytes, so a byte that is not UTF-8
 * (escaped in the text, see value.ts) goes out as itself, as Helm writes it.
 */
export { utf8Bytes as outputBytes } from "../template/value";

/** Where a command writes; injectable so tests capture output without spawning a process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export const commands: Record<string, Command> = {
  template: templateCommand,
  values: valuesCommand,
  package: packageCommand,
};

function mainUsage(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    "DevMesh Studio: author Helm values for the Developer Mesh chart and render them exactly like helm template.",
    "",
    "Usage:",
    "  devmesh-studio [command]",
    "",
    "Available Commands:",
    ...names.map((n) => `  ${n.padEnd(width)}  ${commands[n]?.summary ?? ""}`),
    "",
    "Flags:",
    "  -h, --help   help for devmesh-studio",
    "",
    'Use "devmesh-studio [command] --help" for more information about a command.',
    "",
  ].join("\n");
}

/** Runs the CLI with argv (without node and script) and returns the process exit code. */
export function main(argv: string[], io: CliIO): number {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    const cmd = topic ? commands[topic] : undefined;
    io.stdout(cmd ? cmd.usage : mainUsage());
    return 0;
  }
  const cmd = commands[first];
  if (!cmd) {
    io.stderr(`Error: unknown command "${first}" for "devmesh-studio"\nRun 'devmesh-studio --help' for usage.\n`);
    return 1;
  }
  if (rest.includes("-h") || rest.includes("--help")) {
    io.stdout(cmd.usage);
    return 0;
  }
  return cmd.run(rest, io);
}
