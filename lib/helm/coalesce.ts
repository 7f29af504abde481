/**
 * Helm's values coalescing (pkg/chart/common/util/coalesce.go at v4.1.4) and the plain merges around it:
 * user values are merged into one map first (pkg/cli/values), then coalesced onto chart defaults, with
 * globals flowing down into every subchart.
 */
import type { GoMap, Value } from "../template/value";
import { formatValue, goTypeName, isGoMap } from "../template/value";
import { type Reading, readValuesReading, rereadBlockValues } from "./block-yaml";
import type { Chart } from "./chart";
import { HelmError } from "./errors";
import { copyPlain, copyValues, internValues, isShared, own, SharedMap, sharedValues, withValuesAt } from "./shared-values";
import { YamlError, parseValuesYaml } from "./yaml/index";

/** Collects Helm's log lines (`level=INFO msg="warning: …"`) instead of printing them. */
export type WarnFn = (message: string) => void;

const concatPrefix = (a: string, b: string): string => (a === "" ? b : `${a}.${b}`);

/** A deep copy of a values tree, shared maps and arrays copied too (copyValues). */
export const deepCopyValue = <T extends Value>(v: T): T => copyValues(v, false);

/**
 * pkg/cli/values mergeMaps: maps merge recursively, anything else (nil included) replaces.
 * Used to fold -f files and --set flags into one user-values map. Mutates and returns `base`
 * (a shared map in it is copied before it changes).
 */
export function mergeMaps(base: GoMap, override: GoMap): GoMap {
  for (const [k, v] of override) {
    const cur = base.get(k);
    if (isGoMap(v) && isGoMap(cur)) base.set(k, mergeMaps(own(cur), v));
    else base.set(k, v);
  }
  return base;
}

/**
 * Coalesces user values onto a chart tree's defaults (Helm's CoalesceValues / MergeValues). Neither
 * `vals` nor the charts' defaults change: the result is built on copies, as Helm's copystructure does.
 */
export function coalesceValues(chart: Chart, vals: GoMap, warn: WarnFn, merge = false): GoMap {
  return coalesce(chart, own(copyPlain(vals)), "", merge, warn);
}

/** coalesceValues for user values the caller hands over and never reads again: they become the result, uncopied. */
export function coalesceOwnedValues(chart: Chart, vals: GoMap, warn: WarnFn): GoMap {
  return coalesce(chart, vals, "", false, warn);
}

function coalesce(chart: Chart, dest: GoMap, prefix: string, merge: boolean, warn: WarnFn): GoMap {
  coalesceChartValues(chart, dest, prefix, merge, warn);
  return coalesceDeps(chart, dest, prefix, merge, warn);
}

function coalesceDeps(chart: Chart, dest: GoMap, prefix: string, merge: boolean, warn: WarnFn): GoMap {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    const cur = dest.get(name);
    if (cur === undefined) dest.set(name, new Map());
    else if (!isGoMap(cur)) {
      // Go's fmt.Errorf("type mismatch on %s: %t", …): a bool prints as itself, anything else as a bad verb.
      const printed = typeof cur === "boolean" ? String(cur) : `%!t(${goTypeName(cur)}=${formatValue(cur)})`;
      throw new HelmError({ code: "VALUES_INVALID", valuesPath: name, message: `type mismatch on ${name}: ${printed}` });
    }
    // The subchart's values change below: a map shared with the chart defaults is copied first.
    const dv = own(dest.get(name) as GoMap);
    const subPrefix = concatPrefix(prefix, chart.metadata.name);
    coalesceGlobals(dv, dest, subPrefix, warn);
    dest.set(name, coalesce(sub, dv, subPrefix, merge, warn));
  }
  return dest;
}

/** Copies the globals of `src` (the parent's values) into `dest` (a subchart's); the parent wins. */
function coalesceGlobals(dest: GoMap, src: GoMap, prefix: string, warn: WarnFn): void {
  const destGlob = dest.get("global");
  const srcGlob = src.get("global");
  let dg: GoMap;
  let sg: GoMap;
  if (destGlob === undefined) dg = new Map();
  // Globals are copied shallowly from chart to chart below (as Helm does), so a change deep in one is
  // seen by the others: they must be real copies, never shared defaults that `own` would copy apart.
  else if (isGoMap(destGlob)) dg = holdsShared(destGlob) ? deepCopyValue(destGlob) : destGlob;
  else {
    warn("warning: skipping globals because destination global is not a table.");
    return;
  }
  if (srcGlob === undefined) sg = new Map();
  else if (isGoMap(srcGlob)) sg = srcGlob;
  else {
    warn("warning: skipping globals because source global is not a table.");
    return;
  }
  for (const [key, val] of sg) {
    if (isGoMap(val)) {
      const vv: GoMap = new Map(val);
      const destv = dg.get(key);
      if (destv === undefined) dg.set(key, vv);
      else if (!isGoMap(destv)) warn(`Conflict: cannot merge map onto non-map for "${key}". Skipping.`);
      else {
        coalesceTables(vv, destv, concatPrefix(prefix, key), true, warn);
        dg.set(key, vv);
      }
    } else if (isGoMap(dg.get(key))) warn(`key ${key} is table. Skipping`);
    else dg.set(key, val);
  }
  dest.set("global", dg);
}

/**
 * Builds one chart's values: `v` (from above) overrides the chart's own defaults. Frozen defaults
 * (SharedMap) are shared into `v` rather than copied, except `global` (see coalesceGlobals).
 */
function coalesceChartValues(chart: Chart, v: GoMap, prefix: string, merge: boolean, warn: WarnFn): void {
  const subPrefix = concatPrefix(prefix, chart.metadata.name);
  const global = v.get("global");
  if (isGoMap(global) && holdsShared(global)) v.set("global", deepCopyValue(global));
  const shared = chart.values instanceof SharedMap;
  const defaults = shared ? chart.values : deepCopyValue(chart.values);
  for (const [key, dflt] of defaults) {
    const val = shared && key === "global" ? deepCopyValue(dflt) : dflt;
    if (!v.has(key)) {
      v.set(key, val);
      continue;
    }
    const value = v.get(key) ?? null;
    if (value === null && !merge) v.delete(key);
    else if (isGoMap(value)) {
      if (!isGoMap(val)) {
        if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
      } else {
        const childMerge = chart.dependencies.some((d) => d.metadata.name === key) || merge;
        coalesceChild(v, key, value, val, concatPrefix(subPrefix, key), childMerge, warn);
      }
    }
  }
}

/** Whether a tree holds a shared map or array (see coalesceGlobals: globals must not). An explicit stack: globals nest 9,999 deep. */
function holdsShared(v: Value): boolean {
  const todo = [v];
  for (let x = todo.pop(); x !== undefined; x = todo.pop()) {
    if (isShared(x)) return true;
    if (isGoMap(x)) for (const y of x.values()) todo.push(y);
  }
  return false;
}

/** `m[key]` (the map `value`), copied into place first when it is shared. */
function ownChild(m: GoMap, key: string, value: GoMap): GoMap {
  const owned = own(value);
  if (owned !== value) m.set(key, owned);
  return owned;
}

/**
 * coalesceTables of two shared maps, by their identities, the prefix and the mode: each render meets
 * the same pairs (the user's unchanged subtrees and the defaults), and the shared result lets what is
 * computed from it later (schema verdicts, toYaml) be found again too.
 */
const coalescedPairs = new WeakMap<SharedMap, WeakMap<SharedMap, Map<string, { values: SharedMap; warnings: string[] }>>>();

/** One map being coalesced: `src`'s entries still to merge into `dst`, and what to do when they are merged. */
interface Coalescing {
  dst: GoMap;
  entries: Iterator<[string, Value]>;
  prefix: string;
  merge: boolean;
  warn: WarnFn;
  done?: () => void;
}

/**
 * `m[key] = coalesceTables(m[key], src)`: answered from memory for two shared maps (undefined), else
 * the coalescing to run, on a copy when `value` is shared (and remembered for two shared maps).
 */
function childCoalescing(m: GoMap, key: string, value: GoMap, src: GoMap, prefix: string, merge: boolean, warn: WarnFn): Coalescing | undefined {
  if (!(value instanceof SharedMap && src instanceof SharedMap)) return { dst: ownChild(m, key, value), entries: src.entries(), prefix, merge, warn };
  let bySrc = coalescedPairs.get(value);
  if (bySrc === undefined) coalescedPairs.set(value, (bySrc = new WeakMap()));
  let byMode = bySrc.get(src);
  if (byMode === undefined) bySrc.set(src, (byMode = new Map()));
  const mode = `${merge}\n${prefix}`;
  const known = byMode.get(mode);
  if (known !== undefined) {
    known.warnings.forEach(warn);
    m.set(key, known.values);
    return undefined;
  }
  const warnings: string[] = [];
  const dst = new Map(value);
  const done = (): void => {
    const result = { values: sharedValues(dst), warnings };
    byMode.set(mode, result);
    warnings.forEach(warn);
    m.set(key, result.values);
  };
  return { dst, entries: src.entries(), prefix, merge, warn: (w) => void warnings.push(w), done };
}

/**
 * Runs `first` and the coalescing of every pair of maps below it, depth first in `src`'s order, with an
 * explicit stack: values may nest as deep as YAML lets them (10000 levels). `dst` is authoritative
 * (coalesceTablesFullKey); only `dst` maps change. Helm first sets `src[k] = nil` for each nil `dst[k]`:
 * that changes nothing below but which keys a nil `dst` value is deleted for (those `src` had non-nil),
 * so `src` is read as it was and left alone.
 */
function runCoalescing(first: Coalescing | undefined): void {
  const stack = first === undefined ? [] : [first];
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    const next = f.entries.next();
    if (next.done === true) {
      stack.pop();
      f.done?.();
      continue;
    }
    const [key, val] = next.value;
    const has = f.dst.has(key);
    const dv = f.dst.get(key) ?? null;
    if (has && dv === null) {
      if (!f.merge && val !== null) f.dst.delete(key);
    } else if (!has) f.dst.set(key, val);
    else if (isGoMap(val)) {
      if (isGoMap(dv)) {
        const child = childCoalescing(f.dst, key, dv, val, concatPrefix(f.prefix, key), f.merge, f.warn);
        if (child !== undefined) stack.push(child);
      } else f.warn(`warning: cannot overwrite table with non table for ${concatPrefix(f.prefix, key)} (${formatValue(val)})`);
    } else if (isGoMap(dv) && val !== null) {
      f.warn(`warning: destination for ${concatPrefix(f.prefix, key)} is a table. Ignoring non-table value (${formatValue(val)})`);
    }
  }
}

/** `m[key] = coalesceTables(m[key], src)`: from memory for two shared maps, else on a copy when `value` is shared. */
function coalesceChild(m: GoMap, key: string, value: GoMap, src: GoMap, prefix: string, merge: boolean, warn: WarnFn): void {
  runCoalescing(childCoalescing(m, key, value, src, prefix, merge, warn));
}

/** Merges `src` into `dst` (see runCoalescing). Mutates `dst` only. */
export function coalesceTables(dst: GoMap, src: GoMap, prefix: string, merge: boolean, warn: WarnFn): GoMap {
  runCoalescing({ dst, entries: src.entries(), prefix, merge, warn });
  return dst;
}

/**
 * Parsed values texts, most recently used last: a render re-reads the same layers on every keystroke,
 * and parsing them dominates a warm render. Parsing depends on the text alone. The trees are shared
 * (frozen), and a new text's tree reuses the unchanged subtrees of the last one read; one that differs
 * from the last only in plain one-word scalars is read from it (block-yaml.ts rereadBlockValues).
 */
const parsedValues = new Map<string, Parsed>();
const PARSED_VALUES_MAX = 32;
let lastParsed: Parsed | undefined;

interface Parsed {
  values: SharedMap;
  /** The fast reader's reading of the text, when it read it. */
  reading?: Reading;
}

/** A values text's shared tree, read from the last text's reading when it can be, else parsed in full. */
function parseShared(text: string, what: string): Parsed {
  const last = lastParsed;
  const again = last?.reading && rereadBlockValues(last.reading, text);
  if (again) {
    const values = withValuesAt(last!.values, again.edits);
    if (values !== undefined) return { values, reading: again.reading };
  }
  let fresh: GoMap;
  let reading: Reading | undefined;
  try {
    const fast = readValuesReading(text);
    fresh = fast?.values ?? parseValuesYaml(text);
    reading = fast?.reading;
  } catch (e) {
    if (e instanceof YamlError) throw new HelmError({ code: "VALUES_INVALID", message: `${what}: ${e.message}`, line: e.line, col: e.column });
    throw e;
  }
  return { values: internValues(fresh, last?.values), reading };
}

/**
 * Helm's loader.LoadValues: every YAML document of a values file, merged in order (v4 reads all documents),
 * as a shared tree (copy before changing: own, copyPlain). `what` prefixes parse errors the way the
 * caller words them (`cannot load values.yaml`).
 */
export function loadSharedValues(text: string, what: string): SharedMap {
  let parsed = parsedValues.get(text);
  if (parsed === undefined) {
    parsed = parseShared(text, what);
    if (parsedValues.size >= PARSED_VALUES_MAX) parsedValues.delete(parsedValues.keys().next().value ?? "");
  } else {
    parsedValues.delete(text);
  }
  parsedValues.set(text, parsed);
  lastParsed = parsed;
  return parsed.values;
}

/** loadSharedValues as a plain tree the caller may change. */
export function loadValuesText(text: string, what: string): GoMap {
  return deepCopyValue(loadSharedValues(text, what));
}
