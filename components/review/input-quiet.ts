// Heavy client work (loading Monaco, creating an editor: long tasks of 100-300 ms) waits until the user has
// paused: a key that arrives during such a task waits for it to end before its frame can be painted.
import { useEffect, useState } from "react";
import type { EditorLoad } from "@/components/editor/editor-status";
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

/** The `prepare`s that have settled, and how: a component mounted again after that does not wait again. */
const outcomes = new WeakMap<() => Promise<unknown>, EditorLoad>();

/** Loading until `prepare` (started once the input is quiet) has settled; then ready, or failed with its error. */
export function useAfterInputQuiet(prepare: () => Promise<unknown>): EditorLoad {
  const [load, setLoad] = useState<EditorLoad>(() => outcomes.get(prepare) ?? { state: "loading" });
  const waiting = load.state === "loading";
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    const settle = (outcome: EditorLoad) => {
      outcomes.set(prepare, outcome);
      if (live) setLoad(outcome);
    };
    const cancel = whenInputQuiet(() => void prepare().then(() => settle({ state: "ready" }), (error: unknown) => settle({ state: "failed", error })));
    return () => {
      live = false;
      cancel();
    };
  }, [prepare, waiting]);
  return load;
}
