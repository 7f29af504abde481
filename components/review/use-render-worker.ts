"use client";
// The studio side of the render worker: one worker per studio, restarted (and sent the chart and the
// latest requests again) when it crashes. Each key keeps its last good output, marked stale while the
// newest render fails, and the review of it, which arrives after the output.
import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { ChartFiles } from "@/lib/helm/index";
import type { FromWorker, RenderErrorInfo, RenderOutput, RenderRequest, ReviewData, ToWorker } from "./render-protocol";

export interface RenderState {
  /** The newest output that rendered (kept while later renders fail). */
  good: RenderOutput | null;
  /** The review of `good`; until that arrives, of the output before it. */
  review: ReviewData | null;
  /** The newest render's error; the good output is then stale. */
  error: RenderErrorInfo | null;
  /** A request is on its way. */
  busy: boolean;
  /** Worker-side failure (an engine bug), shown as it is. */
  crash: string | null;
}

const EMPTY: RenderState = { good: null, review: null, error: null, busy: false, crash: null };

export function useRenderWorker(files: ChartFiles): { states: Record<string, RenderState>; render: (key: string, request: RenderRequest) => void } {
  const [states, setStates] = useState<Record<string, RenderState>>({});
  const worker = useRef<Worker | null>(null);
  const requests = useRef(new Map<string, { id: number; request: RenderRequest }>());
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

  const start = useCallback(() => {
    const w = new Worker(new URL("./render-worker.ts", import.meta.url), { type: "module", name: "render" });
    const send = (m: ToWorker) => w.postMessage(m);
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === "review") {
        // Behind the output it belongs to, and never in the way of the next one.
        startTransition(() => patch(m.key, (s) => (s.good?.id === m.review.id ? { ...s, review: m.review } : s)));
        return;
      }
      const id = m.type === "output" ? m.result.id : m.id;
      // Only the newest request of a key counts.
      if (requests.current.get(m.key)?.id !== id) return;
      if (m.type === "failed") {
        patch(m.key, (s) => ({ ...s, busy: false, crash: m.message }));
        return;
      }
      const r = m.result;
      performance.clearMarks(`review-render-result:${m.key}`);
      performance.mark(`review-render-result:${m.key}`);
      // Rendered and committed now, not in a later task: the preview's edit then makes this frame.
      flushSync(() => patch(m.key, (s) => ({ ...s, good: r.error ? s.good : r, error: r.error, busy: false, crash: null })));
    };
    w.onerror = (event) => {
      event.preventDefault();
      w.terminate();
      for (const key of requests.current.keys()) patch(key, (s) => ({ ...s, crash: `the render worker stopped (${event.message || "no message"}); restarted` }));
      worker.current = start();
    };
    send({ type: "load", files });
    for (const [key, { id, request }] of requests.current) send({ type: "render", key, id, request });
    return w;
  }, [files, patch]);

  useEffect(() => {
    worker.current = start();
    return () => {
      worker.current?.terminate();
      worker.current = null;
    };
  }, [start]);

  const render = useCallback(
    (key: string, request: RenderRequest) => {
      const id = nextId.current++;
      // For the keystroke-to-preview measurement (e2e/review.spec.ts): when the newest request left.
      performance.clearMarks(`review-render-request:${key}`);
      performance.mark(`review-render-request:${key}`);
      requests.current.set(key, { id, request });
      worker.current?.postMessage({ type: "render", key, id, request } satisfies ToWorker);
      // Only the status line shows it: it waits for whatever else React has to do.
      startTransition(() => patch(key, (s) => (s.busy ? s : { ...s, busy: true })));
    },
    [patch],
  );

  return { states, render };
}
