/**
 * Inline validation of the form: the effective values checked against the zod model (types, ranges,
 * patterns and the cross-field rules of lib/values/consistency), each problem as a full sentence on the
 * field the user should change.
 */
import type { z } from "zod";
import type { PlainValue } from "../export/index";
import { valuesSchema } from "../values/schema";
import type { AuthoringField } from "./authoring-fields";

export interface FieldProblem {
  /** Dotted path of the field it belongs to. */
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/** Problems of `values` (effective values as plain data), one per field at most, in field order. */
export function validateValues(values: PlainValue, fields: readonly AuthoringField[]): FieldProblem[] {
  const r = valuesSchema.safeParse(withoutSubchartGlobals(values));
  if (r.success) return [];
  const byPath = new Map<string, string>();
  for (const issue of r.error.issues) {
    const field = fieldOf(issue.path.map(String), fields);
    if (field && !byPath.has(field.path)) byPath.set(field.path, sentence(issue, field));
  }
  return fields.filter((f) => byPath.has(f.path)).map((f) => ({ path: f.path, message: byPath.get(f.path) ?? "" }));
}

// Helm copies `global` into every subchart's values; the model describes it once, at the top.
function withoutSubchartGlobals(values: PlainValue): PlainValue {
  if (!isRecord(values)) return values;
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      if (k === "global" || !isRecord(v) || !("global" in v)) return [k, v];
      const { global: _copied, ...own } = v;
      return [k, own];
    }),
  );
}

const isRecord = (v: unknown): v is Record<string, PlainValue> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The field an issue is about: the leaf at its path, or the map or list field holding it. */
function fieldOf(path: readonly string[], fields: readonly AuthoringField[]): AuthoringField | undefined {
  for (let n = path.length; n > 0; n--) {
    const p = path.slice(0, n).join(".");
    const f = fields.find((x) => x.path === p);
    if (f) return f;
  }
  return undefined;
}

function sentence(issue: Issue, field: AuthoringField): string {
  const label = field.label;
  switch (issue.code) {
    case "custom":
      return issue.message;
    case "too_small":
      return `${label} must be at least ${String(issue.minimum)}.`;
    case "too_big":
      return `${label} must be at most ${String(issue.maximum)}.`;
    case "invalid_type":
      return `${label} must be ${article(issue.expected)}.`;
    case "invalid_value":
      return `${label} must be one of ${issue.values.map(String).join(", ")}.`;
    case "unrecognized_keys":
      return `${label} has keys the chart does not know: ${issue.keys.join(", ")}.`;
    default: {
      // Pattern messages of lib/values/constraints read "must be …".
      const text = issue.message.replace(/\.$/, "");
      return text.startsWith("must ") ? `${label} ${text}.` : `${label}: ${text}.`;
    }
  }
}

function article(expected: string): string {
  const words: Record<string, string> = { int: "a whole number", number: "a number", string: "text", boolean: "true or false", array: "a list", object: "a map" };
  return words[expected] ?? expected;
}
