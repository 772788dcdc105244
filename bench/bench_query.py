"""Query latency through the Python API at growing collection sizes.

Usage::

    python bench/bench_query.py --sizes 1000,10000,100000 --queries 200

Sizes up to 10,000 use the mixed PDF/DOCX/TXT corpus, larger ones the text-only corpus; each
index is built once by `Indexer.run` and reused (see bench/common.py). Every kind of query (see
bench/queries.py) goes through `Library.search`, which is what `izde search` and the web app
call: ranked page of 10 hits, their snippets with the words marked, and the four facets.
"engine" is Whoosh alone on the same parsed plain queries (top 10, no snippets, no facets);
"document" is one whole report with the query's words marked, as the document page shows it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from common import DEFAULT_WORKDIR, ensure_index, percentiles, print_table
from queries import KINDS, make_queries

from search.config import Settings
from search.engine.whoosh.parser import Parser
from search.library import Library


def measure(index_dir: Path, count: int) -> list[list[object]]:
    """Rows of (kind, p50, p95, p99 ms, mean total hits) for one index."""
    # No time limit: a query slowed by a busy machine is measured, not cut short or refused.
    library = Library(Settings(index_dir=index_dir, search_seconds=float("inf")))
    queries = make_queries(count)
    for query in queries["plain"][:20]:  # open the index, load dictionaries, fill caches
        library.search(query.text)
    rows = []
    with library.version() as version:
        parser = Parser(library.settings)
        parsed = [parser.parse(query.text) for query in queries["plain"]]
        times, totals = [], []
        for query in parsed:
            started = time.perf_counter()
            totals.append(len(version.searcher.search(query, limit=10)))
            times.append(time.perf_counter() - started)
        rows.append(_row("engine", times, totals))
    tops: list[tuple[str, str]] = []
    for kind in KINDS:
        times, totals = [], []
        for query in queries[kind]:
            started = time.perf_counter()
            result = library.search(query.text, **query.filters)
            times.append(time.perf_counter() - started)
            totals.append(result.total)
            if kind == "plain" and result.hits:
                tops.append((result.hits[0].path, query.text))
        rows.append(_row(kind, times, totals))
    times = []
    for path, text in tops:
        started = time.perf_counter()
        library.document(path, text)
        times.append(time.perf_counter() - started)
    rows.append(_row("document", times, [1] * len(times)))
    return rows


def _row(kind: str, seconds: list[float], totals: list[int]) -> list[object]:
    p50, p95, p99 = (s * 1000 for s in percentiles(seconds))
    return [kind, p50, p95, p99, sum(totals) / len(totals)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated report counts")
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    for n in map(int, args.sizes.split(",")):
        index_dir = ensure_index(args.workdir, n, text_only=n > 10_000)
        build = json.loads((index_dir / "build.json").read_text())
        print(
            f"\n{n} reports ({'text-only' if n > 10_000 else 'mixed'}; index built in "
            f"{build['seconds']} s, peak RSS {build['peak_rss_mb']} MB), "
            f"{args.queries} queries of each kind, Python API\n"
        )
        rows = measure(index_dir, args.queries)
        print_table(["query", "p50 ms", "p95 ms", "p99 ms", "mean total hits"], rows)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
