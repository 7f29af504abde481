"use client";
// The workspace row above the values: layer tabs, undo/redo, the Export menu, where the workspace was
// restored from (so a reload or a permalink is visibly restored) and the environment grid, folded.
import { EnvironmentGridView } from "./environment-grid-view";
import { EnvironmentTabs } from "./environment-tabs";
import { ExportMenu } from "./export-menu";
import { SnapshotMenu } from "./snapshot-menu";
import { useWorkspace } from "./use-workspace";
import styles from "./workspace.module.css";

const RESTORED_TEXT = { permalink: "Opened from a link (secrets are not shared)", browser: "Restored from this browser", chart: "New workspace from the chart" };

export function WorkspaceBar() {
  const { undo, redo, canUndo, canRedo, restoredFrom, notice } = useWorkspace();
  return (
    <div className={styles.bar}>
      <EnvironmentTabs />
      <span className={styles.tools}>
        <SnapshotMenu />
        <button type="button" onClick={undo} disabled={!canUndo}>
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo}>
          Redo
        </button>
        <ExportMenu />
      </span>
      <p className={`muted ${styles.status}`} role="status" data-testid="workspace-status">
        {notice ?? (restoredFrom ? RESTORED_TEXT[restoredFrom] : "Restoring…")}
      </p>
      <EnvironmentGridView />
    </div>
  );
}
