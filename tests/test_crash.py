"""Crash safety: `izde index` killed (SIGKILL) at several points of a large run. The index then
opens at its last commit and searches work; the next run completes and matches a clean build."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bulk import Izde, code_word, write_many
from whoosh import index as whoosh_index

from search.config import Settings
from search.engine.whoosh.schema import open_index
from search.generations import IndexMissing, current_generation
from search.indexer import Indexer
from search.library import Library

pytestmark = pytest.mark.slow

COUNT = 120
BATCH = 10
ENV = {"IZDE_BATCH_SIZE": str(BATCH), "IZDE_WORKERS": "2", "IZDE_LOCK_TIMEOUT": "0"}
QUERIES = ("кітапхана", "библиотекарь", "mentors", "exhibition", code_word(7), code_word(99))


@pytest.fixture(scope="module")
def many_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "reports"
    write_many(folder, COUNT)
    return folder


@pytest.fixture(scope="module")
def clean(many_reports: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    settings = Settings(index_dir=tmp_path_factory.mktemp("clean"), batch_size=BATCH)
    assert not Indexer(settings).run([many_reports]).failed
    return snapshot(settings.index_dir)


def snapshot(index_dir: Path) -> dict:
    """The documents (path and hash), and the hits of QUERIES with their scores."""
    library = Library(Settings(index_dir=index_dir))
    with library.version() as version:
        docs = {fields["path"]: fields["sha256"] for fields in version.documents()}
    results = {
        query: {hit.path: hit.score for hit in library.search(query, limit=100).hits}
        for query in QUERIES
    }
    return {"docs": docs, "results": results}


def same(index: dict, clean: dict) -> bool:
    """The same documents and the same hits. Scores may differ in the fourth digit: Whoosh
    recounts field lengths approximately when it merges segments, and how often it merged
    depends on where the runs were killed."""
    if index["docs"] != clean["docs"]:
        return False
    for query, hits in index["results"].items():
        expected = clean["results"][query]
        if hits.keys() != expected.keys():
            return False
        if any(hits[path] != pytest.approx(score, rel=1e-3) for path, score in expected.items()):
            return False
    return True


def committed(index_dir: Path) -> int:
    """Documents in the live generation's last commit, read as a reader would; -1 for none."""
    try:
        return open_index(index_dir).doc_count()
    except IndexMissing:
        return -1


def kill_when(run: Izde, count: callable, at_least: int) -> None:
    """Kill the run as soon as `count()` reaches `at_least`: somewhere in the next batch."""
    deadline = time.monotonic() + 120
    while count() < at_least:
        assert run.process.poll() is None, f"the run ended before {at_least}: {run.finish()}"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    run.kill()


def test_killed_runs_lose_at_most_a_batch_and_the_next_run_completes(
    many_reports: Path, clean: dict, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    # Killed while starting up (no commit yet), then after about 20, 60 and 100 documents.
    run = Izde(tmp_path / "run0", "index", "--index", index, many_reports, **ENV)
    time.sleep(0.5)
    run.kill()
    counts = [committed(index)]
    for number, at_least in enumerate((20, 60, 100), start=1):
        run = Izde(tmp_path / f"run{number}", "index", "--index", index, many_reports, **ENV)
        kill_when(run, lambda: committed(index), at_least)
        counts.append(committed(index))
        # The index opens at its last commit, a whole number of batches, and answers queries.
        assert counts[-1] % BATCH == 0 and counts[-1] >= at_least
        assert Library(Settings(index_dir=index)).search("кітапхана").total > 0
    print(f"\ndocuments committed at the kills: {counts}")
    code, out, err = Izde(
        tmp_path / "last", "index", "--index", index, many_reports, **ENV
    ).finish()
    assert code == 0, err
    added = COUNT - counts[-1]
    assert f"{added} added, 0 updated, 0 removed, {counts[-1]} unchanged, 0 failed" in out
    assert same(snapshot(index), clean)


def test_a_killed_rebuild_leaves_the_live_index_whole(
    many_reports: Path, clean: dict, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    Indexer(Settings(index_dir=index)).run([many_reports])
    live, before = current_generation(index), snapshot(index)

    def rebuilt() -> int:
        new = [path for path in index.glob("gen-*") if path.name != live]
        try:
            return whoosh_index.open_dir(str(new[0])).doc_count()
        # IndexError: no new generation yet (Whoosh's EmptyIndexError is not a built-in one).
        except (IndexError, whoosh_index.EmptyIndexError, FileNotFoundError):
            return -1  # not there yet, or committing right now

    run = Izde(tmp_path / "rebuild", "index", "--rebuild", "--index", index, many_reports, **ENV)
    kill_when(run, rebuilt, COUNT // 2)
    assert current_generation(index) == live
    assert snapshot(index) == before
    code, _, err = Izde(
        tmp_path / "again", "index", "--rebuild", "--index", index, many_reports, **ENV
    ).finish()
    assert code == 0, err
    assert current_generation(index) != live
    assert [path.name for path in index.glob("gen-*")] == [current_generation(index)]
    assert same(snapshot(index), clean)
