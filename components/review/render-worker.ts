// The render worker: holds the loaded chart and renders every request with the engine, so typing in the
// studio never waits for Helm. The output is posted as soon as the engine is done; the review of it
// (findings, footprint, topology) runs in a later task and is posted on its own, so it never sits
// between a keystroke and the preview, and a newer request waiting for the worker goes before it.
// Requests for the same key that queue up while a render runs collapse into the newest one. The
// Kubernetes schema models load after the first render (megabytes of precompiled validators); until
// they are in, reviews say so, and the newest output of every key is reviewed again once they arrive.
import { loadChart, renderChart, type Chart, type RenderResult } from "@/lib/helm/index";
import { errorValuesPath } from "@/lib/review/error-values-path";
import { loadK8sSchemaValidator, type ObjectValidator, type ReviewFinding } from "@/lib/review/k8s-schema";
import { reviewFindings } from "@/lib/review/findings";
import { footprint } from "@/lib/review/footprint";
import { reviewObjects, type ParseCache } from "@/lib/review/review-object";
import { topologyGraph } from "@/lib/topology/graph";
import { isGoMap, type Value } from "@/lib/template/value";
import type { FromWorker, RenderOutput, RenderRequest, ReviewData, SchemaCheck, ToWorker } from "./render-protocol";

interface Job {
  id: number;
  request: RenderRequest;
}
/** An output that rendered, with what its review needs. */
interface Rendered extends Job {
  result: RenderResult;
}

let chart: Chart | null = null;
/** Requests not rendered yet: the newest of every key. */
const pending = new Map<string, Job>();
/** Outputs not reviewed yet: the newest of every key. */
const unreviewed = new Map<string, Rendered>();
/** The newest output of every key that rendered, reviewed again when the schema models arrive. */
const lastRendered = new Map<string, Rendered>();
let scheduled = false;
let validate: ObjectValidator | undefined;
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
let schema: SchemaCheck = "loading";

function loadSchemas(): void {
  void loadK8sSchemaValidator()
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
      for (const [key, r] of lastRendered) unreviewed.set(key, r);
      schedule();
    });
}

const post = (m: FromWorker) => self.postMessage(m);

function valueAt(path: string): unknown {
  let cur: Value | undefined = chart?.values;
  for (const k of path.split(".")) cur = isGoMap(cur) ? cur.get(k) : undefined;
  return cur;
}

function render(c: Chart, { id, request }: Job): { output: RenderOutput; result: RenderResult } {
  const start = performance.now();
  const r = renderChart(c, {
    values: request.values,
    valuesFiles: request.valuesFiles,
    releaseName: request.releaseName,
    namespace: request.namespace,
    kubeVersion: request.kubeVersion === "" ? undefined : request.kubeVersion,
  });
  const e = r.error;
  const output: RenderOutput = {
    id,
    output: r.output,
    manifests: r.manifests,
    error: e
      ? { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line, col: e.col, valuesPath: errorValuesPath(e.message, e.valuesPath, valueAt) }
      : null,
    ms: performance.now() - start,
  };
  return { output, result: r };
}

function review(key: string, { id, request, result }: Rendered): ReviewData {
  let cache = parseCaches.get(key);
  if (!cache) parseCaches.set(key, (cache = new Map()));
  const objects = reviewObjects(result.manifests, cache);
  return {
    id,
    findings: reviewFindings(objects, { environment: request.environment, valueAt, validate: validate && validateOnce }),
    schema,
    footprint: footprint(objects),
    graph: topologyGraph(objects),
  };
}

/** Renders what is pending; only when nothing is, reviews one output (then looks for requests again). */
function drain(): void {
  scheduled = false;
  if (!chart) return;
  if (pending.size > 0) {
    for (const [key, job] of pending) {
      pending.delete(key);
      try {
        const { output, result } = render(chart, job);
        post({ type: "output", key, result: output });
        // A failed render has nothing to review: the last review of an output that rendered stands.
        if (!output.error) {
          const rendered = { ...job, result };
          lastRendered.set(key, rendered);
          unreviewed.set(key, rendered);
        }
      } catch (err) {
        // An engine bug: report it for this request and keep serving the others.
        post({ type: "failed", key, id: job.id, message: err instanceof Error ? err.message : String(err) });
      }
    }
  } else {
    const [key, rendered] = unreviewed.entries().next().value ?? [];
    if (key === undefined || !rendered) return;
    unreviewed.delete(key);
    try {
      post({ type: "review", key, review: review(key, rendered) });
    } catch (err) {
      post({ type: "failed", key, id: rendered.id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  if (pending.size > 0 || unreviewed.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(drain, 0);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  if (m.type === "load") {
    chart = loadChart(m.files);
    loadSchemas();
  } else {
    pending.set(m.key, { id: m.id, request: m.request });
  }
  schedule();
};
