/**
 * The record of each environment's last export (workspace.ts, `exports`): taken when a download is made,
 * read by the review's "last export" diff and by the warning on closing the tab with changes not exported.
 */
import { valuesFileName, type ValuesLayer } from "../export/index";
import { exportsOfEnvironments, type ExportKind, type ExportRecord, type Workspace } from "./workspace";

/** Records of a download of `envs` made now from `ws`'s layers (`at` is passed in: these functions stay pure). */
export function exportRecords(ws: Workspace, envs: readonly string[], what: { kind: ExportKind; file: string }, at: Date): ExportRecord[] {
  return ws.environments
    .filter((e) => envs.includes(e.name))
    .map((e) => ({ env: e.name, at: at.toISOString(), kind: what.kind, file: what.file, base: ws.base, values: e.values }));
}

/**
 * The workspace with `records` replacing the records of their environments; records of environments it
 * does not have are left out (an export is a fact about the layers it was made from, so the UI applies it
 * to every state of the undo history: an undo does not take an export back).
 */
export function withExportRecords(ws: Workspace, records: readonly ExportRecord[]): Workspace {
  const exports = exportsOfEnvironments(ws, [...ws.exports, ...records]);
  return exports.length === ws.exports.length && exports.every((r, i) => r === ws.exports[i]) ? ws : { ...ws, exports };
}

/** The last export of `env`, if it was ever exported. */
export function lastExport(ws: Workspace, env: string): ExportRecord | undefined {
  return ws.exports.find((r) => r.env === env);
}

/** The `-f` layers the export was made from, as environmentLayers gives them for the workspace's own. */
export function exportLayers(record: ExportRecord): ValuesLayer[] {
  return [
    { name: valuesFileName("base"), text: record.base },
    { name: valuesFileName(record.env), text: record.values },
  ];
}

/**
 * Whether `env`'s layers changed since its last export (base included: it feeds every environment), or
 * undefined when it was never exported.
 */
export function changedSinceExport(ws: Workspace, env: string): boolean | undefined {
  const record = lastExport(ws, env);
  const own = ws.environments.find((e) => e.name === env);
  if (!record || !own) return undefined;
  return record.base !== ws.base || record.values !== own.values;
}
