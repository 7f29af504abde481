"use client";
// Text-like values: plain strings, Kubernetes quantities, Go durations and int-or-percent budgets. The input
// is uncontrolled (registered in the form): a keystroke renders nothing in React.
import type { ControlProps } from "./control-props";

const HINTS: Partial<Record<ControlProps["field"]["kind"], string>> = {
  quantity: "CPU in cores or millicores (250m = a quarter core, 2 = two cores); memory in Mi or Gi (512Mi, 2Gi).",
  duration: "A Go duration: a number and a unit, such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h).",
  "int-or-percent": "A number of pods (1) or a percentage of them (25%).",
};

const SUGGESTIONS: Partial<Record<ControlProps["field"]["kind"], readonly string[]>> = {
  quantity: ["100m", "250m", "500m", "1", "2", "128Mi", "256Mi", "512Mi", "1Gi", "2Gi"],
  duration: ["10s", "30s", "1m", "5m", "1h", "24h"],
};

/** The hint under a text control, if its kind has one. */
export const textHint = (kind: ControlProps["field"]["kind"]): string | undefined => HINTS[kind];

// An int-or-percent budget is written as a number when it is one (`1`, not "1").
const asBudget = (text: unknown): unknown => (typeof text === "string" && /^[0-9]+$/.test(text) ? Number(text) : text);

export function TextControl({ field, id, form, onChange, describedBy, invalid }: ControlProps) {
  const suggestions = SUGGESTIONS[field.kind];
  const listId = suggestions ? `${id}-units` : undefined;
  const budget = field.kind === "int-or-percent";
  return (
    <>
      <input
        id={id}
        type="text"
        spellCheck={false}
        autoComplete="off"
        list={listId}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        {...form.register(field.path, {
          setValueAs: budget ? asBudget : undefined,
          onChange: (e: { target: HTMLInputElement }) => onChange(budget ? (asBudget(e.target.value) as string | number) : e.target.value),
        })}
      />
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </>
  );
}
