import { expect, test } from "./fixtures";

test.describe("home page", () => {
  test.beforeEach(async ({ studio }) => {
    await studio.open();
  });

  test("shows the chart's identity, its nodes and the review pane", async ({ studio }) => {
    await expect(studio.header).toContainText("DevMesh Studio");
    await expect(studio.header.getByTestId("chart-identity")).toContainText(/developer-mesh\s+\d+\.\d+\.\d+/);
    await expect(studio.railItem(/^Global/)).toHaveAttribute("aria-current", "page");
    await expect(studio.railItem(/^REST API/)).toContainText(/on|off/);
    await expect(studio.centre.getByRole("heading", { level: 1 })).toHaveText("Global");
    await expect(studio.review.getByRole("heading", { name: /^Review/ })).toBeVisible();
    await expect(studio.review.getByRole("tab", { name: "Preview" })).toBeVisible();
  });

  test("mounts Monaco offline and highlights the YAML", async ({ studio, page }) => {
    await studio.showDefaults();
    await expect(studio.editorInput(/Default values of Global/)).toBeAttached();
    const lines = studio.editorLines(/Default values of Global/);
    await expect(lines).toContainText(":");
    // Monarch tokenizing gives keys, strings, numbers and comments their own mtk* classes.
    await expect
      .poll(async () => new Set(await lines.locator("span[class^='mtk']").evaluateAll((els) => els.map((e) => e.className))).size)
      .toBeGreaterThan(2);
    // Monaco only warns when the CSP blocks its workers and then runs without them: require both the
    // editor worker and monaco-yaml's language worker to be running.
    await expect.poll(() => page.workers().length).toBeGreaterThanOrEqual(2);
  });

  test("switches the centre to the subchart picked in the rail", async ({ studio }) => {
    await studio.railItem(/^REST API/).click();
    await expect(studio.railItem(/^REST API/)).toHaveAttribute("aria-current", "page");
    await expect(studio.centre.getByRole("heading", { level: 1 })).toHaveText("REST API");
    await studio.showDefaults();
    await expect(studio.centre).toContainText("charts/rest-api/values.yaml");
    await expect(studio.editorInput(/Default values of REST API/)).toBeAttached();
    await expect(studio.review).toContainText("charts/rest-api/templates/");
  });
});

test("sends the security headers on every page, API answer and static file", async ({ request }) => {
  const page = await request.get("/");
  // A chunk the page loads: workers are started from such files and run under the policy sent with them.
  const chunk = /<script[^>]* src="(\/_next\/static\/[^"]+\.js)"/.exec(await page.text())?.[1];
  expect(chunk, "a script chunk of the page").toBeDefined();
  const answers = [
    ["/", page],
    ["/no-such-page", await request.get("/no-such-page")],
    ["POST /api/render", await request.post("/api/render?env=prod", { headers: { "content-type": "application/yaml" }, data: "worker:\n  replicaCount: 2\n" })],
    ["POST /api/package", await request.post("/api/package?env=prod")],
    ["GET /api/verify", await request.get("/api/verify")],
    [chunk!, await request.get(chunk!)],
  ] as const;
  for (const [what, response] of answers) {
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, what).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}'; /);
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("worker-src 'self' blob:");
    expect(csp, what).not.toContain("unsafe-eval");
    expect(csp.split("; ").find((d) => d.startsWith("script-src")), what).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["referrer-policy"], what).toBe("no-referrer");
    expect(headers["x-frame-options"], what).toBe("DENY");
  }
  expect(answers[0][1].status()).toBe(200);
  expect(answers[2][1].status()).toBe(200);
});
