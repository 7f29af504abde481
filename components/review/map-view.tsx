"use client";
// Map: the topology of the render as an SVG (Ingress → Service → workload, config, endpoints, and the
// traffic NetworkPolicies allow or deny), downloadable as a standalone .svg file.
import { useMemo, useRef } from "react";
import type { EdgeKind, NodeKind, TopologyGraph } from "@/lib/topology/graph";
import { layoutGraph } from "@/lib/topology/layout";
import styles from "./review.module.css";

const FILL: Record<NodeKind, string> = {
  namespace: "#f3e8ff",
  ingress: "#e6eefb",
  service: "#e0f2f1",
  workload: "#fff4d6",
  config: "#f1f3f5",
  secret: "#fde8e8",
  external: "#ffffff",
};
const STROKE: Record<EdgeKind, { color: string; dash?: string; width: number }> = {
  routes: { color: "#1f5fbf", width: 1.6 },
  selects: { color: "#1b1f24", width: 1.6 },
  uses: { color: "#8a94a3", dash: "2 3", width: 1 },
  connects: { color: "#6f42c1", width: 1.2 },
  allowed: { color: "#1a7f37", width: 1.4 },
  denied: { color: "#cf222e", dash: "5 4", width: 1 },
};

export function MapView({ graph, environment }: { graph: TopologyGraph; environment: string }) {
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const svg = useRef<SVGSVGElement | null>(null);
  const at = new Map(layout.nodes.map((n) => [n.id, n]));
  const { nodeWidth: w, nodeHeight: h } = layout;

  const download = () => {
    if (!svg.current) return;
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg.current)}`;
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `topology-${environment}.svg`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className={styles.map}>
      <p className={styles.toolbar}>
        <button type="button" onClick={download}>
          Download SVG
        </button>
        <span className="muted">
          {graph.edges.filter((e) => e.kind === "allowed").length} allowed, {graph.edges.filter((e) => e.kind === "denied").length} denied (dashed red) by NetworkPolicy
        </span>
      </p>
      <svg ref={svg} xmlns="http://www.w3.org/2000/svg" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={`Topology of ${environment}`} fontFamily="system-ui, sans-serif" fontSize="11">
        <defs>
          {Object.entries(STROKE).map(([k, s]) => (
            <marker key={k} id={`arrow-${k}`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill={s.color} />
            </marker>
          ))}
        </defs>
        {graph.edges.map((e, i) => {
          const a = at.get(e.from);
          const b = at.get(e.to);
          if (!a || !b) return null;
          const s = STROKE[e.kind];
          const forward = b.x >= a.x;
          const x1 = forward ? a.x + w : a.x;
          const x2 = forward ? b.x : b.x + w;
          const y1 = a.y + h / 2;
          const y2 = b.y + h / 2;
          const mid = (x1 + x2) / 2;
          return (
            <path key={i} d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} fill="none" stroke={s.color} strokeWidth={s.width} strokeDasharray={s.dash} markerEnd={`url(#arrow-${e.kind})`} data-edge={e.kind}>
              <title>{`${e.kind}: ${e.from} → ${e.to}${e.label ? ` (${e.label})` : ""}`}</title>
            </path>
          );
        })}
        {layout.nodes.map((n) => (
          <g key={n.id} transform={`translate(${n.x} ${n.y})`} data-node={n.kind}>
            <rect width={w} height={h} rx="5" fill={FILL[n.kind]} stroke="#8a94a3" />
            <text x="8" y="14" fill="#5a6270" fontSize="9">
              {n.resource ? n.resource.split("/")[0] : n.kind}
            </text>
            <text x="8" y="27" fill="#1b1f24">
              {n.label.length > 30 ? `${n.label.slice(0, 29)}…` : n.label}
            </text>
            <title>{n.id}</title>
          </g>
        ))}
      </svg>
    </div>
  );
}
