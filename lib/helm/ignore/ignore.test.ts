import { describe, expect, it } from "vitest";
import { utf8Bytes } from "../../template/value";
import { runHelm, writeTree } from "../../../test/real-helm";
import { compileGoGlob } from "./compile-go-glob";
import { IgnoreError, filterIgnored, parseIgnore } from "./index";

const LIST = `# FILES {{ range $k, $v := .Files }}{{ $k }},{{ end }}\n`;

// Every chart has these; each case adds a .helmignore.
const BASE: Record<string, string> = {
  "Chart.yaml": "apiVersion: v2\nname: ig\nversion: 0.1.0\n",
  "values.yaml": "a: 1\n",
  "templates/list.yaml": LIST,
  "templates/cm.yaml": "# cm\n",
  "templates/.hidden.yaml": "# hidden\n",
  "templates/sub/.dot.yaml": "# subdot\n",
  "README.md": "readme\n",
  "data/keep.txt": "k\n",
  "data/old.bak": "b\n",
  "data/secret.txt": "s\n",
  "data/deep/x.txt": "x\n",
  "data/deep/y.bak": "y\n",
  "other/x.txt": "x\n",
  ".hiddenfile": "h\n",
  "x.txt": "x\n",
};

/** What Helm shows: the .Files keys and the rendered template sources, or the error. */
function helmView(ignore: string | null): string {
  const files: Record<string, string> = { ...BASE };
  if (ignore !== null) files[".helmignore"] = ignore;
  const r = runHelm(["template", "r", "."], writeTree(files));
  if (r.code !== 0) return `error: ${r.stderr.trim()}`;
  const listed = /# FILES (.*)/.exec(r.stdout)?.[1] ?? "";
  const sources = [...r.stdout.matchAll(/# Source: ig\/(.*)/g)].map((m) => m[1]).sort();
  return `files: ${listed}\nsources: ${sources.join(",")}`;
}

function ourView(ignore: string | null): string {
  const all = new Map(Object.entries({ ...BASE, ...(ignore !== null ? { ".helmignore": ignore } : {}) }).map(([k, v]) => [k, utf8Bytes(v)]));
  let kept;
  try {
    kept = filterIgnored(all, parseIgnore(ignore));
  } catch (e) {
    if (e instanceof IgnoreError) return `error: Error: ${e.message}`;
    throw e;
  }
  if (!kept.has("Chart.yaml")) return "error: (Chart.yaml ignored)";
  const names = [...kept.keys()].sort();
  const files = names.filter((n) => !n.startsWith("templates/") && n !== "Chart.yaml" && n !== "values.yaml");
  const sources = names.filter((n) => n.startsWith("templates/"));
  return `files: ${files.map((f) => `${f},`).join("")}\nsources: ${sources.join(",")}`;
}

const CASES: (string | null)[] = [
  null,
  "",
  "# only a comment\n\n",
  "*.bak\n",
  "data/*.bak\ndata/secret*\n",
  "data/\n",
  "deep/\n",
  "/x.txt\n",
  "x.txt\n",
  "data/deep\n",
  "*.txt\n!keep.txt\n",
  ".*\n",
  "README.md\r\n*.bak\r\n",
  "\uFEFFREADME.md\n",
  "dat?/k*\n",
  "[a-d]ata/\n",
  "data/[^k]*.txt\n",
  "  other/  \n",
  "templates/cm.yaml\n",
];

describe("helmignore against helm v4.1.4", () => {
  it.each(CASES.map((c) => [JSON.stringify(c), c] as const))("%s", (_name, ignore) => {
    const helm = helmView(ignore);
    const ours = ourView(ignore);
    // When our rules drop Chart.yaml, Helm fails to load the chart; any load error will do.
    if (ours === "error: (Chart.yaml ignored)") expect(helm).toMatch(/^error: /);
    else expect(ours).toBe(helm);
  });

  it.each(["data/**\n", "a[\n", "[]a]\n", "x\\\n"])("rejects %j as Helm does", (ignore) => {
    const helm = helmView(ignore);
    expect(helm).toMatch(/^error: /);
    expect(ourView(ignore)).toBe(helm);
  });
});

describe("parseIgnore", () => {
  it("reports the line of a bad rule", () => {
    expect(() => parseIgnore("ok\n\nfoo/**/bar\n")).toThrow(expect.objectContaining({ code: "IGNORE_DOUBLE_STAR", line: 3 }));
  });

  it.each([
    ["templates/.x", false, true],
    ["templates/sub/.x", false, false],
    ["templates/.", false, false],
  ] as const)("default rule: %s ignored=%s", (path, isDir, want) => {
    expect(parseIgnore(null).ignored(path, isDir)).toBe(want);
  });

  it("has Helm's negation: a non-matching path is ignored", () => {
    const rules = parseIgnore("!keep.txt\n", { defaults: false });
    expect(rules.ignored("keep.txt", false)).toBe(false);
    expect(rules.ignored("other.txt", false)).toBe(true);
  });
});

describe("compileGoGlob", () => {
  it.each([
    ["*.txt", "a.txt", true],
    ["*.txt", "d/a.txt", false],
    ["?", "/", false],
    ["[^a]", "b", true],
    ["[a-c]x", "bx", true],
    ["\\*", "*", true],
    ["a*b*c", "aXbYc", true],
  ] as const)("%s ~ %s = %s", (glob, name, want) => {
    expect(compileGoGlob(glob).test(name)).toBe(want);
  });
});
