/**
 * A tar writer shaped like Go's archive/tar with an unspecified format (what `helm package` uses):
 * USTAR headers (a long name split into prefix/name when possible), a PAX `path` record only when a
 * name does not fit or is not ASCII, mode 0644, uid/gid 0, no user or group names.
 */
import { utf8Bytes } from "../../template/value";

const BLOCK = 512;

export interface TarFile {
  name: string;
  data: Uint8Array;
}

function putString(h: Uint8Array, off: number, len: number, s: string): void {
  h.set(utf8Bytes(s).subarray(0, len), off);
}

/** An octal field: zero-padded digits and a NUL, as Go writes them. */
function putOctal(h: Uint8Array, off: number, len: number, n: number): void {
  putString(h, off, len, `${n.toString(8).padStart(len - 1, "0")}\0`);
}

/** Splits a long ASCII name at a '/' into ustar's prefix (≤155) and name (≤100), or null. */
function splitUstar(name: string): [string, string] | null {
  if (name.length <= 100) return ["", name];
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== "/") continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (prefix.length <= 155 && rest.length <= 100 && rest.length > 0) return [prefix, rest];
  }
  return null;
}

function header(name: string, prefix: string, size: number, mtime: number, flag: string): Uint8Array {
  const h = new Uint8Array(BLOCK);
  putString(h, 0, 100, name);
  putOctal(h, 100, 8, 0o644);
  putOctal(h, 108, 8, 0);
  putOctal(h, 116, 8, 0);
  putOctal(h, 124, 12, size);
  putOctal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156);
  putString(h, 156, 1, flag);
  putString(h, 257, 8, "ustar\x0000");
  putOctal(h, 329, 8, 0);
  putOctal(h, 337, 8, 0);
  putString(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  putString(h, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

/** One PAX record `<len> path=<value>\n`, whose length counts its own digits. */
function paxRecord(key: string, value: string): Uint8Array {
  const body = utf8Bytes(` ${key}=${value}\n`);
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return utf8Bytes(`${len} ${key}=${value}\n`);
}

const padded = (n: number): number => Math.ceil(n / BLOCK) * BLOCK;

/** The tar stream of `files`, in the given order, ending with two zero blocks. */
export function writeTar(files: readonly TarFile[], mtimeSeconds: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of files) {
    const ascii = /^[\x01-\x7f]*$/.test(f.name);
    const split = ascii ? splitUstar(f.name) : null;
    if (split) {
      parts.push(header(split[1], split[0], f.data.length, mtimeSeconds, "0"));
    } else {
      const rec = paxRecord("path", f.name);
      const base = f.name.slice(f.name.lastIndexOf("/") + 1);
      const paxName = `PaxHeaders.0/${base}`.slice(0, 100);
      parts.push(header(paxName, "", rec.length, mtimeSeconds, "x"), rec, new Uint8Array(padded(rec.length) - rec.length));
      const asciiName = f.name.replace(/[^\x01-\x7f]/g, "_").slice(0, 100);
      parts.push(header(asciiName, "", f.data.length, mtimeSeconds, "0"));
    }
    parts.push(f.data, new Uint8Array(padded(f.data.length) - f.data.length));
  }
  parts.push(new Uint8Array(2 * BLOCK));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
