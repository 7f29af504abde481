// The left rail: the umbrella chart and each subchart, with whether the subchart is on by default.
import type { OutlineNode } from "./chart-outline";

export interface NodeRailProps {
  nodes: OutlineNode[];
  selectedId: string;
  onSelect: (id: string) => void;
}

export function NodeRail({ nodes, selectedId, onSelect }: NodeRailProps) {
  return (
    <nav className="studio-rail" aria-label="Chart">
      <ul>
        {nodes.map((node) => (
          <li key={node.id}>
            <button
              type="button"
              className="rail-item"
              aria-current={node.id === selectedId ? "page" : undefined}
              onClick={() => onSelect(node.id)}
            >
              <span>{node.label}</span>
              {node.enabled !== undefined && (
                // Text as well as the dot: colour is never the only signal.
                <span className={node.enabled ? "state on" : "state off"}>
                  <span aria-hidden="true">{node.enabled ? "●" : "○"}</span> {node.enabled ? "on" : "off"}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
