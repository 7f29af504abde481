// The review worker: findings, footprint and topology of each output that rendered (review-queue.ts),
// beside the render worker, which posts those outputs to it through the port the page hands over.
import { loadK8sSchemaValidator } from "@/lib/review/k8s-schema";
import type { FromWorker, ReviewJob, ToReviewWorker } from "./render-protocol";
import { reviewQueue } from "./review-queue";
import { taskQueue } from "./task-queue";

/**
 * How long no new output must come before a review starts: longer than the time between two keystrokes, shorter
 * than a pause. At 120 ms (a keystroke's render and paint), the spec's typing at 120 ms a key let review slices
 * start just after each next keydown, beside that keystroke's frame and render on the machine's two cores.
 */
const SETTLE_MS = 300;

const receive = reviewQueue({
  post: (m: FromWorker) => self.postMessage(m),
  defer: taskQueue(),
  settle: (task) => setTimeout(task, SETTLE_MS),
  loadValidator: loadK8sSchemaValidator,
});

self.onmessage = (event: MessageEvent<ToReviewWorker>) => {
  const m = event.data;
  if (m.type === "load") receive(m);
  else m.port.onmessage = (e: MessageEvent<ReviewJob>) => receive({ type: "review", job: e.data });
};
