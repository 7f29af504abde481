import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// The package surface of issue #2: after `npm ci` (whose `prepare` runs build-lib), the bin and the
// library entry work from the project root exactly as a user would call them.
const root = path.resolve(import.meta.dirname, "..");
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

describe("package entries", () => {
  beforeAll(() => {
    const build = run(process.execPath, ["scripts/build-lib.mjs"]);
    expect(build.status, build.stderr).toBe(0);
  }, 180_000); // tsc emits declarations for the whole engine: tens of seconds on a busy 2-core machine

  it("`npx devmesh-studio --help` prints the usage", () => {
    const result = run("npx", ["--no-install", "devmesh-studio", "--help"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage:\n {2}devmesh-studio \[command\]$/m);
  });

  it("an unknown command exits non-zero with the error on stderr", () => {
    const result = run(path.join(root, "bin", "devmesh-studio.mjs"), ["no-such-command"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown command "no-such-command"');
  });

  it("`import('devmesh-studio')` resolves the library entry from the project root", () => {
    const result = run(process.execPath, ["--input-type=module", "-e", "const m = await import('devmesh-studio'); console.log(typeof m.renderChart);"]);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("function");
  });

  it("ships type declarations for the library entry", () => {
    expect(existsSync(path.join(root, "dist", "index.d.ts"))).toBe(true);
    expect(existsSync(path.join(root, "dist", "types", "lib", "index.d.ts"))).toBe(true);
  });
});
