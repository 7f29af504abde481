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
import { FuncError, goFunc, isGoMap, withGoType } from "../template/value";
import type { Capabilities } from "./objects";
import { chartObject } from "./objects";
import { chartFullPath, type Chart } from "./chart";
import { HelmError } from "./errors";
import { helmFuncs } from "./funcs";
import { newFiles } from "./files/index";

const WARN_START = "HELM_ERR_START";
const WARN_END = "HELM_ERR_END";
const RECURSION_MAX = 1000;
const ROOT_NAME = "gotpl";

interface Renderable {
  text: string;
  vals: GoMap;
  basePath: string;
}

/** Per-render state the set-bound functions read (include's recursion counts). */
interface RenderState {
  included: Map<string, number>;
}

interface ParsedSet {
  set: TemplateSet;
  state: RenderState;
}

const contextFunc = (params: ContextFunc["params"], call: ContextFunc["call"]): ContextFunc => ({ params, call, contextual: true, result: "any" });

/** include, tpl, required and fail: Helm's late-bound functions. */
function boundFuncs(state: RenderState): Map<string, TemplateFunc> {
  const include = contextFunc(["string", "any"], (ctx: ExecContext, ...args: Value[]) => {
    const name = args[0] as string;
    const data = args[1] ?? null;
    const n = state.included.get(name) ?? 0;
    if (n > RECURSION_MAX) throw new FuncError(`rendering template has a nested reference name: ${name}: unable to execute template`);
    if (!ctx.set.has(name)) throw new FuncError(`template: no template ${goQuote(name)} associated with template ${goQuote(ROOT_NAME)}`);
    state.included.set(name, n + 1);
    try {
      return ctx.executeTemplate(name, data);
    } finally {
      state.included.set(name, (state.included.get(name) ?? 1) - 1);
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
          if (val === null || val === "") throw new FuncError(`${WARN_START}${warn}${WARN_END}`);
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
          throw new FuncError(`${WARN_START}${msg}${WARN_END}`);
        },
        { result: "string" },
      ),
    ],
  ]);
}

/** byPathLen reversed: more '/' first, then reverse byte order. */
function sortTemplates(names: string[]): string[] {
  const depth = (s: string): number => s.split("/").length;
  return names.sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

/** cleanupParseError: `parse error at (<file>:<line>): <msg>`. */
function parseError(filename: string, e: TemplateParseError): HelmError {
  const tokens = e.goMessage.split(": ");
  if (tokens.length === 1) return new HelmError({ code: "TEMPLATE_PARSE", file: filename, message: `parse error in (${filename}): ${e.goMessage}`, debugFooter: true });
  return new HelmError({
    code: "TEMPLATE_PARSE",
    file: e.templateName,
    line: e.line,
    col: e.col,
    message: `parse error at (${tokens[1] ?? ""}): ${tokens[tokens.length - 1] ?? ""}`,
    debugFooter: true,
  });
}

interface Traceable {
  location: string;
  message: string;
  executedFunction: string;
}

/** parseTemplateExecErrorString: one link of the error chain, or undefined for a plain Go error. */
function traceable(s: string): Traceable | undefined {
  const prefix = "template: ";
  if (!s.startsWith(prefix)) return undefined;
  const rest = s.slice(prefix.length);
  if (rest.startsWith("no template ")) return { location: "", message: s, executedFunction: "" };
  const idx = rest.indexOf(": executing ");
  if (idx >= 0) {
    const after = rest.slice(idx + ": executing ".length);
    const endQuote = after.startsWith('"') ? after.indexOf('"', 1) : -1;
    if (endQuote > 0) {
      const fn = after.slice(1, endQuote);
      const afterFunc = after.slice(endQuote + 1);
      if (afterFunc.startsWith(" at <")) {
        const afterAt = afterFunc.slice(" at <".length);
        const endLoc = afterAt.indexOf(">: ");
        if (endLoc >= 0) {
          let message = afterAt.slice(endLoc + 3);
          const cut = message.indexOf(" template:");
          if (cut >= 0) message = message.slice(0, cut);
          return { location: rest.slice(0, idx), message, executedFunction: `executing "${fn}" at <${afterAt.slice(0, endLoc)}>:` };
        }
      }
    }
  }
  const sep = rest.lastIndexOf(": ");
  if (sep < 0) return undefined;
  let message = rest.slice(sep + 2);
  const cut = message.indexOf(" template:");
  if (cut >= 0) message = message.slice(0, cut);
  return { location: rest.slice(0, sep), message, executedFunction: "" };
}

/** The texts along Go's Unwrap chain of an execution error (ExecError, its wrapError, the cause…). */
function errorChain(e: Error): string[] {
  if (e instanceof TemplateExecError) {
    const own = [e.goMessage, e.goMessage];
    return e.cause ? [...own, ...errorChain(e.cause)] : own;
  }
  return [e.message];
}

const locationOf = (s: string): { file?: string; line?: number; col?: number } => {
  const m = /^(.*):(\d+):(\d+)$/.exec(s);
  return m ? { file: m[1], line: Number(m[2]), col: Number(m[3]) } : {};
};

/** reformatExecErrorMsg: `execution error at (…)` for required/fail, the v4 trace, or Go's raw text. */
function execError(filename: string, e: TemplateExecError): HelmError {
  const msg = e.goMessage;
  const first = msg.indexOf(": ");
  const second = first < 0 ? -1 : msg.indexOf(": ", first + 2);
  if (second < 0) return new HelmError({ code: "TEMPLATE_EXEC", file: filename, message: `execution error in (${filename}): ${msg}`, debugFooter: true });
  const location = msg.slice(first + 2, second);
  const rest = msg.slice(second + 2);
  const start = rest.indexOf(WARN_START);
  const end = rest.lastIndexOf(WARN_END);
  if (start >= 0 && end > start) {
    return new HelmError({
      code: "TEMPLATE_FAIL",
      ...locationOf(location),
      message: `execution error at (${location}): ${rest.slice(start + WARN_START.length, end)}`,
      debugFooter: true,
    });
  }
  const inner = e.innermost();
  const pos = { file: inner.file ?? filename, line: inner.line, col: inner.col };
  const links: Traceable[] = [];
  for (const text of errorChain(e)) {
    const t = traceable(text);
    if (!t) return new HelmError({ code: "TEMPLATE_EXEC", ...pos, message: msg, debugFooter: true });
    const last = links[links.length - 1];
    if (!last || last.location !== t.location || last.message !== t.message || last.executedFunction !== t.executedFunction) links.push(t);
  }
  const text = links
    .map((t) => `${t.location ? `${t.location}\n  ` : ""}${t.executedFunction ? `${t.executedFunction}\n    ` : ""}${t.message ? `${t.message}\n` : ""}`)
    .join("")
    .trim();
  return new HelmError({ code: "TEMPLATE_EXEC", ...pos, message: text, debugFooter: true });
}

/** The objects every template of the render shares. */
export interface RenderTop {
  release: GoMap;
  capabilities: Capabilities;
  values: GoMap;
}

/** recAllTpls: each chart's template data (.Chart, .Files, .Values scoped to the chart, .Subcharts). */
function collect(c: Chart, out: Map<string, Renderable>, top: RenderTop, parentValues: GoMap | undefined): GoMap {
  const subcharts: GoMap = new Map();
  const chart = chartObject(c);
  let values: GoMap;
  if (parentValues === undefined) values = top.values;
  else {
    const v = parentValues.get(c.metadata.name);
    values = isGoMap(v) ? new Map(v) : new Map();
  }
  const next: GoMap = new Map<string, Value>([
    ["Chart", chart],
    ["Files", newFiles(c.files)],
    ["Release", top.release],
    ["Capabilities", top.capabilities],
    ["Values", withGoType(values, "common.Values")],
    ["Subcharts", subcharts],
  ]);
  for (const child of c.dependencies) subcharts.set(child.metadata.name, collect(child, out, top, values));
  const full = chartFullPath(c);
  const library = c.metadata.type === "library";
  for (const t of c.templates) {
    const base = t.name.slice(t.name.lastIndexOf("/") + 1);
    if (library && !base.startsWith("_")) continue;
    out.set(`${full}/${t.name}`, { text: new TextDecoder().decode(t.data), vals: next, basePath: `${full}/templates` });
  }
  return next;
}

/** The parsed set for this exact list of templates, from the loaded chart's cache when possible. */
function parsedSet(owner: Chart, keys: string[], tpls: Map<string, Renderable>): ParsedSet {
  const cacheKey = keys.join("\n");
  const cache = (owner.cache ??= new Map<string, ParsedSet>()) as Map<string, ParsedSet>;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const state: RenderState = { included: new Map() };
  const base = helmFuncs();
  const bound = boundFuncs(state);
  const set = new TemplateSet((name: string) => bound.get(name) ?? base.get(name), { rootName: ROOT_NAME, missingKey: "zero" });
  for (const name of keys) {
    try {
      set.parse(name, tpls.get(name)?.text ?? "");
    } catch (e) {
      if (e instanceof TemplateParseError) throw parseError(name, e);
      throw e;
    }
  }
  const parsed = { set, state };
  cache.set(cacheKey, parsed);
  return parsed;
}

/**
 * Engine.Render: every template of the effective chart tree rendered into a map of
 * `chart/templates/x.yaml` → text. `owner` is the loaded chart that caches the parsed set.
 * Throws HelmError with Helm's message.
 */
export function renderTemplates(owner: Chart, effective: Chart, top: RenderTop): Map<string, string> {
  const tpls = new Map<string, Renderable>();
  collect(effective, tpls, top, undefined);
  const keys = sortTemplates([...tpls.keys()]);
  const { set, state } = parsedSet(owner, keys, tpls);
  state.included.clear();
  const rendered = new Map<string, string>();
  for (const name of keys) {
    if (name.slice(name.lastIndexOf("/") + 1).startsWith("_")) continue;
    const r = tpls.get(name);
    if (!r) continue;
    r.vals.set("Template", new Map<string, Value>([["Name", name], ["BasePath", r.basePath]]));
    try {
      rendered.set(name, set.execute(name, r.vals).replaceAll("<no value>", ""));
    } catch (e) {
      if (e instanceof TemplateExecError) throw execError(name, e);
      throw e;
    }
  }
  return rendered;
}
