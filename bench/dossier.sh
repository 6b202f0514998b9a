#!/usr/bin/env bash
# Measures the logged-in "Waar sta ik nu?" page against a static file of similar size on the
# same release server, and the WebAssembly size. Prints the figures; writes nothing else.
# Usage: bench/dossier.sh [duration-seconds] (default 10). Loopback only, bounded in time.
source "$(dirname "$0")/../scripts/lib.sh"
DURATION="${1:-10}"
ensure_rust_tools
ensure_node_tools
apt_install wrk wrk
cargo leptos build --release >/dev/null 2>&1 || cargo leptos build --release
WORK=$(mktemp -d)
PORT=$(free_port)
DATABASE_URL="sqlite:$WORK/bench.db" HELDER_ADDR="127.0.0.1:$PORT" HELDER_DEMO=true HELDER_LOG=warn \
  "$CARGO_TARGET_DIR/release/helder" > "$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/inloggen" >/dev/null 2>&1 && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"
COOKIE=$(curl -s -o /dev/null -D - -X POST "$BASE/api/login" -H "Origin: $BASE" -H "Accept: application/json" \
  --data "username=sanne&password=helder-demo" | awk -F'[=;]' 'tolower($1) ~ /^set-cookie: helder_session/ {print $2}')
[ -n "$COOKIE" ] || { echo "login failed"; cat "$WORK/server.log"; exit 1; }
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
