"use client";
// A choice among the model's options. The select is registered in the form like the scalars; it also watches
// its own value, so that a string, number or boolean the layer holds that is none of the options (typed in the
// YAML, imported) shows as it is, marked, instead of a blank select. A list or map there still shows blank;
// the model's problem under the select names it.
import { useLayoutEffect, useRef } from "react";
import { useWatch } from "react-hook-form";
import type { ControlProps } from "./control-props";

export function SelectControl({ field, id, form, onChange, describedBy, invalid }: ControlProps) {
  const value: unknown = useWatch({ control: form.control, name: field.path });
  const outside = (typeof value === "string" && value !== "") || typeof value === "number" || typeof value === "boolean" ? String(value) : null;
  const other = outside !== null && !field.options?.includes(outside) ? outside : null;
  const { ref, ...registered } = form.register(field.path, { onChange: (e: { target: HTMLSelectElement }) => onChange(e.target.value) });
  const select = useRef<HTMLSelectElement | null>(null);
  // The form sets the select's value before React has added that value's option: set it again once it is there.
  useLayoutEffect(() => {
    if (other !== null && select.current && select.current.value !== other) select.current.value = other;
  }, [other]);
  return (
    <select
      id={id}
      defaultValue=""
      aria-describedby={describedBy}
      aria-invalid={invalid}
      {...registered}
      ref={(el) => {
        ref(el);
        select.current = el;
      }}
    >
      {/* Shown while the field has no value; never chosen by hand. */}
      <option value="" disabled>
        (not set)
      </option>
      {other !== null && (
        <option value={other} disabled>
          {other} (not one of the options)
        </option>
      )}
      {field.options?.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
    </select>
  );
}
