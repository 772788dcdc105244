"""Warm before switching (search.warm): a new index version is searched only once its facet
masks, lengths, spelling vocabulary and the recent queries' postings are ready."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from search.config import Settings
from search.generations import current_generation
from search.indexer import Indexer
from search.library import Library
from search.warm import Warmer


def add_report(reports: Path, settings: Settings, name: str = "new.txt", **run: bool) -> None:
    (reports / "en" / name).write_text("Volunteers\n\nVolunteers helped the library.", "utf-8")
    report = Indexer(settings).run([reports], **run)
    assert not report.failed


def kept(library: Library) -> dict:
    """The per-version objects held: the index's arrays and the Library's vocabularies."""
    return {
        "collection": dict(library.index._collections),
        "spelling_vocabulary": dict(library._vocabularies),
    }


def test_a_new_version_is_searched_only_once_it_is_warm(reports: Path, indexed: Settings) -> None:
    library = Library(indexed)
    warmer = Warmer(library)
    assert warmer.warm_once()
    first = library.live
    assert library.search("library").total > 0
    assert library.search("volunteers").total == 0
    add_report(reports, indexed)
    # Committed, not warm: the queries stay on the version they have.
    assert library.search("volunteers").total == 0
    assert library.live == first
    assert warmer.warm_once() and library.live != first
    warm = kept(library)
    assert library.live in warm["collection"] and library.live in warm["spelling_vocabulary"]
    collection = warm["collection"][library.live]
    assert all(name in collection._lengths for name in collection.fields)
    # The recent queries ran on it: their postings are read already.
    assert collection._postings.kept
    assert library.search("volunteers").total == 1
    # The query built nothing: it used what the warmer made.
    assert kept(library)["collection"][library.live] is collection
    assert not warmer.warm_once()


def test_old_and_new_versions_are_both_kept_while_threads_move(
    reports: Path, indexed: Settings
) -> None:
    library = Library(indexed)
    warmer = Warmer(library)
    warmer.warm_once()
    library.search("library")
    for name in ("a.txt", "b.txt", "c.txt"):
        add_report(reports, indexed, name)
        warmer.warm_once()
        library.search("library")
    assert all(len(versions) <= 2 for versions in kept(library).values())


def test_a_rebuild_is_warmed_too(reports: Path, indexed: Settings) -> None:
    library = Library(indexed)
    warmer = Warmer(library)
    warmer.warm_once()
    assert library.search("library").total > 0
    add_report(reports, indexed, rebuild=True)
    assert library.search("volunteers").total == 0
    assert warmer.warm_once()
    assert library.live[0] == current_generation(indexed.index_dir) == "gen-000002"
    assert library.search("volunteers").total == 1


def test_threads_move_to_the_warm_version_after_later_commits(
    reports: Path, indexed: Settings
) -> None:
    """The warm version's table of contents is deleted by the next commits; threads still move
    to it, with searchers the warmer opened on it."""
    library = Library(indexed)
    warmer = Warmer(library)
    warmer.warm_once()
    add_report(reports, indexed)
    add_report(reports, indexed, "more.txt")
    assert library.search("volunteers").total == 0
    assert warmer.warm_once()
    assert library.search("volunteers").total == 2


def test_without_a_ready_searcher_a_thread_keeps_its_own_or_opens_the_newest(
    reports: Path, indexed: Settings
) -> None:
    library = Library(indexed)
    warmer = Warmer(library)
    warmer.warm_once()
    assert library.search("volunteers").total == 0  # this thread is on the first version
    add_report(reports, indexed)
    assert warmer.warm_once()
    library._ready.clear()  # every ready searcher taken by other threads
    add_report(reports, indexed, "more.txt")  # and the warm version replaced meanwhile
    # This thread cannot open the warm version: it stays, warm, where it was.
    assert library.search("volunteers").total == 0
    # A thread without a searcher opens the newest.
    found: list[int] = []
    thread = threading.Thread(target=lambda: found.append(library.search("volunteers").total))
    thread.start()
    thread.join()
    assert found == [2]


def test_the_warming_thread_follows_index_runs(reports: Path, indexed: Settings) -> None:
    library = Library(indexed)
    library.start_warming()
    try:
        assert library.search("volunteers").total == 0
        add_report(reports, indexed)
        deadline = time.monotonic() + 30
        while library.search("volunteers").total == 0:
            assert time.monotonic() < deadline, "the new version was never switched to"
            time.sleep(0.1)
    finally:
        assert library.warmer is not None
        library.warmer.stop()
