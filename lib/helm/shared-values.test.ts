import { describe, expect, it } from "vitest";
import { helmTemplate } from "../../test/real-helm";
import { type GoMap, type Value, withGoType } from "../template/value";
import type { ChartFiles } from "./chart";
import { loadChart } from "./load-chart";
import { renderChart } from "./render-chart";
import { copyPlain, internCoalesced, own, SharedMap, sharedValues } from "./shared-values";
import { withRollback } from "./tracked-map";

const enc = new TextEncoder();

// Templates that change the chart defaults they see, at every depth, in globals and through a
// subchart, then print what they see; the subchart renders first, a-after.yaml after mutate.yaml.
const CHART: Record<string, string> = {
  "Chart.yaml": "apiVersion: v2\nname: p\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: 0.1.0\n",
  "values.yaml": [
    "global:",
    "  tier:",
    "    level: {n: 1}",
    "config:",
    "  a: 1",
    "  nested: {x: 1, list: [1, 2]}",
    "untouched:",
    "  deep: {k: v, j: w}",
    "sub:",
    "  fromParent: {y: 2}",
    "",
  ].join("\n"),
  "templates/mutate.yaml": [
    "{{- $_ := set .Values.config \"a\" 2 }}",
    "{{- $_ := set .Values.config.nested \"x\" (add .Values.config.nested.x 1) }}",
    "{{- $_ := unset .Values.untouched.deep \"k\" }}",
    "{{- $_ := set .Values.untouched.deep \"k\" \"again\" }}",
    "{{- $_ := set .Values.global.tier.level \"n\" (add .Values.global.tier.level.n 10) }}",
    "{{- $_ := merge .Values.sub.fromParent (dict \"z\" 3) }}",
    "{{- $_ := mergeOverwrite .Values.sub.own (dict \"count\" 100) }}",
    "kind: ConfigMap",
    "metadata: {name: m}",
    "data:",
    "  values: {{ toJson .Values | quote }}",
    "",
  ].join("\n"),
  "templates/a-after.yaml": "kind: ConfigMap\nmetadata: {name: after}\ndata:\n  values: {{ toJson .Values | quote }}\n  keys: {{ keys .Values.untouched.deep | sortAlpha | join \",\" | quote }}\n",
  "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
  "charts/sub/values.yaml": "own: {count: 1, list: [a]}\nglobal:\n  tier:\n    level: {m: 5}\n",
  "charts/sub/templates/s.yaml": [
    "{{- $_ := set .Values.own \"count\" (add .Values.own.count 1) }}",
    "{{- $_ := set .Values.global.tier.level \"fromSub\" true }}",
    "kind: ConfigMap",
    "metadata: {name: s}",
    "data:",
    "  values: {{ toJson .Values | quote }}",
    "",
  ].join("\n"),
};

const files = (o: Record<string, string>): ChartFiles => new Map(Object.entries(o).map(([k, v]) => [k, enc.encode(v)]));

describe("shared chart defaults", () => {
  it("templates that change .Values see their changes, as Helm does, and the next render does not", () => {
    const helm = helmTemplate(CHART);
    expect(helm.stderr).toBe("");
    const chart = loadChart(files(CHART));
    const defaults = JSON.stringify([...chart.values]);
    for (let i = 0; i < 3; i++) {
      const r = renderChart(chart);
      expect(r.error).toBeUndefined();
      expect(r.output).toBe(helm.stdout);
    }
    // The loaded chart's own defaults are never the shared copy, and never change.
    expect(JSON.stringify([...chart.values])).toBe(defaults);
  });

  it("values files are shared the same way: changes to their maps stay in their render", () => {
    const user = "config:\n  nested: {x: 7}\nuntouched:\n  deep: {j: z, k: kept}\nsub:\n  own: {count: 3}\n";
    const helm = helmTemplate({ ...CHART, "user.yaml": user }, ["-f", "user.yaml"]);
    expect(helm.stderr).toBe("");
    const chart = loadChart(files(CHART));
    // An edited text in between: its unchanged subtrees are the very maps of the first reading.
    for (const values of [user, `${user}extra: 1\n`, user, user]) {
      const r = renderChart(chart, { values: [values] });
      expect(r.error).toBeUndefined();
      if (values === user) expect(r.output).toBe(helm.stdout);
    }
  });

  it("other values change nothing for the next render either", () => {
    const chart = loadChart(files(CHART));
    const first = renderChart(chart).output;
    expect(renderChart(chart, { set: ["config.nested.x=5", "untouched.deep.j=null"] }).error).toBeUndefined();
    expect(renderChart(chart).output).toBe(first);
  });

  it("a shared map changes only inside withRollback, and is put back in its order", () => {
    const src: GoMap = new Map<string, Value>([["a", 1], ["b", new Map([["c", 2]])]]);
    const shared = sharedValues(src);
    expect(sharedValues(src)).toBe(shared);
    expect(() => shared.set("a", 3)).toThrow(/shared by every render/);
    expect(() => (shared.get("b") as GoMap).delete("c")).toThrow(/shared by every render/);
    const seen = withRollback(() => {
      shared.delete("a");
      shared.set("a", 9);
      (shared.get("b") as GoMap).clear();
      return JSON.stringify([...shared]);
    });
    expect(seen).toBe('[["b",{}],["a",9]]');
    expect([...shared.keys()]).toEqual(["a", "b"]);
    expect(shared.get("a")).toBe(1);
    expect((shared.get("b") as GoMap).get("c")).toBe(2);
    expect(src.get("b")).not.toBe(shared.get("b"));
    const mine = own(shared);
    expect(mine).not.toBeInstanceOf(SharedMap);
    mine.set("a", 4);
    expect(shared.get("a")).toBe(1);
    expect(Object.isFrozen(sharedValues(new Map([["l", [1]]])).get("l"))).toBe(true);
  });
});

describe("copyPlain", () => {
  it("copies plain maps and lists nested 9,999 levels, and keeps a shared subtree at the bottom as it is", () => {
    const shared = sharedValues(new Map([["k", 1]]));
    let v: Value = new Map<string, Value>([["s", shared]]);
    for (let i = 0; i < 9999; i++) v = i % 2 === 0 ? [v, "x"] : new Map([["a", v]]);
    const c = copyPlain(v);
    let a: Value = v;
    let b: Value = c;
    for (let i = 9998; i >= 0; i--) {
      expect(b !== a).toBe(true);
      [a, b] = i % 2 === 0 ? [(a as Value[])[0]!, (b as Value[])[0]!] : [(a as GoMap).get("a")!, (b as GoMap).get("a")!];
    }
    expect(b !== a).toBe(true);
    expect((b as GoMap).get("s")).toBe(shared);
    expect(copyPlain(shared)).toBe(shared);
  });
});

describe("internCoalesced", () => {
  it("freezes plain values, and leaves values holding a map of another Go type as they are", () => {
    const plainValues: GoMap = new Map<string, Value>([["a", new Map([["b", 1]])], ["l", [1, 2]]]);
    const frozen = internCoalesced(plainValues, undefined);
    expect(frozen).toBeInstanceOf(SharedMap);
    expect(frozen.get("a")).toBeInstanceOf(SharedMap);
    const typed: GoMap = new Map<string, Value>([["a", new Map([["b", withGoType(new Map([["c", "d"]]), "map[string]string")]])]]);
    expect(internCoalesced(typed, undefined)).toBe(typed);
  });
});
