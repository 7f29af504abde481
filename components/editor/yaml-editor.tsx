"use client";
// A YAML editor with schema validation, completion and hover (Monaco + monaco-yaml), fully offline.
// Import it through lazy-yaml-editor.tsx: Monaco cannot run on the server.
import { Editor, type OnMount } from "@monaco-editor/react";
import type { JSONSchema } from "monaco-yaml";
import { useEffect, useRef, useState } from "react";
import { EditorFailed, EditorLoading, type EditorLoad } from "./editor-status";
import { lineFeeds } from "./line-feeds";
import { setEditorSchema, setupMonaco } from "./setup-monaco";

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning" | "info";
}

/** A mark in the glyph margin of one line, with a hover sentence (e.g. which layer set the key there). */
export interface LineMark {
  line: number;
  /** A global class name styling the mark. */
  className: string;
  hover: string;
}

export interface YamlEditorProps {
  /** Model path, unique per document (e.g. `defaults/values.yaml`); the schema is bound to it. */
  path: string;
  value: string;
  /** The JSON Schema the document is validated against; none means YAML syntax checks only. */
  schema?: JSONSchema;
  /** Where the schema lives beside `path` (default `<path>.schema.json`): a `$schema=` modeline naming it finds it. */
  schemaPath?: string;
  /** Accessible name of the editing area. */
  label: string;
  readOnly?: boolean;
  onChange?: (text: string) => void;
  /** Called with the current problems whenever validation finishes. */
  onProblems?: (problems: YamlProblem[]) => void;
  /** Marks in the glyph margin (none: no margin). */
  marks?: readonly LineMark[];
}

type CodeEditor = Parameters<OnMount>[0];

export function YamlEditor({ path, value, schema, schemaPath, label, readOnly = false, onChange, onProblems, marks }: YamlEditorProps) {
  const [load, setLoad] = useState<EditorLoad>({ state: "loading" });
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const uri = `file:///${path}`;
  const schemaUri = `file:///${schemaPath ?? `${path}.schema.json`}`;

  useEffect(() => {
    let live = true;
    setupMonaco()
      .then(() => setEditorSchema(uri, schema, schemaUri))
      .then(
        () => live && setLoad({ state: "ready" }),
        (error: unknown) => live && setLoad({ state: "failed", error }),
      );
    return () => {
      live = false;
    };
  }, [uri, schema, schemaUri]);

  // Texts this editor sent through onChange that have not come back as `value` yet, oldest first. A render
  // that still carries an older one of them (typing outran React) must not set it back: that would drop the
  // keystrokes after it. Any other `value` is a change made elsewhere (form, undo, import) and is applied.
  const sent = useRef<string[]>([]);
  const applying = useRef(false);

  // The model of each path (the Editor swaps it in before this runs), before any text is applied to it: one
  // that starts with no line break would get the platform's line ends (CRLF on Windows), and every line typed
  // or applied would reach the workspace with them. A file that has CRLF keeps them.
  useEffect(() => {
    const model = editor?.getModel();
    if (!model || model.getLineCount() !== 1) return;
    applying.current = true;
    lineFeeds(model);
    applying.current = false;
  }, [editor, uri]);

  useEffect(() => {
    if (!editor) return;
    const echo = sent.current.indexOf(value);
    if (echo >= 0) {
      sent.current.splice(0, echo + 1);
      return;
    }
    sent.current = [];
    const model = editor.getModel();
    if (!model || model.getValue() === value) return;
    applying.current = true;
    if (readOnly) model.setValue(value);
    else {
      // An edit, not setValue, so Monaco's own undo can step back over it.
      editor.executeEdits("external", [{ range: model.getFullModelRange(), text: value, forceMoveMarkers: true }]);
      editor.pushUndoStop();
    }
    applying.current = false;
  }, [editor, value, readOnly]);

  useEffect(() => {
    if (!editor || !marks) return;
    const decorations = editor.createDecorationsCollection(
      marks.map((m) => ({
        range: { startLineNumber: m.line, startColumn: 1, endLineNumber: m.line, endColumn: 1 },
        options: { glyphMarginClassName: m.className, glyphMarginHoverMessage: { value: m.hover } },
      })),
    );
    return () => decorations.clear();
  }, [editor, marks]);

  if (load.state === "failed") {
    return <EditorFailed error={load.error} />;
  }
  if (load.state === "loading") {
    return <EditorLoading />;
  }
  return (
    <div className="yaml-editor" data-testid="yaml-editor">
      <Editor
        path={uri}
        language="yaml"
        defaultValue={value}
        onChange={(text) => {
          if (applying.current || !onChange) return;
          sent.current.push(text ?? "");
          onChange(text ?? "");
        }}
        onMount={(e) => setEditor(e)}
        onValidate={(markers) =>
          onProblems?.(
            markers.map((m) => ({
              line: m.startLineNumber,
              column: m.startColumn,
              message: m.message,
              severity: m.severity >= 8 ? "error" : m.severity >= 4 ? "warning" : "info",
            })),
          )
        }
        loading={<EditorLoading />}
        options={{
          readOnly,
          ariaLabel: label,
          minimap: { enabled: false },
          automaticLayout: true,
          scrollBeyondLastLine: false,
          tabSize: 2,
          fontSize: 13,
          renderWhitespace: "boundary",
          glyphMargin: marks !== undefined,
        }}
      />
    </div>
  );
}
