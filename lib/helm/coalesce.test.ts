import { describe, expect, it } from "vitest";
import type { GoMap, Value } from "../template/value";
import type { Chart } from "./chart";
import { coalesceValues, mergeMaps } from "./coalesce";
import { internValues, sharedValues } from "./shared-values";

const m = (o: Record<string, unknown>): GoMap =>
  new Map(Object.entries(o).map(([k, v]) => [k, v !== null && typeof v === "object" && !Array.isArray(v) ? m(v as Record<string, unknown>) : (v as Value)]));

const js = (v: Value): unknown => (v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [k, js(x)])) : v);

function chart(name: string, values: Record<string, unknown>, deps: Chart[] = []): Chart {
  const c: Chart = {
    metadata: { raw: new Map(), name, version: "0.1.0", apiVersion: "v2", dependencies: [] },
    values: m(values),
    templates: [],
    files: [],
    crds: [],
    dependencies: deps,
  };
  for (const d of deps) d.parent = c;
  return c;
}

describe("coalesceValues", () => {
  const cases: [string, Chart, Record<string, unknown>, unknown, string[]?][] = [
    ["user values override defaults", chart("p", { a: 1, b: { c: 2, d: 3 } }), { b: { c: 9 } }, { a: 1, b: { c: 9, d: 3 } }],
    ["null deletes a default key", chart("p", { nested: { a: 1, b: 2 } }), { nested: { b: null } }, { nested: { a: 1 } }],
    ["null for an unknown key is kept", chart("p", { nested: { a: 1 } }), { nested: { x: null } }, { nested: { a: 1, x: null } }],
    ["top-level null deletes", chart("p", { top: 1 }), { top: null }, {}],
    ["v4 keeps a nested null that is null in both", chart("p", { n: { nn: null } }), { n: { nn: null } }, { n: { nn: null } }],
    ["a user scalar replaces a default table", chart("p", { s: { a: 1 } }), { s: "x" }, { s: "x" }],
    [
      "a user table replaces a default scalar, with a warning",
      chart("p", { s: "scalar" }),
      { s: { now: "map" } },
      { s: { now: "map" } },
      ["warning: skipped value for p.s: Not a table."],
    ],
    [
      "globals flow down, the parent wins, sub globals stay in the sub",
      chart("p", { global: { g1: "p", gmap: { a: 1 } } }, [chart("sub", { global: { g1: "s", g2: "s", gmap: { b: 2 } }, x: 1 })]),
      {},
      { global: { g1: "p", gmap: { a: 1 } }, sub: { global: { g1: "p", g2: "s", gmap: { a: 1, b: 2 } }, x: 1 } },
    ],
    [
      "the parent's values for a subchart override its defaults and null removes one",
      chart("p", { sub: { x: 2, gone: null } }, [chart("sub", { x: 1, gone: "y" })]),
      {},
      { sub: { global: {}, x: 2 } },
    ],
  ];
  it.each(cases)("%s", (_name, c, user, want, warnings = []) => {
    const got: string[] = [];
    expect(js(coalesceValues(c, m(user), (w) => got.push(w)))).toEqual(want);
    expect(got).toEqual(warnings);
  });

  it.each(cases)("%s: leaves the user values and every chart's defaults as they were", (_name, c, user) => {
    const vals = m(user);
    const defaults = (x: Chart): unknown => [js(x.values), x.dependencies.map(defaults)];
    const before = defaults(c);
    const result = coalesceValues(c, vals, () => {});
    expect(js(vals)).toEqual(js(m(user)));
    expect(defaults(c)).toEqual(before);
    // The result shares no map with them: changing it changes neither.
    const scribble = (v: Value): void => {
      if (!(v instanceof Map)) return;
      for (const [k, x] of [...v]) {
        if (x instanceof Map) scribble(x);
        else v.set(k, "changed");
      }
    };
    scribble(result);
    expect(js(vals)).toEqual(js(m(user)));
    expect(defaults(c)).toEqual(before);
  });

  it.each(cases)("%s: the same from shared defaults and values, twice (the second from memory)", (_name, c, user) => {
    const plainWarnings: string[] = [];
    const plain = js(coalesceValues(c, m(user), (w) => plainWarnings.push(w)));
    const shareTree = (x: Chart): Chart => ({ ...x, values: sharedValues(x.values), dependencies: x.dependencies.map(shareTree) });
    const shared = shareTree(c);
    for (let i = 0; i < 2; i++) {
      const warnings: string[] = [];
      expect(js(coalesceValues(shared, internValues(m(user), undefined), (w) => warnings.push(w)))).toEqual(plain);
      expect(warnings).toEqual(plainWarnings);
    }
  });

  it("does not modify the chart's defaults", () => {
    const c = chart("p", { nested: { a: 1 } });
    coalesceValues(c, m({ nested: { a: null } }), () => {});
    expect(js(c.values)).toEqual({ nested: { a: 1 } });
  });
});

describe("mergeMaps", () => {
  it("merges maps and replaces everything else", () => {
    expect(js(mergeMaps(m({ a: { b: 1, c: [1] } }), m({ a: { c: [2], d: null } })))).toEqual({ a: { b: 1, c: [2], d: null } });
  });
});
