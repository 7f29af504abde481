/** Synchronous scrypt (RFC 7914) over HMAC-SHA256, for Sprig's derivePassword. */
import { hmacSha256 } from "./hashes";

/** PBKDF2-HMAC-SHA256. */
export function pbkdf2Sha256(password: Uint8Array, salt: Uint8Array, iterations: number, dkLen: number): Uint8Array {
  const out = new Uint8Array(dkLen);
  const block = new Uint8Array(salt.length + 4);
  block.set(salt);
  for (let i = 1, pos = 0; pos < dkLen; i++, pos += 32) {
    new DataView(block.buffer).setUint32(salt.length, i);
    let u = hmacSha256(password, block);
    const t = u.slice();
    for (let k = 1; k < iterations; k++) {
      u = hmacSha256(password, u);
      for (let j = 0; j < 32; j++) t[j]! ^= u[j]!;
    }
    out.set(t.subarray(0, Math.min(32, dkLen - pos)), pos);
  }
  return out;
}

/** Salsa20/8 core, in place on 16 words (locals instead of array slots: this loop is the hot path). */
function salsa8(b: Uint32Array): void {
  let x0 = b[0]!, x1 = b[1]!, x2 = b[2]!, x3 = b[3]!, x4 = b[4]!, x5 = b[5]!, x6 = b[6]!, x7 = b[7]!, x8 = b[8]!, x9 = b[9]!, x10 = b[10]!, x11 = b[11]!, x12 = b[12]!, x13 = b[13]!, x14 = b[14]!, x15 = b[15]!;
  let u: number;
  for (let i = 0; i < 8; i += 2) {
    // column round (rotations 7, 9, 13, 18)
    u = (x0 + x12) | 0; x4 ^= (u << 7) | (u >>> 25);
    u = (x4 + x0) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x4) | 0; x12 ^= (u << 13) | (u >>> 19);
    u = (x12 + x8) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x1) | 0; x9 ^= (u << 7) | (u >>> 25);
    u = (x9 + x5) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x9) | 0; x1 ^= (u << 13) | (u >>> 19);
    u = (x1 + x13) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x6) | 0; x14 ^= (u << 7) | (u >>> 25);
    u = (x14 + x10) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x14) | 0; x6 ^= (u << 13) | (u >>> 19);
    u = (x6 + x2) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x11) | 0; x3 ^= (u << 7) | (u >>> 25);
    u = (x3 + x15) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x3) | 0; x11 ^= (u << 13) | (u >>> 19);
    u = (x11 + x7) | 0; x15 ^= (u << 18) | (u >>> 14);
    // row round
    u = (x0 + x3) | 0; x1 ^= (u << 7) | (u >>> 25);
    u = (x1 + x0) | 0; x2 ^= (u << 9) | (u >>> 23);
    u = (x2 + x1) | 0; x3 ^= (u << 13) | (u >>> 19);
    u = (x3 + x2) | 0; x0 ^= (u << 18) | (u >>> 14);
    u = (x5 + x4) | 0; x6 ^= (u << 7) | (u >>> 25);
    u = (x6 + x5) | 0; x7 ^= (u << 9) | (u >>> 23);
    u = (x7 + x6) | 0; x4 ^= (u << 13) | (u >>> 19);
    u = (x4 + x7) | 0; x5 ^= (u << 18) | (u >>> 14);
    u = (x10 + x9) | 0; x11 ^= (u << 7) | (u >>> 25);
    u = (x11 + x10) | 0; x8 ^= (u << 9) | (u >>> 23);
    u = (x8 + x11) | 0; x9 ^= (u << 13) | (u >>> 19);
    u = (x9 + x8) | 0; x10 ^= (u << 18) | (u >>> 14);
    u = (x15 + x14) | 0; x12 ^= (u << 7) | (u >>> 25);
    u = (x12 + x15) | 0; x13 ^= (u << 9) | (u >>> 23);
    u = (x13 + x12) | 0; x14 ^= (u << 13) | (u >>> 19);
    u = (x14 + x13) | 0; x15 ^= (u << 18) | (u >>> 14);
  }
  b[0] = (b[0]! + x0) | 0;
  b[1] = (b[1]! + x1) | 0;
  b[2] = (b[2]! + x2) | 0;
  b[3] = (b[3]! + x3) | 0;
  b[4] = (b[4]! + x4) | 0;
  b[5] = (b[5]! + x5) | 0;
  b[6] = (b[6]! + x6) | 0;
  b[7] = (b[7]! + x7) | 0;
  b[8] = (b[8]! + x8) | 0;
  b[9] = (b[9]! + x9) | 0;
  b[10] = (b[10]! + x10) | 0;
  b[11] = (b[11]! + x11) | 0;
  b[12] = (b[12]! + x12) | 0;
  b[13] = (b[13]! + x13) | 0;
  b[14] = (b[14]! + x14) | 0;
  b[15] = (b[15]! + x15) | 0;
}

/** scryptBlockMix over 2r 64-byte blocks (as 32r little-endian words). */
function blockMix(b: Uint32Array, y: Uint32Array, r: number, x: Uint32Array): void {
  x.set(b.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    for (let j = 0; j < 16; j++) x[j]! ^= b[i * 16 + j]!;
    salsa8(x);
    // even blocks go to the first half, odd blocks to the second
    y.set(x, ((i & 1) * r + (i >> 1)) * 16);
  }
}

export function scrypt(password: Uint8Array, salt: Uint8Array, N: number, r: number, p: number, dkLen: number): Uint8Array {
  const blockWords = 32 * r;
  const bytes = pbkdf2Sha256(password, salt, 1, p * 128 * r);
  const words = new Uint32Array(bytes.length / 4);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) words[i] = dv.getUint32(i * 4, true);
  const v = new Uint32Array(blockWords * N);
  const y = new Uint32Array(blockWords);
  const x16 = new Uint32Array(16);
  for (let k = 0; k < p; k++) {
    const b = words.subarray(k * blockWords, (k + 1) * blockWords);
    for (let i = 0; i < N; i++) {
      v.set(b, i * blockWords);
      blockMix(b, y, r, x16);
      b.set(y);
    }
    for (let i = 0; i < N; i++) {
      const j = b[(2 * r - 1) * 16]! & (N - 1);
      for (let t = 0; t < blockWords; t++) b[t]! ^= v[j * blockWords + t]!;
      blockMix(b, y, r, x16);
      b.set(y);
    }
  }
  for (let i = 0; i < words.length; i++) dv.setUint32(i * 4, words[i]!, true);
  return pbkdf2Sha256(password, bytes, 1, dkLen);
}
