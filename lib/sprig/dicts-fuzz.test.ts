/**
 * Seeded random differential test of merge / mergeOverwrite (mergo semantics: zero values are
 * overwritten, nested maps merge in place, nil sources are skipped or, with overwrite, copied)
 * against the real Helm. Both sides print the merged dict and the mutated destination as JSON.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { GoInt, type Value } from "../template/value";
import { helmTemplate } from "../../test/real-helm";
import { sprigFuncs } from "./index";
import { marshalJSON } from "./json";

const F = sprigFuncs();

/** A value together with the template expression that builds it. */
type Gen = { expr: string; make: () => Value };

const leaf = fc.constantFrom<Gen>(
  { expr: "0", make: () => new GoInt(0) },
  { expr: "1", make: () => new GoInt(1) },
  { expr: `""`, make: () => "" },
  { expr: `"x"`, make: () => "x" },
  { expr: "false", make: () => false },
  { expr: "true", make: () => true },
  { expr: "nil", make: () => null },
  { expr: "(list)", make: () => [] },
  { expr: "(list 1)", make: () => [new GoInt(1)] },
  { expr: "0.0", make: () => 0 },
);
const KEYS = ["a", "b", "c"];
const dictOf = (value: fc.Arbitrary<Gen>): fc.Arbitrary<Gen> =>
  fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 3, selector: ([k]) => k }).map((entries) => ({
    expr: `(dict${entries.map(([k, v]) => ` "${k}" ${v.expr}`).join("")})`,
    make: () => F.get("dict")!.call(...entries.flatMap(([k, v]) => [k, v.make()])),
  }));
const dict = dictOf(fc.oneof(leaf, dictOf(fc.oneof(leaf, dictOf(leaf)))));
const cases = fc.sample(fc.tuple(fc.constantFrom("merge", "mergeOverwrite"), dict, fc.array(dict, { minLength: 1, maxLength: 2 })), { numRuns: 250, seed: 99 });

describe("merge and mergeOverwrite on generated dicts against helm template", () => {
  const lines = cases.map(([fn, dst, srcs], n) => `  l${n}: {{ $d := ${dst.expr} }}{{ ${fn} $d ${srcs.map((s) => s.expr).join(" ")} | toJson }} {{ $d | toJson }}`);
  const r = helmTemplate({ "templates/t.yaml": `out: |\n${lines.join("\n")}\n` });
  const rendered = r.stdout
    .split("\n")
    .filter((l) => /^ {2}l\d+: /.test(l))
    .map((l) => l.replace(/^ {2}l\d+: /, ""));
  test("helm rendered every row", () => {
    expect(r.stderr).toBe("");
    expect(rendered).toHaveLength(cases.length);
  });
  test.each(cases.map(([fn, dst, srcs], n) => ({ fn, dst, srcs, n, label: `${fn} ${dst.expr} ${srcs.map((s) => s.expr).join(" ")}` })))("$label", ({ fn, dst, srcs, n }) => {
    const d = dst.make();
    const merged = F.get(fn)!.call(d, ...srcs.map((s) => s.make()));
    expect(`${marshalJSON(merged)} ${marshalJSON(d)}`).toBe(rendered[n]);
  });
});
