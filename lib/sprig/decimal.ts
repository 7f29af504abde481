/**
 * The slice of shopspring/decimal that Sprig's float math (`addf`, `subf`, `mulf`, `divf`,
 * `add1f`) goes through: each float64 becomes its shortest round-trip decimal, the operation is
 * exact (division: 16 places, rounded half away from zero), and the result is parsed back.
 * That is why `addf 0.1 0.2` is 0.3, not 0.30000000000000004.
 */
import { FuncError } from "../template/value";

export interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

const DIVISION_PRECISION = 16;
const pow10 = (n: number): bigint => 10n ** BigInt(n);

export function decimalFromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new FuncError(`Cannot create a Decimal from ${Number.isNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf"}`);
  if (f === 0) return { coef: 0n, exp: 0 };
  // toExponential() gives the shortest digits that round-trip, as NewFromFloat does.
  const [mant = "0", e = "0"] = f.toExponential().split("e");
  const digits = mant.replace(".", "").replace("-", "");
  const fracLen = mant.includes(".") ? mant.split(".")[1]!.length : 0;
  const coef = BigInt(digits) * (f < 0 ? -1n : 1n);
  return { coef, exp: Number(e) - fracLen };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * pow10(a.exp - exp), b.coef * pow10(b.exp - exp), exp];
}

export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
}

export function decimalSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
}

export function decimalMul(a: Decimal, b: Decimal): Decimal {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

/** DivRound(b, 16): the quotient truncated to 16 places, then rounded half away from zero. */
export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new FuncError("decimal division by 0");
  // a/b = (a.coef * 10^(a.exp - b.exp + P)) / b.coef, in units of 10^-P.
  const shift = a.exp - b.exp + DIVISION_PRECISION;
  const num = shift >= 0 ? a.coef * pow10(shift) : a.coef;
  const den = shift >= 0 ? b.coef : b.coef * pow10(-shift);
  let q = num / den;
  const r = num % den;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  if (abs(r) * 2n >= abs(den)) q += (num < 0n) !== (den < 0n) ? -1n : 1n;
  return { coef: q, exp: -DIVISION_PRECISION };
}

/** Decimal.Float64: the nearest float64 to the exact decimal value. */
export function decimalToFloat(d: Decimal): number {
  return Number(`${d.coef}e${d.exp}`);
}
