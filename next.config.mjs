// Next configuration: the Monaco worker alias and the security headers. No app logic here.
import path from "node:path";

// monaco-editor ≥0.56 has an exports map ("./*" → "./esm/vs/*.js") that breaks this deep import inside
// monaco-worker-manager (a monaco-yaml dependency); point it at the real file (docs/stack-notes.md §2, fix A).
const editorWorker = "monaco-editor/esm/vs/editor/editor.worker.js";
// The CRD models validate a few patterns with re2-wasm, which reads its .wasm with `fs` and would need
// 'wasm-unsafe-eval'; the render worker gets the same RE2 semantics from re2js (lib/review/re2-wasm-adapter.ts).
const re2Adapter = "./lib/review/re2-wasm-adapter.ts";

/** @type {() => import("next").NextConfig} */
export default function nextConfig() {
  return {
    poweredByHeader: false,
    // `npm test` type-checks the whole project once (tsc --noEmit); a second pass inside next build
    // would cost a minute on two cores and report the same errors.
    typescript: { ignoreBuildErrors: true },
    turbopack: {
      resolveAlias: { [editorWorker]: "./node_modules/monaco-editor/esm/vs/editor/editor.worker.js", "re2-wasm": re2Adapter },
    },
    // Used only by `next build --webpack`, the fallback bundler.
    webpack(config) {
      config.resolve.alias = {
        ...config.resolve.alias,
        [`${editorWorker}$`]: path.join(import.meta.dirname, "node_modules", editorWorker),
        "re2-wasm$": path.join(import.meta.dirname, re2Adapter),
      };
      return config;
    },
    // The Content-Security-Policy carries a per-request script nonce, so proxy.ts sets it; these do not vary.
    async headers() {
      return [
        {
          source: "/:path*",
          headers: [
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
