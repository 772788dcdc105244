"""Extraction workers: a file that hangs, crashes or eats memory fails alone, and the run goes on.

The tasks below stand in for a parser gone wrong; the workers import them from this module.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import sys
import time
from pathlib import Path

import pytest

from search.config import Settings
from search.extract.base import Document, ExtractionError
from search.workers import ExtractionPool, Job, WorkerError

JOB = Job(ocr=None, max_chars=1000)


def misbehave(path: Path, job: Job, progress) -> Document:
    """Does what the file's name says; other names are read fine."""
    name = path.name
    if name == "hang":
        time.sleep(3600)
    elif name == "segfault":
        ctypes.string_at(0)  # a C parser reading address 0
    elif name == "exit":
        os._exit(7)
    elif name == "memory":
        bytearray(64 * 2**30)
    elif name == "bug":
        raise KeyError("xref")
    elif name == "broken":
        raise ExtractionError("broken PDF: startxref not found")
    elif name == "missing":
        path.read_bytes()
    elif name == "slow":
        for _ in range(12):  # 2.4 s in all, longer than the time limit, with signs of life
            time.sleep(0.2)
            progress()
    return Document(text=f"{name} read by {os.getpid()}", format="txt")


def pool_settings(tmp_path: Path, **overrides) -> Settings:
    values = {"workers": 2, "extract_timeout": 1.5, "extract_memory_mb": 1024, **overrides}
    return Settings(index_dir=tmp_path / "index", **values)


def outcomes(settings: Settings, names: list[str], tmp_path: Path) -> list[tuple[str, str]]:
    with ExtractionPool(settings, JOB, task=misbehave) as pool:
        return [
            (outcome.doc.text.split()[0] if outcome.doc else "", outcome.reason)
            for outcome in pool.map([tmp_path / name for name in names])
        ]


def test_bad_files_fail_alone_in_order_and_the_pool_recovers(tmp_path: Path) -> None:
    names = ["a", "hang", "b", "segfault", "c", "exit", "d", "bug", "e", "broken", "f", "missing"]
    started = time.monotonic()
    results = dict(zip(names, outcomes(pool_settings(tmp_path), names, tmp_path), strict=True))
    assert time.monotonic() - started < 30
    for name in "abcdef":
        assert results[name] == (name, "")
    assert results["hang"] == ("", "timed out after 1.5 s without progress")
    if os.name == "posix":
        assert results["segfault"] == ("", "extractor crashed (signal 11 SIGSEGV)")
    else:
        assert results["segfault"][1].startswith("extractor crashed (exit code")
    assert results["exit"] == ("", "extractor crashed (exit code 7)")
    assert results["bug"] == ("", "extractor error: KeyError: 'xref'")
    assert results["broken"] == ("", "broken PDF: startxref not found")
    assert results["missing"] == ("", "cannot read: No such file or directory")


@pytest.mark.skipif(sys.platform != "linux", reason="the cap is RLIMIT_AS, enforced on Linux")
def test_memory_blow_up_fails_the_file_and_the_worker_is_replaced(tmp_path: Path) -> None:
    settings = pool_settings(tmp_path, workers=1, extract_memory_mb=512)
    results = outcomes(settings, ["a", "memory", "b"], tmp_path)
    assert results == [
        ("a", ""),
        ("", "too large to extract (memory limit 512 MB)"),
        ("b", ""),
    ]


def test_a_slow_file_that_shows_progress_is_not_timed_out(tmp_path: Path) -> None:
    assert outcomes(pool_settings(tmp_path, extract_timeout=1.0), ["slow"], tmp_path) == [
        ("slow", "")
    ]


def test_files_are_read_in_parallel_by_separate_processes(tmp_path: Path) -> None:
    with ExtractionPool(pool_settings(tmp_path), JOB, task=misbehave) as pool:
        docs = [outcome.doc for outcome in pool.map([tmp_path / "slow", tmp_path / "slow"])]
    readers = {doc.text.split()[-1] for doc in docs if doc}
    assert len(readers) == 2 and str(os.getpid()) not in readers


def readers(tmp_path: Path, names: list[str]) -> set[str]:
    """The processes that read `names` in one pool of two workers."""
    with ExtractionPool(pool_settings(tmp_path), JOB, task=misbehave) as pool:
        return {outcome.doc.text.split()[-1] for outcome in pool.map(names) if outcome.doc}


def test_a_few_short_files_start_one_worker_and_many_start_more(tmp_path: Path) -> None:
    # A worker costs more to start than a short text costs to read.
    assert len(readers(tmp_path, [tmp_path / f"short-{n}" for n in range(5)])) == 1
    assert len(readers(tmp_path, [tmp_path / f"short-{n}" for n in range(40)])) == 2


def test_workers_that_cannot_start_stop_the_run_with_one_error(tmp_path: Path) -> None:
    # A task whose module the workers cannot import: a broken installation.
    module = tmp_path / "vanishing_task.py"
    module.write_text("def read(path, job, progress):\n    return None\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        task = importlib.import_module("vanishing_task").read
        module.unlink()
        with (
            pytest.raises(WorkerError, match="failed to start"),
            ExtractionPool(pool_settings(tmp_path), JOB, task=task) as pool,
        ):
            list(pool.map([tmp_path / "a", tmp_path / "b"]))
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("vanishing_task", None)


def test_nothing_to_read_starts_no_worker(tmp_path: Path) -> None:
    with ExtractionPool(pool_settings(tmp_path), task=misbehave) as pool:
        assert list(pool.map([])) == []
        assert pool.job is None  # OCR programs were not even looked up
