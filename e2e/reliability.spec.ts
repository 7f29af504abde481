import type { Locator, Page, Worker } from "@playwright/test";
import { expect, test, type StudioPage } from "./fixtures";

const layerTab = (page: Page, name: string): Locator => page.getByRole("tablist", { name: "Layers" }).getByRole("tab", { name, exact: true });
const viewTab = (page: Page, name: string): Locator => page.getByRole("tablist", { name: "View" }).getByRole("tab", { name, exact: true });
/** The form control of a dotted values path. */
const field = (page: Page, path: string): Locator => page.getByRole("main").locator(`[name="${path}"]`);
const worker = (studio: StudioPage): Locator => studio.railItem(/^worker/i);

/** Records every CSP violation the document reports, from before the first script runs. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test.describe("content security policy", () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test("the studio, Monaco, monaco-yaml's worker and the render worker run under a nonce policy with no violation", async ({ studio, page }) => {
    test.slow();
    const violations = await watchCsp(page);
    const response = await page.goto("/");
    const csp = response?.headers()["content-security-policy"] ?? "";
    const nonce = /script-src 'self' 'nonce-([^']+)'(;|$)/.exec(csp)?.[1];
    expect(nonce, csp).toBeDefined();

    await test.step("Next's inline payload and its scripts carry this request's nonce", async () => {
      const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => ({ nonce: (e as HTMLScriptElement).nonce, inline: !(e as HTMLScriptElement).src })));
      expect(scripts.filter((s) => s.inline).length, "inline scripts (the RSC payload)").toBeGreaterThan(0);
      for (const s of scripts.filter((s) => s.inline)) expect(s.nonce).toBe(nonce);
    });

    await test.step("the render worker renders the preview", async () => {
      await expect(page.getByTestId("render-status")).toHaveText(/rendered in \d+ ms/);
      await expect(studio.review.locator(".monaco-editor .view-lines").first()).toContainText("kind:");
    });

    await test.step("the YAML tab completes keys from the chart's schema (monaco-yaml's worker)", async () => {
      await layerTab(page, "base").click();
      await viewTab(page, "YAML").click();
      const input = studio.editorInput("Values of the base layer");
      await expect(input).toBeAttached();
      await input.focus();
      await page.keyboard.press("Control+End");
      // No word of the (empty) base layer starts so: the suggestion can only come from the schema.
      await page.keyboard.insertText("\nrag-l");
      await page.keyboard.press("Control+Space");
      await expect(page.locator(".suggest-widget .monaco-list-row").filter({ hasText: "rag-loader" })).toBeVisible();
      await page.keyboard.press("Escape");
    });

    expect(await violations()).toEqual([]);
  });

  test("every page load gets a fresh nonce", async ({ request }) => {
    const nonces = await Promise.all(
      [1, 2].map(async () => /'nonce-([^']+)'/.exec((await request.get("/")).headers()["content-security-policy"] ?? "")?.[1]),
    );
    expect(nonces[0]).toBeDefined();
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

/** Sets worker.replicaCount to 4 in the base layer through the form; returns the base layer's YAML lines, showing it. */
async function formEditOfBase(studio: StudioPage, page: Page): Promise<Locator> {
  await layerTab(page, "base").click();
  await worker(studio).click();
  await field(page, "worker.replicaCount").fill("4");
  await viewTab(page, "YAML").click();
  const yaml = studio.editorLines("Values of the base layer");
  await expect(yaml).toContainText("replicaCount: 4");
  return yaml;
}

/** Whether the page would ask before closing now: dispatches a cancelable beforeunload and reads whether it was cancelled. */
const wouldWarn = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const event = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

test.describe("nothing lost", () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test.beforeEach(async ({ studio, page }) => {
    await studio.open();
    await expect(page.getByTestId("workspace-status")).toHaveText("New workspace from the chart");
  });

  test("closing the tab with changes not exported since the last download warns", async ({ studio, page }) => {
    test.slow();
    /** Sets worker.replicaCount in the active layer; the page then warns. */
    const edit = async (replicas: string) => {
      await field(page, "worker.replicaCount").fill(replicas);
      await expect.poll(() => wouldWarn(page)).toBe(true);
    };
    /** Downloads through the Export menu; the page then no longer warns. */
    const download = async (button: string) => {
      const menu = page.getByText("Export", { exact: true });
      await menu.click();
      await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
      expect(await wouldWarn(page)).toBe(false);
      await menu.click();
    };
    expect(await wouldWarn(page), "a page just loaded").toBe(false);
    await worker(studio).click();

    await test.step("a change to dev, the current environment, is unsaved export state until dev is downloaded", async () => {
      await edit("4");
      await download("Download values-dev.yaml");
    });

    await test.step("the base layer feeds every environment: a base change waits for an export of them all", async () => {
      await layerTab(page, "base").click();
      expect(await wouldWarn(page)).toBe(false);
      // 2 is the chart's default: setting it in base would change nothing.
      await edit("5");
      await download("Download all environments (.zip)");
    });

    await test.step("Chromium asks before closing the tab", async () => {
      await edit("3");
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.type());
        void d.accept();
      });
      await page.close({ runBeforeUnload: true });
      await expect.poll(() => dialogs).toEqual(["beforeunload"]);
    });
  });

  test("when Monaco cannot load, the editors say so and offer a reload, the preview stays as plain text, the form goes on, and the reload keeps its edit", async ({ studio, page, guard }) => {
    // As after the server restarted with a new build, for Monaco's chunks: the page's own code loads (from
    // this build), every chunk with Monaco's code in it fails.
    const chunks = "**/_next/static/chunks/**";
    await page.route(chunks, async (route) => {
      const response = await route.fetch();
      if ((await response.text()).includes("vs/editor/")) await route.abort();
      else await route.fulfill({ response });
    });
    await page.reload();
    await expect(page.getByTestId("render-status")).toHaveText(/rendered in \d+ ms/);
    await expect(studio.review.getByRole("alert")).toContainText("The editor could not start: Failed to load chunk");
    await expect(studio.review.getByRole("region", { name: "Rendered output of dev (read only)" })).toContainText("kind: Deployment");

    await studio.railItem(/^REST API/).click();
    await viewTab(page, "YAML").click();
    const failed = studio.centre.getByRole("alert");
    await expect(failed).toContainText("The editor could not start: Failed to load chunk");
    await viewTab(page, "Form").click();
    await field(page, "rest-api.replicaCount").fill("4");
    await expect(page.getByTestId("render-status")).toHaveText(/rendered in \d+ ms/);

    await page.unroute(chunks);
    await viewTab(page, "YAML").click();
    // The workspace has a change not exported: Chromium asks first, and the user goes on.
    page.once("dialog", (d) => void d.accept());
    await failed.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByTestId("workspace-status")).toHaveText("Restored from this browser");
    await studio.railItem(/^REST API/).click();
    await viewTab(page, "YAML").click();
    await expect(studio.editorLines("Values of environment dev")).toContainText("replicaCount: 4");

    // The only errors were the blocked loads' own.
    expect(guard.consoleErrors.filter((e) => e !== "Failed to load resource: net::ERR_FAILED")).toEqual([]);
    guard.consoleErrors.length = 0;
  });

  test("undo and redo with Ctrl+Z and Ctrl+Shift+Z across form and YAML edits", async ({ studio, page }) => {
    const yaml = await formEditOfBase(studio, page);
    await studio.editorInput("Values of the base layer").focus();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\nredis:\n  maxmemory: 300mb");
    await expect(yaml).toContainText("maxmemory: 300mb");

    await page.keyboard.press("Control+z");
    await expect(yaml).not.toContainText("maxmemory");
    await expect(yaml).toContainText("replicaCount: 4");
    await page.keyboard.press("Control+z");
    await expect(yaml).not.toContainText("replicaCount");
    await page.keyboard.press("Control+Shift+z");
    await expect(yaml).toContainText("replicaCount: 4");
    await page.keyboard.press("Control+Shift+z");
    await expect(yaml).toContainText("maxmemory: 300mb");

    // From a form field too: the YAML edit goes, then the form edit.
    await viewTab(page, "Form").click();
    await field(page, "worker.replicaCount").focus();
    await page.keyboard.press("Control+z");
    await page.keyboard.press("Control+z");
    await expect(field(page, "worker.replicaCount")).toHaveValue("2");
    await page.keyboard.press("Control+Shift+z");
    await expect(field(page, "worker.replicaCount")).toHaveValue("4");

    // Right after a keystroke, before the form has written it to the layer (it waits for the preview's
    // render): the undo takes back that keystroke, and the redo brings it back.
    await page.keyboard.press("End");
    await page.keyboard.press("7");
    await page.keyboard.press("Control+z");
    await expect(field(page, "worker.replicaCount")).toHaveValue("4");
    await page.keyboard.press("Control+Shift+z");
    await expect(field(page, "worker.replicaCount")).toHaveValue("47");
  });

  test("a failed import changes nothing: broken, binary and oversized files are refused with file, line or size", async ({ studio, page }) => {
    test.slow();
    const yaml = await formEditOfBase(studio, page);
    const before = await yaml.textContent();

    const refused = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    const rows: [string, Buffer, RegExp][] = [
      ["broken.yaml", Buffer.from("worker:\n  replicaCount: [3\n"), /broken\.yaml cannot be read at line \d+, column \d+/],
      ["photo.yaml", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x0a]), /photo\.yaml cannot be read.*invalid.*UTF-8/],
      ["huge.yaml", Buffer.alloc(6 * 1024 * 1024, "a: 1\n"), /huge\.yaml is 6291456 bytes \(6\.0 MiB\): over the limit of 5242880 bytes \(5 MiB\)/],
    ];
    for (const [name, bytes, message] of rows) {
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Import values file…" }).click()]);
      await chooser.setFiles({ name, mimeType: "text/yaml", buffer: bytes });
      await expect(refused).toContainText(message);
      expect(await yaml.textContent(), name).toBe(before);
    }
    // The history was not touched either: one undo takes back the form edit made before the imports.
    await page.getByRole("button", { name: "Undo", exact: true }).click();
    await expect(yaml).not.toContainText("replicaCount: 4");
  });

  test("a crashed render worker restarts by itself, with the workspace intact", async ({ studio, page }) => {
    await expect(page.getByTestId("render-status")).toHaveText(/rendered in \d+ ms/);
    await worker(studio).click();
    await field(page, "worker.replicaCount").fill("6");

    const findRender = async (): Promise<Worker | undefined> => {
      for (const w of page.workers()) if ((await w.evaluate(() => self.name).catch(() => "")) === "render") return w;
      return undefined;
    };
    const crashed = await findRender();
    expect(crashed, "the render worker").toBeDefined();
    const closed = new Promise<void>((resolve) => crashed!.once("close", () => resolve()));
    // An exception nothing catches ends the worker, as an engine bug or memory exhaustion would.
    await crashed!.evaluate(() => void setTimeout(() => {
      throw new Error("injected crash");
    }));
    await closed;
    await expect.poll(async () => (await findRender()) !== undefined).toBe(true);

    // The new worker renders the workspace as it was, and follows new edits.
    await expect(field(page, "worker.replicaCount")).toHaveValue("6");
    await field(page, "worker.replicaCount").fill("7");
    await expect(page.getByTestId("render-status")).toHaveText(/rendered in \d+ ms/);
    await expect(page.getByRole("complementary").getByRole("alert")).toHaveCount(0);
  });
});
