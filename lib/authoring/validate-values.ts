/**
 * Inline validation of the form: the effective values checked against the zod model (types, ranges,
 * patterns and the cross-field rules of lib/values/consistency), each problem as a full sentence on the
 * field the user should change.
 */
import type { z } from "zod";
import type { PlainValue } from "../export/index";
import { checkConsistency } from "../values/consistency";
import { valuesSchema, type Values } from "../values/schema";
import type { AuthoringField } from "./authoring-fields";
import { sameValue } from "./plain-path";

export interface FieldProblem {
  /** Dotted path of the field it belongs to. */
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/** Problems of `values` (effective values as plain data), one per field at most, in field order. */
export function validateValues(values: PlainValue, fields: readonly AuthoringField[]): FieldProblem[] {
  return problemsOf(modelIssues(withoutSubchartGlobals(values)), fields);
}

/** The model's issues for `values`, as `valuesSchema.safeParse` reports them (lib/authoring tests hold it to that). */
export function modelIssues(values: PlainValue): readonly Issue[] {
  if (!isRecord(values)) return valuesSchema.safeParse(values).error?.issues ?? [];
  // A keystroke changes one subchart's values (or global's): only that key is parsed again, the others
  // answer from their last parse. When every key is fine (and no top-level key is unknown), the whole
  // parse would find nothing but the cross-field rules, which run here on the keys' output. Otherwise
  // the whole model is parsed: whether zod then still applies those rules depends on the kind of issue.
  const data: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(valuesSchema.shape)) {
    const r = keyParse(key, schema, values[key]);
    if (!r.success) return valuesSchema.safeParse(values).error?.issues ?? [];
    data[key] = r.data;
  }
  if (Object.keys(values).some((k) => !(k in valuesSchema.shape))) return valuesSchema.safeParse(values).error?.issues ?? [];
  const issues: Issue[] = [];
  checkConsistency(data as Values, {
    addIssue: (i: z.core.$ZodRawIssue | string) => {
      if (typeof i !== "string") issues.push({ code: "custom", path: i.path ?? [], message: i.message ?? "", input: i.input } as Issue);
    },
  } as z.RefinementCtx);
  return issues;
}

interface KeyParse {
  value: PlainValue | undefined;
  success: boolean;
  data: unknown;
}

// The last parse of each top-level key; a value equal to the one parsed then gives the same answer.
const lastParse = new Map<string, KeyParse>();

function keyParse(key: string, schema: z.ZodType, value: PlainValue | undefined): KeyParse {
  const last = lastParse.get(key);
  if (last && sameValue(last.value, value)) return last;
  const r = schema.safeParse(value);
  const parsed = { value, success: r.success, data: r.data };
  lastParse.set(key, parsed);
  return parsed;
}

function problemsOf(issues: readonly Issue[], fields: readonly AuthoringField[]): FieldProblem[] {
  if (issues.length === 0) return [];
  const byPath = new Map<string, string>();
  for (const issue of issues) {
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
