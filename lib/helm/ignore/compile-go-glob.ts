/**
 * Go's `path/filepath.Match` pattern language (Unix flavour), compiled to an anchored RegExp:
 * `*` is any run of non-`/` runes, `?` one non-`/` rune, `[a-z]`/`[^a-z]` a rune class, `\x` a literal.
 * A malformed pattern throws GlobSyntaxError, which Go reports as `syntax error in pattern`.
 */

export class GlobSyntaxError extends Error {
  constructor(readonly pattern: string) {
    super("syntax error in pattern");
    this.name = "GlobSyntaxError";
  }
}

const reEscape = (r: string): string => `\\u{${(r.codePointAt(0) ?? 0).toString(16)}}`;

export function compileGoGlob(pattern: string): RegExp {
  const runes = Array.from(pattern);
  let re = "";
  let i = 0;
  const bad = (): never => {
    throw new GlobSyntaxError(pattern);
  };
  // One class member: a rune or an escaped rune (Go's getEsc).
  const classRune = (): string => {
    let r = runes[i];
    if (r === undefined || r === "-" || r === "]") return bad();
    if (r === "\\") {
      i++;
      r = runes[i];
      if (r === undefined) return bad();
    }
    i++;
    if (i >= runes.length) return bad();
    return r;
  };
  while (i < runes.length) {
    const r = runes[i] as string;
    if (r === "*") {
      re += "[^/]*";
      i++;
    } else if (r === "?") {
      re += "[^/]";
      i++;
    } else if (r === "\\") {
      const next = runes[i + 1];
      if (next === undefined) bad();
      re += reEscape(next as string);
      i += 2;
    } else if (r === "[") {
      i++;
      let negated = false;
      if (runes[i] === "^") {
        negated = true;
        i++;
      }
      let cls = "";
      let nrange = 0;
      for (;;) {
        if (runes[i] === "]" && nrange > 0) {
          i++;
          break;
        }
        const lo = classRune();
        let hi = lo;
        if (runes[i] === "-") {
          i++;
          hi = classRune();
        }
        // An inverted range matches nothing in Go; keep it valid for JS.
        cls += (lo.codePointAt(0) ?? 0) <= (hi.codePointAt(0) ?? 0) ? `${reEscape(lo)}-${reEscape(hi)}` : "";
        nrange++;
      }
      re += cls === "" ? (negated ? "[^]" : "[]") : `[${negated ? "^" : ""}${cls}]`;
    } else {
      re += reEscape(r);
      i++;
    }
  }
  return new RegExp(`^${re}$`, "u");
}
