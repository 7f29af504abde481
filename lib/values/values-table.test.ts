import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chartDir } from "./chart-files.test-util";
import { sectionTitles, valueFields, type ValueField } from "./fields";
import { renderValuesTable, replaceValuesTable, VALUES_TABLE_END, VALUES_TABLE_START } from "./values-table";

const field = (path: string, extra: Partial<ValueField> = {}): ValueField => ({
  path,
  segments: path.split("."),
  label: "",
  help: "help",
  control: "text",
  default: "",
  secret: false,
  ...extra,
});

describe("values/values-table", () => {
  it("renders one table per section with escaped cells", () => {
    const table = renderValuesTable(
      [
        field("global.a", { help: "a | b", default: 3, control: "integer" }),
        field("global.p", { control: "secret", secret: true, default: "x" }),
        field("web.mode", { control: "select", options: ["on", "off"], default: "on" }),
      ],
      new Map([["global", "Global parameters"]]),
    );
    expect(table).toBe(
      [
        "### Global parameters",
        "",
        "| Name | Description | Type | Default |",
        "| --- | --- | --- | --- |",
        "| `global.a` | a \\| b | integer | `3` |",
        '| `global.p` | help | string (secret) | `"x"` |',
        "",
        "### web",
        "",
        "| Name | Description | Type | Default |",
        "| --- | --- | --- | --- |",
        '| `web.mode` | help | `on` \\| `off` | `"on"` |',
        "",
      ].join("\n"),
    );
  });

  it("replaces only the text between the markers", () => {
    const readme = `# Chart\n\n${VALUES_TABLE_START}\nold\n${VALUES_TABLE_END}\n\nfooter\n`;
    expect(replaceValuesTable(readme, "new\n")).toBe(`# Chart\n\n${VALUES_TABLE_START}\nnew\n${VALUES_TABLE_END}\n\nfooter\n`);
  });

  it("matches the table committed in the chart README (run `npm run gen:schema` after changing the model)", () => {
    const readme = readFileSync(path.join(chartDir, "README.md"), "utf8");
    expect(readme).toBe(replaceValuesTable(readme, renderValuesTable(valueFields(), sectionTitles())));
  });

  it("refuses a README without markers", () => {
    expect(() => replaceValuesTable("# Chart\n", "t\n")).toThrow(/values-table:start/);
  });
});
