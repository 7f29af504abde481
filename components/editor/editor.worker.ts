// Monaco's core editor worker, wrapped in a local file so the bundler emits it as a worker chunk
// (a relative `new URL("./editor.worker.ts", import.meta.url)` works with Turbopack and webpack alike).
import "monaco-editor/editor/editor.worker";
