/**
 * The engine's robustness properties, shared by the fixed-seed slice in `npm test`
 * (engine.property.test.ts) and the long run of `npm run fuzz` (scripts/fuzz.ts): for any input the
 * engine renders or returns a typed error with a known code; it never throws anything else.
 * Test-only.
 */
import { HelmError, loadChart, renderChart, type Chart, type HelmErrorCode } from "../lib/helm/index";
import { loadChartDir } from "../lib/node";
import { templateChart, type GeneratedTemplate } from "./template-cases";
import { baseFile, chartDir, type ValuesCase } from "./values-cases";
import { readFileSync } from "node:fs";

const HELM_CODES: readonly HelmErrorCode[] = [
  "CHART_INVALID", "DEPENDENCY_MISSING", "VALUES_INVALID", "SCHEMA_INVALID", "TEMPLATE_PARSE", "TEMPLATE_EXEC",
  "TEMPLATE_FAIL", "YAML_INVALID", "SHOW_ONLY_MISSING", "KUBE_VERSION",
];

/** How one case ended: "rendered" or the error code. Throws when a property is broken. */
export type CaseOutcome = "rendered" | HelmErrorCode;

/** Anything thrown out of the engine that is not a HelmError is a broken property. */
export class PropertyViolation extends Error {
  override readonly name = "PropertyViolation";
}

function classify(run: () => ReturnType<typeof renderChart>): CaseOutcome {
  let result;
  try {
    result = run();
  } catch (e) {
    if (e instanceof HelmError && HELM_CODES.includes(e.code)) return e.code;
    throw new PropertyViolation(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 600));
  }
  if (!result.error) return "rendered";
  // INTERNAL means the engine caught a bug of its own: reported, but still a broken property.
  if (!(result.error instanceof HelmError) || !HELM_CODES.includes(result.error.code)) {
    throw new PropertyViolation(`untyped error ${result.error.code}: ${result.error.message.slice(0, 400)}`);
  }
  return result.error.code;
}

const enc = new TextEncoder();

/** Loads and renders one generated template chart. */
export function checkTemplate(t: GeneratedTemplate): CaseOutcome {
  return classify(() => {
    const chart = loadChart(new Map(Object.entries(templateChart(t)).map(([k, v]) => [k, enc.encode(v)])));
    return renderChart(chart, { releaseName: "gen" });
  });
}

let productChart: Chart | undefined;
const baseTexts = new Map<string, string>();

/** Renders the product chart with one generated values case on top of its base. */
export function checkValues(c: ValuesCase): CaseOutcome {
  productChart ??= loadChartDir(chartDir);
  const chart = productChart;
  const base = baseFile(c.base);
  const values: string[] = [];
  if (base) {
    if (!baseTexts.has(base)) baseTexts.set(base, readFileSync(base, "utf8"));
    values.push(baseTexts.get(base)!);
  }
  values.push(c.yaml);
  return classify(() => renderChart(chart, { releaseName: "dm", values }));
}
