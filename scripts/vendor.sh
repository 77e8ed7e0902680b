#!/usr/bin/env bash
# Vendor the browser assets the pages use, from the npm registry, into one folder
# (default server/static/vendor). Nothing is loaded from a CDN at run time.
# Usage: scripts/vendor.sh [DEST]
set -euo pipefail
dest="${1:-server/static/vendor}"
mkdir -p "$dest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# npm_file PACKAGE@VERSION PATH-IN-PACKAGE TARGET-NAME
# Unpacks the package tarball once and copies one file out of it.
npm_file() {
  local spec="$1" path="$2" target="$3" dir
  dir="$work/$(echo "$spec" | tr '/@' '__')"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
  fi
  mkdir -p "$(dirname "$dest/$target")"
  cp "$dir/package/$path" "$dest/$target"
}

# --- packages (one section each) ----------------------------------------------
