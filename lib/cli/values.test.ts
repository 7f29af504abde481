import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartDir, studioChart } from "../export/util-chart.test-util";
import { addEnvironment, createWorkspace, environmentExport, withLayerText } from "../workspace/index";
import { main, type CliIO } from "./main";

const { chart } = studioChart();

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  return { code: main(args, io), stdout, stderr };
}

const dir = mkdtempSync(path.join(tmpdir(), "cli-values-"));
const ws = withLayerText(addEnvironment(createWorkspace(chart), "qa", "rest-api:\n  replicaCount: 4\n"), "base", "global:\n  environment: shared\n");
writeFileSync(path.join(dir, "ws.json"), JSON.stringify(ws));
writeFileSync(path.join(dir, "extra.yaml"), "worker:\n  replicaCount: 7\n");

describe("cli values", () => {
  it.each([
    [["--env", "prod"], { mode: "overrides" } as const, -1],
    [["--env", "prod", "--full"], { mode: "full" } as const, -1],
    [["-e", "staging", "--from-base"], { mode: "base-overrides" } as const, -1],
  ])("should print what the library exports: %j", (args, options, index) => {
    const r = run(["values", ...args], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const env = args[1] as string;
    expect(r.stdout).toBe(environmentExport(chart, createWorkspace(chart), env, options).files.at(index)?.text);
  });

  it("should read a workspace file and extra values files", () => {
    const r = run(["values", "--env", "qa", "--workspace", "ws.json", "-f", "extra.yaml"], dir);
    expect(r.code).toBe(0);
    const expected = environmentExport(chart, ws, "qa", { extra: [{ name: "extra.yaml", text: "worker:\n  replicaCount: 7\n" }] }).files[0]?.text;
    expect(r.stdout).toBe(expected);
    expect(r.stdout).toContain("environment: shared");
    expect(r.stdout).toContain("replicaCount: 7");
    expect(run(["values", "-w", "ws.json", "-e", "qa", "--base"], dir).stdout).toBe(
      environmentExport(chart, ws, "qa", { mode: "base-overrides" }).files[0]?.text,
    );
  });

  it("should print plaintext secrets only with --secrets", () => {
    const plain = run(["values", "--env", "dev"], dir);
    expect(plain.stdout).not.toContain("dev-admin-key-1234567890");
    const secrets = run(["values", "--env", "dev", "--secrets"], dir);
    expect(secrets.stdout).toBe(environmentExport(chart, createWorkspace(chart), "dev", { includeSecrets: true }).secrets?.text);
    expect(secrets.stdout).toContain("dev-admin-key-1234567890");
  });

  it("should work with the chart given explicitly", () => {
    expect(run(["values", "--env", "prod", "--chart", chartDir], dir).stdout).toBe(run(["values", "--env", "prod"], dir).stdout);
  });

  it.each([
    [["values"], "Error: --env is required (one of: dev, staging, prod)"],
    [["values", "--env", "nope"], 'Error: unknown environment "nope"'],
    [["values", "--env", "prod", "--full", "--from-base"], "Error: --full and --from-base cannot be used together"],
    [["values", "--bogus"], "Error: unknown flag: --bogus"],
    [["values", "--env", "prod", "-f", "missing.yaml"], "Error: open missing.yaml: no such file"],
    [["values", "--env", "prod", "--workspace", "extra.yaml"], "Error: extra.yaml is not JSON"],
  ])("should fail with exit code 1 and a message: %j", (args, message) => {
    const r = run(args, dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.startsWith(message)).toBe(true);
  });

  it("should report a layer Helm cannot read as Helm does", () => {
    writeFileSync(path.join(dir, "bad.yaml"), "a: [1\n");
    const r = run(["values", "--env", "prod", "-f", "bad.yaml"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: failed to parse bad.yaml: /);
  });

  it("should show its flags with --help", () => {
    expect(run(["values", "--help"], dir).stdout).toContain("devmesh-studio values --env ENV");
  });
});
