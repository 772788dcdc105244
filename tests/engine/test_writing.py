"""The writing contract (search/engine/writing.py), against the installed engine: documents put,
replaced and deleted, committed into a new generation, read back with the same stored fields."""

from __future__ import annotations

from pathlib import Path

from search.engine import engine
from search.generations import live_generation, new_generation, switch_to


def document(doc_id: str, root: str, title: str) -> dict[str, object]:
    state = (doc_id, root, doc_id, f"{root}/{doc_id}", 1, 2, "sha")
    return {"id": doc_id, "path": doc_id, "root": root, "title": title, "state": state}


def test_put_replace_delete_commit_and_read_back(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    switch_to(index_dir, new_generation(index_dir, engine().create))
    generation = index_dir / live_generation(index_dir)
    assert engine().is_current(generation)

    batches = engine().batches(generation, size=2)
    for n, title in enumerate(["Кітапхана апталығы", "Семинар", "Exhibition"]):
        title_analysed = engine().analyse("title", title) if n == 0 else None
        fields = document(f"a/{n}.txt", "/a" if n < 2 else "/b", title)
        batches.writer().add(fields, {"title": title_analysed} if title_analysed else {})
        batches.added()
    batches.writer().commit()
    with engine().read(generation) as stored:
        assert stored.values("root") == {"/a": 2, "/b": 1}
    writer = engine().writer(generation)
    writer.replace(document("a/1.txt", "/a", "Семинар 2"), {})
    assert writer.delete("root", "/b") == 1
    writer.commit()

    with engine().read(generation) as stored:
        states = dict(stored.states())
        titles = {stored.stored(n)["id"]: stored.stored(n)["title"] for n in states}
        assert titles == {"a/0.txt": "Кітапхана апталығы", "a/1.txt": "Семинар 2"}
        assert sorted(state[0] for state in states.values()) == ["a/0.txt", "a/1.txt"]
        assert [stored.stored(n)["id"] for n in stored.numbers(root="/a", path="a/1.txt")] == [
            "a/1.txt"
        ]
        assert stored.count() == 2
    with engine().read_live(index_dir) as live:
        assert (live.first(id="a/0.txt") or {})["title"] == "Кітапхана апталығы"


def test_a_cancelled_writer_changes_nothing(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    switch_to(index_dir, new_generation(index_dir, engine().create))
    generation = index_dir / live_generation(index_dir)
    writer = engine().writer(generation)
    writer.add(document("a/0.txt", "/a", "Title"), {})
    writer.cancel()

    with engine().read(generation) as stored:
        assert stored.count() == 0
        assert list(stored.states()) == []
