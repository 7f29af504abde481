import { describe, expect, it } from "vitest";
import { chartDefaults, ENVIRONMENTS, envValuesPath, isMap, paramComments, readValuesFile } from "./chart-files.test-util";
import { valueFields } from "./fields";
import { SUBCHARTS, valuesSchema } from "./schema";

const fields = valueFields();
const fieldByPath = new Map(fields.map((f) => [f.path, f]));

/** Leaf paths of a values tree: scalars, lists, empty maps, and maps the model types as free-form. */
function leafPaths(v: unknown, prefix: string[] = []): string[] {
  const path = prefix.join(".");
  if (!isMap(v) || Object.keys(v).length === 0 || fieldByPath.get(path)?.control === "map") return [path];
  return Object.entries(v).flatMap(([k, c]) => leafPaths(c, [...prefix, k]));
}

describe("values/schema", () => {
  const defaults = chartDefaults();

  it("has exactly the leaves of values.yaml", () => {
    const yamlLeaves = leafPaths(defaults).sort();
    const modelLeaves = fields.map((f) => f.path).sort();
    expect(yamlLeaves.filter((p) => !fieldByPath.has(p)), "values.yaml leaves missing from the model").toEqual([]);
    expect(modelLeaves.filter((p) => !yamlLeaves.includes(p)), "model values missing from values.yaml").toEqual([]);
  });

  it("reproduces every values.yaml default", () => {
    expect(valuesSchema.parse({})).toEqual(defaults);
  });

  it("describes every value exactly as its @param comment does", () => {
    const params = paramComments();
    const undocumented = fields.filter((f) => !params.has(f.path)).map((f) => f.path);
    expect(undocumented, "model values without an @param comment").toEqual([]);
    for (const [path, description] of params) {
      expect(fieldByPath.get(path)?.help, `@param ${path}`).toBe(description);
    }
  });

  it("has a section with an enabled flag for every subchart", () => {
    for (const sub of SUBCHARTS) expect(fieldByPath.get(`${sub}.enabled`)?.control).toBe("switch");
  });

  it.each(ENVIRONMENTS)("accepts values-%s.yaml", (env) => {
    const result = valuesSchema.safeParse(readValuesFile(envValuesPath(env)));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  // One broken value per row: the issue must point at that value.
  const rejected: Array<[string, string[], unknown]> = [
    ["a port of 0", ["rest-api", "service", "port"], 0],
    ["a port above 65535", ["global", "database", "port"], 70000],
    ["a fractional replica count", ["worker", "replicaCount"], 1.5],
    ["a CPU quantity with a bad unit", ["edge-mcp", "resources", "requests", "cpu"], "500x"],
    ["a memory quantity as a bare word", ["rag-loader", "resources", "limits", "memory"], "lots"],
    ["a duration without unit", ["global", "monitoring", "interval"], "30"],
    ["an image tag with a slash", ["rest-api", "image", "tag"], "v1/2"],
    ["an image digest that is not sha256", ["worker", "image", "digest"], "md5:abc"],
    ["an unknown pull policy", ["global", "image", "pullPolicy"], "Sometimes"],
    ["an unknown service type", ["rest-api", "service", "type"], "ExternalName"],
    ["an unknown sslMode", ["global", "database", "sslMode"], "on"],
    ["a search path without mcp", ["global", "database", "searchPath"], "public"],
    ["a RAG master key that is not 32 bytes of base64", ["rag-loader", "secrets", "masterKey"], "dev-rag-master-key-32chars-1234"],
    ["a secret name with capitals", ["global", "database", "existingSecret"], "My-Secret"],
    ["a percentage above 100", ["rest-api", "autoscaling", "targetCPUUtilizationPercentage"], 150],
    ["a minAvailable like 50 without %", ["edge-mcp", "podDisruptionBudget", "minAvailable"], "50"],
    ["an IRSA role that is not an ARN", ["global", "aws", "roleArn"], "my-role"],
    ["a sampling rate above 1", ["global", "tracing", "samplingRate"], 2],
    ["a string where a switch is expected", ["redis", "enabled"], "yes"],
    ["an unknown key", ["rest-api", "replicas"], 3],
  ];
  it.each(rejected)("rejects %s", (_, path, value) => {
    const result = valuesSchema.safeParse(setPath(path, value));
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    // An unknown key is reported on its parent object, naming the key.
    const expected = path.at(-1) === "replicas" ? path.slice(0, -1) : path;
    expect(issue?.path).toEqual(expected);
  });

  const accepted: Array<[string, string[], unknown]> = [
    ["a fractional CPU quantity", ["edge-mcp", "resources", "requests", "cpu"], "0.5"],
    ["a percentage minAvailable", ["edge-mcp", "podDisruptionBudget", "minAvailable"], "50%"],
    ["a valid RAG master key", ["rag-loader", "secrets", "masterKey"], "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="],
    ["a compound duration", ["global", "externalSecrets", "refreshInterval"], "1h30m"],
    ["an IRSA role ARN", ["global", "aws", "roleArn"], "arn:aws:iam::123456789012:role/developer-mesh"],
    ["free-form annotations", ["rest-api", "ingress", "annotations"], { "cert-manager.io/cluster-issuer": "letsencrypt" }],
  ];
  it.each(accepted)("accepts %s", (_, path, value) => {
    expect(valuesSchema.safeParse(setPath(path, value)).error?.issues ?? []).toEqual([]);
  });
});

function setPath(path: string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value) as Record<string, unknown>;
}
