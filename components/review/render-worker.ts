// The render worker: holds the loaded chart and renders every request with the engine, then derives the
// findings, footprint and topology, so typing in the studio never waits for Helm. Requests for the same
// key that queue up while a render runs collapse into the newest one. The Kubernetes schema models load
// after the first render (megabytes of precompiled validators); until they are in, results say so, and the
// newest request of every key is reviewed again once they arrive.
import { loadChart, renderChart, type Chart } from "@/lib/helm/index";
import { errorValuesPath } from "@/lib/review/error-values-path";
import { loadK8sSchemaValidator, type ObjectValidator, type ReviewFinding } from "@/lib/review/k8s-schema";
import { reviewFindings } from "@/lib/review/findings";
import { footprint } from "@/lib/review/footprint";
import { reviewObjects, type ParseCache } from "@/lib/review/review-object";
import { topologyGraph } from "@/lib/topology/graph";
import { isGoMap, type Value } from "@/lib/template/value";
import type { FromWorker, RenderRequest, ReviewResult, SchemaCheck, ToWorker } from "./render-protocol";

let chart: Chart | null = null;
const pending = new Map<string, { id: number; request: RenderRequest }>();
/** The newest request of every key, reviewed again when the schema models arrive. */
const latest = new Map<string, { id: number; request: RenderRequest }>();
let scheduled = false;
let validate: ObjectValidator | undefined;
/** Each key's parsed documents of its previous render: an edit re-parses only what it changed. */
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
      for (const [key, r] of latest) pending.set(key, r);
      schedule();
    });
}

const post = (m: FromWorker) => self.postMessage(m);

function valueAt(path: string): unknown {
  let cur: Value | undefined = chart?.values;
  for (const k of path.split(".")) cur = isGoMap(cur) ? cur.get(k) : undefined;
  return cur;
}

function review(c: Chart, key: string, request: RenderRequest): ReviewResult {
  const start = performance.now();
  const r = renderChart(c, {
    values: request.values,
    valuesFiles: request.valuesFiles,
    releaseName: request.releaseName,
    namespace: request.namespace,
    kubeVersion: request.kubeVersion === "" ? undefined : request.kubeVersion,
  });
  let cache = parseCaches.get(key);
  if (!cache) parseCaches.set(key, (cache = new Map()));
  const objects = reviewObjects(r.manifests, cache);
  const e = r.error;
  return {
    output: r.output,
    manifests: r.manifests,
    error: e
      ? { code: e.code, message: e.message, stderr: e.stderr, file: e.file, line: e.line, col: e.col, valuesPath: errorValuesPath(e.message, e.valuesPath, valueAt) }
      : null,
    findings: reviewFindings(objects, { environment: request.environment, valueAt, validate: validate && validateOnce }),
    schema,
    footprint: footprint(objects),
    graph: topologyGraph(objects),
    ms: performance.now() - start,
  };
}

function drain(): void {
  scheduled = false;
  if (!chart) return;
  for (const [key, { id, request }] of pending) {
    pending.delete(key);
    try {
      post({ type: "result", key, id, result: review(chart, key, request) });
    } catch (err) {
      // An engine bug: report it for this request and keep serving the others.
      post({ type: "failed", key, id, message: err instanceof Error ? err.message : String(err) });
    }
  }
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
    latest.set(m.key, { id: m.id, request: m.request });
  }
  schedule();
};
