"use client";
// The studio side of the render worker: one worker per studio, restarted (and sent the chart and the
// latest requests again) when it crashes. Each key keeps its last good result, marked stale while the
// newest render fails.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChartFiles } from "@/lib/helm/index";
import type { FromWorker, RenderErrorInfo, RenderRequest, ReviewResult, ToWorker } from "./render-protocol";

export interface RenderState {
  /** The newest result that rendered (kept while later renders fail). */
  good: ReviewResult | null;
  /** The newest result, good or not. */
  latest: ReviewResult | null;
  /** The newest render's error; the good output is then stale. */
  error: RenderErrorInfo | null;
  /** A request is on its way. */
  busy: boolean;
  /** Worker-side failure (an engine bug), shown as it is. */
  crash: string | null;
}

const EMPTY: RenderState = { good: null, latest: null, error: null, busy: false, crash: null };

export function useRenderWorker(files: ChartFiles): { states: Record<string, RenderState>; render: (key: string, request: RenderRequest) => void } {
  const [states, setStates] = useState<Record<string, RenderState>>({});
  const worker = useRef<Worker | null>(null);
  const requests = useRef(new Map<string, { id: number; request: RenderRequest }>());
  const nextId = useRef(1);

  const patch = useCallback((key: string, change: (s: RenderState) => RenderState) => setStates((all) => ({ ...all, [key]: change(all[key] ?? EMPTY) })), []);

  const start = useCallback(() => {
    const w = new Worker(new URL("./render-worker.ts", import.meta.url), { type: "module", name: "render" });
    const send = (m: ToWorker) => w.postMessage(m);
    w.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      // Only the newest request of a key counts.
      if (requests.current.get(m.key)?.id !== m.id) return;
      if (m.type === "failed") {
        patch(m.key, (s) => ({ ...s, busy: false, crash: m.message }));
        return;
      }
      const r = m.result;
      performance.clearMarks(`review-render-result:${m.key}`);
      performance.mark(`review-render-result:${m.key}`);
      patch(m.key, (s) => ({ good: r.error ? s.good : r, latest: r, error: r.error, busy: false, crash: null }));
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
      patch(key, (s) => ({ ...s, busy: true }));
      worker.current?.postMessage({ type: "render", key, id, request } satisfies ToWorker);
    },
    [patch],
  );

  return { states, render };
}
