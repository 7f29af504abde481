/** Undo/redo for the UI: an immutable history of states (workspaces), capped in length. */

export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
}

/** How many earlier states are kept. */
export const HISTORY_LIMIT = 200;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** Records `next` as the new present; redo is no longer possible. The same state twice is one step. */
export function pushHistory<T>(h: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
  if (Object.is(next, h.present)) return h;
  const past = [...h.past, h.present];
  return { past: past.slice(Math.max(0, past.length - limit)), present: next, future: [] };
}

export const canUndo = <T>(h: History<T>): boolean => h.past.length > 0;
export const canRedo = <T>(h: History<T>): boolean => h.future.length > 0;

export function undo<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: rest };
}

/** Every state changed by `f`, with no step added: for facts that undo must not take back. */
export function mapHistory<T>(h: History<T>, f: (state: T) => T): History<T> {
  return { past: h.past.map(f), present: f(h.present), future: h.future.map(f) };
}
