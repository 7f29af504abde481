import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it, vi } from "vitest";
import { serverStudio } from "../workspace/index";
import { jobAnswer, type RenderJob } from "./render-job";
import { RenderPool } from "./render-pool";

vi.mock("server-only", () => ({}));
const { readChartSource } = await import("./chart-source");

// The workers read chart-templates/ relative to the working directory, as under `next start` in the repo.
process.chdir(path.resolve(import.meta.dirname, "..", ".."));
const studio = serverStudio(readChartSource())!;
const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
const job = (query: string, body: string): RenderJob => ({ route: "render", url: `http://localhost/api/render${query}`, contentType: "application/yaml", body: new TextEncoder().encode(body) });
const prodJob = (replicas: number): RenderJob => job("?env=prod&release=dm&namespace=devmesh", `worker:\n  replicaCount: ${replicas}\n`);

const pools: RenderPool[] = [];
const pool = (...args: ConstructorParameters<typeof RenderPool>): RenderPool => {
  const p = new RenderPool(...args);
  pools.push(p);
  return p;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe("RenderPool", () => {
  it("answers concurrent jobs in worker threads with the bytes the route sends", async () => {
    const p = pool(2);
    const replicas = [2, 3, 4, 5, 6, 7];
    const answers = await Promise.all(replicas.map((r) => p.run(prodJob(r))));
    for (const [i, a] of answers.entries()) {
      // The pool transfers a job's body to its worker: the expected answer gets a job of its own.
      const expected = await jobAnswer(studio, prodJob(replicas[i]!));
      expect(a.status).toBe(200);
      expect(a.body).toEqual(expected.body);
    }
    expect(p.state()).toMatchObject({ workers: 2, busy: 0, queued: 0 });
  });

  it("answers 422 with Helm's error for values the schema refuses", async () => {
    const a = await pool(1).run(job("", "rest-api:\n  replicaCount: zero\n"));
    expect(a.status).toBe(422);
    expect(decode(a.body)).toMatchObject({ output: "", manifests: [], error: { code: "SCHEMA_INVALID" } });
  });

  it("answers a bad request with the API's 4xx problem", async () => {
    const a = await pool(1).run(job("?env=nope", "a: 1\n"));
    expect(a.status).toBe(404);
    expect(decode(a.body)).toEqual({ output: "", manifests: [], error: { code: "ENV_NOT_FOUND", message: expect.stringContaining("nope") } });
  });

  it("answers a package job with the .tgz the route sends, and its problems in /api/package's shape", async () => {
    const p = pool(1, { maxQueue: 8, timeoutMs: 60_000 });
    const pkgJob = (query: string): RenderJob => ({ ...job(query, "worker:\n  replicaCount: 4\n"), url: `http://localhost/api/package${query}`, route: "package" });
    const a = await p.run(pkgJob("?env=prod"));
    expect(a.status).toBe(200);
    expect(a.file).toEqual({ type: "application/gzip", name: "developer-mesh-0.1.0.tgz" });
    expect(a.body).toEqual((await jobAnswer(studio, pkgJob("?env=prod"))).body);
    expect(gunzipSync(a.body).toString("latin1")).toContain("replicaCount: 4");
    const bad = await p.run(pkgJob("?env=nope"));
    expect(bad.status).toBe(404);
    expect(decode(bad.body)).toEqual({ error: { code: "ENV_NOT_FOUND", message: expect.stringContaining("nope") } });
    const slow = await pool(1, { maxQueue: 8, timeoutMs: 1 }).run(pkgJob("?env=prod"));
    expect(slow.status).toBe(503);
    expect(decode(slow.body)).toEqual({ error: { code: "RENDER_TIMEOUT", message: expect.any(String) } });
  });

  it("answers 503 BUSY with Retry-After at once when the queue is full", async () => {
    // The worker is still starting, so the first job waits in the queue of one.
    const p = pool(1, { maxQueue: 1, timeoutMs: 60_000 });
    const first = p.run(prodJob(2));
    const second = await p.run(prodJob(3));
    expect(second.status).toBe(503);
    expect(second.retryAfter).toBe(1);
    expect(decode(second.body)).toMatchObject({ error: { code: "BUSY" } });
    expect((await first).status).toBe(200);
  });

  it("stops a render that runs past the time limit with 503 RENDER_TIMEOUT, and replaces its worker", async () => {
    // 1 ms is less than any render of this chart takes.
    const p = pool(1, { maxQueue: 8, timeoutMs: 1 });
    const a = await p.run(prodJob(2));
    expect(a.status).toBe(503);
    expect(decode(a.body)).toMatchObject({ error: { code: "RENDER_TIMEOUT" } });
    expect(p.state()).toMatchObject({ workers: 1, busy: 0 });
  });
});
