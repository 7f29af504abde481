// The Content-Security-Policy of every answer (no matcher: pages, API routes, and the static chunks too,
// since a worker runs under the policy sent with its own script), with a fresh script nonce per request. Next
// reads the nonce from the request's CSP header while it renders and puts it on its own scripts (the
// runtime, the page's chunks, the inline RSC payload), so scripts need neither 'unsafe-inline' nor
// 'unsafe-eval'. The other security headers do not vary per request: next.config.mjs sends them.
import { NextResponse, type NextRequest } from "next/server";

/** The policy for one response; `dev` adds what React's development build needs. */
function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // Next's chunk loader adds further same-origin <script src> elements without the nonce: 'self' admits them.
    // React's development build evaluates code for its debugging tools.
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    // Monaco injects <style> elements and sets style attributes while it runs, which carry no nonce (and a
    // nonce here would switch 'unsafe-inline' off); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Monaco's editor worker, monaco-yaml's worker and the render worker are bundled same-origin files.
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}
