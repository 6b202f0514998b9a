#!/usr/bin/env bash
# Measures the logged-in "Waar sta ik nu?" page against a static file of similar size on the
# same release server, and the WebAssembly size. Prints the figures; writes nothing else.
# Usage: bench/dossier.sh [duration-seconds] (default 10). Loopback only, bounded in time.
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
DURATION="${1:-10}"
ensure_rust_tools
ensure_node_tools
apt_install wrk wrk
build_site >/dev/null 2>&1 || build_site
WORK=$(mktemp -d)
PID=
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
start_demo_server "sqlite:$WORK/bench.db" || exit 1
COOKIE=$(session_of sanne) || exit 1
PAGE_BYTES=$(curl -s -H "Cookie: helder_session=$COOKIE" "$BASE/waar-sta-ik" | wc -c)
# A static file of the same size, served by the same server.
head -c "$PAGE_BYTES" /dev/urandom | base64 -w 0 | head -c "$PAGE_BYTES" > "$HELDER_SITE_ROOT/bench-static.txt"
run() { wrk -t2 -c16 -d"${DURATION}s" --latency "$@" 2>&1; }
echo "page: $PAGE_BYTES bytes; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
DYN=$(run -H "Cookie: helder_session=$COOKIE" "$BASE/waar-sta-ik")
STA=$(run "$BASE/bench-static.txt")
rm -f "$HELDER_SITE_ROOT/bench-static.txt"
rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
lat() { echo "$1" | awk -v p="$2" '$1==p {print $2}'; }
errs() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' '; }
D=$(rate "$DYN"); S=$(rate "$STA")
printf 'dossier page  : %8.0f req/s  p50 %s  p99 %s  errors: %s\n' "$D" "$(lat "$DYN" 50%)" "$(lat "$DYN" 99%)" "$(errs "$DYN")"
printf 'static file   : %8.0f req/s  p50 %s  p99 %s  errors: %s\n' "$S" "$(lat "$STA" 50%)" "$(lat "$STA" 99%)" "$(errs "$STA")"
awk -v d="$D" -v s="$S" 'BEGIN { printf "ratio         : %.2f (target >= 0.40)\n", d / s }'
WASM="$HELDER_SITE_ROOT/pkg/helder.wasm"
[ -f "$WASM" ] || WASM=$(ls "$HELDER_SITE_ROOT"/pkg/*.wasm | head -1)
printf 'wasm          : %d KB raw, %d KB gzip (budget 250 KB gzip)\n' $(( $(stat -c %s "$WASM") / 1024 )) $(( $(gzip -9c "$WASM" | wc -c) / 1024 ))
echo "audit rows    : $(python3 -c "import sqlite3; print(sqlite3.connect('$WORK/bench.db').execute('select count(*) from audit_events').fetchone()[0])")"
