"use client";
// The active layer (base or an environment) as YAML, edited in place: what is typed is the layer text
// that is saved, exported and shared, comments included.
import { LazyYamlEditor } from "@/components/editor/lazy-yaml-editor";
import { BASE_LAYER, layerText, withLayerText } from "@/lib/workspace/index";
import { useWorkspace } from "./use-workspace";
import styles from "./workspace.module.css";

export function LayerEditor() {
  const { ws, update } = useWorkspace();
  const layer = ws.active;
  const label = layer === BASE_LAYER ? "Values of the base layer" : `Values of environment ${layer}`;
  return (
    <section className={styles.editor} aria-labelledby="layer-title">
      <div className="pane-heading">
        <h2 id="layer-title">{label}</h2>
        <p className="muted">
          {layer === BASE_LAYER ? "Shared by every environment." : `Applied over base and the chart defaults, as values-${layer}.yaml.`}
        </p>
      </div>
      <LazyYamlEditor
        key={layer}
        path={`workspace/${layer}/values.yaml`}
        value={layerText(ws, layer)}
        label={label}
        onChange={(text) => update((w) => (w.active === layer ? withLayerText(w, layer, text) : w))}
      />
    </section>
  );
}
