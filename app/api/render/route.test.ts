import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartDir, helmTemplate, studioChart } from "@/lib/export/util-chart.test-util";
import { createWorkspace, renderEnvironment } from "@/lib/workspace/index";

const { POST } = await import("./route");

// The route's render workers read chart-templates/ relative to the working directory, as under `next start` in the repo.
process.chdir(path.resolve(chartDir, "../.."));

const { chart } = studioChart();
const yaml = (body: string, query = ""): Request =>
  new Request(`http://localhost/api/render${query}`, { method: "POST", headers: { "content-type": "application/yaml" }, body });

describe("POST /api/render", () => {
  it("should render the body on top of an environment, as real helm template does", async () => {
    const body = "worker:\n  replicaCount: 5\n";
    const res = await POST(yaml(body, "?env=dev&release=dm&namespace=devmesh"));
    const json = (await res.json()) as { output: string; manifests: unknown[]; error: unknown };
    const ws = { ...createWorkspace(chart), release: { name: "dm", namespace: "devmesh" } };
    const library = renderEnvironment(chart, ws, "dev", [{ name: "request body", text: body }]);
    expect(json).toEqual({ output: library.output, manifests: JSON.parse(JSON.stringify(library.manifests)), error: null });
    expect(res.status).toBe(200);
    const helm = helmTemplate(chartDir, [{ name: "values-base.yaml", text: "" }, { name: "values-dev.yaml", text: ws.environments[0]?.values ?? "" }, { name: "body.yaml", text: body }], { release: "dm", namespace: "devmesh" });
    expect(json.output).toBe(helm.stdout);
  });

  it("should use the chart defaults, release-name and default without parameters", async () => {
    const res = await POST(yaml(""));
    const json = (await res.json()) as { output: string };
    expect(res.status).toBe(200);
    expect(json.output).toBe(helmTemplate(chartDir, [], { release: "release-name", namespace: "default" }).stdout);
  });

  it("should answer 422 with Helm's error when Helm would fail", async () => {
    const res = await POST(yaml("rest-api:\n  replicaCount: zero\n"));
    expect(res.status).toBe(422);
    const json = (await res.json()) as { output: string; error: { code: string; stderr: string } };
    expect(json.output).toBe("");
    expect(json.error.code).toBe("SCHEMA_INVALID");
    expect(json.error.stderr).toMatch(/^Error: values don't meet the specifications of the schema/);
  });

  it.each([
    [yaml("a: [1\n"), 400, "BODY_INVALID"],
    [yaml("a: 1\n", "?env=nope"), 404, "ENV_NOT_FOUND"],
    [yaml("a: 1\n", "?release=Bad_Name"), 400, "RELEASE_INVALID"],
    [yaml("a: 1\n", "?namespace=a.b"), 400, "NAMESPACE_INVALID"],
    [new Request("http://localhost/api/render", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), 415, "CONTENT_TYPE"],
    [yaml(`a: "${"x".repeat(1024 * 1024)}"\n`), 413, "BODY_TOO_LARGE"],
  ])("should refuse a bad request with a JSON 4xx (%#: %i %s)", async (request, status, code) => {
    const res = await POST(request);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ output: "", manifests: [], error: { code } });
  });
});
