/**
 * The README's values table (Markdown), generated from the model so the documentation cannot drift.
 * One sub-table per top-level section, in values.yaml order.
 */
import type { FieldControl, ValueField } from "./fields";

export const VALUES_TABLE_START = "<!-- values-table:start -->";
export const VALUES_TABLE_END = "<!-- values-table:end -->";

/** The value type a reader of the README expects, per form control. */
const TYPE_NAMES: Record<FieldControl, string> = {
  text: "string",
  secret: "string (secret)",
  integer: "integer",
  number: "number",
  switch: "boolean",
  select: "string",
  list: "list",
  map: "map",
};

/** Renders the fields as Markdown tables, headed by each section's title. */
export function renderValuesTable(fields: readonly ValueField[], sectionTitles: ReadonlyMap<string, string>): string {
  const out: string[] = [];
  let section: string | undefined;
  for (const f of fields) {
    const top = f.segments[0] ?? "";
    if (top !== section) {
      section = top;
      if (out.length > 0) out.push("");
      out.push(`### ${sectionTitles.get(top) ?? top}`, "", "| Name | Description | Type | Default |", "| --- | --- | --- | --- |");
    }
    const type = f.options ? f.options.map((o) => `\`${o}\``).join(" \\| ") : TYPE_NAMES[f.control];
    out.push(`| \`${f.path}\` | ${cell(f.help)} | ${type} | ${cell(code(f.default))} |`);
  }
  return out.join("\n") + "\n";
}

/** Replaces the text between the markers; throws when the markers are missing or out of order. */
export function replaceValuesTable(readme: string, table: string): string {
  const start = readme.indexOf(VALUES_TABLE_START);
  const end = readme.indexOf(VALUES_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README has no ${VALUES_TABLE_START} … ${VALUES_TABLE_END} region`);
  return readme.slice(0, start + VALUES_TABLE_START.length) + "\n" + table + readme.slice(end);
}

function code(v: unknown): string {
  return "`" + JSON.stringify(v ?? null) + "`";
}

// A `|` would end the cell; Markdown tables have no other special characters inside a row.
function cell(s: string): string {
  return s.replaceAll("|", "\\|").replaceAll("\n", " ");
}
