/**
 * Provenance of every key written in a layer's YAML text, for the YAML tab: the line of the key, and which
 * layers set that values path (the chart's defaults, base, environments). Keys are read as Helm reads them
 * (helmKeyOf), so `on:` is the path `true` here too.
 */
import { LineCounter, isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import type { Chart } from "../helm/chart";
import { chartDefaults, helmKeyOf, parseLayer } from "../export/index";
import type { GoMap } from "../template/value";
import { walkValues } from "./provenance";
import { joinPath } from "./values-path";
import { BASE_LAYER, layerText, type Workspace } from "./workspace";

export interface KeyProvenance {
  /** 1-based line of the key in the layer text. */
  line: number;
  /** Dotted values path. */
  path: string;
  /** The layer whose text this is: `base` or `env`. */
  source: "base" | "env";
  /** The chart's defaults have this path too (the layer overrides a default). */
  overDefault: boolean;
  /** In an environment's text: base sets this path too. */
  overBase: boolean;
  /** In base's text: the environments that set this path again (base's value does not reach them). */
  overriddenIn: string[];
  /** One sentence for the hover. */
  text: string;
}

function pathSet(m: GoMap): Set<string> {
  const out = new Set<string>();
  walkValues(m, (keys) => out.add(joinPath(keys)));
  return out;
}

const safeParse = (name: string, text: string): GoMap => {
  try {
    return parseLayer({ name, text });
  } catch {
    return new Map();
  }
};

/** Every map key of `text` with its line, in document order (keys Helm would refuse are skipped). */
function keyLines(text: string): { line: number; keys: string[] }[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const out: { line: number; keys: string[] }[] = [];
  const walk = (map: YAMLMap, prefix: string[]): void => {
    for (const pair of map.items) {
      const key = helmKeyOf(pair.key);
      if (key === null || !isScalar(pair.key) || !pair.key.range) continue;
      const keys = [...prefix, key];
      out.push({ line: counter.linePos(pair.key.range[0]).line, keys });
      if (isMap(pair.value)) walk(pair.value, keys);
    }
  };
  if (isMap(doc.contents)) walk(doc.contents, []);
  return out;
}

// The chart's default paths, once per loaded chart (the YAML tab asks on every keystroke).
const defaultPaths = new WeakMap<Chart, Set<string>>();

/** Provenance of each key in `layer`'s text (`base` or an environment) of the workspace. */
export function layerKeyProvenance(chart: Chart, ws: Workspace, layer: string): KeyProvenance[] {
  let defaults = defaultPaths.get(chart);
  if (!defaults) defaultPaths.set(chart, (defaults = pathSet(chartDefaults(chart))));
  const base = pathSet(safeParse("values-base.yaml", ws.base));
  const envs = ws.environments.map((e) => ({ name: e.name, paths: pathSet(safeParse(`values-${e.name}.yaml`, e.values)) }));
  const isBase = layer === BASE_LAYER;
  return keyLines(layerText(ws, layer)).map(({ line, keys }) => {
    const path = joinPath(keys);
    const overDefault = defaults.has(path);
    const overBase = !isBase && base.has(path);
    const overriddenIn = isBase ? envs.filter((e) => e.paths.has(path)).map((e) => e.name) : [];
    const over = [overBase && "base", overDefault && "the chart default"].filter(Boolean).join(" and ");
    const text = isBase
      ? `Set in base${overDefault ? ", over the chart default" : ""}${overriddenIn.length > 0 ? `; set again in ${overriddenIn.join(", ")}` : ""}`
      : `Set in environment ${layer}${over ? `, over ${over}` : ""}`;
    return { line, path, source: isBase ? "base" : "env", overDefault, overBase, overriddenIn, text };
  });
}
