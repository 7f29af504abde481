// `npm test`: every check the project has, in order, each run even when an earlier one failed, so one
// run shows everything that is wrong. Ends with exactly one line `tests: N passed, N failed`.
// Test cases are counted from vitest's and Playwright's JSON reports; a step that is not a test suite
// (dependencies, typecheck, lint, build) counts as one case.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const reports = join(root, ".test-reports");
const vitestJson = join(reports, "vitest.json");
const playwrightJson = join(reports, "playwright.json");

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
};

/** @typedef {{ passed: number, failed: number, note?: string }} Count */

/** @type {{ name: string, cmd: string[], env?: Record<string, string>, count?: (code: number) => Count }[]} */
const steps = [
  { name: "dependencies", cmd: ["bash", "scripts/ensure-deps.sh", "--browser"] },
  // next typegen writes next-env.d.ts and the route types that tsc needs before the first build.
  { name: "typecheck", cmd: ["bash", "-c", "next typegen && tsc --noEmit"] },
  { name: "lint", cmd: ["eslint", "."] },
  {
    name: "unit + conformance (vitest)",
    cmd: ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
    count: countVitest,
  },
  // Stamped like scripts/start.sh does, so `npm start` after `npm test` serves this build without rebuilding.
  {
    name: "build",
    cmd: ["bash", "-c", 'hash="$(bash scripts/source-hash.sh)" && next build && echo "$hash" > .next/.source-hash'],
  },
  {
    name: "e2e (playwright)",
    cmd: ["playwright", "test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson },
    count: countPlaywright,
  },
];

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd.join(" ")}`);
  const started = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: "inherit", env: { ...env, ...step.env } });
  const code = run.status ?? 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  /** @type {Count} */
  const count = step.count ? step.count(code) : code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  if (run.error) count.note = String(run.error.message);
  results.push({ name: step.name, code, seconds, suite: Boolean(step.count), ...count });
  console.log(`=== ${step.name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${seconds}s`);
}

console.log("\nsteps:");
for (const r of results) {
  const cases = r.suite ? ` (${r.passed} passed, ${r.failed} failed)` : "";
  console.log(`  ${r.code === 0 ? "ok    " : "FAILED"} ${r.name}${cases} ${r.seconds}s${r.note ? ` — ${r.note}` : ""}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const anyStepFailed = results.some((r) => r.code !== 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || anyStepFailed ? 1 : 0);

/** Reads a JSON report; null when the runner died before writing it. */
function readReport(path) {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

/** vitest's jest-compatible report; a file that failed to load has no tests, so it counts as one failure. */
function countVitest(code) {
  const report = readReport(vitestJson);
  if (!report) return { passed: 0, failed: 1, note: "no vitest report" };
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === "failed" && (f.assertionResults ?? []).every((a) => a.status !== "failed"),
  ).length;
  const failed = report.numFailedTests + brokenFiles;
  // A non-zero exit with nothing failed (an unhandled error between tests) still fails the run.
  return { passed: report.numPassedTests, failed: failed === 0 && code !== 0 ? 1 : failed };
}

/** Playwright's report: `expected` passed, `unexpected` failed, `flaky` passed only on retry (a failure here). */
function countPlaywright(code) {
  const report = readReport(playwrightJson);
  if (!report) return { passed: 0, failed: 1, note: "no playwright report" };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  // Global errors (web server did not start, a spec failed to import) fail the run without failing a test.
  const globalErrors = (report.errors ?? []).length;
  const failed = unexpected + flaky + (unexpected === 0 ? globalErrors : 0);
  return { passed: expected, failed: failed === 0 && code !== 0 ? 1 : failed };
}
