#!/usr/bin/env bash
# Where the two cores go: CPU time per request of the server, of PostgreSQL and of the
# load tool while bangfu serves the page of 50 cases (b) and the board (e), and of
# PostgreSQL and pgbench while pgbench replays the same statements (the ceilings of
# bench/run.sh ratios: with the parameters written in, and bound as the server sends them). With every core busy, a request costs the machine the sum of its
# parts, so these figures bound what the ratio to the ceiling can reach.
#
#   bench/cpu.sh BINARY [SECONDS]
#
# Runs BINARY on BANGFU_DATABASE_URL (a copy of a seeded PostgreSQL data set, as
# bench/run.sh prepares it; the URL's database is the one pgbench replays on), at 32
# clients for SECONDS (default 15) each. CPU time comes from /proc: the whole machine's
# busy time (/proc/stat), the server's (/proc/PID/stat) and the load tool's (time);
# PostgreSQL's is the machine's less the other two. Needs bench/.tools/bin/oha (bench/run.sh
# installs it), pgbench, psql, python3, curl, and the PostgreSQL log of Debian's layout
# (BENCH_PG_LOG) to capture the statements.
set -euo pipefail

BIN=${1:?usage: bench/cpu.sh BINARY [SECONDS]}
SECONDS_EACH=${2:-15}
: "${BANGFU_DATABASE_URL:?set BANGFU_DATABASE_URL to a copy of a seeded data set}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OHA=$ROOT/bench/.tools/bin/oha
PORT=${BENCH_PORT:-18091}
URL=http://127.0.0.1:$PORT/graphql
DB=${BANGFU_DATABASE_URL%%\?*}
DB_NAME=${DB##*/}
ADMIN=${DB%/*}/postgres
LOG=${BENCH_PG_LOG:-$(ls /var/log/postgresql/postgresql-*-main.log | head -1)}
TICK=$(getconf CLK_TCK)
WORK=$(mktemp -d)

export BANGFU_JWT_SECRET=${BANGFU_JWT_SECRET:-bench-secret-bench-secret-bench-secret}
export BANGFU_ADMIN_PASSWORD=${BANGFU_ADMIN_PASSWORD:-bench-admin-password}
export BANGFU_TOKEN_TTL_MINUTES=600
export BANGFU_DB_MAX_CONNECTIONS=32
export RUST_LOG=warn

BANGFU_BIND=127.0.0.1:$PORT "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; psql "$ADMIN" -qc "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done

gql() { # token query
  python3 - "$URL" "$1" "$2" <<'PY'
import json, sys, urllib.request
url, token, query = sys.argv[1:4]
req = urllib.request.Request(url, data=json.dumps({"query": query}).encode(),
                             headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
print(urllib.request.urlopen(req).read().decode())
PY
}
body() { python3 -c "import json,sys; print(json.dumps({'query': sys.argv[1]}))" "$1"; }

CASE_PAGE='query { cases(first: 50) { edges { node { id status level causes orgUnit { name } worker { name idNumber gender household { memberCount incomeTotal members { kinship monthlyIncome health schooling } } latestPayout { amount paidAt } } } } } }'
BOARD='query { openPostings(filter: {suitableFor4050: true, wageAtLeast: "3000.00"}, first: 20) { edges { node { id title wageMin wageMax } } } }'
token=$(gql "" 'mutation { login(input: {username: "demo-caseworker", password: "bangfu-demo"}) { token } }' |
  python3 -c "import json,sys; print(json.load(sys.stdin)['data']['login']['token'])")

# The statements of one request in the steady state, as bench/run.sh captures them: with
# the parameters written in (script), and bound as the server sends them (script.sent,
# their values in script.defines).
capture() { # token query script
  gql "$1" "$2" >/dev/null
  psql "$ADMIN" -qc "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
  # The sweeps at start must be over: wait for a second in which nothing is logged.
  local offset=-1
  for _ in $(seq 1 120); do
    [ "$offset" = "$(stat -c %s "$LOG")" ] && break
    offset=$(stat -c %s "$LOG")
    sleep 1
  done
  gql "$1" "$2" >/dev/null
  sleep 1
  psql "$ADMIN" -qc "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
  python3 "$ROOT/bench/statements.py" "$LOG" "$offset" "$DB_NAME" >"$3" 2>/dev/null
  python3 "$ROOT/bench/statements.py" "$LOG" "$offset" "$DB_NAME" "$3.defines" >"$3.sent" 2>/dev/null
}

busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
own() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Runs a load tool under time(1), its output in $WORK/out; prints the machine's and the
# server's busy ticks and the tool's CPU seconds.
cpu_of() { # command...
  local b0 s0 b1 s1
  b0=$(busy); s0=$(own "$SERVER")
  /usr/bin/time -f "%U %S" -o "$WORK/time" "$@" >"$WORK/out" 2>&1
  b1=$(busy); s1=$(own "$SERVER")
  echo "$(( b1 - b0 )) $(( s1 - s0 )) $(awk '{ print $1 + $2 }' "$WORK/time")"
}

# One line of the table: CPU milliseconds per unit done, PostgreSQL's being the machine's
# less the server's and the load tool's.
row() { # request who units machine-ticks server-ticks tool-seconds
  python3 - "$@" "$SECONDS_EACH" "$TICK" <<'PY'
import sys
name, who, n, machine, server, tool, secs, tick = sys.argv[1:]
n, secs, tick = int(n), float(secs), float(tick)
machine, server, tool = int(machine) / tick, int(server) / tick, float(tool)
ms = lambda s: f"{1000 * s / n:.2f}"
print(f"| ({name}) | {who} | {n / secs:,.0f} | {ms(server)} | {ms(machine - server - tool)} | {ms(tool)} | {ms(machine)} |")
PY
}

echo "| request | who | per second | server ms | PostgreSQL ms | load tool ms | machine ms |"
echo "|---|---|---|---|---|---|---|"
for name in b e; do
  if [ "$name" = b ]; then query=$CASE_PAGE; auth=$token; else query=$BOARD; auth=""; fi
  capture "$auth" "$query" "$WORK/$name.sql"
  headers=(-H "Content-Type: application/json")
  [ -n "$auth" ] && headers+=(-H "Authorization: Bearer $auth")
  read -r machine server tool < <(cpu_of "$OHA" --no-tui --output-format json -c 32 \
    -z "${SECONDS_EACH}s" -m POST "${headers[@]}" -d "$(body "$query")" "$URL")
  done_=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(d['statusCodeDistribution'].values()))" "$WORK/out")
  row "$name" bangfu "$done_" "$machine" "$server" "$tool"
  statements=$(grep -c . "$WORK/$name.sql")
  read -r machine server tool < <(cpu_of pgbench -n -M prepared -c 32 -j 2 -T "$SECONDS_EACH" \
    -f "$WORK/$name.sql" "$DB")
  done_=$(awk '/number of transactions actually processed/ { print $NF }' "$WORK/out" | cut -d/ -f1)
  row "$name" "pgbench, $statements statements, literals" "$done_" "$machine" "$server" "$tool"
  defines=()
  while IFS= read -r define; do defines+=(-D "$define"); done <"$WORK/$name.sql.defines"
  read -r machine server tool < <(cpu_of pgbench -n -M prepared -c 32 -j 2 -T "$SECONDS_EACH" \
    "${defines[@]}" -f "$WORK/$name.sql.sent" "$DB")
  done_=$(awk '/number of transactions actually processed/ { print $NF }' "$WORK/out" | cut -d/ -f1)
  row "$name" "pgbench, $statements statements, as sent" "$done_" "$machine" "$server" "$tool"
done
