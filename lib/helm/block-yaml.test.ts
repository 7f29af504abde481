/**
 * The fast block reader against the full YAML parser: wherever it gives a head or a values map, the
 * full parse of the same text succeeds and agrees. Texts: every rendered document of the conformance
 * corpus (real Helm output) and its values files, our chart's renders and values files, hand-picked
 * edge cases, and seeded random edits of them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Value } from "../template/value";
import { isGoMap } from "../template/value";
import { loadChart } from "./load-chart";
import { readManifestHead, readValuesReading, rereadBlockValues, rereadManifestHead } from "./block-yaml";
import { loadSharedValues } from "./coalesce";
import { SharedMap, withValuesAt } from "./shared-values";
import { splitManifests } from "./manifests";
import { loadDirFiles } from "./node/load-dir";
import { renderChart } from "./render-chart";
import { parseValuesYaml, parseYamlDocument } from "./yaml/index";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const casesDir = path.resolve(repoRoot, "..", "shared", "conformance", "cases");
const chartDir = path.join(repoRoot, "chart-templates/developer-mesh");

/** The head fields sortManifests reads, as a plain object (absent fields left out). */
function project(head: Value): unknown {
  if (!isGoMap(head)) return { notAMap: head };
  const out: Record<string, unknown> = {};
  for (const k of ["apiVersion", "kind"]) if (head.has(k)) out[k] = head.get(k);
  if (head.has("metadata")) {
    const md = head.get("metadata")!;
    if (isGoMap(md)) {
      const m: Record<string, unknown> = {};
      for (const k of ["name", "namespace", "annotations"]) if (md.has(k)) m[k] = md.get(k);
      out.metadata = m;
    } else out.metadata = md;
  }
  return out;
}

/** The full parse, or the error text. */
function full(doc: string): { head: unknown } | { error: string } {
  try {
    return { head: project(parseYamlDocument(doc)) };
  } catch (e) {
    if (e instanceof TypeError) throw e;
    return { error: (e as Error).message };
  }
}

/** Fails when the fast reader gives a head the full parser does not. */
function agrees(doc: string): boolean {
  const fast = readManifestHead(doc);
  if (fast === undefined) return true;
  expect(full(doc), JSON.stringify(doc)).toEqual({ head: project(fast.head) });
  return true;
}

const chartDocs: string[] = (() => {
  const chart = loadChart(loadDirFiles(chartDir));
  const docs: string[] = [];
  for (const env of ["", "dev", "staging", "prod"]) {
    const values = env === "" ? [] : [readFileSync(path.join(chartDir, `values-${env}.yaml`), "utf8")];
    const r = renderChart(chart, { values });
    if (r.error) throw r.error;
    docs.push(...r.manifests.map((m) => m.content));
  }
  return docs;
})();

// Pieces of YAML syntax the seeded edits insert.
const EDIT_PIECES = [" ", "  ", "\t", ":", ": ", "-", "- ", "#", " #", '"', "'", "|", ">", "\n", "\n  ", "{", "}", "[", "]", "&", "*", "!", "a", "0", ".", "~", "\\", "%", "<<: "];

/** `check` on `runs` seeded edits of `texts`: a cut of up to 6 characters and up to three inserted pieces. */
function seededEdits(texts: string[], pieces: string[], check: (text: string) => boolean, runs: number): void {
  const edit = fc.record({
    text: fc.constantFrom(...texts),
    at: fc.nat(),
    del: fc.nat({ max: 6 }),
    ins: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((a) => a.join("")),
  });
  fc.assert(
    fc.property(edit, ({ text, at, del, ins }) => {
      const i = at % (text.length + 1);
      return check(text.slice(0, i) + ins + text.slice(i + del));
    }),
    { numRuns: runs },
  );
}

/** Plain data for deep comparison (maps as sorted entry lists). */
const plain = (v: Value): unknown => (isGoMap(v) ? [...v].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, plain(x)]) : Array.isArray(v) ? v.map(plain) : v);

/** Seeded changes of 1 to 3 lines of `texts`: each replaces a line's last word by one of `words`. */
const wordChanges = (texts: readonly string[], words: readonly string[]) =>
  fc.record({ text: fc.constantFrom(...texts), edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...words)), { minLength: 1, maxLength: 3 }) }).map(({ text, edits }) => {
    const lines = text.split("\n");
    // The last word of a line is what a SIMPLE_LINE's scalar would be.
    for (const [at, word] of edits) {
      const i = at % lines.length;
      lines[i] = lines[i]!.replace(/[A-Za-z0-9_./-]+$/, word);
    }
    return { text, variant: lines.join("\n") };
  });

/** Fails when the fast reader gives a values map the full parser does not. */
function valuesAgree(text: string): boolean {
  const fast = readValuesReading(text)?.values;
  if (fast === undefined) return true;
  let full: unknown;
  try {
    full = plain(parseValuesYaml(text));
  } catch (e) {
    if (e instanceof TypeError) throw e;
    full = `error: ${(e as Error).message}`;
  }
  expect(full, JSON.stringify(text)).toEqual(plain(fast));
  return true;
}

const chartValues = readdirSync(chartDir)
  .filter((f) => /^values.*\.yaml$/.test(f))
  .map((f) => readFileSync(path.join(chartDir, f), "utf8"));

describe("readValuesReading", () => {
  it("reads our chart's values files as the full parser does", () => {
    expect(chartValues.length).toBe(4);
    for (const text of chartValues) {
      expect(readValuesReading(text)?.values).toBeDefined();
      valuesAgree(text);
    }
  });

  it("agrees with the full parser on every values file of the conformance corpus", () => {
    let total = 0;
    for (const c of readdirSync(casesDir)) {
      for (const f of readdirSync(path.join(casesDir, c))) {
        if (!/\.ya?ml$/.test(f) || f === "Chart.yaml") continue;
        total++;
        valuesAgree(readFileSync(path.join(casesDir, c, f), "utf8"));
      }
    }
    expect(total).toBeGreaterThan(20);
  });

  it.each([
    ["a:\n  b: |\n    x\n\n    y\n\n  c: |-\n    z\n  d: |+\n    w\n\n\ne: 1\n", true],
    ["list:\n- a\n- b: 1\n  c: [x, 'y']\n-\n  - nested\n- 2\nempty:\nnull: ~\n", false],
    ["list:\n- a\n- b: 1\n  c: [x, 'y']\n-\n  d: e\n- 2\nempty:\nnn: ~\nq: \"\\u00e9\"\n", true],
    ["a: >\n  folded\n", false],
    ["a: |\n  no final break", false],
    ["a: |\n\nb: 1\n", false],
    ["a: 1\n---\nb: 2\n", false],
    ["%YAML 1.1\n---\na: 1\n", false],
    ["a: 1\n...\n", false],
    ["", false],
    ["# only a comment\n", false],
  ])("%j accepted: %s", (text, accepted) => {
    expect(readValuesReading(text)?.values !== undefined).toBe(accepted);
    valuesAgree(text);
  });

  it("agrees with the full parser on seeded random edits of values files", () => {
    seededEdits(chartValues, [...EDIT_PIECES, "|-", "|+", "\n- ", ",", "---", "? ", "\n\n", "  \n", "y", ".inf"], valuesAgree, 1500);
  });
});

describe("rereadBlockValues", () => {
  const words = ["x", "yes", "on", "true", "null", "Null", "1e3", "0x10", "0o7", "010", "1_000", "2001-12-14", "1:20", "a.b", "v2", "NaN", "y", "api-3.example.com"];

  it("reads seeded random word changes of values files from the last reading, as the full parser reads them", () => {
    let reread = 0;
    fc.assert(
      fc.property(wordChanges(chartValues, words), ({ text, variant }) => {
        const prev = readValuesReading(text)!;
        const r = rereadBlockValues(prev.reading, variant);
        if (r === undefined) return true;
        reread++;
        const tree = withValuesAt(loadSharedValues(text, "t"), r.edits);
        expect(tree).toBeDefined();
        expect(plain(tree!), JSON.stringify(variant)).toEqual(plain(parseValuesYaml(variant)));
        // The reading of the variant is the one a full read gives.
        expect(r.reading).toEqual(readValuesReading(variant)!.reading);
        return true;
      }),
      { seed: 11, numRuns: 1500 },
    );
    expect(reread).toBeGreaterThan(300);
  });

  it.each([
    ["a: 1\na: 2\n", "a: 3\na: 2\n", false],
    ["a: 1\na: 2\n", "a: 1\na: 3\n", true],
    ["l:\n- a\n- b\n", "l:\n- a\n- c\n", false],
    ["l:\n- k: a\n", "l:\n- k: b\n", false],
    ["x: |\n  a\n", "x: |\n  b\n", false],
    ["m:\n  k: a\n", "m:\n  k: b # c\n", false],
    ["m:\n  k: a\n", "m:\n  j: a\n", false],
    ["m:\n  k: a\nm:\n  k: b\n", "m:\n  k: c\nm:\n  k: b\n", false],
    ["m:\n  k: a\np: 1\n", "m:\n  k: null\np: 2\n", true],
  ])("%j then %j: read from the last reading %s, as the full parser reads it", (text, variant, reread) => {
    const r = rereadBlockValues(readValuesReading(text)!.reading, variant);
    expect(r !== undefined).toBe(reread);
    if (r) expect(plain(withValuesAt(loadSharedValues(text, "t"), r.edits)!)).toEqual(plain(parseValuesYaml(variant)));
  });

  it("a values text read from the last one shares its unchanged maps", () => {
    const text = "a:\n  b:\n    c: 1\n  d:\n    e: 2\nf:\n  g: 3\n";
    const first = loadSharedValues(text, "t");
    const second = loadSharedValues(text.replace("c: 1", "c: 5"), "t");
    expect(plain(second)).toEqual(plain(parseValuesYaml(text.replace("c: 1", "c: 5"))));
    expect(second.get("f")).toBe(first.get("f"));
    expect((second.get("a") as SharedMap).get("d")).toBe((first.get("a") as SharedMap).get("d"));
    expect(second.get("a")).not.toBe(first.get("a"));
    expect(plain(first)).toEqual(plain(parseValuesYaml(text)));
    // The same value written again keeps the very tree.
    expect(loadSharedValues(text.replace("c: 1", "c: 5").replace("g: 3", "g: 03"), "t")).toBe(second);
  });
});

describe("readManifestHead", () => {
  it("reads the head of every document our chart renders (four environments) as the full parser does", () => {
    expect(chartDocs.length).toBeGreaterThan(40);
    for (const doc of chartDocs) {
      expect(readManifestHead(doc), doc.slice(0, 200)).toBeDefined();
      agrees(doc);
    }
  });

  it("agrees with the full parser on every document of the conformance corpus's real Helm output", () => {
    expect(existsSync(casesDir), `conformance corpus missing at ${casesDir}`).toBe(true);
    let accepted = 0;
    let total = 0;
    for (const c of readdirSync(casesDir)) {
      const out = path.join(casesDir, c, "expected.out");
      if (!existsSync(out)) continue;
      for (const doc of splitManifests(readFileSync(out, "utf8"))) {
        total++;
        if (readManifestHead(doc)) accepted++;
        agrees(doc);
      }
    }
    expect(total).toBeGreaterThan(100);
    expect(accepted).toBeGreaterThan(total / 2);
  });

  it.each([
    // Accepted, with values the full parser agrees on.
    ["kind: Service\nmetadata:\n  name: a\n  annotations:\n    x: \"1\"\n    q: 'it''s'\n    z: 3e5\n    j: \"{\\\"a\\\": \\\"b\\u00e9\\\\n\\\"}\"\n", true],
    ["kind: A\nspec:\n  command: [\"sh\", \"-c\", \"echo \\\"$X\\\"\"]\n  args: [a, 'b', 1, 2.5, -x]\n  cidr: ::/0\nmetadata:\n  name: [a]\n", true],
    ["kind: A\u00a0\n", true],
    ["apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    line\n\n      more\n  b: >-\n    folded\nmetadata:\n  name: 0x10\n", true],
    ["kind: A\nspec:\n  list:\n  - a\n  - b: 1\n    c:\n    - d\n  -\n    e: f\n  other: {} # c\nmetadata: {}\n", true],
    ["kind: A # comment\n# full-line comment\n  # indented comment\nmetadata:\n  name: yes\n  namespace: ~\n", true],
    ["kind: A\nkind: B\nmetadata:\n  name: a\nmetadata:\n  namespace: b\n", true],
    ["kind: a#b\nmetadata:\n  name: http://x:80/y\n", true],
    // Outside the subset, or errors the full parser must report: never accepted.
    ["kind: A\nmetadata:\n\tname: a\n", false],
    ["kind: a: b\n", false],
    ["kind: A\n  name: b\n", false],
    ["kind: A\nmetadata:\n    name: a\n  namespace: b\n", false],
    ["kind: A\nx: .inf\n", false],
    ["kind: A\nx: \"a\\\"b\"\n", true],
    ["kind: A\n<<: {a: 1}\n", false],
    ["on: A\nkind: B\n", false],
    ["kind: A\nx: |\n  \ta\n", false],
    ["kind: A\nx: |\n    a\n  b\n", false],
    ["kind: A\nx: [{a: b}]\n", false],
    ["kind: &a A\n", false],
    ["kind: \"A\"x\n", false],
    ["kind: A\nx: [a, ]\n", false],
    ["kind: A\nx: [a,, b]\n", false],
    ["kind: A\nx: [a: b]\n", false],
    ["kind: A\nx: \"\\ud800\"\n", false],
    ["kind: A\nx: \"\\q\"\n", false],
    ["kind: A\r\n", false],
    ["- kind: A\n", false],
    ["  kind: A\n", false],
    ["kind: A\nx:\n  - a\n  y: b\n", false],
    ["kind: A\nx: - a\n", false],
    ["kind: A\nx: a\n  b\n", false],
    ["", false],
  ])("%j accepted: %s", (doc, accepted) => {
    expect(readManifestHead(doc) !== undefined).toBe(accepted);
    agrees(doc);
  });

  it("agrees with the full parser on seeded random edits of rendered documents", () => {
    seededEdits(chartDocs.filter((d) => d.length < 4000), [...EDIT_PIECES, "\u00a0", "@"], agrees, 3000);
  });

  it("reads a variant of a document it read from it where only plain words differ, as the full parser does", () => {
    // The same chart under two release names: every document differs, and each is read from its predecessor.
    const chart = loadChart(loadDirFiles(chartDir));
    const docs = (releaseName: string) => renderChart(chart, { releaseName }).manifests.map((m) => m.content);
    const [a, b] = [docs("first-1"), docs("second-2")];
    expect(a.length).toBe(b.length);
    let reread = 0;
    a.forEach((doc, i) => {
      const variant = rereadManifestHead(readManifestHead(doc)!, b[i]!);
      if (variant === undefined) return;
      reread++;
      expect(full(b[i]!)).toEqual({ head: project(variant.head) });
    });
    expect(reread).toBeGreaterThan(a.length / 2);
  });

  it.each([
    ["kind: A\nkind: B\nmetadata:\n  name: a\n", "kind: C\nkind: B\nmetadata:\n  name: a\n"],
    ["kind: A\nmetadata:\n  name: a\nmetadata:\n  name: b\n", "kind: A\nmetadata:\n  name: c\nmetadata:\n  name: d\n"],
    ["kind: A\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n", "kind: A\nmetadata:\n  annotations:\n    helm.sh/hook: yes\n"],
    ["kind: A\ndata:\n  x: |\n    name: a\n", "kind: A\ndata:\n  x: |\n    name: b\n"],
  ])("reads %j's variant %j as the full parser does", (doc, variant) => {
    const r = rereadManifestHead(readManifestHead(doc)!, variant);
    expect(r).toBeDefined();
    expect(full(variant)).toEqual({ head: project(r!.head) });
  });

  it("agrees with the full parser on seeded random word changes of rendered documents", () => {
    const words = ["x", "yes", "on", "true", "null", "Null", "1e3", "0x10", "0o7", "010", "1_000", "2001-12-14", "1:20", "a.b", "kind", "v2", "NaN", "y"];
    const docs = chartDocs.filter((d) => d.length < 4000);
    let reread = 0;
    fc.assert(
      fc.property(wordChanges(docs, words), ({ text: doc, variant }) => {
        const prev = readManifestHead(doc)!;
        const r = rereadManifestHead(prev, variant);
        if (r === undefined) return true;
        reread++;
        expect(full(variant), JSON.stringify(variant)).toEqual({ head: project(r.head) });
        // The previous reading is left as it was.
        expect(project(prev.head)).toEqual(project(readManifestHead(doc)!.head));
        return true;
      }),
      { seed: 8, numRuns: 1500 },
    );
    expect(reread).toBeGreaterThan(300);
  });
});
