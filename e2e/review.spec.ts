import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test, type StudioPage } from "./fixtures";

// Written by every run, for the README.
const SCREENSHOTS = path.resolve("e2e", "screenshots");

test.describe("review", () => {
  // Room for the review pane beside the form, as on a desktop screen.
  test.use({ viewport: { width: 1600, height: 1000 } });

  test.beforeEach(async ({ studio, page }) => {
    await studio.open();
    await expect(page.getByTestId("render-status")).toHaveText(/rendered in \d+ ms/);
  });

  test("edits a value and the preview changes", async ({ studio, page }) => {
    await showResource(studio, "Deployment developer-mesh-worker");
    await expect(previewLines(studio)).toContainText("replicas: 1");
    await screenshot(page, "review-preview.png");

    const started = Date.now();
    await pasteValues(page, "worker:\n  replicaCount: 7\n");
    // The navigator may still list the previous output for a moment: reveal again until the new one shows.
    await expect(async () => {
      await showResource(studio, "Deployment developer-mesh-worker");
      await expect(previewLines(studio)).toContainText("replicas: 7", { timeout: 1000 });
    }).toPass();
    test.info().annotations.push({ type: "edit-to-preview", description: `${Date.now() - started} ms (paste, render, reveal)` });
  });

  test("a required failure shows the template location, its source and the field; fixing it clears the error", async ({ studio, page }) => {
    await page.getByRole("tab", { name: "base", exact: true }).click();
    await pasteValues(page, 'rest-api:\n  ingress:\n    enabled: true\n    host: ""\n');
    const error = studio.review.getByRole("alert", { name: "Render error" });
    await expect(error).toContainText("rest-api.ingress.host is required when rest-api.ingress.enabled is true");
    await expect(error.getByTestId("error-location")).toHaveText("developer-mesh/charts/rest-api/templates/ingress.yaml:1:4");
    await expect(studio.review.getByTestId("preview-output")).toHaveAttribute("data-stale", "true");
    await error.getByRole("button", { name: "Open template" }).click();
    await expect(studio.review.getByRole("textbox", { name: "Template charts/rest-api/templates/ingress.yaml (read only)" })).toBeAttached();
    await screenshot(page, "review-error.png");

    await error.getByRole("link", { name: "Go to rest-api.ingress.host" }).click();
    await expect(page).toHaveURL(/\?path=rest-api\.ingress\.host/);
    await expect(studio.centre.getByRole("heading", { level: 1 })).toHaveText("REST API");

    await pasteValues(page, "rest-api:\n  ingress:\n    enabled: true\n    host: api.example.com\n");
    await expect(studio.review.getByRole("alert", { name: "Render error" })).toHaveCount(0);
    await expect(studio.review.getByTestId("preview-output")).toHaveAttribute("data-stale", "false");
  });

  test("diffs prod against the chart defaults and against staging", async ({ studio, page }) => {
    await page.getByRole("tab", { name: "prod", exact: true }).click();
    await studio.review.getByRole("tab", { name: "Diff" }).click();
    const changed = studio.review.getByRole("region", { name: "Changed resources" });
    await expect(changed).toContainText("NetworkPolicy/developer-mesh-rest-api added");
    await expect(changed).toContainText("Deployment/developer-mesh-rest-api:");
    await screenshot(page, "review-diff.png");
    await studio.review.getByLabel(/Compare prod with/).selectOption({ label: "environment staging" });
    await expect(changed).toContainText(/Deployment\/developer-mesh-rest-api: /);
    await expect(changed).not.toContainText("NetworkPolicy/developer-mesh-rest-api added");
  });

  test("a latest tag in prod is a finding linked to its field, and the map shows prod's NetworkPolicy edges", async ({ studio, page }) => {
    await page.getByRole("tab", { name: "prod", exact: true }).click();
    const prod = await readFile(path.resolve("chart-templates/developer-mesh/values-prod.yaml"), "utf8");
    // The chart itself refuses `latest` in prod; turn that guard off to see the finding.
    const latest = prod.replace("forbidLatestTag: true", "forbidLatestTag: false").replace(/^rest-api:\n/m, "rest-api:\n  image:\n    tag: latest\n");
    await pasteValues(page, latest);
    await expect(studio.review.getByRole("tab", { name: /^Findings \(\d+\)$/ })).toBeVisible();
    await studio.review.getByRole("tab", { name: /^Findings/ }).click();
    const finding = studio.review.getByRole("list", { name: "Findings" }).locator('li[data-rule="LATEST_TAG"]').first();
    await expect(finding).toContainText("Deployment/developer-mesh-rest-api");
    await expect(finding.getByRole("link", { name: "Go to rest-api.image.tag" })).toHaveAttribute("href", "?path=rest-api.image.tag");
    await screenshot(page, "review-findings.png");

    await studio.review.getByRole("tab", { name: "Footprint" }).click();
    await expect(studio.review.getByRole("table")).toContainText("rest-api");
    await screenshot(page, "review-footprint.png");

    await studio.review.getByRole("tab", { name: "Map" }).click();
    const map = studio.review.getByRole("img", { name: "Topology of prod" });
    await expect(map.locator('[data-edge="allowed"]').first()).toBeAttached();
    await expect(map.locator('[data-edge="denied"]').first()).toBeAttached();
    const download = await Promise.all([page.waitForEvent("download"), studio.review.getByRole("button", { name: "Download SVG" }).click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe("topology-prod.svg");
    expect(await readFile(await download.path(), "utf8")).toContain("<svg");
    // The whole picture, however wide: the pane scrolls it.
    await map.screenshot({ path: path.join(SCREENSHOTS, "review-map.png") });
  });

  test("verifies the preview with the real Helm", async ({ studio }) => {
    await studio.review.getByRole("button", { name: "Verify with Helm" }).click();
    await expect(studio.review.getByRole("status").filter({ hasText: /identical|differs|Helm/ })).toHaveText("✓ identical to helm template");
  });
});

function previewLines(studio: StudioPage) {
  return studio.review.getByTestId("preview-output").locator(".monaco-editor .view-lines");
}

async function showResource(studio: StudioPage, label: string): Promise<void> {
  await studio.review.getByRole("navigation", { name: "Resources" }).getByRole("button", { name: label }).click();
}

/** Replaces the active layer through the centre's "Paste values…" import. */
async function pasteValues(page: Page, text: string): Promise<void> {
  await page.getByRole("button", { name: "Paste values…" }).click();
  await page.getByLabel("Values to import (YAML)").fill(text);
  await page.getByRole("button", { name: "Import pasted values" }).click();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}
