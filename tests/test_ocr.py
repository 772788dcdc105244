"""OCR of scanned PDF pages with Tesseract, for real: real scans, and scans the tests make.

Tests that need Tesseract skip without it, except in CI (`$CI` set), which installs it.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pytest
from helpers import FONT, shared_data
from hostile import scanned_pdf

from search.config import Settings
from search.extract import extract
from search.extract.base import ExtractionError
from search.extract.ocr import Ocr
from search.indexer import Indexer
from search.library import Library

pytestmark = pytest.mark.ocr

SCAN = (
    "Кітапханалар апталығы",
    "",
    "Облыстық кітапханада семинар өтті. Семинарға аудандық",
    "кітапханалардың қызметкерлері қатысты.",
    "",
    "Семинар для библиотекарей прошёл в областной библиотеке.",
    "",
    "Mentors trained volunteers.",
)


@pytest.fixture(scope="module")
def ocr() -> Ocr:
    found = Ocr.find(Settings(index_dir=Path("unused")).ocr_languages, timeout=60)
    if found is None:
        message = "Tesseract with kaz, rus or eng data, or pdftoppm, is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{message}, and CI must test OCR: install them (see .ci/run)")
        pytest.skip(message)
    return found


def real_pdf(name: str) -> Path:
    return shared_data(f"pdf-real/{name}")


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not FONT.is_file():
        pytest.skip(f"no DejaVu font at {FONT} to draw scans with")
    folder = tmp_path_factory.mktemp("scans")
    scanned_pdf(folder / "scan.pdf", [SCAN])
    scanned_pdf(folder / "mixed.pdf", [SCAN], text_first="Жылдық есеп 2021")
    scanned_pdf(folder / "blank.pdf", [()])
    return folder


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_a_real_scan_is_read(ocr: Ocr) -> None:
    doc = extract(real_pdf("epson.pdf"), ocr=ocr)
    assert "optical character recognition" in " ".join(doc.text.lower().split())
    assert doc.warnings == ["page 1: text from OCR"]
    assert doc.page_offsets == [0]


def test_a_skewed_real_scan_is_read_nearly_word_for_word(ocr: Ocr) -> None:
    doc = extract(real_pdf("skew.pdf"), ocr=ocr)
    expected = words(shared_data("pdf-real/skew.expected.txt").read_text(encoding="utf-8"))
    assert len(expected & words(doc.text)) >= 0.85 * len(expected)
    assert "linnsequencer" in words(doc.text)


def test_text_drawn_as_outlines_and_unmapped_fonts_are_read(ocr: Ocr) -> None:
    assert "Sample Vector PDF" in extract(real_pdf("vector.pdf"), ocr=ocr).text
    # The font has no Unicode map: the text layer is mojibake, the picture says "Phone".
    assert extract(real_pdf("truetype_font_nomapping.pdf"), ocr=ocr).text == "Phone"


def test_a_kazakh_and_russian_scan_is_read_and_found(ocr: Ocr, scans: Path, tmp_path: Path) -> None:
    # Through the indexer: OCR in a worker process, under its memory cap.
    settings = Settings(index_dir=tmp_path / "index", workers=1)
    report = Indexer(settings).run([scans / "scan.pdf"])
    assert report.warnings == [("scan.pdf", "page 1: text from OCR")]
    with Library(settings).version() as version:
        text = version.find("path", "scan.pdf")[0]["content"]
    assert {"кітапханалардың", "қызметкерлері", "библиотекарей", "volunteers"} <= words(text)
    assert [hit.path for hit in Library(settings).search("кітапхана").hits] == ["scan.pdf"]


def test_only_pages_without_text_are_read_and_pages_stay_exact(ocr: Ocr, scans: Path) -> None:
    doc = extract(scans / "mixed.pdf", ocr=ocr)
    assert doc.warnings == ["page 2: text from OCR"]
    assert doc.text.startswith("Жылдық есеп 2021\n\n")
    assert doc.page_offsets == [0, len("Жылдық есеп 2021\n\n")]


def test_a_blank_scan_is_reported(ocr: Ocr, scans: Path) -> None:
    with pytest.raises(ExtractionError, match=r"^scanned, no text layer: no text found by OCR$"):
        extract(scans / "blank.pdf", ocr=ocr)


def test_a_huge_page_is_never_rendered(ocr: Ocr) -> None:
    started = time.monotonic()
    with pytest.raises(ExtractionError) as error:
        extract(real_pdf("hugemono.pdf"), ocr=ocr)
    assert str(error.value) == "scanned, no text layer: page too large to OCR (8400×8400 pt)"
    assert time.monotonic() - started < 5


def test_a_failing_or_slow_ocr_program_costs_the_page_not_the_run(ocr: Ocr, scans: Path) -> None:
    # A Python that does not understand pdftoppm's options fails like a broken poppler would.
    broken = Ocr(ocr.tesseract, sys.executable, ocr.languages, timeout=60)
    with pytest.raises(ExtractionError, match=r"^scanned, no text layer: pdftoppm failed: "):
        extract(scans / "scan.pdf", ocr=broken)
    hurried = Ocr(ocr.tesseract, ocr.pdftoppm, ocr.languages, timeout=0.001)
    with pytest.raises(ExtractionError, match=r"timed out after 0.001 s$"):
        extract(scans / "scan.pdf", ocr=hurried)


def test_without_tesseract_a_scan_is_reported_with_what_to_install(
    scans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no program at all
    assert Ocr.find("eng+kaz+rus", timeout=60) is None
    report = Indexer(Settings(index_dir=tmp_path / "index", workers=1)).run([scans / "scan.pdf"])
    assert report.failed == [("scan.pdf", "scanned, no text layer — install tesseract to index it")]


def test_only_installed_languages_are_asked_for(ocr: Ocr) -> None:
    assert Ocr.find("xx+eng+yy", timeout=60).languages == "eng"
    assert Ocr.find("xx+yy", timeout=60) is None
