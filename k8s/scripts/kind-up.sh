#!/usr/bin/env bash
# Creates the kind cluster (unless it exists) and installs Traefik, the ingress controller, at a
# pinned chart version. Idempotent: a second run only upgrades Traefik to the same version.
#
# Environment: CLUSTER (kind cluster name), TRAEFIK_CHART_VERSION, KIND, HELM, KUBECTL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

: "${CLUSTER:=no-shared-secret}"
: "${TRAEFIK_CHART_VERSION:?set TRAEFIK_CHART_VERSION (the Makefile pins it)}"
: "${KIND:=kind}" "${HELM:=helm}" "${KUBECTL:=kubectl}"

if "$KIND" get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
  echo "kind cluster $CLUSTER exists"
else
  "$KIND" create cluster --name "$CLUSTER" --config k8s/kind-config.yaml --wait 120s
fi
"$KUBECTL" config use-context "kind-$CLUSTER" >/dev/null

"$HELM" upgrade --install traefik traefik \
  --repo https://traefik.github.io/charts --version "$TRAEFIK_CHART_VERSION" \
  --namespace traefik --create-namespace \
  --values k8s/traefik-values.yaml \
  --wait --timeout 5m
"$KUBECTL" -n traefik rollout status deployment/traefik --timeout 120s
