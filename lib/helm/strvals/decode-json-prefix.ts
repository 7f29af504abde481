import type { Value } from "../../template/value";
import { ParseFailure } from "./errors";

/**
 * Go's `json.NewDecoder(r).Decode(&v)` on the rest of a `--set-json` expression: decodes ONE JSON value
 * from the start of `text` (after JSON whitespace) and reports how many runes it used, as
 * `dec.InputOffset()` does, so `a=[1,2],b=3` continues after the list. Objects become maps, numbers
 * float64, as Go decodes into `interface{}`. Like Go's scanner, a top-level number ends at the first
 * rune that cannot continue it (`1x` is `1`), while a half-written number (`1.`, `1e`) is an error.
 */
export function decodeJsonPrefix(text: string): { value: Value; runes: number } {
  const p = new JsonPrefixParser(text);
  p.skipSpace();
  const value = p.value();
  return { value, runes: Array.from(text.slice(0, p.pos)).length };
}

/** encoding/json's scanner: at most this many containers nested (maxNestingDepth). */
const MAX_NESTING_DEPTH = 10000;

/** A container being filled: a list, or a map with the key whose value comes next. */
type Frame = { list: Value[] } | { map: Map<string, Value>; key: string };

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

class JsonPrefixParser {
  pos = 0;
  constructor(private readonly text: string) {}

  private fail(what: string): never {
    throw new ParseFailure("SET_JSON", what);
  }

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  /**
   * One JSON value. Containers are walked with an explicit stack, not by recursion, so any depth
   * Go reads (and the depth limit itself) is reached without overflowing the JS call stack.
   */
  value(): Value {
    const stack: Frame[] = [];
    for (;;) {
      let v: Value;
      const c = this.text[this.pos];
      if (c === "{" || c === "[") {
        // Go's scanner refuses the opening bracket past its limit, even of an empty container.
        if (stack.length >= MAX_NESTING_DEPTH) this.fail("exceeded max depth");
        this.pos++;
        this.skipSpace();
        if (c === "[") {
          if (this.text[this.pos] !== "]") {
            stack.push({ list: [] });
            continue;
          }
          this.pos++;
          v = [];
        } else {
          if (this.text[this.pos] !== "}") {
            stack.push({ map: new Map(), key: this.key() });
            continue;
          }
          this.pos++;
          v = new Map();
        }
      } else {
        v = this.scalar(c);
      }
      // Hand the finished value to its container; close each container that ends here.
      for (;;) {
        const top = stack.at(-1);
        if (top === undefined) return v;
        if ("list" in top) top.list.push(v);
        else top.map.set(top.key, v);
        this.skipSpace();
        const next = this.text[this.pos++];
        if (next === ",") {
          this.skipSpace();
          if ("map" in top) top.key = this.key();
          break;
        }
        if (next !== ("list" in top ? "]" : "}")) {
          this.fail("list" in top ? "invalid character after array element" : "invalid character after object key:value pair");
        }
        stack.pop();
        v = "list" in top ? top.list : top.map;
      }
    }
  }

  /** An object key and its colon, leaving the position at the value. */
  private key(): string {
    if (this.text[this.pos] !== '"') this.fail("invalid character looking for beginning of object key string");
    const key = this.string();
    this.skipSpace();
    if (this.text[this.pos++] !== ":") this.fail("invalid character after object key");
    this.skipSpace();
    return key;
  }

  private scalar(c: string | undefined): Value {
    switch (c) {
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
    }
    if (c === undefined) this.fail("unexpected end of JSON input");
    return this.number();
  }

  private literal(word: string, v: Value): Value {
    if (!this.text.startsWith(word, this.pos)) this.fail(`invalid character in literal ${word}`);
    this.pos += word.length;
    return v;
  }

  private string(): string {
    STRING.lastIndex = this.pos;
    const m = STRING.exec(this.text);
    if (!m) this.fail("invalid string literal");
    this.pos += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(`invalid character ${JSON.stringify(this.text[this.pos])} looking for beginning of value`);
    this.pos += m[0].length;
    const next = this.text[this.pos];
    // A fraction or exponent that started but did not complete is a syntax error in Go's scanner.
    if ((next === "." && !m[1] && !m[2]) || ((next === "e" || next === "E") && !m[2])) {
      this.fail("invalid number literal");
    }
    const f = Number(m[0]);
    if (!Number.isFinite(f)) this.fail(`cannot unmarshal number ${m[0]} into Go value of type float64`);
    return f;
  }
}
