/**
 * Rules that span several values. The chart enforces the same rules at render time with `fail` and
 * `required` (templates/_helpers.tpl, _resources.tpl); stating them in the model lets the form report
 * them next to the field, before anything is rendered. JSON Schema cannot express them, so they are
 * absent from values.schema.json and Helm relies on the chart's own checks.
 */
import type { z } from "zod";
import type { Values } from "./schema";

type Issue = { path: (string | number)[]; message: string };

const SERVICES = ["rest-api", "edge-mcp", "worker", "rag-loader"] as const;
const WITH_INGRESS = ["rest-api", "edge-mcp", "rag-loader"] as const;

/** Reports each inconsistency on the value the user should change. */
export function checkConsistency(v: Values, ctx: z.RefinementCtx): void {
  for (const issue of consistencyIssues(v)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
}

function consistencyIssues(v: Values): Issue[] {
  const g = v.global;
  const issues: Issue[] = [];
  const add = (path: Issue["path"], message: string) => issues.push({ path, message });

  for (const [store, sub] of [["database", "postgresql"], ["redis", "redis"]] as const) {
    const host = g[store].host;
    if (host === "" && !v[sub].enabled) add(["global", store, "host"], `Set global.${store}.host, or enable the embedded ${sub} subchart.`);
    if (host !== "" && v[sub].enabled) add(["global", store, "host"], `Clear global.${store}.host or set ${sub}.enabled to false: the services would ignore the embedded ${sub}.`);
  }
  const edge = v["edge-mcp"];
  if (edge.enabled && edge.config.restApiUrl === "") {
    if (!v["rest-api"].enabled) add(["edge-mcp", "config", "restApiUrl"], "Edge MCP validates client keys against a REST API: enable rest-api or set this URL.");
    else if (v["rest-api"].service.port !== 8080) add(["edge-mcp", "config", "restApiUrl"], "The REST API Service is not on port 8080: set this URL to reach it.");
  }
  if (g.aws.useIRSA && g.aws.roleArn === "") add(["global", "aws", "roleArn"], "An IAM role ARN is required when useIRSA is on.");
  if (g.externalSecrets.enabled && g.externalSecrets.secretStoreRef.name === "") {
    add(["global", "externalSecrets", "secretStoreRef", "name"], "Name the SecretStore to read from when External Secrets are enabled.");
  }
  // Edge MCP is the service that exports traces.
  if (g.tracing.enabled && edge.enabled && g.tracing.otlpEndpoint === "") add(["global", "tracing", "otlpEndpoint"], "An OTLP endpoint is required when tracing is on.");
  for (const svc of SERVICES) {
    const s = v[svc];
    if (!s.enabled) continue;
    if (s.autoscaling.enabled && s.autoscaling.minReplicas > s.autoscaling.maxReplicas) {
      add([svc, "autoscaling", "minReplicas"], "The minimum replica count must not exceed maxReplicas.");
    }
    if (g.image.forbidLatestTag && s.image.tag === "latest" && s.image.digest === "") {
      add([svc, "image", "tag"], "The tag latest is not allowed while global.image.forbidLatestTag is on: pin a version or a digest.");
    }
  }
  for (const svc of WITH_INGRESS) {
    if (v[svc].enabled && v[svc].ingress.enabled && v[svc].ingress.host === "") add([svc, "ingress", "host"], "A host is required when the Ingress is enabled.");
  }
  return issues;
}
