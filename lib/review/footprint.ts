/**
 * What an environment costs and exposes: per service, replicas (min/max with an HPA), CPU and memory
 * requests and limits times replicas, persistent storage, images and hosts; and the totals.
 */
import type { ReviewObject } from "./review-object";
import { parseQuantity } from "./quantity";
import { dig, isObj, listAt, podTemplate, strAt, type Obj } from "./object-readers";

export interface Resources {
  cpuRequest: number;
  cpuLimit: number;
  memoryRequest: number;
  memoryLimit: number;
}

export interface ServiceFootprint {
  service: string;
  /** Replicas without autoscaling, or the HPA's minReplicas. */
  minReplicas: number;
  /** Equal to minReplicas without an HPA. */
  maxReplicas: number;
  /** One replica's containers (init containers excluded: they do not run alongside). */
  perReplica: Resources;
  /** perReplica × minReplicas and × maxReplicas. */
  atMin: Resources;
  atMax: Resources;
  /** Bytes of PersistentVolumeClaims and StatefulSet volume claim templates (× replicas). */
  storage: number;
  images: string[];
  hosts: string[];
}

export interface Footprint {
  services: ServiceFootprint[];
  totals: { minReplicas: number; maxReplicas: number; atMin: Resources; atMax: Resources; storage: number };
}

const zero = (): Resources => ({ cpuRequest: 0, cpuLimit: 0, memoryRequest: 0, memoryLimit: 0 });
const scale = (r: Resources, n: number): Resources => ({
  cpuRequest: r.cpuRequest * n,
  cpuLimit: r.cpuLimit * n,
  memoryRequest: r.memoryRequest * n,
  memoryLimit: r.memoryLimit * n,
});
const add = (a: Resources, b: Resources): Resources => ({
  cpuRequest: a.cpuRequest + b.cpuRequest,
  cpuLimit: a.cpuLimit + b.cpuLimit,
  memoryRequest: a.memoryRequest + b.memoryRequest,
  memoryLimit: a.memoryLimit + b.memoryLimit,
});

function podResources(spec: Obj): Resources {
  let r = zero();
  for (const c of listAt(spec, "containers")) {
    r = add(r, {
      cpuRequest: parseQuantity(dig(c, "resources", "requests", "cpu")) ?? 0,
      cpuLimit: parseQuantity(dig(c, "resources", "limits", "cpu")) ?? 0,
      memoryRequest: parseQuantity(dig(c, "resources", "requests", "memory")) ?? 0,
      memoryLimit: parseQuantity(dig(c, "resources", "limits", "memory")) ?? 0,
    });
  }
  return r;
}

const claimBytes = (claim: unknown): number => parseQuantity(dig(claim, "spec", "resources", "requests", "storage")) ?? 0;

/** Workloads that run continuously: Jobs and CronJobs come and go, so they do not count in the footprint. */
const LONG_RUNNING = new Set(["Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Pod"]);

export function footprint(objects: readonly ReviewObject[]): Footprint {
  const byService = new Map<string, ServiceFootprint>();
  const entry = (service: string): ServiceFootprint => {
    let f = byService.get(service);
    if (!f) {
      f = { service, minReplicas: 0, maxReplicas: 0, perReplica: zero(), atMin: zero(), atMax: zero(), storage: 0, images: [], hosts: [] };
      byService.set(service, f);
    }
    return f;
  };
  const hpas = new Map<string, Obj>();
  for (const o of objects) if (o.obj && o.manifest.kind === "HorizontalPodAutoscaler") hpas.set(`${strAt(o.obj, "spec", "scaleTargetRef", "kind")}/${strAt(o.obj, "spec", "scaleTargetRef", "name")}`, o.obj);

  for (const o of objects) {
    const obj = o.obj;
    if (!obj) continue;
    const kind = o.manifest.kind;
    if (kind === "Ingress") {
      const f = entry(o.service);
      for (const rule of listAt(obj, "spec", "rules")) {
        const host = strAt(rule, "host");
        if (host && !f.hosts.includes(host)) f.hosts.push(host);
      }
    } else if (kind === "PersistentVolumeClaim") {
      entry(o.service).storage += claimBytes(obj);
    }
    const pod = podTemplate(obj);
    if (!pod) continue;
    const f = entry(o.service);
    for (const c of [...listAt(pod.spec, "initContainers"), ...listAt(pod.spec, "containers")]) {
      const image = strAt(c, "image");
      if (image && !f.images.includes(image)) f.images.push(image);
    }
    if (!LONG_RUNNING.has(kind)) continue;
    const hpa = hpas.get(`${kind}/${o.manifest.name}`);
    const replicas = typeof dig(obj, "spec", "replicas") === "number" ? (dig(obj, "spec", "replicas") as number) : 1;
    const min = hpa ? Number(dig(hpa, "spec", "minReplicas") ?? 1) : replicas;
    const max = hpa ? Number(dig(hpa, "spec", "maxReplicas") ?? min) : replicas;
    const per = podResources(pod.spec);
    f.minReplicas += min;
    f.maxReplicas += max;
    f.perReplica = add(f.perReplica, per);
    f.atMin = add(f.atMin, scale(per, min));
    f.atMax = add(f.atMax, scale(per, max));
    if (kind === "StatefulSet") {
      for (const claim of listAt(obj, "spec", "volumeClaimTemplates")) if (isObj(claim)) f.storage += claimBytes(claim) * max;
    }
  }
  const services = [...byService.values()].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
  const totals = services.reduce(
    (t, s) => ({
      minReplicas: t.minReplicas + s.minReplicas,
      maxReplicas: t.maxReplicas + s.maxReplicas,
      atMin: add(t.atMin, s.atMin),
      atMax: add(t.atMax, s.atMax),
      storage: t.storage + s.storage,
    }),
    { minReplicas: 0, maxReplicas: 0, atMin: zero(), atMax: zero(), storage: 0 },
  );
  return { services, totals };
}

