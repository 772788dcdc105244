"""Staff in a real browser (headless Chromium, see test_browser.py): sign in, drop a Kazakh
DOCX on the upload page, find it, correct its date, withdraw it and restore it."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import require_browser, served

from search.accounts import add_account
from search.config import Settings
from search.store import Store
from web import create_app
from web.uploads import WORKER

require_browser()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "кітапхана-2021"
TITLE = "Ауылдық кітапханашылардың көктемгі семинары"


def kazakh_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    document.add_paragraph(
        "2022 жылғы 14 наурызда Екібастұз қалалық кітапханасында ауылдық кітапханашыларға "
        "арналған көктемгі семинар өтті. Семинарға оқырмандармен жұмыс тәжірибесі талқыланды."
    )
    document.save(str(path))
    return path


@pytest.fixture
def staff_site_url(indexed: Settings, tmp_path: Path) -> Iterator[str]:
    """The app with a staff account and its indexing worker, under waitress, on its own index."""
    settings = replace(indexed, uploads_dir=tmp_path / "uploads")
    add_account(Store(settings.index_dir), "aigerim", PASSWORD, admin=False, by="test")
    app = create_app(settings, worker=True)
    with served(app) as url:
        yield url
    app.extensions[WORKER].stop()


def drop(page: Page, path: Path) -> None:
    """Drop the file on the drop zone, as a librarian drags it from a folder."""
    content = base64.b64encode(path.read_bytes()).decode()
    page.evaluate(
        """([name, content]) => {
            const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            const zone = document.getElementById("drop-zone");
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
        }""",
        [path.name, content],
    )


def found(page: Page, site: str, query: str) -> bool:
    page.goto(f"{site}/?q={query}&expand=0")
    return page.get_by_role("link", name=TITLE).count() > 0


def a_reader_finds(browser: Browser, site: str, query: str) -> bool:
    """Whether a reader who is not signed in finds the report searching now: in a browser of
    their own, since a page already seen stays fresh in a browser's cache for 30 seconds (by
    design: web.FRESH_SECONDS), and this asks what the site answers."""
    context = browser.new_context(locale="en-US")
    try:
        return found(context.new_page(), site, query)
    finally:
        context.close()


def until(check, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def test_staff_upload_find_correct_withdraw_and_restore(
    page: Page, browser: Browser, staff_site_url: str, tmp_path: Path
) -> None:
    page.goto(staff_site_url)
    page.get_by_role("link", name="Staff sign-in").click()
    page.get_by_label("Name").fill("aigerim")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Staff page")

    page.get_by_role("link", name="Upload").click()
    expect(page.locator("#drop-zone")).to_be_visible()  # the script runs under the CSP
    docx = kazakh_docx(tmp_path / "көктемгі семинар.docx")
    drop(page, docx)
    expect(page.locator("#file-0")).to_have_js_property("files.length", 1)
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".flash-ok")).to_contain_text("көктемгі семинар.docx is kept")
    row = page.locator("tr.upload-searchable")
    expect(row).to_contain_text("Searchable", timeout=30_000)  # the page refreshes itself

    until(lambda: found(page, staff_site_url, "кітапханашылар семинар"))
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".doc-meta time")).to_have_attribute("datetime", "2022-03-14")
    page.get_by_label("Date (YYYY-MM-DD)").fill("2022-03-15")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.locator(".flash-ok")).to_contain_text("Saved")
    document = page.url

    def corrected() -> bool:
        page.goto(document)
        return page.locator(".doc-meta time").get_attribute("datetime") == "2022-03-15"

    until(corrected)
    expect(page.locator(".history")).to_contain_text("aigerim: date «2022-03-14» → «2022-03-15»")

    query = "кітапханашылар семинар"
    assert a_reader_finds(browser, staff_site_url, query)
    page.get_by_role("button", name="Withdraw from search").click()
    expect(page.locator(".flash-ok")).to_contain_text("Withdrawn from search")
    until(lambda: not a_reader_finds(browser, staff_site_url, query))
    page.get_by_role("button", name="Restore to search").click()
    expect(page.locator(".flash-ok")).to_contain_text("Restored")
    until(lambda: a_reader_finds(browser, staff_site_url, query))
