/**
 * A chart .tgz → its files, with Helm's path checks (pkg/chart/loader/archive LoadArchiveFiles) and
 * stricter safety: links and devices are refused, everything must sit under one top-level folder,
 * and the unpacked size and file count are capped while inflating.
 */
import type { ChartFiles } from "../chart";
import { ArchiveError } from "./errors";
import { gunzipLimited } from "./gunzip-limited";
import { readTar } from "./read-tar";
import { goQuote } from "../../template/token";

export interface ArchiveLimits {
  /** Total bytes of all files. Default: 100 MiB (Helm's MaxDecompressedChartSize). */
  maxTotalSize?: number;
  /** Bytes of one file. Default: 5 MiB (Helm's MaxDecompressedFileSize). */
  maxFileSize?: number;
  /** Number of entries. Default: 10000. */
  maxFiles?: number;
}

export interface ChartArchive {
  /** The top-level folder (normally the chart name). */
  name: string;
  /** Files relative to that folder. */
  files: ChartFiles;
}

const MiB = 1024 * 1024;
const BOM = [0xef, 0xbb, 0xbf];
/** Tar headers, PAX records and padding allowed per entry on top of file contents. */
const PER_ENTRY_OVERHEAD = 4 * 512;

/** Go's path.Clean for a relative '/' path. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else out.push("..");
    } else out.push(part);
  }
  return out.length === 0 ? "." : out.join("/");
}

export function readChartArchive(tgz: Uint8Array, limits: ArchiveLimits = {}): ChartArchive {
  const maxTotal = limits.maxTotalSize ?? 100 * MiB;
  const maxFile = limits.maxFileSize ?? 5 * MiB;
  const maxFiles = limits.maxFiles ?? 10000;
  const tooLarge = `decompressed chart is larger than the maximum size ${maxTotal}`;
  const tar = gunzipLimited(tgz, maxTotal + (maxFiles + 1) * PER_ENTRY_OVERHEAD, tooLarge);

  const files: ChartFiles = new Map();
  let base: string | null = null;
  let remaining = maxTotal;
  let entries = 0;
  readTar(tar, (e) => {
    if (++entries > maxFiles) {
      throw new ArchiveError("TOO_MANY_FILES", e.name, `chart archive has more than ${maxFiles} entries`);
    }
    if (e.type === "dir") return;
    if (e.type === "other") {
      throw new ArchiveError("TAR_UNSUPPORTED", e.name, `chart archive entry ${goQuote(e.name)} has unsupported type ${goQuote(e.flag)}`);
    }
    if (e.type !== "file") {
      throw new ArchiveError("LINK_OR_DEVICE", e.name, `chart archive entry ${goQuote(e.name)} is a ${e.type}; only regular files are allowed`);
    }
    if (e.name.startsWith("/")) throw new ArchiveError("ABSOLUTE_PATH", e.name, "chart illegally contains absolute paths");
    // Archives made on Windows may use backslashes.
    const delim = e.name.includes("\\") ? "\\" : "/";
    const parts = e.name.split(delim);
    const top = parts[0] ?? "";
    let n = parts.slice(1).join("/");
    if (n.startsWith("/")) throw new ArchiveError("ABSOLUTE_PATH", e.name, "chart illegally contains absolute paths");
    n = cleanPath(n);
    if (n === ".") {
      throw new ArchiveError("OUTSIDE_BASE_DIR", e.name, `chart illegally contains content outside the base directory: ${goQuote(e.name)}`);
    }
    if (n.startsWith("..")) throw new ArchiveError("PARENT_REFERENCE", e.name, "chart illegally references parent directory");
    if (/^[a-zA-Z]:\//.test(n)) throw new ArchiveError("ILLEGAL_NAME", e.name, "chart contains illegally named files");
    if (top === "" || top === "." || top === "..") {
      throw new ArchiveError("OUTSIDE_BASE_DIR", e.name, `chart illegally contains content outside the base directory: ${goQuote(e.name)}`);
    }
    if (base === null) base = top;
    else if (top !== base) {
      throw new ArchiveError("MULTIPLE_BASE_DIRS", e.name, `chart archive has more than one top-level directory: ${goQuote(base)}, ${goQuote(top)}`);
    }
    if (e.size > remaining) throw new ArchiveError("TOO_LARGE", e.name, tooLarge);
    if (e.size > maxFile) {
      throw new ArchiveError(
        "FILE_TOO_LARGE",
        e.name,
        `decompressed chart file ${goQuote(e.name)} is larger than the maximum file size ${maxFile}`,
      );
    }
    remaining -= e.size;
    if (remaining <= 0) throw new ArchiveError("TOO_LARGE", e.name, tooLarge);
    const hasBom = BOM.every((b, i) => e.data[i] === b);
    files.set(n, (hasBom ? e.data.subarray(3) : e.data).slice());
  });
  if (files.size === 0 || base === null) throw new ArchiveError("EMPTY", "", "no files in chart archive");
  return { name: base, files };
}
