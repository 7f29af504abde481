"use client";
// The right pane of the studio: Preview, Diff, Findings, Footprint and Map of the active environment,
// all from one render worker fed by the workspace store.
import { useEffect, useMemo, useRef, useState } from "react";
import type { Footprint } from "@/lib/review/footprint";
import { BASE_LAYER, environmentLayers, type Workspace } from "@/lib/workspace/index";
import { useWorkspace } from "@/components/workspace/use-workspace";
import { DiffView, type DiffTarget } from "./diff-view";
import { FindingsView } from "./findings-view";
import { FootprintView } from "./footprint-view";
import { MapView } from "./map-view";
import type { RevealTarget } from "./monaco-views";
import { PreviewView } from "./preview-view";
import type { RenderRequest } from "./render-protocol";
import styles from "./review.module.css";
import { useRenderWorker } from "./use-render-worker";

type Tab = "preview" | "diff" | "findings" | "footprint" | "map";

function request(ws: Workspace, layers: { name: string; text: string }[], environment: string): RenderRequest {
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
  if (ws.active === BASE_LAYER) return request(ws, [{ name: "values-base.yaml", text: ws.base }], BASE_LAYER);
  return request(ws, environmentLayers(ws, ws.active), ws.active);
}

function targetRequest(ws: Workspace, target: string): RenderRequest | null {
  if (target === "defaults") return request(ws, [], "defaults");
  const [kind, name = ""] = target.split(":", 2) as [string, string?];
  if (kind === "env" && ws.environments.some((e) => e.name === name)) return request(ws, environmentLayers(ws, name), name);
  if (kind === "snapshot") {
    const s = ws.snapshots.find((x) => x.name === name);
    if (!s) return null;
    const env = s.environments.find((e) => e.name === ws.active);
    return request(ws, [{ name: "values-base.yaml", text: s.base }, ...(env ? [{ name: `values-${env.name}.yaml`, text: env.values }] : [])], ws.active);
  }
  return null;
}

export function ReviewPanel() {
  const { ws, files } = useWorkspace();
  const { states, render } = useRenderWorker(files);
  const [tab, setTab] = useState<Tab>("preview");
  const [target, setTarget] = useState("defaults");
  const [reveal, setReveal] = useState<RevealTarget | null>(null);
  const current = useMemo(() => currentRequest(ws), [ws]);
  const against = useMemo(() => (tab === "diff" ? targetRequest(ws, target) : null), [ws, tab, target]);

  useEffect(() => render("current", current), [render, current]);
  useEffect(() => {
    if (against) render("diff", against);
  }, [render, against]);

  const state = states.current;
  const good = state?.good ?? null;
  const findings = state?.latest && !state.error ? state.latest.findings : (good?.findings ?? []);

  // The footprint before the last edit of the same environment, for "the change caused by the current edit".
  const footprints = useRef<{ env: string; now: Footprint | null; before: Footprint | null }>({ env: "", now: null, before: null });
  if (good && footprints.current.now !== good.footprint) {
    const f = footprints.current;
    footprints.current = { env: current.environment, now: good.footprint, before: f.env === current.environment ? f.now : null };
  }

  const targets: DiffTarget[] = [
    { value: "defaults", label: "chart defaults" },
    ...ws.environments.filter((e) => e.name !== ws.active).map((e) => ({ value: `env:${e.name}`, label: `environment ${e.name}` })),
    ...ws.snapshots.map((s) => ({ value: `snapshot:${s.name}`, label: `snapshot ${s.name}` })),
  ];
  const revealLine = (line: number) => {
    setTab("preview");
    setReveal({ line, nonce: Date.now() });
  };
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;

  const tabButton = (t: Tab, label: string) => (
    <button type="button" role="tab" id={`review-tab-${t}`} aria-selected={tab === t} aria-controls="review-panel" className={styles.tab} onClick={() => setTab(t)}>
      {label}
    </button>
  );

  return (
    <aside className={`studio-review ${styles.pane}`} aria-labelledby="review-title">
      <div className={styles.heading}>
        <h2 id="review-title">
          Review · {current.environment}{" "}
          <span className="muted" role="status" data-testid="render-status">
            {state?.busy ? "rendering…" : state?.error ? "render failed" : good ? `rendered in ${Math.round(good.ms)} ms` : ""}
          </span>
        </h2>
        <div role="tablist" aria-label="Review views">
          {tabButton("preview", "Preview")}
          {tabButton("diff", "Diff")}
          {tabButton("findings", `Findings (${findings.length})`)}
          {tabButton("footprint", "Footprint")}
          {tabButton("map", "Map")}
          <span className={styles.counter} title={`${errors} errors, ${warnings} warnings`} data-testid="findings-count">
            ✖ {errors} ⚠ {warnings}
          </span>
        </div>
      </div>
      {state?.crash && <p role="alert">{state.crash}</p>}
      <div id="review-panel" role="tabpanel" aria-labelledby={`review-tab-${tab}`} className={styles.body}>
        {tab === "preview" && <PreviewView good={good} error={state?.error ?? null} files={files} environment={current.environment} request={current} reveal={reveal} onReveal={(line) => setReveal({ line, nonce: Date.now() })} />}
        {tab === "diff" && <DiffView targets={targets} target={target} onTarget={setTarget} environment={current.environment} current={state} against={states.diff} />}
        {tab === "findings" && <FindingsView findings={findings} onReveal={revealLine} />}
        {tab === "footprint" && (good ? <FootprintView footprint={good.footprint} previous={footprints.current.before} /> : <p>Rendering…</p>)}
        {tab === "map" && (good ? <MapView graph={good.graph} environment={current.environment} /> : <p>Rendering…</p>)}
      </div>
    </aside>
  );
}
