#!/usr/bin/env bash
# Benchmarks of bangfu's hot paths (see bench/README.md).
#
#   bench/run.sh [quick|city] [postgres|sqlite|both] [scenarios|ladder|ratios]
#
# quick: 20,000 workers, 10 s per scenario; city: 1,000,000 workers, 30 s per scenario.
# ladder: instead of the scenarios, the (b) page at sizes 1 to 50, and its floor.
# ratios (PostgreSQL): (b), (e) and `me { id }` against the database's own ceiling and
# against PostGraphile 4, three rounds interleaved, with the medians of the ratios.
# Environment: BENCH_DURATION (seconds), BENCH_CONCURRENCY (default 32), BENCH_PG
# (default postgres://postgres@127.0.0.1:5432), BENCH_WORKERS (overrides the size),
# BENCH_PG_LOG (the PostgreSQL server's log, for ratios; default Debian's),
# BENCH_BASELINE (ratios: another bangfu binary, measured in the same rounds), BENCH_PROFILE
# (the cargo profile built and measured; default production, the deployment's build).
set -euo pipefail

SIZE=${1:-quick}
DATABASES=${2:-both}
RUN=${3:-scenarios}
case "$SIZE" in
  quick) WORKERS=${BENCH_WORKERS:-20000}; DURATION=${BENCH_DURATION:-10} ;;
  city) WORKERS=${BENCH_WORKERS:-1000000}; DURATION=${BENCH_DURATION:-30} ;;
  *) echo "usage: bench/run.sh [quick|city] [postgres|sqlite|both] [scenarios|ladder|ratios]" >&2; exit 2 ;;
esac
case "$DATABASES/$RUN" in
  postgres/scenarios|sqlite/scenarios|both/scenarios|postgres/ladder|sqlite/ladder|both/ladder|postgres/ratios) ;;
  *) echo "usage: bench/run.sh [quick|city] [postgres|sqlite|both] [scenarios|ladder] | [quick|city] postgres ratios" >&2; exit 2 ;;
esac
CONCURRENCY=${BENCH_CONCURRENCY:-32}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/bench/.work
TOOLS=$ROOT/bench/.tools
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
PORT=18080
URL=http://127.0.0.1:$PORT/graphql
mkdir -p "$WORK" "$TOOLS"

# The load tool, from crates.io, once.
if [ ! -x "$TOOLS/bin/oha" ]; then
  cargo install oha --locked --root "$TOOLS"
fi
OHA=$TOOLS/bin/oha
# What a deployment runs: the production profile (the release build with fat LTO).
PROFILE=${BENCH_PROFILE:-production}
(cd "$ROOT" && cargo build --profile "$PROFILE" --bin bangfu --example loadgen)
BIN=$TARGET/$PROFILE/bangfu
LOADGEN=$TARGET/$PROFILE/examples/loadgen

export BANGFU_JWT_SECRET=bench-secret-bench-secret-bench-secret
export BANGFU_ADMIN_PASSWORD=bench-admin-password
export BANGFU_TOKEN_TTL_MINUTES=600
export BANGFU_DB_MAX_CONNECTIONS=${BANGFU_DB_MAX_CONNECTIONS:-32}
export RUST_LOG=${RUST_LOG:-warn}

# POST one GraphQL operation and print the JSON answer.
gql() { # token query [variables-json]
  gql_at "$URL" "$@"
}

gql_at() { # url token query [variables-json]
  python3 - "$1" "$2" "$3" "${4:-{\}}" <<'PY'
import json, sys, urllib.request
url, token, query, variables = sys.argv[1:5]
req = urllib.request.Request(url, data=json.dumps({"query": query, "variables": json.loads(variables)}).encode(),
                             headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
print(urllib.request.urlopen(req).read().decode())
PY
}
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d'+sys.argv[1]))" "$1"; }
body() { python3 -c "import json,sys; print(json.dumps({'query': sys.argv[1], 'variables': json.loads(sys.argv[2])}))" "$1" "${2:-{\}}"; }

# Prepare the data set once per size, database and schema, then start every run from a
# copy. The schema is named by the last migration, so a data set seeded before a new
# domain's tables existed (and hence without its rows) is not reused.
SCHEMA=$(ls "$ROOT/migration/src" | grep -E '^m[0-9]{8}_[0-9]{6}' | sort | tail -1 | cut -c2-16)
prepare() { # db
  if [ "$1" = postgres ]; then
    local template=bangfu_bench_${SIZE}_$SCHEMA
    if ! psql "$PG/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$template'" | grep -q 1; then
      psql "$PG/postgres" -c "CREATE DATABASE $template" >/dev/null
      echo "seeding $WORKERS workers into PostgreSQL ($template)..."
      /usr/bin/time -f "seed-demo: %e s, peak RSS %M KiB" \
        env BANGFU_DATABASE_URL="$PG/$template" "$BIN" seed-demo --workers "$WORKERS"
      psql "$PG/$template" -c "VACUUM ANALYZE" >/dev/null
    fi
    psql "$PG/postgres" -c "DROP DATABASE IF EXISTS bangfu_bench_run" >/dev/null
    psql "$PG/postgres" -c "CREATE DATABASE bangfu_bench_run TEMPLATE $template" >/dev/null
    # The database is on this machine: TLS would only cost CPU (see bench/RESULTS.md).
    export BANGFU_DATABASE_URL="$PG/bangfu_bench_run?sslmode=disable"
  else
    local seeded=$WORK/seed-$SIZE-$SCHEMA.sqlite
    if [ ! -f "$seeded" ]; then
      echo "seeding $WORKERS workers into SQLite ($seeded)..."
      /usr/bin/time -f "seed-demo: %e s, peak RSS %M KiB" \
        env BANGFU_DATABASE_URL="sqlite://$seeded?mode=rwc" "$BIN" seed-demo --workers "$WORKERS"
      # Fold the write-ahead log into the file, so that a copy of the file is the whole.
      python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$seeded"
    fi
    rm -f "$WORK"/run.sqlite*
    cp "$seeded" "$WORK/run.sqlite"
    export BANGFU_DATABASE_URL="sqlite://$WORK/run.sqlite?mode=rwc"
  fi
}

start_server() {
  BANGFU_BIND=127.0.0.1:$PORT "$BIN" serve >"$WORK/server.log" 2>&1 &
  SERVER=$!
  wait_ready "http://127.0.0.1:$PORT/readyz" "$WORK/server.log"
}

wait_ready() { # url log
  for _ in $(seq 1 300); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "a server did not become ready; see $2" >&2
  exit 1
}

# The server's peak resident memory so far, in MB.
peak_rss() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status"; }

stop_server() {
  PEAK_RSS_MB=$(peak_rss)
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
}

# One row of the results table from oha's JSON.
report_oha() { # name json-file probe-errors first-answer-ms
  python3 - "$1" "$2" "$3" "$(server_errors)" "$4" "$(peak_rss)" <<'PY'
import json, sys
name, path, probe, logged, first, rss = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
d = json.load(open(path))
s, p = d["summary"], d["latencyPercentiles"]
codes = d.get("statusCodeDistribution", {})
bad = sum(n for c, n in codes.items() if not c.startswith("2")) + sum(d.get("errorDistribution", {}).values())
print(f"| {name} | {s['requestsPerSec']:.0f} | {p['p50']*1000:.1f} | {p['p95']*1000:.1f} | {p['p99']*1000:.1f} | {bad + probe + logged} | {first} | {rss} |")
PY
}

report_loadgen() { # name json-line
  python3 - "$1" "$2" "$(server_errors)" "$(peak_rss)" <<'PY'
import json, sys
name, line, logged, rss = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
d = json.loads(line)
errors = dict(d["errors"])
conflicts = errors.pop("CONFLICT", 0)
extra = f" (+{conflicts} expected CONFLICT)" if conflicts else ""
print(f"| {name} | {d['requests_per_second']:.0f} ({d['operations_per_second']:.0f} ops/s) | {d['p50_ms']:.1f} | {d['p95_ms']:.1f} | {d['p99_ms']:.1f} | {sum(errors.values()) + logged}{extra} | — | {rss} |")
PY
}

# Errors the server logged since the last call (a GraphQL error in a 200 answer is
# invisible to oha; the server logs every INTERNAL one).
LOG_SEEN=0
server_errors() {
  local total
  total=$(grep -c " ERROR " "$WORK/server.log" || true)
  echo $((total - LOG_SEEN))
  LOG_SEEN=$total
}

# Runs oha on one fixed GraphQL request after checking that its answer has no error. The
# check is the first answer, timed: with nothing cached yet (a report is computed afresh).
scenario() { # name token query [variables]
  local name=$1 token=$2 payload probe=0 started first
  payload=$(body "$3" "${4:-{\}}")
  started=$(date +%s%N)
  gql "$token" "$3" "${4:-{\}}" >"$WORK/probe.json"
  first=$(( ($(date +%s%N) - started) / 1000000 ))
  if grep -q '"errors"' "$WORK/probe.json"; then
    echo "probe of $name failed:" >&2; gql "$token" "$3" "${4:-{\}}" >&2; probe=1
  fi
  server_errors >/dev/null
  "$OHA" --no-tui --output-format json -w -c "$CONCURRENCY" -z "${DURATION}s" -m POST \
    -H "Content-Type: application/json" -H "Authorization: Bearer $token" \
    -d "$payload" "$URL" >"$WORK/oha.json"
  report_oha "$name" "$WORK/oha.json" "$probe" "$first"
}

# (b) and (e) as a scrolling list asks for them; the primed rows add totalCount (a COUNT
# over every matching row, run only when selected).
CASE_PAGE='query { cases(first: 50) { edges { node { id status level causes orgUnit { name } worker { name idNumber gender household { memberCount incomeTotal members { kinship monthlyIncome health schooling } } latestPayout { amount paidAt } } } } } }'
STATS='query { hardshipStats { total extreme ordinary olderWorkers4050 householdsSeriouslyIll householdsWithChildInSchool householdsBelowLine byGender { key count } byAgeBand { key count } byEducation { key count } byEmploymentType { key count } byOwnership { key count } byIndustry { key count } byOccupation { key count } byCause { key count } byRelief { key count } } }'
CASE_PAGE_COUNTED=${CASE_PAGE/cases(first: 50) \{/cases(first: 50) \{ totalCount}
BOARD='query { openPostings(filter: {suitableFor4050: true, wageAtLeast: "3000.00"}, first: 20) { edges { node { id title wageMin wageMax } } } }'
BOARD_COUNTED=${BOARD/first: 20) \{/first: 20) \{ totalCount}
LOGIN='mutation { login(input: {username: "demo-viewer", password: "bangfu-demo"}) { token } }'

run_database() { # db
  local db=$1
  prepare "$db"
  start_server
  local caseworker
  caseworker=$(gql "" "mutation { login(input: {username: \"demo-caseworker\", password: \"bangfu-demo\"}) { token } }" | field "['data']['login']['token']")
  echo
  echo "## $db — $WORKERS workers, $CONCURRENCY connections, ${DURATION}s per scenario ($(date -u +%F))"
  echo
  [ "$RUN" = ratios ] || echo "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | first answer ms | peak RSS MB |"
  [ "$RUN" = ratios ] || echo "|---|---|---|---|---|---|---|---|"
  if [ "$RUN" = ladder ]; then
    ladder "$caseworker"
  elif [ "$RUN" = ratios ]; then
    ratios "$caseworker"
  else
    scenarios "$caseworker"
  fi
  stop_server
  echo
  echo "server peak RSS: ${PEAK_RSS_MB} MB"
}

# The issue's scenarios (a) to (g).
scenarios() { # caseworker-token
  local caseworker=$1
  scenario "(a) login" "" "$LOGIN"
  scenario "(b) 50 cases with worker, household, latest payout" "$caseworker" "$CASE_PAGE"
  scenario "(b') the same with totalCount" "$caseworker" "$CASE_PAGE_COUNTED"
  scenario "(c) hardshipStats, whole city" "$caseworker" "$STATS"
  server_errors >/dev/null
  report_loadgen "(d) matchPostings, 1,000 seekers in turn" "$("$LOADGEN" --url "$URL" --scenario match --user demo-agency --concurrency "$CONCURRENCY" --duration "$DURATION")"
  scenario "(e) openPostings with a filter" "" "$BOARD"
  scenario "(e') the same with totalCount" "" "$BOARD_COUNTED"
  server_errors >/dev/null
  report_loadgen "(f) create → submit → review" "$("$LOADGEN" --url "$URL" --scenario apply --concurrency "$CONCURRENCY" --duration "$DURATION")"
  report_loadgen "(g) 32 clients racing markPaid" "$("$LOADGEN" --url "$URL" --scenario pay --user demo-finance --concurrency "$CONCURRENCY" --duration "$DURATION")"
}

# What a page of (b) costs by its size, beside the cost of any request (the caller only)
# and of a page's ids: what is fixed per request and what grows with each case.
ladder() { # caseworker-token
  local n
  scenario "me { id }: the caller only" "$1" 'query { me { id } }'
  scenario "50 cases, id only" "$1" 'query { cases(first: 50) { edges { node { id } } } }'
  for n in 1 5 10 20 30 50; do
    scenario "(b) page of $n" "$1" "${CASE_PAGE/first: 50/first: $n}"
  done
}

# The ratios: each scenario as bangfu serves it, as PostGraphile 4 serves the same rows
# from the same tables with the same pool size, and as pgbench replays the statements
# bangfu issued for it (the database's own ceiling); three rounds, interleaved.
PEER_PORT=15000
PEER_URL=http://127.0.0.1:$PEER_PORT/graphql
BASELINE_PORT=18081
BASELINE_URL=http://127.0.0.1:$BASELINE_PORT/graphql

# PostGraphile 4 from npm, once, with the filter plugin a team would add for the board.
install_peer() {
  if [ ! -x "$TOOLS/postgraphile/node_modules/.bin/postgraphile" ]; then
    npm install --prefix "$TOOLS/postgraphile" --no-audit --no-fund \
      postgraphile@4 postgraphile-plugin-connection-filter@2
  fi
}

# Filters across relations (the employer's flag) are the plugin's option, set in the rc
# file PostGraphile reads from its working directory.
start_peer() {
  echo 'module.exports = { options: { graphileBuildOptions: { connectionFilterRelations: true } } };' \
    >"$TOOLS/postgraphile/.postgraphilerc.js"
  (cd "$TOOLS/postgraphile" && NODE_ENV=production exec node_modules/.bin/postgraphile \
    -c "$BANGFU_DATABASE_URL" -s public -n 127.0.0.1 -p "$PEER_PORT" \
    --max-pool-size "$BANGFU_DB_MAX_CONNECTIONS" --disable-query-log \
    --append-plugins postgraphile-plugin-connection-filter >"$WORK/peer.log" 2>&1) &
  PEER=$!
  for _ in $(seq 1 300); do
    curl -fsS -H "Content-Type: application/json" -d '{"query":"{__typename}"}' "$PEER_URL" \
      >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "PostGraphile did not become ready; see $WORK/peer.log" >&2
  exit 1
}

start_baseline() {
  BANGFU_BIND=127.0.0.1:$BASELINE_PORT "$BENCH_BASELINE" serve >"$WORK/baseline.log" 2>&1 &
  BASELINE=$!
  wait_ready "http://127.0.0.1:$BASELINE_PORT/readyz" "$WORK/baseline.log"
}

rss_of() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# The statements bangfu sends for one request in the steady state (once the server is
# idle, and after a first request that warms its caches), from the PostgreSQL log, as a
# pgbench script.
capture() { # token query script
  local log=${BENCH_PG_LOG:-$(ls /var/log/postgresql/postgresql-*-main.log | head -1)} offset
  psql "$PG/postgres" -qc "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
  # An interrupted run must not leave the server logging every statement.
  trap 'psql "$PG/postgres" -qc "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null' EXIT
  # Whatever else the server does (the notice sweeps at start) must be over first: wait
  # for a second in which nothing is logged.
  offset=-1
  for _ in $(seq 1 120); do
    [ "$offset" = "$(stat -c %s "$log")" ] && break
    offset=$(stat -c %s "$log")
    sleep 1
  done
  gql "$1" "$2" >/dev/null
  offset=$(stat -c %s "$log")
  gql "$1" "$2" >/dev/null
  sleep 1
  psql "$PG/postgres" -qc "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
  trap - EXIT
  python3 "$ROOT/bench/statements.py" "$log" "$offset" bangfu_bench_run >"$3"
  python3 "$ROOT/bench/statements.py" "$log" "$offset" bangfu_bench_run "$3.defines" >"$3.sent" 2>/dev/null
}

# oha on one request at `url`, recorded for `who`.
measure() { # who scenario round url token payload pid
  local auth=()
  [ -n "$5" ] && auth=(-H "Authorization: Bearer $5")
  "$OHA" --no-tui --output-format json -w -c "$CONCURRENCY" -z "${DURATION}s" -m POST \
    -H "Content-Type: application/json" "${auth[@]}" -d "$6" "$4" >"$WORK/oha.json"
  python3 "$ROOT/bench/ratios.py" record "$WORK/ratios.jsonl" "$1" "$2" "$3" oha "$WORK/oha.json" "$(rss_of "$7")"
}

# pgbench on the statements of one request, twice: with the parameters written in as
# literals (each statement planned once, at prepare), and as the server sends them, bound
# to parameters (planned at each execution for its values, as the server's are).
ceiling() { # scenario round script
  [ -s "$3" ] || return 0
  pgbench -n -M prepared -c "$CONCURRENCY" -j 2 -T "$DURATION" -f "$3" \
    "$PG/bangfu_bench_run" >"$WORK/pgbench.out" 2>&1 || true
  python3 "$ROOT/bench/ratios.py" record "$WORK/ratios.jsonl" ceiling "$1" "$2" pgbench "$WORK/pgbench.out"
  local defines=()
  while IFS= read -r define; do defines+=(-D "$define"); done <"$3.defines"
  pgbench -n -M prepared -c "$CONCURRENCY" -j 2 -T "$DURATION" "${defines[@]}" -f "$3.sent" \
    "$PG/bangfu_bench_run" >"$WORK/pgbench.out" 2>&1 || true
  python3 "$ROOT/bench/ratios.py" record "$WORK/ratios.jsonl" sent "$1" "$2" pgbench "$WORK/pgbench.out"
}

# The pages of (b) and (e) and the trivial query, written for PostGraphile's schema of the
# same tables: the caseworker's scope is the whole city (demo-caseworker belongs to the
# root unit), the board's conditions are those of `open_on`.
PEER_CASE_PAGE='query { allHardshipCases(first: 50, orderBy: ID_ASC) { nodes { id status level caseCausesByCaseId(orderBy: CAUSE_ASC) { nodes { cause } } orgUnitByOrgUnitId { name } workerByWorkerId { name idNumber gender householdByWorkerId { memberCount incomeTotal } householdMembersByWorkerId(orderBy: POSITION_ASC) { nodes { kinship monthlyIncome health schooling } } payoutItemsByWorkerId(first: 1, condition: {status: "PAID"}, orderBy: [PAID_AT_DESC, ID_DESC]) { nodes { amount paidAt } } } } } }'
# Money is stored in fen: 3000.00 yuan is 300000.
PEER_BOARD='query { allPostings(first: 20, orderBy: ID_ASC, filter: {status: {equalTo: "OPEN"}, expiresOn: {greaterThanOrEqualTo: "TODAY"}, suitableFor4050: {equalTo: true}, wageMax: {greaterThanOrEqualTo: "300000"}, employerByEmployerId: {flag: {isNull: true}}}) { nodes { id title wageMin wageMax } } }'
PEER_TRIVIAL='query { __typename }'

ratios() { # caseworker-token
  local token=$1 round i
  install_peer
  local today
  today=$(TZ=Asia/Shanghai date +%F)  # bangfu's day (`clock::today`)
  local names=("(b) page of 50 cases" "(e) public board" "me { id }")
  local ours=("$CASE_PAGE" "$BOARD" 'query { me { id } }')
  local theirs=("$PEER_CASE_PAGE" "${PEER_BOARD//TODAY/$today}" "$PEER_TRIVIAL")
  local tokens=("$token" "" "$token")
  for i in 0 1 2; do
    capture "${tokens[$i]}" "${ours[$i]}" "$WORK/ceiling-$i.sql" 2>/dev/null
    echo "${names[$i]}: $(grep -c . "$WORK/ceiling-$i.sql") statements per request" >&2
  done
  # Only one server holds its pool of 32 connections at a time: with three, pgbench's
  # clients would pass PostgreSQL's max_connections.
  rm -f "$WORK/ratios.jsonl"
  for round in 1 2 3; do
    [ "$round" = 1 ] || start_server
    for i in 0 1 2; do
      measure bangfu "${names[$i]}" "$round" "$URL" "${tokens[$i]}" "$(body "${ours[$i]}")" "$SERVER"
    done
    [ "$round" = 1 ] && for i in 0 1; do gql "${tokens[$i]}" "${ours[$i]}" >"$WORK/ours-$i.json"; done
    stop_server
    start_peer
    if [ "$round" = 1 ]; then
      for i in 0 1; do
        gql_at "$PEER_URL" "" "${theirs[$i]}" >"$WORK/theirs-$i.json"
        python3 "$ROOT/bench/ratios.py" same "${names[$i]}" "$WORK/ours-$i.json" "$WORK/theirs-$i.json" >&2
      done
    fi
    for i in 0 1 2; do
      measure peer "${names[$i]}" "$round" "$PEER_URL" "" "$(body "${theirs[$i]}")" "$PEER"
    done
    kill "$PEER"; wait "$PEER" 2>/dev/null || true
    for i in 0 1 2; do
      ceiling "${names[$i]}" "$round" "$WORK/ceiling-$i.sql"
    done
    if [ -n "${BENCH_BASELINE:-}" ]; then
      start_baseline
      for i in 0 1 2; do
        measure baseline "${names[$i]}" "$round" "$BASELINE_URL" "${tokens[$i]}" "$(body "${ours[$i]}")" "$BASELINE"
      done
      kill "$BASELINE"; wait "$BASELINE" 2>/dev/null || true
    fi
  done
  start_server
  python3 "$ROOT/bench/ratios.py" report "$WORK/ratios.jsonl"
}

case "$DATABASES" in
  postgres|sqlite) run_database "$DATABASES" ;;
  both) run_database postgres; run_database sqlite ;;
esac
