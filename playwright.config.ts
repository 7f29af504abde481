import { defineConfig, devices } from "@playwright/test";
import chromiumArgs from "./e2e/chromium-args.json" with { type: "json" };

// End-to-end tests drive Debian's Chromium (installed by scripts/ensure-deps.sh --browser) against the
// production build; Playwright's own browser download needs network, so it is never used.
const port = Number(process.env.E2E_PORT ?? 3100);
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: "./e2e",
  // Monaco's first load on a busy 2-core machine takes seconds; a stuck test still ends.
  timeout: 60_000,
  // Monaco's workers and chunks load after the shell; allow for a machine busy with other tests.
  expect: { timeout: 20_000 },
  // Fail CI when a `test.only` was committed.
  forbidOnly: ci,
  retries: 0,
  // next-server and Chromium already use both cores.
  workers: 1,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    // The same host the server binds to: the tests count every request that goes anywhere else.
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // --no-sandbox: CI runs as root; the --disable-* flags after --disable-dev-shm-usage keep Chromium from
      // phoning home. In a file of their own: scripts/keystroke-ab.mjs launches the same browser.
      args: chromiumArgs,
    },
  },
  webServer: {
    // Serves the build made by `next build` (npm test builds right before this step).
    command: `npx --no-install next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !ci,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: "1" },
  },
});
