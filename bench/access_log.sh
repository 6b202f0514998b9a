#!/usr/bin/env bash
# The family's access log ("Wie heeft mijn dossier bekeken?") with 10,000,000 audit events
# present, against the dossier page on the same server: fills a fresh database with
# server/examples/audit_fill.rs (the demo, 10M events over 50,000 other cases, and a heavy
# history for the demo family: 1,000 own reads in the past month, 60 by professionals over a
# year), starts the release server on it and measures with `wrk -t2 -c16` on loopback.
# Usage: bench/access_log.sh [sqlite|postgres] [events] [seconds]   (defaults: sqlite 10000000 10)
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
WHICH="${1:-sqlite}"
EVENTS="${2:-10000000}"
DURATION="${3:-10}"
ensure_rust_tools
ensure_node_tools
apt_install wrk wrk
build_site >/dev/null 2>&1 || build_site
cargo build --release -p server --example audit_fill >/dev/null 2>&1 || cargo build --release -p server --example audit_fill
WORK=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; stop_postgres; rm -rf "$WORK"' EXIT
if [ "$WHICH" = postgres ]; then
  start_postgres || fail "PostgreSQL did not start"
  URL="$PG_URL"
else
  URL="sqlite:$WORK/bench.db"
fi
echo "$(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); $WHICH"
HELDER_LOG=warn "$CARGO_TARGET_DIR/release/examples/audit_fill" "$URL" "$EVENTS" 2>/dev/null
start_demo_server "$URL" || exit 1
COOKIE=$(session_of sanne) || exit 1
run() { wrk -t2 -c16 -d"${DURATION}s" --latency -H "Cookie: helder_session=$COOKIE" "$BASE$1" 2>&1; }
rate() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
lat() { echo "$1" | awk -v p="$2" '$1==p {print $2}'; }
errs() { echo "$1" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' '; }
for path in "/waar-sta-ik" "/wie-keek-mee" "/wie-keek-mee?zelf=ja"; do
  BYTES=$(curl -s -H "Cookie: helder_session=$COOKIE" "$BASE$path" | wc -c)
  R=$(run "$path")
  printf '%-24s %6d bytes  %8.0f req/s  p50 %s  p99 %s  errors: %s\n' "$path" "$BYTES" "$(rate "$R")" "$(lat "$R" 50%)" "$(lat "$R" 99%)" "$(errs "$R")"
done
