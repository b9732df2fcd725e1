#!/usr/bin/env bash
# Measures every speed target and the load test, on SQLite and (with a URL) PostgreSQL.
#
#   scripts/bench.sh                        # SQLite only
#   scripts/bench.sh postgres://USER@HOST/DB  # also PostgreSQL (the database is reset)
#
# 1. `cargo bench --bench targets` builds the demo databases and prints the table of targets
#    (each next to a minimal actix-web page measured in the same run).
# 2. The load test: a release `qualify serve` on a demo of $TRAINEES trainees (default
#    100000), wrk with 64 connections for 30 s over a realistic mix (dashboards, module pages,
#    the review queue, verify pages, 10 % writes) after a 10-s warm-up at the same load;
#    resident memory idle and at the peak.
# wrk is installed with apt if missing. LOAD_ONLY=1 skips step 1 (and the release build);
# QUALIFY_BIN, TRAINEES, DURATION and WARMUP override the binary, the demo size, the 30 s and
# the 10-s warm-up before them (its figures are printed, not counted).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_URL=${1:-}
TRAINEES=${TRAINEES:-100000}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

if [ -z "${LOAD_ONLY:-}" ]; then
  echo "== speed targets (SQLite)"
  cargo bench --bench targets 2>&1 | sed -n '/^| figure/,$p'
  if [ -n "$PG_URL" ]; then
    echo "== speed targets (PostgreSQL)"
    QUALIFY_BENCH_DATABASE_URL="$PG_URL" cargo bench --bench targets 2>&1 | sed -n '/^| figure/,$p'
  fi
  cargo build --release --quiet
fi
bin=${QUALIFY_BIN:-$PWD/target/release/qualify}
cargo build --release --quiet --example reference_page
ref=$PWD/target/release/examples/reference_page
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }

load() { # backend database-url pool-size
  local work port pid
  work=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  export QUALIFY_DATABASE_URL=$2 QUALIFY_DATA_DIR=$work/data QUALIFY_BIND=127.0.0.1:$port \
    QUALIFY_BASE_URL=http://127.0.0.1:$port QUALIFY_LOG=warn QUALIFY_MAIL_WORKER=off \
    QUALIFY_SCHEDULER=off QUALIFY_SESSION_IDLE_MINUTES=600 QUALIFY_DATABASE_POOL_SIZE=$3 \
    QUALIFY_TRUST_FORWARDED=on
  "$bin" demo --trainees "$TRAINEES" > "$work/demo.txt"
  "$bin" serve > "$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  sleep 2
  local idle; idle=$(rss $pid)
  MIX_DIR=$work python3 scripts/load/prepare.py "http://127.0.0.1:$port" "$work/demo.txt" "$bin" "$work/requests.lua"
  # Warm-up at the same load, reported but not counted: the first seconds after a start hold the
  # program dashboard's first computation and every new connection preparing its statements.
  echo "== warm-up ($1): 64 connections, $WARMUP"
  MIX_DIR=$work wrk -t2 -c64 -d"$WARMUP" --latency -s scripts/load/mix.lua "http://127.0.0.1:$port" | tail -n 1
  echo "== load test ($1, $TRAINEES trainees): 64 connections, $DURATION"
  MIX_DIR=$work wrk -t2 -c64 -d"$DURATION" --latency -s scripts/load/mix.lua "http://127.0.0.1:$port" | tail -n 3
  echo "memory: idle ${idle} MB, peak under load $(hwm $pid) MB"
  # Side by side: the trainee dashboard of this service and the reference page (one
  # indexed query, one template; examples/reference_page.rs) in a process of its own on the same
  # database and pool size, each driven by wrk with 16 connections for 10 s.
  local cookie email refpid refurl page base
  { read -r cookie; read -r email; } < "$work/requests.lua.trainee"
  page=$(wrk -t2 -c16 -d10s -H "Cookie: $cookie" "http://127.0.0.1:$port/learn" | awk '/Requests\/sec/ {print $2}')
  kill -TERM $pid; wait $pid || true
  "$ref" "$2" "$email" "$3" > "$work/ref.url" & refpid=$!
  for _ in $(seq 100); do [ -s "$work/ref.url" ] && break; sleep 0.1; done
  refurl=$(head -n 1 "$work/ref.url")
  wrk -t2 -c16 -d2s "$refurl" > /dev/null
  base=$(wrk -t2 -c16 -d10s "$refurl" | awk '/Requests\/sec/ {print $2}')
  kill -KILL $refpid; wait $refpid 2>/dev/null || true
  echo "trainee dashboard beside the reference ($1, separate processes, wrk 16 connections, 10 s): $page vs $base req/s = $(python3 -c "print(round(100 * $page / $base))") %"
  rm -rf "$work"
}

# Pooled connections: SQLite 16 (each keeps a 16 MB page cache; reads run on the request's
# thread when one is free); PostgreSQL 32, half of wrk's 64 connections: with 16, requests
# queued for a connection, and one that arrives as a connection is freed can take it before
# one that has been waiting, so some waited far longer than the rest (p99 132-219 ms against
# 86-98 ms with 32, measured by hand on the same data).
load SQLite "sqlite://$(mktemp -d)/load.db" 16
if [ -n "$PG_URL" ]; then
  psql "$PG_URL" -qc "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
  load PostgreSQL "$PG_URL" 32
fi
