import { describe, expect, it } from "vitest";
import { changedSpan } from "./changed-span";

/** The span found by comparing one character at a time. */
function slowSpan(a: string, b: string) {
  const max = Math.min(a.length, b.length);
  let start = 0;
  while (start < max && a[start] === b[start]) start++;
  let end = 0;
  while (end < max - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { start, end };
}

const long = Array.from({ length: 3000 }, (_, i) => `  line-${i}: ${i % 7 === 0 ? "'quoted'" : i}`).join("\n");

describe("changedSpan", () => {
  it.each([
    ["", ""],
    ["a", ""],
    ["", "a"],
    ["abc", "abc"],
    ["abc", "abd"],
    ["abc", "xbc"],
    ["aaaa", "aa"],
    ["aa", "aaaa"],
    ["ab\u00e9c", "ab\u00e8c"],
    [long, long],
    [long, long.replace("line-1500: 1500", "line-1500: 15000")],
    [long, long.replace("line-0: 'quoted'", "line-0: x")],
    [long, long.slice(0, -1)],
    [long, `${long}\n`],
    [long, long.replaceAll("line-2999", "line-2999 ")],
    [long.repeat(2), long],
  ])("finds the prefix and suffix a character-by-character comparison finds (%#)", (a, b) => {
    expect(changedSpan(a, b)).toEqual(slowSpan(a, b));
    expect(changedSpan(b, a)).toEqual(slowSpan(b, a));
  });

  it("keeps the prefix and suffix apart where the texts repeat around the change", () => {
    const { start, end } = changedSpan("abab", "ababab");
    expect(start + end).toBeLessThanOrEqual(4);
    expect("abab".slice(0, start) + "ababab".slice(start, 6 - end) + "abab".slice(4 - end)).toBe("ababab");
  });
});
