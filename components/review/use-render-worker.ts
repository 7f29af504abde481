"use client";
// The studio's render and review workers as a React hook: render-client.ts routes their answers; this
// starts them in the browser and applies what React shows of each key (navigator, findings…) when the page
// is next idle, so that work waits for typing and for the preview's paint.
import { startTransition, useEffect, useMemo, useRef, useState } from "react";
import { whenIdle } from "@/components/workspace/when-idle";
import type { ChartFiles } from "@/lib/helm/index";
import type { FromWorker, ToReviewWorker, ToWorker } from "./render-protocol";
import { EMPTY_STATE, renderClient, type RenderClient, type RenderState, type WorkerEvents, type Workers } from "./render-client";

export type { OutputListener, RenderState } from "./render-client";

export interface RenderWorker extends Omit<RenderClient, "start" | "stop"> {
  states: Record<string, RenderState>;
}

/** The longest a state change waits for the page to be idle. */
const IDLE_TIMEOUT_MS = 100;

/** The render worker and the review worker, joined by a channel of their own, with the chart loaded. */
function spawnWorkers(files: ChartFiles, { message, crash }: WorkerEvents): Workers {
  const render = new Worker(new URL("./render-worker.ts", import.meta.url), { type: "module", name: "render" });
  const review = new Worker(new URL("./review-worker.ts", import.meta.url), { type: "module", name: "review" });
  const channel = new MessageChannel();
  render.postMessage({ type: "reviewer", port: channel.port1 } satisfies ToWorker, [channel.port1]);
  review.postMessage({ type: "renders", port: channel.port2 } satisfies ToReviewWorker, [channel.port2]);
  review.postMessage({ type: "load", files } satisfies ToReviewWorker);
  render.postMessage({ type: "load", files } satisfies ToWorker);
  for (const [name, w] of [["render", render], ["review", review]] as const) {
    w.onmessage = (event: MessageEvent<FromWorker>) => message(event.data);
    w.onerror = (event) => {
      event.preventDefault();
      crash(name, event.message);
    };
  }
  return {
    send: (m) => render.postMessage(m),
    terminate: () => {
      render.terminate();
      review.terminate();
    },
  };
}

export function useRenderWorker(files: ChartFiles): RenderWorker {
  const [states, setStates] = useState<Record<string, RenderState>>({});
  /** State changes not applied yet, in the order made, and the cancel of the idle callback that applies them. */
  const idle = useRef<{ changes: { key: string; change: (s: RenderState) => RenderState }[]; cancel: (() => void) | null }>({ changes: [], cancel: null });
  const [client] = useState(() =>
    renderClient({
      patch: (key, change) => {
        const pending = idle.current;
        pending.changes.push({ key, change });
        pending.cancel ??= whenIdle(
          () => {
            pending.cancel = null;
            const batch = pending.changes.splice(0);
            startTransition(() =>
              setStates((all) =>
                batch.reduce((acc, { key: k, change: c }) => {
                  const before = acc[k];
                  const after = c(before ?? EMPTY_STATE);
                  return after === before ? acc : { ...acc, [k]: after };
                }, all),
              ),
            );
          },
          IDLE_TIMEOUT_MS,
        );
      },
    }),
  );

  useEffect(() => {
    client.start((events) => spawnWorkers(files, events));
    return client.stop;
  }, [client, files]);

  useEffect(
    () => () => {
      const pending = idle.current;
      pending.cancel?.();
      pending.cancel = null;
    },
    [],
  );

  return useMemo(
    () => ({ states, render: client.render, commit: client.commit, edit: client.edit, written: client.written, onOutput: client.onOutput, status: client.status, onStatus: client.onStatus }),
    [client, states],
  );
}
