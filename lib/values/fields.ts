/**
 * Per-value UI metadata derived from the model, for the schema-driven values form.
 *
 * It walks the draft-07 JSON Schema of the model rather than zod internals: that document is the
 * stable, public shape of the model (and exactly what Helm checks), so form and Helm cannot disagree.
 */
import { toDraft07, type JsonSchema } from "./json-schema";
import { valuesSchema } from "./schema";

/** How the form renders a value. `map`/`list` are edited as YAML snippets. */
export type FieldControl = "text" | "secret" | "integer" | "number" | "switch" | "select" | "list" | "map";

export interface ValueField {
  /** Dotted path into values.yaml, e.g. `rest-api.service.port`. */
  path: string;
  /** The same path as segments (keys may contain `-` but never `.`). */
  segments: readonly string[];
  label: string;
  help: string;
  control: FieldControl;
  /** The values.yaml default. */
  default: unknown;
  secret: boolean;
  /** Allowed values of a `select`. */
  options?: readonly string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

/** Every leaf value of the model, in values.yaml order. */
export function valueFields(schema: JsonSchema = toDraft07(valuesSchema)): ValueField[] {
  const out: ValueField[] = [];
  walk(schema, [], out);
  return out;
}

/** The title of each top-level section (`global`, `rest-api`, …), keyed by its values key. */
export function sectionTitles(schema: JsonSchema = toDraft07(valuesSchema)): Map<string, string> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return new Map(Object.entries(props).map(([key, s]) => [key, typeof s.title === "string" ? s.title : labelFromKey(key)]));
}

/** Turns `replicaCount` into `Replica count` and `targetCPUUtilization` into `Target CPU utilization`, for fields without a title. */
export function labelFromKey(key: string): string {
  const words = key
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter((w) => w !== "")
    // Acronyms (CPU, TLS) keep their case; ordinary words are lowercased.
    .map((w) => (w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase()));
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function walk(node: JsonSchema, segments: string[], out: ValueField[]): void {
  const props = node.properties as Record<string, JsonSchema> | undefined;
  if (node.type === "object" && props && Object.keys(props).length > 0) {
    for (const [key, child] of Object.entries(props)) walk(child, [...segments, key], out);
    return;
  }
  const key = segments[segments.length - 1] ?? "";
  const secret = node.secret === true;
  const field: ValueField = {
    path: segments.join("."),
    segments,
    label: typeof node.title === "string" ? node.title : labelFromKey(key),
    help: typeof node.description === "string" ? node.description : "",
    control: controlOf(node, secret),
    default: node.default,
    secret,
  };
  if (Array.isArray(node.enum)) field.options = node.enum.map(String);
  if (typeof node.minimum === "number") field.minimum = node.minimum;
  if (typeof node.maximum === "number" && node.maximum < Number.MAX_SAFE_INTEGER) field.maximum = node.maximum;
  if (typeof node.pattern === "string") field.pattern = node.pattern;
  out.push(field);
}

function controlOf(node: JsonSchema, secret: boolean): FieldControl {
  if (secret) return "secret";
  if (Array.isArray(node.enum)) return "select";
  switch (node.type) {
    case "boolean":
      return "switch";
    case "integer":
      return "integer";
    case "number":
      return "number";
    case "array":
      return "list";
    case "object":
      return "map";
    default:
      // Strings and unions such as int-or-percent are typed as text and validated by the schema.
      return "text";
  }
}
