import { expect, test } from "./fixtures";

test.describe("values editor", () => {
  test("explains and checks the default values with the chart's schema, offline", async ({ studio, page }) => {
    await studio.open();
    await studio.showDefaults();
    await expect(studio.centre).toContainText("checked against values.schema.json");
    const lines = studio.editorLines(/Default values of Global/);
    await expect(lines).toContainText("environment");

    // Hover text comes from the schema through monaco-yaml's worker: proof the worker and schema are wired.
    await lines.locator("span span", { hasText: /^environment$/ }).first().hover();
    await expect(page.locator(".monaco-hover").filter({ hasText: "Value of ENVIRONMENT" })).toBeVisible();

    // The chart's defaults satisfy its schema, and the `$schema=values.schema.json` modeline resolves in memory.
    await expect(studio.editor(/Default values of Global/).locator(".squiggly-error")).toHaveCount(0);
  });
});
