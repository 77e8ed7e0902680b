#!/usr/bin/env bash
# Vendor the query page's editor (CodeMirror 5 and its SPARQL mode) from the npm
# registry into server/static/vendor/, which is git-ignored. Needs npm; without
# it the query page still works as a plain form.
set -euo pipefail
CODEMIRROR_VERSION="${CODEMIRROR_VERSION:-5.65.18}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/server/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$target"
(cd "$work" && npm pack --silent "codemirror@$CODEMIRROR_VERSION" >/dev/null && tar -xzf codemirror-*.tgz)
cp "$work/package/lib/codemirror.js" "$work/package/lib/codemirror.css" "$target/"
cp "$work/package/mode/sparql/sparql.js" "$target/codemirror-sparql.js"
cp "$work/package/LICENSE" "$target/CODEMIRROR-LICENSE"
echo "vendored codemirror@$CODEMIRROR_VERSION into $target"
