import { describe, expect, it } from "vitest";
import type { ValueField } from "./fields";
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
        '| `global.p` | help | secret | `"x"` |',
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

  it("refuses a README without markers", () => {
    expect(() => replaceValuesTable("# Chart\n", "t\n")).toThrow(/values-table:start/);
  });
});
