{{/* Chart name, overridable. */}}
{{- define "posts.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified name. */}}
{{- define "posts.fullname" -}}
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

{{- define "posts.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "posts.selectorLabels" -}}
app.kubernetes.io/name: {{ include "posts.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "posts.labels" -}}
helm.sh/chart: {{ include "posts.chart" . }}
{{ include "posts.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: no-shared-secret
{{- end }}

{{- define "posts.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "posts.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "posts.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* Ingress settings: the chart's own value, else the global one shared through the umbrella. */}}
{{- define "posts.ingressEnabled" -}}
{{- if or .Values.ingress.enabled .Values.global.ingress.enabled }}true{{ end }}
{{- end }}
{{- define "posts.ingressHost" -}}
{{- .Values.ingress.host | default .Values.global.ingress.host }}
{{- end }}
{{- define "posts.ingressClassName" -}}
{{- .Values.ingress.className | default .Values.global.ingress.className }}
{{- end }}
{{- define "posts.tlsSecretName" -}}
{{- .Values.ingress.tlsSecretName | default .Values.global.ingress.tlsSecretName }}
{{- end }}

{{/* auth's Service name: the value, else the name the auth chart gives it in this release. */}}
{{- define "posts.authServiceName" -}}
{{- if .Values.auth.serviceName }}
{{- .Values.auth.serviceName }}
{{- else if contains "auth" .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-auth" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* In-cluster base URL of auth. */}}
{{- define "posts.authUrl" -}}
{{- printf "http://%s.%s.svc.cluster.local:%v" (include "posts.authServiceName" .) (.Values.auth.namespace | default .Release.Namespace) .Values.auth.servicePort }}
{{- end }}

{{/* ISSUER, by the same rule as auth's chart: value, global, public ingress URL, auth's Service URL. */}}
{{- define "posts.issuer" -}}
{{- $host := include "posts.ingressHost" . }}
{{- if .Values.issuer }}
{{- .Values.issuer }}
{{- else if .Values.global.issuer }}
{{- .Values.global.issuer }}
{{- else if and (include "posts.ingressEnabled" .) $host }}
{{- printf "%s://%s" (ternary "https" "http" (ne (include "posts.tlsSecretName" .) "")) $host }}
{{- else }}
{{- include "posts.authUrl" . }}
{{- end }}
{{- end }}

{{- define "posts.audience" -}}
{{- .Values.audience | default .Values.global.audience | default "posts" }}
{{- end }}

{{- define "posts.trustProxy" -}}
{{- if kindIs "invalid" .Values.trustProxy }}
{{- ternary 1 0 (or (eq (include "posts.ingressEnabled" .) "true") .Values.httpRoute.enabled) }}
{{- else }}
{{- .Values.trustProxy }}
{{- end }}
{{- end }}

{{- define "posts.multiReplica" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}

{{/* Which database: "external", "postgresql" (in-chart) or "sqlite". */}}
{{- define "posts.databaseMode" -}}
{{- if .Values.database.existingSecret }}external
{{- else if .Values.postgresql.enabled }}postgresql
{{- else }}sqlite
{{- end }}
{{- end }}

{{- define "posts.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "posts.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "posts.postgresql.selectorLabels" -}}
app.kubernetes.io/name: {{ include "posts.name" . }}-postgresql
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: database
{{- end }}

{{- define "posts.postgresql.labels" -}}
helm.sh/chart: {{ include "posts.chart" . }}
{{ include "posts.postgresql.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: no-shared-secret
{{- end }}

{{/* The Secret and key DATABASE_URL comes from, when not SQLite. */}}
{{- define "posts.databaseSecretName" -}}
{{- .Values.database.existingSecret | default (include "posts.postgresql.fullname" .) }}
{{- end }}
{{- define "posts.databaseSecretKey" -}}
{{- ternary .Values.database.secretKey "url" (ne .Values.database.existingSecret "") }}
{{- end }}

{{- define "posts.updateStrategy" -}}
{{- if .Values.updateStrategy }}
{{- toYaml .Values.updateStrategy }}
{{- else if and (eq (include "posts.databaseMode" .) "sqlite") .Values.persistence.enabled }}
type: Recreate
{{- else }}
type: RollingUpdate
rollingUpdate:
  maxUnavailable: 0
  maxSurge: 1
{{- end }}
{{- end }}

{{/* Settings no schema can express alone; each failure says what to change. */}}
{{- define "posts.validate" -}}
{{- if and .Values.database.existingSecret .Values.postgresql.enabled }}
{{- fail "posts: choose one database: database.existingSecret (external) or postgresql.enabled (in-chart), not both" }}
{{- end }}
{{- if and (include "posts.multiReplica" .) (eq (include "posts.databaseMode" .) "sqlite") }}
{{- fail "posts: more than one replica (or autoscaling) needs PostgreSQL: set database.existingSecret or postgresql.enabled=true; SQLite is one file on one volume" }}
{{- end }}
{{- /* The drain, in order: the preStop sleep (endpoints and the ingress drop the pod), SIGTERM,
SHUTDOWN_DELAY_MS (/readyz 503 while still serving), then at most SHUTDOWN_TIMEOUT_MS of draining.
Both waits are measured against the readiness probe's detection window; the grace period must hold
all three plus a margin for the process to exit after the timeout. */}}
{{- $s := .Values.shutdown }}
{{- $margin := 5 }}
{{- $probe := mul .Values.readinessProbe.periodSeconds .Values.readinessProbe.failureThreshold }}
{{- if and (gt (int $s.preStopSleepSeconds) 0) (lt (int $s.preStopSleepSeconds) (int $probe)) }}
{{- fail (printf "posts: shutdown.preStopSleepSeconds (%v) must be 0 (no preStop hook) or at least readinessProbe.periodSeconds x failureThreshold (%v), so endpoints and the ingress drop the pod before it sees SIGTERM" $s.preStopSleepSeconds $probe) }}
{{- end }}
{{- if lt (int $s.delaySeconds) (int $probe) }}
{{- fail (printf "posts: shutdown.delaySeconds (%v) must be at least readinessProbe.periodSeconds x failureThreshold (%v), so the probe sees /readyz 503 before the server stops accepting" $s.delaySeconds $probe) }}
{{- end }}
{{- $drain := add $s.preStopSleepSeconds $s.delaySeconds $s.timeoutSeconds $margin }}
{{- if lt (int .Values.terminationGracePeriodSeconds) (int $drain) }}
{{- fail (printf "posts: terminationGracePeriodSeconds (%v) must be at least shutdown.preStopSleepSeconds + delaySeconds + timeoutSeconds + %vs exit margin (%v), or the kubelet kills pods mid-drain" .Values.terminationGracePeriodSeconds $margin $drain) }}
{{- end }}
{{- if and .Values.httpRoute.enabled (not .Values.httpRoute.parentRefs) }}
{{- fail "posts: httpRoute.enabled needs httpRoute.parentRefs (the Gateway to attach to)" }}
{{- end }}
{{- if and (include "posts.ingressEnabled" .) (not (include "posts.ingressHost" .)) }}
{{- fail "posts: the Ingress needs a host: set ingress.host or global.ingress.host" }}
{{- end }}
{{- if gt (int .Values.jwks.minTtlSeconds) (int .Values.jwks.maxTtlSeconds) }}
{{- fail "posts: jwks.minTtlSeconds must not exceed jwks.maxTtlSeconds" }}
{{- end }}
{{- end }}
