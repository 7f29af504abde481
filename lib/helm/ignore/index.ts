/**
 * `.helmignore` rules exactly as Helm's `pkg/ignore` applies them when it loads a chart directory.
 * Rules are tried in order and the first decision wins. Helm's negation is NOT gitignore's: a `!p` rule
 * ignores every path that does NOT match `p` (and every file, if `p/` is a directory rule). `**` is
 * rejected. The loader always appends the default `templates/.?*` (dotfiles directly in templates/).
 */
import type { ChartFiles } from "../chart";
import { GlobSyntaxError, compileGoGlob } from "./compile-go-glob";

export type IgnoreErrorCode = "IGNORE_DOUBLE_STAR" | "IGNORE_BAD_PATTERN";

/** A rule Helm refuses; `message` is Helm's text (`double-star (**) syntax is not supported`). */
export class IgnoreError extends Error {
  constructor(
    readonly code: IgnoreErrorCode,
    /** 1-based line of the .helmignore. */
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "IgnoreError";
  }
}

export interface IgnoreRules {
  /** Whether Helm skips this chart-relative '/' path (a directory is skipped with all it holds). */
  ignored(path: string, isDir: boolean): boolean;
}

interface Rule {
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

export interface ParseIgnoreOptions {
  /** Append Helm's default rule `templates/.?*`, as the chart loader does. Default: `true`. */
  defaults?: boolean;
}

/** Parses `.helmignore` text (null when the chart has none). Throws IgnoreError. */
export function parseIgnore(text: string | null, options: ParseIgnoreOptions = {}): IgnoreRules {
  const rules: Rule[] = [];
  const lines = (text ?? "").replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, i) => {
    const rule = parseRule(line, i + 1);
    if (rule) rules.push(rule);
  });
  if (options.defaults ?? true) rules.push(parseRule("templates/.?*", 0) as Rule);
  return {
    ignored(path, isDir) {
      if (path === "" || path === "." || path === "./") return false;
      for (const p of rules) {
        if (p.negate) {
          if (p.mustDir && !isDir) return true;
          if (!p.match(path)) return true;
          continue;
        }
        if (p.mustDir && !isDir) continue;
        if (p.match(path)) return true;
      }
      return false;
    },
  };
}

/**
 * The files Helm's directory loader keeps: a file is dropped when it or any directory above it is
 * ignored (the walk never enters an ignored directory).
 */
export function filterIgnored(files: ChartFiles, rules: IgnoreRules): ChartFiles {
  const out: ChartFiles = new Map();
  const dirVerdict = new Map<string, boolean>();
  const dirIgnored = (dir: string): boolean => {
    let v = dirVerdict.get(dir);
    if (v === undefined) {
      const slash = dir.lastIndexOf("/");
      v = (slash > 0 && dirIgnored(dir.slice(0, slash))) || rules.ignored(dir, true);
      dirVerdict.set(dir, v);
    }
    return v;
  };
  for (const [path, data] of files) {
    const slash = path.lastIndexOf("/");
    if (slash > 0 && dirIgnored(path.slice(0, slash))) continue;
    if (rules.ignored(path, false)) continue;
    out.set(path, data);
  }
  return out;
}

function parseRule(raw: string, line: number): Rule | null {
  let rule = raw.trim();
  if (rule === "" || rule.startsWith("#")) return null;
  if (rule.includes("**")) {
    throw new IgnoreError("IGNORE_DOUBLE_STAR", line, "double-star (**) syntax is not supported");
  }
  try {
    compileGoGlob(rule);
  } catch (e) {
    if (e instanceof GlobSyntaxError) throw new IgnoreError("IGNORE_BAD_PATTERN", line, e.message);
    throw e;
  }
  const negate = rule.startsWith("!");
  if (negate) rule = rule.slice(1);
  const mustDir = rule.endsWith("/");
  if (mustDir) rule = rule.slice(0, -1);
  let match: (path: string) => boolean;
  if (rule.startsWith("/")) {
    match = globMatcher(rule.slice(1), (p) => p);
  } else if (rule.includes("/")) {
    match = globMatcher(rule, (p) => p);
  } else {
    // Without a slash the rule sees only the base name.
    match = globMatcher(rule, (p) => p.slice(p.lastIndexOf("/") + 1));
  }
  return { negate, mustDir, match };
}

/** A matcher that, like Helm's, logs nothing and just fails to match when the glob is invalid. */
function globMatcher(glob: string, subject: (path: string) => string): (path: string) => boolean {
  let re: RegExp | null;
  try {
    re = compileGoGlob(glob);
  } catch {
    re = null;
  }
  return (path) => re !== null && re.test(subject(path));
}
