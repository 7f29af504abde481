/**
 * A render worker thread (render-pool.ts starts them). It reads the chart once, then answers render jobs with
 * their JSON as UTF-8 bytes, transferred rather than copied. Until it has run WARM_RENDERS renders it warms
 * the engine on the chart's own environments while no job is waiting: V8 runs the engine's first renders
 * tens of times slower than optimised ones, and a warm-up done anywhere else (another thread, another
 * bundle's copy of the engine) does not carry over to this one.
 */
import { parentPort } from "node:worker_threads";
import { serverStudio } from "../workspace/index";
import { readChartSource } from "./chart-dir";
import { renderAnswer, type RenderJob } from "./render-job";

export type ToWorker = { id: number; job: RenderJob };
export type FromWorker = { type: "ready" } | { type: "warm" } | { type: "answer"; id: number; status: number; body: Uint8Array<ArrayBuffer> };

const WARM_RENDERS = 40;

const port = parentPort;
if (!port) throw new Error("render-worker.ts runs as a worker thread (render-pool.ts starts it)");
const studio = serverStudio(readChartSource());
const encoder = new TextEncoder();
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

port.on("message", ({ id, job }: ToWorker) => {
  const answer = studio
    ? renderAnswer(studio, job)
    : { status: 503, json: JSON.stringify({ output: "", manifests: [], error: { code: "CHART_MISSING", message: "The server has no chart to render." } }) };
  const body = encoder.encode(answer.json);
  post({ type: "answer", id, status: answer.status, body }, [body.buffer]);
});
post({ type: "ready" });

// One warm-up render per turn of the event loop, so a job that arrives waits for at most one of them.
const envs = studio?.ws.environments.map((e) => e.name) ?? [];
let warmed = 0;
const warm = (): void => {
  if (!studio || warmed === WARM_RENDERS || envs.length === 0) {
    post({ type: "warm" });
    return;
  }
  const env = envs[warmed++ % envs.length] ?? null;
  encoder.encode(renderAnswer(studio, { env, release: studio.ws.release.name, namespace: studio.ws.release.namespace, layers: [] }).json);
  setImmediate(warm);
};
setImmediate(warm);
