/**
 * Runs `run` when the page is next idle, or after `timeout` ms without an idle period; with a zero-delay timer
 * where the browser has no requestIdleCallback (Safari). Returns the cancel.
 */
export function whenIdle(run: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback !== "function") {
    const timer = window.setTimeout(run, 0);
    return () => window.clearTimeout(timer);
  }
  const handle = requestIdleCallback(run, { timeout });
  return () => cancelIdleCallback(handle);
}
