"""What reading files in isolated worker processes costs, on the bundled corpus.

Usage::

    python bench/worker_overhead.py [--repeat 3]

Times, median of `--repeat` runs: reading every corpus file in this process, one after another
(extraction and language detection, as before the workers); the same through ExtractionPool
with 1 and 2 workers, their start-up included; and a whole `izde index` of the corpus with 1 and
2 workers, start-up and imports included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import print_table

from search.config import Settings, bundled_corpus
from search.extract.base import no_progress
from search.sources import find_files
from search.workers import ExtractionPool, Job, read_document


def seconds(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = [source.path for source in find_files([bundled_corpus()])[0]]
    job = Job(ocr=None, max_chars=Settings(index_dir=Path()).max_text_chars)

    def in_process() -> None:
        for path in paths:
            read_document(path, job, no_progress)

    def pool(workers: int):
        def run() -> None:
            settings = Settings(index_dir=Path(), workers=workers)
            with ExtractionPool(settings, job) as extraction:
                assert all(outcome.doc for outcome in extraction.map(paths))

        return run

    def izde(workers: int):
        def run() -> None:
            with tempfile.TemporaryDirectory() as index:
                subprocess.run(
                    [sys.executable, "-m", "search", "index", "--index", index, bundled_corpus()],
                    check=True,
                    capture_output=True,
                    env={**os.environ, "IZDE_WORKERS": str(workers)},
                )

        return run

    in_process()  # imports and caches warm, as in a long-running indexer
    cases = [
        ("read in this process", in_process),
        ("ExtractionPool, 1 worker", pool(1)),
        ("ExtractionPool, 2 workers", pool(2)),
        ("izde index, 1 worker", izde(1)),
        ("izde index, 2 workers", izde(2)),
    ]
    rows = [
        [name, statistics.median(seconds(run) for _ in range(args.repeat))] for name, run in cases
    ]
    print(f"{len(paths)} files of {bundled_corpus()}, {os.cpu_count()} CPUs\n")
    print_table(["extraction", "seconds"], rows)


if __name__ == "__main__":
    main()
