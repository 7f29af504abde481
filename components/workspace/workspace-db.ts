// The browser's copy of the workspace (IndexedDB): written on every change, read back on load. A record
// the studio cannot open, or one a link replaces, is kept aside under its own key (lib/workspace/restore.ts decides when).
import type { SavedWorkspaceStore, Workspace } from "@/lib/workspace/index";

const DB_NAME = "devmesh-studio";
const STORE = "workspaces";
/** One workspace per browser profile for now; the key leaves room for more. */
const KEY = "current";

let connection: Promise<IDBDatabase> | null = null;

/**
 * One connection per page, opened on first use: autosave writes after every keystroke, and opening the
 * database each time cost about as much as the write. It closes when another page deletes or upgrades it.
 */
function openDb(): Promise<IDBDatabase> {
  connection ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const db = req.result;
      const forget = () => {
        db.close();
        connection = null;
      };
      db.onversionchange = forget;
      db.onclose = forget;
      resolve(db);
    };
    req.onerror = () => {
      connection = null;
      reject(req.error ?? new Error("IndexedDB is not available"));
    };
  });
  return connection;
}

function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = op(tx.objectStore(STORE));
        // Committed now, not when the event loop next turns: an autosave from pagehide must reach the disk.
        tx.commit();
        tx.oncomplete = () => resolve(req.result);
        // A full disk aborts the transaction without a request error.
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      }),
  );
}

export function saveWorkspace(ws: Workspace): Promise<void> {
  return run("readwrite", (s) => s.put(ws, KEY)).then(() => undefined);
}

export const savedWorkspaceStore: SavedWorkspaceStore = {
  load: () => run("readonly", (s) => s.get(KEY) as IDBRequest<unknown>),
  backup: (record, why) => {
    const key = `${why}-${new Date().toISOString()}`;
    return run("readwrite", (s) => s.add(record, key)).then(() => key);
  },
};
