"use client";
// Monaco touches `window` when imported and weighs megabytes: the review's editors load on the client only.
import dynamic from "next/dynamic";

const loading = () => <p className="editor-message">Loading editor…</p>;

export const LazyReadOnlyYaml = dynamic(() => import("./monaco-views").then((m) => m.ReadOnlyYaml), { ssr: false, loading });
export const LazyOutputDiff = dynamic(() => import("./monaco-views").then((m) => m.OutputDiff), { ssr: false, loading });

/**
 * Loads and starts Monaco ahead of the first editor, when the page is first idle after its first paint:
 * loading it takes the main thread for about a second, better spent before someone types than while.
 */
export function preloadMonacoViews(): () => void {
  const handle = requestIdleCallback(() => void import("./monaco-views").then((m) => m.setupOutputLanguage()), { timeout: 2000 });
  return () => cancelIdleCallback(handle);
}
