/**
 * The answers of POST /api/render as bytes: render workers serialise and encode them once, and the route
 * sends them as they come. Engine-free, so the route can use it without loading the engine.
 */

export interface Answer {
  status: number;
  /** The JSON text as UTF-8. */
  body: Uint8Array<ArrayBuffer>;
  /** Seconds, for the Retry-After header of a 503. */
  retryAfter?: number;
}

const encoder = new TextEncoder();

export function jsonAnswer(status: number, value: unknown, retryAfter?: number): Answer {
  return { status, body: encoder.encode(JSON.stringify(value)), retryAfter };
}

/** A problem in the API's shape: { output: "", manifests: [], error: { code, message, …more } }. */
export function errorAnswer(status: number, error: { code: string; message: string; [more: string]: unknown }, retryAfter?: number): Answer {
  return jsonAnswer(status, { output: "", manifests: [], error }, retryAfter);
}

export function answerResponse({ status, body, retryAfter }: Answer): Response {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return new Response(body, { status, headers });
}
