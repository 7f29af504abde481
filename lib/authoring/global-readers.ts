/**
 * Which parts of the chart read each `global.*` value, derived from the chart's own templates: every
 * template file is parsed with the engine's parser and walked for `.Values.global…` chains (also through
 * `$x := .Values.global.y` variables and `with` blocks), and the defines a file reaches through `include`
 * or `template` count for that file, since Helm shares every define across the chart and its subcharts.
 */
import type { ChartFiles } from "../helm/chart";
import type { ArgNode, ListNode, Node, PipeNode } from "../template/ast";
import { parseTemplates, type Tree } from "../template/index";

/** The reader id of the umbrella chart's own templates (subcharts are named by their directory). */
export const UMBRELLA_READER = "";

/** Dotted `global.*` paths read per reader (subchart name, or UMBRELLA_READER). */
export type GlobalReads = ReadonlyMap<string, ReadonlySet<string>>;

/** A path as segments: `global.database.host` → ["global", "database", "host"]. */
type Segments = readonly string[];

interface TreeReads {
  paths: Set<string>;
  calls: Set<string>;
}

const TEMPLATE_FILE = /^(?:charts\/([^/]+)\/)?templates\/.+\.(?:ya?ml|tpl|txt)$/;

/** The `global.*` paths each part of the chart reads (a path read whole, such as `toJson .Values.global.redis`, is listed once). */
export function globalReads(files: ChartFiles): GlobalReads {
  const decoder = new TextDecoder();
  const defines = new Map<string, TreeReads[]>();
  const fileReads: { reader: string; reads: TreeReads }[] = [];
  for (const [name, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const m = TEMPLATE_FILE.exec(name);
    if (!m) continue;
    let trees: Map<string, Tree>;
    try {
      trees = parseTemplates(name, decoder.decode(bytes), () => true);
    } catch {
      continue; // a template that does not parse is reported by the render; it reads nothing here
    }
    for (const [treeName, tree] of trees) {
      const reads = readsOf(tree.root);
      if (treeName === name) fileReads.push({ reader: m[1] ?? UMBRELLA_READER, reads });
      else defines.set(treeName, [...(defines.get(treeName) ?? []), reads]);
    }
  }
  const out = new Map<string, Set<string>>();
  for (const { reader, reads } of fileReads) {
    const paths = out.get(reader) ?? new Set<string>();
    collect(reads, defines, paths, new Set());
    out.set(reader, paths);
  }
  return out;
}

export interface GlobalReader {
  /** A subchart name, or UMBRELLA_READER. */
  reader: string;
  /** Set when the reader only reads a map holding the value as a whole (a checksum, `toYaml`): that map's path. */
  whole?: string;
}

/** The readers of the value at `path` (a leaf, a list or a map): those that read it or a part of it, then those that read a map holding it. */
export function readersOf(reads: GlobalReads, path: string): GlobalReader[] {
  const out: GlobalReader[] = [];
  for (const [reader, paths] of reads) {
    const list = [...paths];
    if (list.some((p) => p === path || p.startsWith(`${path}.`))) out.push({ reader });
    else {
      const holder = list.filter((p) => path.startsWith(`${p}.`)).sort((a, b) => b.length - a.length)[0];
      if (holder) out.push({ reader, whole: holder });
    }
  }
  return out;
}

function collect(reads: TreeReads, defines: ReadonlyMap<string, TreeReads[]>, into: Set<string>, seen: Set<string>): void {
  for (const p of reads.paths) into.add(p);
  for (const call of reads.calls) {
    if (seen.has(call)) continue;
    seen.add(call);
    for (const d of defines.get(call) ?? []) collect(d, defines, into, seen);
  }
}

/** The `global.*` paths a template body reads and the templates it calls. */
function readsOf(root: ListNode): TreeReads {
  const reads: TreeReads = { paths: new Set(), calls: new Set() };
  // Variables bound to a part of global (flat per template: the chart never reuses a name for another value).
  const vars = new Map<string, Segments>();

  const add = (segments: Segments | null) => {
    // The whole `global` map (passed along, or bound to `$g`) says nothing about which value is read.
    if (segments && segments.length > 1) reads.paths.add(segments.join("."));
  };

  /** The global path an argument denotes (`dot` is the global path `.` stands for, if any). */
  const pathOf = (n: ArgNode, dot: Segments | null): Segments | null => {
    switch (n.type) {
      case "field":
        return globalChain(n.ident) ?? (dot ? [...dot, ...n.ident] : null);
      case "variable": {
        const [name = "", ...fields] = n.ident;
        return globalChain(n.ident) ?? (vars.has(name) ? [...(vars.get(name) ?? []), ...fields] : null);
      }
      case "dot":
        return dot;
      case "chain": {
        const base = n.node.type === "pipe" ? pipePath(n.node, dot) : pathOf(n.node, dot);
        return base ? [...base, ...n.field] : null;
      }
      case "pipe":
        return pipePath(n, dot);
      default:
        return null;
    }
  };

  // A path only bound (`$db := .Values.global.database`, `with .Values.global.aws`) is read through its
  // parts; it counts as read itself only when none of its parts is (`with .Values.global.database.host`).
  const bound: Segments[] = [];

  /** Walks a pipeline, noting reads and calls; returns the global path it yields when it is a plain reference. */
  const pipePath = (pipe: PipeNode, dot: Segments | null, binds = pipe.decl.length > 0): Segments | null => {
    const plain = pipe.cmds.length === 1 && pipe.cmds[0]?.args.length === 1;
    let result: Segments | null = null;
    for (const cmd of pipe.cmds) {
      const [head, second] = cmd.args;
      if (head?.type === "identifier" && (head.ident === "include" || head.ident === "template") && second?.type === "string") reads.calls.add(second.text);
      for (const arg of cmd.args) {
        const p = pathOf(arg, dot);
        if (plain) result = p;
        if (plain && binds) {
          if (p) bound.push(p);
        } else if (arg.type !== "pipe") add(p);
      }
    }
    for (const v of pipe.decl) {
      const name = v.ident[0] ?? "";
      if (result) vars.set(name, result);
      else vars.delete(name);
    }
    return result;
  };

  const walk = (n: Node | null, dot: Segments | null): void => {
    if (!n) return;
    switch (n.type) {
      case "list":
        for (const item of n.nodes) walk(item, dot);
        return;
      case "action":
        pipePath(n.pipe, dot);
        return;
      case "if":
        pipePath(n.pipe, dot);
        walk(n.list, dot);
        walk(n.elseList, dot);
        return;
      case "with": {
        const inner = pipePath(n.pipe, dot, true);
        walk(n.list, inner);
        walk(n.elseList, dot);
        return;
      }
      case "range":
        pipePath(n.pipe, dot);
        walk(n.list, null); // `.` is an element: its fields are not paths of the values
        walk(n.elseList, dot);
        return;
      case "template":
        reads.calls.add(n.name);
        if (n.pipe) pipePath(n.pipe, dot);
        return;
      default:
        return;
    }
  };
  walk(root, null);
  for (const b of bound) {
    const prefix = `${b.join(".")}.`;
    if (![...reads.paths].some((p) => p.startsWith(prefix))) add(b);
  }
  return reads;
}

/** `…Values.global.a.b` in a field chain (`.Values…`, `.root.Values…`, `$.Values…`) as ["global", "a", "b"]. */
function globalChain(ident: readonly string[]): Segments | null {
  for (let i = 0; i + 1 < ident.length; i++) {
    if (ident[i] === "Values" && ident[i + 1] === "global") return ident.slice(i + 1);
  }
  return null;
}
