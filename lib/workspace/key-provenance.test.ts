import { describe, expect, it } from "vitest";
import { studioChart } from "../export/util-chart.test-util";
import { layerKeyProvenance } from "./key-provenance";
import { createWorkspace, withLayerText } from "./workspace";

const { chart } = studioChart();

describe("workspace/key-provenance", () => {
  const ws = withLayerText(
    withLayerText(createWorkspace(chart), "base", "worker:\n  replicaCount: 2\n  custom: x\n"),
    "dev",
    "# dev\nworker:\n  replicaCount: 3\non: 1\n",
  );

  it("should give each key of an environment's text its line and the layers under it", () => {
    expect(layerKeyProvenance(chart, ws, "dev").map(({ line, path, text }) => ({ line, path, text }))).toEqual([
      { line: 2, path: "worker", text: "Set in environment dev, over base and the chart default" },
      { line: 3, path: "worker.replicaCount", text: "Set in environment dev, over base and the chart default" },
      // `on:` is the key "true" for Helm, which neither base nor the chart has.
      { line: 4, path: "true", text: "Set in environment dev" },
    ]);
  });

  it("should name, in base's text, the environments that set a key again", () => {
    const rows = layerKeyProvenance(chart, ws, "base");
    expect(rows.find((r) => r.path === "worker.replicaCount")).toMatchObject({
      line: 2,
      source: "base",
      overriddenIn: expect.arrayContaining(["dev"]),
      text: expect.stringMatching(/^Set in base, over the chart default; set again in (.+, )?dev/),
    });
    expect(rows.find((r) => r.path === "worker.custom")).toMatchObject({ line: 3, overDefault: false, overriddenIn: [], text: "Set in base" });
  });
});
