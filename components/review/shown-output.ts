// The preview's text: the whole output, or the documents a `--show-only`-style filter keeps, printed as
// `helm template --show-only` prints them; with each shown document's first line.
import type { RenderedManifest } from "@/lib/helm/index";
import { filepathMatch } from "@/lib/helm/manifests";

export interface ShownOutput {
  text: string;
  /** Start line (`---`) of each manifest in `text`, by index in `manifests`; absent when filtered out. */
  lines: Map<number, number>;
}

/** Chart-relative template path of a `# Source:` path (what --show-only matches). */
export const templatePath = (source: string): string => source.slice(source.indexOf("/") + 1);

export function shownOutput(output: string, manifests: readonly RenderedManifest[], patterns: readonly string[]): ShownOutput {
  const lines = new Map<number, number>();
  let line = 1;
  if (patterns.length === 0) {
    manifests.forEach((m, i) => {
      lines.set(i, line);
      line += 2 + m.content.split("\n").length;
    });
    return { text: output, lines };
  }
  let text = "";
  // Helm prints pattern by pattern, each pattern's documents in output order.
  for (const p of patterns) {
    manifests.forEach((m, i) => {
      if (!filepathMatch(p, templatePath(m.source)) || lines.has(i)) return;
      lines.set(i, line);
      text += `---\n# Source: ${m.source}\n${m.content}\n`;
      line += 2 + m.content.split("\n").length;
    });
  }
  return { text, lines };
}
