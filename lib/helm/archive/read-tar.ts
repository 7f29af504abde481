/**
 * A tar reader for what chart archives contain, after Go's archive/tar: ustar (with the 155-byte
 * prefix), PAX extended headers (`path`, `linkpath`, `size`) and GNU long names (`L`/`K`). Extension
 * headers are consumed here; callers see one TarEntry per real entry.
 */
import { utf8String } from "../../template/value";
import { ArchiveError } from "./errors";

export type TarEntryType = "file" | "dir" | "symlink" | "hardlink" | "device" | "fifo" | "other";

export interface TarEntry {
  name: string;
  type: TarEntryType;
  /** The type flag as stored, for messages. */
  flag: string;
  size: number;
  data: Uint8Array;
}

const BLOCK = 512;

const invalid = (msg = "archive/tar: invalid tar header"): ArchiveError => new ArchiveError("TAR_INVALID", "", msg);

/** A NUL-terminated header string. */
function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return utf8String(end < 0 ? b : b.subarray(0, end));
}

/** A numeric header field: octal text, or GNU base-256 when the high bit is set. */
function parseNumeric(b: Uint8Array): number {
  if (b.length > 0 && ((b[0] ?? 0) & 0x80) !== 0) {
    let n = BigInt((b[0] ?? 0) & 0x7f);
    for (const x of b.subarray(1)) n = (n << 8n) | BigInt(x);
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid();
    return Number(n);
  }
  const text = String.fromCharCode(...b).replace(/[ \0]+$/, "").replace(/^[ \0]+/, "");
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid();
  return parseInt(text, 8);
}

function checksumOk(h: Uint8Array): boolean {
  const stored = parseNumeric(h.subarray(148, 156));
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return stored === unsigned || stored === signed;
}

/** PAX records: `<len> <key>=<value>\n`. */
function parsePax(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    if (sp < 0) throw invalid();
    const len = Number(String.fromCharCode(...data.subarray(pos, sp)));
    if (!Number.isInteger(len) || len <= sp - pos || pos + len > data.length) throw invalid();
    const rec = utf8String(data.subarray(sp + 1, pos + len - 1));
    const eq = rec.indexOf("=");
    if (eq < 0) throw invalid();
    out.set(rec.slice(0, eq), rec.slice(eq + 1));
    pos += len;
  }
  return out;
}

const isZero = (b: Uint8Array): boolean => b.every((x) => x === 0);

function entryType(flag: string, name: string, mode: number): TarEntryType {
  if (flag === "5" || (mode & 0o170000) === 0o040000) return "dir";
  switch (flag) {
    case "0":
    case "7":
      return "file";
    case "\0":
      // Old V7 archives mark directories only by the trailing slash.
      return name.endsWith("/") ? "dir" : "file";
    case "1":
      return "hardlink";
    case "2":
      return "symlink";
    case "3":
    case "4":
      return "device";
    case "6":
      return "fifo";
  }
  return "other";
}

/** Reads every entry of an uncompressed tar stream. `onEntry` may throw to stop early. */
export function readTar(tar: Uint8Array, onEntry: (e: TarEntry) => void): void {
  let pos = 0;
  let longName: string | null = null;
  let pax = new Map<string, string>();
  for (;;) {
    if (pos + BLOCK > tar.length) {
      // Go accepts a stream that simply ends at a block boundary.
      if (pos === tar.length) return;
      throw invalid("unexpected EOF");
    }
    const h = tar.subarray(pos, pos + BLOCK);
    if (isZero(h)) {
      // The end is two zero blocks (or one, then the end of the stream); anything else is corrupt.
      const next = tar.subarray(pos + BLOCK, pos + 2 * BLOCK);
      if (next.length === BLOCK && !isZero(next)) throw invalid();
      return;
    }
    if (!checksumOk(h)) throw invalid();
    const flag = String.fromCharCode(h[156] ?? 0);
    let size = parseNumeric(h.subarray(124, 136));
    const paxSize = pax.get("size");
    if (paxSize !== undefined && flag !== "x" && flag !== "g") size = Number(paxSize);
    if (!Number.isSafeInteger(size) || size < 0) throw invalid();
    const dataStart = pos + BLOCK;
    if (dataStart + size > tar.length) throw invalid("unexpected EOF");
    const data = tar.subarray(dataStart, dataStart + size);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (flag === "x") {
      pax = parsePax(data);
      continue;
    }
    if (flag === "g") continue;
    if (flag === "L") {
      longName = cString(data);
      continue;
    }
    if (flag === "K") continue; // long link names: links are refused anyway

    const magic = String.fromCharCode(...h.subarray(257, 263));
    let name = cString(h.subarray(0, 100));
    // The prefix field exists in ustar only; GNU headers keep other data there.
    if (magic === "ustar\0") {
      const prefix = cString(h.subarray(345, 500));
      if (prefix !== "") name = `${prefix}/${name}`;
    }
    name = pax.get("path") ?? longName ?? name;
    const mode = parseNumeric(h.subarray(100, 108));
    onEntry({ name, type: entryType(flag, name, mode), flag, size, data });
    longName = null;
    pax = new Map();
  }
}
