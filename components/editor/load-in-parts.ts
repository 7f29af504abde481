// A module graph loaded in parts: a dynamic import runs every module it brings in one task, so a big graph
// imported at once holds the main thread for as long as all of it takes.

/** Runs `next` when the next part may load; returns its cancel. */
export type BetweenParts = (next: () => void) => () => void;

export interface PartsLoad {
  /** Settles once every part has loaded, or with the first part that failed. */
  done: Promise<void>;
  /** Loads the parts left without waiting between them any more. */
  hurry(): void;
}

/** Imports `parts` one after the other, waiting for `between` after each (not at all without it). */
export function loadInParts(parts: readonly (() => Promise<unknown>)[], between?: BetweenParts): PartsLoad {
  let hurried = !between;
  let stopWaiting = () => {};
  const wait = () =>
    new Promise<void>((resolve) => {
      const cancel = between!(() => {
        stopWaiting = () => {};
        resolve();
      });
      stopWaiting = () => {
        cancel();
        resolve();
      };
    });
  const done = (async () => {
    for (const [i, part] of parts.entries()) {
      await part();
      if (!hurried && i < parts.length - 1) await wait();
    }
  })();
  return {
    done,
    hurry() {
      hurried = true;
      stopWaiting();
    },
  };
}
