/**
 * Sprig's hashing, password and symmetric crypto functions (crypto.go), all synchronous pure
 * TypeScript (the engine runs synchronously in the browser, where WebCrypto is async).
 * Keys and certificates are in ./certificates.
 */
import { FuncError, goFunc, type GoInt, utf8Bytes, utf8String } from "../template/value";
import { aesCbcDecrypt, aesCbcEncrypt } from "./aes";
import { bcryptHash } from "./bcrypt";
import { sliceBounds } from "./bytes";
import { base64Decode, base64Encode, CorruptInputError } from "./encoding";
import { hmacSha256, sha1, sha256, sha512, toHex } from "./hashes";
import { scrypt } from "./scrypt";
import { intArg } from "./strings";

export const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/** hash/adler32.Checksum. */
export function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return (s * 65536 + a) >>> 0;
}

function bcrypt(input: string): string {
  try {
    return bcryptHash(utf8Bytes(input), randomBytes(16));
  } catch (e) {
    return `failed to encrypt string with bcrypt: ${(e as Error).message}`;
  }
}

/**
 * Recent sha256sum results by input: charts checksum the same config text on every render (pod
 * annotations), and hashing in JS costs far more than a map lookup.
 */
const sha256Sums = new Map<string, string>();
const SHA256_SUMS_MAX = 64;

function sha256sum(s: string): string {
  let sum = sha256Sums.get(s);
  if (sum === undefined) {
    sum = toHex(sha256(utf8Bytes(s)));
    if (sha256Sums.size >= SHA256_SUMS_MAX) sha256Sums.delete(sha256Sums.keys().next().value ?? "");
    sha256Sums.set(s, sum);
  }
  return sum;
}

const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
  long: ["CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno"],
  medium: ["CvcnoCvc", "CvcCvcno"],
  short: ["Cvcn"],
  basic: ["aaanaaan", "aannaaan", "aaannaaa"],
  pin: ["nnnn"],
};

const TEMPLATE_CHARS: Record<string, string> = {
  V: "AEIOU",
  C: "BCDFGHJKLMNPQRSTVWXYZ",
  v: "aeiou",
  c: "bcdfghjklmnpqrstvwxyz",
  A: "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
  a: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
  n: "0123456789",
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
};

const SEED = "com.lyndir.masterpassword";

/** The Master Password algorithm (scrypt key from user, HMAC seed from site and counter). */
function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = PASSWORD_TEMPLATES[type];
  if (!templates) return `cannot find password template ${type}`;
  const withLength = (s: string, extra: number[] = []): Uint8Array => {
    const b = utf8Bytes(s);
    const out = new Uint8Array(SEED.length + 4 + b.length + extra.length);
    out.set(utf8Bytes(SEED));
    new DataView(out.buffer).setUint32(SEED.length, b.length);
    out.set(b, SEED.length + 4);
    out.set(extra, SEED.length + 4 + b.length);
    return out;
  };
  const key = scrypt(utf8Bytes(password), withLength(user), 32768, 8, 2, 64);
  const c = counter >>> 0;
  const seed = hmacSha256(key, withLength(site, [c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255, c & 255]));
  const template = templates[seed[0]! % templates.length]!;
  return Array.from(template, (t, i) => {
    const chars = TEMPLATE_CHARS[t]!;
    return chars[seed[i + 1]! % chars.length];
  }).join("");
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === "") return "";
  const key = new Uint8Array(32);
  key.set(utf8Bytes(password).subarray(0, 32));
  const content = utf8Bytes(plaintext);
  const padding = 16 - (content.length % 16);
  const padded = new Uint8Array(content.length + padding).fill(padding);
  padded.set(content);
  const iv = randomBytes(16);
  const out = new Uint8Array(16 + padded.length);
  out.set(iv);
  out.set(aesCbcEncrypt(key, iv, padded), 16);
  return base64Encode(out);
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === "") return "";
  const key = new Uint8Array(32);
  key.set(utf8Bytes(password).subarray(0, 32));
  let crypt: Uint8Array;
  try {
    crypt = base64Decode(crypt64);
  } catch (e) {
    if (e instanceof CorruptInputError) throw new FuncError(e.message);
    throw e;
  }
  const ivErr = sliceBounds(crypt.length, undefined, 16, "slice");
  if (ivErr) throw new FuncError(ivErr);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new FuncError("crypto/cipher: input not full blocks");
  const plain = aesCbcDecrypt(key, crypt.subarray(0, 16), body);
  if (plain.length === 0) throw new FuncError("runtime error: index out of range [-1]");
  const end = plain.length - plain[plain.length - 1]!;
  const err = sliceBounds(plain.length, undefined, end, "slice");
  if (err) throw new FuncError(err);
  return utf8String(plain.subarray(0, end));
}

export const cryptoFuncs = {
  sha1sum: goFunc(["string"], (s: string) => toHex(sha1(utf8Bytes(s)))),
  sha256sum: goFunc(["string"], sha256sum),
  sha512sum: goFunc(["string"], (s: string) => toHex(sha512(utf8Bytes(s)))),
  adler32sum: goFunc(["string"], (s: string) => String(adler32(utf8Bytes(s)))),
  bcrypt: goFunc(["string"], bcrypt),
  htpasswd: goFunc(["string", "string"], (user: string, pass: string) => (user.includes(":") ? `invalid username: ${user}` : `${user}:${bcrypt(pass)}`)),
  // Go's parameter is uint32; an int argument is the closest model type.
  derivePassword: goFunc(["int", "string", "string", "string", "string"], (c: GoInt, t: string, p: string, u: string, s: string) => derivePassword(intArg(c), t, p, u, s)),
  encryptAES: goFunc(["string", "string"], encryptAES),
  decryptAES: goFunc(["string", "string"], decryptAES),
};
