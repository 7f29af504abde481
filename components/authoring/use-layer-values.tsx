"use client";
// The active layer as the form and the rail see it, computed once for both: effective values (chart
// defaults ⊕ base ⊕ environment, by the engine's coalescing), the paths the layer sets itself and those an
// environment takes from base (provenance: default, base or the environment), why the
// layer cannot be read (if it cannot), the model's problems and the rail's change counts.
// While the layer is broken the last readable values stay on screen, so nothing jumps or disappears.
import { createContext, useContext, useMemo, useRef, type ReactNode } from "react";
import { authoringFields } from "@/lib/authoring/authoring-fields";
import { changedCounts } from "@/lib/authoring/changed-fields";
import { validateValues, type FieldProblem } from "@/lib/authoring/validate-values";
import { effectiveValues, parseLayer, type PlainValue } from "@/lib/export/index";
import { HelmError } from "@/lib/helm/errors";
import { BASE_LAYER, environmentValues, joinPath, layerText, toPlainValue, walkValues } from "@/lib/workspace/index";
import { useWorkspace } from "@/components/workspace/use-workspace";

/** Every field of the chart's model, in values.yaml order. */
export const FIELDS = authoringFields();
export const FIELDS_BY_PATH = new Map(FIELDS.map((f) => [f.path, f]));

export interface LayerProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface LayerValues {
  values: PlainValue;
  setHere: ReadonlySet<string>;
  /** In an environment: the paths the base layer sets (where the environment does not, they come from base). */
  fromBase: ReadonlySet<string>;
  /** Why the layer's YAML cannot be read; null when it can. */
  problem: LayerProblem | null;
  /** What the model says is wrong with the values, per field. */
  problems: readonly FieldProblem[];
  /** Fields per rail node whose value differs from the chart default. */
  changed: ReadonlyMap<string, number>;
}

const LayerValuesContext = createContext<LayerValues | null>(null);

export function useLayerValues(): LayerValues {
  const value = useContext(LayerValuesContext);
  if (!value) throw new Error("useLayerValues must be used inside <LayerValuesProvider>");
  return value;
}

const NO_PATHS: ReadonlySet<string> = new Set();

function pathsOf(layer: Parameters<typeof walkValues>[0]): Set<string> {
  const out = new Set<string>();
  walkValues(layer, (keys) => out.add(joinPath(keys)));
  return out;
}

export function LayerValuesProvider({ children }: { children: ReactNode }) {
  const { chart, ws } = useWorkspace();
  const layer = ws.active;
  const text = layerText(ws, layer);
  const lastGood = useRef<Pick<LayerValues, "values" | "setHere"> | null>(null);
  // Environments read base too: recompute when either text changes.
  const baseText = ws.base;
  const read = useMemo(() => {
    try {
      const own = parseLayer({ name: `values-${layer}.yaml`, text });
      const values = layer === BASE_LAYER ? effectiveValues(chart, own) : environmentValues(chart, ws, layer);
      lastGood.current = { values: toPlainValue(values), setHere: pathsOf(own) };
      return { ...lastGood.current, problem: null };
    } catch (e) {
      if (!(e instanceof HelmError)) throw e;
      const fallback = lastGood.current ?? { values: {}, setHere: new Set<string>() };
      return { ...fallback, problem: { message: e.message, line: e.line, column: e.col } };
    }
    // `ws` matters only through these two texts: other workspace changes keep the same values object.
  }, [chart, layer, text, baseText]);
  // Depends on base alone, so typing in an environment does not walk base again. A broken base is
  // reported by `read` above (environments cannot be computed then); until it is fixed no badge shows.
  const fromBase = useMemo(() => {
    if (layer === BASE_LAYER) return NO_PATHS;
    try {
      return pathsOf(parseLayer({ name: "values-base.yaml", text: baseText }));
    } catch (e) {
      if (e instanceof HelmError) return NO_PATHS;
      throw e;
    }
  }, [layer, baseText]);
  return (
    <Checked read={read} fromBase={fromBase}>
      {children}
    </Checked>
  );
}

/**
 * The whole-model check and the counts, in a component of their own: a transition's render can yield
 * between it and the one that reads the layer, so neither long step adds to the other.
 */
function Checked({ read, fromBase, children }: { read: Pick<LayerValues, "values" | "setHere" | "problem">; fromBase: ReadonlySet<string>; children: ReactNode }) {
  const problems = useMemo(() => validateValues(read.values, FIELDS), [read.values]);
  const changed = useMemo(() => changedCounts(read.values, FIELDS), [read.values]);
  const value = useMemo(() => ({ ...read, fromBase, problems, changed }), [read, fromBase, problems, changed]);
  return <LayerValuesContext.Provider value={value}>{children}</LayerValuesContext.Provider>;
}
