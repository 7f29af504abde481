"use client";
// The workspace store of the studio: undo/redo history over the workspace, restored on load (a permalink
// in the URL fragment first, then IndexedDB, else a fresh workspace from the chart) and autosaved to
// IndexedDB after every change (in the next idle moment). Exports read the chart, loaded once from the server's data.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Chart, ChartFiles } from "@/lib/helm/chart";
import { loadChart } from "@/lib/helm/load-chart";
import {
  canRedo,
  canUndo,
  createHistory,
  createWorkspace,
  decodeChartSource,
  exportRecords,
  mapHistory,
  pushHistory,
  redo,
  undo,
  restoreWorkspace,
  withExportRecords,
  type ExportKind,
  type History,
  type RestoredFrom,
  type Workspace,
} from "@/lib/workspace/index";
import { whenIdle } from "./when-idle";
import { useUnsavedExportWarning } from "./use-unsaved-exports";
import { saveWorkspace, savedWorkspaceStore } from "./workspace-db";

/** The longest an autosave waits for the page to be idle. */
const AUTOSAVE_WAIT_MS = 500;

/** The fragment key of a permalink: `#ws=<data>`. */
export const PERMALINK_KEY = "ws";

interface WorkspaceContextValue {
  files: ChartFiles;
  chart: Chart;
  ws: Workspace;
  /** Where the workspace came from when the page loaded; null until it is restored. */
  restoredFrom: RestoredFrom | null;
  /** A problem met while restoring or saving, for the status line. */
  notice: string | null;
  update: (change: (ws: Workspace) => Workspace) => void;
  replace: (ws: Workspace) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  /** Records a download of these environments' values as their last export (kept through undo and reload). */
  recordExport: (envs: readonly string[], what: { kind: ExportKind; file: string }) => void;
  /**
   * Registers `write`, which commits edits made but not yet in the workspace (the form's, while the preview
   * renders them) at once; it runs before an undo or redo and before the page is hidden or left, so those
   * act on and save what was typed. Returns the unregister.
   */
  registerPendingWrite: (write: () => void) => () => void;
}

const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace must be used inside <WorkspaceProvider>");
  return value;
}

function permalinkFragment(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  return params.get(PERMALINK_KEY);
}

export function WorkspaceProvider({ files: encoded, children }: { files: Record<string, string>; children: ReactNode }) {
  const files = useMemo(() => decodeChartSource(encoded), [encoded]);
  const chart = useMemo(() => loadChart(files), [files]);
  const [history, setHistory] = useState<History<Workspace>>(() => createHistory(createWorkspace(chart)));
  const [restoredFrom, setRestoredFrom] = useState<RestoredFrom | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Autosave may write only once restored (before that, the fresh workspace must not overwrite the saved
  // one), and never while an unreadable saved record could not be backed up.
  const [autosave, setAutosave] = useState(false);

  // Restore once, on the client (IndexedDB and the fragment do not exist on the server).
  useEffect(() => {
    let live = true;
    void restoreWorkspace(permalinkFragment(), savedWorkspaceStore).then((r) => {
      if (!live) return;
      if (r.ws) setHistory(createHistory(r.ws));
      if (r.notice) setNotice(r.notice);
      setRestoredFrom(r.from);
      setAutosave(r.autosave);
    });
    return () => {
      live = false;
    };
  }, []);

  // Autosave every change, in idle time: writing structured-clones the whole workspace (~3 ms), which stays
  // out of typing, and a burst of keystrokes writes once, its last state. Waits at most AUTOSAVE_WAIT_MS for
  // an idle moment; leaving or hiding the page writes what is pending at once.
  const ws = history.present;
  const unsaved = useRef<Workspace | null>(null);
  const idle = useRef<(() => void) | undefined>(undefined);
  const pendingWrites = useRef(new Set<() => void>());
  const registerPendingWrite = useCallback((write: () => void) => {
    pendingWrites.current.add(write);
    return () => {
      pendingWrites.current.delete(write);
    };
  }, []);
  // Each write commits synchronously (flushSync), its autosave effect included, so what follows sees it.
  const writePending = useCallback(() => {
    for (const write of pendingWrites.current) write();
  }, []);
  const flush = useCallback(() => {
    idle.current?.();
    idle.current = undefined;
    const w = unsaved.current;
    unsaved.current = null;
    if (w) saveWorkspace(w).catch((e: unknown) => setNotice(`Autosave failed: ${e instanceof Error ? e.message : String(e)}`));
  }, []);
  // A layout effect: a change is pending from the moment it commits, so leaving the page right after a
  // transition's commit (its passive effects not run yet) saves it, not the one before.
  useLayoutEffect(() => {
    if (!autosave) return;
    unsaved.current = ws;
    idle.current ??= whenIdle(flush, AUTOSAVE_WAIT_MS);
  }, [ws, autosave, flush]);
  useEffect(() => {
    const onLeave = () => {
      writePending();
      flush();
    };
    const onHide = () => {
      if (document.visibilityState === "hidden") onLeave();
    };
    window.addEventListener("pagehide", onLeave);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("pagehide", onLeave);
      document.removeEventListener("visibilitychange", onHide);
      flush();
    };
  }, [flush, writePending]);

  useUnsavedExportWarning(ws, restoredFrom !== null);

  // Ctrl+Z / Ctrl+Shift+Z (⌘ on macOS) undo and redo workspace changes wherever they were made (the form,
  // the YAML editor, an import), caught before Monaco or a field applies its own undo, which knows only
  // its own edits. Text boxes outside the values (search, paste, names) keep their native undo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== "z") return;
      const t = e.target;
      // Monaco's input, or a values control (named, or inside a named fieldset, by its dotted path).
      const valuesInput = t instanceof Element && t.closest(".monaco-editor, [name]") !== null;
      if ((t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && !valuesInput) return;
      e.preventDefault();
      e.stopPropagation();
      writePending();
      setHistory(e.shiftKey ? redo : undo);
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [writePending]);

  const update = useCallback((change: (w: Workspace) => Workspace) => setHistory((h) => pushHistory(h, change(h.present))), []);
  const replace = useCallback((next: Workspace) => setHistory((h) => pushHistory(h, next)), []);
  // An export is not an edit: it goes into every state of the history, so no undo or redo takes it back.
  const recordExport = useCallback(
    (envs: readonly string[], what: { kind: ExportKind; file: string }) =>
      setHistory((h) => {
        const records = exportRecords(h.present, envs, what, new Date());
        return mapHistory(h, (w) => withExportRecords(w, records));
      }),
    [],
  );
  const value: WorkspaceContextValue = {
    files,
    chart,
    ws,
    restoredFrom,
    notice,
    update,
    replace,
    undo: () => {
      writePending();
      setHistory(undo);
    },
    redo: () => {
      writePending();
      setHistory(redo);
    },
    canUndo: canUndo(history),
    canRedo: canRedo(history),
    recordExport,
    registerPendingWrite,
  };
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}
