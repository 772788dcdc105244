"""Concurrency: the site keeps answering while `izde index` rebuilds or updates the index it
serves, and switches to the new documents when they are committed; two indexing runs at once
never corrupt the index, the second one waits or says why it cannot."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from bulk import Izde, write_many
from click.testing import CliRunner
from helpers import served

from search.cli import main
from search.config import Settings
from search.engine.whoosh.schema import open_index
from search.generations import IndexMissing
from search.indexer import Indexer
from search.library import Library
from web import create_app

pytestmark = pytest.mark.slow

COUNT = 120
ENV = {"IZDE_BATCH_SIZE": "10", "IZDE_WORKERS": "2"}


@pytest.fixture
def many_reports_site(tmp_path: Path) -> Iterator[tuple[str, Settings, Path]]:
    """COUNT reports indexed and served by the real app under waitress, in a thread: its URL,
    settings and reports folder."""
    folder = tmp_path / "reports"
    write_many(folder, COUNT)
    settings = Settings(index_dir=tmp_path / "index")
    Indexer(settings).run([folder])
    with served(create_app(settings)) as url:
        yield url, settings, folder


class Client(threading.Thread):
    """Asks the site for `word` over and over, until stopped; records every answer."""

    def __init__(self, base: str, word: str) -> None:
        super().__init__(daemon=True)
        self.url = f"{base}/api/search?q={quote(word)}&limit=1"
        self.health = f"{base}/api/health"
        self.totals: list[int] = []  # of `word`, in the order the answers came
        self.failures: list[str] = []
        self.sent = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for url in (self.url, self.health):
                self.sent += 1
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        data = json.load(response)
                except Exception as error:  # a refused connection, a 500, a timeout: all count
                    self.failures.append(f"{url}: {error!r}")
                    continue
                if url == self.url:
                    self.totals.append(data["total"])

    def __enter__(self) -> Client:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.5)  # a few more answers from the final state
        self.stop.set()
        self.join(timeout=60)


def changes(totals: list[int]) -> list[int]:
    """The distinct totals in the order they were seen first, each run of repeats collapsed."""
    return [total for i, total in enumerate(totals) if i == 0 or total != totals[i - 1]]


def test_rebuild_and_update_while_the_site_is_queried(
    many_reports_site: tuple[str, Settings, Path], tmp_path: Path
) -> None:
    base, settings, folder = many_reports_site
    # Every report changes: the rebuilt generation has a word the live one lacks.
    write_many(folder, COUNT, marker="qxrenewed")
    with Client(base, "qxrenewed") as client:
        time.sleep(0.3)
        code, _, err = Izde(
            tmp_path / "rebuild", "index", "--rebuild", "--index", settings.index_dir, folder, **ENV
        ).finish()
    assert code == 0, err
    assert client.failures == []
    # Nothing, then everything at once: the switch is atomic.
    assert changes(client.totals) == [0, COUNT]
    rebuild_sent = client.sent

    # New reports arrive: an update commits them batch by batch into the live generation.
    write_many(folder, 60, start=COUNT, marker="qxarrived")
    with Client(base, "qxarrived") as client:
        time.sleep(0.3)
        code, out, err = Izde(
            tmp_path / "update", "index", "--index", settings.index_dir, folder, **ENV
        ).finish()
    assert code == 0, err
    assert f"60 added, 0 updated, 0 removed, {COUNT} unchanged, 0 failed" in out
    assert client.failures == []
    seen = changes(client.totals)
    assert seen[0] == 0 and seen[-1] == 60 and seen == sorted(seen)  # never backwards
    print(
        f"\nqueries sent: {rebuild_sent} during the rebuild, {client.sent} during the update; "
        "failed: 0"
    )


def committed(index_dir: Path) -> int:
    try:
        return open_index(index_dir).doc_count()
    except IndexMissing:
        return -1


def test_a_second_run_waits_or_says_another_run_holds_the_lock(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_many(folder, 200)
    index = tmp_path / "index"
    # Batches of two: a hundred commits, so that the first run is still writing when the
    # impatient one, started in this process without an interpreter's start-up, asks.
    first = Izde(
        tmp_path / "first", "index", "--index", index, folder, **{**ENV, "IZDE_BATCH_SIZE": "2"}
    )
    deadline = time.monotonic() + 60
    while committed(index) < 10:  # the first run holds the lock and is writing
        assert first.process.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    impatient = CliRunner().invoke(
        main, ["index", "--index", str(index), str(folder)], env={"IZDE_LOCK_TIMEOUT": "0"}
    )
    assert first.process.poll() is None, "the first run ended before the second asked"
    assert impatient.exit_code == 3
    assert "another indexing run holds the lock" in impatient.output
    waiting = Izde(
        tmp_path / "patient", "index", "--index", index, folder, IZDE_LOCK_TIMEOUT="120", **ENV
    )
    assert first.finish()[0] == 0
    code, out, err = waiting.finish()
    assert code == 0, err
    assert "0 added, 0 updated, 0 removed, 200 unchanged, 0 failed" in out
    assert open_index(index).doc_count() == 200
    assert Library(Settings(index_dir=index)).search("кітапхана").total > 0
