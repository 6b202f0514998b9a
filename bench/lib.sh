# What the bench scripts share: the release server on a free loopback port with the demo
# loaded, and a parent's session. Sourced after scripts/lib.sh.

# start_demo_server <database-url>: starts the release server on it (in the background) and
# waits until it answers. Sets PORT, PID and BASE; its log is $WORK/server.log. The caller's
# EXIT trap stops it (kill $PID).
start_demo_server() {
  PORT=$(free_port)
  DATABASE_URL="$1" HELDER_ADDR="127.0.0.1:$PORT" HELDER_DEMO=true HELDER_LOG=warn \
    "$CARGO_TARGET_DIR/release/helder" > "$WORK/server.log" 2>&1 &
  PID=$!
  BASE="http://127.0.0.1:$PORT"
  local _
  for _ in $(seq 1 300); do curl -fs "$BASE/inloggen" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the server did not start"; cat "$WORK/server.log"; return 1
}

# session_of <username>: logs in with the demo password and prints the session cookie's value
# (parents have no second factor).
session_of() {
  local cookie
  cookie=$(curl -s -o /dev/null -D - -X POST "$BASE/api/login" -H "Origin: $BASE" -H "Accept: application/json" \
    --data "username=$1&password=helder-demo" | awk -F'[=;]' 'tolower($1) ~ /^set-cookie: helder_session/ {print $2}')
  [ -n "$cookie" ] || { echo "login as $1 failed" >&2; cat "$WORK/server.log" >&2; return 1; }
  echo "$cookie"
}
