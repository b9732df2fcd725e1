#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (initdb into a temporary folder as the postgres user, on
# a free loopback port) and prints its admin URL on stdout. Stop it with:
#   scripts/pg-throwaway.sh stop DIR
# Used by .ci/run; handy locally: eval "$(scripts/pg-throwaway.sh env)".
set -euo pipefail

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ]; then
    echo "installing PostgreSQL 15 (Debian package)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

case "${1:-start}" in
  stop)
    dir=$2
    bin=$(pg_bin)
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  start|env)
    bin=$(pg_bin)
    dir=$(mktemp -d /tmp/qualify-pg.XXXXXX)
    chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
    url="postgres://postgres@127.0.0.1:$port/postgres"
    if [ "${1:-start}" = env ]; then
      echo "export TEST_DATABASE_URL=$url PG_THROWAWAY_DIR=$dir"
    else
      echo "$url $dir"
    fi
    ;;
esac
