import { describe, expect, it } from "vitest";
import { labelFromKey, sectionTitles, valueFields } from "./fields";

const fields = valueFields();
const byPath = new Map(fields.map((f) => [f.path, f]));

describe("values/fields", () => {
  const controls: Array<[string, string]> = [
    ["rest-api.enabled", "switch"],
    ["rest-api.replicaCount", "integer"],
    ["global.tracing.samplingRate", "number"],
    ["global.database.sslMode", "select"],
    ["global.database.password", "secret"],
    ["global.database.host", "text"],
    ["global.image.pullSecrets", "list"],
    ["rest-api.ingress.annotations", "map"],
    ["edge-mcp.podDisruptionBudget.minAvailable", "text"],
  ];
  it.each(controls)("renders %s as %s", (path, control) => {
    expect(byPath.get(path)?.control).toBe(control);
  });

  it("carries title, help, default and constraints of a value", () => {
    expect(byPath.get("rest-api.service.port")).toMatchObject({
      segments: ["rest-api", "service", "port"],
      label: "Port",
      default: 8080,
      secret: false,
      minimum: 1,
      maximum: 65535,
    });
    expect(byPath.get("rest-api.service.port")?.help).toMatch(/8080/);
    expect(byPath.get("global.image.pullPolicy")?.options).toEqual(["Always", "IfNotPresent", "Never"]);
    expect(byPath.get("worker.resources.requests.cpu")?.pattern).toBeDefined();
  });

  it("lists leaves only, each once, with help text", () => {
    const paths = fields.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).not.toContain("rest-api");
    expect(paths).not.toContain("global.database");
    expect(fields.filter((f) => f.help === "").map((f) => f.path)).toEqual([]);
  });

  it("titles the sections after values.yaml's @section comments", () => {
    const titles = sectionTitles();
    expect([...titles.keys()]).toEqual(["global", "namespace", "rest-api", "edge-mcp", "worker", "rag-loader", "postgresql", "redis"]);
    expect(titles.get("rest-api")).toBe("REST API");
  });

  const labels: Array<[string, string]> = [
    ["replicaCount", "Replica count"],
    ["rest-api", "Rest api"],
    ["targetCPUUtilizationPercentage", "Target CPU utilization percentage"],
    ["existing_secret-key", "Existing secret key"],
    ["enabled", "Enabled"],
  ];
  it.each(labels)("labels the key %s as %s", (key, label) => {
    expect(labelFromKey(key)).toBe(label);
  });
});
