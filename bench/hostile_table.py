"""Hostile and broken input: per category, how many files were tried, indexed, reported with a
reason, and crashed on (must be 0).

Usage::

    python bench/hostile_table.py            # the table
    python bench/hostile_table.py --reasons  # and every file's outcome

Writes the files of tests/hostile.py (real PDFs from ../shared/data/pdf-real if present, cut
and garbage files, zip bombs, a 50 MB text, scans, strange names, empty files, links) to a
temporary folder and indexes them once with the default settings, as `izde index` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from common import print_table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile import tally, write_hostile

from search.config import Settings
from search.indexer import Indexer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reasons", action="store_true", help="list every file's outcome")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="izde-hostile-") as work:
        root = Path(work, "reports")
        tried = write_hostile(root)
        settings = Settings(index_dir=Path(work, "index"))
        started = time.perf_counter()
        report = Indexer(settings).run([root])
        seconds = time.perf_counter() - started
    rows = tally(report, tried)
    totals = {key: sum(row[key] for row in rows.values()) for key in next(iter(rows.values()))}
    print_table(
        ["category", "tried", "indexed", "reported", "crashed"],
        [[name, *row.values()] for name, row in [*rows.items(), ("all", totals)]],
    )
    print(f"\nindexed in {seconds:.1f} s with {settings.workers} workers")
    if args.reasons:
        for doc_id, reason in report.failed:
            print(f"FAILED {doc_id}: {reason}")
        for doc_id, warning in report.warnings:
            print(f"warning {doc_id}: {warning}")
    sys.exit(1 if totals["crashed"] else 0)


if __name__ == "__main__":
    main()
