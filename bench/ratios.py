#!/usr/bin/env python3
"""The bookkeeping of `bench/run.sh ... ratios`.

    ratios.py record FILE WHO SCENARIO ROUND oha|pgbench RESULT [RSS_MB]
    ratios.py same SCENARIO BANGFU_ANSWER PEER_ANSWER
    ratios.py report FILE

`record` appends one measurement (from oha's JSON or pgbench's output) to FILE, a JSON
line each. `same` fails unless bangfu's and PostGraphile's answers hold the same rows in
the same order. `report` prints every round and, per scenario, the medians of the ratios
of the same round: bangfu ÷ ceiling, bangfu ÷ the ceiling as sent (pgbench with the
server's parameters bound, not written in), bangfu ÷ PostGraphile, bangfu ÷ baseline.
"""
import base64
import json
import re
import statistics
import sys

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def record(path, who, scenario, round_, kind, result, rss=None):
    if kind == "oha":
        d = json.load(open(result))
        s, p = d["summary"], d["latencyPercentiles"]
        codes = d.get("statusCodeDistribution", {})
        errors = sum(n for c, n in codes.items() if not c.startswith("2"))
        errors += sum(d.get("errorDistribution", {}).values())
        row = {"rps": s["requestsPerSec"], "p50": p["p50"] * 1000, "p99": p["p99"] * 1000,
               "errors": errors}
    else:
        text = open(result).read()
        tps = re.search(r"^tps = ([0-9.]+)", text, re.M)
        failed = re.search(r"^number of failed transactions: (\d+)", text, re.M)
        latency = re.search(r"^latency average = ([0-9.]+) ms", text, re.M)
        row = {"rps": float(tps.group(1)) if tps else 0.0,
               "p50": float(latency.group(1)) if latency else None, "p99": None,
               "errors": int(failed.group(1)) if failed else (0 if tps else 1)}
    row.update({"who": who, "scenario": scenario, "round": int(round_)})
    if rss:
        row["rss"] = int(rss)
    with open(path, "a") as out:
        out.write(json.dumps(row) + "\n")


def ids(answer):
    """The row ids of a page, from bangfu's global IDs or PostGraphile's uuid column."""
    data = answer["data"]
    (connection,) = data.values()
    nodes = connection.get("nodes") or [e["node"] for e in connection["edges"]]
    out = []
    for node in nodes:
        raw = node["id"]
        if not UUID.match(raw):
            raw = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode().split(":", 1)[1]
        out.append(raw)
    return out


def same(scenario, bangfu_path, peer_path):
    ours, theirs = ids(json.load(open(bangfu_path))), ids(json.load(open(peer_path)))
    if not ours or ours != theirs:
        sys.exit(f"{scenario}: bangfu and PostGraphile answer different rows "
                 f"({len(ours)} and {len(theirs)}; first {ours[:1]} and {theirs[:1]})")
    print(f"{scenario}: the same {len(ours)} rows")


def fmt(x, digits=0):
    return "—" if x is None else f"{x:,.{digits}f}"


def report(path):
    rows = [json.loads(line) for line in open(path)]
    scenarios = list(dict.fromkeys(r["scenario"] for r in rows))
    print("| scenario | round | bangfu req/s | p50 ms | p99 ms | PostGraphile req/s | p50 ms |"
          " p99 ms | ceiling tx/s | as sent tx/s | baseline req/s | ÷ ceiling | ÷ as sent |"
          " ÷ PostGraphile | ÷ baseline |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    medians = {}
    for scenario in scenarios:
        ratios = {"ceiling": [], "sent": [], "peer": [], "baseline": []}
        for round_ in sorted({r["round"] for r in rows if r["scenario"] == scenario}):
            got = {r["who"]: r for r in rows if r["scenario"] == scenario and r["round"] == round_}
            ours = got.get("bangfu")
            cells = []
            for other in ratios:
                theirs = got.get(other)
                if ours and theirs and theirs["rps"]:
                    ratios[other].append(ours["rps"] / theirs["rps"])
                    cells.append(f"{ours['rps'] / theirs['rps']:.2f}")
                else:
                    cells.append("—")
            b, p = ours or {}, got.get("peer", {})
            print(f"| {scenario} | {round_} | {fmt(b.get('rps'))} | {fmt(b.get('p50'), 1)} |"
                  f" {fmt(b.get('p99'), 1)} | {fmt(p.get('rps'))} | {fmt(p.get('p50'), 1)} |"
                  f" {fmt(p.get('p99'), 1)} | {fmt(got.get('ceiling', {}).get('rps'))} |"
                  f" {fmt(got.get('sent', {}).get('rps'))} |"
                  f" {fmt(got.get('baseline', {}).get('rps'))} | {' | '.join(cells)} |")
        medians[scenario] = {k: statistics.median(v) if v else None for k, v in ratios.items()}
    print()
    print("| scenario | bangfu ÷ ceiling | bangfu ÷ as sent | bangfu ÷ PostGraphile |"
          " bangfu ÷ baseline | bangfu req/s | p99 ms | errors (all runs) |")
    print("|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        ours = [r for r in rows if r["scenario"] == scenario and r["who"] == "bangfu"]
        m = medians[scenario]
        errors = sum(r["errors"] for r in rows if r["scenario"] == scenario)
        print(f"| {scenario} | {fmt(m['ceiling'], 2)} | {fmt(m['sent'], 2)} | {fmt(m['peer'], 2)} |"
              f" {fmt(m['baseline'], 2)} | {fmt(statistics.median(r['rps'] for r in ours))} |"
              f" {fmt(statistics.median(r['p99'] for r in ours), 1)} | {errors} |")
    peak = {who: max((r.get("rss", 0) for r in rows if r["who"] == who), default=0)
            for who in ("bangfu", "peer", "baseline")}
    print()
    print(f"peak RSS: bangfu {peak['bangfu']} MB, PostGraphile {peak['peer']} MB,"
          f" baseline {peak['baseline']} MB")


def main():
    command, args = sys.argv[1], sys.argv[2:]
    {"record": record, "same": same, "report": report}[command](*args)


if __name__ == "__main__":
    main()
