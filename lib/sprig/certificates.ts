/**
 * Sprig's key and certificate functions (crypto.go): genPrivateKey, genCA, genSelfSignedCert,
 * genSignedCert, their *WithKey forms and buildCustomCert. Certificates use RSA 2048 keys as
 * Sprig's do; the *WithKey forms accept RSA keys only (PKCS #1 or PKCS #8), and genPrivateKey
 * does not generate DSA keys. RSA generation is slow in pure TS: about 1–2 s for 2048 bits and
 * 10–40 s for genPrivateKey's default 4096 bits.
 */
import { FuncError, formatValue, goFunc, type GoField, type GoInt, GoObject, utf8String, type Value } from "../template/value";
import { integer, octets, oid, pemDecode, pemEncode, seq } from "./asn1";
import { randomBytes } from "./crypto";
import { generateP256Der } from "./ecdsa";
import { base64Decode } from "./encoding";
import type { StructField } from "./json";
import { generateRsaKey, type RsaKey } from "./rsa";
import { intArg } from "./strings";
import { type CertTemplate, certPem, createCertificate, type ParsedCert, parseCertificate, parsePrivateKeyPem, rsaKeyPem } from "./x509";

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
  /** fmt visits the same fields (`%+v` is `{Cert:… Key:…}`, `%#v` `sprig.certificate{Cert:"…", Key:"…"}`). */
  override goFields(): readonly GoField[] {
    return this.structFields();
  }
  /** Its exported fields, untagged: encoding/json and goyaml reflect over them (GoStruct). */
  structFields(): readonly StructField[] {
    return [
      { goName: "Cert", jsonName: "Cert", value: this.cert },
      { goName: "Key", jsonName: "Key", value: this.key },
    ];
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

export const certificateFuncs = {
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
