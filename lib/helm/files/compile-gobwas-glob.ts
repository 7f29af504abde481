/**
 * github.com/gobwas/glob with separator '/', as `.Files.Glob` compiles it, turned into an anchored
 * RegExp: `*` is any run of non-`/` runes, `**` any run at all, `?` one non-`/` rune, `[abc]`/`[!abc]`
 * and `[a-z]`/`[!a-z]` one rune (any rune, `/` included), `{a,b}` alternatives (nestable), `\x` a literal.
 * Returns null for what gobwas refuses (`[]`, `[z-a]`, an unclosed `[`); Helm then globs `**`.
 * Not reproduced: gobwas panics (an execution error in Helm) on some trailing-`{` patterns such as
 * `a.txt{` when a name matches the text before it; here such patterns match nothing.
 */

const lit = (r: string): string => `\\u{${(r.codePointAt(0) ?? 0).toString(16)}}`;

export function compileGobwasGlob(pattern: string): RegExp | null {
  const runes = Array.from(pattern);
  let i = 0;

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

  // One frame per open `{`: the alternatives so far and the one being built.
  const frames: { alts: string[]; cur: string }[] = [{ alts: [], cur: "" }];
  const top = (): { alts: string[]; cur: string } => frames[frames.length - 1] as { alts: string[]; cur: string };
  // gobwas matches nothing with a group whose only alternative is empty (`a{}b`, a trailing `{`).
  const closeGroup = (): void => {
    const f = frames.pop() as { alts: string[]; cur: string };
    const alts = [...f.alts, f.cur];
    top().cur += alts.length === 1 && alts[0] === "" ? "(?!)" : `(?:${alts.join("|")})`;
  };
  while (i < runes.length) {
    const r = runes[i] as string;
    if (r === "*") {
      i++;
      if (runes[i] === "*") {
        i++;
        top().cur += "[^]*";
      } else top().cur += "[^/]*";
    } else if (r === "?") {
      i++;
      top().cur += "[^/]";
    } else if (r === "[") {
      i++;
      const part = range();
      if (part === null) return null;
      top().cur += part;
    } else if (r === "{") {
      i++;
      frames.push({ alts: [], cur: "" });
    } else if (frames.length > 1 && r === ",") {
      i++;
      const f = top();
      f.alts.push(f.cur);
      f.cur = "";
    } else if (frames.length > 1 && r === "}") {
      i++;
      closeGroup();
    } else {
      top().cur += text(frames.length > 1 ? "?*[{}," : "?*[{");
    }
  }
  // An unclosed `{` still closes its alternatives at the end of the pattern.
  while (frames.length > 1) closeGroup();
  const re = top().cur;
  return new RegExp(`^${re}$`, "u");
}
