/**
 * ChartFiles (or .tgz bytes) → Chart, following Helm's loader (pkg/chart/v2/loader/load.go):
 * Chart.yaml first, then values/schema/templates/files, then each charts/<name> as a subchart.
 */
import type { GoMap, Value } from "../template/value";
import { formatValue, isGoMap, utf8String } from "../template/value";
import type { Chart, ChartFile, ChartFiles, Dependency, Metadata } from "./chart";
import { goQuote } from "../template/token";
import { HelmError } from "./errors";
import { loadValuesText } from "./coalesce";
import { ArchiveError, readChartArchive } from "./archive/index";
import { IgnoreError, filterIgnored, parseIgnore } from "./ignore/index";
import { YamlError } from "./yaml/index";
import { unmarshalYamlStruct, type GoStructType } from "./yaml/unmarshal-struct";


function chartError(message: string): HelmError {
  return new HelmError({ code: "CHART_INVALID", message });
}

const STRING = { kind: "string" } as const;
const STRINGS = { kind: "slice", elem: STRING, name: "[]string" } as const;

const MAINTAINER: GoStructType = { name: "Maintainer", typeName: "v2.Maintainer", fields: { name: STRING, email: STRING, url: STRING } };

const DEPENDENCY: GoStructType = {
  name: "Dependency",
  typeName: "v2.Dependency",
  fields: {
    name: STRING,
    version: STRING,
    repository: STRING,
    condition: STRING,
    tags: STRINGS,
    enabled: { kind: "bool" },
    "import-values": { kind: "slice", elem: { kind: "any" }, name: "[]interface {}" },
    alias: STRING,
  },
};

/** pkg/chart/v2 Metadata, by json tag: what Chart.yaml (and a v1 chart's requirements.yaml) decode into. */
const METADATA: GoStructType = {
  name: "Metadata",
  typeName: "v2.Metadata",
  fields: {
    name: STRING,
    home: STRING,
    sources: STRINGS,
    version: STRING,
    description: STRING,
    keywords: STRINGS,
    maintainers: { kind: "slice", elem: { kind: "struct", struct: MAINTAINER }, name: "[]*v2.Maintainer" },
    icon: STRING,
    apiVersion: STRING,
    condition: STRING,
    tags: STRING,
    appVersion: STRING,
    deprecated: { kind: "bool" },
    annotations: { kind: "map", elem: STRING, name: "map[string]string" },
    kubeVersion: STRING,
    dependencies: { kind: "slice", elem: { kind: "struct", struct: DEPENDENCY }, name: "[]*v2.Dependency" },
    type: STRING,
  },
};

/** pkg/chart/loader's chartBase: the top-level loader reads only apiVersion, to pick the chart format. */
const CHART_BASE: GoStructType = { name: "chartBase", typeName: "loader.chartBase", fields: { apiVersion: STRING } };

/** `what` (Chart.yaml, requirements.yaml) decoded into `s` as sigs.k8s.io/yaml does, with the loader's error text. */
function unmarshalChartFile(data: Uint8Array, what: string, s: GoStructType): GoMap {
  try {
    return unmarshalYamlStruct(utf8String(data), s);
  } catch (e) {
    if (e instanceof YamlError) throw chartError(`cannot load ${what}: ${e.message}`);
    throw e;
  }
}

/** encoding/json decoding into a struct that already holds values: present fields replace, maps gain keys. */
function mergeDecoded(into: GoMap, from: GoMap): GoMap {
  const out: GoMap = new Map(into);
  for (const [k, v] of from) {
    const old = out.get(k);
    out.set(k, isGoMap(old) && isGoMap(v) ? new Map([...old, ...v]) : v);
  }
  return out;
}

/** The top-level loader's check of Chart.yaml's apiVersion before it hands the chart to the v2 loader. */
function checkChartFormat(files: ChartFiles): void {
  const chartYaml = files.get("Chart.yaml");
  if (!chartYaml) return;
  const apiVersion = str(unmarshalChartFile(chartYaml, "Chart.yaml", CHART_BASE), "apiVersion");
  if (!["", "v1", "v2", "v3"].includes(apiVersion)) throw chartError("unsupported chart version");
}

const str = (m: GoMap, k: string): string => {
  const v = m.get(k);
  return typeof v === "string" ? v : "";
};

/** Chart.yaml's dependencies (validateMetadata has refused null entries). */
function parseDependencies(v: Value | undefined): Dependency[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isGoMap).map((d) => {
    const tags = d.get("tags");
    const iv = d.get("import-values");
    const enabled = d.get("enabled");
    return {
      name: str(d, "name"),
      version: str(d, "version") || undefined,
      repository: str(d, "repository") || undefined,
      condition: str(d, "condition") || undefined,
      alias: str(d, "alias") || undefined,
      tags: Array.isArray(tags) ? tags.map((t) => (typeof t === "string" ? t : String(t))) : undefined,
      enabled: typeof enabled === "boolean" ? enabled : enabled === "true" ? true : undefined,
      // processImportValues keeps maps (child and parent printed with %v) and strings; it drops anything else.
      importValues: Array.isArray(iv)
        ? iv.flatMap((e): NonNullable<Dependency["importValues"]> =>
            isGoMap(e) ? [{ child: formatValue(e.get("child") ?? null), parent: formatValue(e.get("parent") ?? null) }] : typeof e === "string" ? [e] : [],
          )
        : undefined,
    };
  });
}

// Masterminds/semver NewVersion (loose): optional v, 1-3 numeric parts, prerelease, metadata.
const SEMVER = /^v?(0|[1-9]\d*)(\.(0|[1-9]\d*))?(\.(0|[1-9]\d*))?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

// Go's unicode.IsSpace (JS's \s lacks U+0085 and adds U+FEFF) and unicode.IsPrint (letters, marks, numbers, punctuation, symbols).
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/gu;
const NOT_PRINT = /[^ \p{L}\p{M}\p{N}\p{P}\p{S}]/gu;

/** metadata.go's sanitizeString: spaces become ' ', other unprintable runes are dropped. */
const sanitize = (v: Value | undefined): Value | undefined => (typeof v === "string" ? v.replace(GO_SPACE, " ").replace(NOT_PRINT, "") : v);

/** `fields` of map `m` sanitized in place, and the elements of its string lists `lists`. */
function sanitizeFields(m: GoMap, fields: string[], lists: string[] = []): void {
  for (const f of fields) if (m.has(f)) m.set(f, sanitize(m.get(f)) ?? null);
  for (const f of lists) {
    const l = m.get(f);
    if (Array.isArray(l)) m.set(f, l.map((x) => sanitize(x) ?? null));
  }
}

/**
 * Metadata.Validate: sanitizes the text fields (in a copy of `raw`, which it returns), then checks them
 * in Helm's order; throws the first ValidationError.
 */
function validateMetadata(raw: GoMap): GoMap {
  const md: GoMap = new Map(raw);
  const fail = (msg: string): never => {
    throw chartError(`validation: ${msg}`);
  };
  sanitizeFields(md, ["name", "description", "home", "icon", "condition", "tags", "appVersion", "kubeVersion"], ["sources", "keywords"]);
  const name = str(md, "name");
  const version = str(md, "version");
  const type = str(md, "type");
  if (str(md, "apiVersion") === "") fail("chart.metadata.apiVersion is required");
  if (name === "") fail("chart.metadata.name is required");
  if (name === "." || name === "..") fail(`chart.metadata.name ${goQuote(name)} is not allowed`);
  if (name.includes("/")) fail(`chart.metadata.name ${goQuote(name)} is invalid`);
  if (version === "") fail("chart.metadata.version is required");
  if (!SEMVER.test(version)) fail(`chart.metadata.version ${goQuote(version)} is invalid`);
  if (type !== "" && type !== "application" && type !== "library") fail("chart.metadata.type must be application or library");
  const maintainers = md.get("maintainers");
  if (Array.isArray(maintainers)) {
    md.set(
      "maintainers",
      maintainers.map((m) => {
        if (!isGoMap(m)) return fail("maintainers must not contain empty or null nodes");
        const copy = new Map(m);
        sanitizeFields(copy, ["name", "email", "url"]);
        return copy;
      }),
    );
  }
  const deps = md.get("dependencies");
  if (Array.isArray(deps)) {
    const seen = new Set<string>();
    md.set(
      "dependencies",
      deps.map((d) => {
        if (!isGoMap(d)) return fail("dependencies must not contain empty or null nodes");
        const copy = new Map(d);
        sanitizeFields(copy, ["name", "version", "repository", "condition"], ["tags"]);
        const depName = str(copy, "name");
        const alias = str(copy, "alias");
        if (alias !== "" && !/^[a-zA-Z0-9_-]+$/.test(alias)) fail(`dependency ${goQuote(depName)} has disallowed characters in the alias`);
        const key = alias || depName;
        if (seen.has(key)) fail(`more than one dependency with name or alias ${goQuote(key)}`);
        seen.add(key);
        return copy;
      }),
    );
  }
  return md;
}

/** The root .helmignore, applied once to a directory's files (Helm ignores it inside archives). */
function applyHelmignore(files: ChartFiles): ChartFiles {
  const text = files.get(".helmignore");
  try {
    return filterIgnored(files, parseIgnore(text ? utf8String(text) : null));
  } catch (e) {
    if (e instanceof IgnoreError) throw chartError(e.message);
    throw e;
  }
}

function loadFromFiles(input: ChartFiles): Chart {
  let raw: GoMap | undefined;
  const chartYaml = input.get("Chart.yaml");
  if (chartYaml) raw = unmarshalChartFile(chartYaml, "Chart.yaml", METADATA);
  const reqYaml = input.get("requirements.yaml");
  const chart: Chart = { metadata: undefined as unknown as Metadata, values: new Map(), templates: [], files: [], crds: [], dependencies: [] };
  const subcharts = new Map<string, ChartFiles>();
  for (const [name, data] of [...input].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file: ChartFile = { name, data };
    if (name === "Chart.yaml") continue;
    if (name === "Chart.lock" || name === "requirements.lock") continue;
    if (name === "values.yaml") {
      const text = utf8String(data);
      chart.rawValues = text;
      chart.values = loadValuesText(text, "cannot load values.yaml");
    } else if (name === "values.schema.json") chart.schema = data;
    else if (name === "requirements.yaml") {
      if (raw && str(raw, "apiVersion") === "v1") chart.files.push(file);
    } else if (name.startsWith("templates/")) chart.templates.push(file);
    else if (name.startsWith("charts/")) {
      if (name.endsWith(".prov")) {
        chart.files.push(file);
        continue;
      }
      const rest = name.slice("charts/".length);
      const slash = rest.indexOf("/");
      const cname = slash < 0 ? rest : rest.slice(0, slash);
      const sub = subcharts.get(cname) ?? new Map<string, Uint8Array>();
      sub.set(slash < 0 ? rest : rest.slice(slash + 1), data);
      subcharts.set(cname, sub);
    } else {
      if (name.startsWith("crds/")) chart.crds.push(file);
      chart.files.push(file);
    }
  }
  if (!raw) throw chartError("Chart.yaml file is missing");
  let apiVersion = str(raw, "apiVersion");
  if (apiVersion === "") apiVersion = "v1";
  // A v1 chart's requirements.yaml is decoded into the same Metadata, so its fields win.
  if (reqYaml && apiVersion === "v1") raw = mergeDecoded(raw, unmarshalChartFile(reqYaml, "requirements.yaml", METADATA));
  const md = validateMetadata(new Map([...raw, ["apiVersion", apiVersion]]));
  chart.metadata = {
    raw: md,
    name: str(md, "name"),
    version: str(md, "version"),
    apiVersion,
    type: str(md, "type") || undefined,
    dependencies: parseDependencies(md.get("dependencies")),
  };

  for (const [cname, sub] of subcharts) {
    if (cname.startsWith("_") || cname.startsWith(".")) continue;
    let sc: Chart;
    try {
      if (cname.endsWith(".tgz")) {
        const data = sub.get(cname);
        if (!data) continue;
        sc = loadArchive(data);
      } else {
        sub.delete(cname);
        sc = loadFromFiles(sub);
      }
    } catch (e) {
      if (e instanceof HelmError) throw chartError(`error unpacking subchart ${cname} in ${chart.metadata.name}: ${e.message}`);
      throw e;
    }
    sc.parent = chart;
    chart.dependencies.push(sc);
  }
  return chart;
}

const hasBom = (d: Uint8Array): boolean => d[0] === 0xef && d[1] === 0xbb && d[2] === 0xbf;

/** Helm's LoadDir and LoadArchive drop a UTF-8 byte order mark at the start of every file, once. */
function withoutBoms(files: ChartFiles): ChartFiles {
  for (const d of files.values()) if (hasBom(d)) return new Map([...files].map(([n, x]) => [n, hasBom(x) ? x.subarray(3) : x]));
  return files;
}

function loadArchive(tgz: Uint8Array, root = false): Chart {
  let files: ChartFiles;
  try {
    files = withoutBoms(readChartArchive(tgz).files);
  } catch (e) {
    if (e instanceof ArchiveError) throw chartError(e.message);
    throw e;
  }
  if (root) checkChartFormat(files);
  return loadFromFiles(files);
}

/** Loads a chart from a files map (a chart directory's contents) or from .tgz bytes. */
export function loadChart(input: ChartFiles | Uint8Array): Chart {
  if (input instanceof Uint8Array) return loadArchive(input, true);
  const files = withoutBoms(input);
  checkChartFormat(files);
  return loadFromFiles(applyHelmignore(files));
}
