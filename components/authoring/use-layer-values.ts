"use client";
// The active layer as the form sees it: effective values (chart defaults ⊕ base ⊕ environment, by the
// engine's coalescing), the paths the layer sets itself, and why the layer cannot be read, if it cannot.
// While the layer is broken the last readable values stay on screen, so nothing jumps or disappears.
import { useMemo, useRef } from "react";
import { effectiveValues, parseLayer, type PlainValue } from "@/lib/export/index";
import { HelmError } from "@/lib/helm/errors";
import { BASE_LAYER, environmentValues, joinPath, layerText, toPlainValue, walkValues } from "@/lib/workspace/index";
import { useWorkspace } from "@/components/workspace/use-workspace";

export interface LayerProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface LayerValues {
  values: PlainValue;
  setHere: ReadonlySet<string>;
  /** Why the layer's YAML cannot be read; null when it can. */
  problem: LayerProblem | null;
}

export function useLayerValues(): LayerValues {
  const { chart, ws } = useWorkspace();
  const layer = ws.active;
  const text = layerText(ws, layer);
  const lastGood = useRef<Omit<LayerValues, "problem"> | null>(null);
  // Environments read base too: recompute when either text changes.
  const baseText = ws.base;
  return useMemo(() => {
    try {
      const own = parseLayer({ name: `values-${layer}.yaml`, text });
      const values = layer === BASE_LAYER ? effectiveValues(chart, own) : environmentValues(chart, ws, layer);
      const setHere = new Set<string>();
      walkValues(own, (keys) => setHere.add(joinPath(keys)));
      lastGood.current = { values: toPlainValue(values), setHere };
      return { ...lastGood.current, problem: null };
    } catch (e) {
      if (!(e instanceof HelmError)) throw e;
      const fallback = lastGood.current ?? { values: {}, setHere: new Set<string>() };
      return { ...fallback, problem: { message: e.message, line: e.line, column: e.col } };
    }
    // `ws` matters only through these two texts: other workspace changes keep the same values object.
  }, [chart, layer, text, baseText]);
}
