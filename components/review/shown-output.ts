// The preview's text: the whole output, or the documents a `--show-only`-style filter keeps, printed as
// `helm template --show-only` prints them; with each shown document's first line.
import type { RenderedManifest } from "@/lib/helm/index";
import { filepathMatch } from "@/lib/helm/manifests";
import { outputLineCount, outputStartLines } from "@/lib/review/review-object";

export interface ShownOutput {
  text: string;
  /** Start line (`---`) of each manifest in `text`, by index in `manifests`; absent when filtered out. */
  lines: Map<number, number>;
  /** Start line of each manifest in the whole output (where findings' lines are counted). */
  wholeLines: number[];
}

/** Chart-relative template path of a `# Source:` path (what --show-only matches). */
export const templatePath = (source: string): string => source.slice(source.indexOf("/") + 1);

export function shownOutput(output: string, manifests: readonly RenderedManifest[], patterns: readonly string[]): ShownOutput {
  const wholeLines = outputStartLines(manifests);
  if (patterns.length === 0) return { text: output, lines: new Map(wholeLines.map((l, i) => [i, l])), wholeLines };
  const lines = new Map<number, number>();
  let text = "";
  let line = 1;
  // Helm prints pattern by pattern, each pattern's documents in output order.
  for (const p of patterns) {
    manifests.forEach((m, i) => {
      if (!filepathMatch(p, templatePath(m.source)) || lines.has(i)) return;
      lines.set(i, line);
      text += `---\n# Source: ${m.source}\n${m.content}\n`;
      line += outputLineCount(m);
    });
  }
  return { text, lines, wholeLines };
}

/** Where a line of the whole output inside manifest `index` is in the shown text; undefined when filtered out. */
export function shownLine(shown: ShownOutput, index: number, wholeLine: number): number | undefined {
  const start = shown.lines.get(index);
  const wholeStart = shown.wholeLines[index];
  return start === undefined || wholeStart === undefined ? undefined : start + (wholeLine - wholeStart);
}
