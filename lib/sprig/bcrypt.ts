/**
 * Synchronous bcrypt ($2a$, as golang.org/x/crypto/bcrypt writes it). Blowfish's initial P-array and
 * S-boxes are the hexadecimal digits of π's fractional part, computed here once with bigints
 * (Machin's formula) rather than tabulated.
 */
import { utf8Bytes } from "../template/value";

const PI_WORDS = 18 + 4 * 256;

let piWords: Uint32Array | undefined;

/** The first `PI_WORDS` 32-bit words of frac(π). */
function piFraction(): Uint32Array {
  if (piWords) return piWords;
  const bits = BigInt(PI_WORDS * 32 + 64);
  const one = 1n << bits;
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = one / x;
    const x2 = x * x;
    for (let k = 0n; term !== 0n; k++) {
      sum += (k % 2n === 0n ? 1n : -1n) * (term / (2n * k + 1n));
      term /= x2;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
  const frac = (pi - 3n * one) >> 64n; // drop guard bits
  const words = new Uint32Array(PI_WORDS);
  for (let i = 0; i < PI_WORDS; i++) words[i] = Number((frac >> BigInt((PI_WORDS - 1 - i) * 32)) & 0xffffffffn);
  piWords = words;
  return words;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;
  constructor() {
    const pi = piFraction();
    this.p = pi.slice(0, 18);
    this.s = pi.slice(18);
  }

  private f(x: number): number {
    const s = this.s;
    return (((s[x >>> 24]! + s[256 + ((x >>> 16) & 255)]!) ^ s[512 + ((x >>> 8) & 255)]!) + s[768 + (x & 255)]!) | 0;
  }

  /** Encrypts the pair [l, r] in place. */
  encrypt(lr: Uint32Array): void {
    const p = this.p;
    let l = lr[0]! ^ p[0]!;
    let r = lr[1]!;
    for (let i = 1; i <= 16; i += 2) {
      r ^= this.f(l) ^ p[i]!;
      l ^= this.f(r) ^ p[i + 1]!;
    }
    lr[0] = r ^ p[17]!;
    lr[1] = l;
  }

  /** Blowfish's ExpandKey, with the optional bcrypt salt XORed into the encrypted stream. */
  expandKey(key: Uint8Array, salt?: Uint8Array): void {
    let pos = 0;
    const word = (data: Uint8Array): number => {
      let w = 0;
      for (let k = 0; k < 4; k++) {
        w = (w << 8) | data[pos % data.length]!;
        pos++;
      }
      return w;
    };
    for (let i = 0; i < 18; i++) this.p[i]! ^= word(key);
    pos = 0;
    const lr = new Uint32Array(2);
    const fill = (table: Uint32Array): void => {
      for (let i = 0; i < table.length; i += 2) {
        if (salt) {
          lr[0]! ^= word(salt);
          lr[1]! ^= word(salt);
        }
        this.encrypt(lr);
        table[i] = lr[0]!;
        table[i + 1] = lr[1]!;
      }
    };
    fill(this.p);
    fill(this.s);
  }
}

const BCRYPT_B64 = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** bcrypt's unpadded base64 with its own alphabet. */
function bcryptBase64(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    const keep = Math.min(b.length - i, 3) + 1;
    for (let k = 0; k < keep; k++) out += BCRYPT_B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** bcrypt.GenerateFromPassword(password, cost) with the given 16-byte salt. Throws on > 72 bytes. */
export function bcryptHash(password: Uint8Array, salt: Uint8Array, cost = 10): string {
  if (password.length > 72) throw new Error("bcrypt: password length exceeds 72 bytes");
  const key = new Uint8Array(password.length + 1); // the key includes the C string's NUL
  key.set(password);
  const bf = new Blowfish();
  bf.expandKey(key, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    bf.expandKey(key);
    bf.expandKey(salt);
  }
  const text = utf8Bytes("OrpheanBeholderScryDoubt");
  const dv = new DataView(text.buffer);
  const lr = new Uint32Array(2);
  for (let b = 0; b < 24; b += 8) {
    lr[0] = dv.getUint32(b);
    lr[1] = dv.getUint32(b + 4);
    for (let i = 0; i < 64; i++) bf.encrypt(lr);
    dv.setUint32(b, lr[0]!);
    dv.setUint32(b + 4, lr[1]!);
  }
  return `$2a$${String(cost).padStart(2, "0")}$${bcryptBase64(salt)}${bcryptBase64(text.subarray(0, 23))}`;
}
