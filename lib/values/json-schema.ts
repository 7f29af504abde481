/**
 * zod model → values.schema.json files for the umbrella chart and each subchart.
 *
 * Helm validates the coalesced values: the parent's schema against the whole tree, and each
 * subchart's schema against `values[<sub>]` (which then also carries the parent's `global` copy).
 * So every subchart section of the umbrella file allows `global`.
 *
 * Subcharts get no values.schema.json of their own: their defaults live in the umbrella values.yaml,
 * they render only inside the umbrella (they use its helpers), and a second copy of a section's schema
 * would make Helm report every violation twice (once per chart).
 */
import { z } from "zod";
import { SUBCHARTS, valuesSchema } from "./schema";

/** A JSON Schema (draft-07) document as plain JSON. */
export type JsonSchema = { [key: string]: unknown };

const GLOBAL_PASSTHROUGH: JsonSchema = {
  type: "object",
  description: "Global values, copied into every subchart by Helm (see the umbrella chart's global.* values).",
};

/** Converts a zod schema the way every values.schema.json here is produced. */
export function toDraft07(schema: z.ZodType): JsonSchema {
  // io "input": values that have defaults are not `required`, since Helm merges values.yaml first.
  return z.toJSONSchema(schema, { target: "draft-07", io: "input" }) as JsonSchema;
}

/** The umbrella chart's values.schema.json. */
export function umbrellaJsonSchema(): JsonSchema {
  const json = toDraft07(valuesSchema);
  const props = json.properties as Record<string, JsonSchema>;
  for (const sub of SUBCHARTS) {
    const section = props[sub];
    if (!section) throw new Error(`model has no section for subchart ${sub}`);
    props[sub] = withGlobal(section);
  }
  return json;
}

/** Serialises a schema exactly as the committed files are written (2-space indent, final newline). */
export function formatJsonSchema(json: JsonSchema): string {
  return JSON.stringify(json, null, 2) + "\n";
}

function withGlobal(section: JsonSchema): JsonSchema {
  const properties = { ...(section.properties as Record<string, JsonSchema>), global: GLOBAL_PASSTHROUGH };
  return { ...section, properties };
}
