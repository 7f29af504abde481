/** Lines per block of a plain-text view (plain-yaml.tsx). */
export const BLOCK_LINES = 50;

/**
 * `text` in blocks of BLOCK_LINES lines, without the line feed between two blocks (blocks break lines); the
 * text's own last line feed stays in the last block, so it never makes an empty block of its own.
 */
export function lineBlocks(text: string): string[] {
  const end = text.endsWith("\n") ? "\n" : "";
  const lines = (end ? text.slice(0, -1) : text).split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += BLOCK_LINES) out.push(lines.slice(i, i + BLOCK_LINES).join("\n"));
  out[out.length - 1] += end;
  return out;
}
