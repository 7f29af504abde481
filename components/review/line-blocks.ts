/** Lines per block of a plain-text view (plain-yaml.tsx). */
export const BLOCK_LINES = 50;

/** `text` in blocks of BLOCK_LINES lines, without the line feed that ends a block (blocks break lines). */
export function lineBlocks(text: string): string[] {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += BLOCK_LINES) out.push(lines.slice(i, i + BLOCK_LINES).join("\n"));
  return out;
}
