/**
 * Sprig's random functions, from crypto.getRandomValues (synchronous in browsers and Node).
 * Shapes match Sprig: goutils' character sets, uuid v4 text, base64 of random bytes.
 */
import { goFunc, type GoInt } from "../template/value";
import { base64Encode } from "./encoding";
import { intArg } from "./strings";

/** A uniform random integer in [0, n). */
function randomBelow(n: number): number {
  const limit = Math.floor(0x100000000 / n) * n;
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf);
  while (buf[0]! >= limit);
  return buf[0]! % n;
}

function randomString(count: number, chars: string): string {
  let out = "";
  for (let i = 0; i < count; i++) out += chars[randomBelow(chars.length)];
  return out;
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = UPPER.toLowerCase();
const DIGITS = "0123456789";
/** goutils CryptoRandomAscii draws from ' ' (32) to '~' (126). */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");

function uuidv4(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** goutils returns an error (which Sprig drops, giving "") for a negative count. */
const sized = (chars: string) => (n: GoInt) => (intArg(n) <= 0 ? "" : randomString(intArg(n), chars));

export const randomFuncs = {
  randAlphaNum: goFunc(["int"], sized(UPPER + LOWER + DIGITS)),
  randAlpha: goFunc(["int"], sized(UPPER + LOWER)),
  randAscii: goFunc(["int"], sized(ASCII)),
  randNumeric: goFunc(["int"], sized(DIGITS)),
  randBytes: goFunc(["int"], (n: GoInt) => base64Encode(crypto.getRandomValues(new Uint8Array(Math.max(intArg(n), 0))))),
  uuidv4: goFunc([], uuidv4),
};
