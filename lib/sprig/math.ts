/**
 * Sprig's math (functions.go, numeric.go). Integer math converts every operand with cast.ToInt64
 * first (`add 1.5 2` is 3) and wraps like Go's int64; the float functions go through decimals.
 */
import { FuncError, goFunc, GoInt, type Value, withGoType } from "../template/value";
import { toFloat64, toInt64 } from "./conversion";
import { decimalAdd, decimalDiv, decimalFromFloat, decimalMul, decimalSub, decimalToFloat, type Decimal } from "./decimal";
import { defaultExecOptions } from "../template/options";
import { intArg } from "./strings";

const int64 = (v: bigint): GoInt => new GoInt(v, "int64");
const DIVIDE_BY_ZERO = "runtime error: integer divide by zero";

function decimalOp(first: Value, rest: Value[], op: (a: Decimal, b: Decimal) => Decimal): number {
  let acc = decimalFromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, decimalFromFloat(toFloat64(x)));
  return decimalToFloat(acc);
}

/** Go's math.Max / math.Min: an infinity wins over NaN, NaN wins over numbers. */
function goMax(a: number, b: number): number {
  if (a === Infinity || b === Infinity) return Infinity;
  return Math.max(a, b);
}
function goMin(a: number, b: number): number {
  if (a === -Infinity || b === -Infinity) return -Infinity;
  return Math.min(a, b);
}

function round(a: Value, p: GoInt, ...opt: number[]): number {
  const roundOn = opt[0] ?? 0.5;
  const pow = Math.pow(10, intArg(p));
  const digit = pow * toFloat64(a);
  const frac = digit % 1; // math.Modf's fractional part keeps the sign, as JS % does
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/**
 * Sprig's untilStep; the result is a Go `[]int`. A list longer than the engine's step limit could
 * never be ranged over, and would exhaust memory first, so it fails instead of being built.
 */
export function untilStep(start: number, stop: number, step: number): Value[] {
  const count = step === 0 || stop < start !== step < 0 ? 0 : Math.ceil((stop - start) / step);
  const limit = defaultExecOptions.maxSteps;
  if (count > limit) throw new FuncError(`a list of ${count} integers exceeds the limit of ${limit}`);
  const out: Value[] = [];
  if (stop < start) {
    if (step < 0) for (let i = start; i > stop; i += step) out.push(new GoInt(i, "int"));
  } else if (step > 0) for (let i = start; i < stop; i += step) out.push(new GoInt(i, "int"));
  return withGoType(out, "[]int");
}

function seq(...ps: GoInt[]): string {
  const p = ps.map(intArg);
  const join = (l: Value[]): string => l.map(String).join(" ");
  if (p.length === 1) {
    const end = p[0]!;
    const inc = end < 1 ? -1 : 1;
    return join(untilStep(1, end + inc, inc));
  }
  if (p.length === 2) {
    const [start, end] = [p[0]!, p[1]!];
    const step = end < start ? -1 : 1;
    return join(untilStep(start, end + step, step));
  }
  if (p.length === 3) {
    const [start, step, end] = [p[0]!, p[1]!, p[2]!];
    let inc = 1;
    if (end < start) {
      inc = -1;
      if (step > 0) return "";
    }
    return join(untilStep(start, end + inc, step));
  }
  return "";
}

export const mathFuncs = {
  add1: goFunc(["any"], (i: Value) => int64(toInt64(i) + 1n)),
  add: goFunc([], (...vs: Value[]) => int64(vs.reduce((a: bigint, v) => BigInt.asIntN(64, a + toInt64(v)), 0n)), { variadic: "any" }),
  sub: goFunc(["any", "any"], (a: Value, b: Value) => int64(toInt64(a) - toInt64(b))),
  div: goFunc(["any", "any"], (a: Value, b: Value) => {
    const d = toInt64(b);
    if (d === 0n) throw new FuncError(DIVIDE_BY_ZERO);
    return int64(toInt64(a) / d);
  }),
  mod: goFunc(["any", "any"], (a: Value, b: Value) => {
    const d = toInt64(b);
    if (d === 0n) throw new FuncError(DIVIDE_BY_ZERO);
    return int64(toInt64(a) % d);
  }),
  mul: goFunc(["any"], (a: Value, ...vs: Value[]) => int64(vs.reduce((acc: bigint, v) => BigInt.asIntN(64, acc * toInt64(v)), toInt64(a))), { variadic: "any" }),
  randInt: goFunc(["int", "int"], (min: GoInt, max: GoInt) => {
    const n = intArg(max) - intArg(min);
    if (n <= 0) throw new FuncError("invalid argument to Intn");
    return new GoInt(Math.floor(Math.random() * n) + intArg(min), "int");
  }),
  add1f: goFunc(["any"], (i: Value) => decimalOp(i, [new GoInt(1)], decimalAdd)),
  addf: goFunc([], (...vs: Value[]) => decimalOp(0, vs, decimalAdd), { variadic: "any" }),
  subf: goFunc(["any"], (a: Value, ...vs: Value[]) => decimalOp(a, vs, decimalSub), { variadic: "any" }),
  divf: goFunc(["any"], (a: Value, ...vs: Value[]) => decimalOp(a, vs, decimalDiv), { variadic: "any" }),
  mulf: goFunc(["any"], (a: Value, ...vs: Value[]) => decimalOp(a, vs, decimalMul), { variadic: "any" }),
  biggest: goFunc(["any"], (a: Value, ...vs: Value[]) => int64(vs.reduce((m: bigint, v) => (toInt64(v) > m ? toInt64(v) : m), toInt64(a))), { variadic: "any" }),
  max: goFunc(["any"], (a: Value, ...vs: Value[]) => int64(vs.reduce((m: bigint, v) => (toInt64(v) > m ? toInt64(v) : m), toInt64(a))), { variadic: "any" }),
  min: goFunc(["any"], (a: Value, ...vs: Value[]) => int64(vs.reduce((m: bigint, v) => (toInt64(v) < m ? toInt64(v) : m), toInt64(a))), { variadic: "any" }),
  maxf: goFunc(["any"], (a: Value, ...vs: Value[]) => vs.reduce((m: number, v) => goMax(m, toFloat64(v)), toFloat64(a)), { variadic: "any" }),
  minf: goFunc(["any"], (a: Value, ...vs: Value[]) => vs.reduce((m: number, v) => goMin(m, toFloat64(v)), toFloat64(a)), { variadic: "any" }),
  ceil: goFunc(["any"], (a: Value) => Math.ceil(toFloat64(a))),
  floor: goFunc(["any"], (a: Value) => Math.floor(toFloat64(a))),
  round: goFunc(["any", "int"], round, { variadic: "float64" }),
  until: goFunc(["int"], (n: GoInt) => untilStep(0, intArg(n), intArg(n) < 0 ? -1 : 1)),
  untilStep: goFunc(["int", "int", "int"], (a: GoInt, b: GoInt, s: GoInt) => untilStep(intArg(a), intArg(b), intArg(s))),
  seq: goFunc([], seq, { variadic: "int" }),
};
