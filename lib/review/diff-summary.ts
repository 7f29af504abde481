/**
 * What changed between two renders, per resource: added, removed, or changed with its fields
 * ("Deployment/devmesh-rest-api: replicas 3 → 5, image …:0.0.14 → …:0.0.15").
 */
import type { ReviewObject } from "./review-object";
import { isObj } from "./object-readers";

export interface FieldChange {
  /** Dotted path inside the object (`spec.template.spec.containers[0].image`), or a short name for common ones. */
  field: string;
  before?: string;
  after?: string;
}

export interface ResourceChange {
  resource: string;
  service: string;
  change: "added" | "removed" | "changed";
  fields: FieldChange[];
}

/** Short names for the fields reviewers look for first. */
const SHORT: readonly [RegExp, string][] = [
  [/^spec\.replicas$/, "replicas"],
  [/^spec\.(minReplicas|maxReplicas)$/, "$1"],
  [/^spec\.template\.spec\.containers\[(\d+)\]\.image$/, "image[$1]"],
  [/^spec\.template\.spec\.containers\[(\d+)\]\.resources\.(requests|limits)\.(cpu|memory)$/, "$3 $2[$1]"],
];

const shortName = (path: string): string => {
  for (const [re, name] of SHORT) if (re.test(path)) return path.replace(re, name);
  return path;
};

/** Leaves of a JSON-like value: dotted path → printed scalar (empty maps/lists are leaves too). */
function leaves(v: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  else if (isObj(v) && Object.keys(v).length > 0) for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  else out.set(path, typeof v === "string" ? v : JSON.stringify(v ?? null));
  return out;
}

export function diffSummary(before: readonly ReviewObject[], after: readonly ReviewObject[]): ResourceChange[] {
  const old = new Map(before.map((o) => [o.key, o]));
  const now = new Map(after.map((o) => [o.key, o]));
  const out: ResourceChange[] = [];
  for (const o of after) {
    const was = old.get(o.key);
    if (!was) {
      out.push({ resource: o.key, service: o.service, change: "added", fields: [] });
      continue;
    }
    if (was.manifest.content === o.manifest.content) continue;
    const a = leaves(was.obj, "", new Map());
    const b = leaves(o.obj, "", new Map());
    const fields: FieldChange[] = [];
    for (const [path, value] of b) if (a.get(path) !== value) fields.push({ field: shortName(path), before: a.get(path), after: value });
    for (const [path, value] of a) if (!b.has(path)) fields.push({ field: shortName(path), before: value });
    out.push({ resource: o.key, service: o.service, change: "changed", fields });
  }
  for (const o of before) if (!now.has(o.key)) out.push({ resource: o.key, service: o.service, change: "removed", fields: [] });
  return out;
}

/** One line per resource: `Deployment/x: replicas 3 → 5, image[0] a → b (+2 more)`. */
export function describeChange(c: ResourceChange, maxFields = 3): string {
  if (c.change !== "changed") return `${c.resource} ${c.change}`;
  const shown = c.fields.slice(0, maxFields).map((f) => `${f.field} ${f.before ?? "∅"} → ${f.after ?? "∅"}`);
  const more = c.fields.length - shown.length;
  return `${c.resource}: ${shown.join(", ")}${more > 0 ? ` (+${more} more)` : ""}`;
}
