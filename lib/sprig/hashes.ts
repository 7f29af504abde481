/**
 * Synchronous SHA-1, SHA-256, SHA-512 and HMAC-SHA256 (the template engine runs synchronously in
 * the browser, where WebCrypto is async). Round constants are derived from the primes as the
 * standards define them, not tabulated.
 */

const PRIMES: number[] = [];
for (let n = 2; PRIMES.length < 80; n++) if (PRIMES.every((p) => n % p !== 0)) PRIMES.push(n);

/** floor(x^(1/k)) for a bigint, by Newton's method. */
function iroot(x: bigint, k: bigint): bigint {
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / Number(k)) + 1);
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}

const MASK64 = (1n << 64n) - 1n;
/** The first 64 fractional bits of the cube roots (K) and square roots (H) of the primes. */
const K64 = PRIMES.map((p) => iroot(BigInt(p) << 192n, 3n) & MASK64);
const H64 = PRIMES.slice(0, 8).map((p) => iroot(BigInt(p) << 128n, 2n) & MASK64);
const K32 = K64.slice(0, 64).map((k) => Number(k >> 32n));
const H32 = H64.map((h) => Number(h >> 32n));

/** Merkle–Damgård padding: 0x80, zeros, then the bit length (big-endian, `lenBytes` wide). */
function pad(msg: Uint8Array, block: number, lenBytes: number): Uint8Array {
  const total = Math.ceil((msg.length + 1 + lenBytes) / block) * block;
  const out = new Uint8Array(total);
  out.set(msg);
  out[msg.length] = 0x80;
  let bits = BigInt(msg.length) * 8n;
  for (let i = total - 1; bits > 0n; i--, bits >>= 8n) out[i] = Number(bits & 255n);
  return out;
}

function wordsToBytes(words: number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0));
  return out;
}

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

export function sha256(msg: Uint8Array): Uint8Array {
  const data = pad(msg, 64, 8);
  const dv = new DataView(data.buffer);
  const h = [...H32];
  const w = new Array<number>(64);
  for (let off = 0; off < data.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = dv.getUint32(off + t * 4);
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K32[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) | 0));
  }
  return wordsToBytes(h);
}

export function sha1(msg: Uint8Array): Uint8Array {
  const data = pad(msg, 64, 8);
  const dv = new DataView(data.buffer);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  // 2^30 × √2, √3, √5, √10
  const k = [2, 3, 5, 10].map((n) => Number(iroot(BigInt(n) << 60n, 2n)));
  const w = new Array<number>(80);
  for (let off = 0; off < data.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = dv.getUint32(off + t * 4);
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const tmp = (rotl(a, 5) + f + e + k[Math.floor(t / 20)]! + w[t]!) | 0;
      [e, d, c, b, a] = [d, c, rotl(b, 30), a, tmp];
    }
    [a, b, c, d, e].forEach((v, i) => (h[i] = (h[i]! + v) | 0));
  }
  return wordsToBytes(h);
}

export function sha512(msg: Uint8Array): Uint8Array {
  const data = pad(msg, 128, 16);
  const dv = new DataView(data.buffer);
  const add = (...xs: bigint[]): bigint => xs.reduce((a, b) => a + b) & MASK64;
  const rot = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK64;
  const h = [...H64];
  const w = new Array<bigint>(80);
  for (let off = 0; off < data.length; off += 128) {
    for (let t = 0; t < 16; t++) w[t] = dv.getBigUint64(off + t * 8);
    for (let t = 16; t < 80; t++) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      const s0 = rot(a, 1n) ^ rot(a, 8n) ^ (a >> 7n);
      const s1 = rot(b, 19n) ^ rot(b, 61n) ^ (b >> 6n);
      w[t] = add(w[t - 16]!, s0, w[t - 7]!, s1);
    }
    let [a, b, c, d, e, f, g, hh] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let t = 0; t < 80; t++) {
      const t1 = add(hh, rot(e, 14n) ^ rot(e, 18n) ^ rot(e, 41n), (e & f) ^ (~e & MASK64 & g), K64[t]!, w[t]!);
      const t2 = add(rot(a, 28n) ^ rot(a, 34n) ^ rot(a, 39n), (a & b) ^ (a & c) ^ (b & c));
      [hh, g, f, e, d, c, b, a] = [g, f, e, add(d, t1), c, b, a, add(t1, t2)];
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = add(h[i]!, v)));
  }
  const out = new Uint8Array(64);
  const odv = new DataView(out.buffer);
  h.forEach((v, i) => odv.setBigUint64(i * 8, v));
  return out;
}

export function hmacSha256(key: Uint8Array, msg: Uint8Array): Uint8Array {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64 + msg.length);
  inner.set(k.map((b) => b ^ 0x36));
  inner.set(msg, 64);
  const outer = new Uint8Array(64 + 32);
  outer.set(k.map((b) => b ^ 0x5c));
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
