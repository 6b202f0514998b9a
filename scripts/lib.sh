# Shared by scripts/run and scripts/test: tool installation (idempotent, skips what is
# there) and the build environment. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# A build cache outside the clone: a fresh clone (CI) reuses earlier builds on this machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/helder/target}"
# The same compile-time settings cargo-leptos uses, so `cargo test`/`clippy` and
# `cargo leptos build` share artifacts instead of rebuilding the Leptos stack.
export LEPTOS_OUTPUT_NAME=helder
# cargo-leptos writes the site (CSS, WASM, public files) under the workspace's target/site.
export HELDER_SITE_ROOT="$ROOT/target/site"
TOOLS="$HOME/.cache/helder/tools"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
  # apt_install <command-to-check> <package>...
  local check="$1"; shift
  if ! command -v "$check" >/dev/null 2>&1; then
    say "installing $* (apt)"
    if [ ! -f /tmp/.helder-apt-updated ]; then apt-get update -qq && touch /tmp/.helder-apt-updated; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo leptos --version 2>/dev/null | grep -q "0.3.10"; then
    say "installing cargo-leptos 0.3.10 (about 15 minutes, once)"
    cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads
  fi
  # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then
    say "installing wasm-bindgen-cli $want (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

# The release build: server, WebAssembly and site. Built files carry their content's hash in
# their names (hash-files in Cargo.toml: a browser may keep them for a year), and every static
# file is stored brotli- and gzip-compressed beside the original (--precompress), so the server
# sends them compressed without compressing them again per request.
# The .gz files are then made again with zopfli (same format, about 6 % smaller than
# gzip -9): the WebAssembly's gzip size is the islands' budget (150 KB with its script).
build_site() {
  apt_install zopfli zopfli
  cargo leptos build --release --precompress "$@" || return 1
  local f
  for f in "$HELDER_SITE_ROOT"/pkg/*.gz; do
    [ -e "$f" ] || continue
    zopfli -c "${f%.gz}" > "$f.tmp" && mv "$f.tmp" "$f" || return 1
  done
}

ensure_node_tools() {
  apt_install node nodejs
  apt_install npm npm
  # wasm-opt from npm's binaryen: Debian's is too old and its output fails to hydrate.
  if ! [ -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
    say "installing wasm-opt (npm binaryen)"
    mkdir -p "$TOOLS"
    (cd "$TOOLS" && [ -f package.json ] || echo '{"private":true}' > package.json)
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent binaryen@125 >/dev/null)
  fi
}

# schemathesis (PyPI), the property-based fuzzer the test command runs against the import
# API's OpenAPI document, in a virtual environment of its own outside the clone.
SCHEMATHESIS_VERSION=4.32.5
ensure_schemathesis() {
  local venv="$HOME/.cache/helder/venv"
  if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
    say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI, once)"
    if ! python3 -m venv "$venv" 2>/dev/null; then
      # Debian's python3 keeps venv (ensurepip) in a package of its own.
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  export PATH="$venv/bin:$PATH"
}

ensure_postgres() {
  if ! [ -x "$(pg_bin)/initdb" ]; then
    say "installing postgresql (apt)"
    if [ ! -f /tmp/.helder-apt-updated ]; then apt-get update -qq && touch /tmp/.helder-apt-updated; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  echo "${d:-/usr/lib/postgresql/15/bin}"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a throw-away PostgreSQL cluster on a free loopback port; sets PG_URL and PG_DIR.
start_postgres() {
  ensure_postgres
  PG_DIR=$(mktemp -d /tmp/helder-pg.XXXXXX)
  chown postgres:postgres "$PG_DIR"
  local port; port=$(free_port)
  runuser -u postgres -- "$(pg_bin)/initdb" --auth=trust -U postgres -D "$PG_DIR/data" >/dev/null
  runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_DIR -c fsync=off" start >/dev/null
  PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
  # Two roles, as in production: the owner (postgres here) migrates; the application runs as
  # helder_app, which may only insert and read audit rows (see README, "PostgreSQL roles").
  # The integration tests connect as helder_app to databases they create as the owner.
  runuser -u postgres -- "$(pg_bin)/psql" -q -h "$PG_DIR" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE helder_app LOGIN" >/dev/null
  PG_APP_ROLE=helder_app
  export PG_URL PG_DIR PG_APP_ROLE
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
