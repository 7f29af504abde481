{{/*
Objects every service subchart renders the same way (ServiceAccount, Service, HPA, PDB, Ingress,
ServiceMonitor, its own Secret or ExternalSecret). Each subchart's file is a one-line include of the
matching define, called with the subchart's root context, so the four services cannot drift apart.
*/}}

{{/*
ServiceAccount of a service. The pods never call the Kubernetes API, so the token is not mounted.
With global.aws.useIRSA the IAM role is annotated here (the EKS webhook then injects the web
identity token and AWS_ROLE_ARN, which the SDKs pick up).
*/}}
{{- define "developer-mesh.serviceAccount" -}}
{{- if .Values.serviceAccount.create }}
{{- $annotations := merge (dict) (.Values.serviceAccount.annotations | default dict) }}
{{- if .Values.global.aws.useIRSA }}
{{- $_ := set $annotations "eks.amazonaws.com/role-arn" (required "global.aws.roleArn is required when global.aws.useIRSA is true" .Values.global.aws.roleArn) }}
{{- end }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "developer-mesh.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "developer-mesh.subchartLabels" . | nindent 4 }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end }}
{{- end -}}

{{/*
Service of a service. targetPort is the container port number itself, so a probe, a Service and a
NetworkPolicy always name the same port. Usage: include "developer-mesh.service" (dict "root" $
"ports" (list (dict "name" "http" "port" 8080 "targetPort" 8080)))
*/}}
{{- define "developer-mesh.service" -}}
{{- $root := .root -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "developer-mesh.subchartName" $root }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "developer-mesh.subchartLabels" $root | nindent 4 }}
  {{- with $root.Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $root.Values.service.type }}
  selector:
    {{- include "developer-mesh.subchartSelectorLabels" $root | nindent 4 }}
  ports:
    {{- range .ports }}
    - name: {{ .name }}
      port: {{ .port }}
      targetPort: {{ .targetPort }}
      protocol: TCP
    {{- end }}
{{- end -}}

{{/*
HorizontalPodAutoscaler (autoscaling/v2) on CPU and memory, with explicit scaling behavior: scale
up fast (the larger of percent and pods per minute), scale down slowly after a stabilization window.
*/}}
{{- define "developer-mesh.hpa" -}}
{{- if .Values.autoscaling.enabled }}
{{- $as := .Values.autoscaling }}
{{- if gt (int $as.minReplicas) (int $as.maxReplicas) }}
{{- fail (printf "%s.autoscaling: minReplicas (%v) must not exceed maxReplicas (%v)" .Chart.Name $as.minReplicas $as.maxReplicas) }}
{{- end }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "developer-mesh.subchartName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "developer-mesh.subchartLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "developer-mesh.subchartName" . }}
  minReplicas: {{ $as.minReplicas }}
  maxReplicas: {{ $as.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $as.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ $as.targetMemoryUtilizationPercentage }}
  behavior:
    {{- range $direction := list "scaleDown" "scaleUp" }}
    {{- $b := index $as.behavior $direction }}
    {{ $direction }}:
      stabilizationWindowSeconds: {{ $b.stabilizationWindowSeconds }}
      selectPolicy: Max
      policies:
        - type: Percent
          value: {{ $b.percent }}
          periodSeconds: 60
        - type: Pods
          value: {{ $b.pods }}
          periodSeconds: 60
    {{- end }}
{{- end }}
{{- end -}}

{{/*
PodDisruptionBudget. minAvailable must stay below the smallest replica count, or a node drain can
never evict a pod; that is refused here rather than found during a cluster upgrade. Crash-looping
pods may always be evicted.
*/}}
{{- define "developer-mesh.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled }}
{{- $replicas := ternary .Values.autoscaling.minReplicas .Values.replicaCount .Values.autoscaling.enabled }}
{{- if ge (int .Values.podDisruptionBudget.minAvailable) (int $replicas) }}
{{- fail (printf "%s.podDisruptionBudget.minAvailable (%v) must be lower than the replica count (%v), or no pod could ever be evicted; lower it or disable the PDB" .Chart.Name .Values.podDisruptionBudget.minAvailable $replicas) }}
{{- end }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "developer-mesh.subchartName" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "developer-mesh.subchartLabels" . | nindent 4 }}
spec:
  minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "developer-mesh.subchartSelectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/*
Ingress for one host, all paths to the Service port given, with TLS when enabled (the Secret is
usually issued by cert-manager through an annotation). Usage: include "developer-mesh.ingress"
(dict "root" $ "servicePort" .Values.service.port)
*/}}
{{- define "developer-mesh.ingress" -}}
{{- $root := .root -}}
{{- $ing := $root.Values.ingress -}}
{{- if $ing.enabled }}
{{- $name := include "developer-mesh.subchartName" $root }}
{{- $host := required (printf "%s.ingress.host is required when %s.ingress.enabled is true" $root.Chart.Name $root.Chart.Name) $ing.host }}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "developer-mesh.subchartLabels" $root | nindent 4 }}
  {{- with $ing.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $ing.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if $ing.tls.enabled }}
  tls:
    - hosts:
        - {{ $host | quote }}
      secretName: {{ $ing.tls.secretName | default (printf "%s-tls" $name) }}
  {{- end }}
  rules:
    - host: {{ $host | quote }}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ $name }}
                port:
                  number: {{ .servicePort }}
{{- end }}
{{- end -}}

{{/*
ServiceMonitor scraping /metrics on the named Service port; rendered with global.monitoring.
Usage: include "developer-mesh.serviceMonitor" (dict "root" $ "port" "http")
*/}}
{{- define "developer-mesh.serviceMonitor" -}}
{{- $root := .root -}}
{{- $mon := $root.Values.global.monitoring -}}
{{- if $mon.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "developer-mesh.subchartName" $root }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "developer-mesh.subchartLabels" $root | nindent 4 }}
    {{- with $mon.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "developer-mesh.subchartSelectorLabels" $root | nindent 6 }}
  namespaceSelector:
    matchNames:
      - {{ $root.Release.Namespace }}
  endpoints:
    - port: {{ .port }}
      path: /metrics
      interval: {{ $mon.interval }}
      scrapeTimeout: {{ $mon.scrapeTimeout }}
{{- end }}
{{- end -}}

{{/*
ExternalSecret that makes the operator create the Secret "name" from the remote secret
"<remoteKeyPrefix><remoteKey>", taking all of its properties as keys (so the remote secret holds
the same keys the chart's own Secret would). Usage: include "developer-mesh.externalSecret" (dict
"root" $ "name" "x" "remoteKey" "database" "component" "developer-mesh")
*/}}
{{- define "developer-mesh.externalSecret" -}}
{{- $es := .root.Values.global.externalSecrets -}}
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "developer-mesh.labels" (dict "root" .root "component" .component) | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  refreshInterval: {{ $es.refreshInterval }}
  secretStoreRef:
    name: {{ required "global.externalSecrets.secretStoreRef.name is required when global.externalSecrets.enabled is true" $es.secretStoreRef.name }}
    kind: {{ $es.secretStoreRef.kind }}
  target:
    name: {{ .name }}
    creationPolicy: Owner
  dataFrom:
    - extract:
        key: {{ printf "%s%s" $es.remoteKeyPrefix .remoteKey }}
{{- end -}}

{{/*
Opaque Secret with the non-empty entries of "data" (base64 encoded; keys sorted, so the output is
stable). Usage: include "developer-mesh.opaqueSecret" (dict "root" $ "name" "x" "component"
"rest-api" "data" (dict "github-token" "..."))
*/}}
{{- define "developer-mesh.opaqueSecret" -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "developer-mesh.labels" (dict "root" .root "component" .component) | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
type: Opaque
data:
  {{- range $key, $value := .data }}
  {{- if $value }}
  {{ $key }}: {{ toString $value | b64enc | quote }}
  {{- end }}
  {{- end }}
{{- end -}}

{{/*
The subchart's own Secret (service-specific credentials), following developer-mesh.secretMode:
nothing when an existing Secret is named, an ExternalSecret with External Secrets, else an inline
Secret holding the non-empty values. "data" maps Secret keys to values; "required" lists keys that
must have a value in inline mode. Usage: include "developer-mesh.subchartSecret" (dict "root" $
"data" (dict ...) "required" (list "rag-master-key"))
*/}}
{{- define "developer-mesh.subchartSecret" -}}
{{- $root := .root -}}
{{- $hasValue := false -}}
{{- range $key, $value := .data }}{{ if $value }}{{ $hasValue = true }}{{ end }}{{ end -}}
{{- $needed := or $hasValue (not (empty .required)) -}}
{{- $mode := include "developer-mesh.secretMode" (dict "root" $root "existingSecret" $root.Values.secrets.existingSecret "path" (printf "%s.secrets" $root.Chart.Name) "needed" $needed) -}}
{{- $name := include "developer-mesh.subchartName" $root -}}
{{- if eq $mode "external" }}
{{- include "developer-mesh.externalSecret" (dict "root" $root "name" $name "remoteKey" $root.Chart.Name "component" $root.Chart.Name) }}
{{- else if eq $mode "inline" }}
{{- range $key := .required }}
{{- $_ := required (printf "%s.secrets: a value for %q is required (or set %s.secrets.existingSecret)" $root.Chart.Name $key $root.Chart.Name) (index $.data $key) }}
{{- end }}
{{- if $hasValue }}
{{- include "developer-mesh.opaqueSecret" (dict "root" $root "name" $name "component" $root.Chart.Name "data" .data) }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Name of the Secret holding a service's own credentials: the existing Secret, or the one the chart
(or the External Secrets operator) creates.
*/}}
{{- define "developer-mesh.subchartSecretName" -}}
{{- .Values.secrets.existingSecret | default (include "developer-mesh.subchartName" .) -}}
{{- end -}}

{{/*
Environment variable read from the service's own Secret. Optional keys are marked optional (an
existing or external Secret may lack them) and left out entirely when an inline value is empty,
because then the chart's Secret does not contain them. Usage: include
"developer-mesh.subchartSecretEnv" (dict "root" $ "env" "GITHUB_TOKEN" "key" "github-token" "value"
.Values.secrets.githubToken "required" false)
*/}}
{{- define "developer-mesh.subchartSecretEnv" -}}
{{- $root := .root -}}
{{- if or $root.Values.secrets.existingSecret $root.Values.global.externalSecrets.enabled .value -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ include "developer-mesh.subchartSecretName" $root }}
      key: {{ .key }}
      {{- if not .required }}
      optional: true
      {{- end }}
{{- end -}}
{{- end -}}
