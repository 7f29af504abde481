import { describe, expect, it } from "vitest";
import { codePoints } from "./chars";
import { naturalLess, naturalSortKeys } from "./sort-keys";

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

  it("is not transitive on a1b / a2 / a10, so one fixed order is picked", () => {
    const [a1b, a2, a10] = ["a1b", "a2", "a10"].map(codePoints) as [number[], number[], number[]];
    expect([naturalLess(a1b, a2), naturalLess(a2, a10), naturalLess(a10, a1b)]).toEqual([true, true, true]);
    expect(naturalSortKeys(["a2", "a10", "a1b"])).toEqual(naturalSortKeys(["a1b", "a10", "a2"]));
  });

  it("v3 puts a letter before a non-letter right after equal digits", () => {
    expect(naturalLess(codePoints("a1b"), codePoints("a1_"), true)).toBe(true);
    expect(naturalLess(codePoints("a1b"), codePoints("a1_"), false)).toBe(false);
  });
});
