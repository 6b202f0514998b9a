#!/usr/bin/env bash
# What a phone downloads: bytes on the wire for a first and a return visit to the log-in page
# and the logged-in "Waar sta ik nu?" page, and Lighthouse's mobile scores and LCP, in Debian's
# Chromium against the release server on loopback (demo loaded). Prints the figures; writes
# nothing else. Usage: bench/wire.sh
# Targets (issue "light on the wire"): return visit to a dossier page <= 15 KB; first visit to a
# page without islands <= 40 KB; LCP <= 2.0 s and performance >= 98 on the mobile profile.
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
ensure_rust_tools
ensure_node_tools
apt_install chromium chromium
build_site >/dev/null 2>&1 || build_site
(cd "$ROOT/bench/wire" && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; }) \
  || { echo "npm ci (bench/wire) failed"; exit 1; }
WORK=$(mktemp -d)
PID=
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
start_demo_server "sqlite:$WORK/bench.db" || exit 1
COOKIE=$(session_of sanne) || exit 1
echo "$(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
WASM=$(ls "$HELDER_SITE_ROOT"/pkg/*.wasm | head -1)
JS=$(ls "$HELDER_SITE_ROOT"/pkg/helder.*.js | head -1)
kb() { echo $(( ($(stat -c %s "$1") + 512) / 1024 )); }
echo "Islands bundle (WebAssembly + script): $(kb "$WASM") + $(kb "$JS") KB raw;" \
  "$(kb "$WASM.gz") + $(kb "$JS.gz") KB gzip (budget 150); $(kb "$WASM.br") + $(kb "$JS.br") KB brotli"
(cd "$ROOT/bench/wire" && node wire.mjs "$BASE" "$COOKIE")
