import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runHelm, repoRoot } from "../../test/real-helm";
import { chartDir } from "./chart-files.test-util";
import { formatJsonSchema, umbrellaJsonSchema, type JsonSchema } from "./json-schema";
import { SUBCHARTS } from "./schema";

const generated = umbrellaJsonSchema();

describe("values/json-schema", () => {
  it("matches the committed values.schema.json (run `npm run gen:schema` after changing the model)", () => {
    expect(readFileSync(path.join(chartDir, "values.schema.json"), "utf8")).toBe(formatJsonSchema(generated));
  });

  it("is a closed draft-07 document without keywords Helm 3's validator would ignore", () => {
    expect(generated.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(generated.additionalProperties).toBe(false);
    const text = JSON.stringify(generated);
    for (const keyword of ["$defs", "prefixItems", "unevaluatedProperties", "dependentRequired"]) expect(text).not.toContain(`"${keyword}"`);
  });

  it("allows the global copy Helm puts into every subchart section", () => {
    const props = generated.properties as Record<string, JsonSchema>;
    for (const sub of SUBCHARTS) {
      const section = props[sub]!;
      expect(section.additionalProperties).toBe(false);
      expect((section.properties as Record<string, JsonSchema>).global).toMatchObject({ type: "object" });
    }
  });

  it("marks secrets and keeps descriptions in the emitted schema", () => {
    const db = ((generated.properties as Record<string, JsonSchema>).global!.properties as Record<string, JsonSchema>).database!;
    const password = (db.properties as Record<string, JsonSchema>).password!;
    expect(password).toMatchObject({ type: "string", secret: true });
    expect(password.description).toMatch(/Database password/);
  });

  // Helm validates before it renders, so one run with every bad value lists each violation.
  it("makes real `helm template` reject wrong values with the schema's messages", () => {
    const bad: Array<[string, string]> = [
      ["rest-api.service.port=0", "- at '/rest-api/service/port': minimum: got 0, want 1"],
      ["worker.resources.limits.memory=lots", "- at '/worker/resources/limits/memory': 'lots' does not match pattern"],
      ["global.image.pullPolicy=Sometimes", "- at '/global/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'"],
      ["edge-mcp.replicas=3", "- at '/edge-mcp': additional properties 'replicas' not allowed"],
      ["rag-loader.secrets.masterKey=short", "- at '/rag-loader/secrets/masterKey': 'short' does not match pattern"],
    ];
    const args = ["template", "r", chartDir, ...bad.flatMap(([set]) => ["--set", set])];
    const r = runHelm(args, repoRoot);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Error: values don't meet the specifications of the schema(s) in the following chart(s):\ndeveloper-mesh:\n");
    for (const [, message] of bad) expect(r.stderr).toContain(message);
  });

  it("makes real Helm reject a string where the model wants an integer", () => {
    const r = runHelm(["lint", chartDir, "--set-string", "global.redis.port=6379"], repoRoot);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain("at '/global/redis/port': got string, want integer");
  });
});
