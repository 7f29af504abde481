{{/*
Shared helpers of the Developer Mesh umbrella chart.

Helm puts every define of the parent and of all subcharts into one template set, so the subcharts
(rest-api, edge-mcp, worker, rag-loader, postgresql, redis) call these helpers directly instead of
keeping copies. Every helper reads only .Release, .Chart and .Values.global (plus the arguments it is
given), because those are the only inputs that mean the same thing in the parent and in a subchart:
that is what keeps secret names, service names and labels identical on both sides (the chart this
one replaces computed them in subchart context and referenced Secrets that did not exist).
*/}}

{{/*
Prefix of the objects the umbrella itself owns (shared Secrets, NetworkPolicies, migration Job,
alerts, dashboards). Names are DNS labels, hence the truncation to 63 characters; a release that is
already called like the chart is not repeated.
*/}}
{{- define "developer-mesh.fullname" -}}
{{- if contains "developer-mesh" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-developer-mesh" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
Name of a platform component's objects: "<release>-<component>". Used both for a subchart's own
objects and for references across components (Edge MCP calling the REST API Service, the apps
reaching the embedded database), so both sides always agree.
Usage: include "developer-mesh.componentName" (dict "root" $ "component" "rest-api")
*/}}
{{- define "developer-mesh.componentName" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Name of the current subchart's objects (the component is the subchart's own name).
*/}}
{{- define "developer-mesh.subchartName" -}}
{{- include "developer-mesh.componentName" (dict "root" . "component" .Chart.Name) -}}
{{- end -}}

{{/*
Selector labels of a component. Deployments, Services, PDBs, HPAs, anti-affinity, topology spread
and NetworkPolicies all select with exactly these two labels, which every pod of the component
carries. Usage: include "developer-mesh.selectorLabels" (dict "root" $ "component" "worker")
*/}}
{{- define "developer-mesh.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/*
Standard labels of a component's objects: the selector labels plus chart, version and ownership
labels and global.commonLabels. Usage: as developer-mesh.selectorLabels.
*/}}
{{- define "developer-mesh.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "developer-mesh.selectorLabels" . }}
{{- with .root.Chart.AppVersion }}
app.kubernetes.io/version: {{ . | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: developer-mesh
{{- with .root.Values.global.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
Labels of the current subchart's objects and their selector labels.
*/}}
{{- define "developer-mesh.subchartLabels" -}}
{{- include "developer-mesh.labels" (dict "root" . "component" .Chart.Name) -}}
{{- end -}}

{{- define "developer-mesh.subchartSelectorLabels" -}}
{{- include "developer-mesh.selectorLabels" (dict "root" . "component" .Chart.Name) -}}
{{- end -}}

{{/*
Image reference "registry/repository:tag", or "@digest" when a digest is given (it pins the exact
image, so it wins over the tag). Usage: include "developer-mesh.imageRef" (dict "registry" "docker.io"
"repository" "library/busybox" "tag" "1.37.0" "digest" "")
*/}}
{{- define "developer-mesh.imageRef" -}}
{{- $ref := .repository -}}
{{- if .registry -}}
{{- $ref = printf "%s/%s" .registry .repository -}}
{{- end -}}
{{- if .digest -}}
{{- printf "%s@%s" $ref .digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (toString .tag) -}}
{{- end -}}
{{- end -}}

{{/*
Image of a Developer Mesh service (the current subchart, or the REST API image for the migration
Job when called with "image"). The tag defaults to the chart's appVersion, and a "latest" tag is
refused when global.image.forbidLatestTag is set: a moving tag makes rollouts unrepeatable.
Usage: include "developer-mesh.serviceImage" (dict "root" $ "image" .Values.image "name" "rest-api")
*/}}
{{- define "developer-mesh.serviceImage" -}}
{{- $tag := toString (.image.tag | default .root.Chart.AppVersion) -}}
{{- if and .root.Values.global.image.forbidLatestTag (eq $tag "latest") (not .image.digest) -}}
{{- fail (printf "%s.image.tag: the tag \"latest\" is not allowed because global.image.forbidLatestTag is true; pin a version (e.g. %s) or set %s.image.digest" .name .root.Chart.AppVersion .name) -}}
{{- end -}}
{{- include "developer-mesh.imageRef" (dict "registry" .root.Values.global.image.registry "repository" .image.repository "tag" $tag "digest" .image.digest) -}}
{{- end -}}

{{/*
imagePullSecrets of every pod, from global.image.pullSecrets.
*/}}
{{- define "developer-mesh.imagePullSecrets" -}}
{{- with .Values.global.image.pullSecrets -}}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}

{{/*
Pod security context of every pod. Fixed rather than configurable: the images are distroless
"nonroot" (UID/GID 65532), and this exact set is what Pod Security "restricted" demands.
*/}}
{{- define "developer-mesh.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
Container security context of every container (init containers included): read-only root
filesystem, no capabilities, no privilege escalation. Writable paths are emptyDirs mounted where a
process really writes.
*/}}
{{- define "developer-mesh.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/*
How a secret is supplied: "existing" (a Secret the operator created), "external" (an ExternalSecret
the chart renders) or "inline" (a Secret the chart renders from values). Inline is refused when
global.security.forbidInlineSecrets is set and the secret is needed, with the value path to fix.
Usage: include "developer-mesh.secretMode" (dict "root" $ "existingSecret" .x.existingSecret
"path" "global.database" "needed" true)
*/}}
{{- define "developer-mesh.secretMode" -}}
{{- if .existingSecret -}}
existing
{{- else if .root.Values.global.externalSecrets.enabled -}}
external
{{- else -}}
{{- if and .needed .root.Values.global.security.forbidInlineSecrets -}}
{{- required (printf "%s.existingSecret is required: global.security.forbidInlineSecrets is true, so secrets must come from an existing Secret (set %s.existingSecret) or from External Secrets (set global.externalSecrets.enabled)" .path .path) "" -}}
{{- end -}}
inline
{{- end -}}
{{- end -}}

{{/*
Database: host (the embedded postgresql Service when global.database.host is empty), password
Secret name and key.
*/}}
{{- define "developer-mesh.database.host" -}}
{{- .Values.global.database.host | default (include "developer-mesh.componentName" (dict "root" . "component" "postgresql")) -}}
{{- end -}}

{{- define "developer-mesh.database.secretName" -}}
{{- .Values.global.database.existingSecret | default (printf "%s-database" (include "developer-mesh.fullname" .)) -}}
{{- end -}}

{{- define "developer-mesh.database.secretKey" -}}
{{- ternary .Values.global.database.existingSecretPasswordKey "password" (not (empty .Values.global.database.existingSecret)) -}}
{{- end -}}

{{/*
Redis: host, "host:port" address (REDIS_ADDR), whether authentication is on, password Secret.
Authentication is on only when a password can exist (inline value, existing Secret or External
Secrets); the old chart injected REDIS_PASSWORD from a Secret that was never created.
*/}}
{{- define "developer-mesh.redis.host" -}}
{{- .Values.global.redis.host | default (include "developer-mesh.componentName" (dict "root" . "component" "redis")) -}}
{{- end -}}

{{- define "developer-mesh.redis.addr" -}}
{{- printf "%s:%v" (include "developer-mesh.redis.host" .) .Values.global.redis.port -}}
{{- end -}}

{{- define "developer-mesh.redis.authEnabled" -}}
{{- if or .Values.global.redis.existingSecret .Values.global.externalSecrets.enabled .Values.global.redis.password }}true{{ end -}}
{{- end -}}

{{- define "developer-mesh.redis.secretName" -}}
{{- .Values.global.redis.existingSecret | default (printf "%s-redis" (include "developer-mesh.fullname" .)) -}}
{{- end -}}

{{- define "developer-mesh.redis.secretKey" -}}
{{- ternary .Values.global.redis.existingSecretPasswordKey "password" (not (empty .Values.global.redis.existingSecret)) -}}
{{- end -}}

{{/*
JWT, encryption master key and static API keys: Secret names and keys.
*/}}
{{- define "developer-mesh.jwt.secretName" -}}
{{- .Values.global.security.jwt.existingSecret | default (printf "%s-jwt" (include "developer-mesh.fullname" .)) -}}
{{- end -}}

{{- define "developer-mesh.jwt.secretKey" -}}
{{- ternary .Values.global.security.jwt.existingSecretKey "jwt-secret" (not (empty .Values.global.security.jwt.existingSecret)) -}}
{{- end -}}

{{- define "developer-mesh.encryption.secretName" -}}
{{- .Values.global.security.encryption.existingSecret | default (printf "%s-encryption" (include "developer-mesh.fullname" .)) -}}
{{- end -}}

{{- define "developer-mesh.encryption.secretKey" -}}
{{- ternary .Values.global.security.encryption.existingSecretKey "encryption-master-key" (not (empty .Values.global.security.encryption.existingSecret)) -}}
{{- end -}}

{{- define "developer-mesh.apiKeys.secretName" -}}
{{- .Values.global.security.apiKeys.existingSecret | default (printf "%s-api-keys" (include "developer-mesh.fullname" .)) -}}
{{- end -}}

{{/*
AWS: static credentials are used only without IRSA and only when some can exist (inline keys, an
existing Secret, or the remote "aws" secret of External Secrets); otherwise the SDK's default chain
applies (IRSA web identity, or the node role).
*/}}
{{- define "developer-mesh.aws.staticCredentials" -}}
{{- $aws := .Values.global.aws -}}
{{- if and (not $aws.useIRSA) (or $aws.existingSecret $aws.accessKeyId .Values.global.externalSecrets.enabled) }}true{{ end -}}
{{- end -}}

{{- define "developer-mesh.aws.secretName" -}}
{{- .Values.global.aws.existingSecret | default (printf "%s-aws" (include "developer-mesh.fullname" .)) -}}
{{- end -}}

{{/*
Environment of the database connection, as the REST API, worker and RAG loader read it (DB_* and
DATABASE_DSN are read by none of them; the search path is set per service, each reads it elsewhere).
*/}}
{{- define "developer-mesh.env.database" -}}
- name: DATABASE_HOST
  value: {{ include "developer-mesh.database.host" . | quote }}
- name: DATABASE_PORT
  value: {{ .Values.global.database.port | quote }}
- name: DATABASE_NAME
  value: {{ .Values.global.database.name | quote }}
- name: DATABASE_USER
  value: {{ .Values.global.database.username | quote }}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "developer-mesh.database.secretName" . }}
      key: {{ include "developer-mesh.database.secretKey" . }}
- name: DATABASE_SSL_MODE
  value: {{ .Values.global.database.sslMode | quote }}
{{- end -}}

{{/*
Environment of the Redis connection (REDIS_ADDR; username and password only when set).
*/}}
{{- define "developer-mesh.env.redis" -}}
- name: REDIS_ADDR
  value: {{ include "developer-mesh.redis.addr" . | quote }}
{{- with .Values.global.redis.username }}
- name: REDIS_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- if include "developer-mesh.redis.authEnabled" . }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "developer-mesh.redis.secretName" . }}
      key: {{ include "developer-mesh.redis.secretKey" . }}
{{- end }}
{{- end -}}

{{/*
Environment of AWS access (region always; static keys only per developer-mesh.aws.staticCredentials).
*/}}
{{- define "developer-mesh.env.aws" -}}
- name: AWS_REGION
  value: {{ .Values.global.aws.region | quote }}
{{- if include "developer-mesh.aws.staticCredentials" . }}
{{- /* The remote "aws" secret of External Secrets is optional: without it the default chain applies. */}}
{{- $optional := and .Values.global.externalSecrets.enabled (not .Values.global.aws.existingSecret) }}
{{- range $env, $key := dict "AWS_ACCESS_KEY_ID" "aws-access-key-id" "AWS_SECRET_ACCESS_KEY" "aws-secret-access-key" }}
- name: {{ $env }}
  valueFrom:
    secretKeyRef:
      name: {{ include "developer-mesh.aws.secretName" $ }}
      key: {{ $key }}
      {{- if $optional }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
JWT_SECRET: the REST API signs with it and the RAG loader validates with it, so both read the one
shared Secret.
*/}}
{{- define "developer-mesh.env.jwt" -}}
- name: JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "developer-mesh.jwt.secretName" . }}
      key: {{ include "developer-mesh.jwt.secretKey" . }}
{{- end -}}

{{/*
Init container that blocks until host:port accepts TCP connections. The service images are
distroless (no shell), so the wait runs in a small busybox image under the same restricted
security context. Usage: include "developer-mesh.waitForContainer" (dict "root" $ "name" "database"
"host" "db.example" "port" 5432)
*/}}
{{- define "developer-mesh.waitForContainer" -}}
{{- $wait := .root.Values.global.waitForDependencies -}}
- name: wait-for-{{ .name }}
  image: {{ include "developer-mesh.imageRef" (dict "registry" $wait.image.registry "repository" $wait.image.repository "tag" $wait.image.tag) }}
  imagePullPolicy: {{ .root.Values.global.image.pullPolicy }}
  command:
    - sh
    - -c
    - until nc -z -w 2 "$TARGET_HOST" "$TARGET_PORT"; do echo "waiting for $TARGET_HOST:$TARGET_PORT"; sleep 2; done
  env:
    - name: TARGET_HOST
      value: {{ .host | quote }}
    - name: TARGET_PORT
      value: {{ .port | quote }}
  securityContext:
    {{- include "developer-mesh.containerSecurityContext" .root | nindent 4 }}
  resources:
    {{- toYaml $wait.resources | nindent 4 }}
{{- end -}}

{{/*
Init containers of a service that needs the database and Redis.
*/}}
{{- define "developer-mesh.waitForDataStores" -}}
{{- if .Values.global.waitForDependencies.enabled -}}
initContainers:
  {{- include "developer-mesh.waitForContainer" (dict "root" . "name" "database" "host" (include "developer-mesh.database.host" .) "port" .Values.global.database.port) | nindent 2 }}
  {{- include "developer-mesh.waitForContainer" (dict "root" . "name" "redis" "host" (include "developer-mesh.redis.host" .) "port" .Values.global.redis.port) | nindent 2 }}
{{- end -}}
{{- end -}}

{{/*
Pod placement of a service: the user's affinity, or by default a preferred anti-affinity that
spreads replicas over nodes; zone topology spread (ScheduleAnyway, so a single-zone cluster still
schedules); nodeSelector and tolerations.
*/}}
{{- define "developer-mesh.scheduling" -}}
affinity:
{{- if .Values.affinity }}
  {{- toYaml .Values.affinity | nindent 2 }}
{{- else }}
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "developer-mesh.subchartSelectorLabels" . | nindent 14 }}
{{- end }}
{{- if .Values.topologySpread.enabled }}
topologySpreadConstraints:
  - maxSkew: {{ .Values.topologySpread.maxSkew }}
    topologyKey: {{ .Values.topologySpread.topologyKey }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "developer-mesh.subchartSelectorLabels" . | nindent 8 }}
    # Count only pods of the same ReplicaSet, so a rollout is balanced on its own.
    matchLabelKeys:
      - pod-template-hash
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Name of the ServiceAccount a service's pods run as.
*/}}
{{- define "developer-mesh.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "developer-mesh.subchartName" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/*
Checksum of everything a service's pods read from Secrets and shared settings, so that changing a
password, switching to an existing Secret or moving the database rolls the pods. Inline values are
hashed, never printed.
*/}}
{{- define "developer-mesh.secretsChecksum" -}}
{{- $g := .Values.global -}}
{{- toJson (list $g.database $g.redis $g.security $g.aws $g.externalSecrets .Values.secrets) | sha256sum -}}
{{- end -}}

{{/*
Rolling update that never drops below the desired replica count.
*/}}
{{- define "developer-mesh.rollingUpdate" -}}
strategy:
  type: RollingUpdate
  rollingUpdate:
    maxSurge: 1
    maxUnavailable: 0
{{- end -}}

{{/*
A probe block: the path and port are fixed by the caller (they are what the code serves), the
timings come from values. Usage: include "developer-mesh.httpProbe" (dict "path" "/healthz" "port"
"http" "probe" .Values.livenessProbe)
*/}}
{{- define "developer-mesh.httpProbe" -}}
httpGet:
  path: {{ .path }}
  port: {{ .port }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
{{- end -}}

{{/*
The writable /tmp every service container gets (the root filesystem is read-only; Go libraries and
the AWS SDK use the temp dir). Volume and mount, in that order of definitions.
*/}}
{{- define "developer-mesh.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end -}}

{{- define "developer-mesh.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/*
Whether the migration Job runs: wanted by rest-api.migration.enabled and only with an external
database. A pre-install hook runs before any other object exists, so with the embedded database it
would wait forever; there the REST API migrates at start instead. Usage: include
"developer-mesh.migration.enabled" (dict "root" $ "migration" <rest-api migration values>)
*/}}
{{- define "developer-mesh.migration.enabled" -}}
{{- if and .migration.enabled .root.Values.global.database.host }}true{{ end -}}
{{- end -}}

{{/*
Checks across values that a schema cannot express. Rendered once, from validate.yaml.
*/}}
{{- define "developer-mesh.validate" -}}
{{- $g := .Values.global -}}
{{- if and (not $g.database.host) (not .Values.postgresql.enabled) -}}
{{- fail "global.database.host is empty and postgresql.enabled is false: set global.database.host to your PostgreSQL server, or enable the embedded postgresql subchart" -}}
{{- end -}}
{{- if and $g.database.host .Values.postgresql.enabled -}}
{{- fail "global.database.host is set and postgresql.enabled is true: the services would ignore the embedded database; clear global.database.host or set postgresql.enabled=false" -}}
{{- end -}}
{{- if and (not $g.redis.host) (not .Values.redis.enabled) -}}
{{- fail "global.redis.host is empty and redis.enabled is false: set global.redis.host to your Redis server, or enable the embedded redis subchart" -}}
{{- end -}}
{{- if and $g.redis.host .Values.redis.enabled -}}
{{- fail "global.redis.host is set and redis.enabled is true: the services would ignore the embedded Redis; clear global.redis.host or set redis.enabled=false" -}}
{{- end -}}
{{- $edge := index .Values "edge-mcp" -}}
{{- if and $edge.enabled (not (index .Values "rest-api").enabled) (not $edge.config.restApiUrl) -}}
{{- fail "edge-mcp is enabled but rest-api is not: Edge MCP validates every client key against the REST API; enable rest-api or set edge-mcp.config.restApiUrl" -}}
{{- end -}}
{{- if and $edge.enabled (not $edge.config.restApiUrl) (ne (int (index .Values "rest-api").service.port) 8080) -}}
{{- fail "rest-api.service.port is not 8080, but Edge MCP calls the REST API Service on 8080 by default: set edge-mcp.config.restApiUrl to http://<release>-rest-api:<port>" -}}
{{- end -}}
{{- end -}}
