import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartDir, studioChart } from "../export/util-chart.test-util";
import { addEnvironment, cloneEnvironment, deleteEnvironment, renameEnvironment, setActiveLayer } from "./environments";
import { environmentNameProblem } from "./environment-name";
import { environmentGrid } from "./environment-grid";
import { canRedo, canUndo, createHistory, pushHistory, redo, undo } from "./history";
import { setValue, unsetValue } from "./layer-edit";
import { environmentValues } from "./layers";
import { environmentProvenance } from "./provenance";
import { restoreSnapshot, takeSnapshot } from "./snapshots";
import { joinPath, splitPath } from "./values-path";
import { withoutSecrets, workspaceFromPermalink, workspacePermalink } from "./workspace-exports";
import { createWorkspace, parseWorkspace, withLayerText, type Workspace } from "./workspace";

const { chart } = studioChart();
const fresh = (): Workspace => createWorkspace(chart);

describe("workspace/createWorkspace", () => {
  it("should preload dev, staging and prod from the chart's values files, with an empty base", () => {
    const ws = fresh();
    expect(ws.environments.map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
    for (const e of ws.environments) expect(e.values).toBe(readFileSync(path.join(chartDir, `values-${e.name}.yaml`), "utf8"));
    expect(ws).toMatchObject({ version: 1, chart: { name: "developer-mesh", version: "0.1.0" }, release: { name: "developer-mesh", namespace: "devmesh" }, base: "", active: "dev", kubeVersion: "" });
  });
});

describe("workspace/environments", () => {
  it("should add, rename, clone and delete environments, moving the active tab along", () => {
    let ws = addEnvironment(fresh(), "qa", "a: 1\n");
    expect(ws.active).toBe("qa");
    ws = renameEnvironment(ws, "qa", "test");
    expect(ws.environments.map((e) => e.name)).toEqual(["dev", "staging", "prod", "test"]);
    expect(ws.active).toBe("test");
    ws = cloneEnvironment(ws, "staging", "staging-eu");
    expect(ws.environments.map((e) => e.name)).toEqual(["dev", "staging", "staging-eu", "prod", "test"]);
    expect(ws.environments[2]?.values).toBe(ws.environments[1]?.values);
    ws = deleteEnvironment(ws, "staging-eu");
    expect(ws.active).toBe("prod");
    expect(setActiveLayer(ws, "base").active).toBe("base");
  });

  it.each([
    ["", "ENV_NAME_INVALID"],
    ["Prod", "ENV_NAME_INVALID"],
    ["-x", "ENV_NAME_INVALID"],
    ["a_b", "ENV_NAME_INVALID"],
    ["base", "ENV_NAME_INVALID"],
    ["x".repeat(64), "ENV_NAME_INVALID"],
    ["prod", "ENV_EXISTS"],
  ])("should refuse the environment name %j (%s)", (name, code) => {
    expect(() => addEnvironment(fresh(), name)).toThrow(expect.objectContaining({ code }));
    expect(environmentNameProblem(name, ["prod"])).toMatch(/\.$/);
  });

  it("should refuse to delete the last environment or touch a missing one", () => {
    let ws = fresh();
    ws = deleteEnvironment(deleteEnvironment(ws, "dev"), "staging");
    expect(() => deleteEnvironment(ws, "prod")).toThrow(expect.objectContaining({ code: "ENV_LAST" }));
    expect(() => renameEnvironment(ws, "nope", "x")).toThrow(expect.objectContaining({ code: "ENV_NOT_FOUND" }));
    expect(renameEnvironment(ws, "prod", "prod")).toBe(ws);
  });
});

describe("workspace/parseWorkspace", () => {
  it("should accept its own JSON and refuse anything else with the field's path", () => {
    const ws = fresh();
    expect(parseWorkspace(JSON.parse(JSON.stringify(ws)))).toEqual(ws);
    expect(() => parseWorkspace({ ...ws, version: 2 })).toThrow(expect.objectContaining({ code: "WORKSPACE_INVALID", path: "version" }));
    expect(() => parseWorkspace({ ...ws, environments: [{ name: "Bad Name", values: "" }] })).toThrow(
      expect.objectContaining({ code: "WORKSPACE_INVALID", path: "environments.0.name" }),
    );
    expect(() => parseWorkspace("x")).toThrow(expect.objectContaining({ code: "WORKSPACE_INVALID" }));
    expect(parseWorkspace({ ...ws, active: "gone" }).active).toBe("dev");
  });
});

describe("workspace/layer-edit", () => {
  it("should set and unset by dotted path, keeping the layer's comments", () => {
    const prod = fresh().environments[2]?.values ?? "";
    const edited = setValue(prod, "rest-api.autoscaling.maxReplicas", 30);
    expect(edited).toBe(prod.replace("    maxReplicas: 20\n  podDisruptionBudget:\n    enabled: true\n    minAvailable: 2\n\nedge-mcp", "    maxReplicas: 30\n  podDisruptionBudget:\n    enabled: true\n    minAvailable: 2\n\nedge-mcp"));
    expect(unsetValue(setValue(prod, "worker.image.tag", "1.0"), ["worker", "image", "tag"])).toBe(prod);
  });

  it("should split and join paths whose keys hold dots", () => {
    const keys = ["rest-api", "ingress", "annotations", "cert-manager.io/cluster-issuer"];
    expect(joinPath(keys)).toBe("rest-api.ingress.annotations.cert-manager\\.io/cluster-issuer");
    expect(splitPath(joinPath(keys))).toEqual(keys);
  });
});

describe("workspace/provenance and grid", () => {
  let ws = fresh();
  ws = withLayerText(ws, "base", "global:\n  commonLabels:\n    team: platform\n  tracing:\n    samplingRate: 0.5\n");
  ws = withLayerText(ws, "dev", setValue(ws.environments[0]?.values ?? "", "global.tracing.samplingRate", null));

  it("should tell which layer set each value, and mark deletions", () => {
    const prov = environmentProvenance(chart, ws, "dev");
    expect(prov.get("global.commonLabels.team")).toEqual({ source: "base", deleted: false });
    expect(prov.get("global.tracing.samplingRate")).toEqual({ source: "env", deleted: true });
    expect(prov.get("global.database.password")).toEqual({ source: "env", deleted: false });
    expect(prov.get("global.database.port")).toEqual({ source: "default", deleted: false });
    expect(prov.get("rest-api.service.port")?.source).toBe("default");
  });

  it("should compute effective values with Helm's coalescing (null deletes the default)", () => {
    const dev = environmentValues(chart, ws, "dev");
    const tracing = (dev.get("global") as Map<string, unknown>).get("tracing") as Map<string, unknown>;
    expect(tracing.has("samplingRate")).toBe(false);
    const prod = environmentValues(chart, ws, "prod");
    expect(((prod.get("global") as Map<string, unknown>).get("tracing") as Map<string, unknown>).get("samplingRate")).toBe(0.1);
  });

  it("should list every changed path with each environment's effective value, in values.yaml order", () => {
    const grid = environmentGrid(chart, ws);
    expect(grid.environments).toEqual(["dev", "staging", "prod"]);
    const row = (p: string) => grid.rows.find((r) => r.path === p);
    expect(row("global.tracing.samplingRate")?.cells).toEqual([
      { value: undefined, source: "env" },
      { value: 0.5, source: "base" },
      { value: 0.1, source: "env" },
    ]);
    expect(row("global.commonLabels.team")).toMatchObject({ differs: false });
    expect(row("rest-api.replicaCount")?.cells.map((c) => c.value)).toEqual([1, 2, 3]);
    expect(row("global.database.port")).toBeUndefined();
    const paths = grid.rows.map((r) => r.path);
    expect(paths.indexOf("global.environment")).toBeLessThan(paths.indexOf("rest-api.replicaCount"));
  });
});

describe("workspace/history and snapshots", () => {
  it("should undo and redo, dropping redo on a new change", () => {
    let h = createHistory(1);
    h = pushHistory(pushHistory(h, 2), 3);
    expect(canRedo(h)).toBe(false);
    h = undo(undo(h));
    expect(h.present).toBe(1);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe(2);
    h = pushHistory(h, 4);
    expect(h).toEqual({ past: [1, 2], present: 4, future: [] });
    expect(pushHistory(h, 4)).toBe(h);
    expect(pushHistory(createHistory(0), 1, 1).past).toEqual([0]);
    expect(pushHistory(pushHistory(createHistory(0), 1, 1), 2, 1).past).toEqual([1]);
  });

  it("should take and restore snapshots of the layers", () => {
    const ws = fresh();
    const snap = takeSnapshot(ws, "before", new Date(Date.UTC(2026, 0, 1)));
    expect(snap.snapshots[0]).toMatchObject({ name: "before", at: "2026-01-01T00:00:00.000Z" });
    const changed = deleteEnvironment(withLayerText(snap, "base", "a: 1\n"), "dev");
    const back = restoreSnapshot(changed, "before");
    expect(back.base).toBe("");
    expect(back.environments).toEqual(ws.environments);
    expect(() => restoreSnapshot(ws, "x")).toThrow(expect.objectContaining({ code: "SNAPSHOT_NOT_FOUND" }));
  });
});

describe("workspace/permalink", () => {
  it("should reproduce the workspace without any secret", () => {
    const ws = fresh();
    const fragment = workspacePermalink(ws);
    expect(fragment).toMatch(/^[A-Za-z0-9_-]+$/);
    const back = workspaceFromPermalink(`#${fragment}`);
    const dev = back.environments[0]?.values ?? "";
    expect(dev).not.toContain("dev-admin-key-1234567890");
    expect(dev).not.toContain("docker-jwt-secret-change-in-production");
    expect(dev).toContain("# secrets (the same as the project's docker-compose setup)");
    expect(back.environments.slice(1)).toEqual(ws.environments.slice(1));
    expect({ ...back, environments: [] }).toEqual({ ...ws, environments: [] });
  });

  it("should leave a layer without secrets untouched", () => {
    const text = "# c\nrest-api:\n  replicaCount: 2 # two\n";
    expect(withoutSecrets(text)).toBe(text);
  });

  it.each([["!!!", "PERMALINK_CORRUPT"], ["AAAA", "PERMALINK_CORRUPT"], ["A".repeat(300_000), "PERMALINK_TOO_LARGE"]])(
    "should refuse the fragment %#  (%s)",
    (fragment, code) => {
      expect(() => workspaceFromPermalink(fragment)).toThrow(expect.objectContaining({ code }));
    },
  );
});
