/**
 * Live differential test against the real Helm v4.1.4: many generated values, written as a JSON
 * values file, rendered through `toYaml` / `toYamlPretty` by Helm in ONE run (one template per
 * case), and compared byte for byte with toYaml(parseValuesYaml(same file)).
 */
import { describe, expect, it } from "vitest";
import { runHelm, writeTree } from "../../../test/real-helm";
import { seededRng } from "../../../test/seeded-rng";
import { codePoints } from "./chars";
import { naturalLess } from "./sort-keys";
import { goInt, type Value } from "../../template/value";
import { toToml } from "../toml/index";
import { parseValuesYaml, toYaml, toYamlPretty } from "./index";

const NASTY = [
  "yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False", "null", "Null", "~", "NULL", "<<", "=",
  "1", "1.0", "1e3", "1e+06", "0x1F", "0o17", "012", "08", "1_000", "+1", ".5", "1.", "-0", "0b101", "-0b11",
  ".inf", "-.Inf", ".nan", "2024-01-01", "2024-02-30", "2001-12-14t21:59:43.10-05:00", "12:30", "1:2:3", "190:20:30.15",
  "1,000", "a,b", " ", " lead", "trail ", "a: b", "foo: ", "key:", "a:b", "http://x.y/z", "#x", "x#y", "x #y",
  "- x", "-x", "-", "?", "? x", "*a", "&a", "!t", "%x", "@x", "`x", "{a}", "[a]", "|", ">", "'q", "\"dq", "it's",
  "a\"b", "tab\there", "a\r\nb", "bell\u0007", "emoji 😀", "unicode é ü", "nbsp\u00a0x", "multi\nline", "multi\nline\n",
  "multi\nline\n\n", "\nleading nl", "  indented\nx", "trail sp \nx", "---", "--- x", "...", "a\u2028b", "nel\u0085x",
  "\ufeffbom", "zero\u0000x", "esc\u001bx", "\\back", "日本語", "ключ", "x\n  y", "\n", "\n\n", " \n", "a  b", "a\n\nb",
];
const CHARS = [..."abcxyzABZ0123456789 _-.:#,'\"?!*&|>{}[]@`%=\\\t\n\r/+~éü日😀\u00a0\u2028\u0085"];
const WORDS = ["alpha", "beta", "x", "y", "yes", "no", "0", "1", "10", "a1", "a2", "a10", "B", "b", "_x", "-", "é", "key", "12:30"];

function genString(r: () => number): string {
  const p = r();
  if (p < 0.35) return NASTY[Math.floor(r() * NASTY.length)] ?? "";
  if (p < 0.55) {
    // Long prose, to exercise folding at column 80.
    const n = 5 + Math.floor(r() * 40);
    const prose = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(r() < 0.9 ? " " : "  ");
    // A prefix that forces single or double quotes, whose folding differs from plain.
    return [prose, `'${prose}`, `\t${prose}`, ` ${prose}`][Math.floor(r() * 4)] ?? prose;
  }
  const n = Math.floor(r() * 14);
  return Array.from({ length: n }, () => CHARS[Math.floor(r() * CHARS.length)]).join("");
}

function genNumber(r: () => number): number {
  const p = r();
  if (p < 0.3) return Math.floor((r() - 0.3) * 10 ** Math.floor(r() * 8));
  if (p < 0.5) return Number(((r() - 0.5) * 10 ** (Math.floor(r() * 40) - 20)).toPrecision(1 + Math.floor(r() * 17)));
  if (p < 0.6) return [1e21, 1e20, 1e-6, 1e-7, 2 ** 53, 2 ** 63, 2 ** 64, 1e6, 123456789, 0.1, 100, 1.5][Math.floor(r() * 12)] ?? 0;
  if (p < 0.7) return Math.floor(r() * 2 ** 64) * (r() < 0.5 ? -1 : 1);
  return (r() - 0.5) * 10 ** (Math.floor(r() * 60) - 30);
}

function genKey(r: () => number): string {
  return r() < 0.5 ? (WORDS[Math.floor(r() * WORDS.length)] ?? "k") : genString(r).slice(0, 20);
}

/** Keys on which goyaml's comparator is a strict total order, so Helm's order is deterministic. */
function consistentKeys(keys: string[]): boolean {
  const cps = keys.map(codePoints);
  for (let i = 0; i < cps.length; i++) {
    for (let j = 0; j < cps.length; j++) {
      if (i === j) continue;
      const a = cps[i] ?? [];
      const b = cps[j] ?? [];
      if (naturalLess(a, b) === naturalLess(b, a)) return false;
    }
  }
  // Pairwise antisymmetric and total; also require transitivity over the sorted sequence.
  const sorted = [...cps].sort((a, b) => (naturalLess(a, b) ? -1 : 1));
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) if (!naturalLess(sorted[i] ?? [], sorted[j] ?? [])) return false;
  return true;
}

type J = null | boolean | number | string | J[] | { [k: string]: J };

function genValue(r: () => number, depth: number): J {
  const p = r();
  if (depth < 4 && p < 0.2) {
    const keys = new Set<string>();
    const n = Math.floor(r() * 6);
    for (let i = 0; i < n; i++) {
      const k = genKey(r);
      if (consistentKeys([...keys, k])) keys.add(k);
    }
    return Object.fromEntries([...keys].map((k) => [k, genValue(r, depth + 1)]));
  }
  if (depth < 4 && p < 0.35) return Array.from({ length: Math.floor(r() * 5) }, () => genValue(r, depth + 1));
  if (p < 0.7) return genString(r);
  if (p < 0.9) return genNumber(r);
  if (p < 0.95) return r() < 0.5;
  return null;
}

/** JSON with DEL, C1 controls and YAML 1.1 line breaks (NEL, LS, PS) escaped, as goyaml reads them only escaped. */
function toJsonText(v: J): string {
  return JSON.stringify(v, null, 1).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// Base64 keeps every output intact through Helm's YAML check and whitespace trimming.
const TEMPLATE = (fn: string, i: number) => `kind: Test\nout: "{{ ${fn} .Values.c${i} | b64enc }}"\n`;

function extractOut(doc: string): string {
  const m = /out: "([^"]*)"/.exec(doc);
  return Buffer.from(m?.[1] ?? "", "base64").toString("utf8");
}

describe("toYaml / toYamlPretty against the real Helm", () => {
  it("matches Helm byte for byte on generated values (seed 20261125)", () => {
    const r = seededRng(20261125);
    const N = 600;
    const cases: Record<string, J> = {};
    for (let i = 0; i < N; i++) cases[`c${i}`] = genValue(r, 0);
    // A few cases of flat lists of every nasty string and many numbers.
    cases.c0 = NASTY;
    cases.c1 = Array.from({ length: 300 }, () => genNumber(r));
    cases.c2 = Object.fromEntries(NASTY.map((s, i) => [`k${i}`, s]));
    // goyaml's 1024-character limit on simple keys while reading the JSON back, and keys as long as 128 bytes.
    cases.c3 = { ["k".repeat(1022)]: 1, ["<".repeat(170)]: 2 };
    cases.c4 = { ["<".repeat(171)]: 1 };
    cases.c5 = { ["é".repeat(1022)]: 1 };
    cases.c6 = { ["x".repeat(128)]: 1, ["y".repeat(129)]: { a: [1] }, ["z".repeat(200) + " " + "z".repeat(20)]: "v" };
    cases.c8 = { "a\u0085b": 1 };
    // Characters goyaml's reader rejects make Helm's toYaml fail as a whole.
    cases.c9 = ["del\u007fx"];
    cases.c10 = { k: "c1\u0090x" };
    cases.c11 = { "del\u007f": 1 };
    const valuesText = toJsonText(cases);
    const files: Record<string, string> = { "Chart.yaml": "apiVersion: v2\nname: diff\nversion: 0.1.0\n", "values.yaml": valuesText };
    for (let i = 0; i < N; i++) {
      files[`templates/y${i}.yaml`] = TEMPLATE("toYaml", i);
      files[`templates/p${i}.yaml`] = TEMPLATE("toYamlPretty", i);
    }
    const dir = writeTree(files, "yaml-diff-");
    const run = runHelm(["template", "rel", dir], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const helmOut = new Map<string, string>();
    for (const part of run.stdout.split("---\n# Source: diff/templates/").slice(1)) {
      const nl = part.indexOf("\n");
      helmOut.set(part.slice(0, nl).replace(/\.yaml$/, ""), extractOut(part.slice(nl + 1)));
    }
    const values = parseValuesYaml(valuesText);
    const diffs: string[] = [];
    const prettyDiffs: string[] = [];
    for (let i = 0; i < N; i++) {
      const v = values.get(`c${i}`) ?? null;
      const input = JSON.stringify(cases[`c${i}`]);
      const got = toYaml(v);
      if (got !== helmOut.get(`y${i}`)) diffs.push(`c${i}: ${input}\n want ${JSON.stringify(helmOut.get(`y${i}`))}\n got  ${JSON.stringify(got)}`);
      const pretty = toYamlPretty(v);
      if (pretty !== helmOut.get(`p${i}`)) prettyDiffs.push(`c${i}: ${input}\n want ${JSON.stringify(helmOut.get(`p${i}`))}\n got  ${JSON.stringify(pretty)}`);
    }
    console.log(`yaml differential: ${N} cases, toYaml diffs ${diffs.length}, toYamlPretty diffs ${prettyDiffs.length}`);
    expect(diffs.slice(0, 3).join("\n\n")).toBe("");
    expect(prettyDiffs.slice(0, 3).join("\n\n")).toBe("");
  });
});

describe("values built in templates (Go ints, not float64) against the real Helm", () => {
  it("prints ints as ints in toYaml, toYamlPretty and toToml", () => {
    const expr = `(dict "i" 1000000 "n" -3 "f" 2.5 "l" (list 1 "a" 1e6 true) "m" (dict "k" 7))`;
    const fns = ["toYaml", "toYamlPretty", "toToml"] as const;
    const files: Record<string, string> = { "Chart.yaml": "apiVersion: v2\nname: gi\nversion: 0.1.0\n" };
    fns.forEach((fn) => (files[`templates/${fn}.yaml`] = `kind: Test\nout: "{{ ${fn} ${expr} | b64enc }}"\n`));
    const dir = writeTree(files, "yaml-goint-");
    const run = runHelm(["template", "rel", dir], dir);
    expect(run.stderr).toBe("");
    const v = new Map<string, Value>([
      ["i", goInt(1000000)],
      ["n", goInt(-3)],
      ["f", 2.5],
      ["l", [goInt(1), "a", 1e6, true]],
      ["m", new Map([["k", goInt(7)]])],
    ]);
    const ours = { toYaml: toYaml(v), toYamlPretty: toYamlPretty(v), toToml: toToml(v) };
    for (const fn of fns) {
      const m = new RegExp(`# Source: gi/templates/${fn}\\.yaml\\n[^]*?out: "([^"]*)"`).exec(run.stdout);
      expect(ours[fn], fn).toBe(Buffer.from(m?.[1] ?? "", "base64").toString("utf8"));
    }
  });
});
