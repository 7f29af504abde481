import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Node has no window or idle callbacks: an EventTarget stands for the window, and an idle period comes one
// timer tick after it is asked for.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  vi.stubGlobal("window", new EventTarget());
  vi.stubGlobal("requestIdleCallback", (cb: () => void) => setTimeout(cb, 1) as unknown as number);
  vi.stubGlobal("cancelIdleCallback", (h: number) => clearTimeout(h));
});
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("whenInputQuiet", () => {
  it("runs only after INPUT_QUIET_MS without input, waiting again after each key", async () => {
    const { whenInputQuiet, INPUT_QUIET_MS } = await import("./input-quiet");
    vi.advanceTimersByTime(INPUT_QUIET_MS + 10);
    const run = vi.fn();
    whenInputQuiet(run);
    window.dispatchEvent(new Event("keydown"));
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(INPUT_QUIET_MS / 2);
      window.dispatchEvent(new Event(i % 2 ? "input" : "keydown"));
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(INPUT_QUIET_MS - 10);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("waits again when input comes between the quiet period and the idle callback, and can be cancelled", async () => {
    const { whenInputQuiet, INPUT_QUIET_MS } = await import("./input-quiet");
    const run = vi.fn();
    window.dispatchEvent(new Event("pointerdown"));
    whenInputQuiet(run);
    vi.advanceTimersByTime(INPUT_QUIET_MS);
    // The idle callback is asked for; a key arrives before it runs.
    window.dispatchEvent(new Event("keydown"));
    vi.advanceTimersByTime(1);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(INPUT_QUIET_MS + 1);
    expect(run).toHaveBeenCalledTimes(1);

    const cancelled = vi.fn();
    whenInputQuiet(cancelled)();
    vi.advanceTimersByTime(INPUT_QUIET_MS * 3);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
