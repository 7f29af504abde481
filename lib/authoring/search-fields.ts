/** The form's search: fields whose path, label or help text hold every word of the query, best first. */
import type { AuthoringField } from "./authoring-fields";

/** At most `limit` matches; a match in the path ranks above the label, which ranks above the help text. */
export function searchFields(fields: readonly AuthoringField[], query: string, limit = 20): AuthoringField[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) return [];
  const scored: { f: AuthoringField; score: number; i: number }[] = [];
  fields.forEach((f, i) => {
    const path = f.path.toLowerCase();
    const label = f.label.toLowerCase();
    const help = f.help.toLowerCase();
    let score = 0;
    for (const w of words) {
      if (path.startsWith(w) || path.endsWith(w)) score += 4;
      else if (path.includes(w)) score += 3;
      else if (label.includes(w)) score += 2;
      else if (help.includes(w)) score += 1;
      else return;
    }
    scored.push({ f, score, i });
  });
  return scored
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.f);
}
