import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { renderChart } from "@/lib/helm/index";
import { loadChartDir } from "@/lib/node";

// `server-only` throws outside React's server graph; the route runs here as plain Node.
vi.mock("server-only", () => ({}));
const { POST } = await import("./route");

const ROOT = path.resolve(import.meta.dirname, "../../..");
// The route finds the chart relative to the working directory, as `next start` in the repo does.
process.chdir(ROOT);
const CHART = path.join(ROOT, "chart-templates/developer-mesh");
const HELM = process.env.HELM_BIN ?? path.join(ROOT, ".tools/helm");

const post = (body: unknown) => POST(new Request("http://localhost/api/verify", { method: "POST", body: JSON.stringify(body) }));
const verifyDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith("devmesh-verify-"));

describe("POST /api/verify", () => {
  it("has the real Helm to run (linux x64)", () => {
    if (process.platform === "linux" && process.arch === "x64") expect(existsSync(HELM)).toBe(true);
  });

  it("answers identical for the engine's prod output, and a diff when the output differs", async () => {
    const prod = readFileSync(path.join(CHART, "values-prod.yaml"), "utf8");
    const request = { values: ["", prod], valuesFiles: ["values-base.yaml", "values-prod.yaml"], releaseName: "developer-mesh", namespace: "devmesh", kubeVersion: "" };
    const ours = renderChart(loadChartDir(CHART), { values: request.values, releaseName: "developer-mesh", namespace: "devmesh" });
    const before = verifyDirs();
    const same = await (await post({ request, output: ours.output })).json();
    expect(same).toMatchObject({ identical: true, exitCode: 0 });
    const other = await (await post({ request, output: ours.output.replace("replicas", "replica") })).json();
    expect(other.identical).toBe(false);
    expect(other.helmOutput).toBe(ours.output);
    // The temporary directory is gone after each request.
    expect(verifyDirs()).toEqual(before);
  });

  it("reports Helm's own error for values Helm refuses", async () => {
    const request = { values: ["rest-api:\n  image: 3\n"], valuesFiles: ["values-base.yaml"], releaseName: "r", namespace: "n", kubeVersion: "" };
    const body = await (await post({ request, output: "" })).json();
    expect(body.exitCode).toBe(1);
    expect(body.helmStderr).toContain("at '/rest-api/image'");
  });

  it.each([
    ["not JSON", "{"],
    ["a bad release name", JSON.stringify({ request: { values: [], valuesFiles: [], releaseName: "A B", namespace: "n", kubeVersion: "" }, output: "" })],
  ])("refuses %s with 400", async (_, body) => {
    const res = await POST(new Request("http://localhost/api/verify", { method: "POST", body }));
    expect(res.status).toBe(400);
  });
});
