// The studio side of the render and review workers, without React (use-render-worker.ts wraps it, so tests
// run it against the real queues in Node). The workers are restarted (and sent the latest requests again)
// when one crashes. Each key keeps its last good output, marked stale while the newest render fails, and
// the review of it, which arrives after the output. Outputs go straight to listeners (the preview's editor)
// as their message arrives, and so does the status line; what React shows of them (navigator, findings…)
// is handed to `patch`, which applies it when the page is next idle.
// A request may be sent before the page has committed the change it comes from; its output is then held
// until `commit`, so the preview never shows a value that the form showing it has not committed yet. A form
// edit goes to the worker from the input event (`edit`), before the workspace has it: the field has
// committed its value by the time any answer can arrive, so that output is shown at once, even when the
// workspace's own request for it (its echo) has left meanwhile; the worker answers the echo "same as" that
// output (render-queue.ts). A restarted worker is sent the edits it had not seen written, too.
import type { FromWorker, LayerEdit, RenderErrorInfo, RenderOutput, RenderRequest, ReviewData } from "./render-protocol";
import type { RenderMessage } from "./render-queue";

export interface RenderState {
  /** The newest output that rendered (kept while later renders fail). */
  good: RenderOutput | null;
  /** The review of `good`; until that arrives, of the output before it. */
  review: ReviewData | null;
  /** The newest render's error; the good output is then stale. */
  error: RenderErrorInfo | null;
  /** Worker-side failure (an engine bug), shown as it is. */
  crash: string | null;
}

export const EMPTY_STATE: RenderState = { good: null, review: null, error: null, crash: null };

export type OutputListener = (output: RenderOutput, request: RenderRequest) => void;

/** The render and review workers as one: what the page sends, and stopping them. */
export interface Workers {
  send: (m: RenderMessage) => void;
  terminate: () => void;
}

export interface WorkerEvents {
  message: (m: FromWorker) => void;
  /** A worker stopped: the client starts new ones. */
  crash: (worker: "render" | "review", message: string) => void;
}

/** Starts the workers with the chart loaded, reporting to `events`. */
export type Spawn = (events: WorkerEvents) => Workers;

export interface RenderClientOptions {
  /** A change of `key`'s state for what React shows (applied in order, whenever the page likes). */
  patch: (key: string, change: (s: RenderState) => RenderState) => void;
}

export interface RenderClient {
  /** Sends `request` under `key`; only the newest request of a key is answered. `committed` false: see `commit`. */
  render: (key: string, request: RenderRequest, committed?: boolean) => void;
  /** The page has committed the change `request` was made from: its output may be shown. */
  commit: (key: string, request: RenderRequest) => void;
  /** Renders `key`'s newest request with `edit` made, before the workspace has it; see `written`. */
  edit: (key: string, edit: LayerEdit) => void;
  /** Every edit sent so far is being written to the workspace: the requests sent from now on have them. */
  written: () => void;
  /** Calls `listener` with every newest output of `key` as it is shown; returns the unsubscribe. */
  onOutput: (key: string, listener: OutputListener) => () => void;
  /** What the status line of `key` says: "rendering…" until the newest request is shown, then how it went. */
  status: (key: string) => string;
  /** Calls `listener` with `key`'s status line whenever it changes; returns the unsubscribe. */
  onStatus: (key: string, listener: (status: string) => void) => () => void;
  /** Starts the workers (and again after a crash), and sends them the newest request of every key. */
  start: (spawn: Spawn) => void;
  stop: () => void;
}

/** A key's newest request; `edit`: one the form's edit made (to `request`); `echo`: the workspace's write of edits only, which edit `echo`'s output answers in all likelihood. */
interface Newest {
  id: number;
  request: RenderRequest;
  edit?: true;
  echo?: number;
}

/**
 * A crash restarts the workers at once. One that comes within CRASH_RUN_MS of that start continues a run (a
 * worker that cannot start: its script gone after the server restarted with a new build, memory exhausted at
 * load): the second of a run waits RESTART_DELAY_MS, each next one twice as long, up to MAX_RESTART_DELAY_MS,
 * instead of starting workers in a tight loop.
 */
const CRASH_RUN_MS = 10_000;
const RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;

/** The status line while the newest request is not shown yet. */
export const RENDERING = "rendering…";

/** The status line for the newest request `asked`, answered up to `answered`, showing `shown`. */
function statusLine(asked: number, answered: number, shown: RenderOutput | undefined): string {
  if (asked !== answered) return RENDERING;
  if (!shown) return "";
  return shown.error ? "render failed" : `rendered in ${Math.round(shown.ms)} ms`;
}

/**
 * Calls `then` once `key`'s newest request has been answered (shown, or failed), at once when it is already,
 * or after `maxMs` when no answer comes (a worker restarting, a render that takes long). Returns the cancel.
 */
export function afterAnswer(client: Pick<RenderClient, "status" | "onStatus">, key: string, then: () => void, maxMs: number): () => void {
  if (client.status(key) !== RENDERING) {
    then();
    return () => {};
  }
  const stop = () => {
    off();
    clearTimeout(timer);
  };
  const off = client.onStatus(key, (line) => {
    if (line === RENDERING) return;
    stop();
    then();
  });
  const timer = setTimeout(() => {
    stop();
    then();
  }, maxMs);
  return stop;
}

/** Adds `item` to `key`'s set in `map`; returns its removal. */
function subscribe<T>(map: Map<string, Set<T>>, key: string, item: T): () => void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(item);
  return () => {
    set.delete(item);
  };
}

export function renderClient({ patch }: RenderClientOptions): RenderClient {
  /** Per key, the newest request… */
  const requests = new Map<string, Newest>();
  /** …the newest request from the workspace, with the newest edit written before it was sent… */
  const fulls = new Map<string, { request: RenderRequest; written: number }>();
  /** …and the edits the worker applies on top of it (all sent after the edit numbered `written`). */
  const edits = new Map<string, { id: number; edit: LayerEdit }[]>();
  let writtenId = 0;
  let nextId = 1;
  const outputListeners = new Map<string, Set<OutputListener>>();
  const statusListeners = new Map<string, Set<(status: string) => void>>();
  /** Per key, the newest request the page has committed, and an output that arrived before its request was. */
  const committed = new Map<string, RenderRequest>();
  const held = new Map<string, { output: RenderOutput; request: RenderRequest; answers: number }>();
  /** Per key, the last output and review received (a "same as" answer names them)… */
  const received = new Map<string, RenderOutput>();
  const reviews = new Map<string, ReviewData>();
  /** …the output shown, the id of the newest request answered, and the status line last told. */
  const shown = new Map<string, RenderOutput>();
  const answered = new Map<string, number>();
  const told = new Map<string, string>();

  const status = (key: string) => statusLine(requests.get(key)?.id ?? 0, answered.get(key) ?? 0, shown.get(key));

  function tell(key: string): void {
    const line = status(key);
    if (told.get(key) === line) return;
    told.set(key, line);
    for (const listener of statusListeners.get(key) ?? []) listener(line);
  }

  /** Shows output `r` as the answer to request `answers`: the listeners at once, the rest of the pane when idle. */
  function deliver(key: string, r: RenderOutput, request: RenderRequest, answers: number): void {
    shown.set(key, r);
    answered.set(key, answers);
    for (const listener of outputListeners.get(key) ?? []) listener(r, request);
    tell(key);
    const review = reviews.get(key);
    patch(key, (s) => ({ ...s, good: r.error ? s.good : r, review: !r.error && review?.id === r.id ? review : s.review, error: r.error, crash: null }));
  }

  /** Delivers `r` for the key's newest request now, or once the page has committed that request. */
  function answer(key: string, r: RenderOutput, newest: Newest, answers: number): void {
    // For the keystroke-to-preview measurement (e2e/review.spec.ts): when the output to be shown arrived.
    performance.clearMarks(`review-render-result:${key}`);
    performance.mark(`review-render-result:${key}`);
    if (newest.edit || newest.echo === r.id || committed.get(key) === newest.request) deliver(key, r, newest.request, answers);
    else held.set(key, { output: r, request: newest.request, answers });
  }

  function message(m: FromWorker): void {
    if (m.type === "review") {
      reviews.set(m.key, m.review);
      patch(m.key, (s) => (s.good?.id === m.review.id ? { ...s, review: m.review } : s));
      return;
    }
    if (m.type === "output") received.set(m.key, m.result);
    const newest = requests.get(m.key);
    if (!newest) return;
    if (m.type === "failed") {
      if (newest.id !== m.id) return;
      answered.set(m.key, m.id);
      tell(m.key);
      patch(m.key, (s) => ({ ...s, crash: m.message }));
      return;
    }
    if (m.type === "same") {
      const r = received.get(m.key);
      if (newest.id !== m.id || r?.id !== m.as) return;
      if (shown.get(m.key)?.id === m.as) {
        answered.set(m.key, m.id);
        tell(m.key);
      } else answer(m.key, r, newest, m.id);
      return;
    }
    // Only the newest request of a key counts, and the edit its echo writes.
    if (newest.id === m.result.id || newest.echo === m.result.id) answer(m.key, m.result, newest, m.result.id);
  }

  /** The running workers (none before `start`, after `stop` and before a restart: requests are kept and sent when they start). */
  let workers: Workers | null = null;
  let startedAt = -Infinity;
  /** Crashes in the current run (see CRASH_RUN_MS), and the restart waiting. */
  let crashes = 0;
  let restart: ReturnType<typeof setTimeout> | undefined;

  function start(spawn: Spawn): void {
    startedAt = performance.now();
    const started = spawn({
      message,
      crash: (worker, why) => {
        started.terminate();
        if (workers !== started) return;
        workers = null;
        crashes = performance.now() - startedAt < CRASH_RUN_MS ? crashes + 1 : 1;
        const delay = crashes === 1 ? 0 : Math.min(RESTART_DELAY_MS * 2 ** (crashes - 2), MAX_RESTART_DELAY_MS);
        const tellAll = (then: string) => {
          for (const key of requests.keys()) patch(key, (s) => ({ ...s, crash: `the ${worker} worker stopped (${why || "no message"}); ${then}` }));
        };
        if (delay === 0) {
          tellAll("restarted");
          start(spawn);
          return;
        }
        tellAll(`restarting in ${delay / 1000} s`);
        restart = setTimeout(() => {
          tellAll("restarted");
          start(spawn);
        }, delay);
      },
    });
    workers = started;
    for (const [key, { request, written }] of fulls) {
      for (const { id, edit } of edits.get(key) ?? []) started.send({ type: "edit", key, id, edit });
      started.send({ type: "render", key, id: requests.get(key)?.id ?? 0, request, written });
    }
  }

  return {
    render(key, request, isCommitted = true) {
      const id = nextId++;
      const written = writtenId;
      const sent = edits.get(key) ?? [];
      const kept = sent.filter((e) => e.id > written);
      // The workspace's request after it has written the edits sent before: in all likelihood it only
      // brings them, and the last edit's output answers it.
      const echo = kept.length === 0 ? sent.at(-1)?.id : undefined;
      // For the keystroke-to-preview measurement (e2e/review.spec.ts): when the newest request left (an
      // echo's is the edits' own, already marked).
      if (echo === undefined) {
        performance.clearMarks(`review-render-request:${key}`);
        performance.mark(`review-render-request:${key}`);
      }
      requests.set(key, { id, request, echo });
      if (isCommitted) committed.set(key, request);
      fulls.set(key, { request, written });
      edits.set(key, kept);
      workers?.send({ type: "render", key, id, request, written });
      tell(key);
    },
    commit(key, request) {
      committed.set(key, request);
      const h = held.get(key);
      if (h?.request !== request) return;
      held.delete(key);
      deliver(key, h.output, request, h.answers);
    },
    edit(key, change) {
      const newest = requests.get(key);
      if (!newest) return;
      const id = nextId++;
      performance.clearMarks(`review-render-request:${key}`);
      performance.mark(`review-render-request:${key}`);
      requests.set(key, { id, request: newest.request, edit: true });
      // An output held for an older request must not follow this one's.
      held.delete(key);
      edits.get(key)?.push({ id, edit: change });
      workers?.send({ type: "edit", key, id, edit: change });
      tell(key);
    },
    written() {
      writtenId = nextId - 1;
    },
    onOutput: (key, listener) => subscribe(outputListeners, key, listener),
    status,
    onStatus: (key, listener) => subscribe(statusListeners, key, listener),
    start,
    stop() {
      clearTimeout(restart);
      crashes = 0;
      workers?.terminate();
      workers = null;
    },
  };
}
