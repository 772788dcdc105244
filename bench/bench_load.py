"""Latency of `izde serve` under eight clients, while nothing changes and while `izde index` runs
commit new index versions one after another: p50/p95/p99 of each phase.

Usage::

    python bench/bench_load.py --n 2000 --duration 40                  # this tree
    python bench/bench_load.py --n 2000 --duration 40 --code /tmp/old  # another Izde tree

The server runs on a copy of the benchmark index (built once by bench/common.py), so the runs
change only the copy. In the second phase a loop adds one new report to a folder beside the
corpus and runs `izde index` over the corpus and that folder, each run committing a new
version of the index, while the eight clients send mixed queries (bench/queries.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from common import DEFAULT_WORKDIR, corpus, ensure_index, print_table
from queries import KINDS, make_queries
from serving import Clients, izde_command, izde_server

NEW_REPORT = (
    "Семинар {k}\n\nОблыстық кітапханада {k}-семинар өтті. "
    "В областной библиотеке прошёл семинар номер {k}. Seminar number {k} was held."
)


class IndexRuns:
    """`izde index` over the corpus and a folder of new reports, again and again, each run
    adding one report (so each commits a new version), until stopped."""

    def __init__(self, index_dir: Path, roots: list[Path], extra: Path, code: Path | None):
        self.command, self.env = izde_command(code)
        self.args = ["index", "--index", str(index_dir), *map(str, roots), str(extra)]
        self.extra = extra
        self.code = code
        self.seconds: list[float] = []
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        k = 0
        while not self._stop.is_set():
            k += 1
            (self.extra / f"new-{k:04d}.txt").write_text(NEW_REPORT.format(k=k), "utf-8")
            started = time.perf_counter()
            done = subprocess.run(
                [*self.command, *self.args],
                env=self.env,
                cwd=self.code,
                capture_output=True,
            )
            self.seconds.append(time.perf_counter() - started)
            self.failures += done.returncode != 0

    def __enter__(self) -> IndexRuns:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="reports in the index")
    parser.add_argument("--duration", type=float, default=40.0, help="seconds per phase")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--code", type=Path, default=None, help="Izde tree the server runs")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    built = ensure_index(args.workdir, args.n)
    roots = corpus(args.workdir, args.n)
    index_dir = args.workdir / f"load-index-{args.n}"
    extra = args.workdir / f"load-extra-{args.n}"
    for folder in (index_dir, extra):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(built, index_dir)
    extra.mkdir()
    queries = make_queries(50)
    mixed = [
        "/api/search?" + urlencode({"q": q.text, **q.filters})
        for group in zip(*(queries[k] for k in KINDS), strict=True)
        for q in group
    ]
    print(f"\n{args.n} reports, code: {args.code or 'this tree'}, {os.cpu_count()} cores\n")
    rows = []
    with izde_server(index_dir, args.code) as (port, _):
        with Clients(port, args.clients, lambda i: mixed[i % len(mixed)]):
            time.sleep(5)  # warm up
        quiet = Clients(port, args.clients, lambda i: mixed[i % len(mixed)])
        with quiet:
            time.sleep(args.duration)
        rows.append(["nothing changing", *quiet.figures(), "—"])
        runs = IndexRuns(index_dir, roots, extra, args.code)
        busy = Clients(port, args.clients, lambda i: mixed[i % len(mixed)])
        with runs, busy:
            time.sleep(args.duration)
        done = f"{len(runs.seconds)} ({statistics.mean(runs.seconds or [0]):.1f} s each"
        done += f", {runs.failures} failed)" if runs.failures else ")"
        rows.append(["`izde index` committing", *busy.figures(), done])
    print(f"{args.clients} clients, mixed API queries, {args.duration:.0f} s per phase\n")
    print_table(["phase", *Clients.COLUMNS, "index runs"], rows)
    shutil.rmtree(index_dir, ignore_errors=True)
    shutil.rmtree(extra, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
