/**
 * Test-only helpers that run the real Helm v4.1.4 binary for differential tests of the helm-parts
 * (strvals, files, ignore, archive, schema). Node-only: never imported by library code.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** The Helm binary; missing it is a failure on linux x64, where the repo ships it. */
export function helmBin(): string {
  const bin = process.env.HELM_BIN ?? path.join(repoRoot, ".tools/helm");
  if (!existsSync(bin)) throw new Error(`real Helm not found at ${bin} (set HELM_BIN)`);
  return bin;
}

export interface HelmRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `helm <args>` in `cwd` with a clean, offline environment. */
export function runHelm(args: string[], cwd: string): HelmRun {
  const home = path.join(tmpdir(), "helm-parts-home");
  const r = spawnSync(helmBin(), args, {
    cwd,
    encoding: "utf8",
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH ?? "",
      TZ: "UTC",
      HOME: home,
      HELM_CACHE_HOME: path.join(home, "cache"),
      HELM_CONFIG_HOME: path.join(home, "config"),
      HELM_DATA_HOME: path.join(home, "data"),
      KUBECONFIG: path.join(home, "no-kubeconfig"),
    },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const created: string[] = [];
// Imported during a test file's collection, so this hook runs when that file's tests are done.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (chart-relative paths) under a fresh temp directory and returns it. */
export function writeTree(files: Record<string, string | Uint8Array>, prefix = "helm-parts-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  for (const [name, data] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, data);
  }
  return dir;
}
