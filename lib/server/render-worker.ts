/**
 * A render worker thread (render-pool.ts starts them). It reads the chart once, then answers render and
 * package jobs with their bytes (JSON as UTF-8, or the .tgz), transferred rather than copied. Until it has
 * run WARM_RENDERS renders (jobs count) it warms the engine on the chart's own environments while no job
 * comes: V8 runs the engine's
 * first renders tens of times slower than optimised ones, and a warm-up done anywhere else (another
 * thread, another bundle's copy of the engine) does not carry over to this one.
 */
import { parentPort } from "node:worker_threads";
import { serverStudio } from "../workspace/index";
import type { Answer } from "./answer";
import { readChartSource } from "./chart-dir";
import { jobAnswer, type RenderJob } from "./render-job";

export type ToWorker = { id: number; job: RenderJob };
export type FromWorker = { type: "ready" } | { type: "warm" } | { type: "answer"; id: number; answer: Answer };

const WARM_RENDERS = 40;

const port = parentPort;
if (!port) throw new Error("render-worker.ts runs as a worker thread (render-pool.ts starts it)");
const studio = serverStudio(readChartSource());
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

let warmed = 0;
/** When the last job arrived: warm-up renders give way to jobs, which warm the engine just as well. */
let lastJob = -Infinity;

port.on("message", ({ id, job }: ToWorker) => {
  lastJob = performance.now();
  warmed++;
  void jobAnswer(studio, job).then((answer) => post({ type: "answer", id, answer }, [answer.body.buffer]));
});
post({ type: "ready" });

// Warm-up renders of the chart's own environments, one per turn of the event loop and only while no job
// came in the last IDLE_MS, so that a burst of jobs is never slowed by them.
const IDLE_MS = 100;
const urls = studio?.ws.environments.map((e) => `http://localhost/api/render?env=${encodeURIComponent(e.name)}`) ?? [];
const warm = (): void => {
  if (warmed >= WARM_RENDERS || urls.length === 0) {
    post({ type: "warm" });
    return;
  }
  const idle = performance.now() - lastJob;
  if (idle < IDLE_MS) {
    setTimeout(warm, IDLE_MS - idle);
    return;
  }
  const url = urls[warmed++ % urls.length] ?? "";
  void jobAnswer(studio, { route: "render", url, contentType: "application/yaml", body: new Uint8Array() }).then(() => setImmediate(warm));
};
setImmediate(warm);
