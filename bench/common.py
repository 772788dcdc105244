"""Helpers shared by the performance benchmarks: where corpora live, child runs, tables.

Generated corpora and indexes go to a work folder outside the repository (`--workdir`, default
`$IZDE_BENCH_DIR` or /tmp/izde-bench) and are reused by later runs: generating 10,000 PDF and
DOCX reports takes minutes, indexing 100,000 reports longer.
"""

from __future__ import annotations

import json
import multiprocessing.forkserver
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from resource import RUSAGE_CHILDREN, RUSAGE_SELF, getrusage

import generate_corpus

from search.config import Settings
from search.indexer import Indexer

BENCH = Path(__file__).resolve().parent
DEFAULT_WORKDIR = Path(os.environ.get("IZDE_BENCH_DIR") or "/tmp/izde-bench")


def corpus(workdir: Path, n: int, text_only: bool = False) -> list[Path]:
    """Folders holding the first `n` reports (a multiple of 1,000) of the benchmark corpus.

    One corpus of a larger size serves every smaller one, even while it is still being written:
    its finished subfolder d000 is the first thousand reports, so 1k and 10k runs share files.
    """
    if n % 1000:
        raise SystemExit("--n must be a multiple of 1000")
    kind = "text" if text_only else "corpus"
    for out in sorted(workdir.glob(f"{kind}-*"), key=lambda p: int(p.name.split("-")[1])):
        folders = [out / f"d{k:03d}" for k in range(n // 1000)]
        if all(map(generate_corpus.folder_done, folders)):
            return folders
    out = workdir / f"{kind}-{n}"
    generate_corpus.generate(out, n, text_only=text_only)
    return [out / f"d{k:03d}" for k in range(n // 1000)]


def ensure_index(workdir: Path, n: int, text_only: bool = False) -> Path:
    """An Izde index of the first `n` benchmark reports, built once by `Indexer.run` exactly as
    `izde index` builds it, and reused; the build's seconds and peak RSS are kept beside it in
    build.json (100,000 text reports take about 17 minutes)."""
    index_dir = workdir / f"index-{'text' if text_only else 'mixed'}-{n}"
    if not (index_dir / "build.json").exists():
        folders = corpus(workdir, n, text_only)
        shutil.rmtree(index_dir, ignore_errors=True)
        with Timer() as timer:
            Indexer(Settings(index_dir=index_dir)).run(folders)
        how = "Indexer.run"
        build = {"docs": n, "seconds": round(timer.seconds, 1), "peak_rss_mb": round(peak_rss_mb())}
        (index_dir / "build.json").write_text(json.dumps(build | {"how": how}) + "\n")
    return index_dir


def stop_fork_server() -> None:
    """Stop and reap multiprocessing's fork server, if this process started one, so that the
    extraction workers it forked and reaped count in this process's RUSAGE_CHILDREN (and so in
    a parent's `run_child` figure). Workers are forked from it where the system has one
    (search.workers); it has no public stop, hence the private call."""
    server = multiprocessing.forkserver._forkserver
    if getattr(server, "_forkserver_pid", None) is not None:
        server._stop()


def peak_rss_mb() -> float:
    """The peak RSS in MB of this process or of its largest worker."""
    stop_fork_server()
    return max(getrusage(who).ru_maxrss for who in (RUSAGE_SELF, RUSAGE_CHILDREN)) / 1024


def run_child(args: Sequence[str], env: dict[str, str] | None = None) -> tuple[dict, float]:
    """Run a Python child that prints one JSON object last; return it and the child's peak RSS
    in MB (of the child or its largest waited-for descendant, as the kernel reports it)."""
    process = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=BENCH.parent,
    )
    out = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(args)} failed with exit code {process.returncode}")
    return json.loads(out.decode().strip().splitlines()[-1]), usage.ru_maxrss / 1024


def percentiles(samples: Sequence[float], points: Sequence[float] = (50, 95, 99)) -> list[float]:
    """Nearest-rank percentiles of `samples`."""
    ordered = sorted(samples)
    last = len(ordered) - 1
    return [ordered[min(last, max(0, round(p / 100 * len(ordered)) - 1))] for p in points]


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A Markdown table, so a run's output pastes into the README as it is."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(headers)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        print("| " + " | ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) + " |")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:.3g}" if value < 1 else f"{value:.1f}"
    return str(value)


class Timer:
    """Wall-clock seconds of a `with` block."""

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
