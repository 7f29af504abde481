/**
 * Go's reading of a numeric constant in a template (`parse.newNumber`): which of int64, uint64
 * and float64 represent it exactly. Integers use `strconv.ParseInt(text, 0, 64)` rules
 * (0x, 0o, 0b, leading-0 octal, underscores between digits).
 */
import { goQuote } from "./token";
import { unquoteChar } from "./unquote";

export interface NumberInfo {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
  /** Set for a complex literal; a zero imaginary part also makes it a float (and maybe an int), as Go's simplifyComplex. */
  complex?: { re: number; im: number };
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** The number's representations, or an error message as Go words it. */
export function parseNumber(text: string, isChar: boolean, isComplex = false): NumberInfo | string {
  if (isChar) {
    const r = unquoteChar(text);
    if (typeof r === "string") return r;
    const b = BigInt(r);
    return { isInt: true, isUint: true, isFloat: true, int64: b, uint64: b, float64: r };
  }
  if (isComplex) {
    const c = parseGoComplex(text);
    // fmt.Sscan's failure is strconv's (Helm keeps only its last words, "invalid syntax").
    return c ? simplifyComplex(c) : `strconv.ParseFloat: parsing ${goQuote(text)}: invalid syntax`;
  }
  // An imaginary literal (`1i`) is complex if its digits parse as a float; else it is not a number at all.
  if (text.endsWith("i")) {
    const im = parseGoFloat(text.slice(0, -1));
    if (im !== undefined) return simplifyComplex({ re: 0, im });
  }
  const n: NumberInfo = { isInt: false, isUint: false, isFloat: false, int64: 0n, uint64: 0n, float64: 0 };
  const i = parseGoInteger(text);
  if (i !== undefined) {
    if (i >= 0n && i <= UINT64_MAX && !text.startsWith("-")) {
      n.isUint = true;
      n.uint64 = i;
    }
    if (i >= INT64_MIN && i <= INT64_MAX) {
      n.isInt = true;
      n.int64 = i;
      // -0 is a uint too.
      if (i === 0n) n.isUint = true;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      // It parsed as a float but looks like an integer: an integer too large for 64 bits.
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

/** Go's simplifyComplex: a complex with no imaginary part is also a float, and an int or uint if whole. */
function simplifyComplex(c: { re: number; im: number }): NumberInfo {
  const n: NumberInfo = { isInt: false, isUint: false, isFloat: false, int64: 0n, uint64: 0n, float64: 0, complex: c };
  if (c.im !== 0) return n;
  n.isFloat = true;
  n.float64 = c.re;
  if (Number.isInteger(c.re) && Math.abs(c.re) < 2 ** 63) {
    n.isInt = true;
    n.int64 = BigInt(c.re);
  }
  if (Number.isInteger(c.re) && c.re >= 0 && c.re < 2 ** 64) {
    n.isUint = true;
    n.uint64 = BigInt(c.re);
  }
  return n;
}

/** `1+2i`, as the lexer delimits it (a number, a sign, a number, `i`), read as fmt.Sscan reads a complex128. */
function parseGoComplex(text: string): { re: number; im: number } | undefined {
  // The sign between the parts is the first + or - (not a leading one, not an exponent's) after which both parse.
  for (let k = 1; k < text.length - 1; k++) {
    if (text[k] !== "+" && text[k] !== "-") continue;
    const re = parseGoFloat(text.slice(0, k));
    const im = parseGoFloat(text.slice(k, -1));
    if (re !== undefined && im !== undefined) return { re, im };
  }
  return undefined;
}

/** Whether underscores only separate digits (or follow a base prefix), as Go requires. */
function underscoreOK(digits: string, hasPrefix: boolean): boolean {
  if (!digits.includes("_")) return true;
  const s = (hasPrefix ? "0" : "") + digits;
  return !/__|^_|_$|_[^0-9a-zA-Z]|[^0-9a-zA-Z]_/.test(s) && !(!hasPrefix && s.startsWith("_"));
}

/** `strconv.ParseInt(text, 0, 64)` without the range check; undefined on a syntax error. */
export function parseGoInteger(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let base = 10;
  let prefix = false;
  if (/^0[xX]/.test(s)) [base, s, prefix] = [16, s.slice(2), true];
  else if (/^0[bB]/.test(s)) [base, s, prefix] = [2, s.slice(2), true];
  else if (/^0[oO]/.test(s)) [base, s, prefix] = [8, s.slice(2), true];
  else if (s.length > 1 && s[0] === "0") [base, s, prefix] = [8, s.slice(1), true];
  if (s === "" || !underscoreOK(s, prefix)) return undefined;
  const digits = s.replaceAll("_", "");
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 10 | 16];
  if (!valid.test(digits)) return undefined;
  let v = 0n;
  const b = BigInt(base);
  for (const d of digits) v = v * b + BigInt(parseInt(d, 16));
  return neg ? -v : v;
}

/** `strconv.ParseFloat(text, 64)` for Go literal syntax; undefined on a syntax or range error. */
export function parseGoFloat(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s[0] === "+" || s[0] === "-") {
    sign = s[0] === "-" ? -1 : 1;
    s = s.slice(1);
  }
  let f: number;
  const hex = /^0[xX]([0-9a-fA-F_]*)(?:\.([0-9a-fA-F_]*))?[pP]([+-]?[0-9_]+)$/.exec(s);
  if (hex) {
    const [, intPart = "", fracPart = "", exp = "0"] = hex;
    if (intPart.replaceAll("_", "") === "" && fracPart.replaceAll("_", "") === "") return undefined;
    if (!underscoreOK(intPart + (fracPart ? "." + fracPart : ""), true)) return undefined;
    const mant = (intPart + fracPart).replaceAll("_", "");
    f = (Number.parseInt(mant || "0", 16) || 0) * 2 ** (Number(exp.replaceAll("_", "")) - 4 * fracPart.replaceAll("_", "").length);
  } else {
    if (!/^(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$/.test(s)) return undefined;
    if (!underscoreOK(s, false)) return undefined;
    f = Number(s.replaceAll("_", ""));
  }
  if (!Number.isFinite(f)) return undefined;
  return sign * f;
}
