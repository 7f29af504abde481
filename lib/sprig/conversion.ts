/**
 * Sprig's type conversions. Sprig delegates to spf13/cast (v1.7.0), which never fails from a
 * template's point of view: anything it cannot convert becomes the zero value.
 */
import { formatValue, goFunc, GoInt, isSlice, utf8String, withGoType, type Value } from "../template/value";

const MIN_INT64 = -(1n << 63n);

/** Go's `int64(f)` on amd64: truncation, and the "integer indefinite" value when out of range or NaN. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** `strconv.ParseInt(s, base, 64)`; undefined where Go returns an error (syntax or range). */
export function parseGoInt(s: string, base = 0): bigint | undefined {
  const r = parseGoIntClamped(s, base);
  return r?.inRange ? r.value : undefined;
}

/**
 * `strconv.ParseInt` with its range-error result: on overflow Go returns the clamped value
 * (what `strconv.Atoi` hands back); undefined on a syntax error.
 */
export function parseGoIntClamped(s: string, base = 0): { value: bigint; inRange: boolean } | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    i = 1;
  }
  let body = s.slice(i);
  let b = base;
  if (base === 0) {
    b = 10;
    const p = body.slice(0, 2).toLowerCase();
    if (p === "0x") [b, body] = [16, body.slice(2)];
    else if (p === "0o") [b, body] = [8, body.slice(2)];
    else if (p === "0b") [b, body] = [2, body.slice(2)];
    else if (body.length > 1 && body[0] === "0") [b, body] = [8, body.slice(1)];
    // Underscores are allowed only with base 0, between digits or after a base prefix.
    if (body.includes("_")) {
      const prefixed = b !== 10;
      if (!/^_?[^_]+(_[^_]+)*$/.test(body) || (!prefixed && body.startsWith("_"))) return undefined;
      body = body.replace(/_/g, "");
    }
  }
  if (body === "") return undefined;
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, b);
  let n = 0n;
  for (const ch of body.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return undefined;
    n = n * BigInt(b) + BigInt(d);
  }
  if (neg) n = -n;
  if (n > (1n << 63n) - 1n) return { value: (1n << 63n) - 1n, inRange: false };
  if (n < MIN_INT64) return { value: MIN_INT64, inRange: false };
  return { value: n, inRange: true };
}

/** `strconv.ParseFloat(s, 64)`; undefined on a syntax or range error. */
export function parseGoFloat(s: string): number | undefined {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === "nan") return special[1] ? undefined : NaN;
    return special[1] === "-" ? -Infinity : Infinity;
  }
  let f: number;
  if (/^[+-]?0x/i.test(s)) {
    const m = /^([+-]?)0x(_?[0-9a-f_]*)(?:\.([0-9a-f_]*))?p([+-]?\d+)$/i.exec(s);
    if (!m) return undefined;
    const intPart = m[2]!.replace(/_/g, "");
    const frac = (m[3] ?? "").replace(/_/g, "");
    if (intPart === "" && frac === "") return undefined;
    const mant = parseInt(intPart || "0", 16) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0);
    f = mant * 2 ** Number(m[4]);
    if (m[1] === "-") f = -f;
  } else {
    if (s.includes("_") && !underscoreOK(s)) return undefined;
    const plain = s.replace(/_/g, "");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(plain)) return undefined;
    f = Number(plain);
  }
  return Number.isFinite(f) ? f : undefined;
}

/** strconv's underscoreOK for decimal text: each '_' sits between two digits. */
function underscoreOK(s: string): boolean {
  let saw = "^";
  for (const ch of s.replace(/^[+-]/, "")) {
    if (ch >= "0" && ch <= "9") saw = "0";
    else if (ch === "_") {
      if (saw !== "0") return false;
      saw = "_";
    } else {
      if (saw === "_") return false;
      saw = "!";
    }
  }
  return saw !== "_";
}

/** cast's trimZeroDecimal: "12.000" → "12", so integral decimals convert to ints. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === ".") {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === "0") foundZero = true;
    else return s;
  }
  return s;
}

/** Sprig's `toInt64` (cast.ToInt64): int64, 0 when cast cannot convert (Sprig drops cast's error). */
export function toInt64(v: Value): bigint {
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "number") return floatToInt64(v);
  if (typeof v === "string") return parseGoInt(trimZeroDecimal(v)) ?? 0n;
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  return 0n;
}

/** Sprig's `toFloat64` (cast.ToFloat64): float64, 0 when it cannot convert. */
export function toFloat64(v: Value): number {
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (typeof v === "string") return parseGoFloat(v) ?? 0;
  if (v instanceof GoInt) return Number(v.value);
  return 0;
}

/** Sprig's `strval`: strings and []byte as text, Stringers via String(), the rest as `%v`. */
export function strval(v: Value): string {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return utf8String(v);
  return formatValue(v);
}

/** Sprig's `strslice` (`toStrings`): the elements as strings, nil elements dropped. */
export function strslice(v: Value): string[] {
  if (v instanceof Uint8Array) return Array.from(v, (b) => String(b));
  if (isSlice(v)) return v.filter((e) => e !== null).map(strval);
  if (v === null) return [];
  return [strval(v)];
}

/** A `[]string` result, typed so that `typeOf` prints Go's name. */
export const stringSlice = (items: string[]): Value[] => withGoType(items, "[]string");

export const conversionFuncs = {
  atoi: goFunc(["string"], (s: string) => new GoInt(parseGoIntClamped(s, 10)?.value ?? 0n, "int")),
  int: goFunc(["any"], (v: Value) => new GoInt(toInt64(v), "int")),
  int64: goFunc(["any"], (v: Value) => new GoInt(toInt64(v), "int64")),
  float64: goFunc(["any"], (v: Value) => toFloat64(v)),
  toDecimal: goFunc(["any"], (v: Value) => new GoInt(parseGoInt(formatValue(v), 8) ?? 0n, "int64")),
  toString: goFunc(["any"], (v: Value) => strval(v)),
  toStrings: goFunc(["any"], (v: Value) => stringSlice(strslice(v))),
};

