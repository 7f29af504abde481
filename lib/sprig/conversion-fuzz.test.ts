/**
 * Seeded random differential test of number parsing (cast/strconv) and of the regex, split and
 * semver functions against the real Helm: generated inputs, one Helm run per family.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { GoInt, type Value } from "../template/value";
import { goQuote } from "../template/token";
import { helmTemplate } from "../../test/real-helm";
import { sprigFuncs } from "./index";
import { strval } from "./conversion";

const F = sprigFuncs();
const str = (alphabet: string[], max: number, runs: number, seed: number): string[] =>
  fc.sample(fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((a) => a.join("")), { numRuns: runs, seed });

type Row = { expr: string; ours: () => Value };

/** Renders every row with Helm (`printf "%q" (toString X)`, errors as `ERR: msg`) and compares. */
function differential(title: string, rows: Row[]): void {
  describe(title, () => {
    const lines = rows.map(({ expr }, n) => `  l${n}: {{ (${expr}) | toString | printf "%q" }}`);
    const r = helmTemplate({ "templates/t.yaml": `out: |\n${lines.join("\n")}\n` });
    const rendered = r.stdout
      .split("\n")
      .filter((l) => /^ {2}l\d+: /.test(l))
      .map((l) => l.replace(/^ {2}l\d+: /, ""));
    test("helm rendered every row", () => {
      expect(r.stderr).toBe("");
      expect(rendered).toHaveLength(rows.length);
    });
    test.each(rows.map((row, n) => ({ ...row, n })))("$expr", ({ ours, n }) => {
      expect(goQuote(strval(ours()))).toBe(rendered[n]);
    });
  });
}

const NUMERIC = ["0", "1", "7", "9", "x", "X", "b", "o", "e", "E", ".", "_", "-", "+", "a", "f", " ", "i", "n"];
const numbers = str(NUMERIC, 8, 400, 11);
differential(
  "int, int64, float64 and toDecimal on generated strings",
  numbers.map((s, n): Row => {
    const fn = ["int", "int64", "float64", "atoi", "toDecimal"][n % 5]!;
    return { expr: `${fn} ${goQuote(s)}`, ours: () => F.get(fn)!.call(s) };
  }),
);

const PATTERN = ["a", "b", ".", "*", "+", "?", "(", ")", "|", "^", "$", "[a-b]", "\\d", "x*", "(?P<g>a)", "\\b", "{2}"];
const patterns = str(PATTERN, 5, 250, 23).filter((p) => {
  try {
    F.get("mustRegexFind")!.call(p, "");
    return true;
  } catch {
    return false;
  }
});
const subjects = str(["a", "b", "x", " ", "1", "é"], 8, patterns.length, 29);
differential(
  "regex functions on generated patterns",
  patterns.map((p, n): Row => {
    const s = subjects[n] ?? "";
    const k = new GoInt((n % 4) - 1);
    switch (n % 4) {
      case 0:
        return { expr: `regexFindAll ${goQuote(p)} ${goQuote(s)} ${k.value}`, ours: () => F.get("regexFindAll")!.call(p, s, k) };
      case 1:
        return { expr: `regexReplaceAll ${goQuote(p)} ${goQuote(s)} "<$1${"$"}{g}$0>"`, ours: () => F.get("regexReplaceAll")!.call(p, s, "<$1${g}$0>") };
      case 2:
        return { expr: `regexSplit ${goQuote(p)} ${goQuote(s)} ${k.value}`, ours: () => F.get("regexSplit")!.call(p, s, k) };
      default:
        return { expr: `regexFind ${goQuote(p)} ${goQuote(s)}`, ours: () => F.get("regexFind")!.call(p, s) };
    }
  }),
);

const part = fc.constantFrom("0", "1", "2", "3", "10", "x", "*");
const pre = fc.constantFrom("", "", "-0", "-alpha", "-alpha.1", "-beta.2", "-rc.1", "-1");
const version = fc.tuple(fc.constantFrom("", "v"), part, fc.option(part), fc.option(part), pre).map(([v, a, b, c, p]) => `${v}${a}${b === null ? "" : "." + b}${b === null || c === null ? "" : "." + c}${p}`);
const op = fc.constantFrom("", "=", "!=", ">", "<", ">=", "<=", "~", "^", "~>", "=>", "=<");
const single = fc.tuple(op, fc.constantFrom("", " "), version).map(([o, sp, v]) => `${o}${sp}${v}`);
const andGroup = fc.oneof(
  fc.array(single, { minLength: 1, maxLength: 3 }).chain((cs) => fc.constantFrom(" ", ", ").map((j) => cs.join(j))),
  fc.tuple(version, version).map(([a, b]) => `${a} - ${b}`),
);
const constraint = fc.array(andGroup, { minLength: 1, maxLength: 2 }).map((gs) => gs.join(" || "));
const concrete = fc.tuple(fc.constantFrom("", "v"), fc.constantFrom("0", "1", "2", "3"), fc.constantFrom("0", "1", "2", "10"), fc.constantFrom("0", "1", "3"), pre).map(([v, a, b, c, p]) => `${v}${a}.${b}.${c}${p}`);
const cons = fc.sample(constraint, { numRuns: 400, seed: 31 });
const vers = fc.sample(concrete, { numRuns: 400, seed: 37 });
differential(
  "semverCompare on generated constraints and versions",
  cons
    .map((c, n): [string, string] => [c, vers[n] ?? "1.0.0"])
    .filter(([c, v]) => {
      try {
        F.get("semverCompare")!.call(c, v);
        return true;
      } catch {
        return false;
      }
    })
    .map(([c, v]): Row => ({ expr: `semverCompare ${goQuote(c)} ${goQuote(v)}`, ours: () => F.get("semverCompare")!.call(c, v) })),
);
