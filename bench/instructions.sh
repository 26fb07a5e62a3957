#!/usr/bin/env bash
# The server's own CPU instructions per request, counted by valgrind's callgrind: the
# same figure for the same binary and data whatever else the machine does, so two builds
# compare in one step where requests/s on a shared machine move by half from run to run.
#
#   bench/instructions.sh BINARY [REQUESTS]
#
# Runs BINARY on BANGFU_DATABASE_URL (a seeded data set, as bench/run.sh prepares it) under
# callgrind with instrumentation off, logs in as the demo caseworker, sends each request
# of the scenarios below a few times to warm the caches, then counts the instructions of
# REQUESTS more (default 20), one after another, and prints instructions per request.
# BENCH_KEEP=DIR keeps each request's callgrind profile there, for callgrind_annotate.
# Needs valgrind, curl and python3.
set -euo pipefail

BIN=${1:?usage: bench/instructions.sh BINARY [REQUESTS]}
REQUESTS=${2:-20}
: "${BANGFU_DATABASE_URL:?set BANGFU_DATABASE_URL to a seeded data set}"
PORT=${BENCH_PORT:-18090}
WORK=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT

export BANGFU_JWT_SECRET=${BANGFU_JWT_SECRET:-bench-secret-bench-secret-bench-secret}
export BANGFU_ADMIN_PASSWORD=${BANGFU_ADMIN_PASSWORD:-bench-admin-password}
export BANGFU_TOKEN_TTL_MINUTES=600
export RUST_LOG=warn

CASE_PAGE='query { cases(first: 50) { edges { node { id status level causes orgUnit { name } worker { name idNumber gender household { memberCount incomeTotal members { kinship monthlyIncome health schooling } } latestPayout { amount paidAt } } } } } }'
BOARD='query { openPostings(filter: {suitableFor4050: true, wageAtLeast: "3000.00"}, first: 20) { edges { node { id title wageMin wageMax } } } }'
ME='query { me { id } }'

BANGFU_BIND=127.0.0.1:$PORT valgrind --tool=callgrind --instr-atstart=no \
  --callgrind-out-file="$WORK/callgrind.out.%p" "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done

# Sends `count` times one operation on one kept-alive connection, as the load drivers do;
# prints the last answer.
send() { # token query count
  python3 - "$PORT" "$1" "$2" "$3" <<'PY'
import http.client, json, sys
port, token, query, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
headers = {"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})}
conn = http.client.HTTPConnection("127.0.0.1", int(port))
for _ in range(count):
    conn.request("POST", "/graphql", body=json.dumps({"query": query}), headers=headers)
    body = conn.getresponse().read()
print(body.decode())
PY
}

token=$(send "" 'mutation { login(input: {username: "demo-caseworker", password: "bangfu-demo"}) { token } }' 1 |
  python3 -c "import json,sys; print(json.load(sys.stdin)['data']['login']['token'])")

# The instructions of `REQUESTS` sends of one operation, per request.
count() { # name token query
  local answer
  answer=$(send "$2" "$3" 3)
  if grep -q '"errors"' <<<"$answer"; then
    echo "$1 failed: $answer" >&2
    exit 1
  fi
  callgrind_control --instr=on "$SERVER" >/dev/null 2>&1
  # A dump ends a part and starts counting afresh: the part after the sends is theirs.
  callgrind_control --dump=before "$SERVER" >/dev/null 2>&1
  send "$2" "$3" "$REQUESTS" >/dev/null
  callgrind_control --dump=after "$SERVER" >/dev/null 2>&1
  callgrind_control --instr=off "$SERVER" >/dev/null 2>&1
  local part
  part=$(grep -l '^desc: Trigger: dump after' "$WORK"/callgrind.out.* | tail -1)
  # The minutely sweeps (bootstrap::spawn_sweeps) run in the server whatever it serves;
  # when one falls inside the part, its instructions are not the requests'.
  local sweeps
  sweeps=$(callgrind_annotate --inclusive=yes "$part" 2>/dev/null |
    awk '!found && /bootstrap::spawn_sweeps::\{\{closure\}\} / { gsub(",", "", $1); print $1; found = 1 }')
  awk -v name="$1" -v n="$REQUESTS" -v sweeps="${sweeps:-0}" \
    '/^totals:/ { printf "| %s | %.0f |\n", name, ($2 - sweeps) / n }' "$part"
  if [ -n "${BENCH_KEEP:-}" ]; then
    mkdir -p "$BENCH_KEEP" && mv "$part" "$BENCH_KEEP/$(tr -c 'a-z0-9\n' '-' <<<"$1").callgrind"
  else
    rm -f "$part"
  fi
}

echo "| request | instructions per request |"
echo "|---|---|"
count "me { id }" "$token" "$ME"
count "(b) page of 50 cases" "$token" "$CASE_PAGE"
count "(e) public board" "" "$BOARD"
