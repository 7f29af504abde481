/**
 * The answers of POST /api/render and /api/package as bytes: render workers serialise and encode them once,
 * and the routes send them as they come. Engine-free, so a route can use it without loading the engine.
 */

export interface Answer {
  status: number;
  /** The JSON text as UTF-8, or the file's bytes when `file` is set. */
  body: Uint8Array<ArrayBuffer>;
  /** Seconds, for the Retry-After header of a 503. */
  retryAfter?: number;
  /** A download: its media type and file name. */
  file?: { type: string; name: string };
}

const encoder = new TextEncoder();

export function jsonAnswer(status: number, value: unknown, retryAfter?: number): Answer {
  return { status, body: encoder.encode(JSON.stringify(value)), retryAfter };
}

export interface Problem {
  code: string;
  message: string;
  [more: string]: unknown;
}

export type Route = "render" | "package";

/**
 * A problem in the shape of `route`'s answers: /api/render's { output: "", manifests: [], error: { code,
 * message, …more } } or /api/package's { error: { code, message, …more } }.
 */
export function errorAnswer(route: Route, status: number, error: Problem, retryAfter?: number): Answer {
  return jsonAnswer(status, route === "render" ? { output: "", manifests: [], error } : { error }, retryAfter);
}

export function answerResponse({ status, body, retryAfter, file }: Answer): Response {
  const headers: Record<string, string> = file
    ? { "content-type": file.type, "content-disposition": `attachment; filename="${file.name}"`, "cache-control": "no-store" }
    : { "content-type": "application/json" };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return new Response(body, { status, headers });
}
