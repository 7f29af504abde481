/**
 * Seeded random differential test of Go's encoding/json port: generated near-JSON texts go
 * through mustFromJson, valid ones are printed back with toPrettyJson (one Helm run), invalid
 * ones must fail with Go's exact scanner message (one Helm run each).
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FuncError } from "../template/value";
import { goQuote } from "../template/token";
import { helmTemplate } from "../../test/real-helm";
import { marshalJSON, unmarshalJSON } from "./json";

const TOKENS = ["{", "}", "[", "]", ",", ":", '"a"', '"<&>"', '"\\u00e9"', '"\\n"', "1", "-0", "2.5e3", "1e-7", "0.1", "true", "null", "fals", " ", "\n", "01", "1.", '"x', "\\", "-"];
const texts = fc.sample(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 7 }).map((a) => a.join("")), { numRuns: 400, seed: 5 });
const structured = fc.sample(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  { numRuns: 80, seed: 6 },
);

function parse(text: string): { ok: true; out: string } | { ok: false; err: string } {
  try {
    return { ok: true, out: marshalJSON(unmarshalJSON(text), { indent: "  " }) };
  } catch (e) {
    if (e instanceof FuncError) return { ok: false, err: e.message };
    throw e;
  }
}

const all = [...new Set([...texts, ...structured])].map((text) => ({ text, ours: parse(text) }));
const valid = all.filter((c) => c.ours.ok);
// A spread of invalid inputs, one Helm run each.
const invalid = all.filter((c) => !c.ours.ok).slice(0, 40);

describe("JSON decode and encode on generated texts against helm template", () => {
  const lines = valid.map(({ text }, n) => `  l${n}: {{ mustFromJson ${goQuote(text)} | toPrettyJson | printf "%q" }}`);
  const r = helmTemplate({ "templates/t.yaml": `out: |\n${lines.join("\n")}\n` });
  const rendered = r.stdout
    .split("\n")
    .filter((l) => /^ {2}l\d+: /.test(l))
    .map((l) => l.replace(/^ {2}l\d+: /, ""));
  test("helm accepted every text we accept", () => {
    expect(r.stderr).toBe("");
    expect(rendered).toHaveLength(valid.length);
  });
  test.each(valid.map((c, n) => ({ ...c, n })))("valid $text", ({ ours, n }) => {
    expect(ours.ok && goQuote(ours.out)).toBe(rendered[n]);
  });
  test.each(invalid)("invalid $text", ({ text, ours }) => {
    const run = helmTemplate({ "templates/t.yaml": `x: {{ mustFromJson ${goQuote(text)} }}\n` });
    const m = /error calling mustFromJson: (.*)$/m.exec(run.stderr);
    expect(m?.[1]).toBe(!ours.ok && ours.err);
  });
});
