/**
 * goyaml's "natural" map key order (sorter.go), for string keys: letters by code point, a non-letter
 * before a letter, runs of digits compared as numbers.
 *
 * The comparator is not transitive (`a1b`, `a2`, `a10`), so for such keys the result depends on the
 * order goyaml gets the keys in. Helm's toYaml reads its JSON (keys in byte order) into a Go map and
 * sorts that map's keys with Go's sort.Sort; Go iterates a map of up to 8 keys in insertion order
 * from a random start, most often the first. The order picked here is that most frequent one:
 * sort.Sort (go-sort.ts) of the keys in byte order. On a set where the comparator is a total order
 * (every real-world chart seen) any start gives this same, exact order.
 */
import { compareGoStrings } from "../../template/value";
import { codePoints } from "./chars";
import { goSort } from "./go-sort";

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

/** The end of the run of digits starting at `from`. */
function runEnd(r: number[], from: number): number {
  let end = from;
  while (end < r.length && isDigit(r[end])) end++;
  return end;
}

/** A run of digits as Go's int64 accumulates it (wrapping on overflow; plain numbers are exact below 2^53). */
function runValue(r: number[], from: number, end: number, start: number): number | bigint {
  if (end - from <= 15) {
    let v = start;
    for (let i = from; i < end; i++) v = v * 10 + ((r[i] ?? 0) - 0x30);
    return v;
  }
  let v = BigInt(start);
  for (let i = from; i < end; i++) v = BigInt.asIntN(64, v * 10n + BigInt((r[i] ?? 0) - 0x30));
  return v;
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
    let start = 0;
    if (a === 0x30 || b === 0x30) {
      // goyaml's leading-zero tweak: a non-zero digit earlier in the run makes both numbers start at 1.
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          start = 1;
          break;
        }
      }
    }
    const ai = runEnd(ar, i);
    const bi = runEnd(br, i);
    if (ai > i || bi > i) {
      const an = runValue(ar, i, ai, start);
      const bn = runValue(br, i, bi, start);
      // Mixed number/bigint comparisons are exact in JS.
      if (an != bn) return an < bn;
    }
    if (ai !== bi) return ai < bi;
    return a < b;
  }
  return ar.length < br.length;
}

const ASCII_NO_DIGITS = /^[\x00-\x2f\x3a-\x7f]*$/;
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Without digits, goyaml's comparator is a plain lexicographic order in which every non-letter
 * comes before every letter; for ASCII keys that is this comparison of char codes.
 */
function compareNoDigits(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xl = (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a);
    const yl = (y >= 0x41 && y <= 0x5a) || (y >= 0x61 && y <= 0x7a);
    if (xl !== yl) return xl ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Keys in the order goSortKeys is given them, as sort.Sort then orders them with goyaml's comparator. */
export function goSortKeys(keys: string[], v3 = false): string[] {
  const items = keys.map((k) => ({ k, r: codePoints(k) }));
  return goSort(items, (x, y) => naturalLess(x.r, y.r, v3)).map((x) => x.k);
}

/** The keys in goyaml's (v2, or v3's) natural order (see the module comment for non-transitive sets). */
export function naturalSortKeys(keys: Iterable<string>, v3 = false): string[] {
  const list = [...keys];
  if (list.every((k) => ASCII_NO_DIGITS.test(k))) return list.sort(compareNoDigits);
  // Byte order first; JS's UTF-16 order is the same unless a key has a surrogate pair.
  if (list.some((k) => SURROGATE.test(k))) list.sort(compareGoStrings);
  else list.sort();
  return goSortKeys(list, v3);
}
