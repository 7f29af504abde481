import { Gunzip } from "fflate";
import { ArchiveError } from "./errors";

/** Compressed bytes fed per step: deflate expands at most ~1032:1, so one step adds at most ~4 MB. */
const STEP = 4096;

/**
 * Inflates a (possibly multi-member) gzip stream, refusing output beyond `maxBytes` as soon as it is
 * reached: a gzip bomb costs at most `maxBytes` + one step of memory, never its full size.
 */
export function gunzipLimited(gz: Uint8Array, maxBytes: number, tooLargeMessage: string): Uint8Array {
  if (gz.length < 10 || gz[0] !== 0x1f || gz[1] !== 0x8b) {
    throw new ArchiveError("GZIP_INVALID", "", "gzip: invalid header");
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Gunzip((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new ArchiveError("TOO_LARGE", "", tooLargeMessage);
    chunks.push(chunk);
  });
  try {
    for (let off = 0; off < gz.length; off += STEP) {
      const end = Math.min(gz.length, off + STEP);
      inflater.push(gz.subarray(off, end), end === gz.length);
    }
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError("GZIP_INVALID", "", `gzip: ${e instanceof Error ? e.message : String(e)}`);
  }
  const out = new Uint8Array(total);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}
