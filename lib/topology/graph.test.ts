import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderChart } from "../helm/index";
import { loadChartDir } from "../node";
import { reviewObjects } from "../review/review-object";
import { topologyGraph, type GraphEdge } from "./graph";
import { layoutGraph } from "./layout";

const CHART = path.resolve(import.meta.dirname, "../../chart-templates/developer-mesh");

function graph(env: string) {
  const chart = loadChartDir(CHART);
  const r = renderChart(chart, { values: [readFileSync(path.join(CHART, `values-${env}.yaml`), "utf8")], releaseName: "developer-mesh", namespace: "devmesh" });
  expect(r.error?.message).toBeUndefined();
  return topologyGraph(reviewObjects(r.manifests));
}

const has = (edges: GraphEdge[], e: Partial<GraphEdge>) => edges.some((x) => Object.entries(e).every(([k, v]) => x[k as keyof GraphEdge] === v));

describe("topology/graph of prod", () => {
  const g = graph("prod");
  it("draws Ingress → Service → workload", () => {
    expect(has(g.edges, { from: "Ingress/developer-mesh-rest-api", to: "Service/developer-mesh-rest-api", kind: "routes" })).toBe(true);
    expect(has(g.edges, { from: "Service/developer-mesh-rest-api", to: "Deployment/developer-mesh-rest-api", kind: "selects" })).toBe(true);
  });
  it("shows the NetworkPolicy's allowed and denied traffic", () => {
    expect(has(g.edges, { from: "Deployment/developer-mesh-edge-mcp", to: "Deployment/developer-mesh-rest-api", kind: "allowed", label: "TCP 8080" })).toBe(true);
    expect(has(g.edges, { from: "ns:ingress-nginx", to: "Deployment/developer-mesh-rest-api", kind: "allowed" })).toBe(true);
    expect(has(g.edges, { from: "Deployment/developer-mesh-rag-loader", to: "Deployment/developer-mesh-rest-api", kind: "denied" })).toBe(true);
    expect(has(g.edges, { from: "Deployment/developer-mesh-rest-api", kind: "allowed", to: "any:any host (PostgreSQL)" })).toBe(true);
  });
  it("links the external database and the Secrets the workloads read", () => {
    expect(has(g.edges, { from: "Deployment/developer-mesh-rest-api", to: "host:devmesh-prod.cluster-example.us-east-1.rds.amazonaws.com", kind: "connects" })).toBe(true);
    expect(g.edges.some((e) => e.from === "Deployment/developer-mesh-rest-api" && e.kind === "uses" && e.to.startsWith("Secret/"))).toBe(true);
  });
  it("lays every node out once, in columns", () => {
    const l = layoutGraph(g);
    expect(l.nodes).toHaveLength(g.nodes.length);
    expect(new Set(l.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(g.nodes.length);
  });
});

describe("topology/graph of dev", () => {
  it("has no NetworkPolicy edges when policies are off", () => {
    const g = graph("dev");
    expect(g.edges.filter((e) => e.kind === "allowed" || e.kind === "denied")).toEqual([]);
    expect(g.edges.some((e) => e.kind === "selects")).toBe(true);
  });
});
