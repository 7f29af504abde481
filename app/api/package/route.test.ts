import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { chartDir, studioChart } from "@/lib/export/util-chart.test-util";
import { createWorkspace, workspacePackage } from "@/lib/workspace/index";

vi.mock("server-only", () => ({}));
const { POST } = await import("./route");

// The route reads chart-templates/ relative to the working directory, as `next start` in the repo does.
process.chdir(path.resolve(chartDir, "../.."));

const { files, chart } = studioChart();
const request = (body: string, query = "", type = "application/yaml"): Request =>
  new Request(`http://localhost/api/package${query}`, { method: "POST", headers: { "content-type": type }, body });

describe("POST /api/package", () => {
  it("should answer the same .tgz bytes as the studio for the environment and body", async () => {
    const body = "worker:\n  replicaCount: 5\n";
    const res = await POST(request(body, "?env=prod"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="developer-mesh-0.1.0.tgz"');
    const expected = workspacePackage(files, chart, createWorkspace(chart), { env: "prod", extra: [{ name: "request body", text: body }] });
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(expected.bytes);
  });

  it("should refuse a bad request with JSON", async () => {
    const res = await POST(request("a: 1\n", "?env=nope"));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "ENV_NOT_FOUND" } });
    const bad = await POST(request("- 1\n"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "BODY_INVALID" } });
  });
});
