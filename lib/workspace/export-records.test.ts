import { gunzipSync } from "node:zlib";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodePermalink, encodePermalink } from "../export/index";
import { studioChart } from "../export/util-chart.test-util";
import { cloneEnvironment, deleteEnvironment, renameEnvironment } from "./environments";
import { changedSinceExport, exportLayers, exportRecords, lastExport, withExportRecords } from "./export-records";
import { createHistory, mapHistory, pushHistory, redo, undo } from "./history";
import { setValue } from "./layer-edit";
import { environmentLayers } from "./layers";
import { restoreWorkspace } from "./restore";
import { restoreSnapshot, takeSnapshot } from "./snapshots";
import {
  allEnvironmentsBundle,
  environmentExport,
  exportedValuesFiles,
  workspaceFileText,
  workspaceFromPermalink,
  workspacePackage,
  workspacePermalink,
} from "./workspace-exports";
import { createWorkspace, parseWorkspace, withLayerText, type Workspace } from "./workspace";

const { files, chart } = studioChart();
const AT = new Date("2026-11-26T04:00:00.000Z");
const SECRET = "s3cret-from-the-export";

/** The chart's workspace with a plaintext secret in base and prod's replicas changed. */
function workspace(): Workspace {
  let ws = createWorkspace(chart);
  ws = withLayerText(ws, "base", setValue(ws.base, "worker.secrets.artifactoryApiKey", SECRET));
  const prod = ws.environments.find((e) => e.name === "prod")?.values ?? "";
  return withLayerText(ws, "prod", setValue(prod, "rest-api.replicaCount", 4));
}

/** `ws` with prod's values exported at AT. */
const exportProd = (ws: Workspace): Workspace => withExportRecords(ws, exportRecords(ws, ["prod"], { kind: "overrides", file: "values-prod.yaml" }, AT));

describe("workspace/export-records", () => {
  it("should record what an export was made from, and tell when the layers changed since", () => {
    const ws = workspace();
    const exported = exportProd(ws);
    expect(lastExport(exported, "prod")).toEqual({ env: "prod", at: "2026-11-26T04:00:00.000Z", kind: "overrides", file: "values-prod.yaml", base: ws.base, values: ws.environments[2]?.values });
    // The diff renders exactly the layers that were exported.
    expect(exportLayers(lastExport(exported, "prod") ?? expect.fail("no record"))).toEqual(environmentLayers(ws, "prod"));
    expect(changedSinceExport(exported, "prod")).toBe(false);
    expect(changedSinceExport(exported, "dev")).toBeUndefined();
    expect(lastExport(exported, "dev")).toBeUndefined();

    const prodEdited = withLayerText(exported, "prod", setValue(exported.environments[2]?.values ?? "", "rest-api.replicaCount", 5));
    expect(changedSinceExport(prodEdited, "prod")).toBe(true);
    // Base feeds every environment: a base edit is a change of prod too.
    expect(changedSinceExport(withLayerText(exported, "base", "worker:\n  replicaCount: 7\n"), "prod")).toBe(true);
  });

  it("should keep one record per environment, the last, and none for an environment the workspace lacks", () => {
    const first = exportProd(workspace());
    const later = new Date("2026-11-26T05:00:00.000Z");
    const again = withExportRecords(first, exportRecords(first, ["dev", "prod", "nope"], { kind: "all-environments", file: "developer-mesh-0.1.0-values.zip" }, later));
    expect(again.exports.map((r) => [r.env, r.kind, r.at])).toEqual([
      ["prod", "all-environments", later.toISOString()],
      ["dev", "all-environments", later.toISOString()],
    ]);
    expect(withExportRecords(first, [])).toBe(first);
  });

  it("should keep the record with its environment through rename, clone, delete and a snapshot restore", () => {
    const ws = exportProd(workspace());
    const renamed = renameEnvironment(ws, "prod", "production");
    expect(lastExport(renamed, "prod")).toBeUndefined();
    expect(lastExport(renamed, "production")).toMatchObject({ env: "production", values: lastExport(ws, "prod")?.values });
    expect(changedSinceExport(renamed, "production")).toBe(false);

    const cloned = cloneEnvironment(ws, "prod", "prod-eu");
    expect(lastExport(cloned, "prod-eu")).toBeUndefined();
    expect(lastExport(cloned, "prod")).toEqual(lastExport(ws, "prod"));

    expect(deleteEnvironment(ws, "prod").exports).toEqual([]);
    // Deleting and adding again does not bring an old record back.
    expect(parseWorkspace(JSON.parse(JSON.stringify(deleteEnvironment(ws, "prod")))).exports).toEqual([]);

    const snapshot = takeSnapshot(deleteEnvironment(workspace(), "prod"), "before prod", AT);
    const withRecords = withExportRecords(exportProd({ ...ws, snapshots: snapshot.snapshots }), exportRecords(ws, ["dev"], { kind: "full", file: "values-dev.yaml" }, AT));
    expect(restoreSnapshot(withRecords, "before prod").exports.map((r) => r.env)).toEqual(["dev"]);
  });

  it("should not be taken back by undo or redo when applied to the whole history", () => {
    let h = createHistory(workspace());
    h = pushHistory(h, withLayerText(h.present, "dev", "a: 1\n"));
    const records = exportRecords(h.present, ["dev"], { kind: "overrides", file: "values-dev.yaml" }, AT);
    h = mapHistory(h, (w) => withExportRecords(w, records));
    const back = undo(h);
    expect(lastExport(back.present, "dev")?.values).toBe("a: 1\n");
    // Undo went back to before the exported edit: that is a change since the export.
    expect(changedSinceExport(back.present, "dev")).toBe(true);
    expect(changedSinceExport(redo(back).present, "dev")).toBe(false);
  });

  it("should never go into a permalink, and a link never brings records", () => {
    // Only the record holds the secret now.
    const ws = withLayerText(exportProd(workspace()), "base", "");
    const link = workspacePermalink(ws);
    const shared = decodePermalink(link);
    expect(JSON.stringify(shared)).not.toContain(SECRET);
    expect(shared).toMatchObject({ exports: [] });
    expect(workspaceFromPermalink(link).exports).toEqual([]);
    // A link made with records (not by workspacePermalink) opens without them.
    const crafted = workspaceFromPermalink(encodePermalink({ ...ws, base: "" }));
    expect(crafted.exports).toEqual([]);
  });

  it("should never go into a download: values files, the .zip, the chart package, the workspace file", () => {
    const ws = exportProd(workspace());
    // The layers no longer hold the secret; only the record does.
    const now = withLayerText(ws, "base", "");
    expect(lastExport(now, "prod")?.base).toContain(SECRET);
    for (const env of ["dev", "prod"]) {
      for (const f of exportedValuesFiles(environmentExport(chart, now, env, { includeSecrets: true }))) expect(f.text).not.toContain(SECRET);
    }
    const zip = unzipSync(allEnvironmentsBundle(chart, now, { mode: "full" }).bytes);
    for (const data of Object.values(zip)) expect(strFromU8(data)).not.toContain(SECRET);
    expect(gunzipSync(workspacePackage(files, chart, now, { env: "prod", includeSecrets: true }).bytes).toString("latin1")).not.toContain(SECRET);

    const file = workspaceFileText(now);
    expect(file).not.toContain(SECRET);
    expect(JSON.parse(file)).not.toHaveProperty("exports");
    expect(parseWorkspace(JSON.parse(file))).toEqual({ ...now, exports: [] });
  });
});

describe("workspace/export-records in saved workspaces", () => {
  const memory = (record: unknown) => ({ load: () => Promise.resolve(record), backup: () => Promise.reject(new Error("nothing to back up")) });

  it("should restore a record saved before export records existed unchanged, with none", async () => {
    const ws = withLayerText(workspace(), "dev", "worker:\n  replicaCount: 4\n");
    const old = JSON.parse(JSON.stringify(ws)) as Record<string, unknown>;
    delete old.exports;
    const r = await restoreWorkspace(null, memory(old));
    expect(r).toEqual({ ws: { ...old, exports: [] }, from: "browser", notice: null, autosave: true });
  });

  it("should restore its records, dropping those of environments it lacks, and refuse a damaged one", async () => {
    const ws = exportProd(workspace());
    const saved = JSON.parse(JSON.stringify({ ...ws, exports: [...ws.exports, { ...ws.exports[0], env: "gone" }] })) as unknown;
    expect((await restoreWorkspace(null, memory(saved))).ws).toEqual(ws);
    expect(() => parseWorkspace({ ...ws, exports: [{ ...ws.exports[0], kind: "helm-command" }] })).toThrow(
      expect.objectContaining({ code: "WORKSPACE_INVALID", path: "exports.0.kind" }),
    );
  });
});
