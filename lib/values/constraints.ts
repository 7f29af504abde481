/**
 * Reusable zod building blocks for chart values: the constraints Kubernetes and the services put on
 * single values. Every regex here is RE2-compatible, because Helm v4 checks `pattern` with Go's regexp.
 */
import { z } from "zod";

declare module "zod" {
  interface GlobalMeta {
    /** The value is a credential: forms mask it, exports may redact it. */
    secret?: boolean;
  }
}

/** A TCP/UDP port number. */
export const port = () => z.int().min(1).max(65535);

/** Kubernetes resource quantity, e.g. `500m`, `2`, `512Mi`, `1Gi`, `1e3`. */
export const quantity = () =>
  z
    .string()
    .regex(
      /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$/,
      "must be a Kubernetes quantity such as 500m, 1 or 512Mi",
    );

/** Go `time.ParseDuration` syntax, e.g. `30s`, `5m`, `1h30m`. */
export const duration = () => z.string().regex(/^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/, "must be a Go duration such as 30s, 5m or 1h");

/** An OCI image tag (1–128 characters: letters, digits, `_`, `.`, `-`; no leading `.` or `-`). */
export const imageTag = () => z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be a valid image tag");

/** An image repository path, optionally with a registry host (`ghcr.io/org/app`, `busybox`). */
export const imageRepository = () =>
  z.string().regex(/^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/, "must be a lowercase image repository");

/** An image digest (`sha256:` + 64 hex digits), or empty for "use the tag". */
export const imageDigest = () => z.string().regex(/^(sha256:[a-f0-9]{64})?$/, "must be sha256:<64 hex digits> or empty");

/** A registry host, optionally with a port (`ghcr.io`, `registry.local:5000`). */
export const registryHost = () =>
  z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$/, "must be a registry host such as ghcr.io");

/** The pull policies the kubelet knows. */
export const pullPolicy = () => z.enum(["Always", "IfNotPresent", "Never"]);

/** A DNS-1123 label (Service, Secret or namespace name part), or empty when optional. */
export const dnsLabel = () =>
  z
    .string()
    .max(63)
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/, "must be a DNS-1123 label (lowercase letters, digits and '-')");

/** A DNS-1123 subdomain such as a Secret or ConfigMap name (empty allowed = not set). */
export const dnsSubdomain = () =>
  z
    .string()
    .max(253)
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$/, "must be a DNS-1123 subdomain");

/** A key inside a Secret (`password`, `jwt-secret`). */
export const secretKey = () => z.string().regex(/^[-._a-zA-Z0-9]+$/, "must be a Secret key (letters, digits, '-', '_', '.')");

/** A DNS host name (Ingress host, database endpoint). */
export const hostname = () =>
  z
    .string()
    .max(253)
    .regex(/^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$/, "must be a DNS host name");

/** `host:port`, e.g. an OTLP collector `otel-collector.monitoring:4317`. */
export const hostPort = () => z.string().regex(/^[a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?:[0-9]{1,5}$/, "must be host:port");

/** An http(s) URL. */
export const httpUrl = () => z.string().regex(/^https?:\/\/[^\s/$.?#][^\s]*$/, "must be an http:// or https:// URL");

/** An AWS region name such as `us-east-1` (Bedrock rejects shorter strings). */
export const awsRegion = () => z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/, "must be an AWS region such as us-east-1");

/** An IAM role ARN for IRSA, or empty. */
export const iamRoleArn = () =>
  z
    .string()
    .regex(
      /^(arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@\/-]+)?$/,
      "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>) or empty",
    );

/** A UUID in its canonical text form. */
export const uuid = () =>
  z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be a UUID");

/** Base64 of exactly 32 bytes (`openssl rand -base64 32`), as the RAG loader's AES key requires; empty = not set. */
export const base64Key32 = () =>
  z.string().regex(/^([A-Za-z0-9+\/]{43}=)?$/, "must be base64 of exactly 32 bytes (openssl rand -base64 32)");

/** A five-field cron schedule (`*\/30 * * * *`). */
export const cronSchedule = () => z.string().regex(/^\S+( \S+){4}$/, "must be a cron schedule with five fields");

/** A PostgreSQL memory setting such as `128MB` (units kB, MB, GB, TB). */
export const postgresMemory = () => z.string().regex(/^[0-9]+(kB|MB|GB|TB)$/, "must be a PostgreSQL memory size such as 128MB");

/** A Redis memory setting such as `256mb` (bytes, or k/kb/m/mb/g/gb, any case). */
export const redisMemory = () => z.string().regex(/^[0-9]+([kKmMgG][bB]?)?$/, "must be a Redis memory size such as 256mb");

/** A PostgreSQL search_path that contains the `mcp` schema the REST API and worker need. */
export const searchPath = () => z.string().regex(/(^|,) *mcp *(,|$)/, "must contain the mcp schema");

/** A percentage for autoscaling targets. */
export const percent = () => z.int().min(1).max(100);

/** A non-negative integer count (replicas, retries, connections). */
export const count = () => z.int().min(0);

/** An int-or-string as Kubernetes accepts for PDB budgets and rolling-update surges (`1`, `25%`). */
export const intOrPercent = () => z.union([z.int().min(0), z.string().regex(/^[0-9]+%$/, "must be an integer or a percentage")]);

/** A free-form string map (labels, annotations, nodeSelector). */
export const stringMap = () => z.record(z.string(), z.string());

/** An arbitrary YAML object passed through to a manifest (affinity, extra securityContext fields). */
export const passthroughObject = () => z.looseObject({});

/** An arbitrary list passed through to a manifest (tolerations, extra env, extra volumes). */
export const passthroughList = () => z.array(z.unknown());

/**
 * A titled group of values. `{}` is a valid input because every leaf of the chart's values has a default
 * (schema.test.ts parses `{}`); TypeScript cannot see that through the generic shape, hence the cast.
 */
export const section = <T extends z.core.$ZodLooseShape>(title: string, shape: T) =>
  z.strictObject(shape).prefault({} as never).meta({ title });
