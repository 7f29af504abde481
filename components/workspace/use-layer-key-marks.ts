"use client";
// Provenance in the YAML tab: a mark beside every key of the active layer saying which layer sets it and
// what it overrides (lib/workspace/key-provenance). Monaco adds the class names itself: the module's
// (workspace.module.css) style the mark, the plain `devmesh-prov-*` ones name it for tests.
import { useMemo } from "react";
import type { LineMark } from "@/components/editor/yaml-editor";
import { layerKeyProvenance } from "@/lib/workspace/index";
import { useWorkspace } from "./use-workspace";
import styles from "./workspace.module.css";

const PROVENANCE_CLASS = { base: `devmesh-prov-base ${styles.prov} ${styles.provBase}`, env: `devmesh-prov-env ${styles.prov} ${styles.provEnv}` };

export function useLayerKeyMarks(): LineMark[] {
  const { chart, ws } = useWorkspace();
  return useMemo(() => layerKeyProvenance(chart, ws, ws.active).map((k) => ({ line: k.line, className: PROVENANCE_CLASS[k.source], hover: k.text })), [chart, ws]);
}
