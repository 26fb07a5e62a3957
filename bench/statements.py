#!/usr/bin/env python3
"""Turns the statements PostgreSQL logged for one request into a pgbench script.

    bench/statements.py LOG OFFSET DATABASE [DEFINES] > request.sql

LOG is the server's log with `log_statement = 'all'`, OFFSET the byte where the request's
entries begin, DATABASE the one the server under test uses (the log prefix names it, as
Debian's default `%m [%p] %q%u@%d ` does). Each logged statement becomes one line of the
script with its bound parameters written in as literals, in the order it ran, so that
pgbench replays exactly what the server sent for that request. Prints the number of
statements to standard error.

With DEFINES, the parameters stay parameters, as the server sends them: each `$n` becomes a
pgbench variable (`:s1p1`), which `pgbench -M prepared` sends as a bound parameter, and
DEFINES receives their values, one `NAME=VALUE` per line, for `pgbench -D`. PostgreSQL then
plans each execution for its values as it does the server's (a custom plan), where a script
of literals is planned once, at prepare.
"""
import re
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] \S*@(\S+) (\w+):  (.*)$")
STATEMENT = re.compile(r"^(?:statement|execute [^:]+): (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def entries(text, database):
    """(pid, level, message) of each log entry of `database`, continuation lines joined."""
    current = None
    for line in text.splitlines():
        match = ENTRY.match(line)
        if match:
            if current:
                yield current
            pid, db, level, message = match.groups()
            current = (pid, level, message) if db == database else None
        elif current and line.startswith("\t"):
            current = (current[0], current[1], current[2] + "\n" + line[1:])
    if current:
        yield current


def unquote(literal):
    """The value of a logged parameter: `'it''s'` is `it's`."""
    return literal[1:-1].replace("''", "'")


def main():
    path, offset, database = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    defines = open(sys.argv[4], "w") if len(sys.argv) > 4 else None
    with open(path, "rb") as log:
        log.seek(offset)
        text = log.read().decode("utf-8", "replace")
    statements = []
    # Statements of one request may run at once on several connections: a statement's
    # parameters follow it on its own connection (process id).
    last = {}
    for pid, level, message in entries(text, database):
        if level == "LOG":
            match = STATEMENT.match(message)
            if match and not match.group(1).startswith("LISTEN"):
                last[pid] = len(statements)
                statements.append(match.group(1).strip().rstrip(";"))
        elif level == "DETAIL" and message.lower().startswith("parameters: ") and pid in last:
            values = dict(PARAMETER.findall(message))
            at = last[pid]
            sql = statements[at]
            for n in sorted(values, key=int, reverse=True):
                if defines and values[n] != "NULL":
                    name = f"s{at + 1}p{n}"
                    sql = sql.replace(f"${n}", f":{name}")
                    print(f"{name}={unquote(values[n])}", file=defines)
                else:
                    sql = sql.replace(f"${n}", values[n])
            statements[at] = sql
    for sql in statements:
        print(sql + ";")
    print(len(statements), file=sys.stderr)


if __name__ == "__main__":
    main()
