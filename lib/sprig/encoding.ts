/**
 * Go's encoding/base64 and encoding/base32 (standard alphabets, padded). Sprig's b64dec/b32dec
 * return the decoder's error TEXT as their value instead of failing. Decoded bytes that are not
 * valid UTF-8 stay bytes (escaped in the string, see value.ts), as in a Go string.
 */
import { goFunc, utf8Bytes, utf8String } from "../template/value";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** Go's base64.CorruptInputError. */
export class CorruptInputError extends Error {
  constructor(readonly offset: number, kind: "base64" | "base32") {
    super(`illegal ${kind} data at input byte ${offset}`);
  }
}

export function base64Encode(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((s) => B64[(n >> s) & 63]!);
    const keep = Math.min(b.length - i, 3) + 1;
    out += chars.slice(0, keep).join("") + "=".repeat(4 - keep);
  }
  return out;
}

const isNewline = (c: number | undefined): boolean => c === 0x0a || c === 0x0d;

/** base64.StdEncoding.DecodeString, with Go's error offsets (newlines are skipped). */
export function base64Decode(text: string): Uint8Array {
  const src = utf8Bytes(text);
  const out: number[] = [];
  let si = 0;
  for (;;) {
    const buf = [0, 0, 0, 0];
    let dlen = 4;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw new CorruptInputError(si - j, "base64");
      }
      const c = src[si++]!;
      const v = B64.indexOf(String.fromCharCode(c));
      if (c < 0x80 && v >= 0) {
        buf[j] = v;
        continue;
      }
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== 0x3d || j < 2) throw new CorruptInputError(si - 1, "base64");
      if (j === 2) {
        // "==" is required after two data characters.
        while (isNewline(src[si])) si++;
        if (si === src.length) throw new CorruptInputError(src.length, "base64");
        if (src[si] !== 0x3d) throw new CorruptInputError(si - 1, "base64");
        si++;
      }
      while (isNewline(src[si])) si++;
      if (si < src.length) throw new CorruptInputError(si, "base64");
      dlen = j;
      break;
    }
    const n = (buf[0]! << 18) | (buf[1]! << 12) | (buf[2]! << 6) | buf[3]!;
    out.push(...[(n >> 16) & 255, (n >> 8) & 255, n & 255].slice(0, dlen - 1));
    if (dlen < 4) return Uint8Array.from(out);
  }
}

export function base32Encode(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 5) {
    const chunk = b.slice(i, i + 5);
    let n = 0n;
    for (let k = 0; k < 5; k++) n = (n << 8n) | BigInt(chunk[k] ?? 0);
    const chars = Array.from({ length: 8 }, (_, k) => B32[Number((n >> BigInt(35 - 5 * k)) & 31n)]!);
    const keep = [0, 2, 4, 5, 7, 8][chunk.length]!;
    out += chars.slice(0, keep).join("") + "=".repeat(8 - keep);
  }
  return out;
}

/** base32.StdEncoding.DecodeString (newlines are stripped first, so offsets ignore them). */
export function base32Decode(text: string): Uint8Array {
  const src = utf8Bytes(text).filter((c) => !isNewline(c));
  const olen = src.length;
  const out: number[] = [];
  let pos = 0;
  let end = false;
  while (pos < olen && !end) {
    const buf = new Array<number>(8).fill(0);
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      if (pos === olen) throw new CorruptInputError(olen - j, "base32");
      const c = src[pos++]!;
      const left = olen - pos;
      if (c === 0x3d && j >= 2 && left < 8) {
        if (left + j < 7) throw new CorruptInputError(olen, "base32");
        for (let k = 0; k < 7 - j; k++) if (left > k && src[pos + k] !== 0x3d) throw new CorruptInputError(pos + k - 1, "base32");
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw new CorruptInputError(pos - 1, "base32");
        break;
      }
      const v = c < 0x80 ? B32.indexOf(String.fromCharCode(c)) : -1;
      if (v < 0) throw new CorruptInputError(pos - 1, "base32");
      buf[j++] = v;
    }
    let n = 0n;
    for (const v of buf) n = (n << 5n) | BigInt(v);
    const bytes = Array.from({ length: 5 }, (_, k) => Number((n >> BigInt(32 - 8 * k)) & 255n));
    out.push(...bytes.slice(0, { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0));
  }
  return Uint8Array.from(out);
}

function decodeOrMessage(decode: (s: string) => Uint8Array, s: string): string {
  try {
    return utf8String(decode(s));
  } catch (e) {
    if (e instanceof CorruptInputError) return e.message;
    throw e;
  }
}

export const encodingFuncs = {
  b64enc: goFunc(["string"], (s: string) => base64Encode(utf8Bytes(s))),
  b64dec: goFunc(["string"], (s: string) => decodeOrMessage(base64Decode, s)),
  b32enc: goFunc(["string"], (s: string) => base32Encode(utf8Bytes(s))),
  b32dec: goFunc(["string"], (s: string) => decodeOrMessage(base32Decode, s)),
};
