import { beforeAll, describe, expect, it, vi } from "vitest";
import { forgetEditedDocuments, splicedEdits } from "@/lib/export/edit-values-text";
import { renderChart, type ChartFiles } from "@/lib/helm/index";
import { setValue } from "@/lib/workspace/layer-edit";
import type { FromWorker, RenderOutput, RenderRequest, ReviewJob } from "./render-protocol";
import { renderQueue, WARM_RENDERS } from "./render-queue";
import { devChart, devRequest as request, freshOutput } from "./review-chart.test-util";

// The queue's renders, counted (the warm-up's are posted nowhere).
vi.mock("@/lib/helm/index", async (importOriginal) => {
  const helm = await importOriginal<typeof import("@/lib/helm/index")>();
  return { ...helm, renderChart: vi.fn(helm.renderChart) };
});

let files: ChartFiles;
let dev: string;

beforeAll(() => {
  ({ files, dev } = devChart());
});

const fresh = (r: RenderRequest) => freshOutput(files, r);

/** A queue whose tasks run only when the test says, so messages can arrive between any two of them. */
function harness() {
  const posted: FromWorker[] = [];
  const reviewed: ReviewJob[] = [];
  const tasks: (() => void)[] = [];
  const receive = renderQueue({ post: (m) => posted.push(m), review: (job) => reviewed.push(job), defer: (t) => tasks.push(t) });
  receive({ type: "load", files });
  const runOne = () => tasks.shift()?.();
  const runAll = () => {
    while (tasks.length > 0) runOne();
  };
  const outputs = () => posted.flatMap((m) => (m.type === "output" ? [m.result] : []));
  const last = (): RenderOutput | undefined => outputs().at(-1);
  return { posted, reviewed, receive, runOne, runAll, outputs, last };
}

const edit = (path: string, value: number) => ({ file: "values-dev.yaml", path, value });

describe("render queue", () => {
  it("after a burst of edits and workspace requests, the newest output is a fresh render of the final workspace", () => {
    const q = harness();
    // The workspace as the page holds it, and the edits as the form makes them (written a frame later).
    let env = dev;
    let id = 0;
    let written = 0;
    q.receive({ type: "render", key: "current", id: ++id, request: request("", env), written });
    q.runOne();
    const typed = [2, 12, 1, 13, 4, 45, 456, 7];
    typed.forEach((replicas, i) => {
      q.receive({ type: "edit", key: "current", id: ++id, edit: edit("rest-api.replicaCount", replicas) });
      if (i % 3 === 2) q.runOne(); // the worker gets to render some of them
      if (i % 2 === 1) {
        // The write: every edit so far goes into the workspace, whose request follows.
        written = id;
        for (const r of typed.slice(0, i + 1)) env = setValue(env, "rest-api.replicaCount", r);
        q.receive({ type: "render", key: "current", id: ++id, request: request("", env), written });
      }
    });
    q.runAll();
    const last = q.last();
    expect(last?.id).toBe(id);
    expect(last?.output).toBe(fresh(request("", env)));
    expect(last?.output).toContain("replicas: 7\n");
  });

  it("applies an edit sent before the workspace's request that lacks it, and drops one the workspace has since replaced (undo)", () => {
    const q = harness();
    q.receive({ type: "render", key: "current", id: 1, request: request("", dev), written: 0 });
    q.runAll();
    // Edit 2 is typed; a request made before its write (written: 0) still gets it.
    q.receive({ type: "edit", key: "current", id: 2, edit: edit("worker.replicaCount", 5) });
    q.receive({ type: "render", key: "current", id: 3, request: request("", dev), written: 0 });
    q.runAll();
    expect(q.last()?.id).toBe(3);
    expect(q.last()?.output).toBe(fresh(request("", setValue(dev, "worker.replicaCount", 5))));
    // Edit 2 was written, then undone: the workspace's request no longer has it, and neither does the output.
    q.receive({ type: "render", key: "current", id: 4, request: request("", dev), written: 2 });
    q.runAll();
    expect(q.last()?.id).toBe(4);
    expect(q.last()?.output).toBe(fresh(request("", dev)));
  });

  it("a restarted worker sent the unwritten edits first, then the request under the newest id, shows them", () => {
    const q = harness();
    q.receive({ type: "edit", key: "current", id: 7, edit: edit("rest-api.replicaCount", 3) });
    q.receive({ type: "edit", key: "current", id: 8, edit: edit("worker.replicaCount", 4) });
    q.receive({ type: "render", key: "current", id: 8, request: request("", dev), written: 6 });
    q.runAll();
    expect(q.outputs().map((o) => o.id)).toEqual([8]);
    expect(q.last()?.output).toBe(fresh(request("", setValue(setValue(dev, "rest-api.replicaCount", 3), "worker.replicaCount", 4))));
  });

  it("answers a request equal to the last one rendered \"same as\" that output, without its text or its review again", () => {
    const q = harness();
    const edited = setValue(dev, "rest-api.replicaCount", 9);
    q.receive({ type: "render", key: "current", id: 1, request: request("", dev), written: 0 });
    q.receive({ type: "edit", key: "current", id: 2, edit: edit("rest-api.replicaCount", 9) });
    q.runAll();
    const before = q.posted.length;
    // The workspace's write of edit 2: the same values.
    q.receive({ type: "render", key: "current", id: 3, request: request("", edited), written: 2 });
    q.runAll();
    expect(q.posted.slice(before)).toEqual([{ type: "same", key: "current", id: 3, as: 2 }]);
    expect(q.outputs().map((o) => o.id)).toEqual([2]);
    expect(q.reviewed.map((j) => j.id)).toEqual([2]);
    // A different request after it is rendered again.
    q.receive({ type: "render", key: "current", id: 4, request: request("", dev), written: 2 });
    q.runAll();
    expect(q.last()?.id).toBe(4);
    expect(q.last()?.output).toBe(fresh(request("", dev)));
  });

  it("hands every output that rendered to the review, with its manifests and environment, and no output that failed", () => {
    const q = harness();
    q.receive({ type: "render", key: "current", id: 1, request: request("", dev), written: 0 });
    q.runAll();
    q.receive({ type: "edit", key: "current", id: 2, edit: edit("rest-api.service.port", 70000) });
    q.runAll();
    expect(q.last()?.error?.valuesPath).toBe("rest-api.service.port");
    expect(q.reviewed).toEqual([{ key: "current", id: 1, manifests: q.outputs()[0]?.manifests, environment: "dev" }]);
  });

  it("renders WARM_RENDERS times of its own once quiet, one per task, showing and reviewing none of them; a request meanwhile goes first", () => {
    vi.useFakeTimers();
    try {
      forgetEditedDocuments();
      const q = harness();
      q.receive({ type: "render", key: "current", id: 1, request: request("", dev), written: 0 });
      q.runAll();
      const calls = vi.mocked(renderChart).mock.calls;
      const chart = calls.at(-1)?.[0];
      const before = calls.length;
      /** The queue's renders from now on (not those of `fresh`, which loads a chart of its own). */
      const renders = () => calls.slice(before).filter(([c]) => c === chart);
      const warmUps = () => renders().filter(([, o]) => o?.valuesFiles?.at(-1) === "warm-up.yaml");
      // The quiet period's task parses the layers; the warm-up follows, a render per task.
      vi.advanceTimersByTime(300);
      expect(renders()).toHaveLength(0);
      q.runOne();
      q.runOne();
      expect(warmUps()).toHaveLength(2);
      // The warm-up edits a layer of its own on top of the newest request, a new value each time.
      const [first, second] = warmUps().map(([, o]) => o?.values);
      expect(first?.slice(0, 2)).toEqual(["", dev]);
      expect(first?.[2]).not.toBe(second?.[2]);
      // A keystroke now: the warm-up's next step gives way, and the user's layer, kept for it, is spliced.
      const splices = splicedEdits();
      q.receive({ type: "edit", key: "current", id: 2, edit: edit("rest-api.replicaCount", 7) });
      expect(splicedEdits() - splices).toBe(1);
      q.runAll();
      expect(renders()).toHaveLength(3);
      expect(q.posted.map((m) => m.type === "output" && m.result.id)).toEqual([1, 2]);
      expect(q.reviewed.map((j) => j.id)).toEqual([1, 2]);
      expect(q.last()?.output).toBe(fresh(request("", setValue(dev, "rest-api.replicaCount", 7))));
      // The next quiet period finishes the warm-up, and that is all.
      vi.advanceTimersByTime(300);
      q.runAll();
      vi.advanceTimersByTime(300);
      q.runAll();
      expect(warmUps()).toHaveLength(WARM_RENDERS);
      expect(renders()).toHaveLength(WARM_RENDERS + 1);
      expect(q.posted).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("parses the layers for the form's first edit once no request has come for a while, not between requests", () => {
    vi.useFakeTimers();
    try {
      for (const [quiet, splices] of [
        [299, 0],
        [300, 1],
      ] as const) {
        forgetEditedDocuments();
        const q = harness();
        q.receive({ type: "render", key: "current", id: 1, request: request("", dev), written: 0 });
        q.runAll();
        vi.advanceTimersByTime(quiet);
        const before = splicedEdits();
        q.receive({ type: "edit", key: "current", id: 2, edit: edit("rest-api.replicaCount", 7) });
        expect(splicedEdits() - before, `after ${quiet} ms`).toBe(splices);
        q.runAll();
        expect(q.last()?.output).toBe(fresh(request("", setValue(dev, "rest-api.replicaCount", 7))));
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
