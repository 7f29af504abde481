/**
 * x509.CreateCertificate for Sprig's certificate templates (getBaseCertTemplate): RSA keys,
 * sha256WithRSAEncryption, the extensions Go writes for them, PEM output.
 */
import { FuncError, utf8Bytes } from "../template/value";
import { bitString, bool, children, directoryString, explicit, integer, nullDer, octets, oid, pemDecode, pemEncode, readNode, type Der, seq, set, tlv, time, toBigInt } from "./asn1";
import { sha256 } from "./hashes";
import { marshalPkcs1, marshalPkcs1Public, parsePkcs1, parsePkcs8, RSA_OID, type RsaKey, signSha256 } from "./rsa";

export interface CertTemplate {
  readonly commonName: string;
  readonly ips: readonly Uint8Array[];
  readonly dnsNames: readonly string[];
  readonly notBefore: number;
  readonly notAfter: number;
  readonly isCA: boolean;
}

/** The parts of a parsed certificate that signing a child needs. */
export interface ParsedCert {
  readonly rawSubject: Uint8Array;
  readonly subjectKeyId?: Uint8Array;
}

const SHA256_RSA = (): Der => seq(oid("1.2.840.113549.1.1.11"), nullDer());

/** pkix.Name{CommonName}.ToRDNSequence: an empty name has no attributes. */
const nameDer = (cn: string): Der => (cn === "" ? seq() : seq(set(seq(oid("2.5.4.3"), directoryString(cn)))));

function spki(key: RsaKey): { der: Der; keyBits: Uint8Array } {
  const keyBits = marshalPkcs1Public(key);
  return { der: seq(seq(oid(RSA_OID), nullDer()), bitString(keyBits)), keyBits };
}

/** KeyUsage as Go encodes it: bit 0 first, trailing zero bits dropped. */
function keyUsage(isCA: boolean): Der {
  // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5) for a CA
  return isCA ? bitString(Uint8Array.of(0xa4), 2) : bitString(Uint8Array.of(0xa0), 5);
}

const extension = (id: string, critical: boolean, value: Der): Der => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

/** x509.CreateCertificate(template, parent, pub, signer) with RSA keys. */
export function createCertificate(t: CertTemplate, subjectKey: RsaKey, parent: ParsedCert | "self", signerKey: RsaKey): Uint8Array {
  const serial = toBigInt(crypto.getRandomValues(new Uint8Array(16)));
  const subject = nameDer(t.commonName);
  const issuer = parent === "self" ? subject : parent.rawSubject;
  const pub = spki(subjectKey);
  const exts: Der[] = [
    extension("2.5.29.15", true, keyUsage(t.isCA)),
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))),
    extension("2.5.29.19", true, t.isCA ? seq(bool(true)) : seq()),
  ];
  // Go ≥ 1.25 derives a CA's SubjectKeyId from the truncated SHA-256 of the public key.
  if (t.isCA) exts.push(extension("2.5.29.14", false, octets(sha256(pub.keyBits).subarray(0, 20))));
  if (parent !== "self" && parent.subjectKeyId) exts.push(extension("2.5.29.35", false, seq(tlv(0x80, parent.subjectKeyId))));
  if (t.dnsNames.length || t.ips.length) {
    const names = [...t.dnsNames.map((d) => tlv(0x82, utf8Bytes(d))), ...t.ips.map((ip) => tlv(0x87, ip))];
    exts.push(extension("2.5.29.17", false, seq(...names)));
  }
  const tbs = seq(explicit(0, integer(2n)), integer(serial), SHA256_RSA(), issuer, seq(time(t.notBefore), time(t.notAfter)), subject, pub.der, explicit(3, seq(...exts)));
  return seq(tbs, SHA256_RSA(), bitString(signSha256(signerKey, tbs)));
}

/** The subject and SubjectKeyId of a DER certificate (x509.ParseCertificate, as far as needed). */
export function parseCertificate(der: Uint8Array): ParsedCert {
  try {
    const [tbs] = children(readNode(der));
    const fields = children(tbs!);
    const offset = fields[0]!.tag === 0xa0 ? 1 : 0;
    const rawSubject = fields[offset + 4]!.raw;
    let subjectKeyId: Uint8Array | undefined;
    const extsNode = fields.find((f) => f.tag === 0xa3);
    if (extsNode) {
      for (const ext of children(children(extsNode)[0]!)) {
        const parts = children(ext);
        if (parts[0]!.raw.every((b, i) => b === oid("2.5.29.14")[i])) subjectKeyId = readNode(parts[parts.length - 1]!.content).content;
      }
    }
    return { rawSubject, subjectKeyId };
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`x509: malformed certificate`);
    throw e;
  }
}

/** Sprig's parsePrivateKeyPEM, for RSA keys (PKCS #1 or PKCS #8); other key types are not supported. */
export function parsePrivateKeyPem(text: string): RsaKey {
  const block = pemDecode(text);
  if (!block) throw new FuncError("no PEM data in input");
  try {
    if (block.type === "PRIVATE KEY") {
      const k = parsePkcs8(block.bytes);
      if ("algorithm" in k) throw new FuncError(`only RSA private keys are supported by this renderer (PKCS#8 algorithm ${k.algorithm})`);
      return k;
    }
    if (!block.type.endsWith(" PRIVATE KEY")) throw new FuncError(`no private key data in PEM block of type ${block.type}`);
    const kind = block.type.slice(0, -12);
    if (kind === "RSA") return parsePkcs1(block.bytes);
    if (kind === "EC" || kind === "DSA") throw new FuncError(`only RSA private keys are supported by this renderer (got ${block.type})`);
    throw new FuncError(`invalid private key type ${block.type}`);
  } catch (e) {
    if (e instanceof FuncError && block.type === "RSA PRIVATE KEY" && e.message.startsWith("asn1")) throw new FuncError(`parsing RSA private key from PEM: ${e.message}`);
    throw e;
  }
}

export const rsaKeyPem = (k: RsaKey): string => pemEncode("RSA PRIVATE KEY", marshalPkcs1(k));
export const certPem = (der: Uint8Array): string => pemEncode("CERTIFICATE", der);
