/**
 * Acceptance tests of the Developer Mesh umbrella chart, all against the real Helm v4.1.4.
 *
 * Each variant is rendered once (in beforeAll) and every structural assertion reads the shared
 * result, so the file runs a fixed, small number of helm processes.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runHelm, type HelmRun, mapLimited, repoRoot, runHelmAsync } from "../test/real-helm";
import { checkPodSecurity, isPodBearing } from "../lib/review/pss";
import { loadK8sSchemaValidator, validateK8sObjects } from "../lib/review/k8s-schema";
import { chartDir, ENVIRONMENTS, envValuesPath, isMap, readValuesFile } from "../lib/values/chart-files.test-util";
import { SUBCHARTS } from "../lib/values/schema";

type Obj = Record<string, unknown>;

interface Manifest {
  source: string;
  obj: Obj;
}

interface Variant {
  name: string;
  /** Environment overlay (-f values-<env>.yaml), if any. */
  env?: (typeof ENVIRONMENTS)[number];
  set?: string[];
}

const RELEASE = "dm";
const NAMESPACE = "developer-mesh";
const EXTERNAL_DB = ["postgresql.enabled=false", "global.database.host=postgres.example.internal", "global.database.sslMode=require"];
const EXTERNAL_REDIS = ["redis.enabled=false", "global.redis.host=redis.example.internal"];

/** Extra values that an otherwise-default install needs when a subchart is switched off. */
const DISABLE_EXTRAS: Partial<Record<(typeof SUBCHARTS)[number], string[]>> = {
  // Edge MCP validates client keys against a REST API; without ours it must be told another one.
  "rest-api": ["edge-mcp.config.restApiUrl=https://api.developer-mesh.example.com"],
  postgresql: EXTERNAL_DB.slice(1),
  redis: EXTERNAL_REDIS.slice(1),
};

const VARIANTS: Variant[] = [
  { name: "default" },
  ...ENVIRONMENTS.map((env) => ({ name: env, env })),
  ...SUBCHARTS.map((sub) => ({ name: `without ${sub}`, set: [`${sub}.enabled=false`, ...(DISABLE_EXTRAS[sub] ?? [])] })),
  { name: "prod, monitoring off", env: "prod", set: ["global.monitoring.enabled=false"] },
  { name: "prod, ingress off", env: "prod", set: ["rest-api.ingress.enabled=false", "edge-mcp.ingress.enabled=false", "rag-loader.ingress.enabled=false"] },
  { name: "external database", set: EXTERNAL_DB },
  // Dev keeps the data stores in the cluster, so pod-to-pod rules towards them can be checked.
  { name: "dev, network policies on", env: "dev", set: ["global.networkPolicy.enabled=true"] },
];

/** What the services really serve (reference/developer-mesh-facts.md §0 and §1). */
const SERVICE_FACTS: Record<string, { port: number; liveness: string[]; readiness: string[]; startup: string[] }> = {
  "rest-api": { port: 8080, liveness: ["/healthz"], readiness: ["/readyz"], startup: ["/healthz", "/readyz"] },
  "edge-mcp": { port: 8082, liveness: ["/health/live"], readiness: ["/health/ready"], startup: ["/health/startup", "/health/live"] },
  worker: { port: 8088, liveness: ["/health/live"], readiness: ["/health"], startup: ["/health/live", "/health"] },
  "rag-loader": { port: 9094, liveness: ["/health"], readiness: ["/ready"], startup: ["/health", "/ready"] },
};

function helmArgs(v: Variant): string[] {
  const args: string[] = [];
  if (v.env) args.push("-f", envValuesPath(v.env));
  for (const s of v.set ?? []) args.push("--set", s);
  return args;
}

function parseManifests(out: string): Manifest[] {
  return out
    .split(/^---\n/m)
    .map((chunk) => ({ source: /^# Source: (.+)$/m.exec(chunk)?.[1] ?? "", obj: parse(chunk, { version: "1.1" }) as unknown }))
    .filter((m): m is Manifest => isMap(m.obj));
}

const renders = new Map<string, { run: HelmRun; manifests: Manifest[] }>();

beforeAll(async () => {
  // The schema models take seconds to import; load them while helm runs.
  const [runs] = await Promise.all([
    mapLimited(VARIANTS, 4, (v) => runHelmAsync(["template", RELEASE, chartDir, "-n", NAMESPACE, ...helmArgs(v)])),
    loadK8sSchemaValidator(),
  ]);
  VARIANTS.forEach((v, i) => {
    const run = runs[i]!;
    renders.set(v.name, { run, manifests: run.code === 0 ? parseManifests(run.stdout) : [] });
  });
}, 120_000);

function rendered(name: string): Manifest[] {
  const r = renders.get(name);
  if (!r || r.run.code !== 0) throw new Error(`variant "${name}" did not render:\n${r?.run.stderr}`);
  return r.manifests;
}

// ---- object helpers -------------------------------------------------------------------------

const get = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((cur, k) => (isMap(cur) ? cur[k] : undefined), o);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const nameOf = (o: Obj): string => str(get(o, "metadata", "name"));
const hookOf = (o: Obj): string => str(get(o, "metadata", "annotations", "helm.sh/hook"));
const hookWeightOf = (o: Obj): number => Number(str(get(o, "metadata", "annotations", "helm.sh/hook-weight")) || "0");

interface PodTemplate {
  owner: string;
  labels: Record<string, string>;
  spec: Obj;
  isHook: boolean;
  hookWeight: number;
}

function podTemplates(ms: Manifest[]): PodTemplate[] {
  return ms
    .filter((m) => isPodBearing(str(m.obj.kind)))
    .map((m) => {
      const t = m.obj.kind === "Pod" ? m.obj : m.obj.kind === "CronJob" ? get(m.obj, "spec", "jobTemplate", "spec", "template") : get(m.obj, "spec", "template");
      return {
        owner: `${str(m.obj.kind)}/${nameOf(m.obj)}`,
        labels: (get(t, "metadata", "labels") ?? {}) as Record<string, string>,
        spec: (get(t, "spec") ?? {}) as Obj,
        isHook: hookOf(m.obj) !== "",
        hookWeight: hookWeightOf(m.obj),
      };
    });
}

const containersOf = (spec: Obj): Obj[] => [...list(spec.initContainers), ...list(spec.containers)].filter(isMap);

function matchesSelector(labels: Record<string, string>, selector: unknown): boolean {
  if (!isMap(selector)) return false;
  const matchLabels = (selector.matchLabels ?? {}) as Record<string, string>;
  const exprs = list(selector.matchExpressions).filter(isMap);
  const labelsOk = Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
  const exprsOk = exprs.every((e) => {
    const values = list(e.values).map(String);
    const has = str(e.key) in labels;
    switch (e.operator) {
      case "In": return has && values.includes(labels[str(e.key)]!);
      case "NotIn": return !has || !values.includes(labels[str(e.key)]!);
      case "Exists": return has;
      case "DoesNotExist": return !has;
      default: return false;
    }
  });
  return labelsOk && exprsOk;
}

/** Strings found under `existingSecret` keys of the values a variant uses (Secrets made outside the chart). */
function existingSecretNames(v: Variant): Set<string> {
  const names = new Set<string>();
  const visit = (o: unknown) => {
    if (!isMap(o)) return;
    for (const [k, c] of Object.entries(o)) {
      if (k === "existingSecret" && typeof c === "string" && c !== "") names.add(c);
      else visit(c);
    }
  };
  visit(readValuesFile(path.join(chartDir, "values.yaml")));
  if (v.env) visit(readValuesFile(envValuesPath(v.env)));
  return names;
}

interface Ref {
  kind: "Secret" | "ConfigMap";
  name: string;
  key?: string;
  optional: boolean;
  from: string;
}

/** Every Secret and ConfigMap a pod template references through env, envFrom and volumes. */
function referencesOf(pod: PodTemplate): Ref[] {
  const refs: Ref[] = [];
  for (const c of containersOf(pod.spec)) {
    const from = `${pod.owner} container ${str(c.name)}`;
    for (const e of list(c.env).filter(isMap)) {
      const s = get(e, "valueFrom", "secretKeyRef");
      const m = get(e, "valueFrom", "configMapKeyRef");
      if (isMap(s)) refs.push({ kind: "Secret", name: str(s.name), key: str(s.key), optional: s.optional === true, from: `${from} env ${str(e.name)}` });
      if (isMap(m)) refs.push({ kind: "ConfigMap", name: str(m.name), key: str(m.key), optional: m.optional === true, from: `${from} env ${str(e.name)}` });
    }
    for (const e of list(c.envFrom).filter(isMap)) {
      if (isMap(e.secretRef)) refs.push({ kind: "Secret", name: str(e.secretRef.name), optional: e.secretRef.optional === true, from });
      if (isMap(e.configMapRef)) refs.push({ kind: "ConfigMap", name: str(e.configMapRef.name), optional: e.configMapRef.optional === true, from });
    }
  }
  for (const vol of list(pod.spec.volumes).filter(isMap)) {
    const from = `${pod.owner} volume ${str(vol.name)}`;
    if (isMap(vol.secret)) refs.push({ kind: "Secret", name: str(vol.secret.secretName), optional: vol.secret.optional === true, from });
    if (isMap(vol.configMap)) refs.push({ kind: "ConfigMap", name: str(vol.configMap.name), optional: vol.configMap.optional === true, from });
    for (const src of list(get(vol, "projected", "sources")).filter(isMap)) {
      if (isMap(src.secret)) refs.push({ kind: "Secret", name: str(src.secret.name), optional: src.secret.optional === true, from });
      if (isMap(src.configMap)) refs.push({ kind: "ConfigMap", name: str(src.configMap.name), optional: src.configMap.optional === true, from });
    }
  }
  return refs;
}

/** Keys of each Secret/ConfigMap the release creates; `null` keys = unknown until runtime (ExternalSecret dataFrom). */
interface Provided {
  keys: Set<string> | null;
  hook: string;
  hookWeight: number;
  /** Made by the external-secrets operator (an unknown kind to Helm, so it is installed after known kinds of equal weight). */
  external: boolean;
}

function providedObjects(ms: Manifest[]): Map<string, Provided> {
  const out = new Map<string, Provided>();
  for (const { obj } of ms) {
    if (obj.kind === "Secret" || obj.kind === "ConfigMap") {
      const keys = new Set([...Object.keys((obj.data ?? {}) as Obj), ...Object.keys((obj.stringData ?? {}) as Obj), ...Object.keys((obj.binaryData ?? {}) as Obj)]);
      out.set(`${str(obj.kind)}/${nameOf(obj)}`, { keys, hook: hookOf(obj), hookWeight: hookWeightOf(obj), external: false });
    } else if (obj.kind === "ExternalSecret") {
      const target = str(get(obj, "spec", "target", "name")) || nameOf(obj);
      const dataFrom = list(get(obj, "spec", "dataFrom")).length > 0;
      const keys = dataFrom ? null : new Set(list(get(obj, "spec", "data")).filter(isMap).map((d) => str(d.secretKey)));
      out.set(`Secret/${target}`, { keys, hook: hookOf(obj), hookWeight: hookWeightOf(obj), external: true });
    }
  }
  return out;
}

/** Resolves a probe or Service target port (number or container port name) to a number. */
function resolvePort(port: unknown, containers: Obj[]): number | undefined {
  if (typeof port === "number") return port;
  for (const c of containers) {
    for (const p of list(c.ports).filter(isMap)) if (p.name === port) return Number(p.containerPort);
  }
  return undefined;
}

// ---- NetworkPolicy evaluation -----------------------------------------------------------------

/** A pod (with the labels of its namespace; the release namespace when absent), or anything outside the cluster. */
type Peer = { labels: Record<string, string>; namespaceLabels?: Record<string, string> } | { external: true };

function policiesFor(ms: Manifest[], labels: Record<string, string>, type: "Ingress" | "Egress"): Obj[] {
  return ms
    .map((m) => m.obj)
    .filter((o) => o.kind === "NetworkPolicy" && matchesSelector(labels, get(o, "spec", "podSelector")))
    .filter((o) => {
      const types = list(get(o, "spec", "policyTypes"));
      return types.length === 0 ? type === "Ingress" : types.includes(type);
    });
}

function portAllowed(rule: Obj, port: number, protocol: string): boolean {
  const ports = list(rule.ports).filter(isMap);
  return ports.length === 0 || ports.some((p) => (p.port === undefined || Number(p.port) === port) && str(p.protocol || "TCP") === protocol);
}

/** Whether a peer list (`from`/`to`) admits the peer; a missing list admits everyone. */
function peerAllowed(peers: unknown, peer: Peer): boolean {
  if (peers === undefined) return true;
  return list(peers)
    .filter(isMap)
    .some((p) => {
      if ("external" in peer) return isMap(p.ipBlock) || (isMap(p.namespaceSelector) && p.podSelector === undefined && Object.keys(p.namespaceSelector).length === 0);
      // No namespaceSelector means the policy's own namespace; an empty one means every namespace.
      const ns = p.namespaceSelector;
      const nsOk = ns === undefined ? peer.namespaceLabels === undefined : matchesSelector(peer.namespaceLabels ?? { "kubernetes.io/metadata.name": NAMESPACE }, ns);
      return nsOk && (p.podSelector === undefined ? isMap(ns) : matchesSelector(peer.labels, p.podSelector));
    });
}

/** Whether traffic from `src` to `dst` on port/protocol passes both sides' policies (no policy = open). */
function flowAllowed(ms: Manifest[], src: Peer, dst: Peer, port: number, protocol = "TCP"): boolean {
  if ("labels" in src) {
    const egress = policiesFor(ms, src.labels, "Egress");
    const ok = egress.length === 0 || egress.some((p) => list(get(p, "spec", "egress")).filter(isMap).some((r) => portAllowed(r, port, protocol) && peerAllowed(r.to, dst)));
    if (!ok) return false;
  }
  if ("labels" in dst) {
    const ingress = policiesFor(ms, dst.labels, "Ingress");
    return ingress.length === 0 || ingress.some((p) => list(get(p, "spec", "ingress")).filter(isMap).some((r) => portAllowed(r, port, protocol) && peerAllowed(r.from, src)));
  }
  return true;
}

const component = (name: string): { labels: Record<string, string> } => ({ labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": RELEASE } });

// ---- tests --------------------------------------------------------------------------------------

describe("chart developer-mesh", () => {
  it.each(VARIANTS.map((v) => v.name))("renders with helm template: %s", (name) => {
    const r = renders.get(name)!;
    expect(r.run.stderr).toBe("");
    expect(r.run.code).toBe(0);
    expect(r.manifests.length).toBeGreaterThan(0);
  });

  it.each(["default", ...ENVIRONMENTS])("passes helm lint --strict with %s values", (name) => {
    const v = VARIANTS.find((x) => x.name === name)!;
    const r = runHelm(["lint", "--strict", chartDir, "-n", NAMESPACE, ...helmArgs(v)], repoRoot);
    expect(r.stdout + r.stderr).toContain("1 chart(s) linted, 0 chart(s) failed");
    expect(r.code).toBe(0);
  });

  it("renders deterministically (no random values)", () => {
    const again = runHelm(["template", RELEASE, chartDir, "-n", NAMESPACE], repoRoot);
    expect(again.stdout).toBe(renders.get("default")!.run.stdout);
  });

  it("renders no subchart objects for a disabled subchart", () => {
    for (const sub of SUBCHARTS) {
      const sources = rendered(`without ${sub}`).map((m) => m.source);
      expect(sources.filter((s) => s.startsWith(`developer-mesh/charts/${sub}/`)), sub).toEqual([]);
    }
  });

  describe.each(VARIANTS.map((v) => v.name))("%s", (name) => {
    const variant = VARIANTS.find((v) => v.name === name)!;

    it("validates every object against the Kubernetes 1.35 schemas", async () => {
      const findings = await validateK8sObjects(rendered(name).map((m) => m.obj));
      expect(findings).toEqual([]);
    });

    it("passes Pod Security Standard restricted for every pod", () => {
      expect(rendered(name).flatMap((m) => checkPodSecurity(m.obj, "restricted"))).toEqual([]);
    });

    it("points every Service at container ports of the pods it selects", () => {
      const ms = rendered(name);
      const pods = podTemplates(ms).filter((p) => !p.isHook);
      const services = ms.filter((m) => m.obj.kind === "Service").map((m) => m.obj);
      expect(services.length).toBeGreaterThan(0);
      for (const svc of services) {
        const selected = pods.filter((p) => matchesSelector(p.labels, { matchLabels: get(svc, "spec", "selector") }));
        expect(selected.length, `Service ${nameOf(svc)} selects no pod`).toBeGreaterThan(0);
        for (const sp of list(get(svc, "spec", "ports")).filter(isMap)) {
          const target = sp.targetPort ?? sp.port;
          for (const pod of selected) {
            const containerPorts = list(pod.spec.containers).filter(isMap).flatMap((c) => list(c.ports).filter(isMap).map((p) => Number(p.containerPort)));
            const resolved = resolvePort(target, list(pod.spec.containers).filter(isMap));
            expect(containerPorts, `Service ${nameOf(svc)} port ${String(sp.name)} → ${String(target)} in ${pod.owner}`).toContain(resolved);
          }
        }
      }
    });

    it("probes the paths and ports the services really serve", () => {
      const ms = rendered(name);
      let checked = 0;
      for (const pod of podTemplates(ms).filter((p) => !p.isHook)) {
        const facts = SERVICE_FACTS[pod.labels["app.kubernetes.io/name"] ?? ""];
        if (!facts) continue;
        checked++;
        const main = list(pod.spec.containers).filter(isMap);
        const app = main.find((c) => c.name === pod.labels["app.kubernetes.io/name"]) ?? main[0]!;
        for (const [probe, paths] of [["livenessProbe", facts.liveness], ["readinessProbe", facts.readiness], ["startupProbe", facts.startup]] as const) {
          const http = get(app, probe, "httpGet");
          expect(isMap(http), `${pod.owner} has an HTTP ${probe}`).toBe(true);
          expect(paths, `${pod.owner} ${probe} path`).toContain(str(get(http, "path")));
          expect(resolvePort(get(http, "port"), [app]), `${pod.owner} ${probe} port`).toBe(facts.port);
        }
      }
      // Every variant keeps at least three of the four services.
      expect(checked).toBeGreaterThanOrEqual(3);
    });

    it("references only Secrets and ConfigMaps that exist or are named existing Secrets", () => {
      const ms = rendered(name);
      const provided = providedObjects(ms);
      const external = existingSecretNames(variant);
      const refs = podTemplates(ms).flatMap((pod) => referencesOf(pod).map((ref) => ({ pod, ref })));
      expect(refs.length).toBeGreaterThan(0);
      for (const { pod, ref } of refs) {
        {
          const own = provided.get(`${ref.kind}/${ref.name}`);
          if (!own) {
            if (ref.optional) continue;
            expect(ref.kind === "Secret" && external.has(ref.name), `${ref.from}: ${ref.kind} ${ref.name} is neither rendered nor a named existingSecret`).toBe(true);
            continue;
          }
          if (ref.key && own.keys && !ref.optional) expect([...own.keys], `${ref.from}: key ${ref.key} of ${ref.kind} ${ref.name}`).toContain(ref.key);
          // A pre-install hook runs before the release's ordinary objects exist, so what it reads must be
          // an earlier hook: a lower weight (an ExternalSecret of equal weight would come after the Job).
          if (pod.isHook && !ref.optional) {
            expect(own.hook, `${ref.from}: hook needs ${ref.kind} ${ref.name} to be a hook too`).toMatch(/pre-install/);
            const earlier = own.external ? own.hookWeight < pod.hookWeight : own.hookWeight <= pod.hookWeight;
            expect(earlier, `${ref.from}: ${ref.kind} ${ref.name} must be created before the hook`).toBe(true);
          }
        }
      }
    });

    // The REST API migrates at start against the embedded database; an external one is migrated by a hook Job first.
    const externalDb = variant.env === "staging" || variant.env === "prod" || (variant.set ?? []).includes("postgresql.enabled=false");
    it(`${externalDb ? "runs" : "does not run"} the migration Job hook`, () => {
      const jobs = rendered(name).filter((m) => m.obj.kind === "Job" && hookOf(m.obj) !== "");
      expect(jobs.length).toBe(externalDb ? 1 : 0);
    });

    const networkPolicies = variant.env === "staging" || variant.env === "prod" || (variant.set ?? []).includes("global.networkPolicy.enabled=true");
    it(`${networkPolicies ? "covers every pod with" : "renders no"} NetworkPolicies`, () => {
      const ms = rendered(name);
      const policies = ms.filter((m) => m.obj.kind === "NetworkPolicy").map((m) => m.obj);
      if (!networkPolicies) return expect(policies).toEqual([]);
      // Hook pods too: the migration Job brings its own policy because it runs before the release's exist.
      for (const pod of podTemplates(ms)) {
        expect(policies.some((np) => matchesSelector(pod.labels, get(np, "spec", "podSelector"))), `${pod.owner} is selected by a NetworkPolicy`).toBe(true);
      }
    });

    it("annotates hooks correctly", () => {
      for (const { obj } of rendered(name).filter((m) => hookOf(m.obj) !== "")) {
        const ann = (get(obj, "metadata", "annotations") ?? {}) as Record<string, string>;
        const events = hookOf(obj).split(",").map((e) => e.trim());
        expect(events.every((e) => /^(pre|post)-(install|upgrade|delete|rollback)$|^test$/.test(e)), `${nameOf(obj)} hook ${hookOf(obj)}`).toBe(true);
        expect(ann["helm.sh/hook-weight"], `${nameOf(obj)} hook-weight`).toMatch(/^-?[0-9]+$/);
        expect(ann["helm.sh/hook-delete-policy"], `${nameOf(obj)} hook-delete-policy`).toContain("before-hook-creation");
        if (obj.kind === "Job") {
          expect(events).toEqual(expect.arrayContaining(["pre-install", "pre-upgrade"]));
          const args = containersOf((get(obj, "spec", "template", "spec") ?? {}) as Obj).flatMap((c) => [...list(c.command), ...list(c.args)]).map(String);
          expect(args.some((a) => a === "-migrate" || a === "--migrate"), `${nameOf(obj)} runs -migrate`).toBe(true);
        }
      }
    });

    it("puts every object into the release namespace", () => {
      for (const { obj, source } of rendered(name)) {
        if (obj.kind === "Namespace") continue;
        const ns = get(obj, "metadata", "namespace");
        expect(ns === undefined || ns === NAMESPACE, `${source} ${str(obj.kind)}/${nameOf(obj)} namespace ${String(ns)}`).toBe(true);
      }
    });

    it("runs the published images: pinned tags, distroless UID 65532 for the services", () => {
      for (const pod of podTemplates(rendered(name))) {
        for (const c of containersOf(pod.spec)) {
          const image = str(c.image);
          expect(image, `${pod.owner} container ${str(c.name)}`).toMatch(/^[a-z0-9.-]+(:[0-9]+)?\/[a-z0-9._\/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[a-f0-9]{64})$/);
          expect(image, `${pod.owner} container ${str(c.name)} uses a moving tag`).not.toMatch(/:latest$/);
        }
        const svc = pod.labels["app.kubernetes.io/name"] ?? "";
        if (!(svc in SERVICE_FACTS) || pod.isHook) continue;
        const app = list(pod.spec.containers).filter(isMap).find((c) => c.name === svc)!;
        expect(str(app.image)).toMatch(new RegExp(`^ghcr\\.io/[^/]+/developer-mesh-${svc}[:@]`));
        const uid = get(app, "securityContext", "runAsUser") ?? get(pod.spec, "securityContext", "runAsUser");
        expect(uid, `${pod.owner} runs as the image's nonroot user`).toBe(65532);
      }
    });

    it("points every ServiceMonitor at a Service port that serves /metrics", () => {
      const ms = rendered(name);
      const services = ms.filter((m) => m.obj.kind === "Service").map((m) => m.obj);
      for (const sm of ms.filter((m) => m.obj.kind === "ServiceMonitor").map((m) => m.obj)) {
        const selected = services.filter((svc) => matchesSelector((get(svc, "metadata", "labels") ?? {}) as Record<string, string>, get(sm, "spec", "selector")));
        expect(selected.length, `ServiceMonitor ${nameOf(sm)} selects a Service`).toBeGreaterThan(0);
        for (const ep of list(get(sm, "spec", "endpoints")).filter(isMap)) {
          for (const svc of selected) {
            const port = list(get(svc, "spec", "ports")).filter(isMap).find((p) => p.name === ep.port);
            expect(port, `ServiceMonitor ${nameOf(sm)} port ${str(ep.port)} on Service ${nameOf(svc)}`).toBeDefined();
            const component = str(get(svc, "metadata", "labels", "app.kubernetes.io/name"));
            // The worker has no /metrics endpoint at all; the others serve it on their HTTP or metrics port.
            expect(component).not.toBe("worker");
            expect(ep.path ?? "/metrics").toBe("/metrics");
          }
        }
      }
    });

    it("selects real pods with every NetworkPolicy", () => {
      const ms = rendered(name);
      const pods = podTemplates(ms);
      for (const np of ms.filter((m) => m.obj.kind === "NetworkPolicy").map((m) => m.obj)) {
        const sel = get(np, "spec", "podSelector");
        if (isMap(sel) && Object.keys(sel).length === 0) continue; // namespace-wide default deny
        expect(pods.some((p) => matchesSelector(p.labels, sel)), `NetworkPolicy ${nameOf(np)} selects no pod`).toBe(true);
        for (const rule of [...list(get(np, "spec", "ingress")), ...list(get(np, "spec", "egress"))].filter(isMap)) {
          for (const peer of [...list(rule.from), ...list(rule.to)].filter(isMap)) {
            if (!isMap(peer.podSelector) || isMap(peer.namespaceSelector)) continue;
            expect(pods.some((p) => matchesSelector(p.labels, peer.podSelector)), `NetworkPolicy ${nameOf(np)} peer ${JSON.stringify(peer.podSelector)} selects no pod`).toBe(true);
          }
        }
      }
    });
  });

  describe("network policies (dev, network policies on)", () => {
    const flows: Array<[string, string, string | "external", number, string?]> = [
      ["edge-mcp calls the REST API", "edge-mcp", "rest-api", 8080],
      ["the worker calls the REST API", "worker", "rest-api", 8080],
      ["the REST API reaches PostgreSQL", "rest-api", "postgresql", 5432],
      ["the REST API reaches Redis", "rest-api", "redis", 6379],
      ["the worker reaches PostgreSQL", "worker", "postgresql", 5432],
      ["the worker reaches Redis", "worker", "redis", 6379],
      ["the RAG loader reaches PostgreSQL", "rag-loader", "postgresql", 5432],
      ["the RAG loader reaches Redis", "rag-loader", "redis", 6379],
      ["the REST API calls external HTTPS", "rest-api", "external", 443],
      ["the RAG loader calls external HTTPS", "rag-loader", "external", 443],
      ["the worker calls external HTTPS", "worker", "external", 443],
      ["edge-mcp calls external HTTPS", "edge-mcp", "external", 443],
    ];
    it.each(flows)("allows: %s", (_, from, to, port) => {
      const ms = rendered("dev, network policies on");
      expect(ms.some((m) => m.obj.kind === "NetworkPolicy"), "network policies rendered").toBe(true);
      expect(flowAllowed(ms, component(from), to === "external" ? { external: true } : component(to), port)).toBe(true);
    });

    it.each(Object.keys(SERVICE_FACTS))("lets %s resolve DNS", (svc) => {
      const ms = rendered("dev, network policies on");
      const dns = { labels: { "k8s-app": "kube-dns" } };
      const egress = policiesFor(ms, component(svc).labels, "Egress");
      // Large answers fall back to TCP, so DNS needs both protocols.
      for (const protocol of ["UDP", "TCP"]) {
        const ok = egress.some((p) =>
          list(get(p, "spec", "egress")).filter(isMap).some((r) => portAllowed(r, 53, protocol) && (r.to === undefined || list(r.to).filter(isMap).some((peer) => isMap(peer.namespaceSelector) && (peer.podSelector === undefined || matchesSelector(dns.labels, peer.podSelector))))),
        );
        expect(egress.length === 0 || ok, `${svc} DNS over ${protocol}`).toBe(true);
      }
    });

    it("does not let the worker receive traffic from other platform pods", () => {
      const ms = rendered("dev, network policies on");
      expect(flowAllowed(ms, component("rest-api"), component("worker"), 8088)).toBe(false);
    });

    it("allows external data stores in prod", () => {
      const ms = rendered("prod");
      for (const svc of ["rest-api", "worker", "rag-loader"]) {
        expect(flowAllowed(ms, component(svc), { external: true }, 5432), `${svc} → database`).toBe(true);
        expect(flowAllowed(ms, component(svc), { external: true }, 6379), `${svc} → redis`).toBe(true);
      }
    });
  });

  describe("defects of the chart this one replaces (reference/developer-mesh-facts.md §4)", () => {
    const appContainer = (ms: Manifest[], svc: string): Obj => {
      const pod = podTemplates(ms).find((p) => !p.isHook && p.labels["app.kubernetes.io/name"] === svc);
      const c = list(pod?.spec.containers).filter(isMap).find((x) => x.name === svc);
      if (!pod || !c) throw new Error(`no ${svc} container rendered`);
      return c;
    };
    const envValue = (c: Obj, name: string): string | undefined => {
      const e = list(c.env).filter(isMap).find((x) => x.name === name);
      return e === undefined ? undefined : str(e.value);
    };

    it.each(["default", "prod"])("%s: Edge MCP serves HTTP on 8082 and validates keys against this release's REST API", (name) => {
      const c = appContainer(rendered(name), "edge-mcp");
      expect(envValue(c, "DEV_MESH_URL")).toMatch(new RegExp(`^http://${RELEASE}-rest-api(\\.[a-z0-9.-]+)?:8080/?$`));
      // Without --port the binary falls back to stdio mode; the image's CMD has it, an override must keep it.
      if (c.args !== undefined || c.command !== undefined) expect(list(c.args).map(String).join(" ")).toMatch(/--port[ =]8082\b/);
    });

    it.each(["default", "prod"])("%s: mounts nothing over the image's /app, /app/configs or /app/migrations", (name) => {
      for (const pod of podTemplates(rendered(name))) {
        for (const c of containersOf(pod.spec)) {
          const hidden = list(c.volumeMounts).filter(isMap).filter((m) => ["/app", "/app/configs", "/app/migrations"].includes(str(m.mountPath).replace(/\/$/, "")) && m.subPath === undefined);
          expect(hidden, `${pod.owner} container ${str(c.name)}`).toEqual([]);
        }
      }
    });

    it.each(["default", "prod"])("%s: the REST API's MCP_CONFIG_FILE is a file of a mounted ConfigMap", (name) => {
      const ms = rendered(name);
      const pod = podTemplates(ms).find((p) => !p.isHook && p.labels["app.kubernetes.io/name"] === "rest-api")!;
      const c = appContainer(ms, "rest-api");
      const file = envValue(c, "MCP_CONFIG_FILE") ?? "";
      const mount = list(c.volumeMounts).filter(isMap).find((m) => file.startsWith(`${str(m.mountPath).replace(/\/$/, "")}/`));
      expect(mount, `a volume is mounted above ${file}`).toBeDefined();
      const volume = list(pod.spec.volumes).filter(isMap).find((v) => v.name === mount!.name);
      const cmName = str(get(volume, "configMap", "name"));
      const cm = ms.find((m) => m.obj.kind === "ConfigMap" && nameOf(m.obj) === cmName);
      expect(Object.keys((cm?.obj.data ?? {}) as Obj)).toContain(path.posix.relative(str(mount!.mountPath), file));
    });

    const monitoring = { labels: { "app.kubernetes.io/name": "prometheus" }, namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } };
    const ingressController = { labels: { "app.kubernetes.io/name": "ingress-nginx" }, namespaceLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } };
    const stranger = { labels: { app: "x" }, namespaceLabels: { "kubernetes.io/metadata.name": "other" } };
    const scrapes: Array<[string, number]> = [["rest-api", 8080], ["edge-mcp", 8082], ["rag-loader", 9094]];
    it.each(scrapes)("prod: Prometheus may scrape %s on %i", (svc, port) => {
      expect(flowAllowed(rendered("prod"), monitoring, component(svc), port)).toBe(true);
    });
    const exposed: Array<[string, number]> = [["rest-api", 8080], ["edge-mcp", 8082], ["rag-loader", 8084]];
    it.each(exposed)("prod: the ingress controller reaches %s on %i", (svc, port) => {
      expect(flowAllowed(rendered("prod"), ingressController, component(svc), port)).toBe(true);
    });
    it.each(exposed)("prod: pods of other namespaces do not reach %s on %i", (svc, port) => {
      expect(flowAllowed(rendered("prod"), stranger, component(svc), port)).toBe(false);
    });
  });

  it("packages, and the package lints", () => {
    const out = mkdtempSync(path.join(tmpdir(), "devmesh-package-"));
    const pkg = runHelm(["package", chartDir, "-d", out], repoRoot);
    expect(pkg.stderr).toBe("");
    expect(pkg.code).toBe(0);
    const tgz = readdirSync(out).find((f) => f.endsWith(".tgz"));
    expect(tgz).toMatch(/^developer-mesh-.*\.tgz$/);
    const lint = runHelm(["lint", "--strict", path.join(out, tgz!)], repoRoot);
    expect(lint.stdout + lint.stderr).toContain("1 chart(s) linted, 0 chart(s) failed");
    expect(lint.code).toBe(0);
  });
});
