// The right pane: what the selected node will render from. Grows into Preview, Diff and Findings.
import type { OutlineNode } from "./chart-outline";

export function ReviewPane({ node }: { node: OutlineNode }) {
  return (
    <aside className="studio-review" aria-labelledby="review-title">
      <div className="pane-heading">
        <h2 id="review-title">Templates</h2>
        <p className="muted">
          {node.templates.length} file{node.templates.length === 1 ? "" : "s"} in {node.label}
        </p>
      </div>
      <ul className="file-list">
        {node.templates.map((path) => (
          <li key={path}>
            <code>{path}</code>
          </li>
        ))}
      </ul>
    </aside>
  );
}
