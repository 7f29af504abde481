#!/usr/bin/env node
// The `devmesh-studio` command: a thin process wrapper around the bundled CLI (built by scripts/build-lib.mjs).
import { main, outputBytes } from "../dist/cli.js";

process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(outputBytes(text)),
  stderr: (text) => process.stderr.write(outputBytes(text)),
  cwd: process.cwd(),
});
