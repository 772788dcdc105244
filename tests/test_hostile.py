"""Hostile and broken input (see hostile.py): each file is indexed or reported with a one-line
reason, none crashes a worker, the run says how many failed, and nothing indexed is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FONT, PDF_REAL, ROOT
from hostile import CATEGORIES, tally, write_hostile

from search.config import Settings
from search.extract.ocr import Ocr
from search.indexer import Indexer, Report
from search.library import Library

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    if not FONT.is_file():
        pytest.skip(f"no DejaVu font at {FONT} to draw PDFs with")
    root = tmp_path_factory.mktemp("hostile") / "reports"
    return root, write_hostile(root)


@pytest.fixture(scope="module")
def first_run(
    hostile_files: tuple[Path, dict[str, int]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Settings, Report]:
    # A lower text limit than the default keeps the 50 MB dump quick; the cut is the same.
    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), max_text_chars=1_000_000)
    return settings, Indexer(settings).run([hostile_files[0]])


def test_every_file_is_indexed_or_reported_and_none_crashes(
    hostile_files: tuple[Path, dict[str, int]], first_run: tuple[Settings, Report]
) -> None:
    tried, report = hostile_files[1], first_run[1]
    rows = tally(report, tried)
    print("\n" + "\n".join(f"{name}: {row}" for name, row in rows.items()))
    assert all(row["crashed"] == 0 for row in rows.values()), rows
    assert all(rows[name]["tried"] > 0 for name in CATEGORIES if name != "pdf-real")
    for doc_id, reason in report.failed:
        assert reason.strip() and "\n" not in reason and len(reason) < 200, (doc_id, reason)
        assert "timed out" not in reason, (doc_id, reason)
    assert rows["good"]["indexed"] == rows["good"]["tried"]
    assert rows["names"]["indexed"] == rows["names"]["tried"]


def test_each_kind_of_damage_has_its_own_reason(first_run: tuple[Settings, Report]) -> None:
    failed = dict(first_run[1].failed)
    assert failed["zip-bomb/bomb.docx"].endswith("(a zip bomb?)")
    assert failed["zip-bomb/laughs.docx"].startswith("broken DOCX: ")
    assert failed["garbage/random.pdf"] == "not a PDF file (content looks like binary data)"
    assert failed["garbage/old-word.docx"].endswith(
        "(content looks like an old Office .doc/.xls file)"
    )
    assert failed["garbage/nested-arrays.pdf"].startswith("broken PDF")
    assert failed["huge/video-renamed.txt"] == "too large: 250 MB (the limit is 200 MB)"
    assert failed["empty/empty.docx"] == "empty file"
    assert all(
        reason.startswith(("broken PDF: probably truncated", "broken DOCX"))
        for doc_id, reason in failed.items()
        if doc_id.startswith("truncated/")
    )
    if os.name == "posix":
        assert failed["links/loop.txt"] == "symbolic link, not followed"
        assert failed["links/up"] == "symbolic link, not followed"
        assert failed["links/pipe.txt"] == "not a regular file"
    if PDF_REAL.is_dir():
        assert failed["pdf-real/r4-aes-user-password.pdf"] == "encrypted: needs a password"


def test_renamed_huge_and_scanned_files_are_indexed(first_run: tuple[Settings, Report]) -> None:
    settings, report = first_run
    added, failed, warnings = set(report.added), dict(report.failed), set(report.warnings)
    assert {"garbage/word-renamed.pdf", "garbage/pdf-renamed.docx"} <= added
    assert {"huge/dump.txt", "huge/annual-report.pdf", "links/folder.pdf/inside.txt"} <= added
    assert ("huge/dump.txt", "text cut at 1,000,000 characters: the rest is not searchable") in (
        warnings
    )
    if Ocr.find(settings.ocr_languages, timeout=60):
        assert "scanned/scan-kk-ru.pdf" in added
        assert failed["scanned/blank-scan.pdf"] == "scanned, no text layer: no text found by OCR"
    else:
        assert failed["scanned/scan-kk-ru.pdf"] == (
            "scanned, no text layer — install tesseract to index it"
        )


def test_strange_file_names_are_indexed_and_printable(first_run: tuple[Settings, Report]) -> None:
    settings, report = first_run
    names = {doc_id for doc_id in report.added if doc_id.startswith("names/")}
    assert 'names/it\'s "quoted".txt' in names
    assert "names/new\\x0aline.txt" in names  # one line in any listing
    if os.name == "posix":
        assert "names/\\xff\\xfe-latin1-\\xe9t\\xe9.txt" in names  # bytes that are not UTF-8
    hits = {hit.path for hit in Library(settings).search("апталығы", limit=50).hits}
    assert names <= hits


def test_an_unchanged_rerun_counts_the_files_still_failing_and_exits_0(
    hostile_files: tuple[Path, dict[str, int]], first_run: tuple[Settings, Report]
) -> None:
    settings, report = first_run
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "search",
            "index",
            "--index",
            str(settings.index_dir),
            hostile_files[0],
        ],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "IZDE_MAX_TEXT_CHARS": "1000000"},
    )
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    # The first run failed those files (exit 1); unchanged, they fail no later run.
    assert done.returncode == 0, err
    summary = f" 0 updated, 0 removed, {len(report.added)} unchanged, 0 failed, "
    assert f"{summary}{len(report.failed)} still failing as before (izde problems)" in out
    assert not [line for line in err.splitlines() if line.startswith("FAILED ")]


def test_a_report_that_breaks_later_keeps_its_indexed_version(
    hostile_files: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    good = hostile_files[0] / "good"
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in good.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    settings = Settings(index_dir=tmp_path / "index")
    assert len(Indexer(settings).run([folder]).added) == 5
    found = {hit.path for hit in Library(settings).search("кітапхана OR library").hits}
    # Broken uploads replace every report: cut short, emptied, binary, garbage, a zip bomb.
    bomb = (hostile_files[0] / "zip-bomb" / "bomb.docx").read_bytes()
    broken = {".pdf": b"%PDF-1.4\n1 0 obj", ".html": b"", ".txt": b"\x00" * 9, ".docx": bomb}
    for number, path in enumerate(sorted(folder.iterdir())):
        path.write_bytes(broken.get(path.suffix, os.urandom(500)))
        os.utime(path, ns=(1, 10**18 + number))
    for rebuild in (False, True):
        report = Indexer(settings).run([folder], rebuild=rebuild)
        # Changed, they fail; unchanged since, the rebuild lists them as still failing.
        assert len(report.still_failing if rebuild else report.failed) == 5
        assert not report.removed
        assert {hit.path for hit in Library(settings).search("кітапхана OR library").hits} == found
