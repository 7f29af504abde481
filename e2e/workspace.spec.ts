import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import type { Download, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.describe("workspace", () => {
  test("creates an environment, exports it, survives a reload and opens from a permalink", async ({ studio, page, browser, context }) => {
    // Three page loads, each mounting Monaco, on a busy two-core machine.
    test.slow();
    await studio.open();
    const status = page.getByTestId("workspace-status");
    await expect(status).toHaveText("New workspace from the chart");

    await test.step("create an environment", async () => {
      // Escape closes the form, and focus goes back to its button.
      await page.getByRole("button", { name: "Add environment" }).click();
      await expect(page.getByLabel("Environment name")).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(page.getByLabel("Environment name")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Add environment" })).toBeFocused();
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

    await test.step("the YAML tab marks each key with the layer that sets it", async () => {
      const mark = studio.centre.locator(".monaco-editor .devmesh-prov-env").first();
      await expect(mark).toBeVisible();
      // The glyph sits under Monaco's margin layers; the mouse only has to be there for Monaco's hit test.
      await mark.hover({ force: true });
      await expect(page.locator(".monaco-hover").filter({ hasText: "Set in environment qa, over the chart default" }).first()).toBeVisible();
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

    await test.step("copy the helm command", async () => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      await page.getByRole("button", { name: "Copy helm command" }).click();
      await expect(page.getByText("Copied the helm command")).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("helm upgrade --install developer-mesh ./developer-mesh-0.1.0.tgz -n devmesh");
    });

    await test.step("download all environments at once", async () => {
      const zip = await download(page, () => page.getByRole("button", { name: "Download all environments (.zip)" }).click());
      expect(zip.suggestedFilename()).toBe("developer-mesh-0.1.0-values.zip");
      const bytes = (await readFile(await zip.path())).toString("latin1");
      for (const env of ["dev", "staging", "prod", "qa"]) expect(bytes).toContain(`values-${env}.yaml`);
    });

    await test.step("a secret in base stays out of exports; its plaintext file warns for prod", async () => {
      await page.getByRole("tab", { name: "base", exact: true }).click();
      await page.getByRole("tab", { name: "YAML", exact: true }).click();
      const input = studio.editorInput(/Values of the base layer/);
      await expect(input).toBeAttached();
      await input.focus();
      await page.keyboard.insertText("worker: {replicaCount: 2, secrets: {artifactoryApiKey: s3cret-key}}");
      await expect(studio.centre.locator(".monaco-editor .view-lines").first()).toContainText("s3cret-key");
      await expect(studio.centre.locator(".monaco-editor .devmesh-prov-base").first()).toBeVisible();
      await openExport(page);
      await page.getByRole("group", { name: "Export" }).getByLabel("Environment").selectOption("prod");
      const values = await download(page, () => page.getByRole("button", { name: "Download values-prod.yaml" }).click());
      expect(await readFile(await values.path(), "utf8")).not.toContain("s3cret-key");
      // Called off at the warning: no file, and the status line says so.
      page.once("dialog", (d) => void d.dismiss());
      await page.getByRole("button", { name: "Download plaintext secrets…" }).click();
      await expect(page.getByRole("group", { name: "Export" }).getByRole("status")).toHaveText("Cancelled: nothing was downloaded");
      let warning = "";
      page.once("dialog", (d) => {
        warning = d.message();
        void d.accept();
      });
      const secrets = await download(page, () => page.getByRole("button", { name: "Download plaintext secrets…" }).click());
      expect(warning).toContain("prod looks like production");
      expect(secrets.suggestedFilename()).toBe("values-prod.secrets.yaml");
      expect(await readFile(await secrets.path(), "utf8")).toContain("artifactoryApiKey: s3cret-key");
    });

    await test.step("the CLI writes what the browser downloads, from the saved workspace file", async () => {
      const wsFile = await download(page, () => page.getByRole("button", { name: "Save workspace file" }).click());
      const values = await download(page, () => page.getByRole("button", { name: "Download values-prod.yaml" }).click());
      const pkg = await download(page, () => page.getByRole("button", { name: "Download chart package (.tgz)" }).click());
      const dir = mkdtempSync(path.join(tmpdir(), "e2e-workspace-cli-"));
      const printed = cli(["values", "--workspace", await wsFile.path(), "--env", "prod"], dir);
      expect(printed).toBe(await readFile(await values.path(), "utf8"));
      cli(["package", "--workspace", await wsFile.path(), "--env", "prod", "-o", "cli.tgz"], dir);
      expect((await readFile(path.join(dir, "cli.tgz"))).equals(await readFile(await pkg.path()))).toBe(true);
      // Back to qa, which the reload and the permalink open on.
      await page.getByRole("tab", { name: "qa", exact: true }).click();
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
        // Base kept everything but its secret.
        await other.getByRole("tab", { name: "base", exact: true }).click();
        const baseLines = other.getByRole("main").locator(".monaco-editor .view-lines").first();
        await expect(baseLines).toContainText("worker");
        await expect(baseLines).not.toContainText("s3cret-key");
      } finally {
        await context.close();
      }
    });
  });
});

test.describe("the last export", () => {
  test("is kept over a reload: the diff against it names what changed, and closing the tab warns", async ({ studio, page }) => {
    // Two page loads, each mounting Monaco, on a busy two-core machine.
    test.slow();
    await defineIdb(page);
    await studio.open();
    await expect(page.getByTestId("workspace-status")).toHaveText("New workspace from the chart");
    const layer = (name: string) => page.getByRole("tablist", { name: "Layers" }).getByRole("tab", { name, exact: true });
    await layer("prod").click();
    const lastExport = page.getByTestId("last-export");
    const memory = studio.centre.locator('[name="worker.resources.limits.memory"]');

    await test.step("export prod's values", async () => {
      await openExport(page);
      await expect(lastExport).toHaveText("prod has not been exported from this browser.");
      const values = await download(page, () => page.getByRole("button", { name: "Download values-prod.yaml" }).click());
      expect(await readFile(await values.path(), "utf8")).toMatch(/^worker:\n {2}replicaCount: 3\n {2}resources:\n(?: {4}.*\n)* {6}memory: 4Gi\n/m);
      await expect(lastExport).toHaveText(/^Last export of prod: values-prod\.yaml \(Overrides of the chart defaults\), .+; unchanged since\.$/);
      expect(await wouldWarn(page), "just exported").toBe(false);
      await page.getByText("Export", { exact: true }).click();
    });

    await test.step("edit a value of prod", async () => {
      await studio.railItem(/^(worker|Worker)/).click();
      await expect(memory).toHaveValue("4Gi");
      await memory.fill("6Gi");
      await expect.poll(() => wouldWarn(page)).toBe(true);
    });

    await test.step("reload: the change since the export is still unsaved export state", async () => {
      // Reload only once autosave has written the edit.
      await expect.poll(() => page.evaluate(() => idb("readonly", (s) => s.get("current")).then((r) => JSON.stringify(r)))).toContain("memory: 6Gi");
      await page.reload();
      await expect(page.getByTestId("workspace-status")).toHaveText("Restored from this browser");
      await expect(layer("prod")).toHaveAttribute("aria-selected", "true");
      await expect.poll(() => wouldWarn(page), "the record outlives the page").toBe(true);
      await openExport(page);
      await expect(lastExport).toHaveText(/^Last export of prod: values-prod\.yaml \(Overrides of the chart defaults\), .+; changed since\.$/);
      await page.getByText("Export", { exact: true }).click();
    });

    await test.step("diff against the last export: the changed resource and field", async () => {
      await studio.review.getByRole("tab", { name: "Diff" }).click();
      const target = studio.review.getByLabel(/Compare prod with/);
      const option = (await target.locator("option", { hasText: /^last export \(.+\)$/ }).textContent()) ?? "";
      await target.selectOption({ label: option });
      const changed = studio.review.getByRole("region", { name: "Changed resources" });
      await expect(changed.getByRole("heading")).toContainText(`differ from ${option}`);
      await expect(changed.getByRole("listitem").filter({ hasText: /^Deployment\/developer-mesh-worker: / })).toContainText("memory limits[0] 4Gi → 6Gi");
    });

    await test.step("an environment never exported offers no last export", async () => {
      await layer("dev").click();
      const target = studio.review.getByLabel(/Compare dev with/);
      await expect(target.locator("option", { hasText: /last export/ })).toHaveCount(0);
      await expect(target.locator("option:checked")).toHaveText("chart defaults");
    });

    await test.step("exporting prod again ends the unsaved export state", async () => {
      await layer("prod").click();
      await openExport(page);
      await download(page, () => page.getByRole("button", { name: "Download values-prod.yaml" }).click());
      await expect(lastExport).toHaveText(/; unchanged since\.$/);
      expect(await wouldWarn(page)).toBe(false);
    });
  });
});

test.describe("workspace outside the page", () => {
  test("the HTTP API answers the package the browser downloads for the same workspace", async ({ studio, page }) => {
    await studio.open();
    await expect(page.getByTestId("workspace-status")).toHaveText("New workspace from the chart");
    await page.getByText("Export", { exact: true }).click();
    await page.getByRole("group", { name: "Export" }).getByLabel("Environment").selectOption("prod");
    const pkg = await download(page, () => page.getByRole("button", { name: "Download chart package (.tgz)" }).click());
    const res = await page.request.post("/api/package?env=prod", { headers: { "content-type": "application/yaml" }, data: "" });
    expect(res.status()).toBe(200);
    expect(Buffer.from(await res.body()).equals(await readFile(await pkg.path()))).toBe(true);
  });

  test("an unreadable saved workspace is kept aside with a message, and autosave goes on", async ({ studio, page }) => {
    await defineIdb(page);
    await studio.open();
    await expect(page.getByTestId("workspace-status")).toHaveText("New workspace from the chart");
    // The fresh workspace's first autosave, so that nothing writes after the record below.
    await expect.poll(() => page.evaluate(() => idb("readonly", (s) => s.count()))).toBe(1);
    // A record from a newer studio, written with the real IndexedDB the studio uses.
    await page.evaluate(() => idb("readwrite", (s) => s.put({ version: 99, base: "precious: 1\n" }, "current")));
    await page.reload();
    await expect(page.getByTestId("workspace-status")).toContainText(
      "The workspace saved in this browser could not be opened: it was saved by a newer studio (workspace version 99; this one reads version 1). It is kept unchanged in this browser's storage as \"unreadable-",
    );
    // The record is still there, whole, under its backup key; the fresh workspace autosaved beside it.
    await expect
      .poll(() => page.evaluate(() => idb("readonly", (s) => s.getAll()).then((all) => JSON.stringify((all as unknown[]).map((r) => (r as { version: number }).version).sort()))))
      .toBe("[1,99]");
    const kept = await page.evaluate(async () => {
      const keys = (await idb("readonly", (s) => s.getAllKeys())) as string[];
      const key = keys.find((k) => k.startsWith("unreadable-")) ?? "";
      return idb("readonly", (s) => s.get(key));
    });
    expect(kept).toEqual({ version: 99, base: "precious: 1\n" });
  });
});

/** Opens the Export menu unless it is open. */
async function openExport(page: Page): Promise<void> {
  if (!(await page.getByRole("group", { name: "Export" }).isVisible())) await page.getByText("Export", { exact: true }).click();
}

/** Whether the page would ask before closing now: dispatches a cancelable beforeunload and reads whether it was cancelled. */
const wouldWarn = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

/** Defines `idb` in the page, before its scripts run: one request on the studio's IndexedDB store. */
async function defineIdb(page: Page): Promise<void> {
await page.addInitScript(() => {
    globalThis.idb = (mode, op) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("devmesh-studio", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("workspaces");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("workspaces", mode);
          const req = op(tx.objectStore("workspaces"));
          tx.oncomplete = () => {
            db.close();
            resolve(req.result);
          };
          tx.onerror = () => {
            db.close();
            reject(tx.error);
          };
        };
      });
  });
}

/** Clicks and waits for the download it starts. */
async function download(page: Page, click: () => Promise<void>): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  return d;
}

/** The devmesh-studio CLI from source (the same library the browser runs), in `cwd`; returns its stdout. */
function cli(args: string[], cwd: string): string {
  const main = path.resolve("lib/cli/main.ts");
  const code = `import(${JSON.stringify(main)}).then((m) => { process.exitCode = m.main(JSON.parse(process.env.CLI_ARGS), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.env.CLI_CWD }); })`;
  // Node runs in the repository (where `tsx` resolves); the CLI works in `cwd`.
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", code], { encoding: "utf8", env: { ...process.env, CLI_ARGS: JSON.stringify(args), CLI_CWD: cwd } });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

declare global {
  /** Runs one request on the studio's IndexedDB store (defined in the page by defineIdb). */
  var idb: (mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest) => Promise<unknown>;
}
