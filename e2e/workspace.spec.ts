import { gunzipSync } from "node:zlib";
import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.describe("workspace", () => {
  test("creates an environment, exports it, survives a reload and opens from a permalink", async ({ studio, page, browser }) => {
    // Three page loads, each mounting Monaco, on a busy two-core machine.
    test.slow();
    await studio.open();
    const status = page.getByTestId("workspace-status");
    await expect(status).toHaveText("New workspace from the chart");

    await test.step("create an environment", async () => {
      await page.getByRole("button", { name: "Add environment" }).click();
      await page.getByLabel("Environment name").fill("qa");
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await expect(page.getByRole("tab", { name: "qa", exact: true })).toHaveAttribute("aria-selected", "true");
    });

    await test.step("change a value", async () => {
      await page.getByRole("tab", { name: "YAML", exact: true }).click();
      const input = studio.editorInput(/Values of environment qa/);
      await expect(input).toBeAttached();
      await input.focus();
      await page.keyboard.insertText("worker: {replicaCount: 5}");
      await expect(studio.centre.locator(".monaco-editor .view-lines").first()).toContainText("replicaCount: 5");
    });

    await test.step("compare it with the other environments", async () => {
      await page.getByText("Compare environments").click();
      const row = page.getByRole("row", { name: /^worker\.replicaCount/ });
      // One cell per environment; qa, added last, sets the value itself.
      await expect(row.getByRole("cell")).toHaveCount(4);
      await expect(row.getByRole("cell").last()).toHaveText("5 env");
      await page.getByText("Compare environments").click();
    });

    await test.step("export the overrides and the chart package", async () => {
      await page.getByText("Export", { exact: true }).click();
      const values = await download(page, () => page.getByRole("button", { name: "Download values-qa.yaml" }).click());
      expect(values.suggestedFilename()).toBe("values-qa.yaml");
      const text = await readFile(await values.path(), "utf8");
      expect(text).toBe("# developer-mesh 0.1.0: environment qa, overrides of the chart defaults\n\nworker:\n  replicaCount: 5\n");

      const pkg = await download(page, () => page.getByRole("button", { name: "Download chart package (.tgz)" }).click());
      expect(pkg.suggestedFilename()).toBe("developer-mesh-0.1.0.tgz");
      const tar = gunzipSync(await readFile(await pkg.path())).toString("latin1");
      expect(tar.slice(0, 100)).toContain("developer-mesh/Chart.yaml");
      expect(tar).toContain("developer-mesh/values-qa.yaml");
      expect(tar).toContain("developer-mesh/charts/rest-api/Chart.yaml");
      await expect(page.getByTestId("helm-command")).toHaveText("helm upgrade --install developer-mesh ./developer-mesh-0.1.0.tgz -n devmesh");
    });

    await test.step("reload: the workspace is restored", async () => {
      await page.reload();
      await expect(status).toHaveText("Restored from this browser");
      await expect(page.getByRole("tab", { name: "qa", exact: true })).toHaveAttribute("aria-selected", "true");
      await page.getByRole("tab", { name: "YAML", exact: true }).click();
      await expect(studio.centre.locator(".monaco-editor .view-lines").first()).toContainText("replicaCount: 5");
    });

    await test.step("open the permalink in a fresh browser context", async () => {
      await page.getByText("Export", { exact: true }).click();
      await page.getByRole("button", { name: "Copy permalink" }).click();
      const link = await page.getByLabel("Permalink").inputValue();
      expect(link).toMatch(/#ws=[A-Za-z0-9_-]+$/);
      const context = await browser.newContext();
      try {
        const other = await context.newPage();
        await other.goto(link);
        await expect(other.getByTestId("workspace-status")).toHaveText("Opened from a link (secrets are not shared)");
        await expect(other.getByRole("tab", { name: "qa", exact: true })).toHaveAttribute("aria-selected", "true");
        await other.getByRole("tab", { name: "YAML", exact: true }).click();
        await expect(other.getByRole("main").locator(".monaco-editor .view-lines").first()).toContainText("replicaCount: 5");
      } finally {
        await context.close();
      }
    });
  });
});

/** Clicks and waits for the download it starts. */
async function download(page: Page, click: () => Promise<void>): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  return d;
}
