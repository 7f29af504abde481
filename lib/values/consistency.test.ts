import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mapLimited, runHelmAsync } from "../../test/real-helm";
import { chartDir } from "./chart-files.test-util";
import { valuesSchema } from "./schema";

type Obj = Record<string, unknown>;

describe("values/consistency", () => {
  const cases: Array<[string, Obj, (string | number)[]]> = [
    ["no database at all", { postgresql: { enabled: false } }, ["global", "database", "host"]],
    ["an external database next to the embedded one", { global: { database: { host: "db.example.com" } } }, ["global", "database", "host"]],
    ["no Redis at all", { redis: { enabled: false } }, ["global", "redis", "host"]],
    ["an external Redis next to the embedded one", { global: { redis: { host: "redis.example.com" } } }, ["global", "redis", "host"]],
    ["Edge MCP without a REST API", { "rest-api": { enabled: false } }, ["edge-mcp", "config", "restApiUrl"]],
    ["a REST API Service off port 8080 without an explicit URL", { "rest-api": { service: { port: 9000 } } }, ["edge-mcp", "config", "restApiUrl"]],
    ["IRSA without a role", { global: { aws: { useIRSA: true } } }, ["global", "aws", "roleArn"]],
    ["External Secrets without a store", { global: { externalSecrets: { enabled: true } } }, ["global", "externalSecrets", "secretStoreRef", "name"]],
    ["tracing without an endpoint", { global: { tracing: { enabled: true } } }, ["global", "tracing", "otlpEndpoint"]],
    ["minReplicas above maxReplicas", { worker: { autoscaling: { enabled: true, minReplicas: 9, maxReplicas: 8 } } }, ["worker", "autoscaling", "minReplicas"]],
    ["a latest tag while latest is forbidden", { global: { image: { forbidLatestTag: true } }, "rag-loader": { image: { tag: "latest" } } }, ["rag-loader", "image", "tag"]],
    ["an Ingress without host", { "edge-mcp": { ingress: { enabled: true, host: "" } } }, ["edge-mcp", "ingress", "host"]],
  ];
  it.each(cases)("reports %s on the value to change", (_, values, path) => {
    const issues = valuesSchema.safeParse(values).error?.issues ?? [];
    expect(issues).toEqual([expect.objectContaining({ code: "custom", path })]);
    expect(issues[0]?.message).toMatch(/^[A-Z].*\.$/);
  });

  const fine: Array<[string, Obj]> = [
    ["the defaults", {}],
    ["an external database and Redis", { postgresql: { enabled: false }, redis: { enabled: false }, global: { database: { host: "db" }, redis: { host: "cache" } } }],
    ["Edge MCP pointed at another REST API", { "rest-api": { enabled: false }, "edge-mcp": { config: { restApiUrl: "https://api.example.com" } } }],
    ["a latest tag pinned by digest", { global: { image: { forbidLatestTag: true } }, worker: { image: { tag: "latest", digest: `sha256:${"a".repeat(64)}` } } }],
    ["an empty host on a disabled Ingress", { "rest-api": { ingress: { host: "" } } }],
    ["minReplicas above maxReplicas without autoscaling", { worker: { autoscaling: { minReplicas: 9, maxReplicas: 8 } } }],
  ];
  it.each(fine)("accepts %s", (_, values) => {
    expect(valuesSchema.safeParse(values).error?.issues ?? []).toEqual([]);
  });

  // The model states the chart's own render-time checks; real Helm must refuse the same values.
  it("agrees with the chart: real helm template refuses each inconsistent case", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "devmesh-consistency-"));
    const runs = await mapLimited(cases, 4, ([name, values]) => {
      const file = path.join(dir, `${name.replaceAll(" ", "-")}.yaml`);
      writeFileSync(file, JSON.stringify(values));
      return runHelmAsync(["template", "dm", chartDir, "-f", file]);
    });
    expect(cases.filter((_, i) => runs[i]!.code === 0).map(([name]) => name)).toEqual([]);
  });
});
