/**
 * Go's `unicode` predicates and simple (one rune to one rune) case mappings, which Sprig,
 * goutils and xstrings use. JS's `toUpperCase` is the FULL mapping (`ß` → `SS`); Go keeps a rune
 * whose simple mapping is itself, so a multi-rune JS result means "unchanged".
 */

import { withReplacementChars } from "../template/value";

const cp = (r: number): string => String.fromCodePoint(r);

/** `unicode.IsSpace`: Latin-1 spaces plus the White_Space property. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return r === 0x1680 || (r >= 0x2000 && r <= 0x200a) || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000;
}

export const isUpper = (r: number): boolean => /\p{Lu}/u.test(cp(r));
export const isLower = (r: number): boolean => /\p{Ll}/u.test(cp(r));
export const isTitle = (r: number): boolean => /\p{Lt}/u.test(cp(r));
export const isLetter = (r: number): boolean => /\p{L}/u.test(cp(r));
export const isDigit = (r: number): boolean => /\p{Nd}/u.test(cp(r));
export const isNumber = (r: number): boolean => /\p{N}/u.test(cp(r));
export const isPunct = (r: number): boolean => /\p{P}/u.test(cp(r));

function single(mapped: string, r: number): number {
  const c = mapped.codePointAt(0)!;
  return mapped.length === cp(c).length ? c : r;
}

export function toUpper(r: number): number {
  return single(cp(r).toUpperCase(), r);
}

export function toLower(r: number): number {
  if (r === 0x130) return 0x69; // İ: Go's simple mapping; JS gives "i̇" (two runes)
  return single(cp(r).toLowerCase(), r);
}

/** `unicode.ToTitle`: upper case, except the Latin digraphs (Ǆ ǅ ǆ …) that have a title form. */
export function toTitle(r: number): number {
  for (const base of [0x1c4, 0x1c7, 0x1ca, 0x1f1]) if (r >= base && r <= base + 2) return base + 1;
  return toUpper(r);
}

/** The code points of a string; a byte that is not UTF-8 stays its escape (value.ts), so slices of them keep it. */
export const runes = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);
/** Go's `[]rune(s)` (and strings.Map's view): each byte that is not UTF-8 is U+FFFD. */
export const goRunes = (s: string): number[] => runes(withReplacementChars(s));
export const fromRunes = (rs: number[]): string => rs.map(cp).join("");
