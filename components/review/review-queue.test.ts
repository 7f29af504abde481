import { beforeAll, describe, expect, it } from "vitest";
import { loadChart, renderChart, type ChartFiles } from "@/lib/helm/index";
import { loadK8sSchemaValidator, type ObjectValidator } from "@/lib/review/k8s-schema";
import type { FromWorker, ReviewData, ReviewJob } from "./render-protocol";
import { devChart } from "./review-chart.test-util";
import { reviewQueue } from "./review-queue";

let files: ChartFiles;

beforeAll(() => {
  ({ files } = devChart());
});

/** The output of the chart with `values` as one values file, handed over for review as output `id`. */
function job(id: number, values: string, environment = "dev"): ReviewJob {
  const result = renderChart(loadChart(files), { values: [values], valuesFiles: ["values-dev.yaml"], releaseName: "developer-mesh", namespace: environment });
  expect(result.error ?? null).toBeNull();
  return { key: "current", id, manifests: result.manifests, environment };
}

/** A queue whose tasks run only when the test says; the schemas arrive when `schemas` is called. */
function harness() {
  const posted: FromWorker[] = [];
  const tasks: (() => void)[] = [];
  let schemas: (v: ObjectValidator) => void = () => {};
  const receive = reviewQueue({
    post: (m) => posted.push(m),
    defer: (t) => tasks.push(t),
    settle: (t) => tasks.push(t),
    loadValidator: () => new Promise((resolve) => (schemas = resolve)),
  });
  receive({ type: "load", files });
  const runOne = () => tasks.shift()?.();
  /** Runs the tasks, letting promise callbacks (the schemas' arrival) run between them, as in a worker. */
  const runAll = async () => {
    const settle = () => new Promise((resolve) => setTimeout(resolve));
    for (await settle(); tasks.length > 0; await settle()) runOne();
  };
  const reviews = (): ReviewData[] => posted.flatMap((m) => (m.type === "review" ? [m.review] : []));
  return { posted, receive, runOne, runAll, reviews, schemas: (v: ObjectValidator) => schemas(v) };
}

describe("review queue", () => {
  it("a newer output of the same key that arrives mid-review replaces the one under review, whose review is dropped", async () => {
    const q = harness();
    q.receive({ type: "review", job: job(1, "") });
    q.runOne(); // the quiet period
    q.runOne(); // the first slice: every document is new, it cannot finish in one
    expect(q.reviews()).toEqual([]);
    q.receive({ type: "review", job: job(2, "rest-api:\n  image:\n    tag: latest\n", "prod") });
    await q.runAll();
    expect(q.reviews().map((r) => r.id)).toEqual([2]);
    expect(q.reviews()[0]?.findings.some((f) => f.rule === "LATEST_TAG" && f.valuesPath === "rest-api.image.tag")).toBe(true);
  });

  it("starts a review only after a quiet period with no newer output", async () => {
    const q = harness();
    const first = job(1, "");
    q.receive({ type: "review", job: first });
    await q.runAll();
    // The same documents again (parsed already): each review would take one slice.
    q.receive({ type: "review", job: { ...first, id: 2 } });
    q.receive({ type: "review", job: { ...first, id: 3 } });
    q.runOne(); // output 2's quiet period, broken by output 3: nothing starts
    expect(q.reviews().map((r) => r.id)).toEqual([1]);
    await q.runAll();
    expect(q.reviews().map((r) => r.id)).toEqual([1, 3]);
  });

  it("says the schemas are loading until they arrive, then reviews the newest output of every key again with them", async () => {
    const q = harness();
    const broken = job(1, "rest-api:\n  tolerations:\n    - effect: Sometimes\n");
    q.receive({ type: "review", job: broken });
    q.receive({ type: "review", job: { ...job(2, ""), key: "diff" } });
    await q.runAll();
    expect(q.reviews().map((r) => [r.id, r.schema])).toEqual([
      [1, "loading"],
      [2, "loading"],
    ]);
    q.schemas(await loadK8sSchemaValidator());
    await q.runAll();
    const again = q.reviews().slice(2);
    expect(again.map((r) => [r.id, r.schema])).toEqual([
      [1, "checked"],
      [2, "checked"],
    ]);
    expect(again[0]?.findings.some((f) => f.rule === "SCHEMA" && f.message.includes("tolerations/0/effect"))).toBe(true);
  });
});
