{{/* Chart name, overridable. */}}
{{- define "auth.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified name; also the Service name posts derives its JWKS_URL from. */}}
{{- define "auth.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "auth.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "auth.selectorLabels" -}}
app.kubernetes.io/name: {{ include "auth.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "auth.labels" -}}
helm.sh/chart: {{ include "auth.chart" . }}
{{ include "auth.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: no-shared-secret
{{- end }}

{{- define "auth.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "auth.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "auth.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* Ingress settings: the chart's own value, else the global one shared through the umbrella. */}}
{{- define "auth.ingressEnabled" -}}
{{- if or .Values.ingress.enabled .Values.global.ingress.enabled }}true{{ end }}
{{- end }}
{{- define "auth.ingressHost" -}}
{{- .Values.ingress.host | default .Values.global.ingress.host }}
{{- end }}
{{- define "auth.ingressClassName" -}}
{{- .Values.ingress.className | default .Values.global.ingress.className }}
{{- end }}
{{- define "auth.tlsSecretName" -}}
{{- .Values.ingress.tlsSecretName | default .Values.global.ingress.tlsSecretName }}
{{- end }}

{{/* In-cluster base URL of the Service. */}}
{{- define "auth.serviceUrl" -}}
{{- printf "http://%s.%s.svc.cluster.local:%v" (include "auth.fullname" .) .Release.Namespace .Values.service.port }}
{{- end }}

{{/*
ISSUER: the chart value, else global.issuer, else the public ingress URL, else the in-cluster
Service URL. posts applies the same rule, so both agree without being told twice.
*/}}
{{- define "auth.issuer" -}}
{{- $host := include "auth.ingressHost" . }}
{{- if .Values.issuer }}
{{- .Values.issuer }}
{{- else if .Values.global.issuer }}
{{- .Values.global.issuer }}
{{- else if and (include "auth.ingressEnabled" .) $host }}
{{- printf "%s://%s" (ternary "https" "http" (ne (include "auth.tlsSecretName" .) "")) $host }}
{{- else }}
{{- include "auth.serviceUrl" . }}
{{- end }}
{{- end }}

{{- define "auth.audience" -}}
{{- .Values.audience | default .Values.global.audience | default "posts" }}
{{- end }}

{{- define "auth.trustProxy" -}}
{{- if kindIs "invalid" .Values.trustProxy }}
{{- ternary 1 0 (or (eq (include "auth.ingressEnabled" .) "true") .Values.httpRoute.enabled) }}
{{- else }}
{{- .Values.trustProxy }}
{{- end }}
{{- end }}

{{- define "auth.keysSecretName" -}}
{{- .Values.keys.existingSecret | default (printf "%s-keys" (include "auth.fullname" .)) }}
{{- end }}

{{- define "auth.usersSecretName" -}}
{{- .Values.users.existingSecret | default (printf "%s-users" (include "auth.fullname" .)) }}
{{- end }}

{{/* Replicas that may run at once: a PodDisruptionBudget only makes sense above one. */}}
{{- define "auth.multiReplica" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}

{{/* The article's demo users; the hashes were made with `auth-cli users hash-password` (cost 10). */}}
{{- define "auth.demoUsers" -}}
- username: jack
  hash: "$2b$10$rP35cKKZ3Y5PVDTDHfanbu3kCt28n2o3e5d6Rl3HaHDGURbMCQFl2"
  name: Jack
- username: robert
  hash: "$2b$10$3sjY7/vVFlDNnirdZxOzmeaQUcyHVf4zkuSUc/RWEPrunuMhl98WC"
  name: Robert
- username: lina
  hash: "$2b$10$32r/qDsSI3yM6jTWo.YB5esgITHxRnKeB5evsO/TZ9fGK8p/Kz8Wy"
  name: Lina
{{- end }}

{{/* The users file the chart renders (demo users first, then users.list). */}}
{{- define "auth.usersFile" -}}
{{- $users := list }}
{{- if .Values.demo.enabled }}
{{- $users = include "auth.demoUsers" . | fromYamlArray }}
{{- end }}
{{- $users = concat $users .Values.users.list }}
{{- dict "users" $users | toYaml }}
{{- end }}

{{/* Settings no schema can express alone; each failure says what to change. */}}
{{- define "auth.validate" -}}
{{- /* The drain, in order: the preStop sleep (endpoints and the ingress drop the pod), SIGTERM,
SHUTDOWN_DELAY_MS (/readyz 503 while still serving), then at most SHUTDOWN_TIMEOUT_MS of draining.
Both waits are measured against the readiness probe's detection window; the grace period must hold
all three plus a margin for the process to exit after the timeout. */}}
{{- $s := .Values.shutdown }}
{{- $margin := 5 }}
{{- $probe := mul .Values.readinessProbe.periodSeconds .Values.readinessProbe.failureThreshold }}
{{- if and (gt (int $s.preStopSleepSeconds) 0) (lt (int $s.preStopSleepSeconds) (int $probe)) }}
{{- fail (printf "auth: shutdown.preStopSleepSeconds (%v) must be 0 (no preStop hook) or at least readinessProbe.periodSeconds x failureThreshold (%v), so endpoints and the ingress drop the pod before it sees SIGTERM" $s.preStopSleepSeconds $probe) }}
{{- end }}
{{- if lt (int $s.delaySeconds) (int $probe) }}
{{- fail (printf "auth: shutdown.delaySeconds (%v) must be at least readinessProbe.periodSeconds x failureThreshold (%v), so the probe sees /readyz 503 before the server stops accepting" $s.delaySeconds $probe) }}
{{- end }}
{{- $drain := add $s.preStopSleepSeconds $s.delaySeconds $s.timeoutSeconds $margin }}
{{- if lt (int .Values.terminationGracePeriodSeconds) (int $drain) }}
{{- fail (printf "auth: terminationGracePeriodSeconds (%v) must be at least shutdown.preStopSleepSeconds + delaySeconds + timeoutSeconds + %vs exit margin (%v), or the kubelet kills pods mid-drain" .Values.terminationGracePeriodSeconds $margin $drain) }}
{{- end }}
{{- if and .Values.httpRoute.enabled (not .Values.httpRoute.parentRefs) }}
{{- fail "auth: httpRoute.enabled needs httpRoute.parentRefs (the Gateway to attach to)" }}
{{- end }}
{{- if and (include "auth.ingressEnabled" .) (not (include "auth.ingressHost" .)) }}
{{- fail "auth: the Ingress needs a host: set ingress.host or global.ingress.host" }}
{{- end }}
{{- end }}
