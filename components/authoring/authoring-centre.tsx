"use client";
// The centre of the studio: the selected node's values as a form or the active layer as YAML (one layer,
// one source of truth: the workspace store), with search, import, the problem list and deep links
// (`?path=rest-api.image.tag` opens and focuses that field).
import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import type { JSONSchema } from "monaco-yaml";
import { EditError, keepForEdits, type PlainValue } from "@/lib/export/index";
import { BASE_LAYER, WorkspaceError, layerText, setValue, unsetValue, withLayerText, type Workspace } from "@/lib/workspace/index";
import { useReviewEdits } from "@/components/review/review-renders";
import { controlId, focusControl } from "@/components/values-form/field-row";
import { ValuesForm } from "@/components/values-form/values-form";
import { whenIdle } from "@/components/workspace/when-idle";
import { useWorkspace } from "@/components/workspace/use-workspace";
import styles from "./authoring.module.css";
import { GlobalsView } from "./globals-view";
import { ProblemList } from "./problem-list";
import { LayerYaml } from "./layer-yaml";
import { FIELDS, FIELDS_BY_PATH, useLayerValues } from "./use-layer-values";
import { ValueSearch } from "./value-search";
import { dropHandlers, importText, ValuesImport, type ImportStatus } from "./values-import";

const GLOBAL_FIELDS = FIELDS.filter((f) => f.segments[0] === "global");

/** The deep-link query parameter. */
export const PATH_PARAM = "path";

/**
 * When the form's edits go where: each to the render worker from the input event (useReviewEdits), so the
 * preview renders while the keystroke's frame paints; to the layer once the preview has the answer, after
 * the next frame (the one that paints it, when the preview shows it as it arrives), once for all edits made
 * meanwhile with the last value of each field. The write brings everything that follows from it (effective
 * values, validation, the rail's counts, autosave): its React render (8-10 ms in a trace) used to run right
 * after the keystroke's frame, where it held back the output's arrival and the preview's frame. The review
 * spec's keystroke-to-preview p50/p95 went from 40.9/62.3 ms (one run before) to 35.6/51.2 and 35.7/45.6 (two
 * runs after), on consecutive builds. No pause in typing is waited for: the YAML follows every keystroke,
 * WRITE_WAIT_MS and a frame late at most while the page is shown. Leaving the field writes at once; undo,
 * redo and hiding or leaving the page write first, synchronously (the workspace's registerPendingWrite).
 */
function afterNextPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The longest the layer write waits for the preview's answer (a worker restarting, a slow render). */
const WRITE_WAIT_MS = 200;

/** The longest the active layer waits for an idle moment to be parsed for the form's next write. */
const KEEP_WAIT_MS = 1000;

/**
 * `edit`, run once per text: React runs a state updater again when it restarts a render (a transition
 * interrupted by a more urgent update), and the layer edit's fast path (one scalar spliced into the document
 * kept from the last edit) takes that document, so a second run parsed and printed the whole layer again.
 */
function oncePerText(edit: (text: string) => string): (text: string) => string {
  const done = new Map<string, string>();
  return (text) => {
    let out = done.get(text);
    if (out === undefined) {
      out = edit(text);
      done.set(text, out);
    }
    return out;
  };
}

type View = "form" | "yaml" | "defaults" | "globals";

export interface AuthoringCentreProps {
  /** The rail node shown (`global` or a subchart name). */
  node: string;
  /** Its heading. */
  label: string;
  /** Every rail node's display name, by id. */
  nodeLabels: ReadonlyMap<string, string>;
  onSelectNode: (node: string) => void;
  /** The node's chart defaults (read only), shown in their own tab. */
  defaults: ReactNode;
}

/** `layer` edited by `change`; a layer that cannot be edited (broken YAML) or no longer exists stays as it is. */
function editLayer(w: Workspace, layer: string, change: (text: string) => string): Workspace {
  try {
    return withLayerText(w, layer, change(layerText(w, layer)));
  } catch (e) {
    if (e instanceof EditError || e instanceof WorkspaceError) return w;
    throw e;
  }
}

export function AuthoringCentre({ node, label, nodeLabels, onSelectNode, defaults }: AuthoringCentreProps) {
  const { ws, files, update, registerPendingWrite } = useWorkspace();
  const layer = ws.active;
  const layerName = layer === BASE_LAYER ? "base" : layer;
  const { values, setHere, fromBase, problem, problems } = useLayerValues();
  const preview = useReviewEdits();
  const problemByPath = useMemo(() => new Map(problems.map((p) => [p.path, p.message])), [problems]);
  const nodeFields = useMemo(() => FIELDS.filter((f) => f.node === node), [node]);
  const schema = useMemo(() => parseSchema(files.get("values.schema.json")), [files]);
  const [chosenView, setView] = useState<View>("form");
  const view = chosenView === "globals" && node !== "global" ? "form" : chosenView;
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [focusPath, setFocusPath] = useState<string | null>(null);
  const [importStatus, setImportStatus] = useState<ImportStatus | null>(null);

  // The form's edits not yet in the layer (the last value per layer and path, in the order last typed), and
  // what is scheduled: the wait for the preview's answer, then the write (each a cancel).
  const queued = useRef(new Map<string, { layer: string; path: string; value: PlainValue }>());
  const scheduled = useRef<{ wait?: () => void; write?: () => void }>({});
  /** Writes the queued edits: in a transition, or at once (`now`) when something must see them committed. */
  const writeQueued = useCallback(
    (now: boolean) => {
      const s = scheduled.current;
      s.wait?.();
      s.write?.();
      s.wait = s.write = undefined;
      const edits = [...queued.current.values()];
      if (edits.length === 0) return;
      queued.current.clear();
      preview.written();
      const changes = edits.map((e) => ({ layer: e.layer, edit: oncePerText((t) => setValue(t, e.path, e.value)) }));
      const apply = () => update((w) => changes.reduce((acc, c) => editLayer(acc, c.layer, c.edit), w));
      if (now) flushSync(apply);
      else startTransition(apply);
    },
    [update, preview],
  );
  const write = useCallback(() => writeQueued(false), [writeQueued]);
  // Before an undo or redo (and before the page is hidden or left): the queued edits are written at once, and
  // the form follows the layer again (its values sent but not back yet no longer hold the boxes), since the
  // history's step makes the values that come next, not a write of the form's still on its way.
  const [followTurn, setFollowTurn] = useState(0);
  useEffect(
    () =>
      registerPendingWrite(() => {
        writeQueued(true);
        setFollowTurn((n) => n + 1);
      }),
    [registerPendingWrite, writeQueued],
  );
  const commit = useCallback(
    (path: string, value: PlainValue) => {
      const key = `${ws.active}\u0000${path}`;
      queued.current.delete(key);
      queued.current.set(key, { layer: ws.active, path, value });
      preview.edit(ws.active, path, value);
      // One wait per write: keys typed meanwhile go to the preview and are written with it.
      const s = scheduled.current;
      if (s.wait || s.write) return;
      let answered = false;
      const wait = preview.afterAnswer(() => {
        answered = true;
        s.wait = undefined;
        s.write = afterNextPaint(write);
      }, WRITE_WAIT_MS);
      if (!answered) s.wait = wait;
    },
    [write, ws.active, preview],
  );
  // The active layer parsed for the form's next write at idle (the first keystroke's write then splices its
  // scalar instead of parsing the layer in a task of its own while typing).
  const activeText = layerText(ws, layer);
  useEffect(() => {
    if (view !== "form") return;
    return whenIdle(() => keepForEdits(activeText), KEEP_WAIT_MS);
  }, [activeText, view]);
  // Nothing typed is left behind: leaving this screen writes what is queued (leaving the page: the workspace's
  // pending writes, above).
  useEffect(() => write, [write]);
  const reset = useCallback((paths: readonly string[]) => update((w) => editLayer(w, w.active, (t) => paths.reduce((acc, p) => unsetValue(acc, p), t))), [update]);

  // A path the chart has no value at (a deep link's) is said, not ignored, until the next jump.
  const [unknownPath, setUnknownPath] = useState<string | null>(null);
  const jump = useCallback(
    (path: string) => {
      const field = FIELDS_BY_PATH.get(path);
      setUnknownPath(field ? null : path);
      if (!field) return;
      onSelectNode(field.node);
      setView("form");
      setOnlyChanged(false);
      setFocusPath(path);
      const url = new URL(window.location.href);
      url.searchParams.set(PATH_PARAM, path);
      window.history.replaceState(window.history.state, "", url);
    },
    [onSelectNode],
  );

  // Deep link: open the field named in the URL once, on load.
  useEffect(() => {
    const path = new URLSearchParams(window.location.search).get(PATH_PARAM);
    if (path) jump(path);
  }, [jump]);

  // Focus the field once its node's form is on screen.
  useEffect(() => {
    if (!focusPath || view !== "form") return;
    const el = document.getElementById(controlId(focusPath));
    if (!el) return;
    el.closest("details")?.setAttribute("open", "");
    focusControl(focusPath)?.scrollIntoView({ block: "center" });
    setFocusPath(null);
  }, [focusPath, node, view]);

  // Stable, so the memoised import control does not re-render with every keystroke's workspace change.
  const onImport = useCallback<Parameters<typeof dropHandlers>[0]>(
    (name, content) => {
      write();
      setImportStatus(importText(name, content, FIELDS, layerName, (t) => update((w) => withLayerText(w, w.active, t))));
    },
    [write, layerName, update],
  );

  const tab = (v: View, text: string) => (
    <button type="button" role="tab" id={`view-${v}`} aria-selected={view === v} aria-controls="view-panel" className="tab" onClick={() => setView(v)}>
      {text}
    </button>
  );

  return (
    <section className={styles.centre} aria-labelledby="centre-title" {...dropHandlers(onImport)}>
      <div className={`pane-heading ${styles.heading}`}>
        <h1 id="centre-title">{label}</h1>
        <p className="muted">
          Editing {layer === BASE_LAYER ? "the base layer (shared by every environment)" : `environment ${layer}`}; values not set here come from{" "}
          {layer === BASE_LAYER ? "the chart defaults" : "base and the chart defaults"}.
        </p>
        <div className={styles.toolbar}>
          <div role="tablist" aria-label="View">
            {tab("form", "Form")}
            {tab("yaml", "YAML")}
            {tab("defaults", "Chart defaults")}
            {node === "global" && tab("globals", "Who reads each global")}
          </div>
          <ValueSearch fields={FIELDS} nodeLabels={nodeLabels} onPick={jump} />
          <label className={styles.check}>
            <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} /> Show only changed values
          </label>
        </div>
        <ValuesImport layerName={layerName} onText={onImport} status={importStatus} />
      </div>
      {unknownPath !== null && (
        <p role="alert" className={styles.broken}>
          The link asks for <code>{unknownPath}</code>, which is not a value of this chart; search (Ctrl+K) finds values by path, label or description.
        </p>
      )}
      {problem && (
        <p role="alert" className={styles.broken}>
          The YAML of {layerName} cannot be read{problem.line !== undefined ? ` (line ${problem.line}${problem.column !== undefined ? `, column ${problem.column}` : ""})` : ""}:{" "}
          {problem.message}. The form shows the last readable values and waits until the YAML is fixed; nothing typed is lost.
        </p>
      )}
      <ProblemList problems={problems} fieldsByPath={FIELDS_BY_PATH} nodeLabels={nodeLabels} onJump={jump} />
      <div id="view-panel" role="tabpanel" aria-labelledby={`view-${view}`} className={styles.panel} onBlur={write}>
        {view === "form" && (
          <ValuesForm
            key={`${node}:${layer}`}
            fields={nodeFields}
            values={values}
            problems={problemByPath}
            setHere={setHere}
            fromBase={fromBase}
            layerName={layerName}
            onlyChanged={onlyChanged}
            disabled={problem !== null}
            onCommit={commit}
            onReset={reset}
            followTurn={followTurn}
          />
        )}
        {view === "yaml" && <LayerYaml schema={schema} />}
        {view === "defaults" && defaults}
        {view === "globals" && <GlobalsView files={files} fields={GLOBAL_FIELDS} values={values} nodeLabels={nodeLabels} onJump={jump} />}
      </div>
    </section>
  );
}

function parseSchema(bytes: Uint8Array | undefined): JSONSchema | undefined {
  if (!bytes) return undefined;
  try {
    const schema: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return schema !== null && typeof schema === "object" ? (schema as JSONSchema) : undefined;
  } catch {
    return undefined; // the chart's own tests report a broken schema; the editor then checks syntax only
  }
}
