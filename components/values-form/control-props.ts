import type { PlainValue } from "@/lib/export/index";
import type { AuthoringField } from "@/lib/authoring/authoring-fields";

/** What every field control gets from its row: the value, where to send changes, and its accessible wiring. */
export interface ControlProps {
  field: AuthoringField;
  /** Element id of the control (the row's label points at it). */
  id: string;
  value: PlainValue | undefined;
  /** A new value for the layer; controls call it only with values of the field's type. */
  onChange: (value: PlainValue) => void;
  /** A problem the control found in what was typed (a sentence), or null once it is fine again. */
  onDraftProblem: (problem: string | null) => void;
  /** Ids of the help and error texts. */
  describedBy: string;
  invalid: boolean;
}
