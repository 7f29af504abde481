"use client";
// Monaco touches `window` when imported and weighs megabytes: load it on the client only, after the shell.
import dynamic from "next/dynamic";

export const LazyYamlEditor = dynamic(() => import("./yaml-editor").then((m) => m.YamlEditor), {
  ssr: false,
  loading: () => <p className="editor-message">Loading editor…</p>,
});
