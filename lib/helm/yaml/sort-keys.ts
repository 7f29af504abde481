/**
 * goyaml's "natural" map key order (sorter.go), for string keys: letters by code point, a non-letter
 * before a letter, runs of digits compared as numbers.
 *
 * The comparator is not transitive (`a1b`, `a2`, `a10`), and Go sorts the keys of a randomly ordered
 * map with an unstable sort, so Helm itself prints such keys in varying orders. The order picked here:
 * byte order first, then a stable sort with goyaml's comparator. For every set of keys on which the
 * comparator is a total order (all real-world charts seen), this is exactly Helm's order.
 */
import { compareGoStrings } from "../../template/value";
import { codePoints } from "./chars";

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number | undefined): boolean {
  if (c === undefined) return false;
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(String.fromCodePoint(c));
}

/** Reads a run of digits as Go's int64 would accumulate it (wrapping on overflow). */
function digitRun(r: number[], from: number, start: bigint): [end: number, value: bigint] {
  let v = start;
  let i = from;
  for (; i < r.length && isDigit(r[i]); i++) v = BigInt.asIntN(64, v * 10n + BigInt((r[i] ?? 0) - 0x30));
  return [i, v];
}

/**
 * keyList.Less of goyaml for two string keys, given as code points. v3 differs in one rule: right
 * after equal digits, a letter sorts before a non-letter (`a1b` < `a1_`).
 */
export function naturalLess(ar: number[], br: number[], v3 = false): boolean {
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const a = ar[i] ?? 0;
    const b = br[i] ?? 0;
    if (a === b) {
      digits = isDigit(a);
      continue;
    }
    const al = isLetter(a);
    const bl = isLetter(b);
    if (al && bl) return a < b;
    if (al || bl) return v3 && digits ? al : bl;
    let start = 0n;
    if (a === 0x30 || b === 0x30) {
      // goyaml's leading-zero tweak: a non-zero digit earlier in the run makes both numbers start at 1.
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          start = 1n;
          break;
        }
      }
    }
    const [ai, an] = digitRun(ar, i, start);
    const [bi, bn] = digitRun(br, i, start);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return a < b;
  }
  return ar.length < br.length;
}

/** The keys in goyaml's (v2, or v3's) natural order (see the module comment for non-transitive sets). */
export function naturalSortKeys(keys: Iterable<string>, v3 = false): string[] {
  const items = [...keys].sort(compareGoStrings).map((k) => ({ k, r: codePoints(k) }));
  items.sort((x, y) => (naturalLess(x.r, y.r, v3) ? -1 : naturalLess(y.r, x.r, v3) ? 1 : 0));
  return items.map((x) => x.k);
}
