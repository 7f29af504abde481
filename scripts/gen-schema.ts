/**
 * `npm run gen:schema`: writes the chart's values.schema.json and the README values table from the
 * zod model (lib/values/schema.ts). Tests fail when the committed files differ from this output.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sectionTitles, valueFields } from "../lib/values/fields";
import { formatJsonSchema, umbrellaJsonSchema } from "../lib/values/json-schema";
import { renderValuesTable, replaceValuesTable, VALUES_TABLE_END, VALUES_TABLE_START } from "../lib/values/values-table";

const chartDir = path.resolve(import.meta.dirname, "../chart-templates/developer-mesh");

const schemaPath = path.join(chartDir, "values.schema.json");
writeFileSync(schemaPath, formatJsonSchema(umbrellaJsonSchema()));
console.log(`wrote ${path.relative(process.cwd(), schemaPath)}`);

const readmePath = path.join(chartDir, "README.md");
if (!existsSync(readmePath)) {
  console.log("README.md not found: values table skipped");
} else {
  let readme = readFileSync(readmePath, "utf8");
  // The chart's author owns the README; the markers are added only when they are missing.
  if (!readme.includes(VALUES_TABLE_START)) readme = `${readme.trimEnd()}\n\n## Parameters\n\n${VALUES_TABLE_START}\n${VALUES_TABLE_END}\n`;
  writeFileSync(readmePath, replaceValuesTable(readme, renderValuesTable(valueFields(), sectionTitles())));
  console.log(`wrote the values table of ${path.relative(process.cwd(), readmePath)}`);
}
