// What the render worker does with its messages, apart from the worker itself (so tests run it in Node).
// Rendering goes first: the output is posted as soon as the engine is done, and the review of it (findings,
// footprint, topology) runs afterwards in slices, one document at a time, each its own task: a request that
// arrives meanwhile is rendered before the review goes on, and a review whose output has been replaced by a
// newer one of the same key is dropped. Requests for the same key that queue up collapse into the newest;
// a request equal to the last one rendered is answered "same as" that output, without rendering or
// posting it again.
// Form edits arrive before the workspace has written them (`edit`): the worker applies them to its copy of
// the layer, as the workspace will, and keeps applying the ones not yet written on top of each request.
// The Kubernetes schema models load after the first render (megabytes of precompiled validators); until they
// are in, reviews say so, and the newest output of every key is reviewed again once they arrive.
import { EditError } from "@/lib/export/index";
import { loadChart, renderChart, type Chart, type RenderResult } from "@/lib/helm/index";
import { errorValuesPath } from "@/lib/review/error-values-path";
import type { ObjectValidator, ReviewFinding } from "@/lib/review/k8s-schema";
import { reviewFindings } from "@/lib/review/findings";
import { footprint } from "@/lib/review/footprint";
import { reviewObjects, type ParseCache } from "@/lib/review/review-object";
import { topologyGraph } from "@/lib/topology/graph";
import { isGoMap, type Value } from "@/lib/template/value";
import { setValue } from "@/lib/workspace/layer-edit";
import type { FromWorker, LayerEdit, RenderOutput, RenderRequest, ReviewData, SchemaCheck, ToWorker } from "./render-protocol";

interface Job {
  id: number;
  request: RenderRequest;
}

/** A request that was rendered, with its output (a later request equal to it is answered "same as" its id). */
interface Rendered extends Job {
  output: RenderOutput;
  result: RenderResult;
}

/** A key's newest request: the workspace's last one with the edits not yet written into it applied (null before the first). */
interface Latest {
  request: RenderRequest | null;
  edits: { id: number; edit: LayerEdit }[];
}

export interface RenderQueueOptions {
  post: (m: FromWorker) => void;
  /** Runs `task` in a later task (after the messages that arrived in between). */
  defer: (task: () => void) => void;
  /** The Kubernetes schema checks, loaded after the first render. */
  loadValidator: () => Promise<ObjectValidator>;
}

function sameRequest(a: RenderRequest, b: RenderRequest): boolean {
  return (
    a.releaseName === b.releaseName &&
    a.namespace === b.namespace &&
    a.kubeVersion === b.kubeVersion &&
    a.environment === b.environment &&
    a.values.length === b.values.length &&
    a.values.every((v, i) => v === b.values[i] && a.valuesFiles[i] === b.valuesFiles[i])
  );
}

/** `request` with `edit` made to its layer, as the workspace makes it; unchanged when the layer is not there or cannot be edited (the workspace then keeps it as it is too). */
function applyEdit(request: RenderRequest, { file, path, value }: LayerEdit): RenderRequest {
  const i = request.valuesFiles.indexOf(file);
  const text = request.values[i];
  if (text === undefined) return request;
  try {
    return { ...request, values: request.values.with(i, setValue(text, path, value)) };
  } catch (e) {
    if (e instanceof EditError) return request;
    throw e;
  }
}

/** A review slice's budget: one document's parse and schema check at least, then stop after this long. */
const SLICE_MS = 4;

/** Returns the handler of the worker's messages. */
export function renderQueue({ post, defer, loadValidator }: RenderQueueOptions): (m: ToWorker) => void {
  let chart: Chart | null = null;
  const latest = new Map<string, Latest>();
  /** Requests not rendered yet: the newest of every key. */
  const pending = new Map<string, Job>();
  /** Every key's last rendered request (answers an equal request again). */
  const lastRendered = new Map<string, Rendered>();
  /** Outputs not reviewed yet: the newest of every key. */
  const unreviewed = new Map<string, Rendered>();
  /** The review under way, one slice per task. */
  let reviewing: { key: string; rendered: Rendered; steps: Generator<void, ReviewData> } | null = null;
  let scheduled = false;
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

  const valueAt = (path: string): unknown => {
    let cur: Value | undefined = chart?.values;
    for (const k of path.split(".")) cur = isGoMap(cur) ? cur.get(k) : undefined;
    return cur;
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
        for (const [key, r] of lastRendered) if (!r.output.error) unreviewed.set(key, r);
        schedule();
      });
  }

  function render(c: Chart, { id, request }: Job): Rendered {
    const start = performance.now();
    const result = renderChart(c, {
      values: request.values,
      valuesFiles: request.valuesFiles,
      releaseName: request.releaseName,
      namespace: request.namespace,
      kubeVersion: request.kubeVersion === "" ? undefined : request.kubeVersion,
    });
    const e = result.error;
    const output: RenderOutput = {
      id,
      output: result.output,
      manifests: result.manifests,
      error: e
        ? { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line, col: e.col, valuesPath: errorValuesPath(e.message, e.valuesPath, valueAt) }
        : null,
      ms: performance.now() - start,
    };
    return { id, request, output, result };
  }

  /**
   * The review of `rendered`, yielding after each document it had to parse (and check against its schema),
   * and between findings, footprint and topology, so that no slice runs far past its budget: a request that
   * arrives meanwhile waits for one step at most.
   */
  function* reviewSteps(key: string, rendered: Rendered): Generator<void, ReviewData> {
    let cache = parseCaches.get(key);
    if (!cache) parseCaches.set(key, (cache = new Map()));
    for (const manifest of rendered.result.manifests) {
      if (cache.has(manifest.content)) continue;
      const one: ParseCache = new Map();
      const [object] = reviewObjects([manifest], one);
      for (const [text, parsed] of one) cache.set(text, parsed);
      if (object) validateOnce(object.obj);
      yield;
    }
    const objects = reviewObjects(rendered.result.manifests, cache);
    const findings = reviewFindings(objects, { environment: rendered.request.environment, valueAt, validate: validate && validateOnce });
    yield;
    const foot = footprint(objects);
    yield;
    return { id: rendered.id, findings, schema, footprint: foot, graph: topologyGraph(objects) };
  }

  function renderPending(c: Chart): void {
    for (const [key, job] of pending) {
      pending.delete(key);
      const last = lastRendered.get(key);
      if (last && sameRequest(last.request, job.request)) {
        post({ type: "same", key, id: job.id, as: last.id });
        continue;
      }
      try {
        const rendered = render(c, job);
        post({ type: "output", key, result: rendered.output });
        lastRendered.set(key, rendered);
        // A failed render has nothing to review: the last review of an output that rendered stands.
        if (!rendered.output.error) unreviewed.set(key, rendered);
      } catch (err) {
        // An engine bug: report it for this request and keep serving the others.
        post({ type: "failed", key, id: job.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  function reviewSlice(): void {
    if (reviewing && unreviewed.get(reviewing.key) !== undefined) reviewing = null; // a newer output of its key came
    if (!reviewing) {
      const next = unreviewed.entries().next().value;
      if (!next) return;
      const [key, rendered] = next;
      unreviewed.delete(key);
      reviewing = { key, rendered, steps: reviewSteps(key, rendered) };
    }
    const { key, rendered, steps } = reviewing;
    const until = performance.now() + SLICE_MS;
    try {
      for (;;) {
        const step = steps.next();
        if (step.done) {
          reviewing = null;
          post({ type: "review", key, review: step.value });
          return;
        }
        if (performance.now() >= until) return;
      }
    } catch (err) {
      reviewing = null;
      post({ type: "failed", key, id: rendered.id, message: err instanceof Error ? err.message : String(err) });
    }
  }

  function drain(): void {
    scheduled = false;
    if (!chart) return;
    if (pending.size > 0) renderPending(chart);
    else reviewSlice();
    if (pending.size > 0 || unreviewed.size > 0 || reviewing) schedule();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    defer(drain);
  }

  return (m) => {
    if (m.type === "load") {
      chart = loadChart(m.files);
      loadSchemas();
    } else if (m.type === "render") {
      const edits = (latest.get(m.key)?.edits ?? []).filter((e) => e.id > m.written);
      const request = edits.reduce((r, e) => applyEdit(r, e.edit), m.request);
      latest.set(m.key, { request, edits });
      pending.set(m.key, { id: m.id, request });
    } else {
      // Before the key's first request (a restarted worker is sent the edits first), the edit waits for it.
      let l = latest.get(m.key);
      if (!l) latest.set(m.key, (l = { request: null, edits: [] }));
      l.edits.push({ id: m.id, edit: m.edit });
      if (!l.request) return;
      l.request = applyEdit(l.request, m.edit);
      pending.set(m.key, { id: m.id, request: l.request });
    }
    schedule();
  };
}
