"use client";
// The YAML tab: the active layer's text in Monaco with the chart's values.schema.json (completion, hover,
// markers), offline. Every keystroke is the layer text itself, so the form follows at once and nothing
// typed is lost while the YAML is broken.
import type { JSONSchema } from "monaco-yaml";
import { LazyYamlEditor } from "@/components/editor/lazy-yaml-editor";
import { useLayerKeyMarks } from "@/components/workspace/use-layer-key-marks";
import { useWorkspace } from "@/components/workspace/use-workspace";
import { BASE_LAYER, layerText, withLayerText } from "@/lib/workspace/index";

export function LayerYaml({ schema }: { schema: JSONSchema | undefined }) {
  const { ws, update } = useWorkspace();
  const layer = ws.active;
  const marks = useLayerKeyMarks();
  const label = layer === BASE_LAYER ? "Values of the base layer" : `Values of environment ${layer}`;
  return (
    <LazyYamlEditor
      key={layer}
      path={`workspace/${layer}/values.yaml`}
      value={layerText(ws, layer)}
      schema={schema}
      label={label}
      marks={marks}
      onChange={(text) => update((w) => (w.active === layer ? withLayerText(w, layer, text) : w))}
    />
  );
}
