/**
 * Helm's fromToml: a TOML document read into the Go value model as BurntSushi/toml decodes into
 * `map[string]interface{}` (integers int64, floats float64, tables maps, arrays lists). A parse
 * error comes back as `{"Error": "toml: line N: ..."}`, as Helm returns it.
 */
import { GoInt, isGoMap, type GoMap, type Value } from "../../template/value";

class TomlParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const BARE = /[A-Za-z0-9_-]/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|^\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?/;
const NUMBER = /^[-+]?(?:0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|inf|nan|[0-9_]+(?:\.[0-9_]+)?(?:[eE][-+]?[0-9_]+)?)/;

/** Go's %q of one character, as the lexer's messages quote it. */
const quoteRune = (c: string | undefined): string => (c === undefined ? "EOF" : JSON.stringify(c).replace(/^"|"$/g, "'"));

class Parser {
  private pos = 0;
  private readonly root: GoMap = new Map();
  /** Tables created by a [header] or as values, which a second [header] may not reopen. */
  private readonly defined = new Set<GoMap>();
  /** Tables that only exist as parents of dotted keys or headers, which may still get a header. */
  private readonly implicit = new Set<GoMap>();
  /** Inline tables and arrays, which are closed for later additions. */
  private readonly frozen = new Set<object>();

  constructor(private readonly src: string) {}

  private line(): number {
    let n = 1;
    for (let i = this.src.indexOf("\n"); i >= 0 && i < this.pos; i = this.src.indexOf("\n", i + 1)) n++;
    return n;
  }

  private fail(message: string): never {
    throw new TomlParseError(this.line(), message);
  }

  private peek(off = 0): string | undefined {
    return this.src[this.pos + off];
  }

  /** Spaces and tabs. */
  private skipBlank(): void {
    while (this.peek() === " " || this.peek() === "\t") this.pos++;
  }

  /** Blanks, comments and line breaks (inside arrays). */
  private skipAll(): void {
    for (;;) {
      this.skipBlank();
      const c = this.peek();
      if (c === "#") while (this.pos < this.src.length && this.peek() !== "\n") this.pos++;
      else if (c === "\n" || (c === "\r" && this.peek(1) === "\n")) this.pos += c === "\n" ? 1 : 2;
      else return;
    }
  }

  /** After a statement: only a comment may follow on the line. */
  private endOfLine(): void {
    this.skipBlank();
    if (this.peek() === "#") while (this.pos < this.src.length && this.peek() !== "\n") this.pos++;
    const c = this.peek();
    if (c === undefined) return;
    if (c === "\n") this.pos++;
    else if (c === "\r" && this.peek(1) === "\n") this.pos += 2;
    else this.fail(`expected a top-level item to end with a newline, comment, or EOF, but got ${quoteRune(c)} instead`);
  }

  parse(): GoMap {
    let current = this.root;
    for (;;) {
      this.skipAll();
      const c = this.peek();
      if (c === undefined) return this.root;
      if (c === "[") {
        const array = this.peek(1) === "[";
        this.pos += array ? 2 : 1;
        this.skipBlank();
        const key = this.key();
        this.skipBlank();
        if (this.src.startsWith(array ? "]]" : "]", this.pos)) this.pos += array ? 2 : 1;
        else this.fail(array ? `expected end of table array name delimiter ']', but got ${quoteRune(this.peek())} instead` : `expected '.' or ']' to end table name, but got ${quoteRune(this.peek())} instead`);
        current = array ? this.arrayTable(key) : this.headerTable(key);
        this.endOfLine();
        continue;
      }
      this.keyValue(current);
      this.endOfLine();
    }
  }

  private headerTable(key: string[]): GoMap {
    const parent = this.walk(this.root, key.slice(0, -1), true);
    const last = key[key.length - 1] ?? "";
    const existing = parent.get(last);
    if (existing === undefined) {
      const t: GoMap = new Map();
      parent.set(last, t);
      this.defined.add(t);
      return t;
    }
    if (isGoMap(existing) && this.implicit.has(existing) && !this.frozen.has(existing)) {
      this.implicit.delete(existing);
      this.defined.add(existing);
      return existing;
    }
    return this.fail(`Key '${key.join(".")}' has already been defined.`);
  }

  private arrayTable(key: string[]): GoMap {
    const parent = this.walk(this.root, key.slice(0, -1), true);
    const last = key[key.length - 1] ?? "";
    const existing = parent.get(last);
    const t: GoMap = new Map();
    this.defined.add(t);
    if (existing === undefined) parent.set(last, [t]);
    else if (Array.isArray(existing) && !this.frozen.has(existing)) existing.push(t);
    else this.fail(`Key '${key.join(".")}' was already created and cannot be used as an array.`);
    return t;
  }

  /** Descends through (and creates) the tables of a dotted key; in an array of tables, its last table. */
  private walk(from: GoMap, keys: string[], header: boolean): GoMap {
    let t = from;
    for (const k of keys) {
      const v = t.get(k);
      if (v === undefined) {
        const nt: GoMap = new Map();
        t.set(k, nt);
        this.implicit.add(nt);
        t = nt;
      } else if (isGoMap(v) && !this.frozen.has(v) && (header || !this.defined.has(v) || this.implicit.has(v))) t = v;
      else if (header && Array.isArray(v) && !this.frozen.has(v) && isGoMap(v[v.length - 1] ?? null)) t = v[v.length - 1] as GoMap;
      else this.fail(`Key '${k}' has already been defined.`);
    }
    return t;
  }

  private keyValue(table: GoMap): void {
    const key = this.key();
    this.skipBlank();
    if (this.peek() !== "=") this.fail(this.peek() === undefined ? "unexpected EOF; expected key separator '='" : `expected '.' or '=', but got ${quoteRune(this.peek())} instead`);
    this.pos++;
    this.skipBlank();
    const value = this.value();
    const parent = this.walk(table, key.slice(0, -1), false);
    const last = key[key.length - 1] ?? "";
    if (parent.has(last)) this.fail(`Key '${key.join(".")}' has already been defined.`);
    parent.set(last, value);
  }

  /** A (dotted) key: bare, "basic" or 'literal' parts. */
  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipBlank();
      const c = this.peek();
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const start = this.pos;
        while (this.peek() !== undefined && BARE.test(this.peek() ?? "")) this.pos++;
        if (this.pos === start) {
          if (c === "=") this.fail("unexpected '=': key name appears blank");
          if (c === "." && parts.length === 0) this.fail("unexpected '.': keys cannot start with a '.'");
          if (c === "]") this.fail("unexpected end of table name (table names cannot be empty)");
          this.fail(c === undefined ? "unexpected EOF" : `expected value but found ${quoteRune(c)} instead`);
        }
        parts.push(this.src.slice(start, this.pos));
      }
      this.skipBlank();
      if (this.peek() !== ".") return parts;
      this.pos++;
    }
  }

  private value(): Value {
    const c = this.peek();
    if (c === undefined || c === "\n") return this.fail(c === undefined ? "unexpected EOF; expected value" : `expected value but found ${quoteRune(c)} instead`);
    if (c === '"') return this.src.startsWith('"""', this.pos) ? this.multilineBasic() : this.basicString();
    if (c === "'") return this.src.startsWith("'''", this.pos) ? this.multilineLiteral() : this.literalString();
    if (c === "[") return this.array();
    if (c === "{") return this.inlineTable();
    const rest = this.src.slice(this.pos, this.pos + 64);
    if (rest.startsWith("true") && !BARE.test(rest[4] ?? "")) return (this.pos += 4), true;
    if (rest.startsWith("false") && !BARE.test(rest[5] ?? "")) return (this.pos += 5), false;
    const dt = DATETIME.exec(rest);
    if (dt) {
      // Kept as text: the model has no time.Time (see index.ts).
      this.pos += dt[0].length;
      return dt[0];
    }
    const num = NUMBER.exec(this.src.slice(this.pos, this.pos + 1024));
    if (num) {
      this.pos += num[0].length;
      return this.number(num[0]);
    }
    return this.fail(`expected value but found ${quoteRune(c)} instead`);
  }

  private number(text: string): Value {
    const sign = text[0] === "-" ? -1 : 1;
    const body = text.replace(/^[-+]/, "");
    if (body === "inf") return sign * Infinity;
    if (body === "nan") return NaN;
    if (/(^_|_$|__|_\.|\._|_[eE]|[eE]_)/.test(body) || /^0[xob]_/.test(body)) this.fail(`Invalid ${/[.eE]/.test(body) && !/^0x/.test(body) ? "float" : "integer"} ${JSON.stringify(text)}: underscores must be surrounded by digits`);
    const clean = body.replaceAll("_", "");
    if (/^0[xob]/.test(clean)) {
      if (text[0] === "-" || text[0] === "+") this.fail(`cannot use sign with non-decimal numbers: '${text}'`);
      return new GoInt(BigInt(clean), "int64");
    }
    const isFloat = /[.eE]/.test(clean);
    if (/^0\d/.test(clean)) this.fail(`Invalid ${isFloat ? "float" : "integer"} ${JSON.stringify(text)}: cannot have leading zeroes`);
    if (!isFloat) {
      const v = BigInt(sign < 0 ? `-${clean}` : clean);
      if (v > (1n << 63n) - 1n || v < -(1n << 63n)) this.fail(`Integer '${text}' is out of the range of 64-bit signed integers.`);
      return new GoInt(v, "int64");
    }
    return sign * Number(clean);
  }

  private array(): Value[] {
    this.pos++;
    const out: Value[] = [];
    for (;;) {
      this.skipAll();
      if (this.peek() === "]") {
        this.pos++;
        break;
      }
      if (this.peek() === ",") this.fail("unexpected comma");
      out.push(this.value());
      this.skipAll();
      const c = this.peek();
      if (c === ",") this.pos++;
      else if (c === "]") {
        this.pos++;
        break;
      } else this.fail(`expected a comma (',') or array terminator (']'), but got ${quoteRune(c)}`);
    }
    this.frozen.add(out);
    return out;
  }

  private inlineTable(): GoMap {
    this.pos++;
    const t: GoMap = new Map();
    this.skipAll();
    if (this.peek() === "}") {
      this.pos++;
    } else {
      for (;;) {
        this.skipAll();
        if (this.peek() === ",") this.fail("unexpected comma");
        this.keyValue(t);
        this.skipAll();
        const c = this.peek();
        if (c === ",") {
          this.pos++;
          this.skipAll();
          // TOML 1.1 allows a trailing comma.
          if (this.peek() === "}") {
            this.pos++;
            break;
          }
        } else if (c === "}") {
          this.pos++;
          break;
        } else this.fail(`expected a comma or an inline table terminator '}', but got ${quoteRune(c)} instead`);
      }
    }
    this.freeze(t);
    return t;
  }

  private freeze(v: Value): void {
    if (isGoMap(v)) {
      this.frozen.add(v);
      for (const x of v.values()) this.freeze(x);
    } else if (Array.isArray(v)) this.frozen.add(v);
  }

  private escape(): string {
    const c = this.peek(1);
    const simple: Record<string, string> = { b: "\b", t: "\t", n: "\n", f: "\f", r: "\r", e: "\u001b", '"': '"', "\\": "\\" };
    if (c !== undefined && simple[c] !== undefined) {
      this.pos += 2;
      return simple[c] ?? "";
    }
    const width = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
    if (width === 0) return this.fail(`invalid escape: '\\${c ?? ""}'`);
    const hex = this.src.slice(this.pos + 2, this.pos + 2 + width);
    if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(hex)) {
      const words: Record<number, string> = { 2: "two", 4: "four", 8: "eight" };
      this.fail(`expected ${words[width]} hexadecimal digits after '\\${c}', but got ${JSON.stringify(hex)} instead`);
    }
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) this.fail(`Escaped character '\\u${hex}' is not valid UTF-8.`);
    this.pos += 2 + width;
    return String.fromCodePoint(cp);
  }

  private basicString(): string {
    this.pos++;
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === "\n") this.fail(`unexpected EOF; expected '"'`);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\\") out += this.escape();
      else {
        out += c;
        this.pos++;
      }
    }
  }

  private multilineBasic(): string {
    this.pos += 3;
    if (this.peek() === "\n") this.pos++;
    else if (this.peek() === "\r" && this.peek(1) === "\n") this.pos += 2;
    let out = "";
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`unexpected EOF; expected '"""'`);
      if (this.src.startsWith('"""', this.pos)) {
        // Up to two quotes right before the closing delimiter belong to the string.
        let extra = 0;
        while (extra < 2 && this.peek(3 + extra) === '"') extra++;
        out += '"'.repeat(extra);
        this.pos += 3 + extra;
        return out;
      }
      const c = this.peek() ?? "";
      if (c === "\\") {
        const after = /^\\[ \t]*\r?\n[\s]*/.exec(this.src.slice(this.pos));
        if (after) {
          this.pos += after[0].length;
          continue;
        }
        out += this.escape();
      } else {
        out += c;
        this.pos++;
      }
    }
  }

  private literalString(): string {
    this.pos++;
    const end = this.src.indexOf("'", this.pos);
    const nl = this.src.indexOf("\n", this.pos);
    if (end < 0 || (nl >= 0 && nl < end)) this.fail(`unexpected EOF; expected "'"`);
    const s = this.src.slice(this.pos, end);
    this.pos = end + 1;
    return s;
  }

  private multilineLiteral(): string {
    this.pos += 3;
    if (this.peek() === "\n") this.pos++;
    else if (this.peek() === "\r" && this.peek(1) === "\n") this.pos += 2;
    const end = this.src.indexOf("'''", this.pos);
    if (end < 0) this.fail(`unexpected EOF; expected "'''"`);
    let extra = 0;
    while (extra < 2 && this.src[end + 3 + extra] === "'") extra++;
    const s = this.src.slice(this.pos, end + extra);
    this.pos = end + 3 + extra;
    return s;
  }
}

/** Helm's `fromToml`: the document as a map, or `{"Error": "<message>"}` when it is not valid TOML. */
export function fromToml(text: string): GoMap {
  try {
    return new Parser(text).parse();
  } catch (e) {
    if (e instanceof TomlParseError) return new Map([["Error", `toml: line ${e.line}: ${e.message}`]]);
    throw e;
  }
}
