/**
 * Live differential test against the real Helm v4.1.4: generated values rendered with `toToml`,
 * and read back with `fromToml` (printed through toYaml, which is verified byte-exact elsewhere),
 * compared with our toToml / fromToml on the same values.
 */
import { describe, expect, it } from "vitest";
import { runHelm, writeTree } from "../../../test/real-helm";
import { seededRng } from "../../../test/seeded-rng";
import { parseValuesYaml, toYaml } from "../yaml/index";
import { fromToml, toToml } from "./index";

const STRINGS = ["plain", "with space", 'q"uote', "back\\slash", "tab\there", "nl\nline", "é日😀", "", "\u0001ctl", "del\u007f", "'single'"];
const KEYS = ["a", "b", "B", "key-1", "k_2", "with space", "dot.ted", "é", "", "1", "Z", "q\"k"];

type J = null | boolean | number | string | J[] | { [k: string]: J };

function gen(r: () => number, depth: number): J {
  const p = r();
  if (depth < 3 && p < 0.25) {
    const o: { [k: string]: J } = {};
    for (let i = Math.floor(r() * 4); i > 0; i--) o[KEYS[Math.floor(r() * KEYS.length)] ?? "k"] = gen(r, depth + 1);
    return o;
  }
  if (depth < 3 && p < 0.35) return Array.from({ length: Math.floor(r() * 3) }, () => ({ x: gen(r, depth + 1) }));
  if (depth < 3 && p < 0.45) return Array.from({ length: Math.floor(r() * 4) }, () => gen(r, 3));
  if (p < 0.65) return STRINGS[Math.floor(r() * STRINGS.length)] ?? "";
  if (p < 0.85) return [0, 1, -1, 1.5, 1e6, 1e21, 1e-7, 123456789, -0.25, 2 ** 53][Math.floor(r() * 10)] ?? 0;
  if (p < 0.97) return r() < 0.5;
  return null;
}

describe("toToml / fromToml against the real Helm", () => {
  it("matches Helm on generated values (seed 99)", () => {
    const r = seededRng(99);
    const N = 300;
    const cases: Record<string, J> = {};
    for (let i = 0; i < N; i++) {
      const o: { [k: string]: J } = {};
      for (let j = 1 + Math.floor(r() * 4); j > 0; j--) o[KEYS[Math.floor(r() * KEYS.length)] ?? "k"] = gen(r, 0);
      cases[`c${i}`] = o;
    }
    cases.c0 = { list: [1, null, 2] };
    cases.c1 = "top-level string";
    cases.c2 = [{ a: 1 }, { b: 2 }];
    // YAML forbids a raw DEL in the file, so it goes in escaped.
    const valuesText = JSON.stringify(cases).replaceAll("\u007f", "\\u007f");
    const files: Record<string, string> = { "Chart.yaml": "apiVersion: v2\nname: tt\nversion: 0.1.0\n", "values.yaml": valuesText };
    for (let i = 0; i < N; i++) {
      files[`templates/t${i}.yaml`] = `kind: Test\nout: "{{ toToml .Values.c${i} | b64enc }}"\nback: "{{ toToml .Values.c${i} | fromToml | toYaml | b64enc }}"\n`;
    }
    const dir = writeTree(files, "toml-diff-");
    const run = runHelm(["template", "rel", dir], dir);
    expect(run.stderr).toBe("");
    const b64 = (s: string | undefined) => Buffer.from(s ?? "", "base64").toString("utf8");
    const helmOut = new Map<number, [string, string]>();
    for (const part of run.stdout.split("---\n# Source: tt/templates/").slice(1)) {
      const m = /^t(\d+)\.yaml\n[\s\S]*out: "([^"]*)"\nback: "([^"]*)"/.exec(part);
      if (m) helmOut.set(Number(m[1]), [b64(m[2]), b64(m[3])]);
    }
    const values = parseValuesYaml(valuesText);
    const diffs: string[] = [];
    let backDiffs = 0;
    for (let i = 0; i < N; i++) {
      const [want, wantBack] = helmOut.get(i) ?? ["<missing>", "<missing>"];
      const got = toToml(values.get(`c${i}`) ?? null);
      if (got !== want) diffs.push(`c${i}: ${JSON.stringify(cases[`c${i}`])}\n want ${JSON.stringify(want)}\n got  ${JSON.stringify(got)}`);
      const back = toYaml(fromToml(got));
      if (back !== wantBack) {
        backDiffs++;
        diffs.push(`fromToml c${i}: ${JSON.stringify(got)}\n want ${JSON.stringify(wantBack)}\n got  ${JSON.stringify(back)}`);
      }
    }
    console.log(`toml differential: ${N} cases, ${diffs.length - backDiffs} toToml diffs, ${backDiffs} fromToml diffs`);
    expect(diffs.slice(0, 4).join("\n")).toBe("");
  });
});
