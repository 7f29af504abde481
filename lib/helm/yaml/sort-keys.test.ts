import { describe, expect, it } from "vitest";
import { codePoints } from "./chars";
import { runHelm, writeTree } from "../../../test/real-helm";
import { goSort } from "./go-sort";
import { goSortKeys, naturalLess, naturalSortKeys } from "./sort-keys";

describe("goyaml natural key order (spec §6.3)", () => {
  it("sorts the verified key set as Helm does", () => {
    const keys = ["a10", "a2", "B", "b", "_x", "1", "10", "9", "a", "A", "Z", "z1", "z01", "-", "é"];
    expect(naturalSortKeys(keys)).toEqual(["-", "_x", "1", "9", "10", "A", "B", "Z", "a", "a2", "a10", "b", "z1", "z01", "é"]);
  });

  it.each([
    ["a2", "a10", true],
    ["a10", "a2", false],
    ["_x", "A", true],
    ["1", "A", true],
    ["Z", "a", true],
    ["z", "é", true],
    ["a", "ab", true],
    ["z1", "z01", true],
  ])("%s < %s is %s", (a, b, want) => {
    expect(naturalLess(codePoints(a), codePoints(b))).toBe(want);
  });

  it("is not transitive on a1b / a2 / a10, so one fixed order is picked (see the differential test below)", () => {
    const [a1b, a2, a10] = ["a1b", "a2", "a10"].map(codePoints) as [number[], number[], number[]];
    expect([naturalLess(a1b, a2), naturalLess(a2, a10), naturalLess(a10, a1b)]).toEqual([true, true, true]);
    expect(naturalSortKeys(["a2", "a10", "a1b"])).toEqual(naturalSortKeys(["a1b", "a10", "a2"]));
  });

  it("v3 puts a letter before a non-letter right after equal digits", () => {
    expect(naturalLess(codePoints("a1b"), codePoints("a1_"), true)).toBe(true);
    expect(naturalLess(codePoints("a1b"), codePoints("a1_"), false)).toBe(false);
  });
});

describe("goSort: Go's sort.Sort", () => {
  it("sorts by a total order for every length through insertion sort, pdqsort's partitions and its fallbacks", () => {
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (const n of [0, 1, 2, 12, 13, 49, 50, 51, 200, 1000]) {
      for (const shape of ["random", "sorted", "reversed", "few values"]) {
        const xs = Array.from({ length: n }, (_, i) => (shape === "random" ? next() : shape === "sorted" ? i : shape === "reversed" ? n - i : next() % 3));
        expect(goSort([...xs], (a, b) => a < b)).toEqual([...xs].sort((a, b) => a - b));
      }
    }
  });
});

describe("non-transitive key sets against the real Helm", () => {
  // Keys of letters, digit runs (with leading zeros) and a non-letter: many triples where goyaml's
  // comparator is not transitive.
  const PIECES = ["a", "b", "1", "2", "10", "01", "_"];
  let seed = 11;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const transitive = (keys: string[]): boolean => {
    const cps = keys.map(codePoints);
    return cps.every((x) => cps.every((y) => cps.every((z) => !(naturalLess(x, y) && naturalLess(y, z) && naturalLess(z, x)))));
  };
  const sets: string[][] = [];
  while (sets.length < 30) {
    const keys = new Set<string>();
    const size = 3 + next(6);
    while (keys.size < size) keys.add(Array.from({ length: 1 + next(3) }, () => PIECES[next(PIECES.length)]).join(""));
    if (!transitive([...keys])) sets.push([...keys]);
  }
  const SAMPLES = 256;
  const values = sets.map((keys, i) => `m${i}: {${keys.map((k, j) => `"${k}": ${j}`).join(", ")}}`).join("\n");
  const template = sets.map((_, i) => `{{- range until ${SAMPLES} }}\ns${i}: {{ toYaml $.Values.m${i} | b64enc }}\n{{- end }}`).join("\n");

  it("prints each set, in every run, in an order sort.Sort gives from a start of the byte-ordered keys; the engine's order is the one from the first", () => {
    const dir = writeTree({ "Chart.yaml": "apiVersion: v2\nname: nt\nversion: 0.1.0\n", "values.yaml": `${values}\n`, "templates/t.yaml": `${template}\n` }, "sort-keys-");
    const run = runHelm(["template", "r", dir], dir);
    expect(run.stderr).toBe("");
    const seen = sets.map(() => new Set<string>());
    for (const line of run.stdout.split("\n")) {
      const m = /^s(\d+): (.*)$/.exec(line);
      // `key: 0` lines; a key that reads as a number is double-quoted (these keys need no escapes).
      const keys = Buffer.from(m?.[2] ?? "", "base64").toString("utf8").split("\n").map((l) => l.slice(0, l.lastIndexOf(": ")).replace(/^"(.*)"$/, "$1"));
      if (m) seen[Number(m[1])]!.add(keys.join(" "));
    }
    sets.forEach((keys, i) => {
      // Go iterates a map of up to 8 keys in insertion order from a random slot: a rotation of the JSON's byte order.
      const bytes = [...keys].sort();
      const possible = new Set(bytes.map((_, r) => goSortKeys([...bytes.slice(r), ...bytes.slice(0, r)]).join(" ")));
      expect([...seen[i]!].filter((order) => !possible.has(order))).toEqual([]);
      expect(seen[i]!.has(naturalSortKeys(keys).join(" "))).toBe(true);
    });
  });
});
