"use client";
// Provenance in the YAML tab: a mark beside every key of the active layer saying which layer sets it and
// what it overrides (lib/workspace/key-provenance). Styles: workspace.module.css (global class names,
// since Monaco adds them itself).
import { useMemo } from "react";
import type { LineMark } from "@/components/editor/yaml-editor";
import { layerKeyProvenance } from "@/lib/workspace/index";
import { useWorkspace } from "./use-workspace";

const PROVENANCE_CLASS = { base: "devmesh-prov devmesh-prov-base", env: "devmesh-prov devmesh-prov-env" } as const;

export function useLayerKeyMarks(): LineMark[] {
  const { chart, ws } = useWorkspace();
  return useMemo(() => layerKeyProvenance(chart, ws, ws.active).map((k) => ({ line: k.line, className: PROVENANCE_CLASS[k.source], hover: k.text })), [chart, ws]);
}
