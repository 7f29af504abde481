"use client";
// A free-form map of strings (labels, annotations, node selectors): key and value per row.
import { useState } from "react";
import { sameValue } from "@/lib/authoring/plain-path";
import type { PlainValue } from "@/lib/export/index";
import { useFocusAdded } from "./use-focus-added";
import styles from "./values-form.module.css";
import type { ValueControlProps } from "./control-props";

type Row = [key: string, value: string];

const rowsOf = (v: PlainValue | undefined): Row[] =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? Object.entries(v).map(([k, x]) => [k, x === null ? "" : String(x)]) : [];

export function StringMapControl({ field, id, value, onChange, onDraftProblem, describedBy }: ValueControlProps) {
  const [drafts, setDrafts] = useState<Row[] | null>(null);
  // Rows being typed stay (a new row has no key yet); a value changed elsewhere replaces them.
  const rows = drafts !== null && (problemOf(drafts, field.label) !== null || sameValue(Object.fromEntries(drafts), value)) ? drafts : rowsOf(value);

  const edit = (next: Row[]) => {
    setDrafts(next);
    const problem = problemOf(next, field.label);
    onDraftProblem(problem);
    if (!problem) onChange(Object.fromEntries(next));
  };

  const { list, added } = useFocusAdded<HTMLUListElement>();

  return (
    <fieldset id={id} name={field.path} aria-describedby={describedBy}>
      <legend className={styles.visuallyHidden}>{field.label}</legend>
      {rows.length === 0 && <p className="muted">No entries.</p>}
      <ul ref={list}>
        {rows.map(([k, v], i) => (
          <li key={i}>
            <input
              type="text"
              aria-label={`${field.label}, key ${i + 1}`}
              spellCheck={false}
              value={k}
              onChange={(e) => edit(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
            />
            <span aria-hidden="true">:</span>
            <input
              type="text"
              aria-label={`${field.label}, value ${i + 1}`}
              spellCheck={false}
              value={v}
              onChange={(e) => edit(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
            />
            <button type="button" aria-label={`Remove ${field.label} entry ${i + 1}`} onClick={() => edit(rows.filter((_, j) => j !== i))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          added();
          edit([...rows, ["", ""]]);
        }}
      >
        Add entry
      </button>
    </fieldset>
  );
}

/** Why the rows are not a map yet (a sentence), or null. */
function problemOf(rows: readonly Row[], label: string): string | null {
  if (rows.some(([k]) => k === "")) return `Every entry of ${label} needs a key.`;
  const seen = new Set<string>();
  for (const [k] of rows) {
    if (seen.has(k)) return `The key ${k} appears twice in ${label}.`;
    seen.add(k);
  }
  return null;
}
