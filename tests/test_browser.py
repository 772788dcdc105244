"""The site in a real browser: headless Chromium, driven by Playwright, against waitress.

Playwright cannot download its own browser here, so the tests use Debian's /usr/bin/chromium.
Without it they are skipped, except on CI (`CI` set), where a missing browser is a failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from helpers import require_browser, served

require_browser()

from playwright.sync_api import (  # noqa: E402
    Browser,
    Page,
    expect,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(site_app: Flask) -> Iterator[str]:
    """The site's app under waitress, in a background thread."""
    with served(site_app) as url:
        yield url


def search(page: Page, site: str, query: str, expand: bool = True) -> None:
    page.goto(site)
    page.get_by_label("Search the reports").fill(query)
    if not expand:
        page.get_by_label("Search other languages too").uncheck()
    page.get_by_label("Search the reports").press("Enter")
    expect(page.locator("#results-heading")).to_be_visible()


def test_search_shows_marked_results_and_facets(page: Page, site_url: str) -> None:
    search(page, site_url, "кітапханалардың")
    # The headline counts the report with the word; the translations are counted apart.
    expect(page.locator("#results-heading")).to_contain_text("1 report found")
    expect(page.locator(".counts")).to_contain_text("4 more only through a translation.")
    expect(page.locator(".match-translated")).to_have_count(4)
    expect(page.get_by_label("Search other languages too")).to_be_checked()
    search(page, site_url, "кітапханалардың", expand=False)
    expect(page.locator("#results-heading")).to_contain_text("1 report found")
    expect(page.get_by_label("Search other languages too")).not_to_be_checked()
    # the word in another form, and a derived word (кітапханашылар) at the lower weight
    expect(page.locator(".snippet mark", has_text="кітапханаларының")).not_to_have_count(0)
    expect(page.get_by_role("complementary")).to_contain_text("Event type")


def test_facet_filters_and_clears(page: Page, site_url: str) -> None:
    search(page, site_url, "семинар OR exhibition OR rural", expand=False)
    expect(page.locator("#results-heading")).to_contain_text("5 reports")
    page.locator(".facet a", has_text="English").click()
    expect(page.locator("#results-heading")).to_contain_text("3 reports")
    assert "lang=en" in page.url and "expand=0" in page.url
    page.get_by_role("link", name="Clear the filter «Language»").click()
    expect(page.locator("#results-heading")).to_contain_text("5 reports")


def test_interface_language_switch_persists(page: Page, site_url: str) -> None:
    search(page, site_url, "семинар")
    page.get_by_role("link", name="Русский").click()
    expect(page.locator("#results-heading")).to_contain_text("По запросу «семинар» найдено")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    page.goto(site_url)  # a new page keeps the choice, although the browser prefers English
    expect(page.get_by_label("Поиск по отчётам")).to_be_visible()
    page.get_by_role("link", name="Қазақша").click()
    expect(page.get_by_role("button", name="Іздеу")).to_be_visible()


def test_open_a_document_then_its_pdf_at_the_page(page: Page, site_url: str) -> None:
    search(page, site_url, "mentoring")
    page.get_by_role("link", name="Annual report of the regional library.").click()
    expect(page.locator("h1")).to_have_text("Annual report of the regional library.")
    expect(page.locator(".doc-text mark")).to_have_text("Mentors")
    with page.expect_response(lambda response: "/file" in response.url) as sent:
        page.get_by_role("link", name="Open the PDF at page 2").click()
    assert sent.value.headers["content-type"] == "application/pdf"
    page.wait_for_url("**/documents/reports/en/annual.pdf/file#page=2")


def test_results_page_screenshot_is_not_blank(page: Page, site_url: str, tmp_path: Path) -> None:
    image = pytest.importorskip("PIL.Image")
    search(page, site_url, "семинар OR exhibition OR rural")
    shot = tmp_path / "results.png"
    page.screenshot(path=str(shot), full_page=True)
    with image.open(shot) as picture:
        assert picture.width == 1280 and picture.height >= 900
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, marks, badges: not one flat colour


def test_keyboard_only_reaches_the_box_and_the_results(page: Page, site_url: str) -> None:
    page.goto(site_url + "/?q=seminar")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))  # the jump is asynchronous: waited for
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("id", "q")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.hit-title') !== null"):
            break
    else:
        pytest.fail("Tab never reached a result")
    page.keyboard.press("Enter")
    expect(page.locator(".document h1")).to_be_visible()


def test_form_controls_are_labelled(page: Page, site_url: str) -> None:
    page.goto(site_url + "/?q=seminar")
    snapshot = page.locator("form").aria_snapshot()
    assert 'searchbox "Search the reports"' in snapshot
    assert 'button "Search"' in snapshot
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input, select, textarea, button')]
             .filter(el => el.type !== 'hidden')
             .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                           && !el.textContent.trim())
             .map(el => el.outerHTML)"""
    )
    assert unlabelled == []


def test_narrow_screen_has_no_sideways_scrolling(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="kk")
    tab = context.new_page()
    for path in ("/?q=семинар OR exhibition OR rural", "/documents/en/annual.pdf?q=mentoring"):
        tab.goto(site_url + path)
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    context.close()
