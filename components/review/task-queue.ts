// A worker's own task queue: each task runs in a task of its own, after the messages that arrived before
// it. Posted through a MessageChannel: unlike setTimeout, it is not clamped to 4 ms when tasks follow each other.

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
