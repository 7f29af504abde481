"use client";
// One value of the form: label, control, help, default, badges, reset and its problem in a sentence.
// The row subscribes to its own value only (useFieldValue), so typing re-renders this row and nothing else.
import { memo, useState } from "react";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";
import { isChanged } from "@/lib/authoring/changed-fields";
import type { PlainValue } from "@/lib/export/index";
import { FieldControl, isGroupKind } from "./field-control";
import { useFieldValue, type FieldStore } from "./field-store";
import { textHint } from "./text-control";
import styles from "./values-form.module.css";

export interface FieldRowProps {
  field: AuthoringField;
  store: FieldStore;
  /** What the model says is wrong with the effective value (a sentence). */
  problem: string | undefined;
  /**
   * Which layer the value comes from: the active layer itself (so it can be reset there), base (seen from an
   * environment), or the chart's default.
   */
  source: "layer" | "base" | "default";
  layerName: string;
  onCommit: (path: string, value: PlainValue) => void;
  onReset: (path: string) => void;
}

/** The element id of a field's control. */
export const controlId = (path: string): string => `value-${path}`;

export const FieldRow = memo(function FieldRow({ field, store, problem, source, layerName, onCommit, onReset }: FieldRowProps) {
  const setHere = source === "layer";
  const [draftProblem, setDraftProblem] = useState<string | null>(null);
  const id = controlId(field.path);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const shown = draftProblem ?? problem;
  const hint = textHint(field.kind);
  const value = useFieldValue(store, field.path);
  const changed = isChanged(field, value);
  return (
    <div className={styles.row} data-path={field.path} data-source={source} data-invalid={shown ? "true" : undefined}>
      <div className={styles.labelLine}>
        {isGroupKind(field.kind) ? (
          <span className={styles.label}>{field.label}</span>
        ) : (
          <label className={styles.label} htmlFor={id}>
            {field.label}
          </label>
        )}
        <code className={styles.path}>{field.path}</code>
        {changed && <span className={styles.badge}>changed</span>}
        {setHere && <span className={styles.badgeLayer}>set in {layerName}</span>}
        {source === "base" && <span className={styles.badgeBase}>from base</span>}
        {setHere && (
          <button type="button" className={styles.reset} aria-label={`Reset ${field.path}`} onClick={() => onReset(field.path)}>
            Reset
          </button>
        )}
      </div>
      <FieldControl
        field={field}
        id={id}
        value={value}
        describedBy={shown ? `${helpId} ${errorId}` : helpId}
        invalid={Boolean(shown)}
        onDraftProblem={setDraftProblem}
        onChange={(v) => {
          store.set(field.path, v);
          onCommit(field.path, v);
        }}
      />
      <p id={helpId} className={styles.help}>
        {field.help}
        {hint ? ` ${hint}` : ""} <span className={styles.default}>Default: {describeDefault(field)}</span>
      </p>
      {shown && (
        <p id={errorId} className={styles.error}>
          {shown}
        </p>
      )}
    </div>
  );
});

function describeDefault(field: AuthoringField): string {
  const d = field.default;
  if (d === undefined || d === null) return "not set";
  if (field.secret) return d === "" ? "empty" : "set (hidden)";
  if (d === "") return "empty";
  if (typeof d === "object") return Object.keys(d).length === 0 ? (Array.isArray(d) ? "no items" : "no entries") : JSON.stringify(d);
  return String(d);
}
