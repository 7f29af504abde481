/**
 * Go's `strconv.Unquote` for the three literal forms a template can hold: "interpreted",
 * `raw` and 'c'. Returns undefined where Go reports "invalid syntax". Byte escapes (`\xc3\xa9`)
 * are collected and decoded as UTF-8 (bytes that are not UTF-8 stay bytes, escaped as value.ts
 * does); a byte that is not UTF-8 in the literal's own text becomes U+FFFD, as in Go's unquote.
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

export function unquote(quoted: string): string | undefined {
  const q = quoted[0];
  if (quoted.length < 2 || quoted[quoted.length - 1] !== q) return undefined;
  const body = quoted.slice(1, -1);
  if (q === "`") return body.includes("`") ? undefined : body.replaceAll("\r", "");
  if (q !== '"' && q !== "'") return undefined;
  const out = unescape(body, q);
  if (out === undefined) return undefined;
  if (q === "'" && [...out].length !== 1) return undefined;
  return out;
}

/** The code point of a character constant such as `'a'` or `'\n'`, or undefined. */
export function unquoteChar(quoted: string): number | undefined {
  const s = unquote(quoted);
  if (s === undefined) return undefined;
  // '\xff' is the rune 255 (strconv.UnquoteChar), not a byte.
  const c = s.codePointAt(0)!;
  return c >= 0xdc80 && c <= 0xdcff ? c - 0xdc00 : c;
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
