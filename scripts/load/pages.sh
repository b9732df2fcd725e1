#!/usr/bin/env bash
# Every page a person opens, one at a time, beside the ceiling page (../shared/bench/ceiling):
# a release `qualify serve` started fresh over `qualify demo --trainees $TRAINEES`, each page's
# first view after the start timed on its own, then wrk ($CONNECTIONS connections, $DURATION)
# on the page and on the ceiling page in turn; the ratio is the page's requests per second over
# the ceiling's measured right before it. Prints a Markdown table.
#
#   scripts/load/pages.sh                              # SQLite
#   scripts/load/pages.sh postgres://USER@HOST/DB      # PostgreSQL (the database is reset)
#
# Needs a release build (cargo build --release) and wrk (apt). TRAINEES (100000), DURATION (6s),
# CONNECTIONS (32), QUALIFY_BIN and CEILING_BIN override the defaults; the ceiling is built
# into /tmp/ceiling when CEILING_BIN is not given.
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_URL=${1:-}
TRAINEES=${TRAINEES:-100000}
DURATION=${DURATION:-6s}
CONNECTIONS=${CONNECTIONS:-32}
bin=${QUALIFY_BIN:-$PWD/target/release/qualify}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
ceiling=${CEILING_BIN:-}
if [ -z "$ceiling" ]; then
  CARGO_TARGET_DIR=/tmp/ceiling cargo build --release --quiet --manifest-path ../shared/bench/ceiling/Cargo.toml
  ceiling=/tmp/ceiling/release/ceiling
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rps() { awk '/Requests\/sec/ {print $2}'; }

work=$(mktemp -d)
cport=$(free_port)
PORT=$cport DB=$work/ceiling.db "$ceiling" > /dev/null 2>&1 &
cpid=$!
port=$(free_port)
if [ -n "$PG_URL" ]; then
  psql "$PG_URL" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" > /dev/null
  db=$PG_URL; pool=32
else
  db=sqlite://$work/qualify.db; pool=16
fi
export QUALIFY_DATABASE_URL=$db QUALIFY_DATA_DIR=$work/data QUALIFY_BIND=127.0.0.1:$port \
  QUALIFY_BASE_URL=http://127.0.0.1:$port QUALIFY_LOG=warn QUALIFY_MAIL_WORKER=off \
  QUALIFY_SCHEDULER=off QUALIFY_SESSION_IDLE_MINUTES=600 QUALIFY_DATABASE_POOL_SIZE=$pool
start=$(date +%s)
"$bin" demo --trainees "$TRAINEES" > "$work/demo.txt"
echo "demo of $TRAINEES trainees: $(( $(date +%s) - start )) s" >&2
# Sign in once on a first start, so the measured start below holds no sign-in work.
"$bin" serve > "$work/serve.log" 2>&1 & pid=$!
for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
python3 scripts/load/sessions.py "http://127.0.0.1:$port" "$work/demo.txt" > "$work/pages.txt"
kill -TERM $pid; wait $pid || true
"$bin" serve > "$work/serve.log" 2>&1 & pid=$!
for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
trap 'kill $pid $cpid 2>/dev/null; rm -rf "$work"' EXIT
echo "| page | role | first view after a start | one view, warm | req/s | ceiling req/s | ratio |"
echo "|---|---|---|---|---|---|---|"
declare -A first
while read -r role path cookie; do
  first[$path]=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
done < "$work/pages.txt"
while read -r role path cookie; do
  # Each run starts on an idle service: requests a slow page left queued are done first.
  sleep 3
  warm=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
  base=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$cport/page?u=7" | rps)
  sleep 1
  page=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $cookie" "http://127.0.0.1:$port$path" | rps)
  python3 - "$path" "$role" "${first[$path]}" "$warm" "$page" "$base" <<'PY'
import sys
path, role, first, warm, page, base = sys.argv[1:]
print(f"| `{path}` | {role} | {float(first) * 1000:.0f} ms | {float(warm) * 1000:.1f} ms "
      f"| {float(page):.0f} | {float(base):.0f} | {float(page) / float(base):.2f}× |")
PY
done < "$work/pages.txt"
