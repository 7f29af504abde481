"use client";
// The right pane of the studio: Preview, Diff, Findings, Footprint and Map of the active environment,
// all from the render and review workers fed by the workspace store. The preview's `--show-only` filter lives here:
// findings name their lines in the output as shown.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Finding } from "@/lib/review/findings";
import type { Footprint } from "@/lib/review/footprint";
import { SCHEMA_KUBERNETES_VERSION } from "@/lib/review/k8s-schema";
import { serviceOfSource } from "@/lib/review/review-object";
import { environmentLayers, exportLayers, lastExport, type Workspace } from "@/lib/workspace/index";
import { useWorkspace } from "@/components/workspace/use-workspace";
import { DiffView, type DiffTarget } from "./diff-view";
import { FindingsView } from "./findings-view";
import { FootprintView } from "./footprint-view";
import { preloadMonacoViews } from "./lazy-monaco-views";
import { MapView } from "./map-view";
import type { RevealTarget } from "./monaco-views";
import { PreviewView } from "./preview-view";
import type { RenderRequest } from "./render-protocol";
import { RENDERING } from "./render-client";
import { request, useReviewRenders, type ReviewRenders } from "./review-renders";
import { shownLine, shownOutput } from "./shown-output";
import styles from "./review.module.css";

type Tab = "preview" | "diff" | "findings" | "footprint" | "map";

/** `--kube-version` choices: Helm's default, then the releases the chart supports (kubeVersion >=1.30). */
const KUBE_VERSIONS = ["1.35.0", "1.34.0", "1.33.0", "1.32.0", "1.31.0", "1.30.0"];

/** The diff target of the current environment's last export. */
const LAST_EXPORT = "export";

/** What the current layer can be compared with: defaults, the other environments, its last export (once exported), snapshots. */
function diffTargets(ws: Workspace): DiffTarget[] {
  const exported = lastExport(ws, ws.active);
  return [
    { value: "defaults", label: "chart defaults" },
    ...ws.environments.filter((e) => e.name !== ws.active).map((e) => ({ value: `env:${e.name}`, label: `environment ${e.name}` })),
    ...(exported ? [{ value: LAST_EXPORT, label: `last export (${new Date(exported.at).toLocaleString()})` }] : []),
    ...ws.snapshots.map((s) => ({ value: `snapshot:${s.name}`, label: `snapshot ${s.name}` })),
  ];
}

function targetRequest(ws: Workspace, target: string): RenderRequest | null {
  if (target === "defaults") return request(ws, [], "defaults");
  if (target === LAST_EXPORT) {
    const exported = lastExport(ws, ws.active);
    return exported ? request(ws, exportLayers(exported), ws.active) : null;
  }
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

export interface ReviewPanelProps {
  /** The service selected in the rail (a subchart's name, or "global"); the preview can follow it. */
  selectedService?: string;
}

export function ReviewPanel({ selectedService }: ReviewPanelProps) {
  const { ws, files, update } = useWorkspace();
  const { states, render, status, onStatus, onOutput, current } = useReviewRenders();
  const [tab, setTab] = useState<Tab>("preview");
  const [chosenTarget, setTarget] = useState("defaults");
  const [reveal, setReveal] = useState<RevealTarget | null>(null);
  const [filter, setFilter] = useState("");
  const [follow, setFollow] = useState(true);
  const targets = diffTargets(ws);
  // A target no longer offered (the active environment itself, one never exported, a deleted snapshot) falls back to the defaults.
  const target = targets.some((t) => t.value === chosenTarget) ? chosenTarget : "defaults";
  const against = useMemo(() => (tab === "diff" ? targetRequest(ws, target) : null), [ws, tab, target]);

  useEffect(() => {
    if (against) render("diff", against);
  }, [render, against]);

  useEffect(preloadMonacoViews, []);

  const state = states.current;
  const good = state?.good ?? null;
  const review = state?.review ?? null;
  const findings = review?.findings ?? [];
  const patterns = useMemo(() => filter.split(",").map((p) => p.trim()).filter((p) => p !== ""), [filter]);
  const shown = useMemo(() => (good ? shownOutput(good.output, good.manifests, patterns) : null), [good, patterns]);
  // The preview's text straight from the worker's message, so Monaco has it before React renders the pane.
  const environment = current.environment;
  const followOutput = useCallback(
    (apply: (text: string, version: number) => void) =>
      onOutput("current", (o, r) => {
        if (!o.error && r.environment === environment) apply(patterns.length === 0 ? o.output : shownOutput(o.output, o.manifests, patterns).text, o.id);
      }),
    [onOutput, environment, patterns],
  );
  // Verify with Helm reads the request when asked, so a new request does not re-render the preview.
  const requestNow = useRef(current);
  useEffect(() => {
    requestNow.current = current;
  }, [current]);
  const currentRequest = useCallback(() => requestNow.current, []);
  const revealLine = useCallback((line: number) => setReveal({ line, nonce: Date.now() }), []);
  const findingLine = (f: Finding) => (shown ? shownLine(shown, f.manifest, f.line) : undefined);

  // Following the rail: a newly selected service's first resource comes into view (not on every render).
  const followed = useRef<{ shown: typeof shown; good: typeof good }>({ shown, good });
  followed.current = { shown, good };
  const followedService = follow && selectedService !== undefined && selectedService !== "global" ? selectedService : undefined;
  useEffect(() => {
    const { shown: s, good: g } = followed.current;
    if (followedService === undefined || !s || !g) return;
    const first = g.manifests.findIndex((m, i) => s.lines.has(i) && serviceOfSource(m.source) === followedService);
    const line = s.lines.get(first);
    if (line !== undefined) setReveal({ line, nonce: Date.now() });
  }, [followedService]);

  // The footprint before the last edit of the same environment, for "the change caused by the current edit".
  const footprints = useRef<{ env: string; now: Footprint | null; before: Footprint | null }>({ env: "", now: null, before: null });
  if (review && footprints.current.now !== review.footprint) {
    const f = footprints.current;
    footprints.current = { env: current.environment, now: review.footprint, before: f.env === current.environment ? f.now : null };
  }

  // A finding in a resource the filter hides clears the filter, then shows it in the whole output.
  const revealFinding = (f: Finding) => {
    const line = findingLine(f);
    if (line === undefined) setFilter("");
    setTab("preview");
    setReveal({ line: line ?? f.line, nonce: Date.now() });
  };
  const schema = review?.schema ?? "loading";
  const setKubeVersion = useCallback((kubeVersion: string) => update((w) => ({ ...w, kubeVersion })), [update]);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;

  return (
    <aside className={`studio-review ${styles.pane}`} aria-labelledby="review-title">
      <div className={styles.heading}>
        <ReviewSettings kubeVersion={ws.kubeVersion} onKubeVersion={setKubeVersion} follow={follow} onFollow={setFollow} />
        <h2 id="review-title">
          Review · {current.environment}{" "}
          <RenderStatus status={status} onStatus={onStatus} />
        </h2>
        <ReviewTabs tab={tab} onTab={setTab} errors={errors} warnings={warnings} />
      </div>
      {state?.crash && <p role="alert">{state.crash}</p>}
      <div id="review-panel" role="tabpanel" aria-labelledby={`review-tab-${tab}`} className={styles.body}>
        {tab === "preview" && (
          <PreviewView
            good={good}
            shown={shown}
            filter={filter}
            onFilter={setFilter}
            followedService={followedService}
            error={state?.error ?? null}
            files={files}
            environment={current.environment}
            request={currentRequest}
            reveal={reveal}
            follow={followOutput}
            onReveal={revealLine}
          />
        )}
        {tab === "diff" && <DiffView targets={targets} target={target} onTarget={setTarget} environment={current.environment} current={state} against={states.diff} />}
        {tab === "findings" && <FindingsView findings={findings} schema={schema} kubeVersion={ws.kubeVersion} lineOf={findingLine} onReveal={revealFinding} />}
        {tab === "footprint" && (review ? <FootprintView footprint={review.footprint} previous={footprints.current.before} /> : <p>Rendering…</p>)}
        {tab === "map" && (review ? <MapView graph={review.graph} environment={current.environment} /> : <p>Rendering…</p>)}
      </div>
    </aside>
  );
}

interface ReviewSettingsProps {
  kubeVersion: string;
  onKubeVersion: (version: string) => void;
  follow: boolean;
  onFollow: (follow: boolean) => void;
}

/** The render's Kubernetes version and the rail-following switch: re-rendered only when one of them changes, not on every edit. */
const ReviewSettings = memo(function ReviewSettings({ kubeVersion, onKubeVersion, follow, onFollow }: ReviewSettingsProps) {
  return (
    <div className={styles.settings}>
      <label>
        Kubernetes{" "}
        <select value={kubeVersion} onChange={(e) => onKubeVersion(e.target.value)}>
          <option value="">{`Helm's default (${SCHEMA_KUBERNETES_VERSION})`}</option>
          {KUBE_VERSIONS.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={follow} onChange={(e) => onFollow(e.target.checked)} /> Follow the selected service
      </label>
    </div>
  );
});

interface ReviewTabsProps {
  tab: Tab;
  onTab: (tab: Tab) => void;
  errors: number;
  warnings: number;
}

const ReviewTabs = memo(function ReviewTabs({ tab, onTab, errors, warnings }: ReviewTabsProps) {
  const tabButton = (t: Tab, label: string) => (
    <button type="button" role="tab" id={`review-tab-${t}`} aria-selected={tab === t} aria-controls="review-panel" className="tab" onClick={() => onTab(t)}>
      {label}
    </button>
  );
  return (
    <div role="tablist" aria-label="Review views">
      {tabButton("preview", "Preview")}
      {tabButton("diff", "Diff")}
      {tabButton("findings", `Findings (${errors + warnings})`)}
      {tabButton("footprint", "Footprint")}
      {tabButton("map", "Map")}
      <span className={styles.counter} title={`${errors} errors, ${warnings} warnings`} data-testid="findings-count">
        ✖ {errors} ⚠ {warnings}
      </span>
    </div>
  );
});

/** How long a render may take before the status line says it is rendering (a keystroke's render takes less). */
const SLOW_RENDER_MS = 150;

/**
 * The render status, written as the client tells it (when the output is in the preview, not when React next
 * renders the pane): React renders the element once and never its text. "rendering…" shows only when a
 * render is slow, so typing does not make the line flicker (and lay out) twice per key.
 */
const RenderStatus = memo(function RenderStatus({ status, onStatus }: Pick<ReviewRenders, "status" | "onStatus">) {
  const line = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = line.current;
    if (!el) return;
    let slow: ReturnType<typeof setTimeout> | undefined;
    const write = (text: string) => {
      if (el.textContent !== text) el.textContent = text;
    };
    const show = (text: string) => {
      clearTimeout(slow);
      if (text === RENDERING && el.textContent !== "") slow = setTimeout(write, SLOW_RENDER_MS, text);
      else write(text);
    };
    show(status("current"));
    const stop = onStatus("current", show);
    return () => {
      clearTimeout(slow);
      stop();
    };
  }, [status, onStatus]);
  return <span ref={line} className="muted" role="status" data-testid="render-status" />;
});
