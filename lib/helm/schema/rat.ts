/**
 * Exact rationals for number keywords, as santhosh compares them (`big.Rat` from the `%v` text of a
 * value, so float64 `0.1` is exactly 1/10, and int64 beyond 2^53 stays exact).
 */

export interface Rat {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};

/** A decimal literal (`-1.5e3`, `7`) as a reduced rational; null if it is not one. */
export function parseRat(text: string): Rat | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const frac = m[3] ?? "";
  let num = BigInt(`${m[2] || "0"}${frac}`);
  let den = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? "0");
  // Beyond float64's range the text cannot come from a value; refuse rather than build huge bigints.
  if (Math.abs(exp) > 1000) return null;
  if (exp > 0) num *= 10n ** BigInt(exp);
  else if (exp < 0) den *= 10n ** BigInt(-exp);
  if (m[1] === "-") num = -num;
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const cmpRat = (a: Rat, b: Rat): number => {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** Whether a / b is an integer (`multipleOf`). */
export const quoIsInt = (a: Rat, b: Rat): boolean => b.num !== 0n && (a.num * b.den) % (a.den * b.num) === 0n;

export const isIntRat = (a: Rat): boolean => a.den === 1n;
