/**
 * github.com/gobwas/glob with separator '/', as `.Files.Glob` compiles it, turned into an anchored
 * RegExp: `*` is any run of non-`/` runes, `**` any run at all, `?` one non-`/` rune, `[abc]`/`[!abc]`
 * and `[a-z]`/`[!a-z]` one rune (any rune, `/` included), `{a,b}` alternatives (nestable), `\x` a literal.
 * Returns null for what gobwas refuses (`[]`, `[z-a]`, an unclosed `[`); Helm then globs `**`.
 */

const lit = (r: string): string => `\\u{${(r.codePointAt(0) ?? 0).toString(16)}}`;

export function compileGobwasGlob(pattern: string): RegExp | null {
  const runes = Array.from(pattern);
  let i = 0;
  let depth = 0; // inside {…}: `,` and `}` are syntax
  let re = "";

  // Text up to the next special rune; a backslash makes the next rune literal.
  const text = (breakers: string): string => {
    let out = "";
    while (i < runes.length) {
      const r = runes[i] as string;
      if (r === "\\") {
        i++;
        if (i < runes.length) out += lit(runes[i++] as string);
        continue;
      }
      if (breakers.includes(r)) break;
      out += lit(r);
      i++;
    }
    return out;
  };

  // `[` was read: a range `a-z` or a list of runes, optionally negated with `!`.
  const range = (): string | null => {
    let negated = false;
    if (runes[i] === "!") {
      negated = true;
      i++;
    }
    const lo = runes[i];
    if (lo === undefined) return null;
    if (runes[i + 1] === "-") {
      const hi = runes[i + 2];
      if (hi === undefined || runes[i + 3] !== "]") return null;
      if ((hi.codePointAt(0) ?? 0) < (lo.codePointAt(0) ?? 0)) return null;
      i += 4;
      return `[${negated ? "^" : ""}${lit(lo)}-${lit(hi)}]`;
    }
    const list = text("]");
    if (runes[i] !== "]" || list === "") return null;
    i++;
    return `[${negated ? "^" : ""}${list}]`;
  };

  while (i < runes.length) {
    const r = runes[i] as string;
    if (r === "*") {
      i++;
      if (runes[i] === "*") {
        i++;
        re += "[^]*";
      } else re += "[^/]*";
    } else if (r === "?") {
      i++;
      re += "[^/]";
    } else if (r === "[") {
      i++;
      const part = range();
      if (part === null) return null;
      re += part;
    } else if (r === "{") {
      i++;
      depth++;
      re += "(?:";
    } else if (depth > 0 && r === ",") {
      i++;
      re += "|";
    } else if (depth > 0 && r === "}") {
      i++;
      depth--;
      re += ")";
    } else {
      re += text(depth > 0 ? "?*[{}," : "?*[{");
    }
  }
  // An unclosed `{` still closes its alternatives at the end of the pattern.
  re += ")".repeat(depth);
  return new RegExp(`^${re}$`, "u");
}
