"use client";
// Monaco touches `window` when imported and weighs megabytes: load it on the client only, after the shell.
import dynamic from "next/dynamic";
import { editorFailedComponent } from "./editor-failed";
import type { YamlEditorProps } from "./yaml-editor";

export const LazyYamlEditor = dynamic(() => import("./yaml-editor").then((m) => m.YamlEditor, editorFailedComponent<YamlEditorProps>), {
  ssr: false,
  loading: () => <p className="editor-message">Loading editor…</p>,
});
