"""A library's first `izde index`: `Indexer.run` from scratch on the benchmark corpus, at any size.

    python bench/bench_build.py --n 100000 --text-only   # 100k text reports, 2 workers

Prints the seconds, reports per second and the peak RSS of the run (this process or its largest
worker). The index is written to a fresh folder in the work directory and removed afterwards;
the corpus is generated once and kept (bench/common.py).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from common import DEFAULT_WORKDIR, Timer, corpus, peak_rss_mb

from search.config import Settings
from search.indexer import Indexer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports (a multiple of 1000)")
    parser.add_argument("--text-only", action="store_true", help="the text-only corpus")
    parser.add_argument("--workers", type=int, default=2, help="extraction worker processes")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    folders = corpus(args.workdir, args.n, args.text_only)
    index_dir = args.workdir / f"index-build-{'text' if args.text_only else 'mixed'}-{args.n}"
    shutil.rmtree(index_dir, ignore_errors=True)
    try:
        with Timer() as timer:
            report = Indexer(Settings(index_dir=index_dir, workers=args.workers)).run(folders)
    finally:
        shutil.rmtree(index_dir, ignore_errors=True)
    peak = peak_rss_mb()
    print(
        f"{len(report.added):,} reports indexed from scratch ({len(report.failed)} failed), "
        f"{args.workers} workers: {timer.seconds:.1f} s ({timer.seconds / 60:.1f} min, "
        f"{len(report.added) / timer.seconds:.0f} reports/s), peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
