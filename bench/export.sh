#!/usr/bin/env bash
# Peak memory of the city-wide case summary as .csv (see bench/RESULTS.md).
#
#   bench/export.sh <binary> <seeded.sqlite> [rounds]
#
# Seed the file once with `bangfu seed-demo --workers 1000000` (about 100,000 cases).
# Each round starts the server on the file, logs in as demo-admin, reads the server's
# peak RSS (VmHWM), downloads GET /exports/cases.csv, and reads the peak again; it prints
# both peaks, the seconds of the download, its size and its sha256.
set -euo pipefail

BIN=$1
FILE=$2
ROUNDS=${3:-2}
PORT=18082
export BANGFU_DATABASE_URL="sqlite://$FILE?mode=rwc"
export BANGFU_JWT_SECRET=bench-secret-bench-secret-bench-secret
export BANGFU_ADMIN_PASSWORD=bench-admin-password
export RUST_LOG=${RUST_LOG:-warn}
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

for round in $(seq 1 "$ROUNDS"); do
  BANGFU_BIND=127.0.0.1:$PORT "$BIN" serve >/dev/null 2>&1 &
  SERVER=$!
  trap 'kill $SERVER 2>/dev/null || true; rm -f "$OUT"' EXIT
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  token=$(curl -fsS "http://127.0.0.1:$PORT/graphql" -H 'Content-Type: application/json' \
    -d '{"query":"mutation { login(input: {username: \"demo-admin\", password: \"bangfu-demo\"}) { token } }"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["token"])')
  before=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status")
  seconds=$(curl -fsS -H "Authorization: Bearer $token" -o "$OUT" -w '%{time_total}' \
    "http://127.0.0.1:$PORT/exports/cases.csv")
  after=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER/status")
  echo "round $round: peak RSS ${before} MB before, ${after} MB after; ${seconds} s;" \
    "$(stat -c %s "$OUT") bytes, $(wc -l <"$OUT") lines, sha256 $(sha256sum "$OUT" | cut -c1-16)"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
done
