"use client";
// Integers and decimals. The input is uncontrolled (registered in the form), so what is typed stays in the
// box while it is not a number yet ("", "-", "1e") or spells the value another way ("1.50"), and only real
// numbers reach the layer.
import type { ControlProps } from "./control-props";

const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;

export function NumberControl({ field, id, form, onChange, onDraftProblem, describedBy, invalid }: ControlProps) {
  const integer = field.kind === "integer";
  const pattern = integer ? INTEGER : DECIMAL;
  // The form holds the number once the text is one, and the text while it is not.
  const asNumber = (text: unknown): unknown => (typeof text === "string" && pattern.test(text.trim()) ? Number(text.trim()) : text);
  return (
    <input
      id={id}
      type="text"
      inputMode={integer ? "numeric" : "decimal"}
      autoComplete="off"
      aria-describedby={describedBy}
      aria-invalid={invalid}
      {...form.register(field.path, {
        setValueAs: asNumber,
        onChange: (e: { target: HTMLInputElement }) => {
          const next = asNumber(e.target.value);
          if (typeof next === "number") {
            onDraftProblem(null);
            onChange(next);
          } else {
            onDraftProblem(integer ? `${field.label} must be a whole number, such as 3.` : `${field.label} must be a number, such as 0.5.`);
          }
        },
      })}
    />
  );
}
