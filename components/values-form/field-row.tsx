"use client";
// One value of the form: label, control, help, default, badges, reset and its problem in a sentence.
// The row re-renders only when its props change (its badges) or its error in the form's state does
// (useFormState of its own path); typing into a scalar renders nothing.
import { memo } from "react";
import { get, useFormState, type FieldError } from "react-hook-form";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";
import type { PlainValue } from "@/lib/export/index";
import type { ValuesFormState } from "./control-props";
import { FieldControl, isGroupKind } from "./field-control";
import { textHint } from "./text-control";
import styles from "./values-form.module.css";

export interface FieldRowProps {
  field: AuthoringField;
  form: ValuesFormState;
  /** Whether the layer's effective value differs from the chart default. */
  changed: boolean;
  /**
   * Which layer the value comes from: the active layer itself (so it can be reset there), base (seen from an
   * environment), or the chart's default.
   */
  source: "layer" | "base" | "default";
  layerName: string;
  onCommit: (path: string, value: PlainValue) => void;
  onDraftProblem: (path: string, problem: string | null) => void;
  onReset: (path: string) => void;
}

/** The element id of a field's control. */
export const controlId = (path: string): string => `value-${path}`;

/** Focuses the control of `path` (a group's first control) and returns it; null when it is not on screen. */
export function focusControl(path: string): HTMLElement | null {
  const el = document.getElementById(controlId(path));
  const target = el?.matches("input, select, textarea, button") ? el : el?.querySelector<HTMLElement>("input, select, textarea, button");
  target?.focus();
  return target ?? null;
}

export const FieldRow = memo(function FieldRow({ field, form, changed, source, layerName, onCommit, onDraftProblem, onReset }: FieldRowProps) {
  const setHere = source === "layer";
  const id = controlId(field.path);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const { errors } = useFormState({ control: form.control, name: field.path, exact: true });
  const shown = (get(errors, field.path) as FieldError | undefined)?.message;
  const hint = textHint(field.kind);
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
          <button
            type="button"
            className={styles.reset}
            aria-label={`Reset ${field.path}`}
            onClick={() => {
              // The button goes with the value: focus stays on the field, not the page.
              focusControl(field.path);
              onReset(field.path);
            }}
          >
            Reset
          </button>
        )}
      </div>
      <FieldControl
        field={field}
        id={id}
        form={form}
        describedBy={shown ? `${helpId} ${errorId}` : helpId}
        invalid={Boolean(shown)}
        onDraftProblem={(problem) => onDraftProblem(field.path, problem)}
        onChange={(v) => onCommit(field.path, v)}
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
