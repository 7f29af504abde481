/**
 * Child process for the engine-guard rows of bad-input.test.ts: renders one template (argv[2], JSON
 * `{ template, values }`) in a one-template chart and prints what came back as one JSON line. Run in
 * its own process with a heap cap and a timeout, so a guard that fails (a hang or a heap blow-up)
 * fails its row instead of taking the test run down.
 */
import { HelmError, loadChart, renderChart } from "../lib/helm/index";

const { template, values } = JSON.parse(process.argv[2] ?? "{}") as { template: string; values?: string };
const enc = new TextEncoder();
const started = performance.now();
let answer: Record<string, unknown>;
try {
  const chart = loadChart(
    new Map([
      ["Chart.yaml", enc.encode("apiVersion: v2\nname: guard\nversion: 0.1.0\n")],
      ["values.yaml", enc.encode(values ?? "")],
      ["templates/t.yaml", enc.encode(template)],
    ]),
  );
  const r = renderChart(chart);
  answer = r.error ? { kind: "error", code: r.error.code, message: r.error.message.slice(0, 400) } : { kind: "rendered", bytes: r.output.length };
} catch (e) {
  answer = { kind: e instanceof HelmError ? "error" : "threw", name: e instanceof Error ? e.name : typeof e, message: String(e instanceof Error ? e.message : e).slice(0, 400) };
}
console.log(JSON.stringify({ ...answer, ms: Math.round(performance.now() - started) }));
