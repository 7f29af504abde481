import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { RE2 as Re2Wasm } from "re2-wasm";
import { describe, expect, it } from "vitest";
import { RE2 } from "./re2-wasm-adapter";

// Every pattern the model packages hand to re2-wasm, read from the installed packages themselves.
function re2Patterns(): string[] {
  const dir = path.resolve("node_modules/@kubernetes-models/prometheus-operator/_schemas");
  const out = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
    const text = readFileSync(path.join(dir, f), "utf8");
    const fn = /import (\w+) from"@kubernetes-models\/validate\/runtime\/re2"/.exec(text)?.[1];
    if (!fn) continue;
    for (const m of text.matchAll(new RegExp(`new ${fn}\\(("(?:[^"\\\\]|\\\\.)*"),"u"\\)`, "g"))) out.add(JSON.parse(m[1] ?? '""') as string);
  }
  return [...out];
}

const INPUTS = ["january", "January", "MARCH:april", "1:12", "13", "0", "monday", "Monday:friday", "sunday:", "", "5m", "30s", "1h30m", "group", "x y", "ülk"];

describe("review/re2-wasm-adapter", () => {
  const patterns = re2Patterns();

  it("finds the RE2 patterns of the CRD models", () => {
    expect(patterns.length).toBeGreaterThanOrEqual(3);
  });

  it.each(patterns)("matches as re2-wasm does: %s", (pattern) => {
    const ours = new RE2(pattern, "u");
    const theirs = new Re2Wasm(pattern, "u");
    for (const input of INPUTS) expect([input, ours.test(input)]).toEqual([input, theirs.test(input)]);
  });

  it("keeps RE2 syntax that JavaScript's RegExp rejects, and its flags", () => {
    expect(() => new RegExp("^((?i)may)$", "u")).toThrow();
    expect(new RE2("^((?i)may)$").test("MAY")).toBe(true);
    expect(new RE2("^a.b$", "su").test("a\nb")).toBe(true);
    expect(new RE2("^a.b$", "u").test("a\nb")).toBe(false);
    expect(new RE2("^x$", "iu").test("X")).toBe(true);
    expect(() => new RE2("x", "gu")).toThrow(/unsupported flag "g"/);
  });
});
