import { describe, expect, it } from "vitest";
import { validateK8sObjects } from "./k8s-schema";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "api" },
  spec: {
    selector: { matchLabels: { app: "api" } },
    template: {
      metadata: { labels: { app: "api" } },
      spec: { containers: [{ name: "api", image: "x:1", ports: [{ containerPort: 8080 }] }] },
    },
  },
};

describe("review/k8s-schema", () => {
  const valid: Array<[string, object]> = [
    ["a Deployment", deployment],
    ["a core v1 Service", { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80, targetPort: "http" }] } }],
    [
      "a ServiceMonitor (prometheus-operator CRD)",
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: "sm" },
        spec: { selector: { matchLabels: { app: "api" } }, endpoints: [{ port: "http", path: "/metrics" }] },
      },
    ],
    [
      "a PrometheusRule",
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "r" },
        spec: { groups: [{ name: "g", rules: [{ alert: "Down", expr: "up == 0", for: "5m" }] }] },
      },
    ],
    [
      "an ExternalSecret (external-secrets.io/v1)",
      {
        apiVersion: "external-secrets.io/v1",
        kind: "ExternalSecret",
        metadata: { name: "es" },
        spec: {
          secretStoreRef: { name: "aws", kind: "ClusterSecretStore" },
          target: { name: "db" },
          data: [{ secretKey: "password", remoteRef: { key: "prod/db", property: "password" } }],
        },
      },
    ],
  ];
  it.each(valid)("accepts %s", async (_, obj) => {
    expect(await validateK8sObjects([obj])).toEqual([]);
  });

  it("reports each schema violation with kind, name and JSON pointer", async () => {
    const container = { name: "api", image: "x:1", resources: { limits: { cpu: "lots" } } };
    const bad = { ...deployment, spec: { replicas: "3", template: { spec: { containers: [container] } } } };
    const findings = await validateK8sObjects([bad]);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "SCHEMA_VIOLATION", severity: "error", kind: "Deployment", name: "api", path: "/spec", message: "must have required property selector" }),
        expect.objectContaining({ path: "/spec/replicas", message: "must be integer" }),
        expect.objectContaining({ path: "/spec/template/spec/containers/0/resources/limits/cpu" }),
      ]),
    );
    // The int-or-string "oneOf" summary is dropped when its branches already explain the failure.
    expect(findings.some((f) => f.message.includes("oneOf"))).toBe(false);
  });

  it("lists the allowed values of an enum", async () => {
    const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { type: "Bogus", ports: [{ port: 80 }] } };
    const [f] = await validateK8sObjects([svc]);
    expect(f).toMatchObject({ code: "SCHEMA_VIOLATION", path: "/spec/type" });
    expect(f?.message).toContain("ClusterIP");
  });

  const unusable: Array<[string, unknown, string]> = [
    ["an unknown kind", { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }, "UNKNOWN_KIND"],
    ["a removed API version", { apiVersion: "extensions/v1beta2", kind: "Deployment", metadata: { name: "d" } }, "UNKNOWN_KIND"],
    ["an object without kind", { apiVersion: "v1", metadata: { name: "x" } }, "MISSING_TYPE_META"],
    ["a scalar document", "just text", "NOT_AN_OBJECT"],
  ];
  it.each(unusable)("reports %s", async (_, obj, code) => {
    const findings = await validateK8sObjects([obj]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.code).toBe(code);
  });

  const meta: Array<[string, object, string, string]> = [
    ["a Service name longer than 63 characters", { apiVersion: "v1", kind: "Service", metadata: { name: "a".repeat(64) }, spec: { ports: [{ port: 80 }] } }, "INVALID_NAME", "/metadata/name"],
    ["a Service name starting with a digit", { apiVersion: "v1", kind: "Service", metadata: { name: "1api" }, spec: { ports: [{ port: 80 }] } }, "INVALID_NAME", "/metadata/name"],
    ["a ConfigMap name with capitals", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "My-Config" } }, "INVALID_NAME", "/metadata/name"],
    ["a label value with a space", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { tier: "a b" } } }, "INVALID_LABEL", "/metadata/labels/tier"],
    ["a label value of 64 characters", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { v: "x".repeat(64) } } }, "INVALID_LABEL", "/metadata/labels/v"],
    [
      "a pod template label value with a space",
      { ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec.template, metadata: { labels: { app: "api", tier: "a b" } } } } },
      "INVALID_LABEL",
      "/spec/template/metadata/labels/tier",
    ],
    ["a label key with a bad prefix", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { "Example.com/x": "1" } } }, "INVALID_LABEL", "/metadata/labels/Example.com~1x"],
  ];
  it.each(meta)("rejects %s as the API server would", async (_, obj, code, path) => {
    expect(await validateK8sObjects([obj])).toEqual([expect.objectContaining({ code, path, severity: "error" })]);
  });

  it("accepts dotted names, prefixed label keys and empty label values", async () => {
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "dm.config-1", labels: { "app.kubernetes.io/name": "rest-api", empty: "" } } };
    expect(await validateK8sObjects([cm])).toEqual([]);
  });

  it("keeps the input order across objects", async () => {
    const findings = await validateK8sObjects([
      { apiVersion: "example.com/v1", kind: "A", metadata: { name: "a" } },
      deployment,
      { apiVersion: "example.com/v1", kind: "B", metadata: { name: "b" } },
    ]);
    expect(findings.map((f) => f.name)).toEqual(["a", "b"]);
  });
});
