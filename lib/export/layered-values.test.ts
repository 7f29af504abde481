import { describe, expect, it } from "vitest";
import { parseValuesYaml } from "../helm/yaml/index";
import type { GoMap } from "../template/value";
import { helmCommand, shellQuote } from "./helm-command";
import { chartDefaults, effectiveValues, inChartOrder, mergeLayers, minimalOverrides } from "./layered-values";
import { splitSecrets } from "./split-secrets";
import { studioChart } from "./util-chart.test-util";
import { valuesYaml } from "./values-document";

const { chart } = studioChart();
const y = (text: string): GoMap => parseValuesYaml(text);

describe("export/minimalOverrides", () => {
  const defaults = chartDefaults(chart);

  it.each([
    ["a value equal to the default", "rest-api:\n  replicaCount: 2\n", "{}\n"],
    ["a changed value", "rest-api:\n  replicaCount: 3\n", "rest-api:\n  replicaCount: 3\n"],
    ["a string where the default is a number", "global:\n  database:\n    port: \"5432\"\n", 'global:\n  database:\n    port: "5432"\n'],
    ["a null (it deletes the default)", "global:\n  commonLabels: null\n", "global:\n  commonLabels: null\n"],
    ["a new key", "global:\n  extra: {}\n", "global:\n  extra: {}\n"],
    ["an equal list", "global:\n  image:\n    pullSecrets: []\n", "{}\n"],
  ])("should keep only what matters: %s", (_, layer, out) => {
    expect(valuesYaml(minimalOverrides(y(layer), new Map(), defaults))).toBe(out);
  });

  it("should drop what the layer below already sets, but keep what undoes it", () => {
    const below = y("rest-api:\n  replicaCount: 3\nglobal:\n  commonLabels: null\n");
    const ref = effectiveValues(chart, below);
    const layer = y("rest-api:\n  replicaCount: 3\n  image:\n    tag: x\nglobal:\n  commonLabels: null\n  environment: production\n");
    expect(valuesYaml(minimalOverrides(layer, below, ref))).toBe("rest-api:\n  image:\n    tag: x\n");
    // 2 is the chart's default, but the layer below set 3.
    const undo = y("rest-api:\n  replicaCount: 2\n");
    expect(valuesYaml(minimalOverrides(undo, below, ref))).toBe("rest-api:\n  replicaCount: 2\n");
  });

  it("should give the same effective values as the layers it replaces", () => {
    const base = y("global:\n  tracing:\n    enabled: true\n    samplingRate: 0.5\n");
    const env = y("global:\n  tracing:\n    samplingRate: null\n  monitoring:\n    enabled: false\nworker:\n  replicaCount: 5\n");
    const user = mergeLayers([base, env]);
    expect(effectiveValues(chart, minimalOverrides(user, new Map(), defaults))).toEqual(effectiveValues(chart, user));
    const envOnly = minimalOverrides(env, base, effectiveValues(chart, base));
    expect(effectiveValues(chart, mergeLayers([base, envOnly]))).toEqual(effectiveValues(chart, user));
  });

  it("should order keys as the chart does, unknown keys last", () => {
    const ordered = inChartOrder(y("zzz: 1\nrest-api:\n  replicaCount: 2\nglobal:\n  environment: x\n"), defaults);
    expect([...ordered.keys()]).toEqual(["global", "rest-api", "zzz"]);
  });
});

describe("export/splitSecrets", () => {
  it("should move secrets out and drop the maps they leave empty", () => {
    const v = y("global:\n  database:\n    password: p\n  security:\n    jwt:\n      secret: s\n      existingSecret: e\n  environment: x\n");
    const split = splitSecrets(v);
    expect(valuesYaml(split.values)).toBe("global:\n  security:\n    jwt:\n      existingSecret: e\n  environment: x\n");
    expect(valuesYaml(split.secrets)).toBe("global:\n  database:\n    password: p\n  security:\n    jwt:\n      secret: s\n");
    expect(split.paths).toEqual(["global.database.password", "global.security.jwt.secret"]);
    expect(valuesYaml(v)).toContain("password: p");
  });
});

describe("export/helmCommand", () => {
  it("should quote only what the shell would split", () => {
    expect(helmCommand({ release: "dm", namespace: "devmesh", chart: "./developer-mesh-0.1.0.tgz", valuesFiles: ["values-prod.yaml", "my file's.yaml"] })).toBe(
      "helm upgrade --install dm ./developer-mesh-0.1.0.tgz -n devmesh -f values-prod.yaml -f 'my file'\\''s.yaml'",
    );
    expect(helmCommand({ release: "dm", namespace: "ns", chart: "c", valuesFiles: [], action: "template" })).toBe("helm template dm c -n ns");
    expect(shellQuote("$HOME")).toBe("'$HOME'");
  });
});
