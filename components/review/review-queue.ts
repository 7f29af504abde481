// What the review worker does with its messages, apart from the worker itself (so tests run it in Node):
// the review of each output that rendered (findings, footprint, topology), in its own worker so that no
// review step delays a render. It waits for a quiet moment (no new output for `settle`), so that while
// someone types it does not take a core from the page and the render worker, then runs in slices, one
// document at a time, each its own task: a newer output of the same key that arrives meanwhile replaces
// the one under review, whose review is dropped.
// The Kubernetes schema models load after the chart (megabytes of precompiled validators); until they
// are in, reviews say so, and the newest output of every key is reviewed again once they arrive.
import { loadChart, type ChartFiles } from "@/lib/helm/index";
import type { ObjectValidator, ReviewFinding } from "@/lib/review/k8s-schema";
import { reviewFindings } from "@/lib/review/findings";
import { footprint } from "@/lib/review/footprint";
import { reviewObjects, type ParseCache } from "@/lib/review/review-object";
import { topologyGraph } from "@/lib/topology/graph";
import type { FromWorker, ReviewData, ReviewJob, SchemaCheck } from "./render-protocol";
import { coalesced } from "./task-queue";
import { valueAt } from "./value-at";

/** What the queue handles: the chart (for its default values), then outputs to review. */
export type ReviewMessage = { type: "load"; files: ChartFiles } | { type: "review"; job: ReviewJob };

export interface ReviewQueueOptions {
  post: (m: FromWorker) => void;
  /** Runs `task` in a later task (after the messages that arrived in between). */
  defer: (task: () => void) => void;
  /** Runs `task` once the quiet period after an output has passed. */
  settle: (task: () => void) => void;
  /** The Kubernetes schema checks, loaded after the chart. */
  loadValidator: () => Promise<ObjectValidator>;
}

/** A review slice's budget: one document's parse and schema check at least, then stop after this long. */
const SLICE_MS = 4;

/** Returns the handler of the worker's messages. */
export function reviewQueue({ post, defer, settle, loadValidator }: ReviewQueueOptions): (m: ReviewMessage) => void {
  let lookup: ((path: string) => unknown) | null = null;
  /** Outputs not reviewed yet: the newest of every key. */
  const unreviewed = new Map<string, ReviewJob>();
  /** Every key's newest output until the schemas arrive, when it is reviewed again (kept no longer after that). */
  const newest = new Map<string, ReviewJob>();
  /** The review under way, one slice per task. */
  let reviewing: { job: ReviewJob; steps: Generator<void, ReviewData> } | null = null;
  /** Counts the outputs received: a quiet period counts only when no output came during it. */
  let received = 0;
  let quiet = true;
  let validate: ObjectValidator | undefined;
  let schema: SchemaCheck = "loading";
  /** Each key's parsed documents of its previous review: an edit re-parses only what it changed. */
  const parseCaches = new Map<string, ParseCache>();
  // A document printed again unchanged comes back as the same object (the parse cache), so its schema
  // findings are kept with it.
  const schemaFindings = new WeakMap<object, ReviewFinding[]>();
  const validateOnce: ObjectValidator = (obj) => {
    if (!validate) return [];
    if (obj === null || typeof obj !== "object") return validate(obj);
    let found = schemaFindings.get(obj);
    if (!found) schemaFindings.set(obj, (found = validate(obj)));
    return found;
  };

  function loadSchemas(): void {
    void loadValidator()
      .then(
        (v) => {
          validate = v;
          schema = "checked";
        },
        (e: unknown) => {
          schema = { failed: e instanceof Error ? e.message : String(e) };
        },
      )
      .then(() => {
        for (const [key, job] of newest) if (!unreviewed.has(key)) unreviewed.set(key, job);
        newest.clear();
        schedule();
      });
  }

  /**
   * The review of `job`, yielding after each document it had to parse (and check against its schema), and
   * between findings, footprint and topology, so that no slice runs far past its budget.
   */
  function* reviewSteps(job: ReviewJob, at: (path: string) => unknown): Generator<void, ReviewData> {
    let cache = parseCaches.get(job.key);
    if (!cache) parseCaches.set(job.key, (cache = new Map()));
    for (const manifest of job.manifests) {
      if (cache.has(manifest.content)) continue;
      const one: ParseCache = new Map();
      const [object] = reviewObjects([manifest], one);
      for (const [text, parsed] of one) cache.set(text, parsed);
      if (object) validateOnce(object.obj);
      yield;
    }
    const objects = reviewObjects(job.manifests, cache);
    const findings = reviewFindings(objects, { environment: job.environment, valueAt: at, validate: validate && validateOnce });
    yield;
    const foot = footprint(objects);
    yield;
    return { id: job.id, findings, schema, footprint: foot, graph: topologyGraph(objects) };
  }

  function reviewSlice(at: (path: string) => unknown): void {
    if (reviewing && unreviewed.has(reviewing.job.key)) reviewing = null; // a newer output of its key came
    if (!reviewing) {
      const next = unreviewed.values().next().value;
      if (!next) return;
      unreviewed.delete(next.key);
      reviewing = { job: next, steps: reviewSteps(next, at) };
    }
    const { job, steps } = reviewing;
    const until = performance.now() + SLICE_MS;
    try {
      for (;;) {
        const step = steps.next();
        if (step.done) {
          reviewing = null;
          post({ type: "review", key: job.key, review: step.value });
          return;
        }
        if (performance.now() >= until) return;
      }
    } catch (err) {
      reviewing = null;
      post({ type: "failed", key: job.key, id: job.id, message: err instanceof Error ? err.message : String(err) });
    }
  }

  function drain(): void {
    if (!lookup || !quiet) return;
    reviewSlice(lookup);
    if (unreviewed.size > 0 || reviewing) schedule();
  }

  const schedule = coalesced(defer, drain);

  return (m) => {
    if (m.type === "load") {
      lookup = valueAt(loadChart(m.files).values);
      loadSchemas();
    } else {
      if (schema === "loading") newest.set(m.job.key, m.job);
      unreviewed.set(m.job.key, m.job);
      quiet = false;
      const n = ++received;
      settle(() => {
        if (n !== received) return;
        quiet = true;
        schedule();
      });
      return;
    }
    schedule();
  };
}
