/**
 * Sprig's regex functions over Go's regexp API, with RE2 semantics from re2js (never JS RegExp:
 * the syntax differs). Match indexes are UTF-16 offsets into the JS string.
 */
import { RE2JS, RE2JSException } from "re2js";
import { FuncError, goFunc, type GoInt } from "../template/value";
import { stringSlice } from "./conversion";
import { goQuote } from "../template/token";
import { intArg } from "./strings";
import { isDigit, isLetter } from "./unicode";

/** A compiled Go regexp: the re2js program plus the names of its capture groups. */
export interface GoRegexp {
  readonly source: string;
  readonly re: RE2JS;
}

/** regexp.Compile; throws FuncError with Go's `error parsing regexp: …` text. */
export function compileRegexp(expr: string): GoRegexp {
  try {
    return { source: expr, re: RE2JS.compile(expr) };
  } catch (e) {
    if (e instanceof RE2JSException) throw new FuncError(e.message);
    throw e;
  }
}

/** regexp.MustCompile: a failure panics with the pattern quoted, as Go does. */
function mustCompile(expr: string): GoRegexp {
  try {
    return compileRegexp(expr);
  } catch (e) {
    if (!(e instanceof FuncError)) throw e;
    const canBackquote = !/[`\u0000-\u0008\u000a-\u001f\u007f\ufeff]/.test(expr);
    throw new FuncError(`regexp: Compile(${canBackquote ? "`" + expr + "`" : goQuote(expr)}): ${e.message}`);
  }
}

/** FindAllStringSubmatchIndex(s, n): Go's allMatches (an empty match right after a match is skipped). */
export function findAllIndex(r: GoRegexp, s: string, n: number): number[][] {
  if (n === 0) return [];
  return (r.re.re2().findAllSubmatchIndex(s, n < 0 ? -1 : n) as number[][] | null) ?? [];
}

/** One `$name` / `${name}` reference at the start of `t` (Go's regexp.extract). */
function extract(t: string): { name: string; num: number; rest: string } | undefined {
  let str = t;
  const brace = str.startsWith("{");
  if (brace) str = str.slice(1);
  let i = 0;
  for (const ch of str) {
    const r = ch.codePointAt(0)!;
    if (!isLetter(r) && !isDigit(r) && ch !== "_") break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = str.slice(0, i);
  if (brace) {
    if (str[i] !== "}") return undefined;
    i++;
  }
  let num = /^[0-9]+$/.test(name) && name.length <= 8 ? Number(name) : -1;
  if (name[0] === "0" && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}

/** Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; `$1x` names the group "1x". */
export function expand(r: GoRegexp, template: string, src: string, match: number[]): string {
  const names = r.re.namedGroups();
  const group = (i: number): string => (i >= 0 && 2 * i + 1 < match.length && match[2 * i]! >= 0 ? src.slice(match[2 * i], match[2 * i + 1]) : "");
  let out = "";
  let t = template;
  for (;;) {
    const at = t.indexOf("$");
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t.startsWith("$")) {
      out += "$";
      t = t.slice(1);
      continue;
    }
    const ref = extract(t);
    if (!ref) {
      out += "$";
      continue;
    }
    t = ref.rest;
    out += ref.num >= 0 ? group(ref.num) : group(names[ref.name] ?? -1);
  }
  return out + t;
}

function replaceAll(r: GoRegexp, src: string, repl: (m: number[]) => string): string {
  let out = "";
  let last = 0;
  for (const m of findAllIndex(r, src, -1)) {
    out += src.slice(last, m[0]) + repl(m);
    last = m[1]!;
  }
  return out + src.slice(last);
}

/** Regexp.Split(s, n). */
export function regexpSplit(r: GoRegexp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (r.source.length > 0 && s.length === 0) return [""];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAllIndex(r, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(beg, end));
    beg = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
export const quoteMeta = (s: string): string => s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");

const find = (r: GoRegexp, s: string): string => {
  const m = findAllIndex(r, s, 1)[0];
  return m ? s.slice(m[0], m[1]) : "";
};
const findAll = (r: GoRegexp, s: string, n: GoInt): string[] => findAllIndex(r, s, intArg(n)).map((m) => s.slice(m[0], m[1]));

export const regexFuncs = {
  regexMatch: goFunc(["string", "string"], (re: string, s: string) => {
    try {
      return compileRegexp(re).re.test(s);
    } catch (e) {
      if (e instanceof FuncError) return false;
      throw e;
    }
  }),
  mustRegexMatch: goFunc(["string", "string"], (re: string, s: string) => compileRegexp(re).re.test(s)),
  regexFindAll: goFunc(["string", "string", "int"], (re: string, s: string, n: GoInt) => stringSlice(findAll(mustCompile(re), s, n))),
  mustRegexFindAll: goFunc(["string", "string", "int"], (re: string, s: string, n: GoInt) => stringSlice(findAll(compileRegexp(re), s, n))),
  regexFind: goFunc(["string", "string"], (re: string, s: string) => find(mustCompile(re), s)),
  mustRegexFind: goFunc(["string", "string"], (re: string, s: string) => find(compileRegexp(re), s)),
  regexReplaceAll: goFunc(["string", "string", "string"], (re: string, s: string, repl: string) => {
    const r = mustCompile(re);
    return replaceAll(r, s, (m) => expand(r, repl, s, m));
  }),
  mustRegexReplaceAll: goFunc(["string", "string", "string"], (re: string, s: string, repl: string) => {
    const r = compileRegexp(re);
    return replaceAll(r, s, (m) => expand(r, repl, s, m));
  }),
  regexReplaceAllLiteral: goFunc(["string", "string", "string"], (re: string, s: string, repl: string) => replaceAll(mustCompile(re), s, () => repl)),
  mustRegexReplaceAllLiteral: goFunc(["string", "string", "string"], (re: string, s: string, repl: string) => replaceAll(compileRegexp(re), s, () => repl)),
  regexSplit: goFunc(["string", "string", "int"], (re: string, s: string, n: GoInt) => stringSlice(regexpSplit(mustCompile(re), s, intArg(n)))),
  mustRegexSplit: goFunc(["string", "string", "int"], (re: string, s: string, n: GoInt) => stringSlice(regexpSplit(compileRegexp(re), s, intArg(n)))),
  regexQuoteMeta: goFunc(["string"], quoteMeta),
};
