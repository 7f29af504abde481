// Heavy client work (loading Monaco, creating an editor: long tasks of 100-300 ms) waits until the user has
// paused: a key that arrives during such a task waits for it to end before its frame can be painted.
import { useEffect, useState } from "react";
import { whenIdle } from "@/components/workspace/when-idle";

/** How long without a key, click or input before heavy work may start. */
export const INPUT_QUIET_MS = 1000;

/**
 * The longest a quiet page waits for an idle period (one that does not come: the preview mounted again from a
 * finding's line, review e2e "schema findings…").
 */
const IDLE_WAIT_MS = 500;

/** When the user last pressed a key, clicked or changed a control; the page's start counts as input. */
let lastInput = 0;
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  const note = () => {
    lastInput = performance.now();
  };
  for (const type of ["keydown", "pointerdown", "input"]) window.addEventListener(type, note, { capture: true, passive: true });
}

/**
 * Runs `run` in an idle period (or after IDLE_WAIT_MS without one) that comes INPUT_QUIET_MS or more after the
 * last input, waiting again when input comes in between. Returns the cancel.
 */
export function whenInputQuiet(run: () => void): () => void {
  listen();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelIdle = () => {};
  const wait = () => {
    const left = lastInput + INPUT_QUIET_MS - performance.now();
    if (left > 0) {
      timer = setTimeout(wait, left);
      return;
    }
    cancelIdle = whenIdle(() => (performance.now() - lastInput < INPUT_QUIET_MS ? wait() : run()), IDLE_WAIT_MS);
  };
  wait();
  return () => {
    clearTimeout(timer);
    cancelIdle();
  };
}

/** The `prepare`s that have settled: a component mounted again after that does not wait again. */
const settled = new WeakSet<() => Promise<unknown>>();

/** False until `prepare` (started once the input is quiet) has settled. */
export function useAfterInputQuiet(prepare: () => Promise<unknown>): boolean {
  const [done, setDone] = useState(() => settled.has(prepare));
  useEffect(() => {
    if (done) return;
    let live = true;
    // Settled either way: the editor's own import then reports a failed load; no unhandled rejection.
    const settle = () => {
      settled.add(prepare);
      if (live) setDone(true);
    };
    const cancel = whenInputQuiet(() => void prepare().then(settle, settle));
    return () => {
      live = false;
      cancel();
    };
  }, [prepare, done]);
  return done;
}
