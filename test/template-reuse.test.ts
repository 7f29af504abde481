/**
 * Reuse of templates' outputs across renders (lib/helm/template-reuse.ts) against renders with nothing
 * kept: random sequences of edits, each rendered by one loaded chart that keeps what it can and by a
 * chart loaded afresh, must give the same output, manifests, notes, warnings and errors at every step.
 * Sequences run over the product chart (fields and values from the zod model, as the differential test
 * makes them) and over a crafted chart made to trip the reuse: writes to values and to `$`, merges,
 * writes to `.Release`, random and time functions, `lookup`, `tpl`, `.Template.Name` in an include, globals in subcharts,
 * a subchart writing its values for its parent, `required` failing and recovering. States of the
 * crafted chart are also rendered by the real Helm.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { loadChart, renderChart, reuseCounts, type RenderOptions, type RenderResult } from "../lib/helm/index";
import { loadDirFiles } from "../lib/helm/node/load-dir";
import { valueFields } from "../lib/values/fields";
import { SUBCHARTS } from "../lib/values/schema";
import { engineOutcome, type Outcome } from "./helm-outcome";
import { mapLimited, runHelm, runHelmAsync, writeTree } from "./real-helm";
import { seededRng, type Rng } from "./seeded-rng";
import { baseFile, BASES, chartDir, fieldValue } from "./values-cases";

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

type Tree = Record<string, unknown>;

function setPath(t: Tree, segments: readonly string[], v: unknown): void {
  let cur = t;
  for (const s of segments.slice(0, -1)) {
    const next = cur[s];
    if (next === null || typeof next !== "object" || Array.isArray(next)) cur[s] = {};
    cur = cur[s] as Tree;
  }
  cur[segments.at(-1)!] = v;
}

function hasPath(t: Tree, segments: readonly string[]): boolean {
  let cur: unknown = t;
  for (const s of segments) {
    if (cur === null || typeof cur !== "object" || !(s in cur)) return false;
    cur = (cur as Tree)[s];
  }
  return true;
}

function deletePath(t: Tree, segments: readonly string[]): void {
  let cur: unknown = t;
  for (const s of segments.slice(0, -1)) {
    if (cur === null || typeof cur !== "object") return;
    cur = (cur as Tree)[s];
  }
  if (cur !== null && typeof cur === "object") delete (cur as Tree)[segments.at(-1)!];
}

/** Everything a render answers, random tokens (`rand: …`, `uuid: …`) blanked. */
function answer(r: RenderResult): string {
  const mask = (s: string) => s.replace(/(rand|uuid): \S+/g, "$1: *");
  return mask(JSON.stringify({ output: r.output, manifests: r.manifests, notes: r.notes, warnings: r.warnings, error: r.error && [r.error.code, r.error.stderr] }));
}

interface Step {
  opts: RenderOptions;
  what: string;
}

/**
 * Renders each step with `kept` (one chart for the whole sequence) and a chart loaded afresh; the
 * answers must be equal. Returns the kept chart's results.
 */
function compareSequence(files: Map<string, Uint8Array>, steps: Step[]): RenderResult[] {
  const kept = loadChart(files);
  const results: RenderResult[] = [];
  steps.forEach((s, i) => {
    const mine = renderChart(kept, s.opts);
    const fresh = renderChart(loadChart(files), s.opts);
    expect(answer(mine), `step ${i}: ${s.what}`).toBe(answer(fresh));
    results.push(mine);
  });
  return results;
}

describe("product chart: edits rendered with reuse equal fresh renders", () => {
  const files = loadDirFiles(chartDir);
  const fields = valueFields();

  it.each(BASES.map((b, i) => [b, 4100 + i] as const))("base %s: 40 random edits", (base, seed) => {
    const rng = seededRng(seed);
    const baseText = baseFile(base);
    const head = baseText ? [readFileSync(baseText, "utf8")] : [];
    const overrides: Tree = {};
    let release = "dm";
    const steps: Step[] = [];
    for (let i = 0; i < 40; i++) {
      const roll = rng();
      let what: string;
      if (roll < 0.7) {
        const f = pick(rng, fields);
        const v = fieldValue(rng, f);
        setPath(overrides, f.segments, v);
        what = `${f.path} = ${JSON.stringify(v)}`;
      } else if (roll < 0.8) {
        const f = pick(rng, fields);
        deletePath(overrides, f.segments);
        what = `${f.path} removed`;
      } else if (roll < 0.9) {
        const sub = pick(rng, SUBCHARTS);
        const on = rng() < 0.5;
        setPath(overrides, [sub, "enabled"], on);
        what = `${sub}.enabled = ${on}`;
      } else if (roll < 0.95) {
        release = pick(rng, ["dm", "other", "dm"]);
        what = `release ${release}`;
      } else what = "same values again";
      steps.push({ opts: { releaseName: release, values: [...head, stringify(overrides)] }, what });
    }
    const before = reuseCounts.replayed;
    const results = compareSequence(files, steps);
    // The sequences must reach both outcomes, and the reuse must have answered for most templates.
    expect(results.some((r) => r.error === undefined)).toBe(true);
    expect(reuseCounts.replayed - before).toBeGreaterThan(200);
  });
});

/** A chart made to trip the reuse; its values change by the edits below. */
const CRAFTED: Record<string, string> = {
  "Chart.yaml": `apiVersion: v2
name: p
version: 0.1.0
dependencies:
  - name: s1
    version: 0.1.0
    condition: s1.enabled
  - name: s2
    version: 0.1.0
`,
  "values.yaml": `x: hello
tier: web
num: 3
flag: true
m:
  a: {b: deep, c: 1}
  k: v
list: [1, two, {three: 3}]
mutate: false
rootSet: false
mergeIn: false
req: present
tplText: "{{ .Values.x }}-{{ .Release.Name }}"
global:
  g: glob
s1:
  enabled: true
  port: 80
  subSet: false
`,
  "templates/_helpers.tpl": `{{- define "p.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}
{{- define "p.tname" -}}{{ .Template.Name }}{{- end -}}
{{- define "p.labels" -}}
app: {{ include "p.name" . }}
tier: {{ .Values.tier | default "none" | quote }}
{{- end -}}
{{- define "p.m" -}}{{ toYaml .m }}{{- end -}}
`,
  // Rendered after b-, c- and f- (reverse order of names): sees what they wrote.
  "templates/a-read.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "p.name" . }}-a
  labels:
{{ include "p.labels" . | indent 4 }}
data:
  t: {{ include "p.tname" . | quote }}
  x: {{ .Values.x | quote }}
  dig: {{ dig "a" "b" "none" .Values.m | quote }}
  has: {{ hasKey .Values.m "k" | quote }}
  get: {{ get .Values.m "k" | quote }}
  keys: {{ keys .Values.m | sortAlpha | join "," | quote }}
  len: {{ len .Values.list | quote }}
  empty: {{ empty .Values.num | quote }}
  eq: {{ eq (toString .Values.num) "3" | quote }}
  root: {{ $.extra | default "unset" | quote }}
  fromSub: {{ .Values.s1.fromSub | default "no" | quote }}
  sub: {{ with .Subcharts.s1 }}{{ .Values.port | default 0 | quote }}{{ end }}
  tpl: {{ tpl (toString .Values.tplText) . | quote }}
  m: {{ include "p.m" .Values | quote }}
  json: {{ toJson .Values.list | quote }}
  {{- range $k, $v := .Values.m }}
  r-{{ $k }}: {{ $v | toString | quote }}
  {{- end }}
`,
  "templates/b-mutate.yaml": `{{- if .Values.mutate }}
{{- $_ := set .Values "x" (printf "mutated-%v" .Values.x) }}
{{- end }}
{{- if .Values.mergeIn }}
{{- $_ := mergeOverwrite .Values.m (dict "a" (dict "b" "merged")) }}
{{- end }}
{{- if .Values.releaseSet }}
{{- $_ := set .Release "fromB" .Values.releaseVal }}
{{- end }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: b
data:
  x: {{ .Values.x | quote }}
`,
  // Reads what b- wrote to .Release, and no value b- read.
  "templates/a-release.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: a-release
data:
  fromB: {{ .Release.fromB | default "unset" | quote }}
`,
  "templates/c-local.yaml": `{{- $d := merge (dict) .Values.m }}
{{- $_ := set $d "local" "yes" }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  annotations:
    t: {{ include "p.tname" . }}
data:
  d: {{ toYaml $d | quote }}
  flag: {{ .Values.flag | quote }}
`,
  "templates/d-rand.yaml": `apiVersion: v1
kind: Secret
metadata:
  name: d
stringData:
  rand: {{ randAlphaNum 16 }}
  uuid: {{ uuidv4 }}
  year: {{ now | date "2006" | quote }}
  x: {{ .Values.x | quote }}
`,
  "templates/e-lookup.yaml": `{{- $l := lookup "v1" "Pod" "" "" }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: e
data:
  n: {{ len $l | quote }}
  num: {{ .Values.num | quote }}
`,
  "templates/f-root.yaml": `{{- if .Values.rootSet }}
{{- $_ := set $ "extra" (printf "root-%v" .Values.tier) }}
{{- end }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: f
`,
  "templates/g-required.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: g
data:
  req: {{ required "req is required" .Values.req | quote }}
`,
  // Hooks, and a document dropped for an unknown hook (Helm logs it on every render).
  "templates/h-hooks.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: h
  annotations:
    helm.sh/hook: pre-install
data:
  flag: {{ .Values.flag | quote }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: h2
  annotations:
    helm.sh/hook: {{ if .Values.flag }}bogus{{ else }}post-install{{ end }}
`,
  "templates/NOTES.txt": `x={{ .Values.x }} release={{ .Release.Name }} g={{ .Values.global.g }}
`,
  "charts/s1/Chart.yaml": "apiVersion: v2\nname: s1\nversion: 0.1.0\n",
  "charts/s1/values.yaml": "port: 8080\nsubSet: false\nextra: {a: 1}\n",
  "charts/s1/templates/cm.yaml": `{{- if .Values.subSet }}
{{- $_ := set .Values "fromSub" "yes" }}
{{- end }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-s1
data:
  port: {{ .Values.port | quote }}
  g: {{ .Values.global.g | quote }}
  type: {{ typeOf .Values | quote }}
  all: {{ toYaml .Values | quote }}
  extra: {{ toJson .Values.extra | quote }}
`,
  "charts/s2/Chart.yaml": "apiVersion: v2\nname: s2\nversion: 0.1.0\n",
  "charts/s2/templates/cm.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: s2
data:
  k: {{ .Values.k | default "none" | quote }}
  g: {{ .Values.global | toYaml | quote }}
`,
};

const craftedFiles = (): Map<string, Uint8Array> => {
  const enc = new TextEncoder();
  return new Map(Object.entries(CRAFTED).map(([k, v]) => [k, enc.encode(v)]));
};

/** The crafted chart's edit places and the values they take. */
const PLACES: string[][] = [
  ["x"], ["tier"], ["num"], ["flag"], ["m", "a", "b"], ["m", "a", "c"], ["m", "k"], ["m", "n"], ["m"], ["list"],
  ["mutate"], ["rootSet"], ["mergeIn"], ["releaseSet"], ["releaseVal"], ["req"], ["tplText"], ["global", "g"], ["global", "h"],
  ["s1", "enabled"], ["s1", "port"], ["s1", "subSet"], ["s1", "extra", "a"], ["s1", "extra"], ["s2", "k"], ["s1"], ["s2"], ["global"],
];
const VALUES: unknown[] = [
  "hello", "other", "", "3", 3, 0, -1, 2.5, 1e6, true, false, null, [1, 2], [], { a: { b: "x" } }, { k: "v" }, {},
  "{{ .Values.tier }}", "{{ .Chart.Name }}/{{ .Template.Name }}", "-0", "on",
];
const BOOLEAN_PLACES = new Set(["mutate", "rootSet", "mergeIn", "releaseSet", "flag", "enabled", "subSet"]);

function craftedSteps(rng: Rng, n: number): Step[] {
  const overrides: Tree = {};
  let release = "r";
  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    const roll = rng();
    const set: string[] = [];
    // Half the time a place already edited: values go back to their defaults as often as they leave them.
    const edited = PLACES.filter((p) => hasPath(overrides, p));
    const place = edited.length > 0 && rng() < 0.5 ? pick(rng, edited) : pick(rng, PLACES);
    let what: string;
    if (roll < 0.6) {
      const v = BOOLEAN_PLACES.has(place.at(-1)!) && rng() < 0.8 ? rng() < 0.5 : structuredClone(pick(rng, VALUES));
      setPath(overrides, place, v);
      what = `${place.join(".")} = ${JSON.stringify(v)}`;
    } else if (roll < 0.85) {
      // Back to the default: a value that fails every render does not stay for the rest of the sequence.
      deletePath(overrides, place);
      what = `${place.join(".")} removed`;
    } else if (roll < 0.92) {
      set.push(`${place.join(".")}=${String(pick(rng, ["1", "true", "s", "null"]))}`);
      what = `--set ${set[0]}`;
    } else if (roll < 0.96) {
      release = pick(rng, ["r", "r2"]);
      what = `release ${release}`;
    } else what = "same values again";
    steps.push({ opts: { releaseName: release, values: [stringify(overrides)], set }, what });
  }
  return steps;
}

describe("crafted chart: edits rendered with reuse equal fresh renders", () => {
  it.each([1, 2, 3, 4, 5, 6])("sequence %i: 60 random edits", (seed) => {
    const steps = craftedSteps(seededRng(9000 + seed), 60);
    const before = reuseCounts.replayed;
    const results = compareSequence(craftedFiles(), steps);
    expect(results.filter((r) => r.error === undefined).length).toBeGreaterThan(7);
    expect(reuseCounts.replayed - before).toBeGreaterThan(40);
    // The random template ran again each time (a replay would repeat its token).
    const tokens = results.filter((r) => !r.error).map((r) => /rand: (\S+)/.exec(r.output)?.[1]);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("the same map under two keys (a YAML alias): an edit through either place is seen by both", () => {
    const alias = (v: number) => ({ releaseName: "r", values: [`shared: &s {k: ${v}}\nm: *s\n`] });
    const steps: Step[] = [1, 2, 2, 3].map((v) => ({ opts: alias(v), what: `shared.k = ${v}` }));
    steps.push({ opts: { releaseName: "r", values: ["shared: {k: 3}\nm: {k: 4}\n"] }, what: "m apart" });
    compareSequence(craftedFiles(), steps);
  });

  it("a template reading only what an earlier one wrote to .Release follows each new write", () => {
    const enc = new TextEncoder();
    const files = new Map(
      Object.entries({
        "Chart.yaml": "apiVersion: v2\nname: p\nversion: 0.1.0\n",
        "templates/b.yaml": '{{- $_ := set .Release "y" .Values.v }}\nb: 1\n',
        "templates/a.yaml": "a: {{ .Release.y }}\n",
      }).map(([k, v]) => [k, enc.encode(v)]),
    );
    compareSequence(files, ["1", "2", "2", "3"].map((v) => ({ opts: { values: [`v: ${v}\n`] }, what: `v ${v}` })));
  });

  it("a release name changing render after render, then staying", () => {
    const steps: Step[] = Array.from({ length: 12 }, (_, i) => {
      const releaseName = i < 6 ? `r${i}` : "r";
      return { opts: { releaseName, values: [`tier: t${i % 3}\n`] }, what: `tier t${i % 3}, release ${releaseName}` };
    });
    const before = reuseCounts.replayed;
    compareSequence(craftedFiles(), steps);
    expect(reuseCounts.replayed - before).toBeGreaterThan(10);
  });

  it("states along a sequence equal the real Helm's", async () => {
    const steps = craftedSteps(seededRng(9100), 40);
    const results = compareSequence(craftedFiles(), steps);
    const dir = writeTree(CRAFTED, "template-reuse-");
    const sampled = steps.map((s, i) => ({ s, r: results[i]! })).filter((_, i) => i % 4 === 3);
    const helm = await mapLimited(sampled, 2, ({ s }) => {
      const valuesFile = writeTree({ "v.yaml": s.opts.values![0]! }, "template-reuse-values-");
      const args = ["template", s.opts.releaseName!, dir, "-f", path.join(valuesFile, "v.yaml"), ...(s.opts.set ?? []).flatMap((x) => ["--set", x])];
      return runHelmAsync(args);
    });
    // Helm logs coalescing warnings in Go's map order, which varies from run to run: compared as a set.
    const masked = (o: Outcome): Outcome => {
      const lines = o.stderr.split("\n");
      const logs = lines.filter((l) => l.startsWith("level=")).sort();
      return { ...o, stdout: o.stdout.replace(/(rand|uuid): \S+/g, "$1: *"), stderr: [...logs, ...lines.filter((l) => !l.startsWith("level="))].join("\n") };
    };
    sampled.forEach(({ s, r }, i) => expect(masked(engineOutcome(r)), s.what).toEqual(masked(helm[i]!)));
    expect(sampled.filter(({ r }) => r.error === undefined).length).toBeGreaterThan(3);
  });
});

describe("values nested 9,999 levels in a chart with subcharts, rendered again", () => {
  const deep = (inner: string): string => `global: ${"{a: ".repeat(9999)}${inner}${"}".repeat(9999)}\n`;
  const files: Record<string, string> = {
    "Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
    "values.yaml": deep("1"),
    "templates/x.yaml": "y: {{ .Values.global | len }}\n",
    "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
    "charts/sub/templates/x.yaml": "x: {{ .Values.global | toJson | sha256sum }}\n",
  };
  const enc = new TextEncoder();
  const chartFiles = new Map(Object.entries(files).map(([k, v]) => [k, enc.encode(v)]));
  // The same defaults twice (every template replayed), the innermost value changed, a key beside the deep one.
  const texts = ["", "", deep("2"), "global: {b: 1}\n"];

  it("a global walked to the bottom by a subchart: each state as a fresh render and as the real Helm", () => {
    const steps: Step[] = texts.map((t, i) => ({ opts: { values: [t] }, what: `state ${i}` }));
    const before = reuseCounts.replayed;
    const results = compareSequence(chartFiles, steps);
    expect(reuseCounts.replayed - before).toBeGreaterThanOrEqual(2);
    const dir = writeTree(files, "template-reuse-deep-");
    results.forEach((r, i) => {
      const valuesDir = writeTree({ "v.yaml": texts[i]! }, "template-reuse-deep-values-");
      const helm = runHelm(["template", dir, "-f", path.join(valuesDir, "v.yaml")]);
      expect(engineOutcome(r), `state ${i}`).toEqual({ code: helm.code, stdout: helm.stdout, stderr: helm.stderr });
    });
  });

  it("the same global in the subchart's values.yaml: the parent has none (len fails as in Helm), the subchart walks it", () => {
    const { "values.yaml": values, ...rest } = files;
    const subFiles = { ...rest, "charts/sub/values.yaml": values!, "charts/sub/templates/y.yaml": "y: {{ .Values.global | len }}\n" };
    const chart = new Map(Object.entries(subFiles).map(([k, v]) => [k, enc.encode(v)]));
    const helm = runHelm(["template", writeTree(subFiles, "template-reuse-deep-sub-")]);
    expect(helm.stderr).toContain("error calling len: reflect: call of reflect.Value.Type on zero Value");
    const results = compareSequence(chart, [0, 1].map((i) => ({ opts: {}, what: `render ${i}` })));
    for (const r of results) expect(engineOutcome(r)).toEqual({ code: helm.code, stdout: helm.stdout, stderr: helm.stderr });
  });
});

describe("dependency processing reused across renders equals fresh renders", () => {
  const enc = new TextEncoder();
  const CHART: Record<string, string> = {
    "Chart.yaml": `apiVersion: v2
name: p
version: 0.1.0
dependencies:
  - name: s1
    version: 0.1.0
    condition: s1.on,flags.s1
  - name: s2
    version: 0.1.0
    tags: [back]
`,
    "values.yaml": "s1: {on: true, port: 80, t: {a: 1}}\nflags: {s1: true}\ntable: {k: v}\nscalar: x\ntags: {back: true}\n",
    "templates/cm.yaml": "p: {{ toJson .Values }}\n",
    "charts/s1/Chart.yaml": "apiVersion: v2\nname: s1\nversion: 0.1.0\ndependencies:\n  - name: s3\n    version: 0.1.0\n    condition: s3.on\n  - name: s4\n    version: 0.1.0\n    condition: global.s4\n",
    "charts/s1/values.yaml": "port: 1\ns3: {on: true}\n",
    "charts/s1/templates/cm.yaml": "s1: {{ toJson .Values }}\n",
    "charts/s1/charts/s3/Chart.yaml": "apiVersion: v2\nname: s3\nversion: 0.1.0\n",
    "charts/s1/charts/s3/templates/cm.yaml": "s3: {{ .Values.on }}\n",
    "charts/s1/charts/s4/Chart.yaml": "apiVersion: v2\nname: s4\nversion: 0.1.0\n",
    "charts/s1/charts/s4/templates/cm.yaml": "s4: on\n",
    "charts/s2/Chart.yaml": "apiVersion: v2\nname: s2\nversion: 0.1.0\n",
    "charts/s2/templates/cm.yaml": "s2: {{ toJson .Values }}\n",
  };
  const files = new Map(Object.entries(CHART).map(([k, v]) => [k, enc.encode(v)]));
  // Each text differs from the one before in one scalar: some are read by a condition, a tag or a nested
  // chart's condition (s1.s3.on, read at the top of the values; global.s4, seen through s1's global), some
  // change a warning's subject or a type.
  const texts = [
    "s1: {port: 81}\n",
    "s1: {port: 82}\n",
    "s1: {port: 82, on: false}\n",
    "s1: {port: 82, on: true}\n",
    "s1: {port: 82, on: 'yes'}\n",
    "s1: {port: 82, on: true}\nflags: {s1: false}\n",
    "s1: {port: 82, on: true}\nflags: {s1: true}\n",
    "s1: {port: 82, on: true}\nflags: {s1: true}\ntags: {back: false}\n",
    "s1: {port: 82, on: true}\nflags: {s1: true}\ntags: {back: 1}\n",
    "s1: {port: 82, on: true, s3: {on: false}}\n",
    "s1: {port: 82, on: true, s3: {on: true}}\n",
    "s3: {on: false}\ns1: {port: 82}\n",
    "s3: {on: true}\ns1: {port: 82}\n",
    "s1: {port: 82, t: {a: 2}}\n",
    "s1: {port: 82, t: 5}\n",
    "s1: {port: 82, t: 6}\n",
    "s1: {port: 82, t: null}\n",
    "table: 1\ns1: {port: 83}\n",
    "table: 2\ns1: {port: 83}\n",
    "s1: 5\n",
    "s1: 6\n",
    "s1: {port: 84}\n",
    // s1's condition global.s4 reads s1.global.s4, which coalescing copies from the top-level global.
    "global: {s4: true}\ns1: {port: 84}\n",
    "global: {s4: false}\ns1: {port: 84}\n",
    "global: {s4: true}\ns1: {port: 84}\n",
  ];

  it("conditions, tags and warnings follow each edit (25 states), as the real Helm renders them", async () => {
    const steps: Step[] = texts.map((t) => ({ opts: { values: [t] }, what: t }));
    const results = compareSequence(files, steps);
    expect(results.filter((r) => r.error !== undefined).length).toBe(2);
    const dir = writeTree(CHART, "template-reuse-deps-");
    const helm = await mapLimited(texts, 2, (t) => runHelmAsync(["template", dir, "-f", path.join(writeTree({ "v.yaml": t }, "template-reuse-deps-values-"), "v.yaml")]));
    results.forEach((r, i) => expect(engineOutcome(r), texts[i]).toEqual(helm[i]));
  });
});

describe("coalesced values frozen against the last render keep Helm's shared global maps", () => {
  const CHART: Record<string, string> = {
    "Chart.yaml": "apiVersion: v2\nname: p\nversion: 0.1.0\n",
    "values.yaml": "global:\n  a:\n    b:\n      c: 1\n  l: [1, 2]\nx: 1\n",
    "templates/t.yaml": "p: {{ toJson .Values.global | quote }}\nx: {{ .Values.x }}\n",
    "charts/s1/Chart.yaml": "apiVersion: v2\nname: s1\nversion: 0.1.0\n",
    // Helm copies globals one level deep: s1's default global.a.b is merged into the parent's own map.
    "charts/s1/values.yaml": "global:\n  a:\n    b:\n      d: 2\n",
    // Rendered before the parent's template: a change through s1's global is seen through the parent's.
    "charts/s1/templates/t.yaml": "{{- if .Values.global.set }}{{ $_ := set .Values.global.a.b \"e\" .Values.global.set }}{{ end }}s1: {{ toJson .Values.global | quote }}\n",
    "charts/s2/Chart.yaml": "apiVersion: v2\nname: s2\nversion: 0.1.0\n",
    "charts/s2/templates/t.yaml": "s2: {{ toJson .Values.global | quote }}\n",
  };
  const enc = new TextEncoder();
  const files = new Map(Object.entries(CHART).map(([k, v]) => [k, enc.encode(v)]));
  const texts = ["x: 2\n", "x: 3\n", "x: 3\nglobal: {set: 5}\n", "x: 4\nglobal: {set: 5}\n", "x: 4\n", "global: {a: {b: {c: 7}}}\n", "global: {a: {b: {c: 7}}, set: 1}\n", "x: 5\n", "--set", "x: 5\n"];

  it("states vs fresh renders and the real Helm", async () => {
    const steps: Step[] = texts.map((t) => ({ opts: t === "--set" ? { set: ["global.a.b.c=9", "global.set=2"] } : { values: [t] }, what: t }));
    const results = compareSequence(files, steps);
    const dir = writeTree(CHART, "template-reuse-globals-");
    const helm = await mapLimited(texts, 2, (t) =>
      runHelmAsync(["template", dir, ...(t === "--set" ? ["--set", "global.a.b.c=9", "--set", "global.set=2"] : ["-f", path.join(writeTree({ "v.yaml": t }, "template-reuse-globals-values-"), "v.yaml")])]),
    );
    results.forEach((r, i) => expect(engineOutcome(r), texts[i]).toEqual(helm[i]));
    expect(results[2]!.output).toContain('p: "{\\"a\\":{\\"b\\":{\\"c\\":1,\\"d\\":2,\\"e\\":5}}');
  });
});
