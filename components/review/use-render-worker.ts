"use client";
// The studio side of the render worker: one worker per studio, restarted (and sent the chart and the
// latest requests again) when it crashes. Each key keeps its last good output, marked stale while the
// newest render fails, and the review of it, which arrives after the output. Outputs also go straight to
// listeners (the preview's editor) before React renders them. A request may be sent before the page has
// committed the change it comes from; its output is then held until `commit`, so the preview never shows
// a value that the form showing it has not committed yet. A form edit goes to the worker from the input
// event (`edit`), before the workspace has it: the field has committed its value by the time any answer
// can arrive, so that output is shown at once; the workspace's own request follows and is answered with
// the same output (render-queue.ts). A restarted worker is sent the edits it had not seen written, too.
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

export function useRenderWorker(files: ChartFiles): RenderWorker {
  const [states, setStates] = useState<Record<string, RenderState>>({});
  const worker = useRef<Worker | null>(null);
  /** Per key, the newest request (with `edit`: the request the edit was made to) … */
  const requests = useRef(new Map<string, { id: number; request: RenderRequest; edit?: true; echo?: boolean }>());
  /** …the newest request from the workspace, with the newest edit written before it was sent… */
  const fulls = useRef(new Map<string, { request: RenderRequest; written: number }>());
  /** …and the edits the worker applies on top of it (all sent after the edit numbered `written`). */
  const edits = useRef(new Map<string, { id: number; edit: LayerEdit }[]>());
  const writtenId = useRef(0);
  const listeners = useRef(new Map<string, Set<OutputListener>>());
  /** Per key, the newest request the page has committed, and an output that arrived before its request was. */
  const committed = useRef(new Map<string, RenderRequest>());
  const held = useRef(new Map<string, { output: RenderOutput; request: RenderRequest }>());
  const nextId = useRef(1);

  const patch = useCallback(
    (key: string, change: (s: RenderState) => RenderState) =>
      setStates((all) => {
        const before = all[key];
        const after = change(before ?? EMPTY);
        return after === before ? all : { ...all, [key]: after };
      }),
    [],
  );

  const deliver = useCallback(
    (key: string, r: RenderOutput, request: RenderRequest) => {
      for (const listener of listeners.current.get(key) ?? []) listener(r, request);
      // The listeners have the output already: the rest of the pane follows without interrupting other work.
      startTransition(() => patch(key, (s) => ({ ...s, good: r.error ? s.good : r, error: r.error, answered: r.id, crash: null })));
    },
    [patch],
  );

  const start = useCallback(() => {
    const w = new Worker(new URL("./render-worker.ts", import.meta.url), { type: "module", name: "render" });
    const send = (m: ToWorker) => w.postMessage(m);
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === "review") {
        startTransition(() => patch(m.key, (s) => (s.good?.id === m.review.id ? { ...s, review: m.review } : s)));
        return;
      }
      const id = m.type === "output" ? m.result.id : m.id;
      // Only the newest request of a key counts.
      const newest = requests.current.get(m.key);
      if (newest?.id !== id) return;
      if (m.type === "failed") {
        patch(m.key, (s) => ({ ...s, answered: id, crash: m.message }));
        return;
      }
      const r = m.result;
      if (!newest.echo) {
        performance.clearMarks(`review-render-result:${m.key}`);
        performance.mark(`review-render-result:${m.key}`);
      }
      if (newest.edit || committed.current.get(m.key) === newest.request) deliver(m.key, r, newest.request);
      else held.current.set(m.key, { output: r, request: newest.request });
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
  }, [files, patch, deliver]);

  useEffect(() => {
    worker.current = start();
    return () => {
      worker.current?.terminate();
      worker.current = null;
    };
  }, [start]);

  const commit = useCallback(
    (key: string, request: RenderRequest) => {
      committed.current.set(key, request);
      const h = held.current.get(key);
      if (h?.request !== request) return;
      held.current.delete(key);
      deliver(key, h.output, request);
    },
    [deliver],
  );

  const render = useCallback((key: string, request: RenderRequest, isCommitted = true) => {
    const id = nextId.current++;
    const written = writtenId.current;
    const sent = edits.current.get(key) ?? [];
    const kept = sent.filter((e) => e.id > written);
    // The workspace's request after it has written the edits sent before: in all likelihood it only
    // brings them (and is answered with the output they rendered).
    const echo = sent.length > 0 && kept.length === 0;
    // For the keystroke-to-preview measurement (e2e/review.spec.ts): when the newest request left, and
    // its result arrived (not an echo's: the edits' own request and result are the ones that count).
    if (!echo) {
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
