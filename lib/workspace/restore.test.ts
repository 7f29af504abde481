import { describe, expect, it } from "vitest";
import { studioChart } from "../export/util-chart.test-util";
import { restoreWorkspace, type SavedWorkspaceStore } from "./restore";
import { workspacePermalink } from "./workspace-exports";
import { createWorkspace, withLayerText } from "./workspace";

const { chart } = studioChart();
const saved = withLayerText(createWorkspace(chart), "dev", "worker:\n  replicaCount: 4\n");

/** A store holding records in a Map, as workspace-db.ts holds them in IndexedDB (that one runs in e2e/workspace.spec.ts). */
function memoryStore(record: unknown, opts: { loadFails?: boolean; backupFails?: boolean } = {}): SavedWorkspaceStore & { kept: Map<string, unknown> } {
  const kept = new Map<string, unknown>();
  return {
    kept,
    load: () => (opts.loadFails ? Promise.reject(new Error("blocked")) : Promise.resolve(record)),
    backup: (r, why) => {
      if (opts.backupFails) return Promise.reject(new Error("quota exceeded"));
      kept.set(`${why}-1`, r);
      return Promise.resolve(`${why}-1`);
    },
  };
}

describe("workspace/restore", () => {
  it("should open the saved workspace, or the chart's when nothing is saved", async () => {
    expect(await restoreWorkspace(null, memoryStore(JSON.parse(JSON.stringify(saved))))).toEqual({ ws: saved, from: "browser", notice: null, autosave: true });
    expect(await restoreWorkspace(null, memoryStore(undefined))).toEqual({ ws: null, from: "chart", notice: null, autosave: true });
  });

  it("should prefer a permalink, and fall back to the saved workspace when the link is broken", async () => {
    const linked = withLayerText(saved, "prod", "a: 1\n");
    const link = workspacePermalink(linked);
    expect(await restoreWorkspace(link, memoryStore(undefined))).toEqual({ ws: linked, from: "permalink", notice: null, autosave: true });
    expect(await restoreWorkspace(link, memoryStore(JSON.parse(JSON.stringify(linked))))).toMatchObject({ from: "permalink", notice: null });
    const broken = await restoreWorkspace("not-a-link", memoryStore(saved));
    expect(broken).toMatchObject({ ws: saved, from: "browser", autosave: true });
    expect(broken.notice).toMatch(/^The link could not be opened: /);
  });

  it.each([
    ["a newer version", { ...saved, version: 2 }, /saved by a newer studio \(workspace version 2; this one reads version 1\)/],
    ["an old version", { ...saved, version: 0 }, /old or unknown format \(workspace version 0; this studio reads version 1\)/],
    ["no version", { base: "" }, /old or unknown format \(workspace version missing;/],
    ["a damaged record", { ...saved, environments: "dev" }, /it is damaged \(not a workspace file: environments: /],
    ["not even an object", "garbage", /old or unknown format/],
  ])("should keep %s aside before anything is saved over it, and say so", async (_, record, why) => {
    const store = memoryStore(record);
    const r = await restoreWorkspace(null, store);
    expect(r).toMatchObject({ ws: null, from: "chart", autosave: true });
    expect(r.notice).toMatch(why);
    expect(r.notice).toMatch(/It is kept unchanged in this browser's storage as "unreadable-1"/);
    expect(store.kept.get("unreadable-1")).toBe(record);
  });

  it("should back up the browser's own workspace before a link replaces it", async () => {
    const store = memoryStore(saved);
    const r = await restoreWorkspace(workspacePermalink(withLayerText(saved, "prod", "a: 1\n")), store);
    expect(r).toMatchObject({ from: "permalink", autosave: true });
    expect(r.notice).toBe('Opened from a link (secrets are not shared). The workspace this browser had is kept in its storage as "replaced-1".');
    expect(store.kept.get("replaced-1")).toBe(saved);
    const failing = await restoreWorkspace(workspacePermalink(withLayerText(saved, "prod", "a: 1\n")), memoryStore(saved, { backupFails: true }));
    expect(failing).toMatchObject({ from: "permalink", autosave: false });
  });

  it("should turn autosave off when an unreadable record cannot be backed up", async () => {
    const r = await restoreWorkspace(null, memoryStore({ version: 9 }, { backupFails: true }));
    expect(r).toMatchObject({ ws: null, from: "chart", autosave: false });
    expect(r.notice).toMatch(/could not be backed up \(quota exceeded\), so autosave is off to keep it\.$/);
  });

  it("should say when the browser's storage cannot be read at all", async () => {
    const r = await restoreWorkspace(null, memoryStore(undefined, { loadFails: true }));
    expect(r).toMatchObject({ ws: null, from: "chart", notice: "The browser's saved workspace could not be read (blocked); starting from the chart." });
  });
});
