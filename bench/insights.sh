#!/usr/bin/env bash
# The organisation dashboard over 1,000,000 feedback responses from 50,000 families, on SQLite
# and on PostgreSQL (a throw-away cluster): prints the time per dashboard query.
# See server/examples/insights_bench.rs. Usage: bench/insights.sh [sqlite|postgres|both]
source "$(dirname "$0")/../scripts/lib.sh"
WHICH="${1:-both}"
ensure_rust_tools
cargo build --release -p server --example insights_bench >/dev/null 2>&1 || cargo build --release -p server --example insights_bench
BIN="$CARGO_TARGET_DIR/release/examples/insights_bench"
WORK=$(mktemp -d)
trap 'stop_postgres; rm -rf "$WORK"' EXIT
echo "$(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
if [ "$WHICH" != postgres ]; then
  HELDER_LOG=warn "$BIN" "sqlite:$WORK/insights.db"
fi
if [ "$WHICH" != sqlite ]; then
  start_postgres || fail "PostgreSQL did not start"
  HELDER_LOG=warn "$BIN" "$PG_URL"
fi
