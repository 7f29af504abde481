"use client";
// The control for a field's kind (docs/product-design.md: the right control per type). Scalars are inputs
// registered in the form, uncontrolled: typing renders nothing in React (a select re-renders when its value
// changes, to show one that is none of its options). Lists, maps and YAML snippets are controlled, through
// useController: they re-render with their own value only.
import type { ReactNode } from "react";
import { useController } from "react-hook-form";
import type { PlainValue } from "@/lib/export/index";
import type { ControlProps, ValueControlProps } from "./control-props";
import { NumberControl } from "./number-control";
import { ObjectListControl } from "./object-list-control";
import { SecretControl } from "./secret-control";
import { SelectControl } from "./select-control";
import { StringListControl } from "./string-list-control";
import { StringMapControl } from "./string-map-control";
import { TextControl } from "./text-control";
import { YamlControl } from "./yaml-control";

export function FieldControl(props: ControlProps) {
  const { field, id, form, onChange, describedBy, invalid } = props;
  switch (field.kind) {
    case "integer":
    case "number":
      return <NumberControl {...props} />;
    case "secret":
      return <SecretControl {...props} />;
    case "string-list":
      return <Composite {...props} Control={StringListControl} />;
    case "object-list":
      return <Composite {...props} Control={ObjectListControl} />;
    case "string-map":
      return <Composite {...props} Control={StringMapControl} />;
    case "yaml":
      return <Composite {...props} Control={YamlControl} />;
    case "switch":
      return (
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...form.register(field.path, { onChange: (e: { target: HTMLInputElement }) => onChange(e.target.checked) })}
        />
      );
    case "select":
      return <SelectControl {...props} />;
    default:
      return <TextControl {...props} />;
  }
}

function Composite({ Control, ...props }: ControlProps & { Control: (p: ValueControlProps) => ReactNode }) {
  const { field } = useController({ control: props.form.control, name: props.field.path });
  const onChange = (value: PlainValue) => {
    // Wrapped as an event: RHF would take a map with a `target` key for one.
    field.onChange({ target: { value } });
    props.onChange(value);
  };
  return <Control {...props} value={field.value as PlainValue | undefined} onChange={onChange} />;
}

/** Whether the control is a group of inputs (a fieldset with its own legend) rather than one input. */
export const isGroupKind = (kind: ControlProps["field"]["kind"]): boolean =>
  kind === "string-list" || kind === "object-list" || kind === "string-map";
