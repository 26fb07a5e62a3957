#!/usr/bin/env bash
# The spreadsheet imports at their limit: 2,000 rows per file (see bench/README.md).
#
#   bench/import.sh [sqlite|postgres|both] [binary]
#
# For each database and round: a fresh database with the demo users (seed-demo --workers
# 100), then importWorkers (1,000 households of two rows), importJobSeekers (2,000 rows)
# and importEmployers (2,000 rows) as CSV, each once to file the records and once more
# to update them all. Prints the seconds of each request (curl's total time) with the
# counts the import answered, or the error's code. BENCH_ROUNDS (default 3), BENCH_PG (default
# postgres://postgres@127.0.0.1:5432).
set -euo pipefail

DATABASES=${1:-both}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${2:-${CARGO_TARGET_DIR:-$ROOT/target}/release/bangfu}
ROUNDS=${BENCH_ROUNDS:-3}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
WORK=$ROOT/bench/.work/import
PORT=18081
URL=http://127.0.0.1:$PORT/graphql
mkdir -p "$WORK"
case "$DATABASES" in
  sqlite) LIST="sqlite" ;; postgres) LIST="postgres" ;; both) LIST="sqlite postgres" ;;
  *) echo "usage: bench/import.sh [sqlite|postgres|both] [binary]" >&2; exit 2 ;;
esac
if [ ! -x "$BIN" ]; then
  (cd "$ROOT" && cargo build --release --bin bangfu)
fi

export BANGFU_JWT_SECRET=bench-secret-bench-secret-bench-secret
export BANGFU_ADMIN_PASSWORD=bench-admin-password
export RUST_LOG=${RUST_LOG:-warn}

# The three files: valid ID numbers (GB 11643) and credit codes (GB 32100).
python3 - "$WORK" <<'PY'
import csv, datetime, sys
work = sys.argv[1]

def id_number(i):
    born = datetime.date(1970, 1, 1) + datetime.timedelta(days=i // 2)
    body = "110101" + born.strftime("%Y%m%d") + "%03d" % (100 + i % 2)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
    return body + check

CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
def credit_code(i):
    body = "91110000" + "%09d" % (100000 + i)
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(CHARS.index(c) * w for c, w in zip(body, weights))
    return body + CHARS[(31 - total % 31) % 31]

def write(name, header, rows):
    with open(f"{work}/{name}", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)

rows = []
for h in range(1000):
    worker = id_number(2 * h)
    rows.append([worker, "本人", "职工%d" % h, "正式", "下岗", "初中", "工人", "1800", "", "", "1"])
    rows.append([worker, "配偶", "配偶%d" % h, "", "", "", "", "600", "健康", "", ""])
write("workers.csv", ["职工身份证号", "与职工关系", "姓名", "用工形式", "就业状态", "文化程度",
                      "职业", "月收入（元）", "健康状况", "就学情况", "住房套数"], rows)
write("seekers.csv", ["姓名", "身份证号", "人员类别", "文化程度", "技能特长", "期望月薪（元）",
                      "期望工作区域"],
      [["求职者%d" % i, id_number(2 * i + 1), "下岗失业", "高中", "收银、叉车", "3000", "510104"]
       for i in range(2000)])
write("employers.csv", ["单位名称", "统一社会信用代码", "所有制性质", "所属行业", "所在区域",
                        "联系人", "联系电话"],
      [["单位%d有限公司" % i, credit_code(i), "私营", "机械冶金", "510104", "王强", "028-87654321"]
       for i in range(2000)])
PY

login() { # username -> token
  curl -fsS "$URL" -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation { login(input: {username: \\\"$1\\\", password: \\\"bangfu-demo\\\"}) { token } }\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["token"])'
}

# One import request: prints "seconds created updated failed".
upload() { # token mutation file
  local ops="{\"query\":\"mutation(\$f: Upload!) { $2(input: {file: \$f}) { created updated failed } }\",\"variables\":{\"f\":null}}"
  curl -fsS "$URL" -H "Authorization: Bearer $1" \
    -F "operations=$ops" -F 'map={"0":["variables.f"]}' -F "0=@$WORK/$3;type=text/csv" \
    -w '\n%{time_total}\n' -o "$WORK/answer.json" >"$WORK/time.txt"
  python3 - "$WORK/answer.json" "$(tail -1 "$WORK/time.txt")" "$2" <<'PY'
import json, sys
answer = json.load(open(sys.argv[1]))
if answer.get("errors"):
    print(sys.argv[2], "error", answer["errors"][0]["extensions"]["code"])
    sys.exit()
d = answer["data"][sys.argv[3]]
print(sys.argv[2], d["created"], d["updated"], d["failed"])
PY
}

for db in $LIST; do
  for round in $(seq 1 "$ROUNDS"); do
    if [ "$db" = postgres ]; then
      psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS bangfu_bench_import" >/dev/null
      psql "$PG/postgres" -qc "CREATE DATABASE bangfu_bench_import" >/dev/null
      export BANGFU_DATABASE_URL="$PG/bangfu_bench_import?sslmode=disable"
    else
      rm -f "$WORK"/run.sqlite*
      export BANGFU_DATABASE_URL="sqlite://$WORK/run.sqlite?mode=rwc"
    fi
    "$BIN" seed-demo --workers 100 >/dev/null 2>&1
    BANGFU_BIND=127.0.0.1:$PORT "$BIN" serve >"$WORK/server.log" 2>&1 &
    SERVER=$!
    trap 'kill $SERVER 2>/dev/null || true' EXIT
    for _ in $(seq 1 300); do
      curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
      sleep 0.2
    done
    caseworker=$(login demo-caseworker)
    agency=$(login demo-agency)
    for kind in "importWorkers workers.csv $caseworker" "importJobSeekers seekers.csv $agency" \
                "importEmployers employers.csv $agency"; do
      set -- $kind
      first=$(upload "$3" "$1" "$2")
      again=$(upload "$3" "$1" "$2")
      echo "$db round $round $1: new $first | again $again"
    done
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  done
done
