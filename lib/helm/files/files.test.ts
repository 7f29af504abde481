import { describe, expect, it } from "vitest";
import { FuncError, goTypeName, utf8Bytes, utf8String, type Value } from "../../template/value";
import { runHelm, writeTree } from "../../../test/real-helm";
import { Files, newFiles } from "./index";

const CONTENT: Record<string, string> = {
  ".helmignore": "*.bak\n",
  "README.md": "readme\n",
  "files/a.txt": "hello\nworld\n",
  "files/b.json": '{"k": 1}',
  "files/sub/c.cfg": "x\n\ny",
  "files/empty.txt": "",
  "other/a.txt": "other a\n",
  LICENSE: "MIT\n",
};

const GLOBS = [
  "files/**",
  "files/*",
  "**",
  "*",
  "*.md",
  "files/?.txt",
  "files/[ab].*",
  "files/[!a].*",
  "files/[a-b].txt",
  "{README.md,files/a.txt}",
  "files/{a,b}.*",
  "files/**.cfg",
  "**/a.txt",
  "f*/*/*",
  "files/sub/\\c.cfg",
  "files/{a,{b,sub/c}}.*",
  "[]",
  "[z-a]",
  "files/[",
  "{README.md,files/a.txt",
  "*a*",
  "files/*.txt,x",
  // A group whose only alternative is empty matches nothing; an empty alternative among others is fine.
  "**{",
  "*{",
  "files/a{}.txt",
  "files/{a,}.txt",
  "files/{,a}.txt",
];

// One line per probe: `name: <toJson of the result>`.
const PROBES: [string, string][] = [
  ["get", `.Files.Get "files/a.txt"`],
  ["missing", `.Files.Get "nope"`],
  ["bytes", `.Files.GetBytes "files/b.json" | toString`],
  ["lines", `.Files.Lines "files/sub/c.cfg"`],
  ["lines2", `.Files.Lines "files/a.txt"`],
  ["linesMissing", `.Files.Lines "nope"`],
  ["asConfig", `(.Files.Glob "files/*").AsConfig`],
  ["asSecrets", `(.Files.Glob "files/**").AsSecrets`],
  ["asConfigEmpty", `(.Files.Glob "nothing/*").AsConfig`],
  ["asConfigCollide", `(.Files.Glob "{files,other}/a.txt").AsConfig`],
  ["print", `printf "%v" (.Files.Glob "files/[ab].*")`],
  ["type", `typeOf .Files`],
  ["kind", `kindOf .Files`],
  ["indexed", `index .Files "files/a.txt" | toString`],
  ["field", `.Files.LICENSE | toString`],
  ["fieldMissing", `.Files.NOPE | toString`],
  ["len", `len .Files`],
];

// `keys` refuses engine.files (it wants map[string]interface {}), so globs list their keys with range.
const GLOB_PROBES = GLOBS.map((g, i) => `# glob${i}: {{ range $k, $v := .Files.Glob ${JSON.stringify(g)} }}{{ $k }},{{ end }}`);

function helmResults(): Map<string, string> {
  const tpl = [...PROBES.map(([name, expr]) => `# ${name}: {{ ${expr} | toJson }}`), ...GLOB_PROBES].join("\n") + "\n";
  const dir = writeTree({
    ...CONTENT,
    "files/ign.bak": "ignored\n",
    "Chart.yaml": "apiVersion: v2\nname: fc\nversion: 0.1.0\n",
    "values.yaml": "a: 1\n",
    "templates/t.yaml": tpl,
  });
  const r = runHelm(["template", "r", "."], dir);
  expect(r.stderr).toBe("");
  return new Map([...r.stdout.matchAll(/^# (\w+): ?(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

// Go's encoding/json escapes these inside strings.
const goJson = (v: unknown): string =>
  JSON.stringify(v).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

function ours(files: Files, name: string): string {
  const call = (m: string, ...args: Value[]): Value => {
    const f = files.method(m);
    if (!f) throw new Error(`no method ${m}`);
    return f.call(...args);
  };
  const glob = (p: string): Files => call("Glob", p) as Files;
  const keys = (f: Files): string[] => [...f.map.keys()].sort();
  switch (name) {
    case "get":
      return goJson(call("Get", "files/a.txt"));
    case "missing":
      return goJson(call("Get", "nope"));
    case "bytes":
      return goJson(utf8String(call("GetBytes", "files/b.json") as Uint8Array));
    case "lines":
      return goJson(call("Lines", "files/sub/c.cfg"));
    case "lines2":
      return goJson(call("Lines", "files/a.txt"));
    case "linesMissing":
      return goJson(call("Lines", "nope"));
    case "asConfig":
      return goJson(glob("files/*").asConfig());
    case "asSecrets":
      return goJson(glob("files/**").asSecrets());
    case "asConfigEmpty":
      return goJson(glob("nothing/*").asConfig());
    case "asConfigCollide":
      return goJson(glob("{files,other}/a.txt").asConfig());
    case "print":
      return goJson(glob("files/[ab].*").format());
    case "type":
      return goJson(goTypeName(files));
    case "kind":
      return goJson(files.goKind);
    case "indexed":
      return goJson(utf8String(files.map.get("files/a.txt") as Uint8Array));
    case "field":
      return goJson(utf8String(files.field("LICENSE") as Uint8Array));
    case "fieldMissing":
      return goJson(utf8String(files.field("NOPE") as Uint8Array));
    case "len":
      return String(files.map.size);
  }
  const g = /^glob(\d+)$/.exec(name);
  if (g) return keys(glob(GLOBS[Number(g[1])] as string)).map((k) => `${k},`).join("");
  throw new Error(`unknown probe ${name}`);
}

describe(".Files against helm v4.1.4", () => {
  const helm = helmResults();
  const files = newFiles(Object.entries(CONTENT).map(([name, text]) => ({ name, data: utf8Bytes(text) })));

  it.each([...PROBES.map(([name]) => name), ...GLOBS.map((g, i) => `glob${i}`)])("%s", (name) => {
    // Helm's map iteration order decides which same-named file wins; both contents are valid.
    if (name === "asConfigCollide") {
      expect([goJson("a.txt: |\n  hello\n  world"), goJson("a.txt: |\n  other a")]).toContain(helm.get(name));
    }
    expect(helm.has(name)).toBe(true);
    if (name !== "asConfigCollide") expect(ours(files, name)).toBe(helm.get(name) ?? "");
  });

  it("fails Lines on an empty file like Go's index panic", () => {
    expect(() => files.method("Lines")?.call("files/empty.txt")).toThrow(FuncError);
    const r = runHelm(
      ["template", "r", "."],
      writeTree({
        "Chart.yaml": "apiVersion: v2\nname: fc\nversion: 0.1.0\n",
        "templates/t.yaml": `{{ .Files.Lines "e.txt" }}`,
        "e.txt": "",
      }),
    );
    expect(r.stderr).toContain("error calling Lines: runtime error: index out of range [-1]");
  });
});
