/**
 * Sprig's crypto functions (crypto.go), all synchronous pure TypeScript. Certificates use RSA 2048
 * keys as Sprig's do; the *WithKey forms accept RSA keys only (PKCS #1 or PKCS #8), and
 * genPrivateKey does not generate DSA keys. RSA generation is slow in pure TS: about 1–2 s for
 * 2048 bits and 10–40 s for genPrivateKey's 4096 bits.
 */
import { FuncError, formatValue, goFunc, type GoInt, GoObject, utf8Bytes, utf8String, type Value } from "../template/value";
import { integer, octets, oid, pemDecode, pemEncode, seq } from "./asn1";
import { generateP256Der } from "./ecdsa";
import { jsonString } from "./json";
import { generateRsaKey, type RsaKey } from "./rsa";
import { type CertTemplate, certPem, createCertificate, type ParsedCert, parseCertificate, parsePrivateKeyPem, rsaKeyPem } from "./x509";
import { aesCbcDecrypt, aesCbcEncrypt } from "./aes";
import { bcryptHash } from "./bcrypt";
import { sliceBounds } from "./bytes";
import { base64Decode, base64Encode, CorruptInputError } from "./encoding";
import { hmacSha256, sha1, sha256, sha512, toHex } from "./hashes";
import { scrypt } from "./scrypt";
import { intArg } from "./strings";

const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

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

/** Sprig's `certificate` struct: PEM certificate and key. */
export class Certificate extends GoObject {
  readonly goType = "sprig.certificate";
  constructor(
    readonly cert: string,
    readonly key: string,
  ) {
    super();
  }
  override field(name: string): Value | undefined {
    return name === "Cert" ? this.cert : name === "Key" ? this.key : undefined;
  }
  override format(): string {
    return `{${this.cert} ${this.key}}`;
  }
  /** encoding/json of the struct: its exported fields by name. */
  marshalJSON(): string {
    return `{"Cert":${jsonString(this.cert)},"Key":${jsonString(this.key)}}`;
  }
}

/** net.ParseIP, as the bytes a certificate stores (4 for IPv4, 16 for IPv6); undefined if invalid. */
export function parseIP(s: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((p, k) => p <= 255 && !(v4[k + 1]!.length > 1 && v4[k + 1]![0] === "0")) ? Uint8Array.from(parts) : undefined;
  }
  if (!s.includes(":") || s.split("::").length > 2) return undefined;
  let tail = s;
  let v4tail: number[] = [];
  const embedded = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (embedded) {
    const b = parseIP(embedded[2]!);
    if (!b || b.length !== 4) return undefined;
    v4tail = Array.from(b);
    tail = embedded[1]!.endsWith("::") ? embedded[1]! : embedded[1]!.slice(0, -1);
  }
  const [head = "", rest] = tail.split("::");
  const groups = (t: string): number[] | undefined => {
    if (t === "") return [];
    const gs = t.split(":");
    return gs.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? gs.map((g) => parseInt(g, 16)) : undefined;
  };
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  if (!h || !r) return undefined;
  const have = h.length + r.length + v4tail.length / 2;
  if (rest === undefined ? have !== 8 : have > 7) return undefined;
  const words = [...h, ...new Array<number>(8 - have).fill(0), ...r];
  const out = new Uint8Array(16);
  words.forEach((w, k) => {
    out[2 * k] = w >> 8;
    out[2 * k + 1] = w & 255;
  });
  out.set(v4tail, 16 - v4tail.length);
  return out;
}

/** getBaseCertTemplate: IPs and DNS names must be strings; validity starts now. */
function certTemplate(cn: string, ips: Value, dns: Value, days: number, isCA: boolean): CertTemplate {
  const list = (v: Value): Value[] => (Array.isArray(v) ? v : []);
  const ipBytes = list(ips).map((ip) => {
    if (typeof ip !== "string") throw new FuncError(`error parsing ip: ${formatValue(ip)} is not a string`);
    const b = parseIP(ip);
    if (!b) throw new FuncError(`error parsing ip: ${ip}`);
    return b;
  });
  const dnsNames = list(dns).map((d) => {
    if (typeof d !== "string") throw new FuncError(`error processing alternate dns name: ${formatValue(d)} is not a string`);
    return d;
  });
  const now = Math.floor(Date.now() / 1000);
  return { commonName: cn, ips: ipBytes, dnsNames, notBefore: now, notAfter: now + days * 86400, isCA };
}

function issue(t: CertTemplate, key: RsaKey, ca?: Certificate): Certificate {
  if (!ca) return new Certificate(certPem(createCertificate(t, key, "self", key)), rsaKeyPem(key));
  const block = pemDecode(ca.cert);
  if (!block) throw new FuncError("unable to decode certificate");
  let parent: ParsedCert;
  try {
    parent = parseCertificate(block.bytes);
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`error parsing certificate: decodedSignerCert.Bytes: ${e.message}`);
    throw e;
  }
  const signer = withPrefix("error parsing private key: ", () => parsePrivateKeyPem(ca.key));
  return new Certificate(certPem(createCertificate(t, key, parent, signer)), rsaKeyPem(key));
}

function withPrefix<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(prefix + e.message);
    throw e;
  }
}

const pemKey = (pem: string): RsaKey => withPrefix("parsing private key: ", () => parsePrivateKeyPem(pem));

function asCertificate(v: Value): Certificate {
  if (v instanceof Certificate) return v;
  throw new FuncError("wrong type for value; expected sprig.certificate");
}

function genPrivateKey(type: string): string {
  switch (type) {
    case "":
    case "rsa":
      return rsaKeyPem(generateRsaKey(4096));
    case "ecdsa":
      return pemEncode("EC PRIVATE KEY", generateP256Der());
    case "ed25519":
      // PKCS #8 with just the 32-byte seed, as x509.MarshalPKCS8PrivateKey writes it.
      return pemEncode("PRIVATE KEY", seq(integer(0n), seq(oid("1.3.101.112")), octets(octets(randomBytes(32)))));
    case "dsa":
      throw new FuncError("genPrivateKey: dsa keys are not supported by this renderer");
  }
  return `Unknown type ${type}`;
}

function buildCustomCert(b64cert: string, b64key: string): Certificate {
  const decode = (s: string, what: string): string => {
    try {
      return utf8String(base64Decode(s));
    } catch {
      throw new FuncError(`unable to decode base64 ${what}`);
    }
  };
  const cert = decode(b64cert, "certificate");
  const key = decode(b64key, "private key");
  const block = pemDecode(cert);
  if (!block) throw new FuncError("unable to decode certificate");
  withPrefix("error parsing certificate: decodedCert.Bytes: ", () => parseCertificate(block.bytes));
  const keyBlock = pemDecode(key);
  if (!keyBlock) throw new FuncError("error parsing private key: no PEM data in input");
  if (!keyBlock.type.endsWith("PRIVATE KEY")) throw new FuncError(`error parsing private key: no private key data in PEM block of type ${keyBlock.type}`);
  return new Certificate(cert, key);
}

export const cryptoFuncs = {
  sha1sum: goFunc(["string"], (s: string) => toHex(sha1(utf8Bytes(s)))),
  sha256sum: goFunc(["string"], (s: string) => toHex(sha256(utf8Bytes(s)))),
  sha512sum: goFunc(["string"], (s: string) => toHex(sha512(utf8Bytes(s)))),
  adler32sum: goFunc(["string"], (s: string) => String(adler32(utf8Bytes(s)))),
  bcrypt: goFunc(["string"], bcrypt),
  htpasswd: goFunc(["string", "string"], (user: string, pass: string) => (user.includes(":") ? `invalid username: ${user}` : `${user}:${bcrypt(pass)}`)),
  // Go's parameter is uint32; an int argument is the closest model type.
  derivePassword: goFunc(["int", "string", "string", "string", "string"], (c: GoInt, t: string, p: string, u: string, s: string) => derivePassword(intArg(c), t, p, u, s)),
  encryptAES: goFunc(["string", "string"], encryptAES),
  decryptAES: goFunc(["string", "string"], decryptAES),
  genPrivateKey: goFunc(["string"], genPrivateKey),
  buildCustomCert: goFunc(["string", "string"], buildCustomCert),
  genCA: goFunc(["string", "int"], (cn: string, days: GoInt) => issue(certTemplate(cn, null, null, intArg(days), true), generateRsaKey(2048))),
  genCAWithKey: goFunc(["string", "int", "string"], (cn: string, days: GoInt, pem: string) => issue(certTemplate(cn, null, null, intArg(days), true), pemKey(pem))),
  genSelfSignedCert: goFunc(["string", "[]any", "[]any", "int"], (cn: string, ips: Value, dns: Value, days: GoInt) => issue(certTemplate(cn, ips, dns, intArg(days), false), generateRsaKey(2048))),
  genSelfSignedCertWithKey: goFunc(["string", "[]any", "[]any", "int", "string"], (cn: string, ips: Value, dns: Value, days: GoInt, pem: string) =>
    issue(certTemplate(cn, ips, dns, intArg(days), false), pemKey(pem)),
  ),
  genSignedCert: goFunc(["string", "[]any", "[]any", "int", "object"], (cn: string, ips: Value, dns: Value, days: GoInt, ca: Value) => {
    const template = certTemplate(cn, ips, dns, intArg(days), false);
    return issue(template, generateRsaKey(2048), asCertificate(ca));
  }),
  genSignedCertWithKey: goFunc(["string", "[]any", "[]any", "int", "object", "string"], (cn: string, ips: Value, dns: Value, days: GoInt, ca: Value, pem: string) => {
    const template = certTemplate(cn, ips, dns, intArg(days), false);
    return issue(template, pemKey(pem), asCertificate(ca));
  }),
};
