/**
 * Go's `strconv.Unquote` for the two string literal forms a template can hold, "interpreted" and
 * `raw`, and `strconv.UnquoteChar` for a 'c' constant. Byte escapes (`\xc3\xa9`) in a string are
 * collected and decoded as UTF-8 (bytes that are not UTF-8 stay bytes, escaped as value.ts does); a
 * byte that is not UTF-8 in the literal's own text becomes U+FFFD, as in Go's unquote.
 */
import { utf8String, withReplacementChars } from "./value";

const SIMPLE_ESCAPES: Record<string, string> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/** The string a "…" or `…` literal holds, or undefined where Go reports "invalid syntax". */
export function unquote(quoted: string): string | undefined {
  const q = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== q) return undefined;
  const body = quoted.slice(1, -1);
  if (q === "`") return body.includes("`") ? undefined : body.replaceAll("\r", "");
  return q === '"' ? unescape(body, q) : undefined;
}

const OCTAL = /^[0-7]{3}$/;
const HEX = /^[0-9a-fA-F]+$/;

/**
 * The rune of a character constant such as `'a'` or `'\n'` (parse.newNumber): strconv.UnquoteChar
 * reads ONE character or escape after the opening quote, and what is left must be the closing quote.
 * Returns Go's error text otherwise. `'\xc3'` is the rune U+00C3, not a byte; a byte that is not
 * UTF-8 is U+FFFD.
 */
export function unquoteChar(quoted: string): number | string {
  const s = quoted.slice(1);
  const c = s.codePointAt(0);
  let r: number | undefined;
  let size = 1;
  if (c === undefined || c === 0x27) r = undefined;
  else if (c !== 0x5c) {
    // A lone surrogate here is a byte that is not UTF-8 (value.ts): utf8.DecodeRune's RuneError.
    r = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
    size = c > 0xffff ? 2 : 1;
  } else {
    const e = s[1] ?? "";
    const simple = SIMPLE_ESCAPES[e];
    const hexLen = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    if (simple !== undefined || e === "'") [r, size] = [(simple ?? e).charCodeAt(0), 2];
    else if (hexLen > 0) {
      const hex = s.slice(2, 2 + hexLen);
      const v = hex.length === hexLen && HEX.test(hex) ? parseInt(hex, 16) : undefined;
      // \x is a byte's value; \u and \U must be a valid rune.
      r = v !== undefined && (e === "x" || (v <= 0x10ffff && (v < 0xd800 || v >= 0xe000))) ? v : undefined;
      size = 2 + hexLen;
    } else if (e >= "0" && e <= "7") {
      const oct = s.slice(1, 4);
      const v = OCTAL.test(oct) ? parseInt(oct, 8) : 256;
      r = v <= 255 ? v : undefined;
      size = 4;
    }
  }
  if (r === undefined) return "invalid syntax";
  return s.slice(size) === "'" ? r : `malformed character constant: ${quoted}`;
}

function unescape(body: string, quote: string): string | undefined {
  let out = "";
  let bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += utf8String(new Uint8Array(bytes));
    bytes = [];
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === quote || c === "\n") return undefined;
    if (c !== "\\") {
      flush();
      out += withReplacementChars(c);
      i++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return undefined;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined || e === quote) {
      flush();
      out += simple ?? e;
      i += 2;
      continue;
    }
    let hexLen = 0;
    if (e === "x") hexLen = 2;
    else if (e === "u") hexLen = 4;
    else if (e === "U") hexLen = 8;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const v = parseInt(hex, 16);
      i += 2 + hexLen;
      if (e === "x") {
        bytes.push(v);
        continue;
      }
      if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      flush();
      out += String.fromCodePoint(v);
      continue;
    }
    if (e >= "0" && e <= "7") {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 4;
      continue;
    }
    return undefined;
  }
  flush();
  return out;
}
