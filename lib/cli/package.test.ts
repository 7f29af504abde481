import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { studioChart } from "../export/util-chart.test-util";
import { createWorkspace, workspacePackage } from "../workspace/index";
import { main, type CliIO } from "./main";

const { files, chart } = studioChart();

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  return { code: main(args, io), stdout, stderr };
}

describe("cli package", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cli-package-"));

  it("should write the same bytes as the library for the environment", () => {
    const r = run(["package", "--env", "prod", "-o", "out.tgz"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Successfully packaged chart and saved it to: ${path.join(dir, "out.tgz")}\nInstall it with: helm upgrade --install developer-mesh ./out.tgz -n devmesh\n`,
    );
    expect(new Uint8Array(readFileSync(path.join(dir, "out.tgz")))).toEqual(workspacePackage(files, chart, createWorkspace(chart), { env: "prod" }).bytes);
  });

  it("should name the file after the chart by default and keep the defaults without --env", () => {
    expect(run(["package"], dir).code).toBe(0);
    expect(new Uint8Array(readFileSync(path.join(dir, "developer-mesh-0.1.0.tgz")))).toEqual(workspacePackage(files, chart, createWorkspace(chart)).bytes);
  });

  it("should apply extra values files and plaintext secrets only when asked", () => {
    writeFileSync(path.join(dir, "extra.yaml"), "worker:\n  replicaCount: 9\n");
    expect(run(["package", "-e", "dev", "-f", "extra.yaml", "--include-secrets", "-o", "dev.tgz"], dir).code).toBe(0);
    const expected = workspacePackage(files, chart, createWorkspace(chart), {
      env: "dev",
      includeSecrets: true,
      extra: [{ name: "extra.yaml", text: "worker:\n  replicaCount: 9\n" }],
    });
    expect(new Uint8Array(readFileSync(path.join(dir, "dev.tgz")))).toEqual(expected.bytes);
  });

  it("should refuse an unknown environment", () => {
    const r = run(["package", "--env", "nope"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: unknown environment "nope"/);
  });
});
