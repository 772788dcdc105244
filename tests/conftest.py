"""Fixtures: a small folder of kk/ru/en reports written by the tests, and indexes built from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from search.config import Settings
from search.indexer import Indexer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

REPORTS = {
    "kk/kitaphana-aptaligi.txt": (
        "Кітапханалар апталығы\n\n"
        "2021 жылғы 24 қарашада С. Торайғыров атындағы облыстық кітапханада семинар өтті. "
        "Семинарға облыстың аудандық кітапханаларының қызметкерлері қатысты.\n\n"
        "Кітапханашылар тәжірибе алмасты."
    ),
    "ru/seminar-bibliotekar.md": (
        "# Семинар для библиотекарей\n\n"
        "24 ноября 2021 г. в библиотеке имени С. Торайгырова прошёл семинар. "
        "Каждый библиотекарь из Усть-Каменогорска получил сертификат.\n\n"
        "Наставничество обсуждали отдельно."
    ),
    "en/mentors.html": (
        "<html><head><title>Mentors in rural libraries</title><script>var secret = 1;</script>"
        "</head><body><h1>Mentors in rural libraries</h1>"
        "<p>On November 24, 2022 the S. Toraigyrov library trained mentors for rural libraries "
        "of Pavlodar region. The colour catalogue was shown.</p></body></html>"
    ),
    "en/exhibition.txt": (
        "Book exhibition\n\nA book exhibition about local history opened on 3 March 2020 "
        "in Ust-Kamenogorsk at the city library. Librarians <b>guided</b> the visitors."
    ),
}


def write_reports(root: Path, reports: dict[str, str] = REPORTS) -> Path:
    for name, text in reports.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    return write_reports(tmp_path / "reports")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index", lock_timeout=0.5)


@pytest.fixture
def indexed(reports: Path, settings: Settings) -> Settings:
    report = Indexer(settings).run([reports])
    assert not report.failed, report.failed
    return settings


# Text that must reach a browser only as text: a title and a body that look like markup.
HOSTILE_REPORT = (
    '<script>alert("title")</script> Seminar <b>notes</b>\n\n'
    "The seminar notes say <img src=x onerror=alert(1)> and nothing else."
)
PDF_PAGES = ("Annual report of the regional library.", "Mentors trained volunteers.")


def write_pdf(path: Path, pages: tuple[str, ...] = PDF_PAGES) -> Path:
    """A PDF with one line of text per page (fpdf2, from the test extra)."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    for text in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 10, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="session")
def site_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index for the web tests: the reports above, a two-page PDF and a hostile text file.

    Built once per session; tests must not change it (those that do build their own).
    """
    root = tmp_path_factory.mktemp("site")
    reports = write_reports(root / "reports")
    write_pdf(reports / "en" / "annual.pdf")
    (reports / "en" / "hostile.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    settings = Settings(index_dir=root / "index", lock_timeout=0.5)
    report = Indexer(settings).run([reports])
    assert not report.failed, report.failed
    return settings


# The browser tests (test_browser*.py, which skip without it) drive Debian's Chromium.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh English-speaking tab; it fails the test on any console error (a CSP violation)."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{message.text} at {message.location.get('url')}")

    tab.on("console", record)
    yield tab
    context.close()
    assert errors == []
