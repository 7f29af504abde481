/**
 * Dependency processing (pkg/chart/v2/util/dependencies.go at v4.1.4): aliases, condition/tags, removal of
 * disabled subcharts and import-values. Works on copies: the loaded chart stays untouched so it can be
 * rendered again with other values.
 */
import type { GoMap, Value } from "../template/value";
import { FuncError, isGoMap } from "../template/value";
import type { Chart, Dependency } from "./chart";
import { coalesceTables, coalesceValues, deepCopyValue, type WarnFn } from "./coalesce";
import { HelmError } from "./errors";
import { helmFuncs } from "./funcs";
import { slogValue } from "./manifests";
import { goQuote } from "../template/token";
import { SharedMap, sharedValues } from "./shared-values";

/** Masterminds semver `constraint` check of `version` (false when either does not parse). */
export type CompatibleFn = (constraint: string, version: string) => boolean;

/** chartutil.IsCompatibleRange, through Sprig's semverCompare (the same Masterminds semantics). */
export const isCompatibleRange: CompatibleFn = (constraint, version) => {
  const key = `${constraint}\n${version}`;
  let ok = compatibleCache.get(key);
  if (ok === undefined) {
    ok = false;
    try {
      ok = helmFuncs().get("semverCompare")?.call(constraint, version) === true;
    } catch (e) {
      if (!(e instanceof FuncError)) throw e;
    }
    compatibleCache.set(key, ok);
  }
  return ok;
};

// Charts check the same few constraints on every render.
const compatibleCache = new Map<string, boolean>();

/** Values.Table: walks a dotted path of tables; the table, or the first key that is missing or not a table. */
function lookupTable(v: GoMap, path: string): { table: GoMap } | { missing: string } {
  let t: GoMap = v;
  for (const n of path.split(".")) {
    const next = t.get(n);
    if (!isGoMap(next)) return { missing: n };
    t = next;
  }
  return { table: t };
}

/** Values.Table without its error: undefined when any step is missing or not a table. */
export function valuesTable(v: GoMap, path: string): GoMap | undefined {
  const r = lookupTable(v, path);
  return "table" in r ? r.table : undefined;
}

/** Values.PathValue: a non-table value at a dotted path. */
function pathValue(v: GoMap, path: string): { found: boolean; value: Value } {
  const parts = path.split(".");
  const key = parts.pop() ?? "";
  const t = parts.length === 0 ? v : valuesTable(v, parts.join("."));
  if (!t || !t.has(key) || isGoMap(t.get(key))) return { found: false, value: null };
  return { found: true, value: t.get(key) ?? null };
}

/** CheckDependencies: every Chart.yaml dependency must be in charts/ (by name). */
export function checkDependencies(chart: Chart): void {
  const missing = chart.metadata.dependencies.filter((r) => !chart.dependencies.some((d) => d.metadata.name === r.name)).map((r) => r.name);
  if (missing.length > 0) {
    throw new HelmError({
      code: "DEPENDENCY_MISSING",
      message: `an error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(", ")}`,
    });
  }
}

/**
 * A copy of a chart tree whose nodes own their metadata, dependency lists and parent links; their
 * defaults are the frozen copies every render shares.
 */
function copyTree(c: Chart, parent: Chart | undefined, name = c.metadata.name): Chart {
  const out: Chart = {
    ...c,
    values: sharedValues(c.values),
    parent,
    metadata: { ...c.metadata, name, dependencies: c.metadata.dependencies.map((d) => ({ ...d })) },
    dependencies: [],
  };
  out.dependencies = c.dependencies.map((d) => copyTree(d, out));
  return out;
}

function setDependencies(c: Chart, deps: Chart[]): void {
  c.dependencies = deps;
  for (const d of deps) d.parent = c;
}

function aliasDependency(charts: Chart[], dep: Dependency, compatible: CompatibleFn): Chart | undefined {
  for (const c of charts) {
    if (c.metadata.name !== dep.name) continue;
    if (!compatible(dep.version ?? "", c.metadata.version)) continue;
    return copyTree(c, c.parent, dep.alias || c.metadata.name);
  }
  return undefined;
}

/** What processEnabled read of the values: condition paths (as key lists), besides `tags`. */
type ConditionReads = string[][];

function processEnabled(c: Chart, v: GoMap, path: string, compatible: CompatibleFn, warn: WarnFn, reads: ConditionReads): void {
  const reqs = c.metadata.dependencies;
  if (reqs.length === 0 && !c.metadata.raw.has("dependencies")) return;
  const deps: Chart[] = c.dependencies.filter(
    (existing) => !reqs.some((req) => existing.metadata.name === req.name && compatible(req.version ?? "", existing.metadata.version)),
  );
  for (const req of reqs) {
    const dep = aliasDependency(c.dependencies, req, compatible);
    if (dep) deps.push(dep);
    if (req.alias) req.name = req.alias;
  }
  setDependencies(c, deps);
  for (const r of reqs) r.enabled = true;

  const cvals = coalesceValues(c, v, warn);
  const tags = cvals.get("tags");
  if (isGoMap(tags)) {
    for (const r of reqs) {
      let hasTrue = false;
      let hasFalse = false;
      for (const k of r.tags ?? []) {
        if (!tags.has(k)) continue;
        const b = tags.get(k);
        if (typeof b === "boolean") {
          if (b) hasTrue = true;
          else hasFalse = true;
        } else warn(`level=WARN msg="returned non-bool value" tag=${slogValue(k)} chart=${slogValue(r.name)}`);
      }
      r.enabled = hasTrue || !hasFalse;
    }
  }
  for (const r of reqs) {
    for (const cond of (r.condition ?? "").trim().split(",")) {
      if (cond.length === 0) continue;
      reads.push((path + cond).split("."));
      const pv = pathValue(cvals, path + cond);
      if (!pv.found) continue;
      if (typeof pv.value === "boolean") {
        r.enabled = pv.value;
        break;
      }
      warn(`level=WARN msg="returned non-bool value" path=${slogValue(cond)} chart=${slogValue(r.name)}`);
    }
  }
  const removed = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const kept = c.dependencies.filter((d) => !removed.has(d.metadata.name));
  setDependencies(c, kept);
  c.metadata.dependencies = reqs.filter((r) => !removed.has(r.name));
  for (const t of kept) processEnabled(t, cvals, `${path}${t.metadata.name}.`, compatible, warn, reads);
}

function pathToMap(path: string, data: GoMap): GoMap {
  if (path === ".") return data;
  let cur: GoMap = data;
  const parts = path.split(".");
  for (let i = parts.length - 1; i >= 0; i--) cur = new Map([[parts[i] ?? "", cur]]);
  return cur;
}

/** What import-values computes for a chart: its new defaults and the warnings on the way. */
interface Imported {
  values: SharedMap;
  warnings: string[];
}

/**
 * Import-values results by everything they are computed from (chart names, defaults by identity,
 * enabled dependencies and their import-values): no user value enters, so renders share them.
 */
const importedCache = new Map<string, Imported>();
const IMPORTED_MAX = 64;
const treeIds = new WeakMap<GoMap, number>();
let nextTreeId = 0;

function importKey(c: Chart): string {
  let id = treeIds.get(c.values);
  if (id === undefined) treeIds.set(c.values, (id = nextTreeId++));
  const reqs = c.metadata.dependencies.map((r) => [r.name, r.importValues ?? []]);
  return JSON.stringify([c.metadata.name, id, reqs, c.dependencies.map(importKey)]);
}

/** Import-values entries in their long form (a string `x` is `{child: exports.x, parent: .}`). */
const importEntries = (r: Dependency): { child: string; parent: string }[] =>
  (r.importValues ?? []).map((iv) => (typeof iv === "string" ? { child: `exports.${iv}`, parent: "." } : iv));

function importValues(c: Chart): Imported {
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m);
  const cvals = coalesceValues(c, new Map(), warn, true);
  let b: GoMap = new Map();
  for (const r of c.metadata.dependencies) {
    (r.importValues ?? []).forEach((iv, i) => {
      const { child, parent } = importEntries(r)[i]!;
      const found = lookupTable(cvals, `${r.name}.${child}`);
      if ("missing" in found) {
        // ErrNoTable's text, `"key" is not a table`, as slog quotes an error.
        const error = slogValue(`${goQuote(found.missing)} is not a table`);
        warn(`level=WARN msg=${typeof iv === "string" ? `"ImportValues missing table"` : `"ImportValues missing table from chart" chart=${slogValue(r.name)}`} error=${error}`);
        return;
      }
      b = coalesceTables(b, pathToMap(parent, deepCopyValue(found.table)), "", true, warn);
    });
  }
  return { values: sharedValues(coalesceTables(deepCopyValue(cvals), b, "", true, warn)), warnings };
}

function processImportValues(c: Chart, warn: WarnFn): void {
  if (c.metadata.dependencies.length === 0 && !c.metadata.raw.has("dependencies")) return;
  const key = importKey(c);
  let imported = importedCache.get(key);
  if (imported === undefined) {
    imported = importValues(c);
    if (importedCache.size >= IMPORTED_MAX) importedCache.delete(importedCache.keys().next().value ?? "");
    importedCache.set(key, imported);
  }
  imported.warnings.forEach(warn);
  for (const r of c.metadata.dependencies) r.importValues = importEntries(r);
  c.values = imported.values;
}

function processImportValuesDeep(c: Chart, warn: WarnFn): void {
  for (const d of c.dependencies) processImportValuesDeep(d, warn);
  processImportValues(c, warn);
}

/** A loaded chart's last dependency processing that succeeded: its input, what it read, its outcome. */
interface LastProcessing {
  compatible: CompatibleFn;
  /** The user values' top level as they were handed in (their maps are shared, so unchanged since). */
  user: GoMap;
  reads: ConditionReads;
  effective: Chart;
  warnings: string[];
}

const lastProcessing = new WeakMap<Chart, LastProcessing>();

/**
 * Whether processing `now` gives what processing `before` gave: the two differ only in values that are
 * neither null nor maps, replaced by others of that kind, at paths no condition read and outside `tags`.
 * Coalescing then builds maps of the same shape with the same warnings (which print keys and the
 * charts' defaults, never a user's value that is not a map), and every condition and tag reads what it read.
 * Maps are compared by identity below the top level: a values text read again keeps the maps of its
 * unchanged parts (shared-values.ts); a map that is not shared (from --set) is taken as changed.
 */
function sameOutcome(before: GoMap, now: GoMap, reads: ConditionReads): boolean {
  const todo: [GoMap, GoMap, string[]][] = [[before, now, []]];
  for (let t = todo.pop(); t !== undefined; t = todo.pop()) {
    const [a, b, path] = t;
    if (a.size !== b.size) return false;
    const keys = b.keys();
    for (const [k, x] of a) {
      if (keys.next().value !== k) return false;
      const y = b.get(k) ?? null;
      if (x === y) continue;
      const at = [...path, k];
      if (x instanceof SharedMap && y instanceof SharedMap) todo.push([x, y, at]);
      else if (x === null || y === null || isGoMap(x) || isGoMap(y) || at[0] === "tags" || reads.some((r) => reaches(r, at))) return false;
    }
  }
  return true;
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * Whether a condition that read `read` can see a change at `at`: the same path, or, for a change under a
 * `global`, that path below the `global` coalescing copies into every chart under `at`'s (a nested chart's
 * condition `global.x` reads `sub.global.x`). Chart names between are not checked: a stranger match only
 * costs a full processing.
 */
function reaches(read: readonly string[], at: readonly string[]): boolean {
  if (sameKeys(read, at)) return true;
  const g = at.indexOf("global");
  if (g < 0 || read.length < at.length) return false;
  for (let i = 0; i < g; i++) if (read[i] !== at[i]) return false;
  return sameKeys(read.slice(read.length - (at.length - g)), at.slice(g));
}

/**
 * ProcessDependencies on a copy of `chart`: returns the effective chart tree (aliases applied, disabled
 * subcharts removed, imported values folded into each parent's defaults). The last outcome is reused
 * when the user values changed only where it cannot differ (see sameOutcome): its conditions coalesce
 * every value of the chart, which costs as much as the render's own coalescing.
 */
export function processDependencies(chart: Chart, userValues: GoMap, compatible: CompatibleFn, warn: WarnFn): Chart {
  const user = new Map(userValues);
  const last = lastProcessing.get(chart);
  if (last !== undefined && last.compatible === compatible && sameOutcome(last.user, user, last.reads)) {
    last.user = user;
    last.warnings.forEach(warn);
    return last.effective;
  }
  const warnings: string[] = [];
  const record: WarnFn = (m) => {
    warnings.push(m);
    warn(m);
  };
  const reads: ConditionReads = [];
  const root = copyTree(chart, undefined);
  try {
    processEnabled(root, userValues, "", compatible, record, reads);
    processImportValuesDeep(root, record);
  } catch (e) {
    lastProcessing.delete(chart);
    if (!(e instanceof HelmError)) throw e;
    // Helm logs the failure, then reports it wrapped.
    warn(`level=ERROR msg="chart dependencies processing failed" error=${slogValue(e.message)}`);
    throw new HelmError({ code: e.code, valuesPath: e.valuesPath, message: `chart dependencies processing failed: ${e.message}` });
  }
  lastProcessing.set(chart, { compatible, user, reads, effective: root, warnings });
  return root;
}
