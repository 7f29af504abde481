/**
 * Synchronous RSA for Sprig's certificate functions: key generation (e = 65537, two primes of
 * half the size with the top two bits set, as crypto/rsa does), PKCS #1 / PKCS #8 key encoding,
 * and PKCS #1 v1.5 SHA-256 signatures.
 */
import { FuncError } from "../template/value";
import { bigToBytes, children, integer, nullDer, octets, oid, readNode, seq, toBigInt } from "./asn1";
import { sha256 } from "./hashes";

export interface RsaKey {
  readonly n: bigint;
  readonly e: bigint;
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
}

export const RSA_OID = "1.2.840.113549.1.1.1";

/** base^exp mod m, with a fixed 4-bit window (a quarter of the multiplications of square-and-multiply). */
export function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  const table = [1n, base % mod];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * table[1]!) % mod);
  const hex = exp.toString(16);
  let result = 1n;
  for (const digit of hex) {
    result = (result * result) % mod;
    result = (result * result) % mod;
    result = (result * result) % mod;
    result = (result * result) % mod;
    const d = parseInt(digit, 16);
    if (d) result = (result * table[d]!) % mod;
  }
  return result;
}

export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

function randomBigInt(bits: number): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(bits / 8)));
  return toBigInt(bytes) >> BigInt(bytes.length * 8 - bits);
}

const SMALL_PRIMES: number[] = [];
for (let n = 3; SMALL_PRIMES.length < 1000; n += 2) if (SMALL_PRIMES.every((p) => n % p !== 0)) SMALL_PRIMES.push(n);

function isProbablePrime(n: bigint, rounds: number): boolean {
  for (const p of SMALL_PRIMES) if (n % BigInt(p) === 0n) return n === BigInt(p);
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const bits = n.toString(2).length;
  for (let k = 0; k < rounds; k++) {
    const a = 2n + (randomBigInt(bits) % (n - 3n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let witness = true;
    for (let r = 1; r < s && witness; r++) {
      x = (x * x) % n;
      if (x === n - 1n) witness = false;
    }
    if (witness) return false;
  }
  return true;
}

function randomPrime(bits: number): bigint {
  for (;;) {
    const top = 3n << BigInt(bits - 2);
    const candidate = randomBigInt(bits) | top | 1n;
    // FIPS 186-4 table C.3 asks for at most 5 Miller-Rabin rounds at these sizes.
    if (isProbablePrime(candidate, 5)) return candidate;
  }
}

/** rsa.GenerateKey(rand.Reader, bits). */
export function generateRsaKey(bits: number): RsaKey {
  const e = 65537n;
  for (;;) {
    const p = randomPrime(bits / 2);
    const q = randomPrime(bits - bits / 2);
    if (p === q) continue;
    const phi = (p - 1n) * (q - 1n);
    const n = p * q;
    if (n.toString(2).length !== bits || modInverse(e, phi) === 0n) continue;
    const [big, small] = p > q ? [p, q] : [q, p];
    return { n, e, d: modInverse(e, phi), p: big, q: small };
  }
}

/** x509.MarshalPKCS1PrivateKey. */
export function marshalPkcs1(k: RsaKey): Uint8Array {
  const { n, e, d, p, q } = k;
  return seq(integer(0n), integer(n), integer(e), integer(d), integer(p), integer(q), integer(d % (p - 1n)), integer(d % (q - 1n)), integer(modInverse(q, p)));
}

/** The RSAPublicKey structure that goes in a SubjectPublicKeyInfo bit string. */
export const marshalPkcs1Public = (k: { n: bigint; e: bigint }): Uint8Array => seq(integer(k.n), integer(k.e));

/** x509.ParsePKCS1PrivateKey. */
export function parsePkcs1(der: Uint8Array): RsaKey {
  const f = children(readNode(der)).map((c) => toBigInt(c.content));
  if (f.length < 9) throw new FuncError("x509: failed to parse private key");
  return { n: f[1]!, e: f[2]!, d: f[3]!, p: f[4]!, q: f[5]! };
}

/** x509.ParsePKCS8PrivateKey, for RSA keys; other algorithms are not supported here. */
export function parsePkcs8(der: Uint8Array): RsaKey | { algorithm: string } {
  const [, alg, key] = children(readNode(der));
  if (!alg || !key) throw new FuncError("x509: failed to parse private key");
  const algOid = children(alg)[0]!;
  if (algOid.raw.every((b, i) => b === oid(RSA_OID)[i])) return parsePkcs1(key.content);
  return { algorithm: toOidString(algOid.content) };
}

function toOidString(c: Uint8Array): string {
  const parts = [Math.floor(c[0]! / 40), c[0]! % 40];
  let v = 0;
  for (const b of c.subarray(1)) {
    v = v * 128 + (b & 127);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}

/** PKCS #1 v1.5 signature with SHA-256 (sha256WithRSAEncryption), using the CRT. */
export function signSha256(k: RsaKey, msg: Uint8Array): Uint8Array {
  const size = Math.ceil(k.n.toString(2).length / 8);
  // DigestInfo prefix for SHA-256, then the hash.
  const digestInfo = seq(seq(oid("2.16.840.1.101.3.4.2.1"), nullDer()), octets(sha256(msg)));
  const padded = new Uint8Array(size).fill(0xff);
  padded[0] = 0;
  padded[1] = 1;
  padded[size - digestInfo.length - 1] = 0;
  padded.set(digestInfo, size - digestInfo.length);
  const m = toBigInt(padded);
  const m1 = modPow(m, k.d % (k.p - 1n), k.p);
  const m2 = modPow(m, k.d % (k.q - 1n), k.q);
  const h = (modInverse(k.q, k.p) * (m1 - m2 + k.p)) % k.p;
  return bigToBytes(m2 + h * k.q, size);
}
