/** Positions for drawing a TopologyGraph left to right: traffic sources, Ingress, Service, workloads, config, endpoints. */
import type { GraphNode, NodeKind, TopologyGraph } from "./graph";

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}

export interface Layout {
  nodes: PlacedNode[];
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
}

const COLUMN: Readonly<Record<NodeKind, number>> = { namespace: 0, ingress: 1, service: 2, workload: 3, config: 4, secret: 4, external: 5 };

export function layoutGraph(g: TopologyGraph, nodeWidth = 190, nodeHeight = 34, gapX = 70, gapY = 14): Layout {
  const columns: GraphNode[][] = [[], [], [], [], [], []];
  for (const n of g.nodes) columns[COLUMN[n.kind]]?.push(n);
  const used = columns.filter((c) => c.length > 0);
  const nodes: PlacedNode[] = [];
  used.forEach((col, i) => {
    col.sort((a, b) => (a.kind === b.kind ? (a.label < b.label ? -1 : 1) : a.kind < b.kind ? -1 : 1));
    col.forEach((n, j) => nodes.push({ ...n, x: 10 + i * (nodeWidth + gapX), y: 10 + j * (nodeHeight + gapY) }));
  });
  const rows = Math.max(1, ...used.map((c) => c.length));
  return {
    nodes,
    width: 20 + used.length * nodeWidth + Math.max(0, used.length - 1) * gapX,
    height: 20 + rows * nodeHeight + (rows - 1) * gapY,
    nodeWidth,
    nodeHeight,
  };
}
