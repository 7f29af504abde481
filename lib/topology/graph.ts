/**
 * The picture of a render: Ingress → Service → workload, the ConfigMaps and Secrets each workload reads,
 * the external endpoints it reaches, and the traffic NetworkPolicies allow (and, for isolated pods, deny).
 */
import { dig, isObj, labelSelectorMatches, listAt, objAt, podTemplate, selects, strAt, stringMap, type Obj } from "../review/object-readers";

/** One parsed manifest (lib/review's TopologyObject has this shape). */
export interface TopologyObject {
  manifest: { kind: string; name: string; namespace: string };
  obj: Record<string, unknown> | null;
  /** `Kind/name`. */
  key: string;
  service: string;
}

export type NodeKind = "namespace" | "ingress" | "service" | "workload" | "config" | "secret" | "external";

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Output key (`Kind/name`) of the resource, when the node is one. */
  resource?: string;
  service?: string;
}

export type EdgeKind = "routes" | "selects" | "uses" | "connects" | "allowed" | "denied";

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Ports or other detail, e.g. `TCP 8080`. */
  label?: string;
}

export interface TopologyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Well-known ports of endpoints outside the release. */
const PORT_NAMES: Readonly<Record<number, string>> = { 53: "DNS", 443: "HTTPS", 5432: "PostgreSQL", 6379: "Redis", 4317: "OTLP" };

interface Pods {
  node: GraphNode;
  labels: Record<string, string>;
  spec: Obj;
  namespace: string;
}

export function topologyGraph(objects: readonly TopologyObject[]): TopologyGraph {
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const node = (n: GraphNode): GraphNode => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    return nodes.get(n.id) ?? n;
  };
  const edge = (e: GraphEdge) => {
    const k = `${e.from}>${e.to}>${e.kind}>${e.label ?? ""}`;
    if (seen.has(k) || e.from === e.to) return;
    seen.add(k);
    edges.push(e);
  };
  const resourceNode = (o: TopologyObject, kind: NodeKind) => node({ id: o.key, kind, label: o.manifest.name, resource: o.key, service: o.service });

  const pods: Pods[] = [];
  for (const o of objects) {
    const pod = o.obj ? podTemplate(o.obj) : null;
    if (pod) pods.push({ node: resourceNode(o, "workload"), labels: pod.labels, spec: pod.spec, namespace: o.manifest.namespace });
  }
  const byKind = (kind: string) => objects.filter((o) => o.manifest.kind === kind && o.obj);

  for (const o of byKind("Service")) {
    const s = resourceNode(o, "service");
    const selector = stringMap(dig(o.obj, "spec", "selector"));
    if (Object.keys(selector).length === 0) continue;
    for (const p of pods) if (p.namespace === o.manifest.namespace && selects(selector, p.labels)) edge({ from: s.id, to: p.node.id, kind: "selects" });
  }
  for (const o of byKind("Ingress")) {
    const ing = resourceNode(o, "ingress");
    for (const rule of listAt(o.obj, "spec", "rules")) {
      for (const path of listAt(rule, "http", "paths")) {
        const name = strAt(path, "backend", "service", "name");
        const port = dig(path, "backend", "service", "port", "number") ?? strAt(path, "backend", "service", "port", "name");
        if (name) edge({ from: ing.id, to: `Service/${name}`, kind: "routes", label: `${strAt(rule, "host") || "*"}${strAt(path, "path")} → ${String(port)}` });
      }
    }
  }
  for (const p of pods) usesAndEndpoints(p, node, edge);
  for (const o of byKind("NetworkPolicy")) policyEdges(o, pods, node, edge);

  // Edges to resources the render lacks (an Ingress to a missing Service) keep a node, marked external.
  for (const e of edges) for (const id of [e.from, e.to]) if (!nodes.has(id)) node({ id, kind: "external", label: `${id} (not rendered)` });
  return { nodes: [...nodes.values()], edges };
}

type NodeFn = (n: GraphNode) => GraphNode;
type EdgeFn = (e: GraphEdge) => void;

function usesAndEndpoints(p: Pods, node: NodeFn, edge: EdgeFn): void {
  const use = (kind: "ConfigMap" | "Secret", name: string) => {
    if (!name) return;
    const n = node({ id: `${kind}/${name}`, kind: kind === "ConfigMap" ? "config" : "secret", label: name, resource: `${kind}/${name}` });
    edge({ from: p.node.id, to: n.id, kind: "uses" });
  };
  for (const v of listAt(p.spec, "volumes")) {
    use("ConfigMap", strAt(v, "configMap", "name"));
    use("Secret", strAt(v, "secret", "secretName"));
    for (const src of listAt(v, "projected", "sources")) {
      use("ConfigMap", strAt(src, "configMap", "name"));
      use("Secret", strAt(src, "secret", "name"));
    }
  }
  for (const c of [...listAt(p.spec, "initContainers"), ...listAt(p.spec, "containers")]) {
    for (const from of listAt(c, "envFrom")) {
      use("ConfigMap", strAt(from, "configMapRef", "name"));
      use("Secret", strAt(from, "secretRef", "name"));
    }
    const env = listAt(c, "env");
    for (const e of env) {
      use("ConfigMap", strAt(e, "valueFrom", "configMapKeyRef", "name"));
      use("Secret", strAt(e, "valueFrom", "secretKeyRef", "name"));
      // `X_HOST` with a dotted name is an endpoint outside the cluster's short names (RDS, ElastiCache, …).
      const host = strAt(e, "value");
      if (/HOST$/.test(strAt(e, "name")) && /^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/i.test(host)) {
        const port = env.map((x) => (strAt(x, "name") === strAt(e, "name").replace(/HOST$/, "PORT") ? strAt(x, "value") : "")).find((x) => x) ?? "";
        const n = node({ id: `host:${host}`, kind: "external", label: host });
        edge({ from: p.node.id, to: n.id, kind: "connects", label: port ? `${PORT_NAMES[Number(port)] ?? "TCP"} ${port}` : undefined });
      }
    }
  }
}

const portsLabel = (rule: unknown): string =>
  listAt(rule, "ports")
    .map((p) => `${strAt(p, "protocol") || "TCP"} ${strAt(p, "port") || "*"}`)
    .join(", ");

/** Peers of one rule as graph nodes: pods of the release, namespaces, IP blocks; none means everyone. */
function peerNodes(rule: unknown, peersKey: "from" | "to", policyNs: string, pods: readonly Pods[], node: NodeFn): GraphNode[] {
  const peers = listAt(rule, peersKey);
  if (peers.length === 0) {
    const ports = listAt(rule, "ports").map((p) => Number(dig(p, "port")));
    const named = ports.map((n) => PORT_NAMES[n]).filter((x): x is string => x !== undefined);
    const label = named.length > 0 ? `any host (${named.join(", ")})` : "any host";
    return [node({ id: `any:${label}`, kind: "external", label })];
  }
  const out: GraphNode[] = [];
  for (const peer of peers) {
    if (!isObj(peer)) continue;
    if (isObj(peer.ipBlock)) {
      out.push(node({ id: `cidr:${strAt(peer, "ipBlock", "cidr")}`, kind: "external", label: strAt(peer, "ipBlock", "cidr") }));
    } else if (peer.namespaceSelector !== undefined) {
      const labels = stringMap(dig(peer, "namespaceSelector", "matchLabels"));
      const name = labels["kubernetes.io/metadata.name"] ?? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(",");
      out.push(node({ id: `ns:${name || "*"}`, kind: "namespace", label: `namespace ${name || "any"}` }));
    } else if (isObj(peer.podSelector)) {
      for (const p of pods) if (p.namespace === policyNs && labelSelectorMatches(peer.podSelector, p.labels)) out.push(p.node);
    }
  }
  return out;
}

function policyEdges(o: TopologyObject, pods: readonly Pods[], node: NodeFn, edge: EdgeFn): void {
  const obj = o.obj as Obj;
  const ns = o.manifest.namespace;
  const targets = pods.filter((p) => p.namespace === ns && labelSelectorMatches(objAt(obj, "spec", "podSelector"), p.labels));
  const types = listAt(obj, "spec", "policyTypes").map(String);
  const ingressIsolated = types.includes("Ingress") || types.length === 0;
  for (const t of targets) {
    const allowedFrom = new Set<string>();
    for (const rule of listAt(obj, "spec", "ingress")) {
      for (const peer of peerNodes(rule, "from", ns, pods, node)) {
        allowedFrom.add(peer.id);
        edge({ from: peer.id, to: t.node.id, kind: "allowed", label: portsLabel(rule) || undefined });
      }
    }
    // Isolated pods refuse every other pod of the release that no rule lets in.
    if (ingressIsolated) {
      for (const p of pods) if (p.namespace === ns && !allowedFrom.has(p.node.id)) edge({ from: p.node.id, to: t.node.id, kind: "denied" });
    }
    if (types.includes("Egress")) {
      for (const rule of listAt(obj, "spec", "egress")) {
        for (const peer of peerNodes(rule, "to", ns, pods, node)) edge({ from: t.node.id, to: peer.id, kind: "allowed", label: portsLabel(rule) || undefined });
      }
    }
  }
}
