/**
 * values.schema.json validation with Helm v4.1.4's exact messages (santhosh-tekuri/jsonschema v6),
 * and the error Helm builds from them for a chart and its subcharts.
 */
import { goTypeName, isGoMap, type GoMap, type Value } from "../../template/value";
import { checkMetaschema } from "./metaschema";
import { parseSchemaJson, type Json } from "./parse-schema-json";
import { slogValue } from "../manifests";
import { Resolver, draftOf } from "./resolver";
import { displayLines } from "./validation-error";
import { SchemaValidator } from "./validator";

import { SchemaError } from "./schema-error";

export { SchemaError };
export type { SchemaErrorCode } from "./schema-error";

/** A schema parsed and compiled (patterns included), ready to validate any number of values. */
interface CompiledSchema {
  root: Json;
  validator: SchemaValidator;
  /** The URNs it loaded, each as the permissive schema `true`. */
  urns: readonly string[];
}

/** Helm's warning (once per URN and run) for a URN its loader read as the permissive schema `true`. */
const urnWarning = (urn: string): string => `level=WARN msg="unresolved URN reference ignored; using permissive schema" urn=${slogValue(urn)}`;

/**
 * Compiled schemas by their text, most recently used last: parsing a schema and compiling its patterns
 * costs far more than validating values against it, and a chart's schema never changes between renders.
 */
const compiled = new Map<string, CompiledSchema>();
const COMPILED_MAX = 16;

/** The compiled schema; `warn` hears of each URN it loads, also when compiling then fails. */
function compileSchema(schemaText: string, warn: (urn: string) => void): CompiledSchema {
  let c = compiled.get(schemaText);
  if (c === undefined) {
    const root = parseSchemaJson(schemaText);
    const draft = draftOf(root);
    const urns: string[] = [];
    let resolver: Resolver;
    try {
      // santhosh's order: ids and $schema while collecting resources, the metaschema, then references and patterns.
      resolver = new Resolver(root, draft, undefined, [], urns);
      checkMetaschema(root, draft, resolver.dialects);
      resolver.resolveRefs();
    } finally {
      urns.forEach(warn);
    }
    c = { root, validator: new SchemaValidator(resolver, draft), urns };
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value ?? "");
  } else {
    compiled.delete(schemaText);
    c.urns.forEach(warn);
  }
  compiled.set(schemaText, c);
  return c;
}

/**
 * The lines Helm prints for `values` against one chart's schema (`- at '/port': got string, want
 * integer`, nested causes indented by two spaces); empty when valid. Throws SchemaError when the schema
 * itself is unusable. Where Go's map order makes Helm's order vary, properties come sorted.
 */
export function validateValues(schemaText: string, values: GoMap, warn: (urn: string) => void = () => {}): string[] {
  const { root, validator } = compileSchema(schemaText, warn);
  if (validator.decidable && validator.isValid(values)) return [];
  const e = validator.validate(values, root, []);
  if (e === null) return [];
  return displayLines(e.group ? e.causes : [e]);
}

/** One chart's failed validation, for formatSchemaFailure. */
export interface ChartSchemaErrors {
  chartName: string;
  /** Lines from validateValues, Helm's line for non-map subchart values, or a SchemaError's message. */
  errors: string[];
  /** The schema itself was unusable: Helm prints the error without the trailing newline. */
  schemaInvalid?: boolean;
}

/** Helm's error text (after `Error: `) for the charts whose values failed, in Helm's order. */
export function formatSchemaFailure(perChart: readonly ChartSchemaErrors[]): string {
  const body = perChart
    .map((c) => `${c.chartName}:\n${c.errors.join("\n")}${c.schemaInvalid ? "" : "\n"}`)
    .join("");
  return `values don't meet the specifications of the schema(s) in the following chart(s):\n${body}`;
}

/** The part of a chart tree schema validation needs. */
export interface SchemaChart {
  /** Chart.yaml name (Helm looks subchart values up by name, not alias). */
  name: string;
  /** values.schema.json text, when the chart has one. */
  schema?: string;
  dependencies: readonly SchemaChart[];
}

/**
 * Helm's ValidateAgainstSchema: the chart's schema against its values, then each dependency against
 * `values[dep.name]` (skipped when absent or null), depth first. Returns the failures in print order;
 * an unusable schema is reported in place, as Helm does. `warn` gets Helm's log lines (an unresolved
 * URN, once per URN).
 */
export function validateChartTree(chart: SchemaChart, values: GoMap, warn: (line: string) => void = () => {}): ChartSchemaErrors[] {
  const warned = new Set<string>();
  return validateTree(chart, values, (urn) => {
    if (warned.has(urn)) return;
    warned.add(urn);
    warn(urnWarning(urn));
  });
}

function validateTree(chart: SchemaChart, values: GoMap, warnUrn: (urn: string) => void): ChartSchemaErrors[] {
  const out: ChartSchemaErrors[] = [];
  if (chart.schema !== undefined) {
    try {
      const errors = validateValues(chart.schema, values, warnUrn);
      if (errors.length > 0) out.push({ chartName: chart.name, errors });
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      out.push({ chartName: chart.name, errors: [e.message], schemaInvalid: true });
    }
  }
  for (const dep of chart.dependencies) {
    const raw: Value | undefined = values.get(dep.name);
    if (raw === undefined || raw === null) continue;
    if (!isGoMap(raw)) {
      out.push({ chartName: dep.name, errors: [`invalid type for values: expected object (map), got ${goTypeName(raw)}`] });
      continue;
    }
    out.push(...validateTree(dep, raw, warnUrn));
  }
  return out;
}
