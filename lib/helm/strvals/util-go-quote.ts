/** Go's `%q` of a string (`strconv.Quote`): printable runes stay, the rest are escaped the Go way. */
export const goQuote = (s: string): string => quoteWith(s, '"');

/** Go's `%q` of a `[]rune` (strvals quotes its rune slices this way): `['x' 'y']`. */
export const goQuoteRunes = (s: string): string => `[${Array.from(s, (r) => quoteWith(r, "'")).join(" ")}]`;

function quoteWith(s: string, q: string): string {
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === q) {
      out += `\\${q}`;
      continue;
    }
    switch (ch) {
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + q;
}
