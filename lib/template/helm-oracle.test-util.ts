/**
 * Test-only: renders templates with the real Helm v4.1.4 binary, whose core template behaviour
 * is Go's text/template, so the engine can be compared with the real thing. Node-only; never
 * imported by library code. (lib/template is a leaf, so it cannot share lib/helm's helper.)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GoInt, type Value } from "./value";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The Helm binary; missing it is a failure, not a skip. */
export function helmBin(): string {
  const bin = process.env.HELM_BIN ?? path.join(repoRoot, ".tools/helm");
  if (!existsSync(bin)) throw new Error(`real Helm not found at ${bin} (set HELM_BIN)`);
  return bin;
}

export const CHART = "c";

/** Runs `helm template` on a chart made of `files` (chart-relative paths); returns stdout, stderr, exit code. */
export function helmTemplate(files: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "template-oracle-"));
  try {
    const all: Record<string, string> = { "Chart.yaml": `apiVersion: v2\nname: ${CHART}\nversion: 0.1.0\n`, ...files };
    for (const [name, text] of Object.entries(all)) {
      const p = path.join(dir, name);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
    const home = path.join(tmpdir(), "template-oracle-home");
    const r = spawnSync(helmBin(), ["template", dir], {
      encoding: "utf8",
      env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: home, HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home, HELM_DATA_HOME: home },
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A JSON-like value as Helm's values reach templates: objects are maps, numbers float64. */
export function toValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof GoInt) return v;
  if (typeof v === "object") return new Map(Object.entries(v).map(([k, x]) => [k, toValue(x)]));
  return v as Value;
}
