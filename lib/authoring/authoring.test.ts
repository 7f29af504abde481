import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { chartDefaults, type PlainValue } from "../export/index";
import { studioChart, chartDir } from "../export/util-chart.test-util";
import { toPlainValue } from "../workspace/environment-grid";
import { authoringFields } from "./authoring-fields";
import { changedCounts, isChanged } from "./changed-fields";
import { checkImport } from "./import-values";
import { sameValue, valueAt } from "./plain-path";
import { searchFields } from "./search-fields";
import { valuesSchema } from "../values/schema";
import { modelIssues, validateValues } from "./validate-values";

const fields = authoringFields();
const byPath = new Map(fields.map((f) => [f.path, f]));
const { chart } = studioChart();
const defaults = toPlainValue(chartDefaults(chart));

/** Every leaf of values.yaml: a scalar, a list or an empty map. */
function leaves(v: unknown, prefix: string[] = []): string[] {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) {
    return Object.entries(v).flatMap(([k, x]) => leaves(x, [...prefix, k]));
  }
  return [prefix.join(".")];
}

describe("authoring/authoringFields", () => {
  it("should give every leaf of the chart's values.yaml a field, and no other", () => {
    const values: unknown = parse(readFileSync(path.join(chartDir, "values.yaml"), "utf8"));
    const uncovered = leaves(values).filter((p) => !byPath.has(p) && !fields.some((f) => p.startsWith(`${f.path}.`)));
    expect(uncovered).toEqual([]);
    expect(fields.length).toBeGreaterThan(300);
  });
  it.each([
    ["rest-api.autoscaling.maxReplicas", "integer", "rest-api", "autoscaling"],
    ["rest-api.resources.limits.cpu", "quantity", "rest-api", "resources"],
    ["global.monitoring.interval", "duration", "global", "monitoring"],
    ["rest-api.podDisruptionBudget.minAvailable", "int-or-percent", "rest-api", "podDisruptionBudget"],
    ["global.database.host", "text", "global", "database"],
    ["rest-api.ingress.host", "text", "rest-api", "ingress"],
    ["rest-api.image.tag", "text", "rest-api", "image"],
    ["rest-api.config.corsAllowedOrigins", "string-list", "rest-api", "config"],
    ["rest-api.extraEnv", "object-list", "rest-api", "general"],
    ["global.commonLabels", "string-map", "global", "general"],
    ["rest-api.affinity", "yaml", "rest-api", "general"],
    ["global.image.pullPolicy", "select", "global", "image"],
    ["namespace.create", "switch", "global", "namespace"],
  ])("should make %s a %s field of node %s, section %s", (p, kind, node, section) => {
    expect(byPath.get(p)).toMatchObject({ kind, node, section });
  });
  it("should mark the secret values as secret fields", () => {
    const secrets = fields.filter((f) => f.kind === "secret");
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.every((f) => f.secret)).toBe(true);
  });
});

describe("authoring/validateValues", () => {
  it("should find nothing wrong with the chart defaults", () => {
    expect(validateValues(defaults, fields)).toEqual([]);
  });
  const withValue = (p: string, v: unknown) => {
    const copy = structuredClone(defaults) as Record<string, unknown>;
    const keys = p.split(".");
    let cur = copy;
    for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
    cur[keys[keys.length - 1] ?? ""] = v;
    return copy as typeof defaults;
  };
  it.each([
    ["rest-api.autoscaling.maxReplicas", 0, "rest-api.autoscaling.maxReplicas", "Max replicas must be at least 1."],
    ["rest-api.resources.limits.cpu", "lots", "rest-api.resources.limits.cpu", "CPU must be a Kubernetes quantity such as 500m, 1 or 512Mi."],
    ["global.image.pullPolicy", "Sometimes", "global.image.pullPolicy", "Pull policy must be one of Always, IfNotPresent, Never."],
    ["global.aws.useIRSA", true, "global.aws.roleArn", "An IAM role ARN is required when useIRSA is on."],
  ])("should report %s = %j on %s as a sentence", (p, v, at, message) => {
    const problems = validateValues(withValue(p, v), fields);
    expect(problems).toContainEqual({ path: at, message: expect.stringMatching(new RegExp(`^${message.split(" ")[0]}`)) });
    expect(problems.find((x) => x.path === at)?.message).toMatch(/\.$/);
  });
  it("should report minReplicas above maxReplicas on minReplicas", () => {
    let v = withValue("rest-api.autoscaling.enabled", true);
    v = (() => {
      const c = v as Record<string, Record<string, Record<string, unknown>>>;
      (c["rest-api"] as Record<string, Record<string, unknown>>).autoscaling = { ...c["rest-api"]?.autoscaling, minReplicas: 9, maxReplicas: 3 };
      return c as typeof defaults;
    })();
    expect(validateValues(v, fields)).toContainEqual({ path: "rest-api.autoscaling.minReplicas", message: "The minimum replica count must not exceed maxReplicas." });
  });
});

describe("authoring/modelIssues", () => {
  const model = valuesSchema.parse({}) as Record<string, PlainValue>;
  const whole = (v: PlainValue) => (valuesSchema.safeParse(v).error?.issues ?? []).map((i) => ({ code: i.code, path: i.path, message: i.message }));
  const keyed = (v: PlainValue) => modelIssues(v).map((i) => ({ code: i.code, path: i.path, message: i.message }));
  const set = (v: PlainValue, segments: readonly string[], x: PlainValue): PlainValue => {
    const [k, ...rest] = segments;
    if (k === undefined) return x;
    const o = v !== null && typeof v === "object" && !Array.isArray(v) ? v : {};
    return { ...o, [k]: set(o[k] ?? {}, rest, x) };
  };
  // One edit after another, as typing makes them, so the per-key answers kept from the previous call are used.
  it("should give the issues of the whole-model parse for each field set to good and bad values, in turn", () => {
    let v: PlainValue = model;
    for (const f of fields) {
      for (const x of ["x y", -1, valueAt(model, f.segments) ?? null]) {
        v = set(v, f.segments, x);
        expect(keyed(v), `${f.path} = ${JSON.stringify(x)}`).toEqual(whole(v));
      }
    }
  });
  it("should apply the cross-field rules only when nothing else is wrong, as the refinement does", () => {
    let v = set(model, ["global", "aws", "useIRSA"], true);
    expect(keyed(v)).toEqual(whole(v));
    expect(keyed(v).map((i) => i.path.join("."))).toEqual(["global.aws.roleArn"]);
    v = set(v, ["rest-api", "replicaCount"], "two");
    expect(keyed(v)).toEqual(whole(v));
    v = set(set(v, ["rest-api", "replicaCount"], 2), ["extra"], 1);
    expect(keyed(v)).toEqual(whole(v));
    expect(keyed("not a map")).toEqual(whole("not a map"));
  });
});

describe("authoring/checkImport", () => {
  it("should keep the text and list unknown keys", () => {
    const text = "# mine\nrest-api:\n  replicaCount: 2 # two\n  colour: blue\nextra:\n  a: 1\nglobal:\n  commonLabels:\n    team: x\n";
    expect(checkImport("f.yaml", text, fields)).toEqual({ ok: true, text, unknownKeys: ["rest-api.colour", "extra"] });
  });
  it("should give the line and column of a parse error", () => {
    const r = checkImport("f.yaml", "a: 1\nb: [1, 2\n", fields);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.line).toBeGreaterThan(0);
  });
  it("should refuse a file that is not a map", () => {
    expect(checkImport("f.yaml", "- 1\n", fields).ok).toBe(false);
  });
});

describe("authoring/searchFields", () => {
  it("should rank path matches first and need every word", () => {
    expect(searchFields(fields, "rest-api maxreplicas")[0]?.path).toBe("rest-api.autoscaling.maxReplicas");
    expect(searchFields(fields, "zzzz")).toEqual([]);
    expect(searchFields(fields, "")).toEqual([]);
  });
});

describe("authoring/plain-path", () => {
  it("should read by path and compare structurally", () => {
    expect(valueAt({ a: { b: [1] } }, ["a", "b"])).toEqual([1]);
    expect(valueAt({ a: 1 }, ["a", "b"])).toBeUndefined();
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
  });
});

describe("authoring/changedCounts", () => {
  it("should count nothing on the chart defaults, and each changed value on its rail node", () => {
    expect(changedCounts(defaults, fields)).toEqual(new Map());
    const v = structuredClone(defaults) as Record<string, Record<string, Record<string, unknown>>>;
    (v["rest-api"] as Record<string, Record<string, unknown>>).autoscaling = { ...v["rest-api"]?.autoscaling, minReplicas: 5, maxReplicas: 20 };
    (v.global as Record<string, unknown>).environment = "staging";
    (v.global as Record<string, Record<string, unknown>>).commonLabels = { team: "core" };
    expect(changedCounts(v as typeof defaults, fields)).toEqual(new Map([["rest-api", 2], ["global", 2]]));
  });
  it("should see a map or list as changed as a whole, key order aside", () => {
    const labels = byPath.get("global.commonLabels");
    expect(labels && isChanged(labels, {})).toBe(false);
    expect(labels && isChanged(labels, { a: "1" })).toBe(true);
  });
});
