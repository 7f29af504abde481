/** The CLI's dispatch, flags and exit codes; `template` output is compared with the real Helm v4.1.4. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { helmBin } from "../../test/real-helm";
import { main } from "./main";
import { parseTemplateArgs } from "./template";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const shop = path.join(repoRoot, "lib", "helm", "testdata", "shop");
const work = mkdtempSync(path.join(tmpdir(), "cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(argv: string[], cwd = work): { code: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const code = main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

describe("dispatch", () => {
  it.each([[[]], [["--help"]], [["-h"]], [["help"]]])("%j prints the usage", (argv) => {
    const r = run(argv);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Available Commands:\n  template");
  });

  it("prints a command's usage for --help and `help <cmd>`", () => {
    expect(run(["template", "--help"]).stdout).toContain("devmesh-studio template [NAME] [CHART] [flags]");
    expect(run(["help", "template"]).stdout).toContain("--set-literal");
  });

  it("fails on an unknown command", () => {
    expect(run(["nope"])).toEqual({ code: 1, stdout: "", stderr: 'Error: unknown command "nope" for "devmesh-studio"\nRun \'devmesh-studio --help\' for usage.\n' });
  });
});

describe("template flags", () => {
  it("parses long, short, inline and repeated flags", () => {
    const p = parseTemplateArgs(["r", "c", "-f", "a.yaml", "--values=b.yaml", "-nns", "--set", "a=1,b=2", "-a", "x/v1,y/v1", "--no-hooks", "-s", "templates/a.yaml"]);
    expect(p.positional).toEqual(["r", "c"]);
    expect(p.lists.get("values")).toEqual(["a.yaml", "b.yaml"]);
    expect(p.lists.get("set")).toEqual(["a=1,b=2"]);
    expect(p.lists.get("api-versions")).toEqual(["x/v1", "y/v1"]);
    expect(p.strings.get("namespace")).toBe("ns");
    expect(p.bools.has("no-hooks")).toBe(true);
  });

  it.each([
    [["--bogus"], "Error: unknown flag: --bogus\n"],
    [["-x"], "Error: unknown shorthand flag: 'x' in -x\n"],
    [["--set"], "Error: flag needs an argument: --set\n"],
    [["a", "b", "c"], 'Error: "devmesh-studio template" requires at most 2 arguments\n'],
  ])("%j fails with exit code 1", (args, stderr) => {
    const r = run(["template", ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(stderr)).toBe(true);
  });

  it("reports a missing values file as Helm does", () => {
    expect(run(["template", "rel", shop, "-f", "nope.yaml"])).toEqual({ code: 1, stdout: "", stderr: "Error: open nope.yaml: no such file or directory\n" });
  });
});

describe("template vs the real Helm", () => {
  writeFileSync(path.join(work, "over.yaml"), "replicas: 5\nimage:\n  tag: v9\n");
  writeFileSync(path.join(work, "msg.txt"), "from a file\n");
  // Bytes that are not UTF-8: Go's string keeps them, `quote` shows them as \x escapes.
  writeFileSync(path.join(work, "bytes.bin"), Uint8Array.from([0x61, 0xff, 0x62, 0xc3, 0x0a, 0xe2, 0x82]));
  mkdirSync(path.join(work, "badchart"));
  writeFileSync(path.join(work, "badchart", "Chart.yaml"), "apiVersion: v2\nname: bad\n");
  it.each([
    [["rel", shop, "-f", "over.yaml", "--set-file", "message=msg.txt", "--set-literal", "image.repository=a,b"]],
    [[shop, "--show-only", "charts/cart/templates/cm.yaml"]],
    [["rel", shop, "--set", "cart.removeMe"]],
    [["rel", shop, "--kube-version", "abc"]],
    [["rel", shop, "--set-file", "message=missing.txt"]],
    [["rel", shop, "--set-file", "message=bytes.bin"]],
    [["rel", "./nope"]],
    [["rel", "./nope", "-f", "missing.yaml", "--kube-version", "x"]],
    [["rel", "./nope", "-f", "missing.yaml"]],
    [["rel", "badchart", "--set", "a"]],
    [["rel", "badchart"]],
    [["rel", "nope"]],
    [["rel", "."]],
    [["rel", shop, "--kube-version", "1"]],
    [["rel", shop, "--kube-version", "01.2"]],
    [["rel", shop, "--kube-version", "1.2", "--set", "a"]],
  ])("%j", (args) => {
    const helm = spawnSync(helmBin(), ["template", ...args], { cwd: work, encoding: "utf8", env: { ...process.env, HOME: work, TZ: "UTC" } });
    expect(run(["template", ...args])).toEqual({ code: helm.status, stdout: helm.stdout, stderr: helm.stderr });
  });
});
