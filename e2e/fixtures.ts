// The only import source for specs: Playwright's test, extended with the studio page object and a guard
// that every test gets: nothing may leave 127.0.0.1 and nothing may log a console error (CSP violations
// and uncaught exceptions included).
import { test as base, expect, type Browser, type Locator, type Page } from "@playwright/test";

interface Guard {
  /** URLs of requests that tried to leave 127.0.0.1 (they were aborted). */
  externalRequests: string[];
  consoleErrors: string[];
}

export class StudioPage {
  readonly header: Locator;
  readonly rail: Locator;
  readonly centre: Locator;
  readonly review: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole("banner");
    this.rail = page.getByRole("navigation", { name: "Chart" });
    this.centre = page.getByRole("main");
    this.review = page.getByRole("complementary");
  }

  async open(): Promise<void> {
    await this.page.goto("/");
  }

  railItem(name: string | RegExp): Locator {
    return this.rail.getByRole("button", { name });
  }

  /** Shows the read-only chart defaults of the selected node in the centre. */
  async showDefaults(): Promise<void> {
    await this.centre.getByRole("tab", { name: "Chart defaults" }).click();
  }

  /** Monaco's input area, named by the editor's label. */
  editorInput(name: string | RegExp): Locator {
    return this.centre.getByRole("textbox", { name });
  }

  /** The rendered lines of the Monaco editor whose input is named `name`. */
  editorLines(name: string | RegExp): Locator {
    return this.editor(name).locator(".view-lines");
  }

  /** The Monaco editor whose input is named `name`. */
  editor(name: string | RegExp): Locator {
    // `has` is matched inside each editor, so it starts from the page, not from the centre.
    return this.centre.locator(".monaco-editor").filter({ has: this.page.getByRole("textbox", { name }) });
  }
}

const LOCAL_PROTOCOLS = new Set(["data:", "blob:"]);

/**
 * With KEYSTROKE_TRACE=<file.json>, records a Chromium performance trace from now until the returned stop (main
 * thread, workers, user timing, JS samples), to find what keeps the page busy while it is measured. Tracing
 * slows the page (with JS samples on, a worker's first task under the trace once took 300 ms and more), so a traced run's figures
 * are not the measurement's. Without the variable, it records nothing.
 */
export async function traceKeystrokes(browser: Browser, page: Page): Promise<() => Promise<void>> {
  const file = process.env.KEYSTROKE_TRACE;
  if (!file) return async () => {};
  await browser.startTracing(page, {
    path: file,
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8.execute", "disabled-by-default-v8.cpu_profiler"],
  });
  return async () => {
    await browser.stopTracing();
  };
}

export const test = base.extend<{ guard: Guard; studio: StudioPage }>({
  guard: [
    async ({ context, page }, use, testInfo) => {
      const guard: Guard = { externalRequests: [], consoleErrors: [] };
      await context.route("**/*", async (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === "127.0.0.1" || LOCAL_PROTOCOLS.has(url.protocol)) return route.continue();
        guard.externalRequests.push(url.href);
        return route.abort("blockedbyclient");
      });
      page.on("console", (message) => {
        if (message.type() === "error") guard.consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => {
        guard.consoleErrors.push(`uncaught: ${error.message}`);
        // The report of a failed test prints text attachments: the stack says where it came from.
        void testInfo.attach("uncaught error", { body: error.stack ?? error.message, contentType: "text/plain" });
      });
      await use(guard);
      expect(guard.externalRequests, "requests that tried to leave 127.0.0.1").toEqual([]);
      expect(guard.consoleErrors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
  studio: async ({ page }, use) => {
    await use(new StudioPage(page));
  },
});

export { expect };
