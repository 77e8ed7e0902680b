#!/usr/bin/env bash
# Vendor the browser assets from the npm registry into server/leidraad/static/vendor/
# (git-ignored), so that nothing is ever loaded from a CDN:
#   - CodeMirror 5, its SPARQL mode and its show-hint add-on, for the query page's
#     editor and its completion (without them the query page still works as a plain form);
#   - axe-core, for the accessibility checks of the browser tests.
# Needs npm. Usage: scripts/vendor.sh
set -euo pipefail
CODEMIRROR_VERSION="${CODEMIRROR_VERSION:-5.65.18}"
AXE_VERSION="${AXE_VERSION:-4.10.3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/server/leidraad/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$target"

# unpack PACKAGE@VERSION: the package's files end up in $work/<name>/package/
unpack() {
  local dir="$work/$1"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$1@$2" >/dev/null && tar -xzf ./*.tgz)
  echo "$dir/package"
}

# --- CodeMirror 5 ---------------------------------------------------------------
cm="$(unpack codemirror "$CODEMIRROR_VERSION")"
cp "$cm/lib/codemirror.js" "$cm/lib/codemirror.css" "$target/"
cp "$cm/mode/sparql/sparql.js" "$target/codemirror-sparql.js"
# the completion list of the query page (prefixes, classes, properties): its ARIA listbox comes with it
cp "$cm/addon/hint/show-hint.js" "$target/codemirror-show-hint.js"
cp "$cm/addon/hint/show-hint.css" "$target/codemirror-show-hint.css"
cp "$cm/LICENSE" "$target/CODEMIRROR-LICENSE"

# --- axe-core ---------------------------------------------------------------------
axe="$(unpack axe-core "$AXE_VERSION")"
mkdir -p "$target/axe-core"
cp "$axe/axe.min.js" "$target/axe-core/axe.min.js"
cp "$axe/LICENSE" "$target/axe-core/LICENSE"

echo "vendored codemirror@$CODEMIRROR_VERSION and axe-core@$AXE_VERSION into $target"
