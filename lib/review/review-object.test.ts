import { describe, expect, it } from "vitest";
import type { RenderedManifest } from "../helm/index";
import { outputStartLines, reviewObjects, type ParseCache } from "./review-object";

const manifest = (name: string, content: string): RenderedManifest => ({
  source: `demo/charts/${name}/templates/x.yaml`,
  kind: "ConfigMap",
  apiVersion: "v1",
  name,
  namespace: "ns",
  hook: "",
  content,
});

const a = manifest("a", "kind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: one");
const b = manifest("b", "kind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: two");

describe("review/review-object", () => {
  it("counts lines as helm template prints them: ---, # Source:, then the content", () => {
    const objects = reviewObjects([a, b]);
    expect(outputStartLines([a, b])).toEqual([1, 8]);
    expect(objects.map((o) => [o.key, o.service, o.line, o.lineOf("/data/k")])).toEqual([
      ["ConfigMap/a", "a", 1, 7],
      ["ConfigMap/b", "b", 8, 14],
    ]);
  });

  it("reuses the previous render's parse of unchanged documents, and places them by this render's lines", () => {
    const cache: ParseCache = new Map();
    const first = reviewObjects([a, b], cache);
    const longer = { ...a, content: `${a.content}\n  extra: line` };
    const second = reviewObjects([longer, b], cache);
    expect(second[1]?.obj).toBe(first[1]?.obj);
    expect(second[0]?.obj).not.toBe(first[0]?.obj);
    expect(second[0]?.obj).toEqual({ kind: "ConfigMap", metadata: { name: "a" }, data: { k: "one", extra: "line" } });
    expect(second[1]?.lineOf("/data/k")).toBe(15);
    // The cache keeps only what the latest render printed.
    expect([...cache.keys()]).toEqual([longer.content, b.content]);
  });
});
