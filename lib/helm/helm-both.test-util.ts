/**
 * Test-only: a one-off chart rendered by the real Helm v4.1.4 and by the engine, both answers in the
 * same shape (exit code, stdout, stderr), for differential rows of the engine's tests.
 */
import { helmTemplate } from "../../test/real-helm";
import { engineOutcome, type Outcome } from "../../test/helm-outcome";
import type { ChartFiles } from "./chart";
import { HelmError } from "./errors";
import { loadChart } from "./load-chart";
import { renderChart, type RenderOptions } from "./render-chart";

const enc = new TextEncoder();
const files = (o: Record<string, string | Uint8Array>): ChartFiles => new Map(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? enc.encode(v) : v]));
const CHART_YAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n";

/** The engine's and Helm's answers for a chart made of `extra` files, with `args` for helm and `opts` for the engine. */
export function both(extra: Record<string, string | Uint8Array>, args: string[] = [], opts: RenderOptions = {}): [Outcome, Outcome] {
  const helm = helmTemplate(extra, args);
  try {
    return [engineOutcome(renderChart(loadChart(files({ "Chart.yaml": CHART_YAML, ...extra })), opts)), helm];
  } catch (e) {
    // A chart whose values.yaml fails does not load.
    if (!(e instanceof HelmError)) throw e;
    return [{ code: 1, stdout: "", stderr: e.stderr }, helm];
  }
}

/** `both` for a chart whose `-f bad.yaml` holds `values`. */
export const bothWithValuesFile = (values: string, extra: Record<string, string>): [Outcome, Outcome] =>
  both({ "bad.yaml": values, ...extra }, ["-f", "bad.yaml"], { values: [values], valuesFiles: ["bad.yaml"] });
