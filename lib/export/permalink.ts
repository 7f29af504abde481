/**
 * Permalinks: a JSON document compressed into the URL fragment (deflate, then base64url), so sharing
 * needs no server. Decoding is bounded, because a fragment is untrusted input.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from "fflate";

export type PermalinkErrorCode = "PERMALINK_TOO_LARGE" | "PERMALINK_CORRUPT";

export class PermalinkError extends Error {
  constructor(
    readonly code: PermalinkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PermalinkError";
  }
}

/** Longest fragment accepted (browsers keep far longer URLs, but nobody shares more than this). */
export const MAX_PERMALINK_CHARS = 256 * 1024;
/** Largest JSON a fragment may inflate to. */
export const MAX_PERMALINK_JSON_BYTES = 4 * 1024 * 1024;

function toBase64Url(bytes: Uint8Array): string {
  return btoa(strFromU8(bytes, true)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new PermalinkError("PERMALINK_CORRUPT", "the link is not base64url text");
  const b64 = text.replaceAll("-", "+").replaceAll("_", "/");
  return strToU8(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), true);
}

/** `data` as JSON, deflated, in base64url. */
export function encodePermalink(data: unknown): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(data)), { level: 9 }));
}

/** The JSON value a fragment holds. Throws PermalinkError when it is too large or not a permalink. */
export function decodePermalink(fragment: string): unknown {
  if (fragment.length > MAX_PERMALINK_CHARS) throw new PermalinkError("PERMALINK_TOO_LARGE", `the link is longer than ${MAX_PERMALINK_CHARS} characters`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > MAX_PERMALINK_JSON_BYTES) throw new PermalinkError("PERMALINK_TOO_LARGE", `the link expands to more than ${MAX_PERMALINK_JSON_BYTES} bytes`);
    chunks.push(chunk);
  });
  try {
    inflate.push(fromBase64Url(fragment), true);
  } catch (e) {
    if (e instanceof PermalinkError) throw e;
    throw new PermalinkError("PERMALINK_CORRUPT", "the link's data is damaged");
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  try {
    return JSON.parse(strFromU8(all)) as unknown;
  } catch {
    throw new PermalinkError("PERMALINK_CORRUPT", "the link's data is not JSON");
  }
}
