/**
 * Byte-level views of Go strings. Several Sprig and goutils functions index strings by byte
 * (`trunc`, `substr`, `wrap`, `abbrev`, `initials`, `nospace`). They work on a "byte string":
 * a JS string holding one UTF-8 byte per char. Converting back decodes UTF-8; a cut in the middle
 * of a multi-byte character leaves bytes that are not UTF-8, kept as Go keeps them (value.ts).
 */
import { utf8Bytes, utf8String } from "../template/value";

/** ASCII is its own UTF-8: the common case (`trunc 63` of names) needs no conversion. */
const ASCII = /^[\x00-\x7f]*$/;

export function toByteString(s: string): string {
  if (ASCII.test(s)) return s;
  let out = "";
  for (const b of utf8Bytes(s)) out += String.fromCharCode(b);
  return out;
}

export function fromByteString(b: string): string {
  if (ASCII.test(b)) return b;
  return utf8String(Uint8Array.from(b, (c) => c.charCodeAt(0)));
}

/** Go's runtime panic text for `s[lo:hi]` out of bounds, which templates show as the error. */
export function sliceBounds(len: number, lo: number | undefined, hi: number | undefined, of: "string" | "slice" = "string"): string | undefined {
  const l = lo ?? 0;
  const h = hi ?? len;
  if (hi !== undefined && h < 0) return `runtime error: slice bounds out of range [:${h}]`;
  if (hi !== undefined && h > len) return `runtime error: slice bounds out of range [:${h}] with ${of === "string" ? "length" : "capacity"} ${len}`;
  if (lo !== undefined && l < 0) return `runtime error: slice bounds out of range [${l}:]`;
  if (l > h) return `runtime error: slice bounds out of range [${l}:${h}]`;
  return undefined;
}
