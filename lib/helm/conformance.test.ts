/**
 * The acceptance test of the whole engine: every case of the shared conformance corpus
 * (../shared/conformance/cases) run through the CLI as `template rel . <args>` in the case directory,
 * compared with real Helm v4.1.4's recorded output (see the corpus README).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../cli/main";

process.env.TZ = "UTC";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const casesDir = path.resolve(repoRoot, "..", "shared", "conformance", "cases");

/** POSIX shell word splitting without expansions, as the corpus README specifies. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? "";
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\" || line[i + 1] === "$" || line[i + 1] === "`")) i++;
        cur += line[i] ?? "";
      }
      inWord = true;
    } else if (c === "\\") {
      cur += line[++i] ?? "";
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

describe("shellWords", () => {
  it.each([
    ["", []],
    ["-f o.yaml --set a=1", ["-f", "o.yaml", "--set", "a=1"]],
    ["--set 'list={a,b}'", ["--set", "list={a,b}"]],
    ['--set "a=x \\"y\\""', ["--set", 'a=x "y"']],
    ["--set a\\,b=1", ["--set", "a,b=1"]],
  ])("splits %j", (line, words) => {
    expect(shellWords(line)).toEqual(words);
  });
});

const cases = existsSync(casesDir) ? readdirSync(casesDir).sort() : [];

describe.skipIf(cases.length === 0)("helm template conformance (Helm v4.1.4)", () => {
  it.each(cases)("%s", (name) => {
    const dir = path.join(casesDir, name);
    const argsLine = (readFileSync(path.join(dir, "args"), "utf8").split("\n")[0] ?? "").trim();
    let stdout = "";
    let stderr = "";
    const code = main(["template", "rel", ".", ...shellWords(argsLine)], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: dir,
    });
    const expectedOut = readFileSync(path.join(dir, "expected.out"), "utf8");
    const codeFile = path.join(dir, "expected.code");
    if (existsSync(codeFile)) {
      const key = readFileSync(path.join(dir, "expected.key"), "utf8");
      expect({ code, stdout, stderr: collapse(stderr).includes(collapse(key)) ? "matches key" : stderr }).toEqual({
        code: Number(readFileSync(codeFile, "utf8").trim()),
        stdout: expectedOut,
        stderr: "matches key",
      });
    } else {
      expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
      expect(stdout).toBe(expectedOut);
    }
  });
});

if (cases.length === 0) console.warn(`conformance: ${casesDir} is absent; the corpus tests are skipped`);
