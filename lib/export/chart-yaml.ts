/**
 * Chart.yaml as `helm package` writes it (pkg/chart/v2/util/save.go): not the author's text but
 * `yaml.Marshal(c.Metadata)` after `c.Validate()`. So only the fields of Go's Metadata and Dependency
 * structs survive, empty ones are left out (`omitempty`), strings are sanitized, keys come sorted and
 * long strings fold as goyaml folds them. Comments and key order of the original are gone, as in Helm.
 */
import type { Chart } from "../helm/chart";
import { toYaml } from "../helm/yaml/to-yaml";
import { isSpace } from "../sprig/unicode";
import { isPrintRune } from "../template/token";
import { isGoMap, type GoMap, type Value } from "../template/value";

/** Go's sanitizeString: every Unicode space becomes ' ', other non-printable runes are dropped. */
function sanitize(s: string): string {
  let out = "";
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (isSpace(r)) out += " ";
    else if (isPrintRune(r)) out += ch;
  }
  return out;
}

type Field = "string" | "sanitized" | "strings" | "bool" | "raw";

// JSON names and kinds of Metadata's fields; `sanitized` ones go through Validate's sanitizeString.
const METADATA: Record<string, Field> = {
  name: "sanitized",
  home: "sanitized",
  sources: "strings",
  version: "string",
  description: "sanitized",
  keywords: "strings",
  icon: "sanitized",
  condition: "sanitized",
  tags: "sanitized",
  appVersion: "sanitized",
  deprecated: "bool",
  annotations: "raw",
  kubeVersion: "sanitized",
  type: "string",
};

const DEPENDENCY: Record<string, Field> = {
  version: "sanitized",
  condition: "sanitized",
  tags: "strings",
  enabled: "bool",
  "import-values": "raw",
  alias: "string",
};

const MAINTAINER: Record<string, Field> = { name: "sanitized", email: "sanitized", url: "sanitized" };

const text = (v: Value | undefined): string => (typeof v === "string" ? v : "");

/** The struct's JSON form: known fields only, empty ones omitted (every field but the forced ones is omitempty). */
function project(raw: GoMap, fields: Record<string, Field>, out: GoMap = new Map()): GoMap {
  for (const [key, kind] of Object.entries(fields)) {
    const v = raw.get(key);
    if (kind === "string" || kind === "sanitized") {
      const s = kind === "sanitized" ? sanitize(text(v)) : text(v);
      if (s !== "") out.set(key, s);
    } else if (kind === "strings") {
      // Sources, keywords and tags are all sanitized by Validate.
      if (Array.isArray(v) && v.length > 0) out.set(key, v.map((x) => sanitize(text(x))));
    } else if (kind === "bool") {
      if (v === true) out.set(key, true);
    } else if (isGoMap(v) ? v.size > 0 : Array.isArray(v) && v.length > 0) out.set(key, v as Value);
  }
  return out;
}

/** The bytes `helm package` writes as this chart's Chart.yaml. */
export function helmChartYaml(chart: Chart): string {
  const { raw, apiVersion } = chart.metadata;
  const out = project(raw, METADATA);
  // The loader defaults a missing apiVersion to v1; v1 charts are saved without their dependencies.
  out.set("apiVersion", apiVersion);
  const deps = raw.get("dependencies");
  if (apiVersion !== "v1" && Array.isArray(deps) && deps.length > 0) {
    out.set(
      "dependencies",
      deps.map((d) => {
        const m = isGoMap(d) ? d : new Map<string, Value>();
        // name and repository have no omitempty.
        const head: GoMap = new Map([
          ["name", sanitize(text(m.get("name")))],
          ["repository", sanitize(text(m.get("repository")))],
        ]);
        return project(m, DEPENDENCY, head);
      }),
    );
  }
  const maintainers = raw.get("maintainers");
  if (Array.isArray(maintainers) && maintainers.length > 0) {
    out.set("maintainers", maintainers.map((m) => (isGoMap(m) ? project(m, MAINTAINER) : new Map())));
  }
  return `${toYaml(out)}\n`;
}
