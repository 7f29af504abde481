/**
 * Synchronous AES-256-CBC (Sprig's encryptAES/decryptAES). The S-box is computed from its
 * definition (multiplicative inverse in GF(2^8), then the affine map) instead of tabulated.
 */

const xtime = (a: number): number => ((a << 1) ^ (a & 0x80 ? 0x1b : 0)) & 0xff;
function gmul(a: number, b: number): number {
  let p = 0;
  for (; b; b >>= 1, a = xtime(a)) if (b & 1) p ^= a;
  return p;
}

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
for (let x = 0; x < 256; x++) {
  let inv = 0;
  if (x) for (inv = 1; gmul(x, inv) !== 1; inv++);
  let s = inv;
  for (let k = 1; k <= 4; k++) s ^= ((inv << k) | (inv >> (8 - k))) & 0xff;
  s ^= 0x63;
  SBOX[x] = s;
  INV_SBOX[s] = x;
}

/** The AES-256 key schedule: 15 round keys of 16 bytes. */
function expandKey(key: Uint8Array): Uint8Array {
  const w = new Uint8Array(240);
  w.set(key);
  let rcon = 1;
  for (let i = 32; i < 240; i += 4) {
    let t = Array.from(w.subarray(i - 4, i));
    if (i % 32 === 0) {
      t = [SBOX[t[1]!]! ^ rcon, SBOX[t[2]!]!, SBOX[t[3]!]!, SBOX[t[0]!]!];
      rcon = xtime(rcon);
    } else if (i % 32 === 16) t = t.map((b) => SBOX[b]!);
    for (let k = 0; k < 4; k++) w[i + k] = w[i - 32 + k]! ^ t[k]!;
  }
  return w;
}

const addRoundKey = (s: Uint8Array, w: Uint8Array, round: number): void => {
  for (let i = 0; i < 16; i++) s[i]! ^= w[round * 16 + i]!;
};

/** ShiftRows (dir 1) or InvShiftRows (dir -1) on the column-major state. */
function shiftRows(s: Uint8Array, dir: 1 | -1): void {
  const t = s.slice();
  for (let r = 1; r < 4; r++) for (let c = 0; c < 4; c++) s[r + 4 * c] = t[r + 4 * ((c + dir * r + 4) % 4)]!;
}

function mixColumns(s: Uint8Array, m: readonly number[]): void {
  for (let c = 0; c < 4; c++) {
    const col = s.slice(4 * c, 4 * c + 4);
    for (let r = 0; r < 4; r++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v ^= gmul(m[(k - r + 4) % 4]!, col[k]!);
      s[4 * c + r] = v;
    }
  }
}

function encryptBlock(block: Uint8Array, w: Uint8Array): void {
  addRoundKey(block, w, 0);
  for (let round = 1; round <= 14; round++) {
    for (let i = 0; i < 16; i++) block[i] = SBOX[block[i]!]!;
    shiftRows(block, 1);
    if (round < 14) mixColumns(block, [2, 3, 1, 1]);
    addRoundKey(block, w, round);
  }
}

function decryptBlock(block: Uint8Array, w: Uint8Array): void {
  addRoundKey(block, w, 14);
  for (let round = 13; round >= 0; round--) {
    shiftRows(block, -1);
    for (let i = 0; i < 16; i++) block[i] = INV_SBOX[block[i]!]!;
    addRoundKey(block, w, round);
    if (round > 0) mixColumns(block, [14, 11, 13, 9]);
  }
}

/** CBC encryption of whole blocks (the caller pads). */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const w = expandKey(key);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let off = 0; off < data.length; off += 16) {
    const block = data.slice(off, off + 16);
    for (let i = 0; i < 16; i++) block[i]! ^= prev[i]!;
    encryptBlock(block, w);
    out.set(block, off);
    prev = block;
  }
  return out;
}

/** CBC decryption of whole blocks; Go panics on a partial block, so does this. */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  if (data.length % 16 !== 0) throw new Error("crypto/cipher: input not full blocks");
  const w = expandKey(key);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let off = 0; off < data.length; off += 16) {
    const cipher = data.slice(off, off + 16);
    const block = cipher.slice();
    decryptBlock(block, w);
    for (let i = 0; i < 16; i++) block[i]! ^= prev[i]!;
    out.set(block, off);
    prev = cipher;
  }
  return out;
}
