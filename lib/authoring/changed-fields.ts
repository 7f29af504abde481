/** Which values differ from the chart's defaults: the form's "changed" badges and the rail's counts. */
import type { PlainValue } from "../export/index";
import type { AuthoringField } from "./authoring-fields";
import { sameValue, valueAt } from "./plain-path";

/** Whether `value` (the field's effective value) differs from the chart default. */
export const isChanged = (field: AuthoringField, value: PlainValue | undefined): boolean => !sameValue(value, field.default as PlainValue | undefined);

/** How many fields of each rail node have an effective value other than the chart default. */
export function changedCounts(values: PlainValue, fields: readonly AuthoringField[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of fields) {
    if (isChanged(f, valueAt(values, f.segments))) out.set(f.node, (out.get(f.node) ?? 0) + 1);
  }
  return out;
}
