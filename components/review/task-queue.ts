// A worker's own task queue: each task runs in a task of its own, after the messages that arrived before
// it. Posted through a MessageChannel: unlike setTimeout, it is not clamped to 4 ms when tasks follow each other.
// The render and review queues ask for their next step through `coalesced`, so that steps never pile up.

/** Returns `defer`: runs a task later, in order. */
export function taskQueue(): (task: () => void) => void {
  const tasks: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => tasks.shift()?.();
  return (task) => {
    tasks.push(task);
    channel.port2.postMessage(null);
  };
}

/** Returns `schedule`: runs `run` in a later task through `defer`, once for however many calls come before it runs. */
export function coalesced(defer: (task: () => void) => void, run: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    defer(() => {
      scheduled = false;
      run();
    });
  };
}
