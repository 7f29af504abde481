/** A rune cursor over an expression: Go's `bytes.Buffer` as strvals reads it (`ReadRune`, `UnreadRune`). */
export class RuneReader {
  private readonly runes: string[];
  pos = 0;

  constructor(text: string) {
    this.runes = Array.from(text);
  }

  /** The next rune, or null at the end of input. */
  read(): string | null {
    const r = this.runes[this.pos];
    if (r === undefined) return null;
    this.pos++;
    return r;
  }

  /** Steps back over the rune `read` just returned. */
  unread(): void {
    this.pos--;
  }

  /** Everything not read yet. */
  rest(): string {
    return this.runes.slice(this.pos).join("");
  }

  /** Consumes `n` runes. */
  skip(n: number): void {
    this.pos = Math.min(this.runes.length, this.pos + n);
  }
}

/**
 * strvals' `runesUntil`: reads up to (and consuming) the first rune in `stop`. With `escapes`, a
 * backslash takes the next rune literally (`\,` `\.`); the literal parser has no escapes.
 * `last` is null when the input ended first.
 */
export function runesUntil(
  r: RuneReader,
  stop: ReadonlySet<string>,
  escapes: boolean,
): { text: string; last: string | null } {
  let text = "";
  for (;;) {
    const c = r.read();
    if (c === null) return { text, last: null };
    if (stop.has(c)) return { text, last: c };
    if (escapes && c === "\\") {
      const next = r.read();
      if (next === null) return { text, last: null };
      text += next;
      continue;
    }
    text += c;
  }
}

/** Go's `unicode.IsSpace`. */
export function isGoSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}
