import type { FieldValues, UseFormReturn } from "react-hook-form";
import type { PlainValue } from "@/lib/export/index";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";

/** The values form's react-hook-form state: its values are the node's effective values, by dotted path. */
export type ValuesFormState = UseFormReturn<FieldValues>;

/** What every field control gets from its row: the form, where to send changes, and its accessible wiring. */
export interface ControlProps {
  field: AuthoringField;
  /** Element id of the control (the row's label points at it). */
  id: string;
  /** The form's state; a control registers `field.path` in it (scalars uncontrolled, composites through useController). */
  form: ValuesFormState;
  /** A new value for the layer; controls call it only with values of the field's type. */
  onChange: (value: PlainValue) => void;
  /** A problem the control found in what was typed (a sentence), or null once it is fine again. */
  onDraftProblem: (problem: string | null) => void;
  /** Ids of the help and error texts. */
  describedBy: string;
  invalid: boolean;
}

/** A composite control (list, map, YAML) renders from the value the form holds for it. */
export interface ValueControlProps extends ControlProps {
  value: PlainValue | undefined;
}
