"use client";
// The studio's render and review workers and the active layer's render request. The request leaves while React
// renders a workspace change, before the rest of the studio (the form, its checks, the rail) renders it,
// so the worker renders in parallel with the page instead of after it has committed. The form's edits
// reach the worker even earlier, from the input event (ReviewEdits), before the workspace has them.
import { createContext, useContext, useLayoutEffect, useMemo, useRef, type ReactNode, type RefObject } from "react";
import { valuesFileName, type PlainValue } from "@/lib/export/index";
import { BASE_LAYER, environmentLayers, type Workspace } from "@/lib/workspace/index";
import { useWorkspace } from "@/components/workspace/use-workspace";
import { afterAnswer } from "./render-client";
import type { RenderRequest } from "./render-protocol";
import { useRenderWorker, type RenderWorker } from "./use-render-worker";

export function request(ws: Workspace, layers: { name: string; text: string }[], environment: string): RenderRequest {
  return {
    values: layers.map((l) => l.text),
    valuesFiles: layers.map((l) => l.name),
    releaseName: ws.release.name,
    namespace: ws.release.namespace,
    kubeVersion: ws.kubeVersion,
    environment,
  };
}

/** The active layer's render: an environment over base, or base alone. */
function currentRequest(ws: Workspace): RenderRequest {
  if (ws.active === BASE_LAYER) return request(ws, [{ name: valuesFileName(BASE_LAYER), text: ws.base }], BASE_LAYER);
  return request(ws, environmentLayers(ws, ws.active), ws.active);
}

interface Sent {
  ws: Workspace;
  request: RenderRequest;
}

/** The active layer's request for `ws`, sent to the worker the first time it is asked for. */
function sendOnce(sent: RefObject<Sent | null>, ws: Workspace, render: RenderWorker["render"]): RenderRequest {
  if (sent.current?.ws !== ws) {
    sent.current = { ws, request: currentRequest(ws) };
    render("current", sent.current.request, false);
  }
  return sent.current.request;
}

export interface ReviewRenders extends RenderWorker {
  /** The active layer's request, as last sent under the key "current". */
  current: RenderRequest;
}

const ReviewRendersContext = createContext<ReviewRenders | null>(null);

/** What the form tells the preview (stable: reading it re-renders nothing when outputs arrive). */
export interface ReviewEdits {
  /** `layer`'s `path` is being set to `value` (the workspace writes it later): the preview renders it now. */
  edit: (layer: string, path: string, value: PlainValue) => void;
  /** The edits told so far are being written to the workspace now. */
  written: () => void;
  /** Runs `then` once the preview has the answer to the edits told so far, or after `maxMs`; returns the cancel. */
  afterAnswer: (then: () => void, maxMs: number) => () => void;
}

const ReviewEditsContext = createContext<ReviewEdits | null>(null);

export function useReviewEdits(): ReviewEdits {
  const value = useContext(ReviewEditsContext);
  if (!value) throw new Error("useReviewEdits must be used inside <ReviewRendersProvider>");
  return value;
}

export function useReviewRenders(): ReviewRenders {
  const value = useContext(ReviewRendersContext);
  if (!value) throw new Error("useReviewRenders must be used inside <ReviewRendersProvider>");
  return value;
}

/** Place it right inside the workspace provider, above everything else that reads the workspace. */
export function ReviewRendersProvider({ children }: { children: ReactNode }) {
  const { ws, files } = useWorkspace();
  const worker = useRenderWorker(files);
  const { render, commit, edit, written, status, onStatus } = worker;
  // Sent from render, the first moment the new workspace is known; its output is shown once this
  // workspace commits (the layout effect), with the form's own update. A render React throws away and
  // redoes with the same workspace sends nothing again; one it throws away for an older workspace is
  // corrected when that one commits. The worker keeps only each key's newest request.
  const sent = useRef<Sent | null>(null);
  const current = sendOnce(sent, ws, render);
  useLayoutEffect(() => {
    commit("current", sendOnce(sent, ws, render));
  }, [ws, render, commit]);
  const value = useMemo(() => ({ ...worker, current }), [worker, current]);
  const edits = useMemo<ReviewEdits>(
    () => ({
      edit: (layer, path, v) => edit("current", { file: valuesFileName(layer), path, value: v }),
      written,
      afterAnswer: (then, maxMs) => afterAnswer({ status, onStatus }, "current", then, maxMs),
    }),
    [edit, written, status, onStatus],
  );
  return (
    <ReviewEditsContext.Provider value={edits}>
      <ReviewRendersContext.Provider value={value}>{children}</ReviewRendersContext.Provider>
    </ReviewEditsContext.Provider>
  );
}
