/**
 * Character classes of goyaml's emitter (yamlprivateh.go), restated over Unicode code points
 * instead of UTF-8 bytes. `codePoints` is how every emitter routine sees a string.
 */

/** The code points of a string; lone surrogates become U+FFFD, as Go's JSON encoding makes them. */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
      out.push(0xfffd);
    } else if (c >= 0xdc00 && c <= 0xdfff) out.push(0xfffd);
    else out.push(c);
  }
  return out;
}

/** goyaml's is_printable: LF, ASCII graphics, U+00A0–U+D7FF, U+E000–U+FFFD minus the BOM. 4-byte characters are not. */
export function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** CR, LF, NEL, LS, PS. */
export const isBreak = (c: number | undefined): boolean =>
  c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;

export const isBlank = (c: number | undefined): boolean => c === 0x20 || c === 0x09;

/** Blank, break or NUL (goyaml's is_blankz; NUL stands for "end of input" there). */
export const isBlankz = (c: number | undefined): boolean => c === undefined || c === 0 || isBlank(c) || isBreak(c);
