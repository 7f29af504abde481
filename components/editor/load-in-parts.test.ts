import { describe, expect, it } from "vitest";
import { loadInParts, type BetweenParts } from "./load-in-parts";

/** A gate that opens only when the test says so, counting the waits it was asked for and cancelled. */
function gate() {
  const waiting: (() => void)[] = [];
  let cancelled = 0;
  const between: BetweenParts = (next) => {
    waiting.push(next);
    return () => void cancelled++;
  };
  return { between, open: () => waiting.shift()?.(), waits: () => waiting.length, cancelled: () => cancelled };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Parts that record their names in `loaded` when imported. */
function parts(...names: string[]) {
  const loaded: string[] = [];
  return { loaded, parts: names.map((name) => async () => void loaded.push(name)) };
}

/** A load of the parts a, b and c behind a gate, once part a has loaded. */
async function startedLoad() {
  const { loaded, parts: abc } = parts("a", "b", "c");
  const g = gate();
  const load = loadInParts(abc, g.between);
  await tick();
  expect(loaded).toEqual(["a"]);
  return { loaded, g, load };
}

describe("loadInParts", () => {
  it("imports the parts in order, each only after the gate opened behind the one before", async () => {
    const { loaded, g, load } = await startedLoad();
    g.open();
    await tick();
    expect(loaded).toEqual(["a", "b"]);
    g.open();
    await tick();
    // No wait after the last part.
    expect(loaded).toEqual(["a", "b", "c"]);
    expect(g.waits()).toBe(0);
    await load.done;
  });

  it("waits no more once hurried while a part is still importing", async () => {
    const g = gate();
    let arrive = () => {};
    const loaded: string[] = [];
    const load = loadInParts(
      [
        () => new Promise<void>((resolve) => (arrive = () => resolve(void loaded.push("a")))),
        async () => void loaded.push("b"),
        async () => void loaded.push("c"),
      ],
      g.between,
    );
    load.hurry();
    arrive();
    await tick();
    expect(g.waits()).toBe(0);
    expect(loaded).toEqual(["a", "b", "c"]);
    await load.done;
  });

  it("loads the rest at once when hurried, cancelling the wait it was in", async () => {
    const { loaded, g, load } = await startedLoad();
    load.hurry();
    await load.done;
    expect(loaded).toEqual(["a", "b", "c"]);
    expect(g.cancelled()).toBe(1);
  });

  it("waits for nothing without a gate, and fails with the part that failed", async () => {
    const loaded: string[] = [];
    const load = loadInParts([
      async () => void loaded.push("a"),
      () => Promise.reject(new Error("chunk b did not load")),
      async () => void loaded.push("c"),
    ]);
    await expect(load.done).rejects.toThrow("chunk b did not load");
    expect(loaded).toEqual(["a"]);
  });
});
