"use client";
// The studio side of the render worker: one worker per studio, restarted (and sent the chart and the
// latest requests again) when it crashes. Each key keeps its last good output, marked stale while the
// newest render fails, and the review of it, which arrives after the output. Outputs go straight to
// listeners (the preview's editor) as their message arrives; what React shows of them (navigator, status,
// findings…) follows when the page is next idle, so that work waits for typing and for the preview's paint.
// A request may be sent before the page has committed the change it comes from; its output is then held
// until `commit`, so the preview never shows a value that the form showing it has not committed yet. A form
// edit goes to the worker from the input event (`edit`), before the workspace has it: the field has
// committed its value by the time any answer can arrive, so that output is shown at once, even when the
// workspace's own request for it (its echo) has left meanwhile; the worker answers the echo "same as" that
// output (render-queue.ts). A restarted worker is sent the edits it had not seen written, too.
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ChartFiles } from "@/lib/helm/index";
import type { FromWorker, LayerEdit, RenderErrorInfo, RenderOutput, RenderRequest, ReviewData, ToWorker } from "./render-protocol";

export interface RenderState {
  /** The newest output that rendered (kept while later renders fail). */
  good: RenderOutput | null;
  /** The review of `good`; until that arrives, of the output before it. */
  review: ReviewData | null;
  /** The newest render's error; the good output is then stale. */
  error: RenderErrorInfo | null;
  /** The id of the newest request answered (rendered or failed). */
  answered: number;
  /** Worker-side failure (an engine bug), shown as it is. */
  crash: string | null;
}

export type OutputListener = (output: RenderOutput, request: RenderRequest) => void;

export interface RenderWorker {
  states: Record<string, RenderState>;
  /** Sends `request` under `key`; only the newest request of a key is answered. `committed` false: see `commit`. */
  render: (key: string, request: RenderRequest, committed?: boolean) => void;
  /** The page has committed the change `request` was made from: its output may be shown. */
  commit: (key: string, request: RenderRequest) => void;
  /** Renders `key`'s newest request with `edit` made, before the workspace has it; see `written`. */
  edit: (key: string, edit: LayerEdit) => void;
  /** Every edit sent so far is being written to the workspace: the requests sent from now on have them. */
  written: () => void;
  /** Whether the newest request of `key` is still unanswered. */
  busy: (key: string) => boolean;
  /** Calls `listener` with every newest output of `key` as it arrives; returns the unsubscribe. */
  onOutput: (key: string, listener: OutputListener) => () => void;
}

const EMPTY: RenderState = { good: null, review: null, error: null, answered: 0, crash: null };

/** The longest a state change waits for the page to be idle. */
const IDLE_TIMEOUT_MS = 100;

/** A key's newest request; `edit`: one the form's edit made (to `request`); `echo`: the workspace's write of edits only, which edit `echo`'s output answers in all likelihood. */
interface Newest {
  id: number;
  request: RenderRequest;
  edit?: true;
  echo?: number;
}

export function useRenderWorker(files: ChartFiles): RenderWorker {
  const [states, setStates] = useState<Record<string, RenderState>>({});
  const worker = useRef<Worker | null>(null);
  /** Per key, the newest request… */
  const requests = useRef(new Map<string, Newest>());
  /** …the newest request from the workspace, with the newest edit written before it was sent… */
  const fulls = useRef(new Map<string, { request: RenderRequest; written: number }>());
  /** …and the edits the worker applies on top of it (all sent after the edit numbered `written`). */
  const edits = useRef(new Map<string, { id: number; edit: LayerEdit }[]>());
  const writtenId = useRef(0);
  const listeners = useRef(new Map<string, Set<OutputListener>>());
  /** Per key, the newest request the page has committed, and an output that arrived before its request was. */
  const committed = useRef(new Map<string, RenderRequest>());
  const held = useRef(new Map<string, { output: RenderOutput; request: RenderRequest; answers: number }>());
  /** Per key, the last output and review received (a "same as" answer names them), and the id of the output shown. */
  const received = useRef(new Map<string, RenderOutput>());
  const reviews = useRef(new Map<string, ReviewData>());
  const shown = useRef(new Map<string, number>());
  const nextId = useRef(1);
  /** State changes not applied yet, in the order made, and the idle callback that applies them. */
  const changes = useRef<{ key: string; change: (s: RenderState) => RenderState }[]>([]);
  const idle = useRef<number | null>(null);

  const patch = useCallback((key: string, change: (s: RenderState) => RenderState) => {
    changes.current.push({ key, change });
    idle.current ??= requestIdleCallback(
      () => {
        idle.current = null;
        const batch = changes.current.splice(0);
        startTransition(() =>
          setStates((all) =>
            batch.reduce((acc, { key: k, change: c }) => {
              const before = acc[k];
              const after = c(before ?? EMPTY);
              return after === before ? acc : { ...acc, [k]: after };
            }, all),
          ),
        );
      },
      { timeout: IDLE_TIMEOUT_MS },
    );
  }, []);

  /** Shows output `r` as the answer to request `answers`: the listeners at once, the rest of the pane when idle. */
  const deliver = useCallback(
    (key: string, r: RenderOutput, request: RenderRequest, answers: number) => {
      shown.current.set(key, r.id);
      for (const listener of listeners.current.get(key) ?? []) listener(r, request);
      const review = reviews.current.get(key);
      patch(key, (s) => ({ ...s, good: r.error ? s.good : r, review: !r.error && review?.id === r.id ? review : s.review, error: r.error, answered: answers, crash: null }));
    },
    [patch],
  );

  /** Delivers `r` for the key's newest request now, or once the page has committed that request. */
  const answer = useCallback(
    (key: string, r: RenderOutput, newest: Newest, answers: number) => {
      // For the keystroke-to-preview measurement (e2e/review.spec.ts): when the output to be shown arrived.
      performance.clearMarks(`review-render-result:${key}`);
      performance.mark(`review-render-result:${key}`);
      if (newest.edit || newest.echo === r.id || committed.current.get(key) === newest.request) deliver(key, r, newest.request, answers);
      else held.current.set(key, { output: r, request: newest.request, answers });
    },
    [deliver],
  );

  const start = useCallback(() => {
    const w = new Worker(new URL("./render-worker.ts", import.meta.url), { type: "module", name: "render" });
    const send = (m: ToWorker) => w.postMessage(m);
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === "review") {
        reviews.current.set(m.key, m.review);
        patch(m.key, (s) => (s.good?.id === m.review.id ? { ...s, review: m.review } : s));
        return;
      }
      if (m.type === "output") received.current.set(m.key, m.result);
      const newest = requests.current.get(m.key);
      if (!newest) return;
      if (m.type === "failed") {
        if (newest.id === m.id) patch(m.key, (s) => ({ ...s, answered: m.id, crash: m.message }));
        return;
      }
      if (m.type === "same") {
        const r = received.current.get(m.key);
        if (newest.id !== m.id || r?.id !== m.as) return;
        if (shown.current.get(m.key) === m.as) patch(m.key, (s) => ({ ...s, answered: m.id }));
        else answer(m.key, r, newest, m.id);
        return;
      }
      // Only the newest request of a key counts, and the edit its echo writes.
      if (newest.id === m.result.id || newest.echo === m.result.id) answer(m.key, m.result, newest, m.result.id);
    };
    w.onerror = (event) => {
      event.preventDefault();
      w.terminate();
      for (const key of requests.current.keys()) patch(key, (s) => ({ ...s, crash: `the render worker stopped (${event.message || "no message"}); restarted` }));
      worker.current = start();
    };
    send({ type: "load", files });
    for (const [key, { request, written }] of fulls.current) {
      for (const { id, edit } of edits.current.get(key) ?? []) send({ type: "edit", key, id, edit });
      send({ type: "render", key, id: requests.current.get(key)?.id ?? 0, request, written });
    }
    return w;
  }, [files, patch, answer]);

  useEffect(() => {
    worker.current = start();
    return () => {
      worker.current?.terminate();
      worker.current = null;
    };
  }, [start]);

  useEffect(
    () => () => {
      if (idle.current !== null) cancelIdleCallback(idle.current);
      idle.current = null;
    },
    [],
  );

  const commit = useCallback(
    (key: string, request: RenderRequest) => {
      committed.current.set(key, request);
      const h = held.current.get(key);
      if (h?.request !== request) return;
      held.current.delete(key);
      deliver(key, h.output, request, h.answers);
    },
    [deliver],
  );

  const render = useCallback((key: string, request: RenderRequest, isCommitted = true) => {
    const id = nextId.current++;
    const written = writtenId.current;
    const sent = edits.current.get(key) ?? [];
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
    requests.current.set(key, { id, request, echo });
    if (isCommitted) committed.current.set(key, request);
    fulls.current.set(key, { request, written });
    edits.current.set(key, kept);
    worker.current?.postMessage({ type: "render", key, id, request, written } satisfies ToWorker);
  }, []);

  const edit = useCallback((key: string, change: LayerEdit) => {
    const newest = requests.current.get(key);
    if (!newest) return;
    const id = nextId.current++;
    performance.clearMarks(`review-render-request:${key}`);
    performance.mark(`review-render-request:${key}`);
    requests.current.set(key, { id, request: newest.request, edit: true });
    // An output held for an older request must not follow this one's.
    held.current.delete(key);
    edits.current.get(key)?.push({ id, edit: change });
    worker.current?.postMessage({ type: "edit", key, id, edit: change } satisfies ToWorker);
  }, []);

  const written = useCallback(() => {
    writtenId.current = nextId.current - 1;
  }, []);

  const busy = useCallback((key: string) => (requests.current.get(key)?.id ?? 0) !== (states[key]?.answered ?? 0), [states]);

  const onOutput = useCallback((key: string, listener: OutputListener) => {
    let set = listeners.current.get(key);
    if (!set) listeners.current.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }, []);

  return useMemo(() => ({ states, render, commit, edit, written, busy, onOutput }), [states, render, commit, edit, written, busy, onOutput]);
}
