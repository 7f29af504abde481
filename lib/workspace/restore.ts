/**
 * Which workspace the studio opens with, and whether autosave may write: a permalink in the URL first, then
 * the browser's saved record, else a fresh workspace from the chart. A saved record is never overwritten
 * before it is backed up when it cannot be read (damaged, or another workspace version) or when a link
 * replaces it: the user is told why, and where it is kept. Storage is passed in, so this runs against
 * IndexedDB in the browser.
 */
import { workspaceFromPermalink } from "./workspace-exports";
import { WORKSPACE_VERSION, parseWorkspace, type Workspace } from "./workspace";

export type RestoredFrom = "permalink" | "browser" | "chart";

/** The browser's workspace store (components/workspace/workspace-db.ts over IndexedDB). */
export interface SavedWorkspaceStore {
  /** The saved record as stored (undefined when there is none). */
  load(): Promise<unknown>;
  /** Keeps a record aside (`why` starts its key); resolves to the key it is kept under. */
  backup(record: unknown, why: "unreadable" | "replaced"): Promise<string>;
}

export interface Restored {
  /** The workspace to open with; null means a fresh one from the chart. */
  ws: Workspace | null;
  from: RestoredFrom;
  /** What the user must know (a link or a saved record that could not be read), or null. */
  notice: string | null;
  /** Whether changes may be saved over the browser's record (false when its backup failed). */
  autosave: boolean;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Why a saved record cannot be opened, in a sentence, or null when it can. */
export function savedRecordProblem(record: unknown): string | null {
  const version = typeof record === "object" && record !== null ? (record as { version?: unknown }).version : undefined;
  if (typeof version === "number" && version > WORKSPACE_VERSION) {
    return `it was saved by a newer studio (workspace version ${version}; this one reads version ${WORKSPACE_VERSION})`;
  }
  if (version !== WORKSPACE_VERSION) {
    return `it has an old or unknown format (workspace version ${JSON.stringify(version) ?? "missing"}; this studio reads version ${WORKSPACE_VERSION})`;
  }
  try {
    parseWorkspace(record);
    return null;
  } catch (e) {
    return `it is damaged (${message(e)})`;
  }
}

/** The workspace to open with. Never throws: every problem becomes the notice. */
export async function restoreWorkspace(fragment: string | null, store: SavedWorkspaceStore): Promise<Restored> {
  let linkNotice: string | null = null;
  if (fragment) {
    let ws: Workspace | undefined;
    try {
      ws = workspaceFromPermalink(fragment);
    } catch (e) {
      linkNotice = `The link could not be opened: ${message(e)}.`;
    }
    if (ws) return openLink(ws, store);
  }
  let record: unknown;
  try {
    record = await store.load();
  } catch (e) {
    // Nothing was read, so nothing could be lost by saving; but say that the saved workspace is not there.
    return { ws: null, from: "chart", notice: join(linkNotice, `The browser's saved workspace could not be read (${message(e)}); starting from the chart.`), autosave: true };
  }
  if (record === undefined || record === null) return { ws: null, from: "chart", notice: linkNotice, autosave: true };
  const problem = savedRecordProblem(record);
  if (problem === null) return { ws: parseWorkspace(record), from: "browser", notice: linkNotice, autosave: true };
  try {
    const key = await store.backup(record, "unreadable");
    return {
      ws: null,
      from: "chart",
      notice: join(linkNotice, `The workspace saved in this browser could not be opened: ${problem}. It is kept unchanged in this browser's storage as "${key}"; starting from the chart.`),
      autosave: true,
    };
  } catch (e) {
    return {
      ws: null,
      from: "chart",
      notice: join(linkNotice, `The workspace saved in this browser could not be opened: ${problem}. It could not be backed up (${message(e)}), so autosave is off to keep it.`),
      autosave: false,
    };
  }
}

const join = (a: string | null, b: string): string => (a ? `${a} ${b}` : b);

/** A link's workspace replaces the browser's: a different saved workspace is backed up first. */
async function openLink(ws: Workspace, store: SavedWorkspaceStore): Promise<Restored> {
  const opened: Restored = { ws, from: "permalink", notice: null, autosave: true };
  let record: unknown;
  try {
    record = await store.load();
  } catch {
    return opened;
  }
  if (record === undefined || record === null || JSON.stringify(record) === JSON.stringify(ws)) return opened;
  try {
    const key = await store.backup(record, "replaced");
    return { ...opened, notice: `Opened from a link (secrets are not shared). The workspace this browser had is kept in its storage as "${key}".` };
  } catch (e) {
    return { ...opened, notice: `Opened from a link, but the workspace this browser had could not be backed up (${message(e)}), so autosave is off to keep it.`, autosave: false };
  }
}
