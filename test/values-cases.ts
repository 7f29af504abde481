/**
 * Seeded generator of values files for chart-templates/developer-mesh, walking the zod model's fields
 * (valueFields()): every control kind gets its edge cases (ports at bounds, quantities, empty, long,
 * unicode and number-like strings, lists and maps of several sizes), each of the four bases (values.yaml
 * alone, dev, staging, prod) and subcharts switched on and off. Most cases are repaired until the model
 * (with checkConsistency) accepts them, so they render; the rest stay invalid on purpose and must fail
 * identically in the engine and in Helm. Test-only (Node).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { valueFields, type ValueField } from "../lib/values/fields";
import { SUBCHARTS, valuesSchema } from "../lib/values/schema";
import { seededRng, type Rng } from "./seeded-rng";

export const repoRoot = path.resolve(import.meta.dirname, "..");
export const chartDir = path.join(repoRoot, "chart-templates/developer-mesh");

export const BASES = ["defaults", "dev", "staging", "prod"] as const;
export type Base = (typeof BASES)[number];

/** The `-f` file of a base, or null for values.yaml alone. */
export const baseFile = (base: Base): string | null => (base === "defaults" ? null : path.join(chartDir, `values-${base}.yaml`));

export interface ValuesCase {
  name: string;
  base: Base;
  /** The generated overrides file, as written to disk and given to both renderers. */
  yaml: string;
  /** Whether the zod model (with the consistency rules) accepts base + overrides. */
  valid: boolean;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

const LONG = "a".repeat(300);
const UNICODE = ["ünïcødé", "日本語テキスト", "emoji 🚀✨", "Ωmega–dash", "\u00a0nbsp", "zero\u200bwidth"];
/** Strings YAML 1.1, Go or the chart might read as something else. */
const NUMBER_LIKE = ["0", "0123", "1e3", "1.0", "-1", "+1", ".5", "0x1F", "0o17", "1_000", "12:30", "2001-12-14", "Infinity", ".inf", "NaN", "1e+06"];
const BOOL_NULL_LIKE = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "Null", "TRUE"];
const AWKWARD = ["", " ", "x", "a: b", "- item", "#hash", "{x: 1}", "[y]", "'single'", '"double"', "multi\nline\n", "trail\n", " leading", "trailing ", "tab\there", "back\\slash", "%s %d %v", "{{ .Values }}", "<no value>", "@at", "&anchor", "*alias", "!tag", "|", ">", "---", "...", "=", "key=value,other"];
const FREE_TEXT = [...AWKWARD, ...NUMBER_LIKE, ...BOOL_NULL_LIKE, ...UNICODE, LONG, `${LONG}ü`];

/** Valid examples of each pattern the model uses, plus a few invalid ones (the model then rejects the case). */
const PATTERN_POOLS: [string, string[]][] = [
  ["[numkMGTPE]", ["0", "1", "2", "500m", "1.5", ".5", "+1", "1e3", "1E3", "100m", "512Mi", "1Gi", "64Ki", "1Ti", "2Pi", "1Ei", "3k", "1M", "250u", "10n", "0.001", "1000000", "lots"]],
  ["ns|us", ["30s", "1m", "5m", "1h", "1h30m", "250ms", "1.5h", "0s", "100us", "10µs", "24h", "90m", "30"]],
  ["(\\.[a-z0-9]", ["", "a", "my-secret", "x.y.z", "a".repeat(63), "tls-cert-1", `${"a".repeat(60)}.b`, "Upper"]],
  ["^[-._a-zA-Z0-9]+$", ["password", "key", "a.b_c-D", "0", "x".repeat(200), "bad key"]],
  ["[-a-z0-9.]*", ["ghcr.io", "docker.io", "registry.local:5000", "localhost", "a", "quay.io", "10.0.0.1:443"]],
  ["(:[0-9]+)?", ["busybox", "library/busybox", "org/app", "a/b/c", "my-org/my_app.v2", "localhost:5000/x"]],
  ["{0,127}", ["1.0.0", "v2", "latest", "1.37.0", "_x", "a".repeat(128), "8.2.2-alpine", "0"]],
  ["sha256", ["", `sha256:${"a".repeat(64)}`, `sha256:${"0123456789abcdef".repeat(4)}`]],
  ["(-gov)?", ["us-east-1", "eu-west-2", "us-gov-west-1", "ap-southeast-3"]],
  ["arn:aws", ["", "arn:aws:iam::123456789012:role/app", "arn:aws-cn:iam::000000000000:role/a/b@c=d"]],
  ["{8}-", ["00000000-0000-0000-0000-000000000001", "ABCDEF01-2345-6789-abcd-ef0123456789"]],
  ["{43}=", ["", `${"A".repeat(43)}=`, "aW5zZWN1cmUtZGV2LXJhZy1tYXN0ZXIta2V5LTAwMzI="]],
  ["( \\S+){4}", ["*/30 * * * *", "0 0 * * *", "@@ 1 2 3 4", "*/5 * * * 1-5"]],
  ["kB|MB", ["128MB", "1GB", "64kB", "1TB", "0MB"]],
  ["[kKmMgG]", ["256mb", "1gb", "100", "2G", "512Kb"]],
  ["mcp", ["mcp,public", "mcp", "public,mcp", "public, mcp ,x"]],
];

/** Values that fit text fields the model types by name rather than by one pattern. */
const NAMED_POOLS: [RegExp, unknown[]][] = [
  [/\.host$/, ["", "db.example.com", "localhost", "a", "10.0.0.5", "x".repeat(63), "api.developer-mesh.com", "UPPER.example.org"]],
  [/otlpEndpoint$/, ["", "otel:4317", "tempo.observability.svc:4317", "10.0.0.1:65535"]],
  [/endpoint$|Url$/, ["", "http://rest-api:8080", "https://example.com/path?q=1", "http://[::1]:80"]],
  [/minAvailable$/, [0, 1, 3, "50%", "0%", "100%"]],
  [/topologyKey$/, ["topology.kubernetes.io/zone", "kubernetes.io/hostname", "x"]],
  [/className$/, ["nginx", "", "alb", "traefik-internal"]],
];

const LABEL_KEYS = ["app", "team", "example.com/owner", "a.b/c-d_e", "zzz", "Upper", "123", "yes", "on", "1e3", "with space", "ünï", "a".repeat(63), "_under", "k8s.io/Name"];

function stringMap(rng: Rng, size: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < size; i++) out[i < LABEL_KEYS.length ? pick(rng, LABEL_KEYS) : `key${i}`] = pick(rng, FREE_TEXT);
  return out;
}

/** An arbitrary nested object, as passthrough values (affinity) accept. */
function nestedObject(rng: Rng, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const size = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < size; i++) {
    const k = pick(rng, ["nodeAffinity", "podAntiAffinity", "weight", "key", "values", "z", "a", "required", `k${i}`]);
    const r = rng();
    out[k] =
      depth > 0 && r < 0.3
        ? nestedObject(rng, depth - 1)
        : r < 0.45
          ? [pick(rng, FREE_TEXT), Math.floor(rng() * 100), rng() < 0.5]
          : r < 0.6
            ? pick(rng, [0, 1, -1, 1.5, 1e6, 1e21, 2 ** 53 + 2, 0.1])
            : r < 0.7
              ? rng() < 0.5
              : r < 0.75
                ? null
                : pick(rng, FREE_TEXT);
  }
  return out;
}

const SIZES = [0, 1, 3, 8];

function listValue(rng: Rng, f: ValueField): unknown[] {
  const n = pick(rng, SIZES);
  const item = (i: number): unknown => {
    if (f.path.endsWith("extraEnv")) return { name: `EXTRA_${i}`, value: pick(rng, FREE_TEXT) };
    if (f.path.endsWith("tolerations")) return { key: pick(rng, ["dedicated", "gpu"]), operator: pick(rng, ["Exists", "Equal"]), value: pick(rng, ["x", "1"]), effect: "NoSchedule" };
    if (f.path.endsWith("pullSecrets")) return pick(rng, ["regcred", "a", "x.y", "Bad_Name"]);
    if (f.path.endsWith("corsAllowedOrigins")) return pick(rng, ["https://a.example.com", "*", "http://localhost:3000"]);
    return pick(rng, FREE_TEXT);
  };
  return Array.from({ length: n }, (_, i) => item(i));
}

function integerValue(rng: Rng, f: ValueField): number | string {
  const min = f.minimum ?? 0;
  const max = f.maximum;
  const pool = [min, min + 1, min === 0 ? 2 : min * 2, 5, 10, 100, 1000, 65535, 1_000_000, 2_147_483_647, 2 ** 53 - 1];
  if (max !== undefined) pool.push(max, max - 1);
  if (f.default !== undefined && typeof f.default === "number") pool.push(f.default);
  // Rarely out of range or of the wrong type: the case then checks that both renderers fail alike.
  if (rng() < 0.03) return pick(rng, [min - 1, (max ?? 1e9) + 1, 1.5, "8080"]);
  const inRange = pool.filter((v) => v >= min && (max === undefined || v <= max));
  return pick(rng, inRange);
}

function textValue(rng: Rng, f: ValueField): unknown {
  for (const [re, pool] of NAMED_POOLS) if (re.test(f.path)) return pick(rng, pool);
  if (f.pattern !== undefined) {
    for (const [part, pool] of PATTERN_POOLS) if (f.pattern.includes(part)) return pick(rng, pool);
  }
  return pick(rng, FREE_TEXT);
}

/** One edge-case value for a field. */
export function fieldValue(rng: Rng, f: ValueField): unknown {
  switch (f.control) {
    case "switch":
      return rng() < 0.5;
    case "select":
      return pick(rng, f.options ?? [""]);
    case "integer":
      return integerValue(rng, f);
    case "number":
      return pick(rng, [0, 1, 0.5, 0.05, 0.1, 1e-7, 0.1 + 0.2, 0.999999, 1 / 3, f.default]);
    case "list":
      return listValue(rng, f);
    case "map":
      return f.path.endsWith("affinity") ? (rng() < 0.2 ? {} : nestedObject(rng, 3)) : stringMap(rng, pick(rng, SIZES));
    case "secret":
      return f.pattern !== undefined ? textValue(rng, f) : pick(rng, [...FREE_TEXT, "s3cr3t!$&'\"", "p@ss:word#1"]);
    case "text":
      return textValue(rng, f);
  }
}

function setPath(obj: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let node = obj;
  for (const s of segments.slice(0, -1)) {
    const next = node[s];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[s] = {};
    node = node[s] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]!] = value;
}

function deletePath(obj: Record<string, unknown>, segments: readonly string[]): void {
  let node: unknown = obj;
  for (const s of segments.slice(0, -1)) {
    node = (node as Record<string, unknown> | undefined)?.[s];
    if (node === null || typeof node !== "object") return;
  }
  delete (node as Record<string, unknown>)[segments[segments.length - 1]!];
}

function merge(base: unknown, over: unknown): unknown {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (!isObj(base) || !isObj(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

const baseValues = new Map<Base, unknown>();
function baseOf(base: Base): unknown {
  let v = baseValues.get(base);
  if (v === undefined) {
    const file = baseFile(base);
    v = file === null ? {} : (parse(readFileSync(file, "utf8"), { version: "1.1" }) as unknown);
    baseValues.set(base, v);
  }
  return v;
}

const toYaml = (overrides: Record<string, unknown>): string => stringify(overrides, { version: "1.1", lineWidth: 0 });

/** The model's issues for base + overrides (as Helm will read the overrides file). */
function issuesOf(base: Base, overrides: Record<string, unknown>): (string | number)[][] {
  const read = parse(toYaml(overrides), { version: "1.1" }) as unknown;
  const r = valuesSchema.safeParse(merge(baseOf(base), read ?? {}));
  return r.success ? [] : r.error.issues.map((i) => i.path.map((p) => (typeof p === "symbol" ? String(p) : p)));
}

/** The model field an issue path points into (the longest field path that prefixes it). */
function fieldAt(fields: readonly ValueField[], issue: (string | number)[]): ValueField | undefined {
  let best: ValueField | undefined;
  for (const f of fields) {
    if (f.segments.length <= issue.length && f.segments.every((s, i) => s === issue[i]) && (!best || f.segments.length > best.segments.length)) best = f;
  }
  return best;
}

/**
 * Makes the model accept the case: an issue on an overridden value drops the override; an issue on a
 * value the case did not touch (a consistency rule) tries that field's values until one fits.
 */
function repair(rng: Rng, fields: readonly ValueField[], base: Base, overrides: Record<string, unknown>): boolean {
  for (let round = 0; round < 12; round++) {
    const issues = issuesOf(base, overrides);
    if (issues.length === 0) return true;
    const issue = issues[0]!;
    const f = fieldAt(fields, issue);
    if (!f) {
      deletePath(overrides, issue.map(String));
      continue;
    }
    const before = JSON.stringify(overrides);
    deletePath(overrides, f.segments);
    if (JSON.stringify(overrides) !== before && issuesOf(base, overrides).every((i) => fieldAt(fields, i) !== f)) continue;
    for (let attempt = 0; attempt < 30; attempt++) {
      setPath(overrides, f.segments, fieldValue(rng, f));
      if (issuesOf(base, overrides).every((i) => fieldAt(fields, i) !== f)) break;
    }
  }
  return issuesOf(base, overrides).length === 0;
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Share of cases left as generated even when the model rejects them. Defaults to 0.1. */
  invalidShare?: number;
  /** Whether to ask the model about the cases left as generated (slow: zod). Defaults to true; when false their `valid` is false. */
  checkModel?: boolean;
}

let fieldsCache: ValueField[] | undefined;

/** `count` values files, fully determined by `seed`. Every model field is overridden in some case. */
export function generateValuesCases({ seed, count, invalidShare = 0.1, checkModel = true }: GenerateOptions): ValuesCase[] {
  const rng = seededRng(seed);
  const fields = (fieldsCache ??= valueFields());
  const order = [...fields].sort(() => rng() - 0.5);
  let cursor = 0;
  const cases: ValuesCase[] = [];
  for (let i = 0; i < count; i++) {
    const base = BASES[i % BASES.length]!;
    const overrides: Record<string, unknown> = {};
    // Four fields in turn (so all are covered) plus a few at random.
    const chosen = Array.from({ length: 4 }, () => order[cursor++ % order.length]!);
    for (let k = Math.floor(rng() * 6); k > 0; k--) chosen.push(pick(rng, fields));
    for (const f of chosen) setPath(overrides, f.segments, fieldValue(rng, f));
    for (const sub of SUBCHARTS) if (rng() < 0.15) setPath(overrides, [sub, "enabled"], rng() < 0.5);
    const keepInvalid = rng() < invalidShare;
    const valid = keepInvalid ? checkModel && issuesOf(base, overrides).length === 0 : repair(rng, fields, base, overrides);
    cases.push({ name: `#${i} ${base}: ${chosen.map((f) => f.path).join(", ")}`, base, yaml: toYaml(overrides), valid });
  }
  return cases;
}
