// What the render worker does with its messages, apart from the worker itself (so tests run it in Node).
// The output is posted as soon as the engine is done; the review of it (findings, footprint, topology) is
// the review worker's (review-queue.ts), handed over through `review`, so no review step ever delays the
// next render. Requests for the same key that queue up collapse into the newest; a request equal to the
// last one rendered is answered "same as" that output, without rendering or posting it again.
// Form edits arrive before the workspace has written them (`edit`): the worker applies them to its copy of
// the layer, as the workspace will, and keeps applying the ones not yet written on top of each request.
// In its quiet moments the queue prepares for the next edit: it parses the newest layers, and the first
// times it warms the engine up with renders of its own.
import { EditError, keepForEdits } from "@/lib/export/index";
import { loadChart, renderChart, type Chart } from "@/lib/helm/index";
import { errorValuesPath } from "@/lib/review/error-values-path";
import { isGoMap, type GoMap } from "@/lib/template/value";
import { setValue } from "@/lib/workspace/layer-edit";
import type { FromWorker, LayerEdit, RenderOutput, RenderRequest, ReviewJob, ToWorker } from "./render-protocol";
import { coalesced } from "./task-queue";
import { valueAt } from "./value-at";

/** What the queue handles (the review port is the worker's own business). */
export type RenderMessage = Exclude<ToWorker, { type: "reviewer" }>;

interface Job {
  id: number;
  request: RenderRequest;
}

/** A key's newest request: the workspace's last one with the edits not yet written into it applied (null before the first). */
interface Latest {
  request: RenderRequest | null;
  edits: { id: number; edit: LayerEdit }[];
}

export interface RenderQueueOptions {
  post: (m: FromWorker) => void;
  /** Hands an output that rendered to the review worker. */
  review: (job: ReviewJob) => void;
  /** Runs `task` in a later task (after the messages that arrived in between). */
  defer: (task: () => void) => void;
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

/** How long the queue waits without requests before it parses the layers for the next edit. */
const KEEP_AFTER_MS = 300;

/**
 * Renders the queue makes of its own in its first quiet moments (KEEP_AFTER_MS without requests), usually before
 * the form's first edit: the engine of a new worker runs cold (the JIT has not optimised it), and its first
 * edits took 2-5 times as long as later ones. Rendering the dev layer's edits directly in Node: 28.8, 12.7,
 * 11.0, 11.6, 15.5 ms, then 5-8; after twelve such renders, 16.3, then mostly 4-7. In Chromium's worker the
 * twelve went from 62 ms to 7.
 */
export const WARM_RENDERS = 12;

/** The path and value of the first whole number in the chart's values (depth first), which warm-up renders change. */
function firstNumber(values: GoMap, at: readonly string[] = []): { path: string[]; value: number } | undefined {
  for (const [key, v] of values) {
    if (typeof v === "number" && Number.isInteger(v)) return { path: [...at, key], value: v };
    const inner = isGoMap(v) ? firstNumber(v, [...at, key]) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** Returns the handler of the worker's messages. */
export function renderQueue({ post, review, defer }: RenderQueueOptions): (m: RenderMessage) => void {
  let chart: Chart | null = null;
  const latest = new Map<string, Latest>();
  /** Requests not rendered yet: the newest of every key. */
  const pending = new Map<string, Job>();
  /** Every key's last rendered request, whose output's id answers an equal request again (the output itself is the page's). */
  const lastRendered = new Map<string, Job>();

  function render(c: Chart, { id, request }: Job): RenderOutput {
    const start = performance.now();
    const result = renderChart(c, {
      values: request.values,
      valuesFiles: request.valuesFiles,
      releaseName: request.releaseName,
      namespace: request.namespace,
      kubeVersion: request.kubeVersion === "" ? undefined : request.kubeVersion,
    });
    const e = result.error;
    return {
      id,
      output: result.output,
      manifests: result.manifests,
      error: e
        ? { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line, col: e.col, valuesPath: errorValuesPath(e.message, e.valuesPath, valueAt(c.values)) }
        : null,
      ms: performance.now() - start,
    };
  }

  function drain(): void {
    const c = chart;
    if (!c) return;
    for (const [key, job] of pending) {
      pending.delete(key);
      const last = lastRendered.get(key);
      if (last && sameRequest(last.request, job.request)) {
        post({ type: "same", key, id: job.id, as: last.id });
        continue;
      }
      try {
        const output = render(c, job);
        post({ type: "output", key, result: output });
        lastRendered.set(key, job);
        // A failed render has nothing to review: the last review of an output that rendered stands.
        if (!output.error) review({ key, id: output.id, manifests: output.manifests, environment: job.request.environment });
      } catch (err) {
        // An engine bug: report it for this request and keep serving the others.
        post({ type: "failed", key, id: job.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
    keepLayersLater();
  }

  // Once no request has come for KEEP_AFTER_MS, the newest requests' layers are parsed for the form's next
  // edit (an edit's own text already is): not between the keystrokes of someone typing in the YAML editor,
  // each a new text to parse and print again (16 ms for a layer of the chart's size). Then, the first times,
  // the warm-up renders, each in a task of its own, so that a request arriving meanwhile waits for one of
  // these steps at most.
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts the quiet periods: a warm-up step of an earlier one, which a request interrupted, ends there. */
  let quietPeriod = 0;
  let warmRenders = 0;
  /** The layer warm-up renders add on top of the newest request, with a new value of the chart's first number each time. */
  let warmLayer = "";
  let newest: RenderRequest | null = null;

  function keepLayersLater(): void {
    clearTimeout(quietTimer);
    const period = ++quietPeriod;
    quietTimer = setTimeout(() => {
      if (pending.size > 0) return;
      for (const { request } of latest.values()) for (const text of request?.values ?? []) keepForEdits(text);
      defer(() => warmUp(period));
    }, KEEP_AFTER_MS);
  }

  function warmUp(period: number): void {
    if (period !== quietPeriod || pending.size > 0 || warmRenders >= WARM_RENDERS || !chart || !newest) return;
    const number = firstNumber(chart.values);
    if (!number) return;
    warmRenders++;
    try {
      // A layer of its own, edited as the form edits one; a new text each time, so its values are parsed anew too.
      warmLayer = setValue(warmLayer, number.path, number.value + warmRenders);
      render(chart, { id: 0, request: { ...newest, values: [...newest.values, warmLayer], valuesFiles: [...newest.valuesFiles, "warm-up.yaml"] } });
    } catch {
      // An engine bug: the real request that meets it reports it.
      warmRenders = WARM_RENDERS;
      return;
    }
    defer(() => warmUp(period));
  }

  const schedule = coalesced(defer, drain);

  return (m) => {
    if (m.type === "load") {
      chart = loadChart(m.files);
    } else if (m.type === "render") {
      const edits = (latest.get(m.key)?.edits ?? []).filter((e) => e.id > m.written);
      const request = edits.reduce((r, e) => applyEdit(r, e.edit), m.request);
      latest.set(m.key, { request, edits });
      pending.set(m.key, { id: m.id, request });
      newest = request;
    } else {
      // Before the key's first request (a restarted worker is sent the edits first), the edit waits for it.
      let l = latest.get(m.key);
      if (!l) latest.set(m.key, (l = { request: null, edits: [] }));
      l.edits.push({ id: m.id, edit: m.edit });
      if (!l.request) return;
      l.request = applyEdit(l.request, m.edit);
      pending.set(m.key, { id: m.id, request: l.request });
      newest = l.request;
    }
    schedule();
  };
}
