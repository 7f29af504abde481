"use client";
// The control for a field's kind (docs/product-design.md: the right control per type).
import type { ControlProps } from "./control-props";
import { NumberControl } from "./number-control";
import { ObjectListControl } from "./object-list-control";
import { SecretControl } from "./secret-control";
import { StringListControl } from "./string-list-control";
import { StringMapControl } from "./string-map-control";
import { TextControl } from "./text-control";
import { YamlControl } from "./yaml-control";

export function FieldControl(props: ControlProps) {
  const { field, id, value, onChange, describedBy, invalid } = props;
  switch (field.kind) {
    case "integer":
    case "number":
      return <NumberControl {...props} />;
    case "secret":
      return <SecretControl {...props} />;
    case "string-list":
      return <StringListControl {...props} />;
    case "object-list":
      return <ObjectListControl {...props} />;
    case "string-map":
      return <StringMapControl {...props} />;
    case "yaml":
      return <YamlControl {...props} />;
    case "switch":
      return (
        <input
          id={id}
          name={field.path}
          type="checkbox"
          role="switch"
          checked={value === true}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case "select":
      return (
        <select id={id} name={field.path} value={typeof value === "string" ? value : ""} aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
          {typeof value !== "string" || !field.options?.includes(value) ? <option value="">(not set)</option> : null}
          {field.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    default:
      return <TextControl {...props} />;
  }
}

/** Whether the control is a group of inputs (a fieldset with its own legend) rather than one input. */
export const isGroupKind = (kind: ControlProps["field"]["kind"]): boolean =>
  kind === "string-list" || kind === "object-list" || kind === "string-map";
