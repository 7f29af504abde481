"use client";
// Snapshots: a named copy of every layer, taken before a risky change and restored in one step
// (restoring is itself a change, so Undo brings the current layers back).
import { restoreSnapshot, takeSnapshot } from "@/lib/workspace/index";
import { useWorkspace } from "./use-workspace";

export function SnapshotMenu() {
  const { ws, replace } = useWorkspace();
  return (
    <>
      <button type="button" onClick={() => replace(takeSnapshot(ws, `snapshot ${ws.snapshots.length + 1}`, new Date()))}>
        Take snapshot
      </button>
      {ws.snapshots.length > 0 && (
        <select
          aria-label="Restore a snapshot"
          value=""
          onChange={(e) => {
            if (e.target.value) replace(restoreSnapshot(ws, e.target.value));
          }}
        >
          <option value="">Restore snapshot…</option>
          {ws.snapshots.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} ({new Date(s.at).toLocaleString()})
            </option>
          ))}
        </select>
      )}
    </>
  );
}
