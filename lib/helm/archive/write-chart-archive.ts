/**
 * ChartFiles → a .tgz laid out as `helm package` writes it (pkg/chart/v2/util/save.go): everything under
 * `<name>/`, Chart.yaml first, then Chart.lock, values.yaml, values.schema.json, templates, the other
 * files, then each subchart directory the same way; no directory entries; Helm's gzip header. Byte-reproducible:
 * one fixed mtime for every tar entry (Helm uses the files' mtimes).
 */
import { gzipSync } from "fflate";
import { compareGoStrings } from "../../template/value";
import type { ChartFiles } from "../chart";
import { writeTar, type TarFile } from "./write-tar";

export interface WriteArchiveOptions {
  /** Modification time of every tar entry. Default: 2000-01-01T00:00:00Z. */
  mtime?: Date;
}

const FIRST = ["Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json"];

/** The archive order of one chart's files (paths relative to that chart). */
function chartOrder(paths: string[]): string[] {
  const subdirs = new Map<string, string[]>();
  const own: string[] = [];
  for (const p of paths) {
    const m = /^charts\/([^/]+)\/(.+)$/.exec(p);
    if (m) {
      const list = subdirs.get(m[1] as string) ?? [];
      list.push(m[2] as string);
      subdirs.set(m[1] as string, list);
    } else own.push(p);
  }
  const sorted = own.filter((p) => !FIRST.includes(p)).sort(compareGoStrings);
  const templates = sorted.filter((p) => p.startsWith("templates/"));
  const others = sorted.filter((p) => !p.startsWith("templates/"));
  const out = [...FIRST.filter((p) => own.includes(p)), ...templates, ...others];
  for (const dir of [...subdirs.keys()].sort(compareGoStrings)) {
    out.push(...chartOrder(subdirs.get(dir) ?? []).map((p) => `charts/${dir}/${p}`));
  }
  return out;
}

// save.go's gzip header: an extra field and the comment "Helm", no mtime, and (Go's writer) XFL 0, OS unknown.
const HELM_EXTRA = "+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=";
const HELM_COMMENT = "Helm";

/** fflate's gzip member with Go's header as Helm writes it; the deflate data and trailer are unchanged. */
function withHelmHeader(gz: Uint8Array): Uint8Array {
  const head = [0x1f, 0x8b, 8, 0x04 | 0x10, 0, 0, 0, 0, 0, 0xff, HELM_EXTRA.length & 0xff, HELM_EXTRA.length >> 8];
  const fields = [...HELM_EXTRA, ...HELM_COMMENT].map((c) => c.charCodeAt(0));
  const out = new Uint8Array(head.length + fields.length + 1 + gz.length - 10);
  out.set(head, 0);
  out.set(fields, head.length);
  out.set(gz.subarray(10), head.length + fields.length + 1);
  return out;
}

export function writeChartArchive(name: string, files: ChartFiles, options: WriteArchiveOptions = {}): Uint8Array {
  const mtime = options.mtime ?? new Date(Date.UTC(2000, 0, 1));
  const entries: TarFile[] = chartOrder([...files.keys()]).map((p) => ({
    name: `${name}/${p}`,
    data: files.get(p) ?? new Uint8Array(0),
  }));
  const tar = writeTar(entries, Math.floor(mtime.getTime() / 1000));
  return withHelmHeader(gzipSync(tar, { level: 9 }));
}
