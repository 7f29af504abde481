import { describe, expect, it } from "vitest";
import { BLOCK_LINES, lineBlocks } from "./line-blocks";

describe("lineBlocks", () => {
  it.each([
    ["", 1],
    ["a", 1],
    ["a\n", 1],
    [Array.from({ length: BLOCK_LINES }, (_, i) => `l${i}`).join("\n"), 1],
    [Array.from({ length: BLOCK_LINES + 1 }, (_, i) => `l${i}`).join("\n"), 2],
    [`${Array.from({ length: BLOCK_LINES }, (_, i) => `l${i}`).join("\n")}\n`, 1],
    [`${Array.from({ length: 3 * BLOCK_LINES }, (_, i) => `l${i}`).join("\n")}\n`, 3],
    ["\n", 1],
  ])("splits a text of %#: the blocks, each joined by a line feed, are the text", (text, count) => {
    const blocks = lineBlocks(text);
    expect(blocks).toHaveLength(count);
    expect(blocks.join("\n")).toBe(text);
    for (const b of blocks) expect(b.replace(/\n$/, "").split("\n").length).toBeLessThanOrEqual(BLOCK_LINES);
  });
});
