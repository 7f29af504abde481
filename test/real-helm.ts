/**
 * Test-only: the one way tests run the real Helm v4.1.4 binary, the oracle of every differential test.
 * It lives under test/ so that every layer's tests can use it (lib/template's too, which may not
 * import lib/helm). Node-only: never imported by library code.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { utf8String } from "../lib/template/value";

export const repoRoot = path.resolve(import.meta.dirname, "..");

/** The Helm binary; missing it is a failure, not a skip. */
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

/** A clean, offline environment: no kubeconfig, Helm's homes in a throwaway directory, UTC. */
function helmEnv(): NodeJS.ProcessEnv {
  const home = path.join(tmpdir(), "real-helm-home");
  return {
    NODE_ENV: "test",
    PATH: process.env.PATH ?? "",
    TZ: "UTC",
    HOME: home,
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_DATA_HOME: path.join(home, "data"),
    KUBECONFIG: path.join(home, "no-kubeconfig"),
  };
}

/** Runs `helm <args>` in `cwd` and waits for it. */
export function runHelm(args: string[], cwd = repoRoot): HelmRun {
  const r = spawnSync(helmBin(), args, { cwd, env: helmEnv(), maxBuffer: 64 << 20 });
  // Helm writes bytes; those that are not UTF-8 are escaped as the engine's strings hold them (value.ts).
  return { code: r.status ?? -1, stdout: utf8String(r.stdout), stderr: utf8String(r.stderr) };
}

/** Runs `helm <args>` without blocking, so several runs overlap (helm mostly waits on I/O). */
export function runHelmAsync(args: string[], cwd = repoRoot): Promise<HelmRun> {
  return new Promise((resolve) => {
    execFile(helmBin(), args, { cwd, env: helmEnv(), maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Maps `items` through `fn` with at most `limit` calls in flight, keeping the order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function writeFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, data] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, data);
  }
}

const created: string[] = [];
// Imported during a test file's collection, so this hook runs when that file's tests are done.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (relative paths) under a fresh temp directory, removed after the test file, and returns it. */
export function writeTree(files: Record<string, string | Uint8Array>, prefix = "real-helm-"): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** The chart name `helmTemplate` gives its charts. */
export const CHART = "c";

/** `helm template` of a one-off chart made of `files` (Chart.yaml defaults to chart `c` 0.1.0); the directory is removed at once. */
export function helmTemplate(files: Record<string, string | Uint8Array>, args: string[] = []): HelmRun {
  const dir = mkdtempSync(path.join(tmpdir(), "real-helm-template-"));
  try {
    writeFiles(dir, { "Chart.yaml": `apiVersion: v2\nname: ${CHART}\nversion: 0.1.0\n`, ...files });
    return runHelm(["template", dir, ...args], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
