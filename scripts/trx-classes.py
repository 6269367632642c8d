#!/usr/bin/env python3
"""Per-class test time from a TRX file (dotnet test --logger trx): where the suite's wall time goes.

Usage: scripts/trx-classes.py RESULTS.trx [--top N]

For each test class: cases, the sum of its cases' durations, its busy time (the union of its cases' start–end
intervals: wall time during which at least one of its cases ran), how much of that busy time had a case of
another class running too (overlap), and its first start and last end relative to the run's first start.
A class with little overlap ran alone (a DisableParallelization collection): all its busy time adds to the
suite's wall time. Sorted by busy time. Standard library only.
"""
import argparse
import signal
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def parse_time(text):
    # 2026-12-07T15:27:14.9897891+00:00: seven fractional digits, which fromisoformat takes from Python 3.11 on;
    # cut them to six for older versions.
    zone = text[-6:] if text[-6] in "+-" else "+00:00"
    clock = text[:-6] if text[-6] in "+-" else text.rstrip("Z")
    seconds, _, fraction = clock.partition(".")
    return datetime.fromisoformat(f"{seconds}.{fraction[:6].ljust(6, '0')}{zone}")


def parse_duration(text):
    hours, minutes, seconds = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def union(intervals):
    """Sorted, merged copy of (start, end) intervals."""
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def length(intervals):
    return sum(end - start for start, end in intervals)


def intersect(a, b):
    """Length of the intersection of two merged interval lists."""
    i = j = 0
    total = 0.0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if end > start:
            total += end - start
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def main():
    # Piped into head: stop quietly.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("trx")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    try:
        root = ET.parse(args.trx).getroot()
    except (OSError, ET.ParseError) as error:
        sys.exit(f"trx-classes: cannot read {args.trx}: {error}")

    class_of = {}
    for test in root.iterfind("t:TestDefinitions/t:UnitTest", NS):
        method = test.find("t:TestMethod", NS)
        class_of[test.get("id")] = method.get("className")

    cases = {}
    for result in root.iterfind("t:Results/t:UnitTestResult", NS):
        if result.get("startTime") is None or result.get("endTime") is None:
            continue
        name = class_of.get(result.get("testId"), "?")
        cases.setdefault(name, []).append(
            (parse_time(result.get("startTime")).timestamp(), parse_time(result.get("endTime")).timestamp(),
             parse_duration(result.get("duration", "0:0:0"))))
    if not cases:
        sys.exit(f"trx-classes: no test result with times in {args.trx}")

    first = min(start for rows in cases.values() for start, _, _ in rows)
    last = max(end for rows in cases.values() for _, end, _ in rows)
    busy = {name: union([(s, e) for s, e, _ in rows]) for name, rows in cases.items()}
    everything = union([(s, e) for rows in cases.values() for s, e, _ in rows])

    # How many cases ran at once, over the wall time: the suite's use of xunit's parallel threads.
    events = sorted([(s, 1) for rows in cases.values() for s, _, _ in rows]
                    + [(e, -1) for rows in cases.values() for _, e, _ in rows])
    at_once = {}
    running, previous = 0, first
    for moment, step in events:
        at_once[running] = at_once.get(running, 0.0) + moment - previous
        running, previous = running + step, moment

    table = []
    for name, rows in cases.items():
        others = union([iv for other, ivs in busy.items() if other != name for iv in ivs])
        table.append((length(busy[name]), name, len(rows), sum(d for _, _, d in rows),
                      intersect(busy[name], others), busy[name][0][0] - first, busy[name][-1][1] - first))
    table.sort(reverse=True)

    total_cases = sum(len(rows) for rows in cases.values())
    print(f"{args.trx}: {total_cases} cases in {len(cases)} classes; wall {last - first:.0f} s "
          f"(first start to last end), busy {length(everything):.0f} s, "
          f"sum of durations {sum(d for rows in cases.values() for _, _, d in rows):.0f} s")
    print("cases running at once, share of the wall time: "
          + ", ".join(f"{n}: {at_once[n]:.0f} s" for n in sorted(at_once)))
    print()
    print("| # | class | cases | sum of durations s | busy s | overlapped s | alone s | from s | to s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for rank, (busy_s, name, count, summed, overlapped, start, end) in enumerate(table[:args.top], 1):
        short = name.removeprefix("SatDaemon.Tests.")
        print(f"| {rank} | {short} | {count} | {summed:.0f} | {busy_s:.0f} | {overlapped:.0f} | "
              f"{busy_s - overlapped:.0f} | {start:.0f} | {end:.0f} |")


if __name__ == "__main__":
    main()
