"use client";
// Monaco touches `window` when imported and weighs megabytes: the review's editors load on the client only.
import dynamic from "next/dynamic";

const loading = () => <p className="editor-message">Loading editor…</p>;

export const LazyReadOnlyYaml = dynamic(() => import("./monaco-views").then((m) => m.ReadOnlyYaml), { ssr: false, loading });
export const LazyOutputDiff = dynamic(() => import("./monaco-views").then((m) => m.OutputDiff), { ssr: false, loading });
