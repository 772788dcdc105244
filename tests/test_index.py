"""Incremental indexing, atomic rebuilds, the writer lock, and bad files that never abort a run."""

from __future__ import annotations

import json
import os
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh import index as whoosh_index
from whoosh.fields import TEXT
from whoosh.filedb.filestore import FileStorage

from search.analysis import KEYS_VERSION
from search.cli import main
from search.config import Settings
from search.documents import index_fields
from search.engine.whoosh.arrays import SegmentArrays, path_for, term_key, text_fields
from search.engine.whoosh.schema import make_schema, open_index
from search.generations import (
    CURRENT,
    IDS_VERSION,
    META,
    IndexLocked,
    current_generation,
    writer_lock,
)
from search.indexer import Indexer, index_stats
from search.library import Library
from search.sources import find_files
from search.workers import Job, read_document


def paths(settings: Settings, query: str) -> list[str]:
    """Reports with the query's words (in any script), not with their translations."""
    return [hit.path for hit in Library(settings).search(query, expand=False).hits]


def test_first_run_adds_every_report_with_ids_relative_to_the_root(
    reports: Path, settings: Settings
) -> None:
    report = Indexer(settings).run([reports])
    assert sorted(report.added) == [
        "en/exhibition.txt",
        "en/mentors.html",
        "kk/kitaphana-aptaligi.txt",
        "ru/seminar-bibliotekar.md",
    ]
    assert not (report.updated or report.removed or report.unchanged or report.failed)
    stats = index_stats(settings.index_dir)
    assert stats["documents"] == 4
    assert stats["lang"] == {"en": 2, "kk": 1, "ru": 1}
    assert stats["format"] == {"html": 1, "md": 1, "txt": 2}


def test_second_run_reports_everything_unchanged(indexed: Settings, reports: Path) -> None:
    report = Indexer(indexed).run([reports])
    assert len(report.unchanged) == 4
    assert not (report.added or report.updated or report.removed or report.failed)


def contents(ix: whoosh_index.Index) -> dict[str, object]:
    """Everything an index holds, by report: terms with their postings (encoded positions and
    weights), field lengths, stored fields."""
    with ix.reader() as reader:
        paths = {docnum: stored["path"] for docnum, stored in reader.iter_docs()}
        postings = {}
        for name, term in reader.all_terms():
            matcher, found = reader.postings(name, term), []
            while matcher.is_active():
                found.append((paths[matcher.id()], matcher.value(), matcher.weight()))
                matcher.next()
            postings[name, term] = sorted(found)
        lengths = {  # None or 0 when the field is empty, by whether its segment has the field
            (paths[docnum], name): reader.doc_field_length(docnum, name) or 0
            for docnum in paths
            for name in reader.schema.scorable_names()
        }
        stored = {paths[docnum]: fields for docnum, fields in reader.iter_docs()}
    return {"postings": postings, "lengths": lengths, "stored": stored}


def test_reports_analysed_in_the_workers_and_merged_index_as_if_written_at_once(
    reports: Path, settings: Settings, tmp_path: Path
) -> None:
    (reports / "kk/untitled.txt").write_text("\n\nКітапхана жұмысы, Усть-Каменогорск.", "utf-8")
    for n in range(5):
        (reports / f"en/note-{n}.txt").write_text(f"Note {n}\n\nMentors read {n} books.", "utf-8")
    # One report per commit: the first eight segments are merged into one when the ninth comes.
    Indexer(replace(settings, batch_size=1)).run([reports])
    with open_index(settings.index_dir).reader() as reader:
        assert sorted(leaf.doc_count_all() for leaf, _ in reader.leaf_readers()) == [1, 9]
    # The same reports read in this process, analysed by the writer, in one segment.
    (tmp_path / "plain").mkdir()
    plain = whoosh_index.create_in(str(tmp_path / "plain"), make_schema())
    files, _ = find_files([reports])
    with plain.writer() as writer:
        for source in files:
            source.id = f"reports/{source.doc_id}"
            doc = read_document(source.path, Job(None, settings.max_text_chars), lambda: None)
            assert doc.postings is None
            writer.add_document(**index_fields(source, doc))
    analysed = contents(open_index(settings.index_dir))
    assert analysed["postings"] and analysed == contents(plain)
    assert_arrays_are_postings(settings.index_dir)


def test_an_index_without_arrays_gets_them_without_a_rebuild(
    reports: Path, settings: Settings
) -> None:
    """An index from before the arrays files is searched with Whoosh's matchers until the next
    `izde index`, which writes the arrays from the segments instead of reading every file."""
    Indexer(settings).run([reports])
    generation = settings.index_dir / str(current_generation(settings.index_dir))
    expected = [hit.path for hit in Library(settings).search("library").hits]
    for path in generation.glob("*.arrays"):
        path.unlink()
    library = Library(settings)
    assert [hit.path for hit in library.search("library").hits] == expected

    report = Indexer(settings).run([reports])

    assert not report.added and not report.updated and len(report.unchanged) == 4
    assert current_generation(settings.index_dir) == generation.name
    assert_arrays_are_postings(settings.index_dir)
    assert [hit.path for hit in library.search("library").hits] == expected
    with library.version() as version:
        assert version.collection.complete  # the running server uses them at once


def assert_arrays_are_postings(index_dir: Path) -> None:
    """What ranking reads (search.engine.whoosh.arrays) is what Whoosh stores, term for term, in
    every segment (merged ones too): documents, weights and positions."""
    folder = index_dir / str(current_generation(index_dir))
    with open_index(index_dir).reader() as reader:
        for leaf, _ in reader.leaf_readers():
            arrays = SegmentArrays(path_for(folder, leaf.segment().segment_id()))
            terms = 0
            for fieldname, positional in text_fields(leaf.schema).items():
                for btext in leaf.lexicon(fieldname):
                    terms += 1
                    place = arrays.find(term_key(fieldname, btext))
                    assert place is not None, (fieldname, btext)
                    ids, weights = arrays.postings(place)
                    matcher = leaf.postings(fieldname, btext)
                    found, places = [], []
                    while matcher.is_active():
                        found.append((matcher.id(), matcher.weight()))
                        if positional:
                            places.extend(matcher.value_as("positions"))
                        matcher.next()
                    assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == found
                    assert arrays.positions(place).tolist() == places
            assert len(arrays.keys) == terms


@pytest.mark.parametrize("older", ["fields", "types", "keys"])
def test_an_index_written_by_an_older_izde_is_rebuilt_not_patched(
    older: str, reports: Path, settings: Settings
) -> None:
    schema = make_schema()
    if older == "fields":
        schema.remove("state")
    elif older == "types":  # text fields that take no postings from the workers
        title = schema["title"]
        schema.remove("title")
        schema.add("title", TEXT(analyzer=title.analyzer, stored=True))
    generation = settings.index_dir / "gen-000001"
    generation.mkdir(parents=True)
    whoosh_index.create_in(str(generation), schema)
    keys = KEYS_VERSION - (older == "keys")
    (generation / META).write_text(json.dumps({"keys": keys}), encoding="ascii")
    (settings.index_dir / CURRENT).write_text("gen-000001\n", encoding="ascii")

    report = Indexer(settings).run([reports])

    assert len(report.added) == 4 and not report.failed
    assert report.generation == current_generation(settings.index_dir) == "gen-000002"
    assert not generation.exists()
    assert index_stats(settings.index_dir)["documents"] == 4
    assert not Indexer(settings).run([reports]).added  # the rebuilt one is current


def test_changed_added_and_vanished_files(indexed: Settings, reports: Path) -> None:
    exhibition = reports / "en/exhibition.txt"
    exhibition.write_text("Book exhibition\n\nA digitization workshop took place.", "utf-8")
    os.utime(exhibition, ns=(1, 10**18))  # a different mtime even on coarse file systems
    (reports / "kk/kitaphana-aptaligi.txt").unlink()
    (reports / "en/new.txt").write_text("Volunteers\n\nVolunteers helped the library.", "utf-8")

    report = Indexer(indexed).run([reports])

    assert report.updated == ["en/exhibition.txt"]
    assert report.removed == ["kk/kitaphana-aptaligi.txt"]
    assert report.added == ["en/new.txt"]
    assert paths(indexed, "digitization") == ["en/exhibition.txt"]
    assert paths(indexed, "Ust-Kamenogorsk") == ["ru/seminar-bibliotekar.md"]  # in Cyrillic
    assert paths(indexed, "кітапхана") == []
    assert paths(indexed, "volunteer") == ["en/new.txt"]


def test_touched_but_identical_file_is_unchanged(indexed: Settings, reports: Path) -> None:
    os.utime(reports / "en/exhibition.txt", ns=(1, 10**18))
    report = Indexer(indexed).run([reports])
    assert "en/exhibition.txt" in report.unchanged
    assert not report.updated


def test_bad_files_are_reported_and_never_abort_the_run(reports: Path, settings: Settings) -> None:
    (reports / "broken.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (reports / "garbage.docx").write_bytes(b"this is not a word file")
    (reports / "empty.txt").write_bytes(b"")
    report = Indexer(settings).run([reports])
    failed = dict(report.failed)
    assert set(failed) == {"broken.pdf", "garbage.docx", "empty.txt"}
    assert all(reason.strip() and "\n" not in reason for reason in failed.values())
    assert len(report.added) == 4


def test_a_changed_file_that_breaks_keeps_its_last_good_version(
    indexed: Settings, reports: Path
) -> None:
    path = reports / "en/exhibition.txt"
    path.write_bytes(b"")
    os.utime(path, ns=(1, 10**18))
    report = Indexer(indexed).run([reports])
    assert [doc_id for doc_id, _ in report.failed] == ["en/exhibition.txt"]
    assert not report.removed
    assert paths(indexed, "Ust-Kamenogorsk") == ["en/exhibition.txt", "ru/seminar-bibliotekar.md"]


def test_symlinks_are_not_followed(reports: Path, settings: Settings, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\n\nA private note outside the library folder.", "utf-8")
    (reports / "link.txt").symlink_to(outside)
    report = Indexer(settings).run([reports])
    assert ("link.txt", "symbolic link, not followed") in report.failed
    assert paths(settings, "private") == []


def test_rebuild_builds_a_new_generation_and_switches_atomically(
    indexed: Settings, reports: Path
) -> None:
    before = current_generation(indexed.index_dir)
    library = Library(indexed)
    assert library.search("mentors", expand=False).total == 1
    report = Indexer(indexed).run([reports], rebuild=True)
    after = current_generation(indexed.index_dir)
    assert after != before
    assert report.generation == after and len(report.added) == 4
    assert not (indexed.index_dir / before).exists()
    # the open library follows the new generation
    assert library.search("mentors", expand=False).total == 1


def test_a_second_run_waits_then_says_another_run_holds_the_lock(
    indexed: Settings, reports: Path
) -> None:
    with writer_lock(indexed.index_dir, timeout=0), pytest.raises(IndexLocked) as error:
        Indexer(indexed).run([reports])
    assert "another indexing run holds the lock" in str(error.value)
    assert Indexer(indexed).run([reports]).unchanged  # released afterwards


def test_hidden_and_unsupported_files_are_ignored(reports: Path, settings: Settings) -> None:
    (reports / ".hidden.txt").write_text("hidden", "utf-8")
    (reports / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    report = Indexer(settings).run([reports])
    assert len(report.added) == 4 and not report.failed


class AnalysedText(TEXT):
    """Stands for a field class an older Izde pickled into its indexes, since moved."""


def test_an_index_naming_a_class_that_no_longer_exists_opens_with_the_schema_in_code(
    reports: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    generation = settings.index_dir / "gen-000001"
    generation.mkdir(parents=True)
    schema = make_schema()
    title = schema["title"]
    schema.remove("title")
    AnalysedText.__module__ = "search.index"  # as Izde's index module was, now gone
    schema.add("title", AnalysedText(analyzer=title.analyzer, stored=True, phrase=True))
    monkeypatch.setitem(sys.modules, "search.index", types.ModuleType("search.index"))
    sys.modules["search.index"].AnalysedText = AnalysedText  # type: ignore[attr-defined]
    whoosh_index.create_in(str(generation), schema)
    monkeypatch.delitem(sys.modules, "search.index")
    meta = {"keys": KEYS_VERSION, "ids": IDS_VERSION}  # as an older Izde wrote it
    (generation / META).write_text(json.dumps(meta), encoding="ascii")
    (settings.index_dir / CURRENT).write_text("gen-000001\n", encoding="ascii")
    with pytest.raises(ModuleNotFoundError):  # what reading the pickled schema would do
        FileStorage(str(generation)).open_index()

    result = CliRunner().invoke(main, ["index", "--index", str(settings.index_dir), str(reports)])

    assert result.exit_code == 0, result.output
    assert "rebuilt beside it as gen-000002" in result.output
    assert current_generation(settings.index_dir) == "gen-000002"
    assert index_stats(settings.index_dir)["documents"] == 4
    assert not Indexer(settings).run([reports]).added  # the rebuilt one is current


def test_an_index_that_cannot_be_opened_is_rebuilt_beside_it(
    reports: Path, settings: Settings
) -> None:
    Indexer(settings).run([reports])
    live = settings.index_dir / "gen-000001"
    for toc in live.glob("*.toc"):
        toc.write_bytes(toc.read_bytes()[:40])  # a table of contents cut short

    result = CliRunner().invoke(main, ["index", "--index", str(settings.index_dir), str(reports)])

    assert result.exit_code == 0, result.output
    assert "gen-000001 cannot be opened" in result.output
    assert current_generation(settings.index_dir) == "gen-000002"
    assert not live.exists()
    assert index_stats(settings.index_dir)["documents"] == 4
