"""The results and document pages in a real browser, on a 390×844 phone and a 1280×800 desktop:
the facets behind "Filters", the suggestion, the list's downloads, and a document's headings,
lists and search within it, with and without JavaScript. The bundled corpus is the library.

Headless Chromium (Debian's) through Playwright; skipped without it, except on CI (see
test_browser.py).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import require_browser, served

require_browser()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

from search.config import Settings  # noqa: E402
from web import create_app  # noqa: E402
from web.searching import EXTENSION  # noqa: E402

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]


@pytest.fixture(scope="module")
def corpus_site(corpus_index: Path) -> Iterator[str]:
    """The app over the bundled corpus, under waitress on a free loopback port."""
    app = create_app(Settings(index_dir=corpus_index))
    # As `izde serve` does before serving: the index's arrays loaded (on a busy test machine the
    # first search would otherwise run out of its time).
    app.extensions[EXTENSION].search("библиотека")
    with served(app) as url:
        yield url


@contextmanager
def opened(browser: Browser, size: dict[str, int], script: bool = True) -> Iterator[Page]:
    """An English-speaking tab of `size`; a console error (a CSP violation, a script failing)
    fails the test."""
    context = browser.new_context(
        viewport=size, locale="en-US", java_script_enabled=script, accept_downloads=True
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()
    assert errors == []


def tab_order(tab: Page, presses: int = 120) -> list[dict[str, object]]:
    """What Tab reaches in the main part of the page, in order, with where it is on screen."""
    tab.locator("#q").focus()
    reached = []
    for _ in range(presses):
        tab.keyboard.press("Tab")
        element = tab.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || !el.closest('main')) return null;
                const box = el.getBoundingClientRect();
                const kind = el.closest('.filters-toggle') ? 'filters'
                    : el.closest('.facets') ? 'facet'
                    : el.closest('.sort') ? 'sort'
                    : el.closest('.export') ? 'export'
                    : el.closest('.hit-title') ? 'hit' : 'other';
                return {kind, top: box.top + scrollY, left: box.left};
            }"""
        )
        if element is None:
            break
        reached.append(element)
    return reached


# --- results: the facets, sort, and keyboard order --------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_filters_are_one_control_on_a_phone_and_a_column_on_a_desktop(
    browser: Browser, corpus_site: str, size: dict[str, int]
) -> None:
    with opened(browser, size) as tab:
        tab.goto(corpus_site + "/?q=библиотека")
        toggle = tab.locator("summary.filters-toggle")
        russian = tab.locator(".facet a", has_text="Russian")
        if size is PHONE:
            # Above the results, closed; the keyboard opens it.
            expect(toggle).to_be_visible()
            expect(russian).to_be_hidden()
            assert toggle.bounding_box()["y"] < tab.locator(".hit").first.bounding_box()["y"]
            assert toggle.bounding_box()["y"] < PHONE["height"]  # on the first screen
            toggle.focus()
            tab.keyboard.press("Enter")
            expect(russian).to_be_visible()
        else:
            expect(toggle).to_be_hidden()
            expect(russian).to_be_visible()
            facets = tab.locator(".facets").bounding_box()
            assert facets["x"] + facets["width"] < tab.locator(".hit").first.bounding_box()["x"]
        russian.click()
        expect(tab.locator("#results-heading")).to_contain_text("reports found")
        assert "lang=ru" in tab.url
        if size is PHONE:
            expect(toggle).to_contain_text("Russian")  # the chosen filter, while closed
        # Sort is one control that never wraps apart.
        choices = tab.locator(".segmented li")
        expect(choices).to_have_count(2)
        first, second = (choices.nth(i).bounding_box() for i in range(2))
        assert abs(first["y"] - second["y"]) < 2 and first["x"] < second["x"]
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0


def test_filters_open_without_javascript(browser: Browser, corpus_site: str) -> None:
    with opened(browser, PHONE, script=False) as tab:
        tab.goto(corpus_site + "/?q=библиотека")
        tab.locator("summary.filters-toggle").click()
        tab.locator(".facet a", has_text="2021").click()
        assert "year=2021" in tab.url
        expect(tab.locator("summary.filters-toggle")).to_contain_text("2021")


@pytest.mark.parametrize("size", SIZES)
def test_keyboard_order_follows_the_screen(
    browser: Browser, corpus_site: str, size: dict[str, int]
) -> None:
    with opened(browser, size) as tab:
        tab.goto(corpus_site + "/?q=библиотека")
        order = [element for element in tab_order(tab) if element["kind"] != "other"]
        kinds = [element["kind"] for element in order]
        # The facets (or the control that opens them), the sort, the downloads, the results.
        first = "filters" if size is PHONE else "facet"
        assert kinds.index(first) < kinds.index("sort") < kinds.index("export") < kinds.index("hit")
        if size is PHONE:  # one column: each next stop is further down (or on the same row)
            tops = [element["top"] for element in order]
            assert all(b >= a - 1 for a, b in itertools.pairwise(tops))
        else:  # the left column first, from the top, then the results
            facets = [element for element in order if element["kind"] == "facet"]
            rest = [element for element in order if element["kind"] != "facet"]
            assert kinds[: len(facets)] == ["facet"] * len(facets)
            assert max(e["left"] for e in facets) < min(e["left"] for e in rest)
            tops = [element["top"] for element in facets]
            assert tops == sorted(tops)


# --- the suggestion ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_a_misspelling_shows_the_corrected_results_first(
    browser: Browser, corpus_site: str, size: dict[str, int]
) -> None:
    with opened(browser, size) as tab:
        tab.goto(corpus_site + "/?q=наставнчество")
        message = tab.locator(".message-suggestion")
        expect(message).to_have_text(
            "Showing results for наставничество; search instead for наставнчество."
        )
        box = message.bounding_box()
        assert box["y"] + box["height"] < size["height"]  # on the first screen
        assert box["y"] < tab.locator(".hit").first.bounding_box()["y"]
        expect(tab.locator(".hit-title").first).to_contain_text("наставничества")
        message.get_by_role("link", name="наставнчество").click()
        expect(tab.locator("#results-heading")).to_contain_text("No reports found")
        suggestion = tab.locator(".message-suggestion")
        expect(suggestion).to_have_text("Did you mean наставничество?")
        assert suggestion.bounding_box()["y"] < tab.locator(".no-results").bounding_box()["y"]
        suggestion.get_by_role("link").click()
        expect(tab.locator("#results-heading")).to_contain_text("found for «наставничество»")


# --- the list to take away --------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_the_list_downloads_as_csv_and_ris(
    browser: Browser, corpus_site: str, size: dict[str, int], tmp_path: Path
) -> None:
    with opened(browser, size) as tab:
        tab.goto(corpus_site + "/?q=кітапхана&lang=kk&limit=5")
        expect(tab.locator(".hit")).to_have_count(5)
        with tab.expect_download() as download:
            tab.get_by_role("link", name="Download the list as CSV, for Excel").click()
        assert download.value.suggested_filename == "izde-кітапхана.csv"
        download.value.save_as(tmp_path / "list.csv")
        data = (tmp_path / "list.csv").read_bytes()
        assert data.startswith(codecs.BOM_UTF8)
        header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        assert header == ["Title", "Date", "Language", "Event type", "Author", "File", "Link"]
        assert len(rows) == 14  # every Kazakh report with the word: all pages, not the five shown
        titles = [row[0] for row in rows]
        assert titles[:5] == tab.locator(".hit-title").all_inner_texts()
        assert "Екібастұзда «Кітапхана апталығы – 2024» өтті" in titles
        assert all(row[6].startswith(corpus_site + "/documents/corpus/") for row in rows)
        with tab.expect_download() as download:
            tab.get_by_role("link", name="Download the list as RIS, for Zotero or EndNote").click()
        assert download.value.suggested_filename == "izde-кітапхана.ris"
        download.value.save_as(tmp_path / "list.ris")
        ris = (tmp_path / "list.ris").read_bytes().decode("utf-8")
        assert ris.count("TY  - RPRT") == ris.count("ER  - ") == 14
        assert "TI  - Екібастұзда «Кітапхана апталығы – 2024» өтті\r\n" in ris


# --- a document -------------------------------------------------------------------------------

DOCX = "/documents/corpus/ru-2020-shkola-nastavnichestva.docx"
PDF = "/documents/corpus/ru-2019-konferenciya-kraevedenie.pdf"


@pytest.mark.parametrize("size", SIZES)
def test_a_document_keeps_its_headings_and_lists(
    browser: Browser, corpus_site: str, size: dict[str, int]
) -> None:
    with opened(browser, size) as tab:
        tab.goto(corpus_site + DOCX)
        text = tab.locator("#full-text")
        expect(text.locator("h3")).to_have_text(
            ["«Школа наставничества» для молодых библиотекарей"]
        )
        expect(text.locator("h4")).to_have_text(
            ["Зачем библиотеке наставничество", "Как проходят занятия"]
        )
        expect(text.locator("ul > li")).to_have_count(4)
        expect(text.locator("ul > li").first).to_have_text(
            "работа с электронным каталогом и базами данных;"
        )
        tab.goto(corpus_site + PDF)
        plenary = tab.locator("#full-text h4", has_text="Пленарное заседание")
        expect(plenary).to_have_text("Пленарное заседание")  # not run into the next sentence
        after = plenary.evaluate("h => h.nextElementSibling.textContent")
        assert after.startswith("Открыла конференцию")
        expect(tab.locator(".page-marker")).to_have_count(3)  # page markers as before
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0


def in_view(tab: Page, selector: str) -> bool:
    return tab.evaluate(
        """s => { const box = document.querySelector(s).getBoundingClientRect();
                  return box.top >= -1 && box.bottom <= innerHeight + 1; }""",
        selector,
    )


@pytest.mark.parametrize("size", SIZES)
def test_search_within_a_document_marks_and_jumps(
    browser: Browser, corpus_site: str, size: dict[str, int]
) -> None:
    with opened(browser, size) as tab:
        tab.goto(corpus_site + DOCX)
        expect(tab.locator("#full-text mark")).to_have_count(0)
        expect(tab.locator(".match-nav")).to_be_hidden()
        tab.get_by_label("Find in this report").fill("наставник")
        tab.get_by_label("Find in this report").press("Enter")
        expect(tab.locator(".match-position")).to_have_text("Match 1 of 13")
        expect(tab.locator("#match-count")).to_contain_text("13 places match «наставник»")
        assert tab.url.endswith(
            f"{DOCX}?q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA#match-1"
        )
        expect(tab.locator("mark.current")).to_have_attribute("id", "match-1")
        tab.get_by_role("button", name="Next match").click()
        expect(tab.locator("mark.current")).to_have_attribute("id", "match-2")
        tab.get_by_role("button", name="Previous match").click()
        tab.get_by_role("button", name="Previous match").click()  # round to the last one
        expect(tab.locator("mark.current")).to_have_attribute("id", "match-13")
        assert in_view(tab, "#match-13")
        expect(tab.locator(".match-position")).to_have_text("Match 13 of 13")
        # Enter again in the box goes on to the next match, as a browser's find does.
        tab.get_by_label("Find in this report").press("Enter")
        expect(tab.locator("mark.current")).to_have_attribute("id", "match-1")
        # New words: marked in place, with the morphology of a search.
        tab.get_by_label("Find in this report").fill("библиотека")
        tab.get_by_label("Find in this report").press("Enter")
        expect(tab.locator("#match-count")).to_contain_text("«библиотека»")
        expect(tab.locator("#full-text mark", has_text="библиотеке").first).to_be_visible()


def test_search_within_a_document_without_javascript_reloads_at_the_first_match(
    browser: Browser, corpus_site: str
) -> None:
    with opened(browser, PHONE, script=False) as tab:
        tab.goto(corpus_site + PDF)
        tab.get_by_label("Find in this report").fill("Торайгырова")
        tab.get_by_role("button", name="Find", exact=True).click()
        tab.wait_for_url("**#match-1")
        expect(tab.locator("#match-count")).to_contain_text("matches «Торайгырова»")
        expect(tab.locator("#full-text mark").first).to_have_text("Торайгырова")
        assert in_view(tab, "#match-1")  # the page opens at the first match, lit
        assert tab.evaluate("document.querySelector('mark:target').id") == "match-1"
        expect(tab.locator(".match-nav")).to_be_hidden()  # its buttons need JavaScript
