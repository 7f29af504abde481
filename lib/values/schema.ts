/**
 * The zod model of every value of the Developer Mesh umbrella chart: the single source of truth.
 *
 * values.schema.json (`npm run gen:schema`), the README values table and the form metadata
 * (fields.ts) are all generated from it. Titles and descriptions follow the `## @param` comments of
 * values.yaml, and every default equals the values.yaml default; tests hold both in step.
 * `secret: true` marks credentials (see secrets.ts).
 */
import { z } from "zod";
import {
  awsRegion,
  base64Key32,
  count,
  cronSchedule,
  dnsSubdomain,
  duration,
  hostPort,
  hostname,
  httpUrl,
  iamRoleArn,
  imageRepository,
  imageTag,
  port,
  postgresMemory,
  pullPolicy,
  quantity,
  redisMemory,
  registryHost,
  searchPath,
  section,
  secretKey,
  stringMap,
  uuid,
} from "./constraints";
import { autoscaling, ingress, podDisruptionBudget, podSettings, probes, resources, serviceImage, termination } from "./workload-shapes";
import { checkConsistency } from "./consistency";

/** The umbrella chart's dependencies; each is a top-level values key with an `enabled` flag. */
export const SUBCHARTS = ["rest-api", "edge-mcp", "worker", "rag-loader", "postgresql", "redis"] as const;
export type Subchart = (typeof SUBCHARTS)[number];

/** The structure and per-value constraints; `valuesSchema` adds the rules that span several values. */
const valuesObject = z
  .strictObject({
    global: section("Global parameters (shared by the umbrella chart and every subchart)", {
      environment: z.enum(["production", "docker", "development", "test"]).default("production").meta({ title: "Environment", description: "Value of ENVIRONMENT for all services: production (API keys from env), docker (same, for development clusters), development (API keys from the image's auth.development.yaml; env keys ignored)" }),
      commonLabels: stringMap().default({}).meta({ title: "Common labels", description: "Extra labels added to every object the chart renders" }),
      image: section("Image", {
        registry: registryHost().default("ghcr.io").meta({ title: "Registry", description: "Registry prefixed to the four Developer Mesh service images" }),
        pullPolicy: pullPolicy().default("IfNotPresent").meta({ title: "Pull policy", description: "Image pull policy of every container" }),
        pullSecrets: z.array(dnsSubdomain()).default([]).meta({ title: "Pull secrets", description: "Names of image pull Secrets added to every pod" }),
        forbidLatestTag: z.boolean().default(false).meta({ title: "Forbid latest tag", description: "Fail rendering when a service image resolves to the tag \"latest\" (turn on in production)" }),
      }),
      database: section("Database", {
        host: hostname().or(z.literal("")).default("").meta({ title: "Host", description: "PostgreSQL host; empty means the embedded postgresql subchart (then postgresql.enabled must be true)" }),
        port: port().default(5432).meta({ title: "Port", description: "PostgreSQL port" }),
        name: z.string().min(1).default("devmesh").meta({ title: "Name", description: "Database name" }),
        username: z.string().min(1).default("devmesh").meta({ title: "Username", description: "Database user (should not be a superuser: row-level security of the RAG tables relies on it)" }),
        password: z.string().default("insecure-dev-database-password").meta({ title: "Password", description: "Database password, stored in a chart-managed Secret (ignored when existingSecret is set)", secret: true }),
        existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret holding the database password" }),
        existingSecretPasswordKey: secretKey().default("password").meta({ title: "Existing secret password key", description: "Key of the password inside existingSecret" }),
        sslMode: z.enum(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]).default("disable").meta({ title: "SSL mode", description: "PostgreSQL sslmode (disable, allow, prefer, require, verify-ca, verify-full)" }),
        searchPath: searchPath().default("mcp,public").meta({ title: "Search path", description: "Schema search path; must contain mcp (REST API, worker); the RAG loader always uses rag,mcp,public" }),
      }),
      redis: section("Redis", {
        host: hostname().or(z.literal("")).default("").meta({ title: "Host", description: "Redis host; empty means the embedded redis subchart (then redis.enabled must be true)" }),
        port: port().default(6379).meta({ title: "Port", description: "Redis port" }),
        username: z.string().default("").meta({ title: "Username", description: "Redis ACL user name (empty for the default user)" }),
        password: z.string().default("insecure-dev-redis-password").meta({ title: "Password", description: "Redis password; empty together with an empty existingSecret disables Redis authentication", secret: true }),
        existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret holding the Redis password" }),
        existingSecretPasswordKey: secretKey().default("password").meta({ title: "Existing secret password key", description: "Key of the password inside existingSecret" }),
        tls: section("TLS", {
          enabled: z.boolean().default(false).meta({ title: "Enabled", description: "Connect to Redis over TLS (e.g. ElastiCache with in-transit encryption; read by the worker)" }),
          skipVerify: z.boolean().default(false).meta({ title: "Skip verify", description: "Skip verification of the Redis server certificate" }),
        }),
      }),
      security: section("Security", {
        forbidInlineSecrets: z.boolean().default(false).meta({ title: "Forbid inline secrets", description: "Fail rendering when a secret would be taken from an inline value instead of an existing Secret or External Secrets (turn on in production)" }),
        jwt: section("JWT", {
          secret: z.string().default("insecure-dev-jwt-secret").meta({ title: "Secret", description: "JWT signing secret shared by the REST API and the RAG loader", secret: true }),
          existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret holding the JWT secret" }),
          existingSecretKey: secretKey().default("jwt-secret").meta({ title: "Existing secret key", description: "Key of the JWT secret inside existingSecret" }),
        }),
        encryption: section("Encryption", {
          masterKey: z.string().default("insecure-dev-encryption-master-key-0001").meta({ title: "Master key", description: "Master key for the REST API credential encryption (ENCRYPTION_MASTER_KEY, 32+ characters recommended)", secret: true }),
          existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret holding the encryption master key" }),
          existingSecretKey: secretKey().default("encryption-master-key").meta({ title: "Existing secret key", description: "Key of the master key inside existingSecret" }),
        }),
        apiKeys: section("API keys", {
          admin: z.string().default("insecure-dev-admin-api-key").meta({ title: "Admin", description: "Static admin API key (ADMIN_API_KEY)", secret: true }),
          reader: z.string().default("insecure-dev-reader-api-key").meta({ title: "Reader", description: "Static read-only API key (READER_API_KEY)", secret: true }),
          mcp: z.string().default("insecure-dev-mcp-api-key").meta({ title: "MCP", description: "Static MCP API key (MCP_API_KEY); Edge MCP also uses it to authenticate to the REST API", secret: true }),
          existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret with the keys admin-api-key, reader-api-key and mcp-api-key" }),
        }),
      }),
      externalSecrets: section("External secrets", {
        enabled: z.boolean().default(false).meta({ title: "Enabled", description: "Create the chart's Secrets through ExternalSecret objects (external-secrets.io) instead of inline values" }),
        secretStoreRef: section("Secret store ref", {
          name: dnsSubdomain().default("").meta({ title: "Name", description: "Name of the SecretStore or ClusterSecretStore to read from" }),
          kind: z.enum(["SecretStore", "ClusterSecretStore"]).default("ClusterSecretStore").meta({ title: "Kind", description: "Kind of the store (SecretStore or ClusterSecretStore)" }),
        }),
        refreshInterval: duration().default("1h").meta({ title: "Refresh interval", description: "How often the operator re-reads the remote secrets" }),
        remoteKeyPrefix: z.string().default("developer-mesh/").meta({ title: "Remote key prefix", description: "Prefix of the remote secret names; each Secret reads the remote key <prefix><name> (database, redis, jwt, encryption, api-keys, aws, rest-api, edge-mcp, worker, rag-loader) and extracts all its properties" }),
      }),
      aws: section("AWS", {
        region: awsRegion().default("us-east-1").meta({ title: "Region", description: "AWS region (Bedrock embeddings, S3)" }),
        useIRSA: z.boolean().default(false).meta({ title: "Use IRSA", description: "Use IAM Roles for Service Accounts: annotate every ServiceAccount with roleArn instead of passing static keys" }),
        roleArn: iamRoleArn().default("").meta({ title: "Role ARN", description: "IAM role ARN for IRSA (required when useIRSA is true)" }),
        accessKeyId: z.string().default("").meta({ title: "Access key ID", description: "Static AWS access key id (only without IRSA; leave empty to use the node role)", secret: true }),
        secretAccessKey: z.string().default("").meta({ title: "Secret access key", description: "Static AWS secret access key (only without IRSA)", secret: true }),
        existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret with the keys aws-access-key-id and aws-secret-access-key" }),
      }),
      embedding: section("Embedding", {
        bedrock: section("Bedrock", {
          enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Use AWS Bedrock for embeddings (REST API, worker, RAG loader)" }),
          endpoint: httpUrl().or(z.literal("")).default("").meta({ title: "Endpoint", description: "Custom Bedrock endpoint URL (empty for the AWS default)" }),
        }),
      }),
      monitoring: section("Monitoring", {
        enabled: z.boolean().default(false).meta({ title: "Enabled", description: "Render ServiceMonitors, the PrometheusRule and the Grafana dashboards (needs the Prometheus Operator CRDs)" }),
        labels: stringMap().default({}).meta({ title: "Labels", description: "Labels added to ServiceMonitors and the PrometheusRule so that Prometheus selects them" }),
        interval: duration().default("30s").meta({ title: "Interval", description: "Scrape interval" }),
        scrapeTimeout: duration().default("10s").meta({ title: "Scrape timeout", description: "Scrape timeout (must not exceed interval)" }),
        rules: section("Rules", {
          enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Render the PrometheusRule with the platform alerts" }),
          errorRateThreshold: z.number().min(0).max(1).default(0.05).meta({ title: "Error rate threshold", description: "Fraction of 5xx responses that fires HighErrorRate" }),
          memoryThreshold: z.number().min(0).max(1).default(0.9).meta({ title: "Memory threshold", description: "Fraction of the memory limit that fires HighMemoryUsage" }),
        }),
        dashboards: section("Dashboards", {
          enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Render the Grafana dashboards as ConfigMaps" }),
          labelKey: z.string().default("grafana_dashboard").meta({ title: "Label key", description: "Label the Grafana sidecar watches for" }),
          labelValue: z.string().default("1").meta({ title: "Label value", description: "Value of that label" }),
        }),
      }),
      tracing: section("Tracing", {
        enabled: z.boolean().default(false).meta({ title: "Enabled", description: "Export OpenTelemetry traces (read by Edge MCP)" }),
        otlpEndpoint: hostPort().or(z.literal("")).default("").meta({ title: "OTLP endpoint", description: "OTLP gRPC endpoint host:port" }),
        insecure: z.boolean().default(true).meta({ title: "Insecure", description: "Send OTLP without TLS" }),
        samplingRate: z.number().min(0).max(1).default(0.1).meta({ title: "Sampling rate", description: "Fraction of traces sampled (0 to 1)" }),
      }),
      networkPolicy: section("Network policy", {
        enabled: z.boolean().default(false).meta({ title: "Enabled", description: "Render NetworkPolicies (default deny with the platform's allowed flows)" }),
        ingressNamespaceSelector: stringMap().default({"kubernetes.io/metadata.name":"ingress-nginx"}).meta({ title: "Ingress namespace selector", description: "Labels of the namespace running the ingress controller" }),
        monitoringNamespaceSelector: stringMap().default({"kubernetes.io/metadata.name":"monitoring"}).meta({ title: "Monitoring namespace selector", description: "Labels of the namespace running Prometheus (allowed to scrape /metrics)" }),
      }),
      waitForDependencies: section("Wait for dependencies", {
        enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Add init containers that wait until the database, Redis (or the REST API for Edge MCP) accept TCP connections" }),
        image: section("Image", {
          registry: registryHost().default("docker.io").meta({ title: "Registry", description: "Registry of the wait image" }),
          repository: imageRepository().default("library/busybox").meta({ title: "Repository", description: "Repository of the wait image (needs sh and nc)" }),
          tag: imageTag().default("1.37.0").meta({ title: "Tag", description: "Tag of the wait image" }),
        }),
        resources: section("Resources", {
          requests: section("Requests", {
            cpu: quantity().default("10m").meta({ title: "CPU", description: "CPU request of a wait container" }),
            memory: quantity().default("16Mi").meta({ title: "Memory", description: "Memory request of a wait container" }),
          }),
          limits: section("Limits", {
            cpu: quantity().default("50m").meta({ title: "CPU", description: "CPU limit of a wait container" }),
            memory: quantity().default("32Mi").meta({ title: "Memory", description: "Memory limit of a wait container" }),
          }),
        }),
      }),
    }),
    namespace: section("Umbrella parameters", {
      create: z.boolean().default(false).meta({ title: "Create", description: "Render a Namespace object for the release namespace with Pod Security \"restricted\" labels (for `helm template | kubectl apply`; leave off with `helm install`)" }),
      labels: stringMap().default({}).meta({ title: "Labels", description: "Extra labels of that Namespace" }),
    }),
    "rest-api": section("REST API", {
      enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Deploy the REST API" }),
      replicaCount: count().default(2).meta({ title: "Replica count", description: "Number of replicas (ignored when autoscaling is enabled)" }),
      image: serviceImage("developer-mesh/developer-mesh-rest-api"),
      config: section("Config", {
        logLevel: z.enum(["debug", "info", "warn", "error"]).default("info").meta({ title: "Log level", description: "Log level (debug, info, warn, error)" }),
        enableSwagger: z.boolean().default(false).meta({ title: "Enable swagger", description: "Serve /swagger" }),
        allowLocalhostUrls: z.boolean().default(false).meta({ title: "Allow localhost URLs", description: "Allow dynamic tools to call localhost URLs (SSRF guard; development only)" }),
        allowPrivateNetworkUrls: z.boolean().default(false).meta({ title: "Allow private network URLs", description: "Allow dynamic tools to call private network URLs (SSRF guard)" }),
        corsAllowedOrigins: z.array(z.string()).default([]).meta({ title: "CORS allowed origins", description: "Origins allowed by CORS" }),
        rateLimit: section("Rate limit", {
          enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Enable the API rate limiter" }),
          limit: count().default(100).meta({ title: "Limit", description: "Requests allowed per period" }),
          period: duration().default("1m").meta({ title: "Period", description: "Rate limit period (Go duration)" }),
          burstFactor: count().default(2).meta({ title: "Burst factor", description: "Burst allowance as a multiple of limit" }),
        }),
        github: section("GitHub", {
          ipValidation: z.boolean().default(true).meta({ title: "Ip validation", description: "Accept GitHub webhooks only from GitHub's source IPs" }),
          allowedEvents: z.array(z.string()).default(["issues","issue_comment","pull_request","push","release"]).meta({ title: "Allowed events", description: "GitHub webhook events that are processed" }),
        }),
        defaultTenantId: uuid().default("00000000-0000-0000-0000-000000000001").meta({ title: "Default tenant ID", description: "Tenant that owns the API keys loaded from the environment" }),
      }),
      secrets: section("Secrets", {
        existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret with the keys github-token and github-webhook-secret" }),
        githubToken: z.string().default("").meta({ title: "GitHub token", description: "GitHub token of the GitHub adapter", secret: true }),
        githubWebhookSecret: z.string().default("").meta({ title: "GitHub webhook secret", description: "HMAC secret of GitHub webhooks", secret: true }),
      }),
      migration: section("Migration", {
        enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Run database migrations in a pre-install/pre-upgrade Job (external database only; with the embedded database the REST API migrates at start)" }),
        backoffLimit: count().default(3).meta({ title: "Backoff limit", description: "Retries of the migration Job" }),
        activeDeadlineSeconds: z.int().min(1).default(600).meta({ title: "Active deadline seconds", description: "Time limit of the migration Job" }),
        resources: resources({ cpu: "100m", memory: "128Mi" }, { cpu: "500m", memory: "256Mi" }, " of the migration Job"),
      }),
      service: section("Service", {
        type: z.enum(["ClusterIP", "NodePort", "LoadBalancer"]).default("ClusterIP").meta({ title: "Type", description: "Service type" }),
        port: port().default(8080).meta({ title: "Port", description: "Service port (the container listens on 8080)" }),
        annotations: stringMap().default({}).meta({ title: "Annotations", description: "Service annotations" }),
      }),
      ingress: ingress("the REST API (incl. /api/webhooks)", "api.developer-mesh.example.com", { defaults: {}, description: "Ingress annotations (e.g. cert-manager.io/cluster-issuer)" }),
      resources: resources({ cpu: "250m", memory: "512Mi" }, { cpu: "2", memory: "2Gi" }),
      ...probes(
        { check: "GET /healthz", period: 10, timeout: 5, failures: 3 },
        { check: "GET /readyz", period: 5, timeout: 3, failures: 3 },
        { check: "GET /healthz", period: 2, timeout: 3, failures: 60, note: "period x failures = startup budget" },
      ),
      autoscaling: autoscaling(10),
      podDisruptionBudget: podDisruptionBudget(),
      ...termination(45, "Grace period (the server drains for up to 30 s)", true),
      ...podSettings(),
    }),
    "edge-mcp": section("Edge MCP", {
      enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Deploy Edge MCP" }),
      replicaCount: count().default(2).meta({ title: "Replica count", description: "Number of replicas (ignored when autoscaling is enabled)" }),
      image: serviceImage("developer-mesh/developer-mesh-edge-mcp"),
      config: section("Config", {
        logLevel: z.enum(["debug", "info", "warn", "error"]).default("info").meta({ title: "Log level", description: "Log level (debug, info, warn, error)" }),
        rateLimit: section("Rate limit", {
          globalRps: count().default(1000).meta({ title: "Global RPS", description: "Global requests per second" }),
          globalBurst: count().default(2000).meta({ title: "Global burst", description: "Global burst" }),
          tenantRps: count().default(100).meta({ title: "Tenant RPS", description: "Requests per second per tenant" }),
          tenantBurst: count().default(200).meta({ title: "Tenant burst", description: "Burst per tenant" }),
          toolRps: count().default(50).meta({ title: "Tool RPS", description: "Requests per second per tool" }),
          toolBurst: count().default(100).meta({ title: "Tool burst", description: "Burst per tool" }),
        }),
        quotas: section("Quotas", {
          enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Enforce per-tenant quotas" }),
          defaultQuota: count().default(10000).meta({ title: "Default quota", description: "Default requests per quota interval" }),
          resetInterval: duration().default("24h").meta({ title: "Reset interval", description: "Quota reset interval (Go duration)" }),
        }),
        restApiUrl: httpUrl().or(z.literal("")).default("").meta({ title: "REST API URL", description: "Base URL of the REST API (DEV_MESH_URL); empty means this release's REST API Service on port 8080" }),
        updateChecker: z.boolean().default(false).meta({ title: "Update checker", description: "Run the background self-update checker (pointless in a container; calls the GitHub API)" }),
      }),
      secrets: section("Secrets", {
        existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret with the key github-token" }),
        githubToken: z.string().default("").meta({ title: "GitHub token", description: "GitHub token passed to the GitHub tools (GITHUB_TOKEN)", secret: true }),
      }),
      service: section("Service", {
        type: z.enum(["ClusterIP", "NodePort", "LoadBalancer"]).default("ClusterIP").meta({ title: "Type", description: "Service type" }),
        port: port().default(8082).meta({ title: "Port", description: "Service port (the container listens on 8082: HTTP, /ws and /metrics)" }),
        annotations: stringMap().default({}).meta({ title: "Annotations", description: "Service annotations" }),
      }),
      ingress: ingress("Edge MCP (WebSocket /ws)", "mcp.developer-mesh.example.com", { defaults: {"nginx.ingress.kubernetes.io/proxy-read-timeout":"3600","nginx.ingress.kubernetes.io/proxy-send-timeout":"3600","nginx.ingress.kubernetes.io/proxy-http-version":"1.1"}, description: "Ingress annotations; the defaults keep WebSocket connections open for an hour" }),
      resources: resources({ cpu: "100m", memory: "256Mi" }, { cpu: "1", memory: "512Mi" }),
      ...probes(
        { check: "GET /health/live", period: 10, timeout: 3, failures: 3 },
        { check: "GET /health/ready", period: 5, timeout: 3, failures: 3 },
        { check: "GET /health/startup", period: 2, timeout: 3, failures: 30 },
      ),
      autoscaling: autoscaling(10),
      podDisruptionBudget: podDisruptionBudget(),
      ...termination(45, "Grace period (long enough for WebSocket clients to reconnect elsewhere)", true),
      ...podSettings(),
    }),
    worker: section("Worker", {
      enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Deploy the worker" }),
      replicaCount: count().default(2).meta({ title: "Replica count", description: "Number of replicas; each replica processes its stream messages sequentially, so replicas are the concurrency knob" }),
      image: serviceImage("developer-mesh/developer-mesh-worker"),
      config: section("Config", {
        streamName: z.string().default("webhook-events").meta({ title: "Stream name", description: "Redis stream the worker consumes (REDIS_STREAM_NAME)" }),
        consumerGroup: z.string().default("webhook-processors").meta({ title: "Consumer group", description: "Redis consumer group (REDIS_CONSUMER_GROUP)" }),
        artifactoryUrl: httpUrl().or(z.literal("")).default("").meta({ title: "Artifactory URL", description: "Artifactory URL; the Artifactory webhook handler runs when it and the API key are set" }),
      }),
      secrets: section("Secrets", {
        existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret with the key artifactory-api-key" }),
        artifactoryApiKey: z.string().default("").meta({ title: "Artifactory API key", description: "Artifactory API key", secret: true }),
      }),
      service: section("Service", {
        type: z.enum(["ClusterIP", "NodePort", "LoadBalancer"]).default("ClusterIP").meta({ title: "Type", description: "Service type (the worker only serves health checks on 8088)" }),
        port: port().default(8088).meta({ title: "Port", description: "Service port of the health endpoint" }),
        annotations: stringMap().default({}).meta({ title: "Annotations", description: "Service annotations" }),
      }),
      resources: resources({ cpu: "200m", memory: "512Mi" }, { cpu: "2", memory: "2Gi" }),
      ...probes(
        { check: "GET /health/live", period: 10, timeout: 5, failures: 3 },
        { check: "GET /health", period: 10, timeout: 5, failures: 3 },
        { check: "GET /health/live", period: 5, timeout: 3, failures: 60, note: "the worker waits for the schema first" },
      ),
      autoscaling: autoscaling(8),
      podDisruptionBudget: podDisruptionBudget(),
      ...termination(60, "Grace period to finish the message batch in flight", false),
      ...podSettings(),
    }),
    "rag-loader": section("RAG loader", {
      enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Deploy the RAG loader" }),
      replicaCount: count().default(2).meta({ title: "Replica count", description: "Number of replicas (ignored when autoscaling is enabled)" }),
      image: serviceImage("developer-mesh/developer-mesh-rag-loader"),
      config: section("Config", {
        logLevel: z.enum(["debug", "info", "warn", "error"]).default("info").meta({ title: "Log level", description: "Log level (debug, info, warn, error; debug also puts Gin in debug mode)" }),
        apiEnabled: z.boolean().default(true).meta({ title: "API enabled", description: "Serve the tenant source API on 8084 (scheduler.enable_api)" }),
        scheduler: section("Scheduler", {
          defaultSchedule: cronSchedule().default("*/30 * * * *").meta({ title: "Default schedule", description: "Default cron schedule of a source" }),
          jobTimeout: duration().default("10m").meta({ title: "Job timeout", description: "Time limit of one sync job (Go duration)" }),
          enableEvents: z.boolean().default(false).meta({ title: "Enable events", description: "Trigger syncs from platform events" }),
          maxConcurrentJobs: count().default(3).meta({ title: "Max concurrent jobs", description: "Sync jobs processed at the same time per replica" }),
        }),
        processing: section("Processing", {
          chunkSize: count().default(500).meta({ title: "Chunk size", description: "Characters per chunk" }),
          chunkOverlap: count().default(50).meta({ title: "Chunk overlap", description: "Characters shared by adjacent chunks" }),
          embeddingBatchSize: count().default(10).meta({ title: "Embedding batch size", description: "Chunks per embedding request" }),
          embeddingRateLimitRpm: count().default(100).meta({ title: "Embedding rate limit RPM", description: "Embedding requests per minute" }),
        }),
      }),
      secrets: section("Secrets", {
        existingSecret: dnsSubdomain().default("").meta({ title: "Existing secret", description: "Name of an existing Secret with the key rag-master-key" }),
        masterKey: base64Key32().default("aW5zZWN1cmUtZGV2LXJhZy1tYXN0ZXIta2V5LTAwMzI=").meta({ title: "Master key", description: "Per-tenant credential encryption key: base64 of exactly 32 bytes (openssl rand -base64 32)", secret: true }),
      }),
      service: section("Service", {
        type: z.enum(["ClusterIP", "NodePort", "LoadBalancer"]).default("ClusterIP").meta({ title: "Type", description: "Service type" }),
        port: port().default(8084).meta({ title: "Port", description: "Service port of the source API (container 8084)" }),
        metricsPort: port().default(9094).meta({ title: "Metrics port", description: "Service port of health and metrics (container 9094)" }),
        annotations: stringMap().default({}).meta({ title: "Annotations", description: "Service annotations" }),
      }),
      ingress: ingress("the source API", "rag.developer-mesh.example.com", { defaults: {}, description: "Ingress annotations" }),
      resources: resources({ cpu: "200m", memory: "512Mi" }, { cpu: "2", memory: "2Gi" }),
      ...probes(
        { check: "GET /health on 9094", period: 10, timeout: 5, failures: 3 },
        { check: "GET /ready on 9094", period: 5, timeout: 3, failures: 3 },
        { check: "GET /health on 9094", period: 2, timeout: 3, failures: 60 },
      ),
      autoscaling: autoscaling(6),
      podDisruptionBudget: podDisruptionBudget(),
      ...termination(45, "Grace period (the loader shuts down within 30 s)", true),
      ...podSettings(),
    }),
    postgresql: section("Embedded PostgreSQL (development; production uses global.database.host)", {
      enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Deploy the embedded PostgreSQL with pgvector (credentials come from global.database)" }),
      image: section("Image", {
        registry: registryHost().default("docker.io").meta({ title: "Registry", description: "Image registry" }),
        repository: imageRepository().default("pgvector/pgvector").meta({ title: "Repository", description: "Image repository (an image based on the official postgres image, with pgvector)" }),
        tag: imageTag().default("0.8.1-pg17").meta({ title: "Tag", description: "Image tag" }),
      }),
      persistence: section("Persistence", {
        enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Keep data in a PersistentVolumeClaim (an emptyDir otherwise)" }),
        size: quantity().default("8Gi").meta({ title: "Size", description: "Volume size" }),
        storageClass: dnsSubdomain().default("").meta({ title: "Storage class", description: "StorageClass (empty for the cluster default)" }),
      }),
      maxConnections: count().default(200).meta({ title: "Max connections", description: "max_connections of the server" }),
      sharedBuffers: postgresMemory().default("128MB").meta({ title: "Shared buffers", description: "shared_buffers of the server" }),
      resources: resources({ cpu: "100m", memory: "256Mi" }, { cpu: "1", memory: "1Gi" }),
    }),
    redis: section("Embedded Redis (development; production uses global.redis.host)", {
      enabled: z.boolean().default(true).meta({ title: "Enabled", description: "Deploy the embedded Redis (password from global.redis)" }),
      image: section("Image", {
        registry: registryHost().default("docker.io").meta({ title: "Registry", description: "Image registry" }),
        repository: imageRepository().default("library/redis").meta({ title: "Repository", description: "Image repository" }),
        tag: imageTag().default("8.2.2-alpine").meta({ title: "Tag", description: "Image tag" }),
      }),
      persistence: section("Persistence", {
        enabled: z.boolean().default(false).meta({ title: "Enabled", description: "Keep an append-only file in a PersistentVolumeClaim (an emptyDir otherwise)" }),
        size: quantity().default("2Gi").meta({ title: "Size", description: "Volume size" }),
        storageClass: dnsSubdomain().default("").meta({ title: "Storage class", description: "StorageClass (empty for the cluster default)" }),
      }),
      maxmemory: redisMemory().default("256mb").meta({ title: "Maxmemory", description: "maxmemory of the server (noeviction: the worker's stream must never be evicted)" }),
      resources: resources({ cpu: "50m", memory: "128Mi" }, { cpu: "500m", memory: "512Mi" }),
    }),
  });

/** Complete values after defaults are applied. */
export type Values = z.output<typeof valuesObject>;

export const valuesSchema = valuesObject
  .superRefine(checkConsistency)
  .meta({ title: "Developer Mesh values", description: "Values of the developer-mesh umbrella chart and its subcharts" });

/** Values as written in a values file (defaults may be left out). */
export type ValuesInput = z.input<typeof valuesSchema>;
