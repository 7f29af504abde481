/**
 * The form's view of the values model: every leaf of values.yaml (lib/values/fields) with the control
 * it needs, the rail node and the section it sits in. Derived from the same draft-07 JSON Schema that
 * Helm checks, so the form offers exactly what the chart accepts.
 */
import { labelFromKey, valueFields, type ValueField } from "../values/fields";
import { toDraft07, type JsonSchema } from "../values/json-schema";
import { valuesSchema } from "../values/schema";

/** The control a field gets. */
export type FieldKind =
  | "text"
  | "quantity"
  | "duration"
  | "int-or-percent"
  | "secret"
  | "integer"
  | "number"
  | "switch"
  | "select"
  | "string-list"
  | "object-list"
  | "string-map"
  | "yaml";

export interface AuthoringField extends ValueField {
  kind: FieldKind;
  /** The rail node showing it: `global` (for `global.*` and the umbrella's own keys) or a subchart. */
  node: string;
  /** Key of its section inside the node (`image`, `autoscaling`; `general` for top-level leaves). */
  section: string;
  sectionTitle: string;
}

/** Top-level keys that belong to the umbrella chart itself, shown under Global. */
const UMBRELLA_KEYS = new Set(["global", "namespace"]);

// The constraint regexes of lib/values/constraints, recognised by their source text.
const QUANTITY_SOURCE = "^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$";
const DURATION_SOURCE = "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$";

/** Every leaf of the model with its form metadata, in values.yaml order. */
export function authoringFields(schema: JsonSchema = toDraft07(valuesSchema)): AuthoringField[] {
  return valueFields(schema).map((f) => {
    const node = schemaAt(schema, f.segments) ?? {};
    const top = f.segments[0] ?? "";
    const nodeId = UMBRELLA_KEYS.has(top) ? "global" : top;
    // `global.image.registry` sits in section "image" of Global; `namespace.create` in "namespace".
    const sectionKeys = top === "global" ? f.segments.slice(1) : top === "namespace" ? f.segments : f.segments.slice(1);
    const section = sectionKeys.length > 1 ? (sectionKeys[0] ?? "general") : "general";
    const sectionNode = section === "general" ? undefined : schemaAt(schema, top === "namespace" ? [top] : [top, section]);
    return {
      ...f,
      kind: kindOf(f, node),
      node: nodeId,
      section,
      sectionTitle: section === "general" ? "General" : titleOf(sectionNode, section),
    };
  });
}

/** The JSON Schema of the value at `segments`, when the model describes it. */
export function schemaAt(schema: JsonSchema, segments: readonly string[]): JsonSchema | undefined {
  let cur: JsonSchema | undefined = schema;
  for (const key of segments) cur = (cur?.properties as Record<string, JsonSchema> | undefined)?.[key];
  return cur;
}

function titleOf(node: JsonSchema | undefined, key: string): string {
  return typeof node?.title === "string" ? node.title : labelFromKey(key);
}

function kindOf(f: ValueField, node: JsonSchema): FieldKind {
  switch (f.control) {
    case "text":
      if (isIntOrPercent(node)) return "int-or-percent";
      if (f.pattern === QUANTITY_SOURCE) return "quantity";
      if (f.pattern === DURATION_SOURCE) return "duration";
      return "text";
    case "list": {
      const items = node.items as JsonSchema | undefined;
      return items?.type === "string" ? "string-list" : "object-list";
    }
    case "map": {
      const extra = node.additionalProperties as JsonSchema | undefined;
      return extra?.type === "string" ? "string-map" : "yaml";
    }
    default:
      return f.control;
  }
}

/** Kubernetes' IntOrString as the model writes it: an integer or a string (`1`, `25%`). Other unions (a host or empty) are text. */
function isIntOrPercent(node: JsonSchema): boolean {
  const options = Array.isArray(node.anyOf) ? (node.anyOf as JsonSchema[]) : [];
  return options.some((o) => o.type === "integer") && options.some((o) => o.type === "string");
}
