"use client";
// The left rail: the umbrella chart and each subchart, with how many of its values differ from the chart
// defaults in the active layer and whether the subchart is on by default.
import { useLayerValues } from "@/components/authoring/use-layer-values";
import type { OutlineNode } from "./chart-outline";

export interface NodeRailProps {
  nodes: OutlineNode[];
  selectedId: string;
  onSelect: (id: string) => void;
}

export function NodeRail({ nodes, selectedId, onSelect }: NodeRailProps) {
  const { changed } = useLayerValues();
  return (
    <nav className="studio-rail" aria-label="Chart">
      <ul>
        {nodes.map((node) => {
          const count = changed.get(node.id) ?? 0;
          return (
            <li key={node.id}>
              <button
                type="button"
                className="rail-item"
                aria-current={node.id === selectedId ? "page" : undefined}
                onClick={() => onSelect(node.id)}
              >
                <span>{node.label}</span>
                <span>
                  {count > 0 && (
                    <span className="state" data-testid="changed-count">
                      {count} changed{" "}
                    </span>
                  )}
                  {node.enabled !== undefined && (
                    // Text as well as the dot: colour is never the only signal.
                    <span className={node.enabled ? "state on" : "state off"}>
                      <span aria-hidden="true">{node.enabled ? "●" : "○"}</span> {node.enabled ? "on" : "off"}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
