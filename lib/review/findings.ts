/**
 * Findings over the rendered output: the Kubernetes schema and Pod Security "restricted" (from
 * k8s-schema.ts and pss.ts), plus the rules a reviewer checks by eye. Each finding names its resource,
 * its line in the output and, where the chart's values decide it, the values path to change.
 */
import type { FindingSeverity, ObjectValidator } from "./k8s-schema";
import { checkPodSecurity } from "./pss";
import type { ReviewObject } from "./review-object";
import { dig, isObj, labelSelectorMatches, listAt, objAt, podTemplate, selects, strAt, stringMap, type Obj } from "./object-readers";

export type FindingRule =
  | "SCHEMA" // the API server would reject the object (k8s-schema.ts codes in `detail`)
  | "PSS_RESTRICTED"
  | "RESOURCES_MISSING"
  | "PROBES_MISSING"
  | "LATEST_TAG"
  | "PDB_REPLICAS"
  | "PDB_SELECTOR"
  | "SERVICE_SELECTOR"
  | "SERVICE_PORT"
  | "INGRESS_BACKEND"
  | "NETWORKPOLICY_SELECTOR";

export interface Finding {
  rule: FindingRule;
  severity: FindingSeverity;
  /** `Kind/name` of the resource. */
  resource: string;
  service: string;
  /** Template the resource comes from (`chart/charts/x/templates/y.yaml`). */
  source: string;
  /** Index of the resource's manifest in the render (to place `line` in a filtered output). */
  manifest: number;
  /** 1-based line in the whole output. */
  line: number;
  message: string;
  /** Dotted values path that decides it, when traceable (a link to that field). */
  valuesPath?: string;
}

export interface FindingOptions {
  /** The environment's name: a `latest` tag is allowed only in `dev`. */
  environment: string;
  /** Schema validator (k8s-schema.ts loadK8sSchemaValidator); schema findings are skipped without it. */
  validate?: ObjectValidator;
  /** The chart's default value at a dotted path (undefined when absent), so only real fields are linked. */
  valueAt?: (path: string) => unknown;
}

// Where a schema violation at a rendered field comes from in a subchart's values (the subcharts share one
// layout); the rest of the pointer after a resources block names the quantity.
const SCHEMA_SOURCES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^\/spec\/replicas$/, () => "replicaCount"],
  [/^\/spec\/template\/spec\/containers\/\d+\/image$/, () => "image.tag"],
  [/^\/spec\/template\/spec\/containers\/\d+\/resources((?:\/[^/]+)*)$/, (m) => `resources${(m[1] ?? "").replaceAll("/", ".")}`],
  [/^\/spec\/ports\/\d+(?:\/port)?$/, () => "service.port"],
  [/^\/spec\/template\/metadata\/labels\//, () => "podLabels"],
  [/^\/spec\/template\/spec\/(tolerations|affinity|nodeSelector)(?:\/|$)/, (m) => m[1] ?? ""],
];

/** The values path of a rule for a subchart service (the Developer Mesh subcharts share one layout). */
function valuesPathFor(rule: FindingRule, s: string, hpa: boolean, pointer: string): string | undefined {
  switch (rule) {
    case "SCHEMA": {
      for (const [re, path] of SCHEMA_SOURCES) {
        const m = re.exec(pointer);
        if (m) return `${s}.${path(m)}`;
      }
      return undefined;
    }
    case "LATEST_TAG":
      return `${s}.image.tag`;
    case "RESOURCES_MISSING":
      return `${s}.resources`;
    case "PROBES_MISSING":
      return `${s}.readinessProbe`;
    case "PDB_REPLICAS":
      return hpa ? `${s}.autoscaling.minReplicas` : `${s}.replicaCount`;
    case "SERVICE_PORT":
    case "INGRESS_BACKEND":
      return `${s}.service.port`;
    default:
      return undefined;
  }
}

interface Workload {
  o: ReviewObject;
  labels: Record<string, string>;
  spec: Obj;
  specPath: string;
  minReplicas: number;
  hpa: boolean;
}

function workloads(objects: readonly ReviewObject[]): Workload[] {
  const hpaMin = new Map<string, number>();
  for (const o of objects) {
    if (o.obj && o.manifest.kind === "HorizontalPodAutoscaler") {
      const min = dig(o.obj, "spec", "minReplicas");
      hpaMin.set(`${strAt(o.obj, "spec", "scaleTargetRef", "kind")}/${strAt(o.obj, "spec", "scaleTargetRef", "name")}`, typeof min === "number" ? min : 1);
    }
  }
  const out: Workload[] = [];
  for (const o of objects) {
    const pod = o.obj ? podTemplate(o.obj) : null;
    if (!o.obj || !pod) continue;
    const replicas = dig(o.obj, "spec", "replicas");
    const min = hpaMin.get(o.key);
    out.push({ o, labels: pod.labels, spec: pod.spec, specPath: pod.path, minReplicas: min ?? (typeof replicas === "number" ? replicas : 1), hpa: min !== undefined });
  }
  return out;
}

/** The image reference's tag is `latest`, or there is neither tag nor digest (which pulls latest). */
function isLatest(image: string): boolean {
  if (image.includes("@")) return false;
  const last = image.slice(image.lastIndexOf("/") + 1);
  const colon = last.indexOf(":");
  return colon < 0 || last.slice(colon + 1) === "latest";
}

const sameNamespace = (a: ReviewObject, b: ReviewObject): boolean => a.manifest.namespace === b.manifest.namespace;

export function reviewFindings(objects: readonly ReviewObject[], opts: FindingOptions): Finding[] {
  const out: Finding[] = [];
  const all = workloads(objects);
  const services = [...new Set(objects.map((o) => o.service))];
  // An image names its service through `<service>.image.repository` (the migration Job runs rest-api's image).
  const imageOwner = (image: string): string | undefined =>
    services.find((s) => {
      const repo = opts.valueAt?.(`${s}.image.repository`);
      return typeof repo === "string" && repo !== "" && image.replace(/@.*$/, "").replace(/:[^/:]*$/, "").endsWith(repo);
    });
  const add: Add = (o, rule, severity, pointer, message, trace = {}) => {
    const owner = trace.image === undefined ? o.service : imageOwner(trace.image);
    const path = owner === undefined ? undefined : valuesPathFor(rule, owner, trace.hpa ?? false, pointer);
    const valuesPath = path !== undefined && opts.valueAt?.(path) !== undefined ? path : undefined;
    out.push({ rule, severity, resource: o.key, service: o.service, source: o.manifest.source, manifest: o.index, line: o.lineOf(pointer), message, valuesPath });
  };

  for (const w of all) checkContainers(w, opts.environment, add);
  for (const o of objects) {
    if (opts.validate) for (const f of opts.validate(o.obj)) add(o, "SCHEMA", f.severity, f.path, `${f.path ? `${f.path}: ` : ""}${f.message}`);
    for (const f of checkPodSecurity(o.obj, "restricted")) add(o, "PSS_RESTRICTED", "warning", f.path, `Pod Security restricted (${f.control}): ${f.message}`);
  }

  for (const o of objects) {
    if (!o.obj) continue;
    const kind = o.manifest.kind;
    if (kind === "PodDisruptionBudget") checkPdb(o, o.obj, all, add);
    else if (kind === "Service") checkService(o, o.obj, all, add);
    else if (kind === "Ingress") checkIngress(o, o.obj, objects, add);
    else if (kind === "NetworkPolicy") checkNetworkPolicy(o, o.obj, all, add);
  }
  return out.sort((a, b) => a.line - b.line);
}

/** What ties a finding to a values path: the HPA decides the replicas; an image names its service. */
interface Trace {
  hpa?: boolean;
  image?: string;
}

type Add = (o: ReviewObject, rule: FindingRule, severity: FindingSeverity, pointer: string, message: string, trace?: Trace) => void;

const LONG_RUNNING = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod"]);

function checkContainers(w: Workload, environment: string, add: Add): void {
  const longRunning = LONG_RUNNING.has(w.o.manifest.kind);
  for (const field of ["initContainers", "containers"]) {
    listAt(w.spec, field).forEach((c, i) => {
      if (!isObj(c)) return;
      const at = `${w.specPath}/${field}/${i}`;
      const name = strAt(c, "name");
      const image = strAt(c, "image");
      if (image && environment !== "dev" && isLatest(image)) {
        add(w.o, "LATEST_TAG", "error", `${at}/image`, `container ${name} uses image ${image}: a moving tag outside dev makes rollouts unrepeatable`, { image });
      }
      const missing = [
        ["requests", "cpu"],
        ["requests", "memory"],
        ["limits", "memory"],
      ]
        .filter(([k, r]) => dig(c, "resources", k ?? "", r ?? "") === undefined)
        .map(([k, r]) => `${r} ${k}`);
      if (missing.length > 0) add(w.o, "RESOURCES_MISSING", "warning", at, `container ${name} has no ${missing.join(", ")}`);
      if (field === "containers" && longRunning) {
        const probes = ["readinessProbe", "livenessProbe"].filter((p) => !isObj(c[p]));
        if (probes.length > 0) add(w.o, "PROBES_MISSING", "warning", at, `container ${name} has no ${probes.join(" or ")}`);
      }
    });
  }
}

function checkPdb(o: ReviewObject, obj: Obj, all: readonly Workload[], add: Add): void {
  const selector = objAt(obj, "spec", "selector");
  const covered = all.filter((w) => sameNamespace(w.o, o) && labelSelectorMatches(selector, w.labels));
  if (covered.length === 0) {
    add(o, "PDB_SELECTOR", "warning", "/spec/selector", "the selector matches no workload's pods");
    return;
  }
  const minAvailable = dig(obj, "spec", "minAvailable");
  for (const w of covered) {
    if (w.minReplicas < 2) {
      add(w.o, "PDB_REPLICAS", "warning", "/spec", `${o.key} covers ${w.o.key}, which may run ${w.minReplicas} replica: evictions (node drains) will block`, { hpa: w.hpa });
    } else if (typeof minAvailable === "number" && minAvailable >= w.minReplicas) {
      add(w.o, "PDB_REPLICAS", "warning", "/spec", `${o.key} requires ${minAvailable} available of ${w.minReplicas} replicas: no pod can ever be evicted`, { hpa: w.hpa });
    }
  }
}

/** Container ports of the pods: numbers and names. */
function containerPorts(spec: Obj): { numbers: Set<number>; names: Set<string> } {
  const numbers = new Set<number>();
  const names = new Set<string>();
  for (const c of listAt(spec, "containers")) {
    for (const p of listAt(c, "ports")) {
      const n = dig(p, "containerPort");
      if (typeof n === "number") numbers.add(n);
      const name = strAt(p, "name");
      if (name) names.add(name);
    }
  }
  return { numbers, names };
}

function checkService(o: ReviewObject, obj: Obj, all: readonly Workload[], add: Add): void {
  if (strAt(obj, "spec", "type") === "ExternalName") return;
  const selector = stringMap(dig(obj, "spec", "selector"));
  if (Object.keys(selector).length === 0) return; // endpoints managed elsewhere
  const matched = all.filter((w) => sameNamespace(w.o, o) && selects(selector, w.labels));
  if (matched.length === 0) {
    add(o, "SERVICE_SELECTOR", "error", "/spec/selector", "the selector matches no workload's pods: the Service has no endpoints");
    return;
  }
  listAt(obj, "spec", "ports").forEach((p, i) => {
    const port = dig(p, "port");
    if (typeof port === "number" && (port < 1 || port > 65535)) add(o, "SERVICE_PORT", "error", `/spec/ports/${i}/port`, `port ${port} is outside 1-65535`);
    const target = dig(p, "targetPort") ?? port;
    const served = matched.some((w) => {
      const ports = containerPorts(w.spec);
      return typeof target === "number" ? ports.numbers.has(target) : ports.names.has(String(target));
    });
    if (!served) add(o, "SERVICE_PORT", "warning", `/spec/ports/${i}`, `targetPort ${String(target)} is not a port of the selected containers`);
  });
}

function checkIngress(o: ReviewObject, obj: Obj, objects: readonly ReviewObject[], add: Add): void {
  const services = objects.filter((s) => s.manifest.kind === "Service" && sameNamespace(s, o) && s.obj);
  const check = (backend: unknown, pointer: string) => {
    const name = strAt(backend, "service", "name");
    if (!name) return;
    const svc = services.find((s) => s.manifest.name === name);
    if (!svc) {
      add(o, "INGRESS_BACKEND", "error", pointer, `backend Service ${name} is not rendered`);
      return;
    }
    const number = dig(backend, "service", "port", "number");
    const portName = strAt(backend, "service", "port", "name");
    const ports = listAt(svc.obj, "spec", "ports");
    const ok = ports.some((p) => (typeof number === "number" ? dig(p, "port") === number : strAt(p, "name") === portName));
    if (!ok) add(o, "INGRESS_BACKEND", "error", pointer, `Service ${name} has no port ${typeof number === "number" ? number : portName}`);
  };
  check(dig(obj, "spec", "defaultBackend"), "/spec/defaultBackend");
  listAt(obj, "spec", "rules").forEach((r, i) =>
    listAt(r, "http", "paths").forEach((p, j) => check(dig(p, "backend"), `/spec/rules/${i}/http/paths/${j}/backend`)),
  );
}

function checkNetworkPolicy(o: ReviewObject, obj: Obj, all: readonly Workload[], add: Add): void {
  const local = all.filter((w) => sameNamespace(w.o, o));
  if (!local.some((w) => labelSelectorMatches(objAt(obj, "spec", "podSelector"), w.labels))) {
    add(o, "NETWORKPOLICY_SELECTOR", "warning", "/spec/podSelector", "podSelector matches no pods of this release");
  }
  for (const dir of ["ingress", "egress"] as const) {
    const peersKey = dir === "ingress" ? "from" : "to";
    listAt(obj, "spec", dir).forEach((rule, i) =>
      listAt(rule, peersKey).forEach((peer, j) => {
        // Peers in other namespaces are outside what the chart renders.
        if (!isObj(peer) || !isObj(peer.podSelector) || peer.namespaceSelector !== undefined) return;
        if (!local.some((w) => labelSelectorMatches(peer.podSelector, w.labels))) {
          add(o, "NETWORKPOLICY_SELECTOR", "info", `/spec/${dir}/${i}/${peersKey}/${j}`, `${dir} peer podSelector matches no pods of this release`);
        }
      }),
    );
  }
}
