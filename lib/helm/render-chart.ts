/**
 * `helm template` as one synchronous function: values → coalesce → dependencies → schema → render →
 * sort → print. No fs: files named by -f/--set-file come in as text or through `readFile`.
 */
import type { GoMap, Value } from "../template/value";
import { byteLength, FuncError, utf8String } from "../template/value";
import type { Chart } from "./chart";
import { chartFullPath } from "./chart";
import { coalesceOwnedValues, deepCopyValue, loadSharedValues, mergeMaps } from "./coalesce";
import { checkDependencies, isCompatibleRange, processDependencies } from "./dependencies";
import { renderTemplates } from "./engine";
import { HelmError } from "./errors";
import { type HeadReading, readManifestHead, rereadManifestHead } from "./block-yaml";
import { type ManifestMemo, printManifests, slogValue, sortManifests, type ManifestDoc } from "./manifests";
import { capabilitiesObject, isDeprecated, releaseObject, type Capabilities } from "./objects";
import { parseSet, parseSetFile, parseSetJson, parseSetLiteral, parseSetString, StrvalsError } from "./strvals/index";
import { formatSchemaFailure, validateChartTree, type SchemaChart } from "./schema/index";
import { parseYamlDocument } from "./yaml/index";
import { withRollback } from "./tracked-map";
import { internCoalesced, SharedMap } from "./shared-values";

export interface RenderOptions {
  /** YAML texts of `-f` files, in command-line order. */
  values?: string[];
  /** Names of the `values` entries, for error messages (defaults to `values[i]`). */
  valuesFiles?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  setLiteral?: string[];
  /** `--set-file key=path` entries; the paths are read with `readFile`. */
  setFile?: string[];
  /** Reads a `--set-file` path; throw to report a missing file. */
  readFile?: (path: string) => string;
  /** Defaults to `release-name`. */
  releaseName?: string;
  /** Defaults to `default`. */
  namespace?: string;
  /** `--kube-version`, e.g. `1.29.3` or `v1.29.3`. Defaults to `v1.35.0`. */
  kubeVersion?: string;
  /** `--api-versions`, added to the default list. */
  apiVersions?: string[];
  /** `--show-only` patterns (Go filepath.Match globs over chart-relative template paths). */
  showOnly?: string[];
  noHooks?: boolean;
  skipTests?: boolean;
  includeCrds?: boolean;
  isUpgrade?: boolean;
}

/** One rendered document, as it sits in the output. */
export interface RenderedManifest {
  /** `# Source:` path: `chart/templates/x.yaml`. */
  source: string;
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** The `helm.sh/hook` annotation, or "" for a plain manifest. */
  hook: string;
  content: string;
}

export interface RenderResult {
  /** Exactly `helm template`'s stdout ("" on failure). */
  output: string;
  manifests: RenderedManifest[];
  /** Rendered NOTES.txt of the top chart ("" when none). */
  notes: string;
  /** Set when helm would fail; `error.stderr` is helm's exact stderr. */
  error?: HelmError;
  /** Warnings helm logs on stderr without failing (e.g. table-vs-scalar coalescing). */
  warnings: string[];
}

/**
 * Largest values file the studio reads: Helm's limit for one file of a chart archive (MaxDecompressedFileSize).
 * `helm template -f` itself has none; the engine runs in a browser tab, which a huge file would freeze.
 */
export const MAX_VALUES_FILE_BYTES = 5 * 1024 * 1024;

/** Why a values file of `size` bytes is refused before it is parsed, or null when it is within the limit. */
export function valuesFileTooLarge(name: string, size: number): string | null {
  if (size <= MAX_VALUES_FILE_BYTES) return null;
  return `values file ${name} is ${size} bytes (${(size / 1024 / 1024).toFixed(1)} MiB): over the limit of ${MAX_VALUES_FILE_BYTES} bytes (5 MiB)`;
}

/**
 * pkg/cli/values Options.MergeValues: -f files, then --set-json, --set, --set-string, --set-file,
 * --set-literal, merged into the user-supplied values map. Throws HelmError.
 */
export function mergeUserValues(opts: RenderOptions): GoMap {
  return deepCopyValue(sharedUserValues(opts));
}

/** mergeUserValues keeping the values files' shared subtrees (a render copies only what it changes). */
function sharedUserValues(opts: RenderOptions): GoMap {
  let base: GoMap = new Map();
  (opts.values ?? []).forEach((text, i) => {
    const name = opts.valuesFiles?.[i] ?? `values[${i}]`;
    // A UTF-16 unit is at most 3 UTF-8 bytes: shorter texts need no count.
    const tooLarge = text.length > MAX_VALUES_FILE_BYTES / 3 ? valuesFileTooLarge(name, byteLength(text)) : null;
    if (tooLarge) throw new HelmError({ code: "VALUES_INVALID", message: tooLarge });
    base = mergeMaps(base, loadSharedValues(text, `failed to parse ${name}`));
  });
  const flags = [opts.setJson, opts.set, opts.setString, opts.setFile, opts.setLiteral];
  // The --set parsers change maps along their paths: they get a plain tree.
  if (flags.some((f) => f !== undefined && f.length > 0)) base = deepCopyValue(base);
  try {
    for (const v of opts.setJson ?? []) parseSetJson(v, base);
    for (const v of opts.set ?? []) parseSet(v, base);
    for (const v of opts.setString ?? []) parseSetString(v, base);
    const readFile = opts.readFile ?? ((p: string): string => {
      throw new Error(`open ${p}: no such file or directory`);
    });
    for (const v of opts.setFile ?? []) parseSetFile(v, base, readFile);
    for (const v of opts.setLiteral ?? []) parseSetLiteral(v, base);
  } catch (e) {
    if (e instanceof StrvalsError) throw new HelmError({ code: "VALUES_INVALID", message: e.message });
    throw e;
  }
  return base;
}

/** Every chart's crds/*.{yaml,yml,json} (Chart.CRDObjects): own first, then each dependency's. */
function crdObjects(chart: Chart): { path: string; content: string }[] {
  const own = chart.crds
    .filter((f) => /\.(ya?ml|json)$/.test(f.name))
    .map((f) => ({ path: `${chartFullPath(chart)}/${f.name}`, content: utf8String(f.data) }));
  return [...own, ...chart.dependencies.flatMap(crdObjects)];
}

/**
 * Each chart's previous render, its documents and their heads in the order they were read: re-rendering
 * with new values mostly yields the same documents in the same places, or documents that differ only in
 * a few plain words (a new release name), and comparing a document with the one read at its place costs
 * less than reading it again (or hashing it for a lookup).
 */
const previousDocs = new WeakMap<Chart, Read[]>();
/** Each chart's previous render, its templates' documents as sorted (a template whose text is the same is not read again). */
const previousFiles = new WeakMap<Chart, ManifestMemo["next"]>();

/** A document and its head; `reading` when the fast reader read it (or a variant of it). */
interface Read {
  doc: string;
  head: Value;
  reading: HeadReading | undefined;
}

/**
 * sigs.k8s.io/yaml Unmarshal of each rendered document as the manifest sorter reads its head: the fast
 * head reader where the document is in its subset, else the full parse; the previous render's answer
 * for a document identical to the one at the same place then, or read from it where only plain words differ.
 */
function docParser(chart: Chart): { parse: (doc: string) => Value; done: () => void } {
  const before = previousDocs.get(chart);
  const now: Read[] = [];
  return {
    parse(doc) {
      const prev = before?.[now.length];
      let read: Read;
      if (prev !== undefined && prev.doc === doc) read = prev;
      else {
        const reading = (prev?.reading && rereadManifestHead(prev.reading, doc)) ?? readManifestHead(doc);
        read = { doc, head: reading ? reading.head : parseYamlDocument(doc), reading };
      }
      now.push(read);
      return read.head;
    },
    done: () => previousDocs.set(chart, now),
  };
}

function toManifest(m: ManifestDoc): RenderedManifest {
  return { source: m.path, kind: m.kind, apiVersion: m.apiVersion, name: m.name, namespace: m.namespace, hook: m.hook, content: m.content };
}

/** Each chart's previous render's coalesced values, frozen (internCoalesced). */
const previousValues = new WeakMap<Chart, SharedMap>();

/** Schema texts by their bytes, decoded once per loaded chart (the schema cache is keyed by text). */
const schemaTexts = new WeakMap<Uint8Array, string>();

/** The effective chart tree as schema validation reads it (names are aliases, as Helm's). */
function schemaChart(c: Chart): SchemaChart {
  let schema: string | undefined;
  if (c.schema) {
    schema = schemaTexts.get(c.schema);
    if (schema === undefined) {
      // Go's bytes (value.ts): its JSON decoder names a byte that is not UTF-8 in its errors, and keeps a second byte order mark.
      schema = utf8String(c.schema);
      schemaTexts.set(c.schema, schema);
    }
  }
  return { name: c.metadata.name, schema, dependencies: c.dependencies.map(schemaChart) };
}

/** ValidateAgainstSchema over the effective chart tree. */
function validateSchemas(chart: Chart, values: GoMap, warn: (msg: string) => void): void {
  const failures = validateChartTree(schemaChart(chart), values, warn);
  if (failures.length > 0) {
    const first = failures[0];
    // `- at '/image/tag': …` → image.tag, so the UI can point at the failing value.
    const at = /^- at '([^']*)'/.exec(first?.errors[0] ?? "")?.[1];
    throw new HelmError({
      code: "SCHEMA_INVALID",
      message: formatSchemaFailure(failures),
      file: first ? `${first.chartName}/values.schema.json` : undefined,
      valuesPath: at === undefined ? undefined : at.split("/").slice(1).join("."),
    });
  }
}

/** `.Capabilities` by its options: templates cannot change it, so renders share one. */
const capabilitiesCache = new Map<string, Capabilities>();
const CAPABILITIES_MAX = 16;

/** `.Capabilities` for --kube-version/--api-versions. Throws HelmError (`invalid kube version …`). */
export function renderCapabilities(opts: Pick<RenderOptions, "kubeVersion" | "apiVersions">): Capabilities {
  const key = JSON.stringify([opts.kubeVersion, opts.apiVersions]);
  try {
    let caps = capabilitiesCache.get(key);
    if (caps === undefined) {
      caps = capabilitiesObject(opts.kubeVersion, opts.apiVersions ?? []);
      if (capabilitiesCache.size >= CAPABILITIES_MAX) capabilitiesCache.delete(capabilitiesCache.keys().next().value ?? "");
      capabilitiesCache.set(key, caps);
    }
    return caps;
  } catch (e) {
    if (e instanceof FuncError) {
      throw new HelmError({ code: "KUBE_VERSION", message: `invalid kube version '${opts.kubeVersion ?? ""}': ${e.message}` });
    }
    throw e;
  }
}

/** The whole `helm template` run; throws HelmError. */
function run(chart: Chart, opts: RenderOptions, warnings: string[]): Omit<RenderResult, "error" | "warnings"> {
  const warn = (msg: string): void => {
    warnings.push(msg.startsWith("level=") ? msg : `level=INFO msg=${slogValue(msg)}`);
  };
  const caps = renderCapabilities(opts);
  const userValues = sharedUserValues(opts);
  const type = chart.metadata.type ?? "";
  if (type !== "" && type !== "application") throw new HelmError({ code: "CHART_INVALID", message: `${type} charts are not installable` });
  // helm install/template warn right after the installable check, before the dependency check.
  if (isDeprecated(chart)) warnings.push('level=WARN msg="this chart is deprecated"');
  if (chart.metadata.dependencies.length > 0) checkDependencies(chart);

  const effective = processDependencies(chart, userValues, isCompatibleRange, warn);
  // userValues are this render's own (mergeUserValues built them) and are not read again.
  const values = internCoalesced(coalesceOwnedValues(effective, userValues, warn), previousValues.get(chart));
  if (values instanceof SharedMap) previousValues.set(chart, values);
  validateSchemas(effective, values, warn);

  const kubeConstraint = chart.metadata.raw.get("kubeVersion");
  if (typeof kubeConstraint === "string" && kubeConstraint !== "" && !isCompatibleRange(kubeConstraint, caps.kubeVersion.normalized)) {
    throw new HelmError({
      code: "KUBE_VERSION",
      message: `chart requires kubeVersion: ${kubeConstraint} which is incompatible with Kubernetes ${caps.kubeVersion.version}`,
      debugFooter: true,
    });
  }
  const release = releaseObject({ name: opts.releaseName ?? "release-name", namespace: opts.namespace ?? "default", isUpgrade: opts.isUpgrade ?? false });
  // The values share the chart defaults: what templates change in them is undone when they finish.
  const files = withRollback(() => renderTemplates(chart, effective, { release, capabilities: caps, values }));

  let notes = "";
  const top = `${effective.metadata.name}/templates/NOTES.txt`;
  for (const [name, text] of files) {
    if (!name.endsWith("NOTES.txt")) continue;
    if (name === top) notes = text;
    files.delete(name);
  }
  const parser = docParser(chart);
  const memo: ManifestMemo = { previous: previousFiles.get(chart), next: new Map() };
  const { generic, hooks } = sortManifests(files, parser.parse, (line) => warnings.push(line), memo);
  parser.done();
  previousFiles.set(chart, memo.next);
  const output = printManifests(generic, hooks, {
    crds: opts.includeCrds ? crdObjects(effective) : [],
    noHooks: opts.noHooks,
    skipTests: opts.skipTests,
    showOnly: opts.showOnly,
  });
  const shownHooks = opts.noHooks ? [] : hooks.filter((h) => !(opts.skipTests && h.isTest));
  return { output, notes, manifests: [...generic, ...shownHooks].map(toManifest) };
}

/**
 * Renders `chart` exactly as `helm template` (Helm v4.1.4) would. Never throws for chart or template
 * problems: they come back as `error`, with `error.stderr` holding Helm's exact stderr text.
 */
export function renderChart(chart: Chart, opts: RenderOptions = {}): RenderResult {
  const warnings: string[] = [];
  try {
    return { ...run(chart, opts, warnings), warnings };
  } catch (e) {
    if (!(e instanceof HelmError)) throw e;
    return { output: "", manifests: [], notes: "", warnings, error: e };
  }
}
