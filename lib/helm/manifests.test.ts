import fc from "fast-check";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { runHelm, writeTree } from "../../test/real-helm";
import { HelmError } from "./errors";
import { filepathMatch, goTrimSpace, printManifests, sortManifests, splitManifests, splitSep } from "./manifests";
import { parseYamlDocument } from "./yaml/index";

describe("splitManifests", () => {
  it.each([
    ["a: 1\n---\nb: 2", ["a: 1", "b: 2"]],
    ["---\na: 1\n---\n", ["a: 1"]],
    ["--- # comment\na: 1", ["# comment\na: 1"]],
    ["x: 1\n---foo: 1", ["x: 1", "foo: 1"]],
    // The first separator's trailing \s* eats the newline, so the second --- does not split.
    ["a: 0\n\n---\n---\na: 1", ["a: 0", "---\na: 1"]],
    ["a: |\n  ---\n  x", ["a: |\n  ---\n  x"]],
    ["\n\n  \n", []],
  ])("%j", (input, docs) => {
    expect(splitManifests(input)).toEqual(docs);
  });
});

describe("splitSep", () => {
  // Go's regexp.Split over the separator regex (RE2 semantics, as Helm's), as the oracle.
  const sep = RE2JS.compile("(?:^|\\s*\\n)---\\s*");
  const regexSplit = (s: string): string[] => {
    const out: string[] = [];
    let beg = 0;
    let end = 0;
    for (const m of sep.matchAll(s)) {
      const start = m.index ?? 0;
      const stop = start + (m[0]?.length ?? 0);
      end = start;
      if (stop !== 0) out.push(s.slice(beg, end));
      beg = stop;
    }
    if (end !== s.length) out.push(s.slice(beg));
    return out;
  };

  it("splits exactly as the regex on generated inputs", () => {
    const piece = fc.constantFrom("-", "--", "---", "\n", " ", "\t", "\r", "\f", "\v", "\u0085", "a", "b: 1", "\n---\n", "#");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join("")), (s) => {
        expect(splitSep(s)).toEqual(regexSplit(s));
      }),
      { numRuns: 3000, seed: 20261125 },
    );
  });
});

describe("goTrimSpace", () => {
  it("keeps a BOM, which Go's unicode.IsSpace does not strip", () => {
    expect(goTrimSpace("\ufeffa \n")).toBe("\ufeffa");
  });
});

describe("filepathMatch", () => {
  it.each([
    ["templates/*.yaml", "templates/a.yaml", true],
    ["templates/*", "templates/sub/a.yaml", false],
    ["templates/?.yaml", "templates/a.yaml", true],
    ["templates/[ab].yaml", "templates/b.yaml", true],
    ["templates/[^ab].yaml", "templates/c.yaml", true],
    ["templates/[a-c].yaml", "templates/d.yaml", false],
    ["templates/a.yaml", "templates/a.yaml", true],
    ["templates/[", "templates/[", false],
    ["charts/rest-api/templates/deployment.yaml", "charts/rest-api/templates/deployment.yaml", true],
    ["templates/[-a].yaml", "templates/-.yaml", true],
    ["templates/[a\\-].yaml", "templates/-.yaml", true],
  ])("%s ~ %s", (pattern, name, want) => {
    expect(filepathMatch(pattern, name)).toBe(want);
  });
});

const files = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe("sortManifests", () => {
  it("orders by path, then stable by kind, unknown kinds last and hooks apart", () => {
    const { generic, hooks } = sortManifests(
      files({
        "c/templates/z.yaml": "kind: Namespace\nmetadata:\n  name: ns",
        "c/templates/m.yaml": "kind: ConfigMap\nmetadata:\n  name: b\n---\nkind: Alpha\n---\n# only a comment\n---\nkind: Secret",
        "c/templates/h.yaml": "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n---\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test",
        "c/templates/bad.yaml": "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: bogus",
        "c/templates/_h.tpl": "kind: Secret",
        "c/templates/empty.yaml": "  \n",
      }),
      parseYamlDocument,
    );
    expect(generic.map((m) => m.kind || "(none)")).toEqual(["Namespace", "Secret", "ConfigMap", "(none)", "Alpha"]);
    expect(hooks.map((h) => [h.kind, h.isTest])).toEqual([
      ["Pod", true],
      ["Job", false],
    ]);
  });

  it("reports invalid YAML with Helm's message and the debug footer", () => {
    let err: unknown;
    try {
      sortManifests(files({ "c/templates/t.yaml": "a: b: c" }), parseYamlDocument);
    } catch (e) {
      err = e;
    }
    // Verified with helm v4.1.4: goyaml omits "line 1:" for errors on the first line.
    expect(err).toBeInstanceOf(HelmError);
    expect((err as HelmError).stderr).toBe(
      "Error: YAML parse error on c/templates/t.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n\nUse --debug flag to render out invalid YAML\n",
    );
  });
});

describe("sortManifests: the document head", () => {
  // Documents whose head does not decode into Helm's SimpleHead, and some that do (scalars convert to strings).
  const docs = [
    "3", '"x"', "true", "[1]", "日本# c", "null", "kind: 3", "kind: [1]", "apiVersion: {a: 1}", "kind: [1]\napiVersion: [2]",
    "metadata: 3", 'metadata: "x"', "metadata: []", "metadata: null", "metadata: {name: 3}", "metadata: {name: [1]}",
    "metadata: {annotations: 3}", "metadata: {annotations: {a: 1}}", "metadata: {annotations: {a: [1]}}",
    "metadata: {annotations: {a: {b: 1}}, name: [1]}", "metadata: {name: {}}\nkind: {}",
  ];
  const dirs = docs.map((d) => writeTree({ "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n", "templates/t.yaml": `${d}\n` }, "head-"));

  it.each(docs.map((d, i) => [d, i] as const))("%j: same answer as helm template", (doc, i) => {
    const helm = runHelm(["template", "r", dirs[i]!], dirs[i]!);
    let stderr = "";
    try {
      sortManifests(files({ "c/templates/t.yaml": `${doc}\n` }), parseYamlDocument);
    } catch (e) {
      if (!(e instanceof HelmError)) throw e;
      stderr = e.stderr;
    }
    expect(helm.code).toBe(stderr === "" ? 0 : 1);
    if (stderr !== "") expect(stderr).toBe(helm.stderr);
  });
});

describe("printManifests", () => {
  const { generic, hooks } = sortManifests(
    files({
      "c/templates/a.yaml": "kind: ConfigMap\n",
      "c/templates/t.yaml": "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test",
    }),
    parseYamlDocument,
  );

  it("prints CRDs raw, manifests, then hooks", () => {
    expect(printManifests(generic, hooks, { crds: [{ path: "c/crds/x.yaml", content: "kind: CRD\n" }] })).toBe(
      "---\n# Source: c/crds/x.yaml\nkind: CRD\n\n---\n# Source: c/templates/a.yaml\nkind: ConfigMap\n---\n# Source: c/templates/t.yaml\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n",
    );
  });

  it("prints a single newline for an empty chart", () => {
    expect(printManifests([], [], {})).toBe("\n");
  });

  it("skips test hooks and fails on a --show-only that matches nothing", () => {
    expect(printManifests(generic, hooks, { skipTests: true })).toBe("---\n# Source: c/templates/a.yaml\nkind: ConfigMap\n");
    expect(() => printManifests(generic, hooks, { showOnly: ["templates/none.yaml"] })).toThrow("could not find template templates/none.yaml in chart");
    expect(printManifests(generic, hooks, { showOnly: ["templates/t.yaml"] })).toBe(
      "---\n# Source: c/templates/t.yaml\nkind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: test\n",
    );
  });
});
