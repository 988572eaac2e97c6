#!/usr/bin/env bash
# The seed flow through the one public origin (default http://localhost): log in as jack, list
# his posts, and require exactly his two seeded posts; also require that /metrics is not routed.
# Retries while the ingress controller picks up the routes.
#
# Usage: k8s/scripts/smoke.sh [BASE_URL]
set -euo pipefail

base="${1:-${BASE_URL:-http://localhost}}"
deadline=$((SECONDS + ${SMOKE_TIMEOUT_SECONDS:-120}))

fail() {
  echo "smoke: FAIL: $*" >&2
  exit 1
}

# POST /api/login until the route answers 200 (404/502/503 while Traefik and the pods settle).
login=""
until login="$(curl -sS --fail-with-body -H 'Content-Type: application/json' \
  -d '{"username":"jack","password":"jack_password"}' "$base/api/login" 2>/dev/null)"; do
  ((SECONDS < deadline)) || fail "POST $base/api/login did not answer 200 within the timeout: ${login:-no answer}"
  sleep 2
done
token="$(printf '%s' "$login" | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).access_token ?? "")')"
[[ -n "$token" ]] || fail "login answered without an access_token: $login"
echo "smoke: logged in as jack through $base/api/login"

posts=""
until posts="$(curl -sS --fail-with-body -H "Authorization: Bearer $token" "$base/api/posts" 2>/dev/null)"; do
  ((SECONDS < deadline)) || fail "GET $base/api/posts did not answer 200 within the timeout: ${posts:-no answer}"
  sleep 2
done
titles="$(printf '%s' "$posts" | node -e '
  const posts = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (!Array.isArray(posts)) throw new Error("not an array");
  const others = posts.filter((p) => p.author !== "jack");
  if (others.length) throw new Error("posts of other users: " + JSON.stringify(others));
  process.stdout.write(posts.map((p) => p.title).join("|"));
')" || fail "GET /api/posts: $posts"
[[ "$titles" == "jack Second post|jack post" ]] || fail "expected jack's two posts, got [$titles]"
echo "smoke: jack sees exactly his two posts: $titles"

code="$(curl -sS -o /dev/null -w '%{http_code}' "$base/metrics")"
[[ "$code" == 404 ]] || fail "GET $base/metrics answered $code: metrics must not be routed by the ingress"
echo "smoke: /metrics is not routed (404)"
