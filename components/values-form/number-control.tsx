"use client";
// Integers and decimals. What is typed stays in the box while it is not a number yet ("", "-", "1e"),
// and only real numbers reach the layer.
import { useState } from "react";
import type { ControlProps } from "./control-props";

const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

export function NumberControl({ field, id, value, onChange, onDraftProblem, describedBy, invalid }: ControlProps) {
  const integer = field.kind === "integer";
  const shown = typeof value === "number" ? String(value) : "";
  const [draft, setDraft] = useState<string | null>(null);
  // A value changed elsewhere (YAML, undo) replaces a draft that no longer matches it.
  const pattern = integer ? INTEGER : DECIMAL;
  // Keep the draft while it is not a number yet or still spells the value ("1.50"); else show the value.
  const text = draft !== null && (!pattern.test(draft) || Number(draft) === value) ? draft : shown;
  return (
    <input
      id={id}
      name={field.path}
      type="text"
      inputMode={integer ? "numeric" : "decimal"}
      autoComplete="off"
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      onChange={(e) => {
        const next = e.target.value.trim();
        setDraft(next);
        if (pattern.test(next)) {
          onDraftProblem(null);
          onChange(Number(next));
        } else {
          onDraftProblem(integer ? `${field.label} must be a whole number, such as 3.` : `${field.label} must be a number, such as 0.5.`);
        }
      }}
    />
  );
}
