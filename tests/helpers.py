"""What the tests share besides fixtures (those are in conftest.py): the sample reports and the
files the tests write, where the bundled corpus and the shared data are, a library built from
a few reports, a server in a thread, a free port, and whether a browser can run.

Test modules import it as `from helpers import …` (pytest puts tests/ on the path), as they do
hostile.py, bulk.py and benchload.py. bench/hostile_table.py reads it too, through hostile.py,
without the test extra: pytest is imported only by the functions that skip.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from search.config import Settings
from search.indexer import Indexer
from search.library import Library

if TYPE_CHECKING:
    from flask import Flask

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"  # the 36 sample reports shipped with Izde
# Data measured against but not kept in the repository (UD lemmas, gold word forms, real-world
# PDFs): `../shared/data` beside the checkout. A worktree beside the checkout finds it too.
SHARED_DATA = ROOT.parent / "shared" / "data"
PDF_REAL = SHARED_DATA / "pdf-real"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian: fonts-dejavu-core


def shared_data(name: str) -> Path:
    """The file `name` of the shared data; without it, the test is skipped, saying which file."""
    path = SHARED_DATA / name
    if not path.exists():
        import pytest

        pytest.skip(f"{path} is absent (the shared data sits next to the repository)")
    return path


# The sample reports: one Kazakh, one Russian, two English (one of them HTML with a script).
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


def build_library(root: Path, reports: dict[str, str] = REPORTS) -> Library:
    """`reports` written to `root/reports` and indexed in `root/index`, none failing."""
    settings = Settings(index_dir=root / "index", lock_timeout=0.5)
    report = Indexer(settings).run([write_reports(root / "reports", reports)])
    assert not report.failed, report.failed
    return Library(settings)


# Text that must reach a browser only as text: a title and a body that look like markup.
HOSTILE_REPORT = (
    '<script>alert("title")</script> Seminar <b>notes</b>\n\n'
    "The seminar notes say <img src=x onerror=alert(1)> and nothing else."
)
PDF_PAGES = ("Annual report of the regional library.", "Mentors trained volunteers.")


def write_pdf(path: Path, pages: tuple[str, ...] = PDF_PAGES) -> Path:
    """A PDF with one line of text per page (fpdf2, from the test extra)."""
    import pytest

    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    for text in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 10, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def free_port() -> int:
    """A loopback port free now, for a server started in a child process."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """`app` under waitress on a free loopback port, in a background thread: its base URL."""
    from waitress import wasyncore
    from waitress.server import create_server

    sockets: dict = {}
    server = create_server(app, map=sockets, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # Its sockets are closed by its own thread: closed from this one, the thread's select()
        # may still be waiting on them, and fails (EBADF).
        server.trigger.pull_trigger(lambda: wasyncore.close_all(sockets))
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()


# The browser tests (test_browser*.py) drive Debian's Chromium with Playwright.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_browser() -> None:
    """Skip the calling test module without Chromium or Playwright, except on CI (`CI` set),
    where a missing browser fails it."""
    import pytest

    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    elif importlib.util.find_spec("playwright") is None:
        reason = "playwright is not installed (it comes with the [test] extra)"
    else:
        return
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
