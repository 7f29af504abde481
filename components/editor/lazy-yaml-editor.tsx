"use client";
// Monaco touches `window` when imported and weighs megabytes: load it on the client only, after the shell.
import dynamic from "next/dynamic";
import { EditorLoading, editorFailedComponent } from "./editor-status";
import type { YamlEditorProps } from "./yaml-editor";

export const LazyYamlEditor = dynamic(() => import("./yaml-editor").then((m) => m.YamlEditor, editorFailedComponent<YamlEditorProps>), {
  ssr: false,
  loading: EditorLoading,
});
