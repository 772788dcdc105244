"""Files and folders behind the site: an unreadable folder loses no report, a folder turned into
a link out of the reports is never followed, invisible characters are neither searched nor
shown raw, and every response says how long it may be cached."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_reports

from search.config import Settings
from search.indexer import Indexer
from search.library import Library
from search.sources import SourceFile, stays_inside
from search.store import Store
from web import create_app

IZDE = [sys.executable, "-c", "from search.cli import main; main()"]


def without_privileges() -> list[str]:
    """A command prefix under which file permissions apply: root reads any folder, so a root
    test runs the command with no capabilities (util-linux's setpriv)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return [setpriv, "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"]


def index_as_a_user(settings: Settings, reports: Path, *args: str) -> subprocess.CompletedProcess:
    command = [*without_privileges(), *IZDE, "index", "--index", str(settings.index_dir)]
    return subprocess.run(
        [*command, *args, str(reports)], capture_output=True, text=True, timeout=300
    )


def ids(settings: Settings) -> set[str]:
    with Library(settings).version() as version:
        return {fields["path"] for fields in version.documents()}


@pytest.fixture
def folder_reports(tmp_path: Path) -> Path:
    reports = write_reports(tmp_path / "reports")
    (reports / "ru" / "more.txt").write_text("Семинар\n\nЕщё один семинар.", "utf-8")
    return reports


@pytest.mark.slow  # two runs of izde as another user
@pytest.mark.parametrize(("mode", "listed"), [(0o000, "cannot read"), (0o311, "cannot be listed")])
def test_an_unreadable_folder_keeps_its_reports(
    folder_reports: Path, settings: Settings, mode: int, listed: str
) -> None:
    assert not Indexer(settings).run([folder_reports]).failed
    before = ids(settings)
    assert {"ru/seminar-bibliotekar.md", "ru/more.txt"} <= before
    folder = folder_reports / "ru"
    folder.chmod(mode)
    try:
        run = index_as_a_user(settings, folder_reports)
        rebuilt = index_as_a_user(settings, folder_reports, "--rebuild")
    finally:
        folder.chmod(0o755)
    for result in (run, rebuilt):
        assert "0 removed" in result.stderr or "0 removed" in result.stdout
    # The first run reports the folder's files; the rebuild, with nothing changed, lists them
    # as still failing (`izde problems`) without failing the run.
    assert run.returncode == 1, run.stderr
    assert "ru/more.txt" in run.stdout + run.stderr and listed in run.stdout + run.stderr
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "still failing as before" in rebuilt.stdout + rebuilt.stderr
    problems = {(p.path, p.reason) for p in Store(settings.index_dir).problems().values()}
    assert any(path == "ru/more.txt" and listed in reason for path, reason in problems)
    assert ids(settings) == before
    # Readable again, and one report really gone: that one is removed.
    (folder / "more.txt").unlink()
    report = Indexer(settings).run([folder_reports])
    assert report.removed == ["ru/more.txt"] and not report.failed


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the reports with a file named like one of them."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "seminar-bibliotekar.md").write_text("# Secret\n\nConfidential payroll.", "utf-8")
    return folder


def link_folder(reports: Path, outside: Path) -> None:
    """The reports' folder `ru` replaced by a link to `outside`."""
    shutil.rmtree(reports / "ru")
    (reports / "ru").symlink_to(outside, target_is_directory=True)


def test_a_folder_turned_into_a_link_is_not_downloaded_through(
    folder_reports: Path, settings: Settings, outside: Path
) -> None:
    assert not Indexer(settings).run([folder_reports]).failed
    client = create_app(settings).test_client()
    url = "/documents/ru/seminar-bibliotekar.md/file"
    assert client.get(url).status_code == 200
    link_folder(folder_reports, outside)
    response = client.get(url)
    assert response.status_code == 404
    assert b"Confidential" not in response.data


def test_a_folder_turned_into_a_link_is_not_indexed_through(
    folder_reports: Path, settings: Settings, outside: Path
) -> None:
    assert not Indexer(settings).run([folder_reports]).failed
    source = SourceFile(
        "ru/seminar-bibliotekar.md", folder_reports / "ru/seminar-bibliotekar.md", 0, 0
    )
    assert stays_inside(source)
    link_folder(folder_reports, outside)
    assert not stays_inside(source)
    report = Indexer(settings).run([folder_reports])
    assert ("ru", "symbolic link, not followed") in report.failed
    assert sorted(report.removed) == ["ru/more.txt", "ru/seminar-bibliotekar.md"]
    assert Library(settings).search("payroll").total == 0


def test_invisible_characters_in_names_are_shown_escaped(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    name = "report\u202etxt.exe.txt"
    (reports / name).write_text("Mentors\n\nMentors of the library.", "utf-8")
    settings = Settings(index_dir=tmp_path / "index")
    assert not Indexer(settings).run([reports]).failed
    client = create_app(settings).test_client()
    page = client.get("/?q=mentors").get_data(as_text=True)
    assert "report\\u202etxt.exe" in page and "\u202e" not in page
    document = client.get(f"/documents/{name}").get_data(as_text=True)
    assert "report\\u202etxt.exe" in document and "\u202e" not in document


def test_a_nul_in_the_query_is_neither_searched_nor_echoed(site_settings: Settings) -> None:
    client = create_app(site_settings).test_client()
    data = client.get("/api/search?q=librar%00y%E2%80%AE").get_json()
    assert "\x00" not in data["query"] and "\u202e" not in data["query"]
    assert data["suggestion"] is None or "\x00" not in data["suggestion"]
    page = client.get("/?q=librar%00y").get_data(as_text=True)
    assert "\x00" not in page and "librar y" in page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/search?q=library", "private, max-age=30"),
        ("/?q=library", "private, max-age=30"),
        ("/", "private, max-age=30"),
        ("/api/search?q=", "no-store"),
        ("/api/search?q=a&sort=x", "no-store"),
        ("/?q=", "private, max-age=30"),
        ("/nope", "no-store"),
        ("/api/nope", "no-store"),
        ("/api/health", "no-store"),
        ("/language/ru?next=/", "no-store"),
    ],
)
def test_every_response_says_how_long_to_keep_it(
    site_settings: Settings, url: str, expected: str
) -> None:
    client = create_app(site_settings).test_client()
    assert client.get(url).headers["Cache-Control"] == expected
