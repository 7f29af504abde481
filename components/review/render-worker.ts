// The render worker: holds the loaded chart and renders every request with the engine, so typing in the
// studio never waits for Helm (render-queue.ts says in which order); outputs that rendered go on to the
// review worker through the port the page hands over.
import type { FromWorker, ReviewJob, ToWorker } from "./render-protocol";
import { renderQueue } from "./render-queue";
import { taskQueue } from "./task-queue";

let reviewer: MessagePort | null = null;

const receive = renderQueue({
  post: (m: FromWorker) => self.postMessage(m),
  review: (job: ReviewJob) => reviewer?.postMessage(job),
  defer: taskQueue(),
});

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  if (m.type === "reviewer") reviewer = m.port;
  else receive(m);
};
