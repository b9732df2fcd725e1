#!/usr/bin/env bash
# Tests the API against its own OpenAPI document with Schemathesis: a fresh demo-filled
# service, authenticated once as the program owner and once as a trainee (personal API
# tokens from `qualify token create`), with the checks not_a_server_error,
# status_code_conformance, content_type_conformance, response_schema_conformance and
# negative_data_rejection, in the examples, coverage, fuzzing and stateful phases (the
# stateful phase follows the document's links). Fixed seed, bounded time; exits non-zero on
# any failure.
#
#   scripts/api_contract.sh [BINARY] [DATABASE_URL]
#
# BINARY defaults to target/debug/qualify; DATABASE_URL to a fresh SQLite file in a temporary
# folder (a postgres:// URL must name an empty database). Needs `pip install
# schemathesis==4.32.5`. QUALIFY_CONTRACT_MAX_EXAMPLES (default 12) and
# QUALIFY_CONTRACT_SECONDS (per role, default 40) bound the run. One worker: Hypothesis
# describes its strategies with `ast.parse`, and CPython 3.11 can fail that from two threads at
# once ("AST constructor recursion depth mismatch").
set -euo pipefail
cd "$(dirname "$0")/.."
command -v st >/dev/null || { echo "schemathesis is missing: pip install schemathesis==4.32.5" >&2; exit 2; }
bin=${1:-target/debug/qualify}
work=$(mktemp -d /tmp/qualify-contract.XXXXXX)
url=${2:-sqlite://$work/qualify.db}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export QUALIFY_DATABASE_URL=$url QUALIFY_DATA_DIR=$work/data QUALIFY_BIND=127.0.0.1:$port \
  QUALIFY_CONTENT_DIR=course_content QUALIFY_MAIL_WORKER=off QUALIFY_LOG=warn
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo > "$work/demo.log" 2>&1
owner=$("$bin" token create --email olga.brandt@demo.example --name contract 2>/dev/null | head -n 1)
trainee=$("$bin" token create --email tara.schulz@demo.example --name contract 2>/dev/null | head -n 1)
"$bin" serve > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.2; done

status=0
for role in owner trainee; do
  token=${!role}
  echo "== schemathesis as the $role ($url)"
  start=$(date +%s)
  st run "http://127.0.0.1:$port/api/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection \
    --phases examples,coverage,fuzzing,stateful \
    --max-examples "${QUALIFY_CONTRACT_MAX_EXAMPLES:-12}" \
    --max-time "${QUALIFY_CONTRACT_SECONDS:-40}" \
    --seed 20261207 --no-color --workers 1 || status=1
  echo "== $role: $(($(date +%s) - start)) s"
done
if [ "$status" -ne 0 ]; then
  echo "== server log (last lines)"; tail -n 40 "$work/serve.log"
fi
exit "$status"
