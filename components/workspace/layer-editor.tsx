"use client";
// The active layer (base or an environment) as YAML, edited in place: what is typed is the layer text
// that is saved, exported and shared, comments included. Folded until asked for, so Monaco loads only then.
import { useState } from "react";
import { LazyYamlEditor } from "@/components/editor/lazy-yaml-editor";
import { BASE_LAYER, layerText, withLayerText } from "@/lib/workspace/index";
import { useWorkspace } from "./use-workspace";
import styles from "./workspace.module.css";

export function LayerEditor() {
  const { ws, update } = useWorkspace();
  const [open, setOpen] = useState(false);
  const layer = ws.active;
  const label = layer === BASE_LAYER ? "Values of the base layer" : `Values of environment ${layer}`;
  return (
    <details className={styles.editor} open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="pane-heading">
        <strong>{label}</strong>{" "}
        <span className="muted">
          {layer === BASE_LAYER ? "(shared by every environment)" : `(over base and the chart defaults, as values-${layer}.yaml)`}
        </span>
      </summary>
      {open && (
        <LazyYamlEditor
          key={layer}
          path={`workspace/${layer}/values.yaml`}
          value={layerText(ws, layer)}
          label={label}
          onChange={(text) => update((w) => (w.active === layer ? withLayerText(w, layer, text) : w))}
        />
      )}
    </details>
  );
}
