"use client";
// Read-only Monaco views of the review: the rendered output, a template's source at an error, and the
// diff editor. Load through lazy-monaco-views.tsx: Monaco cannot run on the server.
// They use OUTPUT_LANGUAGE, YAML's colours without monaco-yaml: its worker would parse and validate the
// whole output (schema-less, so there is nothing to find) after every render, on the same two cores as
// the render worker, and post back markers, folds and symbols that the main thread then applies.
import type { OnMount } from "@monaco-editor/react";
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { lineFeeds } from "@/components/editor/line-feeds";
import { EditorFailed, EditorLoading, type EditorLoad } from "@/components/editor/editor-status";
import type { BetweenParts } from "@/components/editor/load-in-parts";
import { setupMonaco } from "@/components/editor/setup-monaco";
import { changedSpan } from "./changed-span";
import { whenInputQuiet } from "./input-quiet";
import { PlainYaml } from "./plain-yaml";

type CodeEditor = Parameters<OnMount>[0];

/** YAML's tokenizer and brackets (Monaco's own Monarch grammar), and no language service. */
const OUTPUT_LANGUAGE = "helm-output";

const OPTIONS = {
  readOnly: true,
  domReadOnly: true,
  // Nothing here is a link, and sticky scroll would recompute its outline after every render. What is
  // drawn again with each new output is kept to the text: no bracket colours or matching, no highlights
  // of the current line or of other occurrences, no indent guides (2-3 ms of each update's frame in a
  // trace), no folding ranges (recomputed over the whole text after each edit), no overview ruler or
  // unicode checks.
  links: false,
  stickyScroll: { enabled: false },
  bracketPairColorization: { enabled: false },
  matchBrackets: "never",
  renderLineHighlight: "none",
  occurrencesHighlight: "off",
  selectionHighlight: false,
  guides: { indentation: false, highlightActiveIndentation: false },
  folding: false,
  overviewRulerLanes: 0,
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
  minimap: { enabled: false },
  // Scrollbars that stay shown: Monaco's auto scrollbars appear on each new output and fade for 0.8 s, an
  // animation that keeps the page producing frames while someone types, so each keystroke's frame waited for
  // the next animation tick (keystroke-to-paint p95 38 -> 22 ms in a scratch A/B of the fade on and off,
  // 150 keys each).
  scrollbar: { vertical: "visible", horizontal: "visible" },
  automaticLayout: true,
  scrollBeyondLastLine: false,
  fontSize: 12,
  tabSize: 2,
} as const;

type Monaco = Awaited<ReturnType<typeof setupMonaco>>["monaco"];

let outputLanguage: Promise<Monaco> | null = null;
/** Monaco, once `setupOutputLanguage` has it ready (the Gate renders the editors only then). */
let ready: Monaco | null = null;

/** Our Monaco bundle with OUTPUT_LANGUAGE registered, once per page (its parts loaded as `between` allows). */
export function setupOutputLanguage(between?: BetweenParts): Promise<Monaco> {
  // Called again without `between` (an editor to show), it hurries a load in parts along.
  const setup = setupMonaco(between);
  // The grammar's chunk imports Monaco's editor API without carrying it: loaded only once Monaco is
  // (in parallel, Turbopack may instantiate it first: "module factory is not available").
  outputLanguage ??= setup.then(({ monaco }) =>
    import("monaco-editor/languages/definitions/yaml/yaml.js").then((yaml) => {
      monaco.languages.register({ id: OUTPUT_LANGUAGE });
      monaco.languages.setMonarchTokensProvider(OUTPUT_LANGUAGE, yaml.language);
      monaco.languages.setLanguageConfiguration(OUTPUT_LANGUAGE, yaml.conf);
      ready = monaco;
      return monaco;
    }),
  );
  return outputLanguage;
}

/** Waits for our own Monaco bundle before any editor mounts (never the CDN). */
function useMonacoReady(): EditorLoad {
  const [state, setState] = useState<EditorLoad>({ state: ready ? "ready" : "loading" });
  useEffect(() => {
    let live = true;
    setupOutputLanguage().then(
      () => live && setState({ state: "ready" }),
      (error: unknown) => live && setState({ state: "failed", error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

function Gate({ children }: { children: ReactNode }) {
  const monaco = useMonacoReady();
  if (monaco.state === "loading") return <EditorLoading />;
  if (monaco.state === "failed") return <EditorFailed error={monaco.error} />;
  return <>{children}</>;
}

export interface RevealTarget {
  line: number;
  /** Column to mark (the failing expression), when known. */
  col?: number;
  /** Changes on every request, so the same line can be revealed twice. */
  nonce: number;
}

/** Subscribes `apply` to texts that arrive outside React, each with its version; returns the unsubscribe. */
export type FollowText = (apply: (text: string, version: number) => void) => () => void;

export interface ReadOnlyYamlProps {
  path: string;
  value: string;
  /** Where `value` stands among the texts `follow` delivers: an older one never replaces a newer one. */
  version?: number;
  /** Newer texts, put into the editor as they arrive instead of after React has rendered them. */
  follow?: FollowText;
  label: string;
  reveal?: RevealTarget | null;
  /** Lines marked as the error's place. */
  markLine?: number;
}

type TextModel = NonNullable<ReturnType<CodeEditor["getModel"]>>;

/**
 * Brings the model to `next` with one edit of the span that differs. A render usually changes a few lines
 * of a long output: replacing the whole text (what the `value` prop does) re-tokenizes and re-lays out all
 * of it and loses the scroll position; this keeps both.
 */
function applyMinimalEdit(model: TextModel, next: string, prev = model.getValue()): void {
  if (prev === next) return;
  const { start, end } = changedSpan(prev, next);
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(prev.length - end);
  model.applyEdits([{ range: { startLineNumber: from.lineNumber, startColumn: from.column, endLineNumber: to.lineNumber, endColumn: to.column }, text: next.slice(start, next.length - end) }]);
}

/** The text last put into a read-only model (reading it back from Monaco joins the whole text again). */
interface ShownText {
  model: TextModel;
  text: string;
}

function showText(last: RefObject<ShownText | null>, model: TextModel, text: string): void {
  if (last.current?.model !== model) lineFeeds(model);
  applyMinimalEdit(model, text, last.current?.model === model ? last.current.text : model.getValue());
  last.current = { model, text };
}

function ReadOnlyYamlInner({ path, value, version, follow, label, reveal, markLine }: ReadOnlyYamlProps) {
  const box = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const shownText = useRef<ShownText | null>(null);
  /** The version of the text in the model. */
  const shownVersion = useRef(0);
  const decorations = useRef<{ clear(): void } | null>(null);
  /** The models this editor made, one per path it showed (another environment's output is another model). */
  const models = useRef<TextModel[]>([]);

  // Creating an editor takes the main thread for a few hundred ms: it is done in a task of its own once the
  // user has paused (input-quiet.ts). In a mount effect it could run inside the first keystroke's task (React
  // runs pending passive effects before it handles a discrete event).
  useEffect(() => {
    let made: CodeEditor | null = null;
    const cancel = whenInputQuiet(() => {
      if (!ready || !box.current) return;
      made = ready.editor.create(box.current, { ...OPTIONS, model: null });
      setEditor(made);
    });
    const owned = models.current;
    return () => {
      cancel();
      made?.dispose();
      for (const m of owned.splice(0)) m.dispose();
    };
  }, []);

  useEffect(() => {
    editor?.updateOptions({ ariaLabel: label, glyphMargin: markLine !== undefined });
  }, [editor, label, markLine]);

  // The model of `path`, then the text: later values arrive as edits, made while React commits, so Monaco
  // draws them in the frame that follows instead of one later.
  useLayoutEffect(() => {
    if (!editor || !ready) return;
    const uri = ready.Uri.parse(path);
    if (editor.getModel()?.uri.toString() !== uri.toString()) {
      let model = ready.editor.getModel(uri);
      if (!model) models.current.push((model = lineFeeds(ready.editor.createModel("", OUTPUT_LANGUAGE, uri))));
      editor.setModel(model);
    }
    const model = editor.getModel();
    if (!model || (version !== undefined && version < shownVersion.current)) return;
    showText(shownText, model, value);
    if (version !== undefined) shownVersion.current = version;
  }, [editor, value, version, path]);

  useEffect(() => {
    if (!follow || !editor) return;
    return follow((text, v) => {
      const model = editor.getModel();
      if (!model || v <= shownVersion.current) return;
      showText(shownText, model, text);
      shownVersion.current = v;
    });
  }, [follow, editor]);

  useEffect(() => {
    if (!editor || !reveal) return;
    // A resource's `---` goes to the top, so its head and spec are in view.
    editor.revealLineNearTop(reveal.line);
    editor.setSelection({ startLineNumber: reveal.line, startColumn: 1, endLineNumber: reveal.line, endColumn: 1 + (editor.getModel()?.getLineLength(reveal.line) ?? 0) });
  }, [reveal, editor]);

  useEffect(() => {
    decorations.current?.clear();
    if (!editor || markLine === undefined) return;
    decorations.current = editor.createDecorationsCollection([
      { range: { startLineNumber: markLine, startColumn: 1, endLineNumber: markLine, endColumn: 1 }, options: { isWholeLine: true, className: "review-error-line", glyphMarginClassName: "review-error-glyph" } },
    ]);
  }, [markLine, editor, value]);

  return (
    <>
      {!editor && <PlainYaml value={value} label={label} />}
      {/* Hidden until the editor exists; automaticLayout lays it out when it shows. */}
      <div ref={box} style={{ width: "100%", height: "100%", display: editor ? undefined : "none" }} />
    </>
  );
}

export function ReadOnlyYaml(props: ReadOnlyYamlProps) {
  return (
    <Gate>
      <ReadOnlyYamlInner {...props} />
    </Gate>
  );
}

export interface OutputDiffProps {
  original: string;
  modified: string;
}

/**
 * Monaco's diff editor on its own API, over one pair of models for its whole life: a new text on either side
 * is a minimal edit of that side's model, and on unmount the editor lets go of its models before they are
 * disposed. @monaco-editor/react's DiffEditor swaps models when a path changes, which Monaco's diff editor
 * does not survive reliably (one side alone swapped: "startLineNumber 2436 cannot be after
 * endLineNumberExclusive 1765"; a pair swapped: "no diff result available"), and disposes the models first
 * ("TextModel got disposed before DiffEditorWidget model got reset"). Mount a new one for another comparison.
 */
function OutputDiffInner({ original, modified }: OutputDiffProps) {
  const box = useRef<HTMLDivElement>(null);
  const models = useRef<{ original: TextModel; modified: TextModel } | null>(null);
  const [mounted, setMounted] = useState(false);

  useEffect(() => {
    let dispose = () => {};
    let live = true;
    void setupMonaco().then(({ monaco }) => {
      if (!live || !box.current) return;
      const widget = monaco.editor.createDiffEditor(box.current, { ...OPTIONS, renderSideBySide: false, originalEditable: false });
      const pair = { original: lineFeeds(monaco.editor.createModel("", OUTPUT_LANGUAGE)), modified: lineFeeds(monaco.editor.createModel("", OUTPUT_LANGUAGE)) };
      widget.setModel(pair);
      models.current = pair;
      dispose = () => {
        widget.setModel(null);
        widget.dispose();
        pair.original.dispose();
        pair.modified.dispose();
      };
      setMounted(true);
    });
    return () => {
      live = false;
      models.current = null;
      dispose();
    };
  }, []);

  useLayoutEffect(() => {
    if (!models.current) return;
    applyMinimalEdit(models.current.original, original);
    applyMinimalEdit(models.current.modified, modified);
  }, [original, modified, mounted]);

  return (
    <>
      {!mounted && <EditorLoading />}
      <div ref={box} style={{ width: "100%", height: "100%" }} />
    </>
  );
}

export function OutputDiff(props: OutputDiffProps) {
  return (
    <Gate>
      <OutputDiffInner {...props} />
    </Gate>
  );
}
