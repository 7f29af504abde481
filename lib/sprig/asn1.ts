/**
 * Minimal ASN.1 DER encoding and decoding for the X.509 certificates and keys that Sprig's
 * gen* functions produce (encoding/asn1 and crypto/x509 subsets), plus PEM armour.
 */
import { FuncError, utf8Bytes } from "../template/value";
import { base64Decode, base64Encode } from "./encoding";

export type Der = Uint8Array;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One TLV with DER's minimal length encoding. */
export function tlv(tag: number, content: Uint8Array): Der {
  const n = content.length;
  let len: number[];
  if (n < 0x80) len = [n];
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 255);
    len = [0x80 | bytes.length, ...bytes];
  }
  return concat([Uint8Array.of(tag, ...len), content]);
}

export const seq = (...items: Der[]): Der => tlv(0x30, concat(items));
export const set = (...items: Der[]): Der => tlv(0x31, concat(items));
export const explicit = (n: number, inner: Der): Der => tlv(0xa0 + n, inner);
export const nullDer = (): Der => Uint8Array.of(0x05, 0x00);
export const octets = (b: Uint8Array): Der => tlv(0x04, b);
export const bool = (v: boolean): Der => Uint8Array.of(0x01, 0x01, v ? 0xff : 0x00);

/** A non-negative INTEGER (a leading zero byte keeps it positive). */
export function integer(v: bigint): Der {
  let hex = v.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  const bytes = Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
  return tlv(0x02, bytes[0]! & 0x80 ? concat([Uint8Array.of(0), bytes]) : bytes);
}

export function oid(dotted: string): Der {
  const parts = dotted.split(".").map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const b: number[] = [p & 127];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) b.unshift(0x80 | (v & 127));
    out.push(...b);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** BIT STRING with the given number of unused trailing bits. */
export const bitString = (b: Uint8Array, unused = 0): Der => tlv(0x03, concat([Uint8Array.of(unused), b]));

/** Go's asn1 string choice: PrintableString when every character allows it, else UTF8String. */
export function directoryString(s: string): Der {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
  return tlv(printable ? 0x13 : 0x0c, utf8Bytes(s));
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (whole seconds, "Z"). */
export function time(unixSeconds: number): Der {
  const d = new Date(unixSeconds * 1000);
  const y = d.getUTCFullYear();
  const p = (n: number): string => String(n).padStart(2, "0");
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return y >= 1950 && y < 2050 ? tlv(0x17, utf8Bytes(`${p(y % 100)}${rest}`)) : tlv(0x18, utf8Bytes(`${String(y).padStart(4, "0")}${rest}`));
}

/** A decoded TLV: tag, its content, and the whole encoding. */
export interface Node {
  readonly tag: number;
  readonly content: Uint8Array;
  readonly raw: Uint8Array;
}

/** Decodes one TLV at `at`; throws on malformed DER. */
export function readNode(b: Uint8Array, at = 0): Node {
  const bad = (): never => {
    throw new FuncError("asn1: syntax error: data truncated");
  };
  if (at + 2 > b.length) bad();
  const tag = b[at]!;
  let len = b[at + 1]!;
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || at + 2 + n > b.length) bad();
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + b[at + 2 + k]!;
    head += n;
  }
  if (at + head + len > b.length) bad();
  return { tag, content: b.subarray(at + head, at + head + len), raw: b.subarray(at, at + head + len) };
}

/** The children of a constructed node. */
export function children(n: Node): Node[] {
  const out: Node[] = [];
  for (let at = 0; at < n.content.length; ) {
    const c = readNode(n.content, at);
    out.push(c);
    at += c.raw.length;
  }
  return out;
}

export function toBigInt(content: Uint8Array): bigint {
  let v = 0n;
  for (const x of content) v = (v << 8n) | BigInt(x);
  return v;
}

export function bigToBytes(v: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 255n);
  return out;
}

/** pem.EncodeToMemory: base64 in 64-character lines. */
export function pemEncode(type: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join("\n")}${lines.length ? "\n" : ""}-----END ${type}-----\n`;
}

/** pem.Decode of the first block; undefined when there is none. */
export function pemDecode(text: string): { type: string; bytes: Uint8Array } | undefined {
  const m = /-----BEGIN ([^-\n]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const body = m[2]!.split(/\r?\n/).filter((l) => l && !l.includes(":")).join("");
  try {
    return { type: m[1]!, bytes: base64Decode(body) };
  } catch {
    return undefined;
  }
}
