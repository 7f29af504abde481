/**
 * Bounded reading of an API request's body, apart from api-request.ts: it loads none of the engine, so the
 * server's event loop can read bodies while the render workers parse and render them.
 */
import type { ApiProblem, Parsed } from "./api-request";

/** Largest accepted values body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body's bytes (empty without a body), or 413 as soon as the declared or the read length passes `limit`. */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Parsed<Uint8Array<ArrayBuffer>>> {
  const length = Number(request.headers.get("content-length") ?? "0");
  const tooLarge: ApiProblem = { status: 413, code: "BODY_TOO_LARGE", message: `The values body is larger than ${limit} bytes.` };
  if (length > limit) return { success: false, error: tooLarge };
  const chunks: BlobPart[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        return { success: false, error: tooLarge };
      }
      chunks.push(value);
    }
  }
  return { success: true, data: new Uint8Array(await new Blob(chunks).arrayBuffer()) };
}
