// A/B of page variants on keystroke-to-paint, for finding what a keystroke's frame waits for. Types into a
// field of the studio served at http://127.0.0.1:$PORT (`npx next start -p $PORT` after `npx next build`),
// the variants interleaved in one browser session, and prints per variant where the time goes:
//   queue      keydown's timestamp to its first listener
//   handlers   first keydown listener to the end of the input event
//   to frame   end of the input event to the next animation frame callback
//   frame      that callback to a user-blocking task posted from it (after the frame's paint), as e2e/authoring.spec.ts measures
// Each variant is CSS injected into the page (VARIANTS='{"name":"css", …}', "" for the page as it is), or a name
// starting with "stop-input" (the input event stopped before the page's listeners) or "no-worker" (nothing
// posted to workers: no render, no preview). FIELD (a dotted values path under REST API), ROUNDS, PORT.
// It measures, asserts nothing; run it on a quiet machine (`flock /tmp/cpu.lock node scripts/keystroke-ab.mjs`).
import { chromium } from "@playwright/test";
// The e2e specs' Chromium flags (playwright.config.ts).
import chromiumArgs from "../e2e/chromium-args.json" with { type: "json" };

const port = process.env.PORT ?? "3100";
const variants = JSON.parse(process.env.VARIANTS ?? '{"page":""}');
const field = process.env.FIELD ?? "rest-api.ingress.host";
const rounds = Number(process.env.ROUNDS ?? 3);
const text = "api-0123456789.devmesh-studio.example.internal.org";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: chromiumArgs,
});
const page = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
await page.addInitScript(() => {
  window.__variant = "";
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (...args) {
    if (!window.__variant.startsWith("no-worker")) post.apply(this, args);
  };
  window.addEventListener(
    "input",
    (e) =>
      window.__variant.startsWith("stop-input") && e.stopImmediatePropagation(),
    true,
  );
});
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => {
  const status = document.querySelector(
    '[data-testid="workspace-status"]',
  )?.textContent;
  return status && status !== "Restoring…";
});
await page
  .getByRole("navigation", { name: "Chart" })
  .getByRole("button", { name: /^REST API/ })
  .click();
const input = page.getByRole("main").locator(`[name="${field}"]`);
await input.focus();
// Past the first seconds (Monaco loads after 1 s without input; the node's form settles).
await page.waitForTimeout(2500);
await page.evaluate(() => {
  const keys = (window.__keys = []);
  const style = document.head.appendChild(document.createElement("style"));
  window.__style = style;
  let key = null;
  document.addEventListener(
    "keydown",
    (e) => {
      if (!window.__variant) return;
      key = {
        variant: window.__variant,
        at: e.timeStamp,
        first: performance.now(),
      };
      keys.push(key);
      const k = key;
      requestAnimationFrame(() => {
        k.frame = performance.now();
        scheduler.postTask(() => (k.painted = performance.now()), {
          priority: "user-blocking",
        });
      });
    },
    true,
  );
  window.addEventListener(
    "input",
    () =>
      key &&
      key.variant === window.__variant &&
      (key.inputEnd ??= performance.now()),
  );
});

for (let r = 0; r < rounds; r++) {
  for (const [name, css] of Object.entries(variants)) {
    await page.evaluate(
      ([n, c]) => {
        window.__variant = "";
        window.__style.textContent = c;
        return n;
      },
      [name, css],
    );
    await input.fill("");
    // In the middle of the form after the variant's CSS, as e2e/authoring.spec.ts types: `fill` can leave a
    // field just out of view, and its keys then paint nothing the screen shows.
    await input.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.waitForTimeout(500);
    await page.evaluate((n) => (window.__variant = n), name);
    // Each key held 60 ms, then 60 ms to the next, as e2e/authoring.spec.ts types.
    for (const ch of text) {
      await page.keyboard.down(ch);
      await page.waitForTimeout(60);
      await page.keyboard.up(ch);
      await page.waitForTimeout(60);
    }
    await page.evaluate(() => (window.__variant = ""));
  }
}

const keys = (await page.evaluate(() => window.__keys)).filter(
  (k) => k.painted,
);
await browser.close();
const percentile = (xs, p) =>
  [...xs].sort((a, b) => a - b)[
    Math.max(0, Math.ceil((p / 100) * xs.length) - 1)
  ] ?? NaN;
const show = (xs) =>
  `${percentile(xs, 50).toFixed(1)}/${percentile(xs, 95).toFixed(1)}`;
console.log(
  `keystroke-to-paint by variant, ms p50/p95 (${field}, ${rounds} × ${text.length} keys each)`,
);
for (const name of Object.keys(variants)) {
  const v = keys.filter((k) => k.variant === name);
  const handled = v.filter((k) => k.inputEnd !== undefined);
  console.log(
    `${name.padEnd(16)} n ${String(v.length).padStart(3)}  total ${show(v.map((k) => k.painted - k.at))}  queue ${show(v.map((k) => k.first - k.at))}` +
      `  handlers ${show(handled.map((k) => k.inputEnd - k.first))}  to frame ${show(handled.map((k) => k.frame - k.inputEnd))}  frame ${show(v.map((k) => k.painted - k.frame))}`,
  );
}
