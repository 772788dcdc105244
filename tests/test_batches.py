"""A run's batches: small at its start, each later one up to twice the one before, up to the
run's batch size, and no larger once their postings reach BATCH_BYTES."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.engine import engine
from search.engine.whoosh import writer
from search.generations import new_generation, switch_to


def segment_sizes(count: int, limit: int, tmp_path: Path) -> list[int]:
    """The documents of each segment after adding `count` small documents in batches of at most
    `limit`."""
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    generation = index_dir / new_generation(index_dir, engine().create)
    switch_to(index_dir, generation.name)
    batches = engine().batches(generation, limit)
    for n in range(count):
        title = f"Кітапхана апталығы {n}"
        fields = {"id": f"a/{n}.txt", "path": f"a/{n}.txt", "root": "/a", "title": title}
        batches.writer().add(fields, {"title": engine().analyse("title", title)})
        batches.added()
    batches.writer().commit()
    ix = whoosh_index.open_dir(str(generation))
    return [segment.doc_count_all() for segment in ix._segments()]


def test_batches_grow_to_the_run_s_batch_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "FIRST_BATCH", 2)
    assert segment_sizes(60, 16, tmp_path) == [2, 4, 8, 16, 16, 14]


def test_a_batch_stops_growing_at_its_postings_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer, "FIRST_BATCH", 2)
    monkeypatch.setattr(writer, "BATCH_BYTES", 1)  # but never below the first batch's size
    assert segment_sizes(7, 16, tmp_path) == [2, 2, 2, 1]


def test_a_batch_size_below_the_first_batch_s_is_kept(tmp_path: Path) -> None:
    assert segment_sizes(7, 2, tmp_path) == [2, 2, 2, 1]
