"""Fixtures shared by the test modules (helpers they import are in helpers.py).

Indexes a test only reads are built once, session-scoped (`sample_library`, `corpus_index`,
`site_settings`); a test that writes to an index builds its own (`indexed`, or in its module).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CORPUS,
    HOSTILE_REPORT,
    build_library,
    write_pdf,
    write_reports,
)

from search.cli import main
from search.config import Settings
from search.indexer import Indexer
from search.library import Library
from web import create_app

if TYPE_CHECKING:
    from flask import Flask
    from flask.testing import FlaskClient
    from playwright.sync_api import Browser, ConsoleMessage, Page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with slow or browser tests first, each file's tests in their order: pytest-xdist
    hands whole files to its workers in this order, so the long ones start early instead of
    leaving one worker alone with them at the end."""
    heavy = {
        item.path
        for item in items
        if item.get_closest_marker("slow") or item.get_closest_marker("browser")
    }
    items.sort(key=lambda item: item.path not in heavy)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """The sample reports (helpers.REPORTS) in a folder of this test's own."""
    return write_reports(tmp_path / "reports")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for an index of this test's own, not yet built."""
    return Settings(index_dir=tmp_path / "index", lock_timeout=0.5)


@pytest.fixture
def indexed(reports: Path, settings: Settings) -> Settings:
    """The sample reports indexed in this test's own index, which the test may change."""
    report = Indexer(settings).run([reports])
    assert not report.failed, report.failed
    return settings


@pytest.fixture(scope="session")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The sample reports indexed once per session, for tests that only search them."""
    return build_library(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus (36 reports in three languages) indexed once by `izde index`; tests
    only read it."""
    index = tmp_path_factory.mktemp("corpus") / "index"
    result = CliRunner().invoke(main, ["index", "--index", str(index), str(CORPUS)])
    assert result.exit_code == 0, result.output
    return index


@pytest.fixture(scope="session")
def corpus_library(corpus_index: Path) -> Library:
    return Library(Settings(index_dir=corpus_index))


@pytest.fixture(scope="session")
def site_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index for the web tests: the sample reports, a two-page PDF and a hostile text file.

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


@pytest.fixture(scope="session")
def site_app(site_settings: Settings) -> Flask:
    """The web app over the site's index (no upload worker), shared: it only reads the index."""
    return create_app(site_settings)


@pytest.fixture
def site_client(site_app: Flask) -> FlaskClient:
    """A test client of the site's app with no cookies yet (a language switch sets one)."""
    return site_app.test_client()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test (see helpers.require_browser)."""
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
