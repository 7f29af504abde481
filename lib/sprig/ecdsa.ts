/** P-256 key generation for genPrivateKey "ecdsa" (SEC 1 ECPrivateKey, as x509.MarshalECPrivateKey writes it). */
import { bigToBytes, bitString, explicit, integer, octets, oid, seq, toBigInt } from "./asn1";
import { modInverse } from "./rsa";

// The NIST P-256 domain parameters (FIPS 186-4, D.1.2.3).
const P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const G: Point = [0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n, 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n, 1n];

/** Jacobian coordinates (X, Y, Z); Z = 0 is the point at infinity. */
type Point = [bigint, bigint, bigint];
const mod = (a: bigint): bigint => ((a % P) + P) % P;

function double([x, y, z]: Point): Point {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  // a = -3: M = 3(X - Z²)(X + Z²)
  const z2 = mod(z * z);
  const m = mod(3n * (x - z2) * (x + z2));
  const y2 = mod(y * y);
  const s = mod(4n * x * y2);
  const x3 = mod(m * m - 2n * s);
  return [x3, mod(m * (s - x3) - 8n * y2 * y2), mod(2n * y * z)];
}

function add(a: Point, b: Point): Point {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const z1z1 = mod(a[2] * a[2]);
  const z2z2 = mod(b[2] * b[2]);
  const u1 = mod(a[0] * z2z2);
  const u2 = mod(b[0] * z1z1);
  const s1 = mod(a[1] * b[2] * z2z2);
  const s2 = mod(b[1] * a[2] * z1z1);
  if (u1 === u2) return s1 === s2 ? double(a) : [0n, 1n, 0n];
  const h = mod(u2 - u1);
  const r = mod(s2 - s1);
  const h2 = mod(h * h);
  const h3 = mod(h2 * h);
  const x3 = mod(r * r - h3 - 2n * u1 * h2);
  return [x3, mod(r * (u1 * h2 - x3) - s1 * h3), mod(a[2] * b[2] * h)];
}

function multiply(k: bigint, p: Point): [bigint, bigint] {
  let acc: Point = [0n, 1n, 0n];
  for (const bit of k.toString(2)) {
    acc = double(acc);
    if (bit === "1") acc = add(acc, p);
  }
  const zi = modInverse(acc[2], P);
  return [mod(acc[0] * zi * zi), mod(acc[1] * zi * zi * zi)];
}

/** A fresh P-256 private key as ECPrivateKey DER. */
export function generateP256Der(): Uint8Array {
  let d = 0n;
  while (d === 0n || d >= N) d = toBigInt(crypto.getRandomValues(new Uint8Array(32)));
  const [x, y] = multiply(d, G);
  const pub = new Uint8Array(65);
  pub[0] = 4;
  pub.set(bigToBytes(x, 32), 1);
  pub.set(bigToBytes(y, 32), 33);
  return seq(integer(1n), octets(bigToBytes(d, 32)), explicit(0, oid("1.2.840.10045.3.1.7")), explicit(1, bitString(pub)));
}
