// Next configuration: the Monaco worker alias and the security headers. No app logic here.
import path from "node:path";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

// monaco-editor ≥0.56 has an exports map ("./*" → "./esm/vs/*.js") that breaks this deep import inside
// monaco-worker-manager (a monaco-yaml dependency); point it at the real file (docs/stack-notes.md §2, fix A).
const editorWorker = "monaco-editor/esm/vs/editor/editor.worker.js";

/**
 * The studio loads nothing from other origins. Scripts need 'unsafe-inline' for the RSC payload Next inlines
 * into a prerendered page (nonces would force every page to render per request), but never 'unsafe-eval'
 * in production. Monaco injects <style> elements and starts its workers from bundled files.
 */
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging tools.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** @type {(phase: string) => import("next").NextConfig} */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    poweredByHeader: false,
    // `npm test` type-checks the whole project once (tsc --noEmit); a second pass inside next build
    // would cost a minute on two cores and report the same errors.
    typescript: { ignoreBuildErrors: true },
    turbopack: {
      resolveAlias: { [editorWorker]: "./node_modules/monaco-editor/esm/vs/editor/editor.worker.js" },
    },
    // Used only by `next build --webpack`, the fallback bundler.
    webpack(config) {
      config.resolve.alias = { ...config.resolve.alias, [`${editorWorker}$`]: path.join(import.meta.dirname, "node_modules", editorWorker) };
      return config;
    },
    async headers() {
      return [
        {
          source: "/:path*",
          headers: [
            { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
            { key: "X-Content-Type-Options", value: "nosniff" },
            { key: "Referrer-Policy", value: "no-referrer" },
            { key: "X-Frame-Options", value: "DENY" },
            { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
          ],
        },
      ];
    },
  };
}
