/**
 * Live differential test of the reading side: YAML 1.1 values files (plain scalars of every kind,
 * block scalars, flow collections, anchors, merge keys, several documents) rendered by the real
 * Helm with `toYaml` (verified byte-exact by differential.test.ts) and compared with
 * toYaml(parseValuesYaml(same text)); plus error texts, one chart per broken file.
 */
import { describe, expect, it } from "vitest";
import { runHelm, writeTree } from "../../../test/real-helm";
import { seededRng } from "../../../test/seeded-rng";
import { parseValuesYaml, toYaml, YamlError } from "./index";

const SCALARS = [
  "yes", "No", "ON", "off", "y", "N", "true", "FALSE", "~", "null", "Null", "", "0x1F", "0X1f", "0o17", "0O17", "010", "08", "09.5",
  "1_000", "+1", "-0", ".5", "-.5", "+.5", "1.", "1e3", "1E+3", "1e400", "12:30", "1:2:3", "190:20:30.15", "2024-01-01",
  "2024-13-01", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "0b101", "-0b11", "0b", "0x", "9223372036854775807",
  "9223372036854775808", "18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
  "123456789012345678901234567890", "0.1", "1_0.5", "1,000", "hello world", "a:b", "http://x/y", "x#y", "-x", "=", "<<",
  "'single ''q'''", "\"dq \\t \\u00e9 \\U0001F600 \\x41\"", "\"line\\nbreak\"", "\"\"", "''", "!!str 123", "!!int 42", "!!float 1",
  "!!str yes", "!!bool true", "!!null ''", "!custom tagged", "!!binary aGVsbG8=", "0.0", "-0.0", "1e-7", "100000000000000000000",
  "1000000", "3.0e-5", "oN", "Yes please", "é", "日本語",
];
const KEYS = ["a", "b", "yes", "no", "on", "y", "n", "1", "010", "0x1F", "1.5", "1e3", "3.14159265358979", "true", "\"quoted\"", "'sq'", "2024-01-01", "12:30", "a b", "a1", "a10", "a2", "-1", "+1", "0.1"];
// Not "1.0": the float key 1 and the int key 1 are two Go map keys that both become "1", and Helm
// keeps either one at random.

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** A block mapping (or other node) as YAML source at `indent`, always a complete value for a key. */
function genBlock(r: () => number, indent: number, depth: number, inSeq = false): string {
  const pad = " ".repeat(indent);
  const p = r();
  if (depth < 3 && p < 0.25) {
    const keys = new Set<string>();
    const n = 1 + Math.floor(r() * 4);
    while (keys.size < n) keys.add(pick(r, KEYS));
    return `\n${[...keys].map((k) => `${pad}${k}:${genBlock(r, indent + 2, depth + 1)}`).join("\n")}`;
  }
  if (depth < 3 && p < 0.4) {
    const n = 1 + Math.floor(r() * 3);
    // Under a key, a sequence may sit at the key's own column (goyaml's style) or be indented.
    const ind = inSeq || r() < 0.5 ? pad : " ".repeat(Math.max(indent - 2, 0));
    return `\n${Array.from({ length: n }, () => `${ind}-${genBlock(r, ind.length + 2, depth + 1, true).replace(/^\n */, " ")}`).join("\n")}`;
  }
  if (p < 0.5) return ` [${Array.from({ length: Math.floor(r() * 4) }, () => pick(r, SCALARS.filter((s) => !/[,\[\]{}#!:'"]|^$|^[-?&*|>%@`]/.test(s)))).join(", ")}]`;
  if (p < 0.58) {
    const ind = " ".repeat(indent + 1);
    const style = pick(r, ["|", "|-", "|+", ">", ">-"]);
    // The first line sets the block's indentation, so only later lines may be more indented.
    const lines = ["first", ...Array.from({ length: Math.floor(r() * 3) }, () => pick(r, ["text", "  more", "", "a: b", "# not a comment", "yes"]))];
    return ` ${style}\n${lines.map((l) => (l ? `${ind}${l}` : "")).join("\n")}${r() < 0.5 ? "\n" : ""}`;
  }
  return ` ${pick(r, SCALARS)}`;
}

const HEADER = `anchors:
  base: &base {x: 1, w: 2}
  other: &other {w: 9, z: 3}
  list: &list [a, yes, 1]
  str: &s yes
merged:
  w: 0
  <<: *base
  z: 4
merged2:
  <<: [*base, *other]
  k: v
merged3:
  <<: {inline: 1}
aliases: [*s, *list, *base]
`;

describe("parseValuesYaml against the real Helm", () => {
  it("reads generated YAML 1.1 values files as Helm does (seed 7)", () => {
    const r = seededRng(7);
    const N = 300;
    const parts = [HEADER];
    for (let i = 0; i < N; i++) parts.push(`c${i}:${genBlock(r, 2, 0)}`);
    // A second and third document, deep-merged into the first (Helm v4).
    const text = `${parts.join("\n")}\n---\nmerged:\n  fromDoc2: true\n--- # comment\nc0: replaced\n`;
    const keys = ["anchors", "merged", "merged2", "merged3", "aliases", ...Array.from({ length: N }, (_, i) => `c${i}`)];
    const files: Record<string, string> = { "Chart.yaml": "apiVersion: v2\nname: pd\nversion: 0.1.0\n", "values.yaml": text };
    keys.forEach((k, i) => (files[`templates/t${i}.yaml`] = `kind: Test\nout: "{{ toYaml (index .Values "${k}") | b64enc }}"\n`));
    const dir = writeTree(files, "yaml-parse-diff-");
    const run = runHelm(["template", "rel", dir], dir);
    expect(run.stderr).toBe("");
    const helmOut = new Map<string, string>();
    for (const part of run.stdout.split("---\n# Source: pd/templates/").slice(1)) {
      const m = /^t(\d+)\.yaml\n[\s\S]*out: "([^"]*)"/.exec(part);
      if (m) helmOut.set(keys[Number(m[1])] ?? "", Buffer.from(m[2] ?? "", "base64").toString("utf8"));
    }
    const values = parseValuesYaml(text);
    const diffs = keys
      .filter((k) => toYaml(values.get(k) ?? null) !== helmOut.get(k))
      .map((k) => `${k}:\n want ${JSON.stringify(helmOut.get(k))}\n got  ${JSON.stringify(toYaml(values.get(k) ?? null))}`);
    console.log(`yaml parse differential: ${keys.length} values, ${diffs.length} diffs`);
    expect(diffs.slice(0, 4).join("\n")).toBe("");
  });

  // Each broken file in its own chart: Helm stops at the first error.
  const broken: [name: string, text: string][] = [
    ["unclosed flow", "a: [unclosed\n"],
    ["empty flow", "a: ["],
    ["nested mapping", "kind: Test\nout: a: b: c\n"],
    ["tab indent", "a:\n\tb: 1\n"],
    ["bad separator", "a: 1\n--- b: 2\n"],
    ["scalar document", "just text\n"],
    ["list document", "- a\n- b\n"],
    ["unknown anchor", "a: *nope\n"],
    ["null key", "~: 1\n"],
    ["infinity", "a: .inf\n"],
    ["merge of scalar", "a:\n  <<: 1\n"],
    ["bad int tag", "a: !!int x\n"],
    ["unclosed quote", "a: 'x\n"],
    ["long first key", `${"k".repeat(1030)}: 1\n`],
    ["long later key", `a: 1\n${"k".repeat(1030)}: 1\n`],
    ["long nested key", `a:\n  b: 1\n  ${"k".repeat(1030)}: 1\n`],
    ["long flow key", `a: {x: 1, ${"k".repeat(1030)}: 1}\n`],
    ["scalar on first line", "a: b: c\n"],
    ["tab on first line", "\ta: 1\n"],
    // At goyaml's limits: its indent stack, and the JSON step's depth (first collection past 10,000 levels in sorted-key order).
    ["a map in sequences 10,000 deep (goyaml's indent limit)", `a:\n${"- ".repeat(10000)}k: v\n`],
    ["a map past 10,000 levels after sorting, beside a list that is not", `b: {x: ${"[".repeat(9999)}${"]".repeat(9999)}}\na: ${"[".repeat(9999)}${"]".repeat(9999)}\n`],
    ["a map of flow pairs past 10,000 levels", `a: ${"[k: ".repeat(5000)}1${"]".repeat(5000)}\n`],
  ];
  it.each(broken)("reports %s with Helm's message", (_name, text) => {
    const dir = writeTree({ "Chart.yaml": "apiVersion: v2\nname: pe\nversion: 0.1.0\n", "values.yaml": text, "templates/t.yaml": "kind: Test\n" }, "yaml-parse-err-");
    const run = runHelm(["template", "rel", dir], dir);
    let ours = "";
    try {
      parseValuesYaml(text);
    } catch (e) {
      if (!(e instanceof YamlError)) throw e;
      ours = `Error: cannot load values.yaml: ${e.message}\n`;
    }
    expect(ours).toBe(run.stderr);
  });

  // Odd but valid (or subtly invalid) files, each in its own chart: toYaml of the values, or the error.
  const edgeFiles: [name: string, text: string][] = [
    ["bom", "\ufeffa: 1\nb: x\n"],
    ["crlf", "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: \"q\"\r\n"],
    ["doc end", "a: 1\n...\nb: 2\n"],
    ["leading ---", "---\na: 1\n"],
    ["directive", "%YAML 1.1\n---\na: 1\n"],
    ["tabs in value", "a: x\ty\nb: \"\\t\"\n"],
    ["comment after ---", "a: 1\n--- # c\nb: 2\n"],
    ["null doc", "~\n"],
    ["empty flow map key", "{a: 1, b: }\n"],
    ["nested merges", "x: &x {a: 1}\ny: &y {<<: *x, b: 2}\nz: {<<: *y, c: 3}\n"],
    ["seq as merge of list", "a: &a [1]\nb:\n  <<: *a\n"],
    ["explicit key", "? a\n: 1\n? [x]\n: 2\n"],
    ["quoted multi line", "a: \"x\n  y\n\n  z\"\nb: 'p\n  q'\n"],
    ["plain multi line", "a: x\n  y\n\n  z\nb: - x\n"],
    ["folded more indented", "a: >\n  x\n    y\n  z\n"],
    ["keep with trailing", "a: |+\n  x\n\n\nb: 1\n"],
    ["int key overflow", "18446744073709551616: a\n"],
    ["uint key", "18446744073709551615: a\n"],
    ["float key", "0.1: a\n1e400: b\n"],
    ["bool and null values mixed", "a: [~, null, Null, NULL, '', y, Y, n, N]\n"],
  ];
  it.each(edgeFiles)("reads the %s file as Helm does", (_n, text) => {
    const dir = writeTree({ "Chart.yaml": "apiVersion: v2\nname: ed\nversion: 0.1.0\n", "values.yaml": text, "templates/t.yaml": 'kind: Test\nout: "{{ toYaml .Values | b64enc }}"\n' }, "yaml-parse-edge-");
    const run = runHelm(["template", "rel", dir], dir);
    let ours: string;
    try {
      ours = toYaml(parseValuesYaml(text));
    } catch (e) {
      ours = `Error: cannot load values.yaml: ${(e as YamlError).message}\n`;
    }
    const m = /out: "([^"]*)"/.exec(run.stdout);
    const theirs = m ? Buffer.from(m[1] ?? "", "base64").toString("utf8") : run.stderr;
    expect(ours).toBe(theirs);
  });
});
