import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { serverStudio } from "../workspace/index";
import { renderAnswer, type RenderJob } from "./render-job";
import { RenderPool } from "./render-pool";

vi.mock("server-only", () => ({}));
const { readChartSource } = await import("./chart-source");

// The workers read chart-templates/ relative to the working directory, as under `next start` in the repo.
process.chdir(path.resolve(import.meta.dirname, "..", ".."));
const studio = serverStudio(readChartSource())!;
const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));
const prodJob = (replicas: number): RenderJob => ({ env: "prod", release: "dm", namespace: "devmesh", layers: [{ name: "request body", text: `worker:\n  replicaCount: ${replicas}\n` }] });

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
    const jobs = [2, 3, 4, 5, 6, 7].map(prodJob);
    const answers = await Promise.all(jobs.map((j) => p.run(j)));
    for (const [i, a] of answers.entries()) {
      const expected = renderAnswer(studio, jobs[i]!);
      expect(a.status).toBe(200);
      expect(new TextDecoder().decode(a.body)).toBe(expected.json);
    }
    expect(p.state()).toMatchObject({ workers: 2, busy: 0, queued: 0 });
  });

  it("answers 422 with Helm's error for values the schema refuses", async () => {
    const a = await pool(1).run({ env: null, release: "release-name", namespace: "default", layers: [{ name: "request body", text: "rest-api:\n  replicaCount: zero\n" }] });
    expect(a.status).toBe(422);
    expect(decode(a.body)).toMatchObject({ output: "", manifests: [], error: { code: "SCHEMA_INVALID" } });
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
