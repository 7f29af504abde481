/**
 * Chart loading: Chart.yaml validation, apiVersion v1 charts, .helmignore, subcharts as directories and
 * nested .tgz archives. Each chart is also rendered by the real Helm v4.1.4 and the outputs compared.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadChart } from "./load-chart";
import { loadDirFiles } from "./node/load-dir";
import { renderChart } from "./render-chart";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const helmBin = process.env.HELM_BIN ?? path.join(repoRoot, ".tools", "helm");
const tmpRoot = mkdtempSync(path.join(tmpdir(), "helm-load-"));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

type Files = Record<string, string | Uint8Array>;

function writeChart(files: Files): string {
  const dir = mkdtempSync(path.join(tmpRoot, "c-"));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

const helm = (args: string[], cwd: string): { stdout: string; stderr: string } => {
  const r = spawnSync(helmBin, args, { cwd, encoding: "utf8", env: { ...process.env, HOME: cwd } });
  return { stdout: r.stdout, stderr: r.stderr };
};

/** Our result for a chart directory, with the loader's own errors reported like Helm's. */
function ours(dir: string): { stdout: string; stderr: string } {
  try {
    const r = renderChart(loadChart(loadDirFiles(dir)), { releaseName: "rel" });
    return { stdout: r.output, stderr: r.warnings.map((w) => `${w}\n`).join("") + (r.error?.stderr ?? "") };
  } catch (e) {
    if (e instanceof Error && "stderr" in e) return { stdout: "", stderr: String(e.stderr) };
    throw e;
  }
}

const T = { "templates/t.yaml": "name: {{ .Chart.Name }}\nv: {{ .Chart.Version }}\napp: {{ .Chart.AppVersion }}\napi: {{ .Chart.APIVersion }}" };

const cases: [string, Files][] = [
  ["a valid chart with a numeric appVersion", { "Chart.yaml": "apiVersion: v2\nname: ok\nversion: 1.0.0\nappVersion: 9.9\n", ...T }],
  ["missing version", { "Chart.yaml": "apiVersion: v2\nname: nov\n", ...T }],
  ["missing name", { "Chart.yaml": "apiVersion: v2\nversion: 1.0.0\n", ...T }],
  ["invalid version", { "Chart.yaml": "apiVersion: v2\nname: badv\nversion: one\n", ...T }],
  ["invalid type", { "Chart.yaml": "apiVersion: v2\nname: badt\nversion: 1.0.0\ntype: plugin\n", ...T }],
  ["library charts are not installable", { "Chart.yaml": "apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n", ...T }],
  ["missing apiVersion means v1", { "Chart.yaml": "name: old\nversion: 1.0.0\n", ...T }],
  [
    "apiVersion v1 with requirements.yaml",
    {
      "Chart.yaml": "apiVersion: v1\nname: legacy\nversion: 1.0.0\n",
      "requirements.yaml": "dependencies:\n  - name: sub\n    version: 0.1.0\n    condition: sub.on\n",
      "values.yaml": "sub:\n  on: false\n",
      "charts/sub/Chart.yaml": "apiVersion: v1\nname: sub\nversion: 0.1.0\n",
      "charts/sub/templates/s.yaml": "s: 1",
      ...T,
    },
  ],
  [
    ".helmignore and files",
    {
      "Chart.yaml": "apiVersion: v2\nname: ign\nversion: 1.0.0\n",
      ".helmignore": "*.bak\nsecret/\n",
      "a.txt": "A",
      "b.bak": "B",
      "secret/x": "X",
      "templates/t.yaml": "files: {{ .Files.Get \"a.txt\" }}|{{ .Files.Get \"b.bak\" }}|{{ .Files.Get \"secret/x\" }}|{{ .Files.Get \".helmignore\" | len }}",
    },
  ],
  [
    "duplicate dependency names",
    {
      "Chart.yaml": "apiVersion: v2\nname: dup\nversion: 1.0.0\ndependencies:\n  - name: sub\n  - name: sub\n",
      "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
      ...T,
    },
  ],
  ["invalid Chart.yaml", { "Chart.yaml": "apiVersion: v2\nname: [x\n", ...T }],
  ["invalid values.yaml", { "Chart.yaml": "apiVersion: v2\nname: badvals\nversion: 1.0.0\n", "values.yaml": "a: [1\n", ...T }],
];

describe.runIf(existsSync(helmBin))("loadChart vs the real Helm", () => {
  it.each(cases)("%s", (_name, files) => {
    const dir = writeChart(files);
    expect(ours(dir)).toEqual(helm(["template", "rel", dir], dir));
  });

  it("loads a packaged chart whose subchart is itself a .tgz", () => {
    const subDir = writeChart({ "Chart.yaml": "apiVersion: v2\nname: inner\nversion: 0.2.0\n", "templates/i.yaml": "inner: {{ .Values.x }}", "values.yaml": "x: 1" });
    const pkgDir = mkdtempSync(path.join(tmpRoot, "pkg-"));
    helm(["package", subDir, "-d", pkgDir], pkgDir);
    const outerDir = writeChart({
      "Chart.yaml": "apiVersion: v2\nname: outer\nversion: 1.0.0\ndependencies:\n  - name: inner\n    version: 0.2.0\n",
      "charts/inner-0.2.0.tgz": readFileSync(path.join(pkgDir, "inner-0.2.0.tgz")),
      "values.yaml": "inner:\n  x: 2",
      ...T,
    });
    helm(["package", outerDir, "-d", pkgDir], pkgDir);
    const tgz = path.join(pkgDir, "outer-1.0.0.tgz");
    const r = renderChart(loadChart(new Uint8Array(readFileSync(tgz))), { releaseName: "rel" });
    expect({ stdout: r.output, stderr: r.error?.stderr ?? "" }).toEqual(helm(["template", "rel", tgz], pkgDir));
  });
});
