/** Snapshots: named copies of the layers, taken and restored by the user. */
import { WorkspaceError } from "./errors";
import { exportsOfEnvironments, type Workspace } from "./workspace";

/** The workspace with a snapshot of its layers added (`at` is passed in: these functions stay pure). */
export function takeSnapshot(ws: Workspace, name: string, at: Date): Workspace {
  const snapshot = { name, at: at.toISOString(), base: ws.base, environments: ws.environments.map((e) => ({ ...e })) };
  return { ...ws, snapshots: [...ws.snapshots.filter((s) => s.name !== name), snapshot] };
}

/** The workspace with its layers replaced by the snapshot's; export records of environments it lacks go. */
export function restoreSnapshot(ws: Workspace, name: string): Workspace {
  const s = ws.snapshots.find((x) => x.name === name);
  if (!s) throw new WorkspaceError("SNAPSHOT_NOT_FOUND", `there is no snapshot named "${name}"`);
  const environments = s.environments.map((e) => ({ ...e }));
  const active = ws.active === "base" || environments.some((e) => e.name === ws.active) ? ws.active : (environments[0]?.name ?? "base");
  const restored = { ...ws, base: s.base, environments, active };
  return { ...restored, exports: exportsOfEnvironments(restored, ws.exports) };
}
