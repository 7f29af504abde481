/**
 * Seeded random differential test of the word- and byte-oriented string functions (the xstrings
 * and goutils ports) against the real Helm: 300 generated inputs, one Helm run.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { GoInt, type Value } from "../template/value";
import { goQuote } from "../template/token";
import { helmTemplate } from "../../test/real-helm";
import { sprigFuncs } from "./index";
import { strval } from "./conversion";

const F = sprigFuncs();
const ALPHABET = ["a", "b", "Z", "Q", "1", "9", "_", "-", " ", " ", ".", "é", "É", "ß", "ǅ", "\t", "x", "H", "T", "P", "0", "'", "中", "😀", "\u00a0", "ı", "\udcff", "\udcc3", "\ufffd"];
const inputs = fc.sample(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 14 }).map((a) => a.join("")), { numRuns: 300, seed: 20261125 });

const FUNCS: [string, (s: string, n: number) => Value[]][] = [
  ["camelcase", (s) => [s]],
  ["snakecase", (s) => [s]],
  ["kebabcase", (s) => [s]],
  ["swapcase", (s) => [s]],
  ["title", (s) => [s]],
  ["untitle", (s) => [s]],
  ["initials", (s) => [s]],
  ["nospace", (s) => [s]],
  ["upper", (s) => [s]],
  ["lower", (s) => [s]],
  ["trim", (s) => [s]],
  ["wrap", (s, n) => [new GoInt(n % 6), s]],
  ["abbrev", (s, n) => [new GoInt(4 + (n % 5)), s]],
  ["abbrevboth", (s, n) => [new GoInt(n % 7), new GoInt(7 + (n % 4)), s]],
  ["trunc", (s, n) => [new GoInt((n % 9) - 4), s]],
  ["regexQuoteMeta", (s) => [s]],
];

const goArg = (v: Value): string => (v instanceof GoInt ? String(v.value) : goQuote(v as string));

describe("string functions on generated inputs against helm template", () => {
  const rows = inputs.map((s, n) => {
    const [name, args] = FUNCS[n % FUNCS.length]!;
    return { name, args: args(s, n) };
  });
  const lines = rows.map(({ name, args }, n) => `  l${n}: {{ ${name} ${args.map(goArg).join(" ")} | printf "%q" }}`);
  const r = helmTemplate({ "templates/t.yaml": `out: |\n${lines.join("\n")}\n` });
  const rendered = r.stdout
    .split("\n")
    .filter((l) => /^ {2}l\d+: /.test(l))
    .map((l) => l.replace(/^ {2}l\d+: /, ""));
  test("helm rendered every row", () => {
    expect(r.stderr).toBe("");
    expect(rendered).toHaveLength(rows.length);
  });
  test.each(rows.map((row, n) => ({ ...row, n, label: `${row.name} ${row.args.map(goArg).join(" ")}` })))("$label", ({ name, args, n }) => {
    // A byte-level cut leaves bytes that are not UTF-8: %q shows them as \x escapes, in Go and here.
    expect(goQuote(strval(F.get(name)!.call(...args)))).toBe(rendered[n]);
  });
});
