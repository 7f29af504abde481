// Acceptance of the exports against the REAL Helm v4.1.4 (process.env.HELM_BIN ?? <repo>/.tools/helm; a
// missing binary fails these tests): every export, given to `helm template`, renders exactly what the
// environment's layers render, and the engine's preview equals that too.
import { describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { readChartArchive } from "../helm/archive/index";
import { chartDir, helmTemplate, runHelm, studioChart, writeTemp } from "../export/util-chart.test-util";
import { VALUES_EXPORT_MODES } from "../export/index";
import { cloneEnvironment } from "./environments";
import { setValue } from "./layer-edit";
import { environmentLayers, renderEnvironment } from "./layers";
import { allEnvironmentsBundle, environmentExport, exportedValuesFiles, installCommand, workspacePackage } from "./workspace-exports";
import { createWorkspace, parseWorkspace, withLayerText, type Workspace } from "./workspace";

const { files, chart } = studioChart();

/** The chart's three environments, plus "qa": staging with edits that exercise typing, base values and deletion. */
function workspace(): Workspace {
  let ws = createWorkspace(chart);
  ws = withLayerText(ws, "base", setValue(ws.base, "global.commonLabels", { team: "platform" }));
  ws = cloneEnvironment(ws, "staging", "qa");
  let qa = ws.environments.find((e) => e.name === "qa")?.values ?? "";
  qa = setValue(qa, "global.monitoring.dashboards.labelValue", "2");
  qa = setValue(qa, "rest-api.replicaCount", 4);
  qa = setValue(qa, "global.monitoring.labels", { release: "1.0", on: "yes" });
  qa = setValue(qa, "global.commonLabels", null);
  return withLayerText(ws, "qa", qa);
}

const ws = workspace();
const release = { release: ws.release.name, namespace: ws.release.namespace };
/** What real Helm renders from the environment's own layers (`-f base -f env`). */
const expected = new Map(ws.environments.map((e) => [e.name, helmTemplate(chartDir, environmentLayers(ws, e.name), release)]));

describe.each(ws.environments.map((e) => e.name))("environment %s", (env) => {
  const reference = expected.get(env);

  it("renders with real Helm from its layers", () => {
    expect(reference?.stderr).toBe("");
    expect(reference?.code).toBe(0);
  });

  it.each(VALUES_EXPORT_MODES)("gives a %s export that real Helm renders exactly like the layers", (mode) => {
    const exported = environmentExport(chart, ws, env, { mode, includeSecrets: true });
    const r = helmTemplate(chartDir, exportedValuesFiles(exported), release);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(reference?.stdout);
  });

  it("has an engine preview equal to real Helm's output (engine parity)", () => {
    const preview = renderEnvironment(chart, ws, env);
    expect(preview.error?.message).toBeUndefined();
    expect(preview.output).toBe(reference?.stdout);
  });

  it("gives a chart package that passes helm lint --strict and renders like the layers", () => {
    const pkg = workspacePackage(files, chart, ws, { env, includeSecrets: true });
    expect(pkg.name).toBe("developer-mesh-0.1.0.tgz");
    const p = writeTemp(pkg.name, pkg.bytes);
    const lint = runHelm(["lint", "--strict", p], chartDir);
    expect(lint.stdout).toContain("0 chart(s) failed");
    expect(lint.code).toBe(0);
    const r = runHelm(["template", release.release, p, "-n", release.namespace], chartDir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(reference?.stdout);
  });

  it("keeps plaintext secrets out of the package unless asked, and then needs only the secrets file", () => {
    const pkg = workspacePackage(files, chart, ws, { env });
    const secrets = environmentExport(chart, ws, env, { includeSecrets: true }).secrets;
    const values = new TextDecoder().decode(readChartArchive(pkg.bytes).files.get("values.yaml"));
    const p = writeTemp(pkg.name, pkg.bytes);
    const r = helmTemplate(p, secrets ? [secrets] : [], release);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(reference?.stdout);
    if (secrets) for (const line of secrets.text.split("\n").filter((l) => /^\s+\w+: \S/.test(l))) expect(values).not.toContain(line.trim());
  });
});

describe("workspace exports", () => {
  it("should give identical package bytes for the same workspace", () => {
    const a = workspacePackage(files, chart, ws, { env: "prod" });
    const b = workspacePackage(files, chart, workspace(), { env: "prod" });
    expect(b.bytes).toEqual(a.bytes);
    // The same workspace read back from its file.
    expect(workspacePackage(files, chart, parseWorkspace(JSON.parse(JSON.stringify(ws))), { env: "prod" }).bytes).toEqual(a.bytes);
    expect(workspacePackage(files, chart, ws).bytes).toEqual(workspacePackage(files, chart, ws).bytes);
  });

  it("should lay the package out as helm package does, with the workspace's environment files", () => {
    const entries = [...readChartArchive(workspacePackage(files, chart, ws).bytes).files.keys()];
    expect(entries.slice(0, 3)).toEqual(["Chart.yaml", "values.yaml", "values.schema.json"]);
    expect(entries).toEqual(expect.arrayContaining(["charts/rest-api/Chart.yaml", "templates/_helpers.tpl", ".helmignore", "values-qa.yaml", "values-prod.yaml"]));
    expect(entries.filter((e) => e.endsWith(".test.ts"))).toEqual([]);
  });

  it("should leave the chart defaults in values.yaml when no environment is chosen", () => {
    const pkg = readChartArchive(workspacePackage(files, chart, ws).bytes).files;
    expect(pkg.get("values.yaml")).toEqual(files.get("values.yaml"));
  });

  it("should zip every environment's files, the same bytes each time", () => {
    const bundle = allEnvironmentsBundle(chart, ws);
    expect(bundle.name).toBe("developer-mesh-0.1.0-values.zip");
    expect(allEnvironmentsBundle(chart, workspace()).bytes).toEqual(bundle.bytes);
    const zip = unzipSync(bundle.bytes);
    expect(Object.keys(zip)).toEqual(["values-dev.yaml", "values-staging.yaml", "values-qa.yaml", "values-prod.yaml"]);
    expect(strFromU8(zip["values-qa.yaml"] as Uint8Array)).toBe(environmentExport(chart, ws, "qa").files[0]?.text);
  });

  it("should write the helm command for an export", () => {
    expect(installCommand(ws, "developer-mesh-0.1.0.tgz", ["values-prod.yaml"])).toBe(
      "helm upgrade --install developer-mesh ./developer-mesh-0.1.0.tgz -n devmesh -f values-prod.yaml",
    );
  });
});
