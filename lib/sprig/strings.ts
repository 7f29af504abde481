/**
 * Sprig's string functions (strings.go, plus the goutils and xstrings helpers it wires in).
 * Functions that Go implements over bytes work on byte strings (see ./bytes).
 */
import { compareGoStrings, FuncError, formatValue, goFunc, type GoInt, type Value, withGoType } from "../template/value";
import { fromByteString, sliceBounds, toByteString } from "./bytes";
import { stringSlice, strslice, strval } from "./conversion";
import { defaultExecOptions } from "../template/options";
import { goQuote } from "../template/token";
import { fromRunes, goRunes, isDigit, isLetter, isLower, isNumber, isPunct, isSpace, isTitle, isUpper, runes, toLower, toTitle, toUpper } from "./unicode";

/** An `int` argument as a JS number (the executor hands ints over as GoInt). */
export const intArg = (v: GoInt | number): number => (typeof v === "number" ? v : Number(v.value));

/**
 * `strings.Repeat`, including its panic on a negative count. A result longer than the engine's output
 * limit could never be written, and would exhaust memory first, so it fails instead of being built.
 */
function repeat(s: string, count: number): string {
  if (count < 0) throw new FuncError("strings: negative Repeat count");
  const limit = defaultExecOptions.maxOutputLength;
  if (s.length * count > limit) throw new FuncError(`strings: Repeat output of ${s.length * count} characters exceeds the output limit of ${limit}`);
  return s.repeat(count);
}

/** `strings.TrimSpace` (Go's space set, not JS's). */
function trimSpace(s: string): string {
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && isSpace(rs[a]!)) a++;
  while (b > a && isSpace(rs[b - 1]!)) b--;
  return fromRunes(rs.slice(a, b));
}

/** `strings.Trim(s, cutset)`. */
function trimCutset(s: string, cutset: string): string {
  const cut = new Set(runes(cutset));
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && cut.has(rs[a]!)) a++;
  while (b > a && cut.has(rs[b - 1]!)) b--;
  return fromRunes(rs.slice(a, b));
}

/** `strings.Split` / `strings.SplitN` (n < 0: all parts; n == 0: none; empty sep: one part per rune). */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === "") {
    const parts = Array.from(s);
    if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join("")];
    return parts;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

function indexedMap(parts: string[]): Map<string, Value> {
  return withGoType(new Map(parts.map((p, i) => [`_${i}`, p])), "map[string]string");
}

function trunc(c: number, s: string): string {
  const b = toByteString(s);
  if (c < 0 && b.length + c > 0) return fromByteString(b.slice(b.length + c));
  if (c >= 0 && b.length > c) return fromByteString(b.slice(0, c));
  return s;
}

function substr(start: number, end: number, s: string): string {
  const b = toByteString(s);
  let lo: number | undefined = start;
  let hi: number | undefined = end;
  if (start < 0) lo = undefined;
  else if (end < 0 || end > b.length) hi = undefined;
  const err = sliceBounds(b.length, lo, hi);
  if (err) throw new FuncError(err);
  return fromByteString(b.slice(lo ?? 0, hi ?? b.length));
}

/** goutils AbbreviateFull over bytes; goutils' own errors make Sprig return "". */
function abbreviateFull(s: string, offset: number, maxWidth: number): string {
  const b = toByteString(s);
  const out = abbreviateBytes(b, offset, maxWidth);
  return out === b ? s : fromByteString(out);
}

/** AbbreviateFull on a byte string (the recursion must not re-encode a cut character). */
function abbreviateBytes(b: string, offset: number, maxWidth: number): string {
  if (b === "" || maxWidth < 4) return "";
  if (b.length <= maxWidth) return b;
  let off = Math.min(offset, b.length);
  if (b.length - off < maxWidth - 3) off = b.length - (maxWidth - 3);
  if (off <= 4) return b.slice(0, maxWidth - 3) + "...";
  if (maxWidth < 7) return "";
  if (off + maxWidth - 3 < b.length) return "..." + abbreviateBytes(b.slice(off), 0, maxWidth - 3);
  return "..." + b.slice(b.length - (maxWidth - 3));
}

/** goutils WrapCustom: byte-indexed, breaks at ' ' only. */
function wrapCustom(s: string, wrapLength: number, newLine: string, wrapLongWords: boolean): string {
  if (s === "") return "";
  const nl = toByteString(newLine === "" ? "\n" : newLine);
  const len = Math.max(wrapLength, 1);
  const b = toByteString(s);
  let offset = 0;
  let out = "";
  while (b.length - offset > len) {
    if (b[offset] === " ") {
      offset++;
      continue;
    }
    const spaceAt = b.slice(offset, len + offset + 1).lastIndexOf(" ") + offset;
    if (spaceAt >= offset) {
      out += b.slice(offset, spaceAt) + nl;
      offset = spaceAt + 1;
    } else if (wrapLongWords) {
      out += b.slice(offset, len + offset) + nl;
      offset += len;
    } else {
      const end = len + offset;
      const index = b.slice(end).indexOf(" ");
      if (index === -1) {
        out += b.slice(offset);
        offset = b.length;
      } else {
        out += b.slice(offset, index + end) + nl;
        offset = index + end + 1;
      }
    }
  }
  return fromByteString(out + b.slice(offset));
}

/**
 * goutils Initials / DeleteWhiteSpace read the string byte by byte and write each kept byte as the
 * rune of the same number, so non-ASCII text comes out as Latin-1 mojibake, exactly like Go.
 */
function initials(s: string): string {
  let out = "";
  let gap = true;
  for (const c of toByteString(s)) {
    const r = c.charCodeAt(0);
    if (isSpace(r)) gap = true;
    else if (gap) {
      out += c;
      gap = false;
    }
  }
  return out;
}

function nospace(s: string): string {
  const b = toByteString(s);
  const kept = Array.from(b).filter((c) => !isSpace(c.charCodeAt(0)));
  return kept.length === b.length ? s : kept.join("");
}

/** strings.Title: upper-cases (title-cases) the first letter after a separator. */
function title(s: string): string {
  const isSeparator = (r: number): boolean => {
    if (r <= 0x7f) return !/[0-9A-Za-z_]/.test(String.fromCharCode(r));
    if (isLetter(r) || isDigit(r)) return false;
    return isSpace(r);
  };
  let prev = 0x20;
  return fromRunes(
    goRunes(s).map((r) => {
      const out = isSeparator(prev) ? toTitle(r) : r;
      prev = r;
      return out;
    }),
  );
}

/** goutils Uncapitalize: lower-cases the first rune of each whitespace-separated word. */
function untitle(s: string): string {
  let next = true;
  return fromRunes(
    goRunes(s).map((r) => {
      if (isSpace(r)) {
        next = true;
        return r;
      }
      if (next) {
        next = false;
        return toLower(r);
      }
      return r;
    }),
  );
}

/** goutils SwapCase: lower-case after a space or at the start becomes title case. */
function swapcase(s: string): string {
  let ws = true;
  return fromRunes(
    goRunes(s).map((r) => {
      if (isUpper(r) || isTitle(r)) {
        ws = false;
        return toLower(r);
      }
      if (isLower(r)) {
        const out = ws ? toTitle(r) : toUpper(r);
        ws = false;
        return out;
      }
      ws = isSpace(r);
      return r;
    }),
  );
}

const isConnector = (r: number): boolean => r === 0x2d || r === 0x5f || isSpace(r);

/** xstrings (v1.5) ToPascalCase: connectors dropped, next rune upper-cased, leading upper runs lowered. */
function pascalCase(s: string): string {
  const rs = goRunes(s);
  if (rs.length === 0) return "";
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  let firstUpper = false;
  for (; i < rs.length; i++) {
    r0 = rs[i]!;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = toUpper(r0);
      i++;
      break;
    }
    out.push(r0);
  }
  // Go writes r0 once more here, so an all-connector input gains one connector ("__" → "___").
  if (i >= rs.length) {
    out.push(r0);
    return fromRunes(out);
  }
  for (; i < rs.length; i++) {
    const r1 = r0;
    r0 = rs[i]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else firstUpper = false;
      }
      out.push(r1);
    }
  }
  out.push(r0);
  return fromRunes(out);
}

enum Word {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

/** xstrings isAlphabet: a letter that is not a CJK ideograph. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  return !((r >= 0x4e00 && r <= 0x9fcc) || (r >= 0x3400 && r <= 0x4d85) || (r >= 0x20000 && r <= 0x2b81d));
}

/**
 * utf8.RuneError as xstrings' word splitting meets it: U+FFFD itself, or a byte that is not UTF-8
 * (a lone surrogate in the value model, value.ts).
 */
const isRuneError = (r: number): boolean => r === 0xfffd || (r >= 0xd800 && r <= 0xdfff);

/**
 * xstrings nextValidRune: the first rune at `at` that is not a RuneError, and how many units it took
 * (the RuneErrors before it included); `prev` and all the rest when none is left.
 */
function nextValidRune(rs: number[], at: number, prev: number): [number, number] {
  for (let i = at; i < rs.length; i++) if (!isRuneError(rs[i]!)) return [rs[i]!, i + 1 - at];
  return [prev, rs.length - at];
}

/**
 * xstrings nextWord over code units (a byte that is not UTF-8 is one): the type and length of the word
 * starting at `at`. RuneErrors are skipped while classifying, so they join the word around them.
 */
function nextWord(rs: number[], at: number): [Word, number] {
  if (at >= rs.length) return [Word.Invalid, 0];
  let [r, end] = nextValidRune(rs, at, 0xfffd);
  end += at;
  if (isRuneError(r)) return [Word.Invalid, end - at];
  const run = (pred: (x: number) => boolean): void => {
    while (end < rs.length) {
      const [x, size] = nextValidRune(rs, end, r);
      r = x;
      if (!pred(r)) break;
      end += size;
    }
  };
  if (isConnector(r)) {
    run(isConnector);
    return [Word.Connector, end - at];
  }
  if (isPunct(r)) {
    run(isPunct);
    return [Word.Punct, end - at];
  }
  if (isUpper(r)) {
    if (end < rs.length) {
      const [n, size] = nextValidRune(rs, end, r);
      r = n;
      if (isUpper(r)) {
        end += size;
        let last = size;
        while (end < rs.length) {
          const [x, sz] = nextValidRune(rs, end, r);
          r = x;
          if (!isUpper(r)) break;
          last = sz;
          end += sz;
        }
        // "HTTPServer": the last upper rune (with the RuneErrors before it) starts the next word when a letter follows.
        if (end < rs.length && isAlphabet(r)) end -= last;
      } else if (isAlphabet(r)) {
        end += size;
        run((x) => isAlphabet(x) && !isUpper(x));
      }
    }
    return [Word.UpperCase, end - at];
  }
  if (isAlphabet(r)) {
    run((x) => isAlphabet(x) && !isUpper(x));
    return [Word.Alphabet, end - at];
  }
  if (isNumber(r)) {
    run(isNumber);
    return [Word.Number, end - at];
  }
  run((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  return [Word.Other, end - at];
}

/**
 * xstrings camelCaseToLowerCase: the word-splitting state machine behind snakecase/kebabcase. Words
 * are written as they are (bytes that are not UTF-8 stay bytes), except upper-case and connector
 * words, which are rewritten rune by rune (such a byte becomes U+FFFD).
 */
function camelToLower(s: string, connector: number): string {
  const rs = runes(s);
  if (rs.length === 0) return "";
  const out: number[] = [];
  let pos = 0;
  const next = (): [Word, number[]] => {
    const [t, n] = nextWord(rs, pos);
    const w = rs.slice(pos, pos + n);
    pos += n;
    return [t, w];
  };
  const lower = (t: Word, w: number[]): void => {
    if (t !== Word.UpperCase && t !== Word.Connector) out.push(...w);
    else for (const r of w) out.push(isRuneError(r) ? 0xfffd : isConnector(r) ? connector : isUpper(r) ? toLower(r) : r);
  };
  let [wt, word] = next();
  while (pos < rs.length) {
    if (wt !== Word.Connector) lower(wt, word);
    const prev = wt;
    const last = word;
    [wt, word] = next();
    switch (prev) {
      case Word.Number:
        while (wt === Word.Alphabet || wt === Word.Number) {
          lower(wt, word);
          [wt, word] = next();
        }
        if (wt !== Word.Invalid && wt !== Word.Punct && wt !== Word.Connector) out.push(connector);
        break;
      case Word.Connector:
        lower(prev, last);
        break;
      case Word.Punct:
        break;
      default: {
        if (wt !== Word.Number) {
          if (wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
          break;
        }
        if (pos >= rs.length) break;
        const num = word;
        [wt, word] = next();
        if (wt !== Word.Alphabet) {
          lower(Word.Number, num);
          if (wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
          break;
        }
        out.push(connector);
        lower(Word.Number, num);
        while (wt === Word.Alphabet || wt === Word.Number) {
          lower(wt, word);
          [wt, word] = next();
        }
        if (wt !== Word.Invalid && wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
      }
    }
  }
  lower(wt, word);
  return fromRunes(out);
}

/** Fisher-Yates over runes, as xstrings.Shuffle (math/rand: not a secret). */
function shuffle(s: string): string {
  const rs = goRunes(s);
  for (let i = rs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [rs[i], rs[j]] = [rs[j]!, rs[i]!];
  }
  return fromRunes(rs);
}

export const stringFuncs = {
  abbrev: goFunc(["int", "string"], (w: GoInt, s: string) => (intArg(w) < 4 ? s : abbreviateFull(s, 0, intArg(w)))),
  abbrevboth: goFunc(["int", "int", "string"], (l: GoInt, r: GoInt, s: string) => {
    const [left, right] = [intArg(l), intArg(r)];
    return right < 4 || (left > 0 && right < 7) ? s : abbreviateFull(s, left, right);
  }),
  trunc: goFunc(["int", "string"], (c: GoInt, s: string) => trunc(intArg(c), s)),
  trim: goFunc(["string"], trimSpace),
  upper: goFunc(["string"], (s: string) => fromRunes(goRunes(s).map(toUpper))),
  lower: goFunc(["string"], (s: string) => fromRunes(goRunes(s).map(toLower))),
  title: goFunc(["string"], title),
  untitle: goFunc(["string"], untitle),
  substr: goFunc(["int", "int", "string"], (a: GoInt, b: GoInt, s: string) => substr(intArg(a), intArg(b), s)),
  repeat: goFunc(["int", "string"], (c: GoInt, s: string) => repeat(s, intArg(c))),
  trimall: goFunc(["string", "string"], (a: string, b: string) => trimCutset(b, a)),
  trimAll: goFunc(["string", "string"], (a: string, b: string) => trimCutset(b, a)),
  trimSuffix: goFunc(["string", "string"], (a: string, b: string) => (a !== "" && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
  trimPrefix: goFunc(["string", "string"], (a: string, b: string) => (b.startsWith(a) ? b.slice(a.length) : b)),
  nospace: goFunc(["string"], nospace),
  initials: goFunc(["string"], initials),
  swapcase: goFunc(["string"], swapcase),
  shuffle: goFunc(["string"], shuffle),
  snakecase: goFunc(["string"], (s: string) => camelToLower(s, 0x5f)),
  camelcase: goFunc(["string"], pascalCase),
  kebabcase: goFunc(["string"], (s: string) => camelToLower(s, 0x2d)),
  wrap: goFunc(["int", "string"], (l: GoInt, s: string) => wrapCustom(s, intArg(l), "", false)),
  wrapWith: goFunc(["int", "string", "string"], (l: GoInt, sep: string, s: string) => wrapCustom(s, intArg(l), sep, true)),
  contains: goFunc(["string", "string"], (sub: string, s: string) => s.includes(sub)),
  hasPrefix: goFunc(["string", "string"], (sub: string, s: string) => s.startsWith(sub)),
  hasSuffix: goFunc(["string", "string"], (sub: string, s: string) => s.endsWith(sub)),
  quote: goFunc(
    [],
    // One argument is the usual call: no intermediate arrays for it.
    (...vs: Value[]) => (vs.length === 1 ? (vs[0] === null ? "" : goQuote(strval(vs[0]!))) : vs.filter((v) => v !== null).map((v) => goQuote(strval(v))).join(" ")),
    { variadic: "any" },
  ),
  squote: goFunc([], (...vs: Value[]) => vs.filter((v) => v !== null).map((v) => `'${formatValue(v)}'`).join(" "), { variadic: "any" }),
  cat: goFunc([], (...vs: Value[]) => vs.filter((v) => v !== null).map(formatValue).join(" "), { variadic: "any" }),
  indent: goFunc(["int", "string"], (n: GoInt, s: string) => {
    const pad = repeat(" ", intArg(n));
    return pad + goReplaceAll(s, "\n", "\n" + pad);
  }),
  nindent: goFunc(["int", "string"], (n: GoInt, s: string) => {
    const pad = repeat(" ", intArg(n));
    return "\n" + pad + goReplaceAll(s, "\n", "\n" + pad);
  }),
  replace: goFunc(["string", "string", "string"], (o: string, n: string, s: string) => goReplaceAll(s, o, n)),
  plural: goFunc(["string", "string", "int"], (one: string, many: string, c: GoInt) => (intArg(c) === 1 ? one : many)),
  split: goFunc(["string", "string"], (sep: string, s: string) => indexedMap(goSplit(s, sep))),
  splitList: goFunc(["string", "string"], (sep: string, s: string) => stringSlice(goSplit(s, sep))),
  splitn: goFunc(["string", "int", "string"], (sep: string, n: GoInt, s: string) => indexedMap(goSplit(s, sep, intArg(n)))),
  join: goFunc(["string", "any"], (sep: string, v: Value) => strslice(v).join(sep)),
  sortAlpha: goFunc(["any"], (v: Value) => {
    if (Array.isArray(v) || v instanceof Uint8Array) return stringSlice(strslice(v).sort(compareGoStrings));
    return stringSlice([strval(v)]);
  }),
};

/** `strings.Replace(s, old, new, -1)`: an empty `old` inserts `new` around every rune. */
function goReplaceAll(s: string, old: string, repl: string): string {
  if (old === "") return repl + Array.from(s).join(repl) + (s === "" ? "" : repl);
  // An indexOf loop that appends pieces: faster than split/join or String.prototype.replaceAll here.
  let at = s.indexOf(old);
  if (at < 0) return s;
  let out = "";
  let from = 0;
  do {
    out += s.slice(from, at) + repl;
    from = at + old.length;
    at = s.indexOf(old, from);
  } while (at >= 0);
  return out + s.slice(from);
}
