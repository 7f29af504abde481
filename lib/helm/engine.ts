/**
 * Helm's rendering engine (pkg/engine/engine.go at v4.1.4): one template set over every enabled chart's
 * templates, parsed deepest path first and reverse-lexically at equal depth (so the parent's defines win),
 * `_*` files parsed but not rendered, `<no value>` stripped, and Go's errors rewritten as Helm prints them.
 * The parsed set is cached on the loaded chart: rendering again with other values does not re-parse.
 */
import type { ContextFunc, ExecContext, TemplateFunc } from "../template/func";
import { goQuote } from "../template/token";
import { TemplateExecError, TemplateParseError } from "../template/errors";
import { TemplateSet } from "../template/template-set";
import type { GoMap, Value } from "../template/value";
import { FuncError, formatValue, goFunc, isGoMap, utf8String, withGoType } from "../template/value";
import type { Capabilities } from "./objects";
import { chartObject } from "./objects";
import { chartFullPath, type Chart } from "./chart";
import { helmExecError, helmParseError, warnWrap } from "./errors";
import { helmFuncs } from "./funcs";
import { newFiles } from "./files/index";
import { IncludeCache, NONDETERMINISTIC, RootMap } from "./include-cache";
import { markVarying, tracked, WriteCountedMap } from "./tracked-map";
import { type SubchartValues, TemplateReuse } from "./template-reuse";

const RECURSION_MAX = 1000;
const ROOT_NAME = "gotpl";

interface Renderable {
  /** The template's bytes: decoded only when the chart's parsed set is not cached yet. */
  data: Uint8Array;
  vals: GoMap;
  basePath: string;
  /** A subchart's `.Values`: the very map inside its parent's values (see collect). */
  subValues?: GoMap;
}

/** The render's templates and what the reuse of their outputs must know of the tree. */
interface Collected {
  tpls: Map<string, Renderable>;
  /** Subcharts' `.Values`, parents first. */
  subcharts: SubchartValues[];
  /** Each chart's path and its dependencies' enabled flags (`.Chart.Dependencies` shows them). */
  shape: string[];
  /** Each chart's `.Chart` map, which all its templates share. */
  charts: GoMap[];
}

/** Per-render state the set-bound functions read. */
interface RenderState {
  /**
   * Names of the includes now running, outermost first. Helm counts each name's nesting; a name can be
   * nested more than RECURSION_MAX times only once the stack is deeper than that, so it is counted then.
   */
  including: string[];
  /** Results of pure includes (include-cache.ts); set once the set is made. */
  cache: IncludeCache | null;
}

/** How many times `name` is in `stack`. */
function nesting(stack: readonly string[], name: string): number {
  let n = 0;
  for (const s of stack) if (s === name) n++;
  return n;
}

interface ParsedSet {
  set: TemplateSet;
  state: RenderState;
  reuse: TemplateReuse;
}

const contextFunc = (params: ContextFunc["params"], call: ContextFunc["call"]): ContextFunc => ({ params, call, contextual: true, result: "any" });

/** include, tpl, required and fail: Helm's late-bound functions. */
function boundFuncs(state: RenderState): Map<string, TemplateFunc> {
  const include = contextFunc(["string", "any"], (ctx: ExecContext, ...args: Value[]) => {
    const name = args[0] as string;
    const data = args[1] ?? null;
    const stack = state.including;
    if (stack.length > RECURSION_MAX && nesting(stack, name) > RECURSION_MAX) {
      throw new FuncError(`rendering template has a nested reference name: ${name}: unable to execute template`);
    }
    const cache = state.cache!;
    const slot = cache.slot(ctx.set, name, data);
    // A recorded result means the template exists.
    if (slot !== null) {
      const text = cache.replay(slot, ctx, stack.length);
      if (text !== undefined) return text;
    }
    if (!ctx.set.has(name)) throw new FuncError(`template: no template ${goQuote(name)} associated with template ${goQuote(ROOT_NAME)}`);
    stack.push(name);
    try {
      return slot === null ? ctx.executeTemplate(name, data) : cache.record(slot, ctx, () => ctx.executeTemplate(name, data));
    } finally {
      stack.pop();
    }
  });
  const tpl = contextFunc(["string", "any"], (ctx: ExecContext, ...args: Value[]) => {
    const text = args[0] as string;
    const clone = ctx.set.clone();
    try {
      clone.parse(ROOT_NAME, text);
    } catch (e) {
      if (e instanceof TemplateParseError) throw new FuncError(`cannot parse template ${goQuote(text)}: ${e.goMessage}`);
      throw e;
    }
    try {
      return ctx.executeTemplate(ROOT_NAME, args[1] ?? null, clone).replaceAll("<no value>", "");
    } catch (e) {
      if (e instanceof TemplateExecError) throw new FuncError(`error during tpl function execution for ${goQuote(text)}: ${e.goMessage}`);
      throw e;
    }
  });
  return new Map<string, TemplateFunc>([
    ["include", include],
    ["tpl", tpl],
    [
      "required",
      goFunc(
        ["string", "any"],
        (warn: string, val: Value) => {
          if (val === null || val === "") throw new FuncError(warnWrap(warn));
          return val;
        },
        { result: "any" },
      ),
    ],
    [
      "fail",
      goFunc(
        ["string"],
        (msg: string) => {
          throw new FuncError(warnWrap(msg));
        },
        { result: "string" },
      ),
    ],
  ]);
}

/** byPathLen reversed: more '/' first, then reverse byte order. */
function sortTemplates(names: string[]): string[] {
  // Depths counted once per name, not per comparison.
  const depth = new Map(names.map((s) => [s, s.split("/").length]));
  return names.sort((a, b) => depth.get(b)! - depth.get(a)! || (a < b ? 1 : a > b ? -1 : 0));
}

/** The objects every template of the render shares. */
export interface RenderTop {
  release: GoMap;
  capabilities: Capabilities;
  values: GoMap;
}

/** recAllTpls: each chart's template data (.Chart, .Files, .Values scoped to the chart, .Subcharts). */
function collect(c: Chart, out: Collected, top: RenderTop, parentValues: GoMap | undefined): GoMap {
  // Its entries are the subcharts' top-level data, which count their own writes.
  const subcharts: GoMap = new WriteCountedMap();
  const chart = chartObject(c);
  let values: GoMap;
  // Helm's vals.Table shares the map: a subchart's `set` on its .Values is seen by its parent.
  if (parentValues === undefined) values = withGoType(top.values, "common.Values");
  else {
    const v = parentValues.get(c.metadata.name);
    values = isGoMap(v) ? v : new Map();
    out.subcharts.push({ parent: parentValues, name: c.metadata.name, map: values });
  }
  const next: GoMap = new RootMap([
    ["Chart", chart],
    ["Files", newFiles(c.files)],
    ["Release", top.release],
    ["Capabilities", top.capabilities],
    ["Values", values],
    ["Subcharts", subcharts],
  ]);
  out.charts.push(chart);
  for (const child of c.dependencies) subcharts.set(child.metadata.name, collect(child, out, top, values));
  const full = chartFullPath(c);
  out.shape.push(full, ...c.metadata.dependencies.map((d) => `${d.name} ${d.alias ?? ""} ${d.enabled ?? ""}`));
  const library = c.metadata.type === "library";
  for (const t of c.templates) {
    const base = t.name.slice(t.name.lastIndexOf("/") + 1);
    if (library && !base.startsWith("_")) continue;
    out.tpls.set(`${full}/${t.name}`, { data: t.data, vals: next, basePath: `${full}/templates`, subValues: parentValues && values });
  }
  return next;
}

/** `f` marking the running template's output as not reusable when called. */
function varying<F extends TemplateFunc>(f: F): F {
  const call = f.call as (...args: unknown[]) => Value;
  return {
    ...f,
    call: (...args: unknown[]) => {
      markVarying();
      return call(...args);
    },
  };
}

/** The parsed set for this exact list of templates, from the loaded chart's cache when possible. */
function parsedSet(owner: Chart, keys: string[], tpls: Map<string, Renderable>): ParsedSet {
  const cacheKey = keys.join("\n");
  const cache = (owner.cache ??= new Map<string, ParsedSet>()) as Map<string, ParsedSet>;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const state: RenderState = { including: [], cache: null };
  // The set-bound functions over Helm's and Sprig's, as a fixed map: the set resolves each name once.
  const funcs = new Map<string, TemplateFunc>([...helmFuncs(), ...boundFuncs(state)]);
  // A template that calls one of these gives another output next time: its output is not reused.
  for (const name of NONDETERMINISTIC) {
    const f = funcs.get(name);
    if (f !== undefined) funcs.set(name, varying(f));
  }
  const set = new TemplateSet(funcs, { rootName: ROOT_NAME, missingKey: "zero" });
  for (const name of keys) {
    const data = tpls.get(name)?.data;
    try {
      set.parse(name, data ? utf8String(data) : "");
    } catch (e) {
      if (e instanceof TemplateParseError) throw helmParseError(name, e);
      throw e;
    }
  }
  state.cache = new IncludeCache(set);
  const parsed = { set, state, reuse: new TemplateReuse() };
  cache.set(cacheKey, parsed);
  return parsed;
}

/**
 * Engine.Render: every template of the effective chart tree rendered into a map of
 * `chart/templates/x.yaml` → text. `owner` is the loaded chart that caches the parsed set.
 * Throws HelmError with Helm's message.
 */
export function renderTemplates(owner: Chart, effective: Chart, top: RenderTop): Map<string, string> {
  const collected: Collected = { tpls: new Map(), subcharts: [], shape: [], charts: [] };
  collect(effective, collected, top, undefined);
  const tpls = collected.tpls;
  const keys = sortTemplates([...tpls.keys()]);
  const { set, state, reuse } = parsedSet(owner, keys, tpls);
  state.including.length = 0;
  const cache = state.cache!;
  cache.reset();
  const rendered = new Map<string, string>();
  const release = [...top.release].map(([k, v]) => `${k}=${formatValue(v)}`);
  try {
    reuse.begin([...release, ...collected.shape].join("\n"), top.capabilities, top.values, collected.subcharts);
    // Maps every template of a chart shares: a write to one is seen by the templates after it (tracked-map.ts).
    if (reuse.on) {
      tracked(top.release);
      for (const chart of collected.charts) tracked(chart);
    }
    for (const name of keys) {
      if (name.slice(name.lastIndexOf("/") + 1).startsWith("_")) continue;
      const r = tpls.get(name);
      if (!r) continue;
      const template: GoMap = new Map([["Name", name], ["BasePath", r.basePath]]);
      r.vals.set("Template", reuse.on ? tracked(template) : template);
      cache.nextTemplate();
      const kept = reuse.replay(name);
      if (kept !== undefined) {
        rendered.set(name, kept);
        continue;
      }
      // Go types the same map common.Values as a chart's .Values, map[string]interface {} inside its parent's.
      if (r.subValues) withGoType(r.subValues, "common.Values");
      reuse.start();
      let text: string | undefined;
      try {
        text = set.execute(name, r.vals).replaceAll("<no value>", "");
        rendered.set(name, text);
      } catch (e) {
        if (e instanceof TemplateExecError) throw helmExecError(name, e);
        throw e;
      } finally {
        reuse.done(name, text);
        if (r.subValues) withGoType(r.subValues, "map[string]interface {}");
      }
    }
  } finally {
    reuse.end(top.values);
    // Nothing of this render is kept alive past it (held over, it would be promoted to the old generation).
    cache.reset();
  }
  return rendered;
}
