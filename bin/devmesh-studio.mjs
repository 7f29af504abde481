#!/usr/bin/env node
// The `devmesh-studio` command: a thin process wrapper around the bundled CLI (built by scripts/build-lib.mjs).
import { main } from "../dist/cli.js";

process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
