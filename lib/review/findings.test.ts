import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Chart, RenderedManifest } from "../helm/index";
import { renderChart } from "../helm/index";
import { loadChartDir } from "../node";
import { isGoMap, type Value } from "../template/value";
import { reviewFindings, type Finding } from "./findings";
import { loadK8sSchemaValidator } from "./k8s-schema";
import { reviewObjects } from "./review-object";

const CHART = path.resolve(import.meta.dirname, "../../chart-templates/developer-mesh");
let chart: Chart;
beforeAll(() => {
  chart = loadChartDir(CHART);
});

function render(env: string, extra = ""): RenderedManifest[] {
  const r = renderChart(chart, {
    values: [readFileSync(path.join(CHART, `values-${env}.yaml`), "utf8"), extra],
    releaseName: "developer-mesh",
    namespace: "devmesh",
  });
  expect(r.error?.message).toBeUndefined();
  return r.manifests;
}

function valueAt(p: string): unknown {
  let cur: Value | undefined = chart.values;
  for (const k of p.split(".")) cur = isGoMap(cur) ? cur.get(k) : undefined;
  return cur;
}

/** Manifests written by hand, in output order, for the rules the chart never breaks. */
function manifests(...docs: string[]): RenderedManifest[] {
  return docs.map((content, i) => {
    const kind = /^kind: (\S+)/m.exec(content)?.[1] ?? "";
    const name = /^ {2}name: (\S+)/m.exec(content)?.[1] ?? "";
    return { source: `demo/charts/svc/templates/t${i}.yaml`, kind, apiVersion: "v1", name, namespace: "ns", hook: "", content: content.trim() };
  });
}

const deployment = (replicas: number, port = 8080) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: ns
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry/web:1.0
          ports:
            - {name: http, containerPort: ${port}}
          readinessProbe: {httpGet: {path: /, port: http}}
          livenessProbe: {httpGet: {path: /, port: http}}
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}`;

const rules = (f: Finding[]) => f.map((x) => x.rule);

describe("review/findings on hand-written manifests", () => {
  const cases: { name: string; docs: string[]; want: string[] }[] = [
    { name: "a clean workload and its Service", docs: [deployment(2), "kind: Service\nmetadata:\n  name: app\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]"], want: [] },
    { name: "a Service selecting nothing", docs: [deployment(2), "kind: Service\nmetadata:\n  name: app\nspec:\n  selector: {app: api}\n  ports: [{port: 80}]"], want: ["SERVICE_SELECTOR"] },
    { name: "an impossible port", docs: [deployment(2), "kind: Service\nmetadata:\n  name: app\nspec:\n  selector: {app: web}\n  ports: [{port: 70000, targetPort: 9999}]"], want: ["SERVICE_PORT", "SERVICE_PORT"] },
    {
      name: "an Ingress to a missing Service and to a missing port",
      docs: [
        deployment(2),
        "kind: Service\nmetadata:\n  name: app\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]",
        "kind: Ingress\nmetadata:\n  name: app\nspec:\n  rules:\n    - host: a.example\n      http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: nope, port: {number: 80}}}}\n          - {path: /x, pathType: Prefix, backend: {service: {name: app, port: {number: 81}}}}",
      ],
      want: ["INGRESS_BACKEND", "INGRESS_BACKEND"],
    },
    { name: "a PDB over one replica", docs: [deployment(1), "kind: PodDisruptionBudget\nmetadata:\n  name: app\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: web}}"], want: ["PDB_REPLICAS"] },
    { name: "a PDB that never lets a pod go", docs: [deployment(2), "kind: PodDisruptionBudget\nmetadata:\n  name: app\nspec:\n  minAvailable: 2\n  selector: {matchLabels: {app: web}}"], want: ["PDB_REPLICAS"] },
    {
      name: "a NetworkPolicy selecting no pods",
      docs: [deployment(2), "kind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector: {matchLabels: {app: other}}\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: ghost}}}]"],
      want: ["NETWORKPOLICY_SELECTOR", "NETWORKPOLICY_SELECTOR"],
    },
    {
      name: "a container without probes, resources and tag",
      docs: ["kind: Deployment\nmetadata:\n  name: bare\nspec:\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: nginx}]"],
      want: ["LATEST_TAG", "RESOURCES_MISSING", "PROBES_MISSING"],
    },
  ];
  it.each(cases)("$name", ({ docs, want }) => {
    const found = reviewFindings(reviewObjects(manifests(...docs)), { environment: "prod" }).filter((f) => f.rule !== "PSS_RESTRICTED");
    expect(rules(found).sort()).toEqual([...want].sort());
  });

  it("allows a latest tag in dev only", () => {
    const objects = reviewObjects(manifests("kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: 'r/x:latest'}]"));
    expect(rules(reviewFindings(objects, { environment: "dev" }))).not.toContain("LATEST_TAG");
    expect(rules(reviewFindings(objects, { environment: "staging" }))).toContain("LATEST_TAG");
  });

  it("points at the output line of the offending field", () => {
    const objects = reviewObjects(manifests(deployment(2), "kind: Service\nmetadata:\n  name: app\nspec:\n  selector: {app: web}\n  ports: [{port: 70000, targetPort: 8080}]"));
    const [f] = reviewFindings(objects, { environment: "prod" }).filter((x) => x.rule === "SERVICE_PORT");
    const output = objects.map((o) => `---\n# Source: ${o.manifest.source}\n${o.manifest.content}`).join("\n");
    expect(output.split("\n")[(f?.line ?? 0) - 1]).toContain("port: 70000");
  });
});

describe("review/findings on the Developer Mesh chart", () => {
  it("finds nothing wrong with prod beyond the Kubernetes schema's known CRDs", async () => {
    const validate = await loadK8sSchemaValidator();
    const found = reviewFindings(reviewObjects(render("prod")), { environment: "prod", validate, valueAt });
    expect(found.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("reports a latest tag in prod, linked to the field, on the image line", () => {
    const ms = render("prod", "global:\n  image:\n    forbidLatestTag: false\nrest-api:\n  image:\n    tag: latest\n");
    const objects = reviewObjects(ms);
    const latest = reviewFindings(objects, { environment: "prod", valueAt }).filter((f) => f.rule === "LATEST_TAG");
    // The migration Job runs rest-api's image, so it traces to the same field.
    expect(latest).toMatchObject([
      { resource: "Deployment/developer-mesh-rest-api", valuesPath: "rest-api.image.tag", severity: "error" },
      { resource: "Job/developer-mesh-migration", valuesPath: "rest-api.image.tag", severity: "error" },
    ]);
    const output = ms.map((m) => `---\n# Source: ${m.source}\n${m.content}`).join("\n");
    expect(output.split("\n")[(latest[0]?.line ?? 0) - 1]).toMatch(/image: .*rest-api:latest/);
  });

  it("links schema violations to the values that render them", async () => {
    const validate = await loadK8sSchemaValidator();
    const ms = render("prod", "rest-api:\n  tolerations:\n    - effect: Sometimes\n  podLabels:\n    tier: a b\n");
    const schema = reviewFindings(reviewObjects(ms), { environment: "prod", validate, valueAt }).filter((f) => f.rule === "SCHEMA");
    expect(schema).toMatchObject([
      { resource: "Deployment/developer-mesh-rest-api", severity: "error", valuesPath: "rest-api.podLabels", message: expect.stringContaining("/spec/template/metadata/labels/tier") },
      { resource: "Deployment/developer-mesh-rest-api", severity: "error", valuesPath: "rest-api.tolerations", message: expect.stringContaining("NoExecute, NoSchedule, PreferNoSchedule") },
    ]);
    const output = ms.map((m) => `---\n# Source: ${m.source}\n${m.content}`).join("\n").split("\n");
    expect(output[(schema[1]?.line ?? 0) - 1]).toContain("effect: Sometimes");
  });
});
