/** Small readers over parsed manifests (unknown JSON-like data), shared by findings, footprint and lib/topology. */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** The value at `path` (keys and indexes), or undefined. */
export function dig(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof p === "number") cur = Array.isArray(cur) ? cur[p] : undefined;
    else cur = isObj(cur) ? cur[p] : undefined;
  }
  return cur;
}

export const objAt = (v: unknown, ...path: (string | number)[]): Obj => {
  const o = dig(v, ...path);
  return isObj(o) ? o : {};
};

export const listAt = (v: unknown, ...path: (string | number)[]): unknown[] => {
  const l = dig(v, ...path);
  return Array.isArray(l) ? l : [];
};

export const strAt = (v: unknown, ...path: (string | number)[]): string => {
  const s = dig(v, ...path);
  return typeof s === "string" ? s : typeof s === "number" ? String(s) : "";
};

/** Where the pod template sits in each workload kind. */
export const POD_TEMPLATE: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** String labels of a map (non-string values are skipped, as a selector would not match them). */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) if (typeof x === "string") out[k] = x;
  return out;
}

/** Whether every selector label is carried by `labels` (an empty selector matches everything). */
export const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A LabelSelector (matchLabels and matchExpressions In/NotIn/Exists/DoesNotExist) against labels. */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!selects(stringMap(dig(selector, "matchLabels")), labels)) return false;
  return listAt(selector, "matchExpressions").every((e) => {
    const key = strAt(e, "key");
    const values = listAt(e, "values").map(String);
    switch (strAt(e, "operator")) {
      case "In":
        return key in labels && values.includes(labels[key] ?? "");
      case "NotIn":
        return !(key in labels) || !values.includes(labels[key] ?? "");
      case "Exists":
        return key in labels;
      case "DoesNotExist":
        return !(key in labels);
      default:
        return false;
    }
  });
}

/** Pod template metadata labels and spec of a workload object. */
export function podTemplate(obj: Obj): { labels: Record<string, string>; spec: Obj; path: string } | null {
  const kind = typeof obj.kind === "string" ? obj.kind : "";
  const at = POD_TEMPLATE[kind];
  if (!at) return null;
  const t = dig(obj, ...at);
  return { labels: stringMap(dig(t, "metadata", "labels")), spec: objAt(t, "spec"), path: `/${at.map((s) => `${s}/`).join("")}spec` };
}
