// The page side of the render and review workers against the real queues, in Node: messages each way are
// tasks the test runs, so answers can arrive between any two things the page does.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChartFiles } from "@/lib/helm/index";
import { setValue } from "@/lib/workspace/layer-edit";
import { afterAnswer, EMPTY_STATE, renderClient, type RenderState, type Spawn, type WorkerEvents } from "./render-client";
import type { FromWorker, RenderOutput, RenderRequest } from "./render-protocol";
import { renderQueue } from "./render-queue";
import { reviewQueue } from "./review-queue";
import { devChart, devRequest, freshOutput } from "./review-chart.test-util";

let files: ChartFiles;
let dev: string;

beforeAll(() => {
  ({ files, dev } = devChart());
});

const request = (env: string) => devRequest("", env);
/** What `helm template` prints for the dev layer `env`, rendered afresh. */
const fresh = (env: string) => freshOutput(files, request(env));

const edit = (p: string, value: number) => ({ file: "values-dev.yaml", path: p, value });

/** A client over the real render and review queues; every message is a task, run when the test says. */
function harness() {
  const tasks: (() => void)[] = [];
  const states = new Map<string, RenderState>();
  const client = renderClient({ patch: (key, change) => states.set(key, change(states.get(key) ?? EMPTY_STATE)) });
  let crash: WorkerEvents["crash"] = () => {};
  let spawned = 0;
  const spawn: Spawn = (events) => {
    spawned++;
    let live = true;
    const later = (task: () => void) => tasks.push(() => live && task());
    const toPage = (m: FromWorker) => later(() => events.message(m));
    const review = reviewQueue({ post: toPage, defer: later, settle: later, loadValidator: () => new Promise(() => {}) });
    const receive = renderQueue({ post: toPage, review: (job) => later(() => review({ type: "review", job })), defer: later });
    review({ type: "load", files });
    receive({ type: "load", files });
    crash = events.crash;
    return {
      send: (m) => later(() => receive(m)),
      terminate: () => {
        live = false;
      },
    };
  };
  const start = () => client.start(spawn);
  start();
  const shown: { output: RenderOutput; request: RenderRequest }[] = [];
  client.onOutput("current", (output, r) => shown.push({ output, request: r }));
  const statuses: string[] = [];
  client.onStatus("current", (s) => statuses.push(s));
  const runOne = () => tasks.shift()?.();
  const runAll = () => {
    while (tasks.length > 0) runOne();
  };
  return { client, states, shown, statuses, runOne, runAll, start, crash: (worker: "render" | "review", why: string) => crash(worker, why), spawned: () => spawned };
}

describe("render client", () => {
  it("after a burst of edits and workspace writes, the preview shows a fresh render of the final workspace, and the status says so", () => {
    const h = harness();
    let env = dev;
    const first = request(env);
    h.client.render("current", first, false);
    h.client.commit("current", first);
    h.runAll();
    const typed = [2, 12, 1, 13, 4, 45, 456, 7];
    typed.forEach((replicas, i) => {
      h.client.edit("current", edit("rest-api.replicaCount", replicas));
      if (i % 3 === 2) h.runOne();
      if (i % 2 === 1) {
        // The form's write of every edit so far, then the workspace's request, sent while React renders it and committed after.
        h.client.written();
        for (const r of typed.slice(0, i + 1)) env = setValue(env, "rest-api.replicaCount", r);
        const r = request(env);
        h.client.render("current", r, false);
        h.runOne();
        h.client.commit("current", r);
      }
      h.runOne();
    });
    expect(h.client.status("current")).toBe("rendering…");
    h.runAll();
    expect(h.shown.at(-1)?.output.output).toBe(fresh(env));
    expect(h.shown.at(-1)?.output.output).toContain("replicas: 7\n");
    expect(h.client.status("current")).toMatch(/^rendered in \d+ ms$/);
    expect(h.statuses.at(-1)).toBe(h.client.status("current"));
    expect(h.states.get("current")?.good).toBe(h.shown.at(-1)?.output);
    // The review follows the output it belongs to.
    expect(h.states.get("current")?.review?.id).toBe(h.shown.at(-1)?.output.id);
  });

  it("holds the output of a request the page has not committed, and shows it when the page commits that request", () => {
    const h = harness();
    const r = request(dev);
    h.client.render("current", r, false);
    h.runAll();
    expect(h.shown).toEqual([]);
    expect(h.client.status("current")).toBe("rendering…");
    h.client.commit("current", r);
    expect(h.shown.map((s) => s.request)).toEqual([r]);
    expect(h.client.status("current")).toMatch(/^rendered in/);
  });

  it("the workspace's echo of an edit already shown is answered \"same as\" it: shown once, and the status says rendered", () => {
    const h = harness();
    h.client.render("current", request(dev), true);
    h.runAll();
    h.client.edit("current", edit("worker.replicaCount", 5));
    h.runAll();
    expect(h.shown.map((s) => s.output.id)).toEqual([1, 2]);
    h.client.written();
    const echo = request(setValue(dev, "worker.replicaCount", 5));
    h.client.render("current", echo, false);
    expect(h.client.status("current")).toBe("rendering…");
    h.runAll();
    h.client.commit("current", echo);
    expect(h.shown.map((s) => s.output.id)).toEqual([1, 2]);
    expect(h.client.status("current")).toMatch(/^rendered in/);
  });

  it("a render that fails keeps the last good output, marked stale by the error, until one renders again", () => {
    const h = harness();
    h.client.render("current", request(dev), true);
    h.runAll();
    const good = h.shown[0]?.output;
    h.client.edit("current", edit("rest-api.service.port", 70000));
    h.runAll();
    expect(h.states.get("current")?.good).toBe(good);
    expect(h.states.get("current")?.error?.valuesPath).toBe("rest-api.service.port");
    expect(h.client.status("current")).toBe("render failed");
    h.client.edit("current", edit("rest-api.service.port", 8080));
    h.runAll();
    expect(h.states.get("current")?.error).toBeNull();
    expect(h.states.get("current")?.good?.output).toBe(fresh(setValue(dev, "rest-api.service.port", 8080)));
  });

  it("after a crash, new workers get the newest request and the edits not yet written: nothing typed is lost", () => {
    const h = harness();
    h.client.render("current", request(dev), true);
    h.runAll();
    h.client.edit("current", edit("rest-api.replicaCount", 3));
    h.client.edit("current", edit("worker.replicaCount", 4));
    h.crash("review", "boom");
    expect(h.spawned()).toBe(2);
    expect(h.states.get("current")?.crash).toBe("the review worker stopped (boom); restarted");
    h.runAll();
    expect(h.shown.at(-1)?.output.output).toBe(fresh(setValue(setValue(dev, "rest-api.replicaCount", 3), "worker.replicaCount", 4)));
    expect(h.states.get("current")?.crash).toBeNull();
    expect(h.client.status("current")).toMatch(/^rendered in/);
  });

  it("a worker that crashes again soon after it started is restarted later and later, with nothing typed lost", () => {
    vi.useFakeTimers();
    try {
      const h = harness();
      h.client.render("current", request(dev), true);
      h.runAll();
      h.crash("render", "boom");
      expect(h.spawned()).toBe(2);
      for (const [spawned, seconds, replicas] of [[3, 0.25, 3], [4, 0.5, 4], [5, 1, 5]] as const) {
        h.crash("render", "boom");
        expect(h.states.get("current")?.crash).toBe(`the render worker stopped (boom); restarting in ${seconds} s`);
        // Typed while no worker runs: sent to the next one.
        h.client.edit("current", edit("rest-api.replicaCount", replicas));
        vi.advanceTimersByTime(seconds * 1000 - 1);
        expect(h.spawned()).toBe(spawned - 1);
        vi.advanceTimersByTime(1);
        expect(h.spawned()).toBe(spawned);
        expect(h.states.get("current")?.crash).toBe("the render worker stopped (boom); restarted");
      }
      h.runAll();
      expect(h.shown.at(-1)?.output.output).toBe(fresh(setValue(dev, "rest-api.replicaCount", 5)));
      // Once a start has lasted, a crash is a first one again: restarted at once.
      vi.advanceTimersByTime(10_000);
      h.crash("render", "boom");
      expect(h.spawned()).toBe(6);
      expect(h.states.get("current")?.crash).toBe("the render worker stopped (boom); restarted");
    } finally {
      vi.useRealTimers();
    }
  });

  it("a stop while a restart waits cancels it, and the next start's first crash restarts at once", () => {
    vi.useFakeTimers();
    try {
      const h = harness();
      h.crash("render", "boom");
      h.crash("render", "boom");
      expect(h.spawned()).toBe(2);
      h.client.stop();
      vi.advanceTimersByTime(60_000);
      expect(h.spawned()).toBe(2);
      h.start();
      expect(h.spawned()).toBe(3);
      h.crash("render", "boom");
      expect(h.spawned()).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });

  describe("afterAnswer (when the form writes its edits to the layer)", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("runs at once when the newest request is answered, and after the answer to an edit otherwise, once", () => {
      const h = harness();
      h.client.render("current", request(dev), true);
      h.runAll();
      let runs = 0;
      afterAnswer(h.client, "current", () => runs++, 1000);
      expect(runs).toBe(1);
      h.client.edit("current", edit("rest-api.replicaCount", 3));
      afterAnswer(h.client, "current", () => runs++, 1000);
      // A second edit before the answer: the wait is for the newest one.
      h.client.edit("current", edit("rest-api.replicaCount", 4));
      h.runOne();
      expect(runs).toBe(1);
      h.runAll();
      expect(runs).toBe(2);
      expect(h.shown.at(-1)?.output.output).toBe(fresh(setValue(dev, "rest-api.replicaCount", 4)));
      h.client.edit("current", edit("rest-api.replicaCount", 5));
      h.runAll();
      expect(runs).toBe(2);
    });

    it("runs after the longest wait when no answer comes, and not at all once cancelled", () => {
      vi.useFakeTimers();
      const h = harness();
      h.client.render("current", request(dev), true);
      h.runAll();
      h.client.edit("current", edit("rest-api.replicaCount", 3));
      let runs = 0;
      afterAnswer(h.client, "current", () => runs++, 200);
      const cancel = afterAnswer(h.client, "current", () => runs++, 200);
      cancel();
      vi.advanceTimersByTime(199);
      expect(runs).toBe(0);
      vi.advanceTimersByTime(1);
      expect(runs).toBe(1);
      // The answer after the timeout runs nothing again.
      h.runAll();
      vi.advanceTimersByTime(1000);
      expect(runs).toBe(1);
    });
  });
});
