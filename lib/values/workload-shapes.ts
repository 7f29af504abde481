/**
 * Value groups that the four service subcharts (REST API, Edge MCP, Worker, RAG Loader) and the embedded
 * stores share: one definition each, with the per-service defaults and texts passed in.
 */
import { z } from "zod";
import { count, dnsSubdomain, hostname, imageDigest, imageRepository, imageTag, intOrPercent, passthroughList, passthroughObject, percent, quantity, section, stringMap } from "./constraints";

/** `image` of a service: repository below `global.image.registry`, tag defaulting to the appVersion. */
export const serviceImage = (repository: string) =>
  section("Image", {
    repository: imageRepository().default(repository).meta({ title: "Repository", description: "Image repository (below global.image.registry)" }),
    tag: imageTag().or(z.literal("")).default("").meta({ title: "Tag", description: "Image tag (defaults to the chart appVersion)" }),
    digest: imageDigest().default("").meta({ title: "Digest", description: "Image digest (sha256:...); wins over the tag" }),
  });

interface CpuMemory {
  cpu: string;
  memory: string;
}

/** `resources.requests` and `.limits`; `of` names whose they are when it is not the main container's. */
export const resources = (requests: CpuMemory, limits: CpuMemory, of = "") =>
  section("Resources", {
    requests: section("Requests", {
      cpu: quantity().default(requests.cpu).meta({ title: "CPU", description: `CPU request${of}` }),
      memory: quantity().default(requests.memory).meta({ title: "Memory", description: `Memory request${of}` }),
    }),
    limits: section("Limits", {
      cpu: quantity().default(limits.cpu).meta({ title: "CPU", description: `CPU limit${of}` }),
      memory: quantity().default(limits.memory).meta({ title: "Memory", description: `Memory limit${of}` }),
    }),
  });

interface ProbeTiming {
  /** The request the probe makes, e.g. `GET /healthz`. */
  check: string;
  period: number;
  timeout: number;
  failures: number;
}

const probe = (kind: string, t: ProbeTiming, failuresText: string) =>
  section(`${kind} probe`, {
    periodSeconds: z.int().min(1).default(t.period).meta({ title: "Period seconds", description: `${kind} probe period (${t.check})` }),
    timeoutSeconds: z.int().min(1).default(t.timeout).meta({ title: "Timeout seconds", description: `${kind} probe timeout` }),
    failureThreshold: count().default(t.failures).meta({ title: "Failure threshold", description: failuresText }),
  });

/** The three probes of a service container; `startupNote` explains its failure budget when it needs it. */
export const probes = (liveness: ProbeTiming, readiness: ProbeTiming, startup: ProbeTiming & { note?: string }) => ({
  livenessProbe: probe("Liveness", liveness, "Liveness probe failures before restart"),
  readinessProbe: probe("Readiness", readiness, "Readiness probe failures before unready"),
  startupProbe: probe("Startup", startup, `Startup probe failures allowed${startup.note ? ` (${startup.note})` : ""}`),
});

/** The HorizontalPodAutoscaler settings; services differ only in their replica ceiling. */
export const autoscaling = (maxReplicas: number) =>
  section("Autoscaling", {
    enabled: z.boolean().default(false).meta({ title: "Enabled", description: "Create a HorizontalPodAutoscaler" }),
    minReplicas: z.int().min(1).default(2).meta({ title: "Min replicas", description: "Minimum replicas" }),
    maxReplicas: z.int().min(1).default(maxReplicas).meta({ title: "Max replicas", description: "Maximum replicas" }),
    targetCPUUtilizationPercentage: percent().default(70).meta({ title: "Target cpuutilization percentage", description: "Target average CPU utilization" }),
    targetMemoryUtilizationPercentage: percent().default(80).meta({ title: "Target memory utilization percentage", description: "Target average memory utilization" }),
    behavior: section("Behavior", {
      scaleDown: section("Scale down", {
        stabilizationWindowSeconds: count().default(300).meta({ title: "Stabilization window seconds", description: "Scale-down stabilization window" }),
        percent: percent().default(10).meta({ title: "Percent", description: "Max percent of pods removed per minute" }),
        pods: count().default(1).meta({ title: "Pods", description: "Max pods removed per minute" }),
      }),
      scaleUp: section("Scale up", {
        stabilizationWindowSeconds: count().default(0).meta({ title: "Stabilization window seconds", description: "Scale-up stabilization window" }),
        percent: percent().default(50).meta({ title: "Percent", description: "Max percent of pods added per minute" }),
        pods: count().default(2).meta({ title: "Pods", description: "Max pods added per minute" }),
      }),
    }),
  });

export const podDisruptionBudget = () =>
  section("Pod disruption budget", {
    enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Create a PodDisruptionBudget" }),
    minAvailable: intOrPercent().default(1).meta({ title: "Min available", description: "Pods that must stay available during voluntary disruptions" }),
  });

/** `terminationGracePeriodSeconds`, and for services behind a Service the pre-stop pause. */
export const termination = (graceSeconds: number, graceText: string, preStopSleep: boolean) => ({
  terminationGracePeriodSeconds: count().default(graceSeconds).meta({ title: "Termination grace period seconds", description: graceText }),
  ...(preStopSleep && {
    preStopSleepSeconds: count().default(5).meta({ title: "Pre stop sleep seconds", description: "Seconds to keep serving after termination starts so endpoints are removed first" }),
  }),
});

/** Service account, pod metadata and scheduling, and extra environment: the same for every service. */
export const podSettings = () => ({
  serviceAccount: section("Service account", {
    create: z.boolean().default(true).meta({ title: "Create", description: "Create a ServiceAccount" }),
    name: dnsSubdomain().default("").meta({ title: "Name", description: "ServiceAccount name (defaults to the fullname)" }),
    annotations: stringMap().default({}).meta({ title: "Annotations", description: "ServiceAccount annotations (the IRSA role is added from global.aws)" }),
  }),
  podAnnotations: stringMap().default({}).meta({ title: "Pod annotations", description: "Extra pod annotations" }),
  podLabels: stringMap().default({}).meta({ title: "Pod labels", description: "Extra pod labels" }),
  nodeSelector: stringMap().default({}).meta({ title: "Node selector", description: "Node selector" }),
  tolerations: passthroughList().default([]).meta({ title: "Tolerations", description: "Tolerations" }),
  affinity: passthroughObject().default({}).meta({ title: "Affinity", description: "Affinity; replaces the default preferred pod anti-affinity when set" }),
  topologySpread: section("Topology spread", {
    enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Spread pods across zones (ScheduleAnyway)" }),
    topologyKey: z.string().default("topology.kubernetes.io/zone").meta({ title: "Topology key", description: "Node label that defines a zone" }),
    maxSkew: z.int().min(1).default(1).meta({ title: "Max skew", description: "Maximum skew between zones" }),
  }),
  extraEnv: passthroughList().default([]).meta({ title: "Extra env", description: "Extra environment variables (Kubernetes EnvVar list)" }),
});

/** A service's Ingress: `what` says what it exposes; annotations default per service. */
export const ingress = (what: string, host: string, annotations: { defaults: Record<string, string>; description: string }) =>
  section("Ingress", {
    enabled: z.boolean().default(false).meta({ title: "Enabled", description: `Expose ${what} through an Ingress` }),
    className: z.string().default("nginx").meta({ title: "Class name", description: "IngressClass name" }),
    annotations: stringMap().default(annotations.defaults).meta({ title: "Annotations", description: annotations.description }),
    host: hostname().or(z.literal("")).default(host).meta({ title: "Host", description: "Host name" }),
    tls: section("TLS", {
      enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Terminate TLS at the Ingress" }),
      secretName: dnsSubdomain().default("").meta({ title: "Secret name", description: "TLS Secret name (defaults to <fullname>-tls)" }),
    }),
  });
