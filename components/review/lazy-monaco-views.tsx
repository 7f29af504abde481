"use client";
// Monaco touches `window` when imported and weighs megabytes: the review's editors load on the client only,
// and only once the user has paused typing (input-quiet.ts): loading Monaco's chunks and creating an editor
// are long tasks, and a keystroke that lands in one waits for it (100-300 ms each, seen in a trace of the
// first keys typed after the page opened). Until then the text shows as plain text.
import dynamic from "next/dynamic";
import { EditorFailed, EditorLoading, editorFailedComponent } from "@/components/editor/editor-status";
import type { OutputDiffProps, ReadOnlyYamlProps } from "./monaco-views";
import { useAfterInputQuiet, whenInputQuiet } from "./input-quiet";
import { PlainYaml } from "./plain-yaml";

// Rendered only once loadMonacoViews has imported the module: its failure is handled there.
const DynamicReadOnlyYaml = dynamic(() => import("./monaco-views").then((m) => m.ReadOnlyYaml), { ssr: false, loading: EditorLoading });
export const LazyOutputDiff = dynamic(() => import("./monaco-views").then((m) => m.OutputDiff, editorFailedComponent<OutputDiffProps>), { ssr: false, loading: EditorLoading });

// Monaco's parts load one after another, each once the user has paused again.
const loadMonacoViews = () => import("./monaco-views").then((m) => m.setupOutputLanguage(whenInputQuiet));

export function LazyReadOnlyYaml(props: ReadOnlyYamlProps) {
  const load = useAfterInputQuiet(loadMonacoViews);
  if (load.state === "ready") return <DynamicReadOnlyYaml {...props} />;
  const plain = <PlainYaml value={props.value} label={props.label} />;
  // Without Monaco the text is still all there, as plain text.
  if (load.state === "failed")
    return (
      <>
        <EditorFailed error={load.error} />
        {plain}
      </>
    );
  return plain;
}

/** Loads and starts Monaco ahead of the first editor, once the user has paused (see input-quiet.ts). */
export function preloadMonacoViews(): () => void {
  // A load that fails is shown by the editor that needs Monaco (EditorFailed), not left unhandled here.
  return whenInputQuiet(() => void loadMonacoViews().catch(() => {}));
}
