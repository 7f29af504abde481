// The render worker: holds the loaded chart and renders every request with the engine, so typing in the
// studio never waits for Helm (render-queue.ts says in which order). Tasks are queued through a
// MessageChannel: unlike setTimeout, it is not clamped to 4 ms when tasks follow each other.
import { loadK8sSchemaValidator } from "@/lib/review/k8s-schema";
import type { FromWorker, ToWorker } from "./render-protocol";
import { renderQueue } from "./render-queue";

const tasks: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => tasks.shift()?.();

const receive = renderQueue({
  post: (m: FromWorker) => self.postMessage(m),
  defer: (task) => {
    tasks.push(task);
    channel.port2.postMessage(null);
  },
  loadValidator: loadK8sSchemaValidator,
});

self.onmessage = (event: MessageEvent<ToWorker>) => receive(event.data);
