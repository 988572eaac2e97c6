#!/usr/bin/env bash
# Rotates auth's key set in the cluster, publish before sign, with the auth CLI (`keys rotate`):
# reads the key set Secret the auth Deployment mounts, adds a key that is published at once and
# signs only after every JWKS cache has seen it, retires the superseded key, prunes expired ones,
# and writes the Secret back. The pods reload the file without a restart (kubelet sync, then
# KEYS_RELOAD_INTERVAL_MS). The rotation times come from the Deployment's own ACCESS_TOKEN_TTL,
# JWKS_MAX_AGE and CLOCK_SKEW_SECONDS, so they match what the pods enforce.
#
# Private keys never touch a persistent disk when /dev/shm exists (a RAM file system): they sit in a
# mode-0700 directory there (else under TMPDIR), removed on exit, and reach the API server through a
# patch file, never the command line.
#
# Environment: NAMESPACE, RELEASE, KUBECTL, ACTIVATE_IN (seconds; empty = the CLI's safe default),
# BASE_URL (public origin to confirm the new kid in the JWKS; empty skips), WAIT_SECONDS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

: "${NAMESPACE:=no-shared-secret}" "${RELEASE:=no-shared-secret}" "${KUBECTL:=kubectl}"
: "${ACTIVATE_IN:=}" "${BASE_URL:=}" "${WAIT_SECONDS:=180}"
cli=services/auth/dist/cli.js
[[ -f "$cli" ]] || { echo "rotate-keys: $cli is missing: run make build first" >&2; exit 1; }

k() { "$KUBECTL" --namespace "$NAMESPACE" "$@"; }

deploy="$(k get deployment -l "app.kubernetes.io/name=auth,app.kubernetes.io/instance=$RELEASE" -o name)"
[[ -n "$deploy" && "$deploy" != *$'\n'* ]] || {
  echo "rotate-keys: expected one auth Deployment of release $RELEASE in $NAMESPACE, found: ${deploy:-none}" >&2
  exit 1
}
jp() { k get "$deploy" -o jsonpath="$1"; }
secret="$(jp '{.spec.template.spec.volumes[?(@.name=="keys")].secret.secretName}')"
key="$(jp '{.spec.template.spec.volumes[?(@.name=="keys")].secret.items[0].key}')"
env_value() { jp "{.spec.template.spec.containers[?(@.name==\"auth\")].env[?(@.name==\"$1\")].value}"; }
ACCESS_TOKEN_TTL="$(env_value ACCESS_TOKEN_TTL)"
JWKS_MAX_AGE="$(env_value JWKS_MAX_AGE)"
CLOCK_SKEW_SECONDS="$(env_value CLOCK_SKEW_SECONDS)"
export ACCESS_TOKEN_TTL JWKS_MAX_AGE CLOCK_SKEW_SECONDS

umask 077
work="$(mktemp -d "$( [[ -d /dev/shm && -w /dev/shm ]] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/rotate-keys.XXXXXX")"
trap 'rm -rf "$work"' EXIT

k get secret "$secret" -o jsonpath="{.data.${key//./\\.}}" | base64 -d > "$work/keys.json"
[[ -s "$work/keys.json" ]] || { echo "rotate-keys: Secret $secret has no key $key" >&2; exit 1; }
before="$(cksum < "$work/keys.json")"

node "$cli" keys rotate --file "$work/keys.json" ${ACTIVATE_IN:+--activate-in "$ACTIVATE_IN"}
if [[ "$(cksum < "$work/keys.json")" == "$before" ]]; then
  echo "rotate-keys: key set unchanged; Secret $secret left as it is"
  exit 0
fi

# A merge patch of the one data key keeps the Secret's labels and Helm annotations (resource-policy keep).
printf '{"data":{"%s":"%s"}}' "$key" "$(base64 < "$work/keys.json" | tr -d '\n')" > "$work/patch.json"
k patch secret "$secret" --type merge --patch-file "$work/patch.json" >/dev/null
echo "rotate-keys: Secret $secret updated:"
node "$cli" keys list --file "$work/keys.json"

[[ -n "$BASE_URL" ]] || exit 0
# The newest key, the one just added.
kid="$(node "$cli" keys list --file "$work/keys.json" --json |
  node -e 'const ks = JSON.parse(require("fs").readFileSync(0, "utf8")); ks.sort((a, b) => b.createdAt.localeCompare(a.createdAt)); process.stdout.write(ks[0].kid)')"
deadline=$((SECONDS + WAIT_SECONDS))
until curl -sS "$BASE_URL/.well-known/jwks.json" 2>/dev/null | grep -q "\"kid\":\"$kid\""; do
  ((SECONDS < deadline)) || { echo "rotate-keys: $kid not in $BASE_URL/.well-known/jwks.json after ${WAIT_SECONDS}s" >&2; exit 1; }
  sleep 5
done
echo "rotate-keys: $kid is published at $BASE_URL/.well-known/jwks.json (it signs once its activateAt has passed)"
