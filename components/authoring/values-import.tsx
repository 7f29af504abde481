"use client";
// Importing a values file into the active layer by file picker, drag and drop (onto the centre: see
// useDropImport) or paste. The file's text becomes the layer as it is (comments kept); a file Helm cannot
// read changes nothing and says where it fails; keys the chart does not know are kept and listed.
import { memo, useId, useRef, useState, type DragEvent } from "react";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";
import { checkImport, type ImportContent } from "@/lib/authoring/import-values";
import { MAX_VALUES_FILE_BYTES } from "@/lib/helm/index";
import styles from "./authoring.module.css";

export type ImportStatus =
  | { kind: "failed"; name: string; message: string; line?: number; column?: number }
  | { kind: "done"; name: string; layer: string; unknownKeys: string[] };

/** Checks and applies one imported text or file; returns what to tell the user. */
export function importText(name: string, content: ImportContent, fields: readonly AuthoringField[], layer: string, apply: (text: string) => void): ImportStatus {
  const r = checkImport(name, content, fields);
  if (!r.ok) return { kind: "failed", name, message: r.message, line: r.line, column: r.column };
  apply(r.text);
  return { kind: "done", name, layer, unknownKeys: r.unknownKeys };
}

/** A file's bytes up to one past the size limit (checkImport refuses it by its size without reading the rest). */
function readFile(file: File, onFile: (name: string, content: ImportContent) => void): void {
  void file
    .slice(0, MAX_VALUES_FILE_BYTES + 1)
    .arrayBuffer()
    .then((buffer) => onFile(file.name, { bytes: new Uint8Array(buffer), size: file.size }));
}

/** Handlers that make an element a drop target for values files. */
export function dropHandlers(onFile: (name: string, content: ImportContent) => void) {
  return {
    onDragOver: (e: DragEvent) => {
      if (e.dataTransfer.types.includes("Files")) e.preventDefault();
    },
    onDrop: (e: DragEvent) => {
      const file = e.dataTransfer.files[0];
      if (!file) return;
      e.preventDefault();
      readFile(file, onFile);
    },
  };
}

export interface ValuesImportProps {
  layerName: string;
  onText: (name: string, content: ImportContent) => void;
  status: ImportStatus | null;
}

// Memoised: the centre re-renders on every keystroke, and this control (its inputs) need not.
export const ValuesImport = memo(function ValuesImport({ layerName, onText, status }: ValuesImportProps) {
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState("");
  return (
    <div className={styles.import}>
      <button type="button" onClick={() => picker.current?.click()}>
        Import values file…
      </button>
      <input
        ref={picker}
        type="file"
        accept=".yaml,.yml,text/yaml,application/yaml"
        hidden
        aria-label="Values file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) readFile(file, onText);
        }}
      />
      <button type="button" aria-expanded={pasting} aria-controls={`${id}-paste`} onClick={() => setPasting((p) => !p)}>
        Paste values…
      </button>
      <span className="muted">or drop a file here; it replaces the values of {layerName}.</span>
      {pasting && (
        <div id={`${id}-paste`} className={styles.paste}>
          <label htmlFor={`${id}-text`}>Values to import (YAML)</label>
          <textarea id={`${id}-text`} rows={8} spellCheck={false} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button
            type="button"
            onClick={() => {
              onText("pasted values", pasted);
              setPasted("");
              setPasting(false);
            }}
          >
            Import pasted values
          </button>
        </div>
      )}
      {status?.kind === "failed" && (
        <p role="alert" className={styles.failed}>
          Nothing was imported: {status.name} cannot be read
          {status.line !== undefined ? ` at line ${status.line}${status.column !== undefined ? `, column ${status.column}` : ""}` : ""}. {status.message}
        </p>
      )}
      {status?.kind === "done" && (
        <div role="status" className={styles.done}>
          <p>
            Imported {status.name} into {status.layer}.
          </p>
          {status.unknownKeys.length > 0 && (
            <>
              <p>
                {status.unknownKeys.length === 1 ? "One key is" : `${status.unknownKeys.length} keys are`} not known to the chart; kept as written:
              </p>
              <ul aria-label="Unknown keys">
                {status.unknownKeys.map((k) => (
                  <li key={k}>
                    <code>{k}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
});
