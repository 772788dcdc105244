"""Queries as an attacker writes them, against `izde serve`: each one's time, and what an attacker
looping the worst of them does to normal clients (issue 16's table).

Usage::

    python bench/bench_attack.py --n 2000 --duration 30                  # this tree
    python bench/bench_attack.py --n 2000 --duration 30 --code /tmp/old  # another Izde tree

`--code` runs the server from another Izde source tree (for "before" figures:
`git archive aa34f6b | tar -x -C /tmp/old`), over the same index. First one client sends each
attack query three times (median time and status); then eight normal clients send mixed
queries (bench/queries.py) for `--duration` seconds, alone, with one attacker looping the worst
query, and with four.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from common import DEFAULT_WORKDIR, ensure_index, print_table
from queries import KINDS, make_queries
from serving import Clients, get, izde_server

LETTERS = "а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я ә ғ қ ң ө ұ ү һ і ы".split()
WORDS = "библиотека кітапхана library семинар конференция жиналыс meeting оқырман".split()
ATTACKS = {
    "plain word (for scale)": "библиотека",
    "38 prefixes (113 characters)": " ".join(f"{letter}*" for letter in LETTERS),
    "38 two-letter prefixes": " ".join(f"{letter}а*" for letter in LETTERS),
    "ranges in three fields": "title:[а TO я] body_ru:[а TO я] body_kk:[а TO я]",
    "a range in every field": "[а TO я]",
    "wildcards": "*а* б*б *и* к* *о",
    "long OR (1,000 characters)": " OR ".join(WORDS * 40)[:1000],
    "1,000 characters of words": " ".join(WORDS * 40)[:1000],
}
WORST = "38 prefixes (113 characters)"


def attack_times(port: int) -> list[list[object]]:
    rows = []
    for name, text in ATTACKS.items():
        times, statuses = [], set()
        for _ in range(3):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
            started = time.perf_counter()
            status, _ = get(connection, "/api/search?" + urlencode({"q": text}))
            times.append(time.perf_counter() - started)
            statuses.add(status)
        rows.append(
            [
                name,
                len(text),
                statuses.pop() if len(statuses) == 1 else statuses,
                statistics.median(times) * 1000,
            ]
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="reports in the index")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per load run")
    parser.add_argument("--code", type=Path, default=None, help="Izde tree the server runs")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    index_dir = ensure_index(args.workdir, args.n)
    queries = make_queries(50)
    mixed = [
        "/api/search?" + urlencode({"q": q.text, **q.filters})
        for group in zip(*(queries[k] for k in KINDS), strict=True)
        for q in group
    ]
    worst = "/api/search?" + urlencode({"q": ATTACKS[WORST]})
    print(f"\n{args.n} reports, code: {args.code or 'this tree'}, {os.cpu_count()} cores\n")
    with izde_server(index_dir, args.code) as (port, _):
        for url in mixed[:40]:  # warm up
            get(http.client.HTTPConnection("127.0.0.1", port), url)
        print("each attack query alone, three times\n")
        print_table(["query", "characters", "status", "median ms"], attack_times(port))
        rows = []
        for attackers in (0, 1, 4):
            normal = Clients(port, 8, lambda i: mixed[i % len(mixed)])
            attack = Clients(port, attackers, lambda i: worst)
            with attack, normal:
                time.sleep(args.duration)
            label = f"8 clients, {attackers} attacker{'s' if attackers != 1 else ''} looping"
            rows.append([label, *normal.figures()[:6], attack.figures()[-1] if attackers else "—"])
    print(f"\nnormal clients' mixed queries for {args.duration:.0f} s\n")
    print_table(["load", *Clients.COLUMNS[:6], "attackers' answers"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
