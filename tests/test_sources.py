"""Documents identified by source folder and path inside it: two folders with the same file
names never overwrite each other, `izde sources`, and files that keep failing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import main
from search.config import Settings
from search.indexer import Indexer
from search.library import Library
from search.sources import list_sources
from web import create_app

LEGACY_INDEX = Path(__file__).resolve().parent / "data" / "index-v1"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def two_folders(tmp_path: Path) -> tuple[Path, Path]:
    """The trial from issue 13: two folders, each with its own report.txt."""
    a = tmp_path / "A"
    b = tmp_path / "branch" / "B"
    write(a / "report.txt", "Library week\n\nThe library week in Almaty gathered readers.")
    write(b / "report.txt", "Mentoring seminar\n\nMentors from Pavlodar met librarians.")
    return a, b


def found(settings: Settings) -> list[str]:
    hits = Library(settings).search("library OR mentors", expand=False).hits
    return sorted(hit.id for hit in hits)


@pytest.mark.slow  # six indexing runs
def test_two_folders_with_the_same_file_names_keep_both_reports(
    two_folders: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = two_folders
    index = tmp_path / "index"
    both = ["A/report.txt", "B/report.txt"]
    steps = [[a], [b], [a], [b], ["--rebuild", a], ["--rebuild", b]]
    for n, step in enumerate(steps):
        code, output = run("index", "--index", str(index), *map(str, step))
        assert code == 0, output
        assert "0 updated, 0 removed" in output, (step, output)
        assert found(Settings(index)) == (both if n else ["A/report.txt"]), step
    code, output = run("search", "--index", str(index), "library", "OR", "mentors")
    assert "A/report.txt" in output and "B/report.txt" in output


def test_a_vanished_file_is_removed_only_from_its_own_source(
    two_folders: tuple[Path, Path], settings: Settings
) -> None:
    a, b = two_folders
    Indexer(settings).run([a])
    Indexer(settings).run([b])
    (a / "report.txt").unlink()
    report = Indexer(settings).run([b])
    assert not report.removed and found(settings) == ["A/report.txt", "B/report.txt"]
    report = Indexer(settings).run([a])
    assert report.removed == ["report.txt"] and found(settings) == ["B/report.txt"]


def test_a_folder_or_file_inside_a_source_is_indexed_as_part_of_it(
    two_folders: tuple[Path, Path], settings: Settings
) -> None:
    a, _ = two_folders
    write(a / "2021" / "seminar.txt", "Seminar\n\nMentors met in the library in 2021.")
    Indexer(settings).run([a])
    (a / "2021" / "seminar.txt").write_text("Seminar\n\nMentors met in 2022.", "utf-8")
    report = Indexer(settings).run([a / "2021"])
    assert report.updated == ["2021/seminar.txt"] and not report.removed
    report = Indexer(settings).run([a / "report.txt"])
    assert report.unchanged == ["report.txt"] and not report.removed  # 2021/ is not in scope
    assert [(s.name, s.documents) for s in list_sources(settings.index_dir)] == [("A", 2)]


def test_sources_are_listed_and_one_is_removed_by_name_or_folder(
    two_folders: tuple[Path, Path], settings: Settings
) -> None:
    a, b = two_folders
    Indexer(settings).run([a])
    Indexer(settings).run([b])
    index = str(settings.index_dir)
    code, output = run("sources", "--index", index)
    assert code == 0
    assert f"A\t1 documents\t{a.resolve()}" in output and f"B\t1 documents\t{b.resolve()}" in output
    code, output = run("sources", "--index", index, "remove", "B")
    assert code == 0 and "1 documents" in output, output
    assert found(settings) == ["A/report.txt"]
    code, output = run("sources", "--index", index, "remove", str(a))
    assert code == 0 and found(settings) == []
    assert (a / "report.txt").exists()  # files are never touched
    code, output = run("sources", "--index", index, "remove", "nowhere")
    assert code == 2 and "not a source" in output


def test_a_file_that_keeps_failing_does_not_fail_an_unchanged_run(
    two_folders: tuple[Path, Path], tmp_path: Path
) -> None:
    a, _ = two_folders
    index = str(tmp_path / "index")
    empty = a / "empty.txt"
    empty.write_bytes(b"")
    code, output = run("index", "--index", index, str(a))
    assert code == 1 and f"FAILED {empty}: empty file" in output
    code, output = run("index", "--index", index, str(a))
    assert code == 0 and "1 still failing as before" in output and "FAILED" not in output
    code, output = run("problems", "--index", index)
    assert f"{empty}: empty file" in output
    # A new failing file fails the run; so does the old one once it changes and still fails.
    (a / "broken.docx").write_bytes(b"not a word file")
    code, output = run("index", "--index", index, str(a))
    assert code == 1 and "FAILED" in output and "broken.docx" in output
    assert "empty.txt" not in output.split("FAILED", 1)[1].split("\n", 1)[0]
    empty.write_bytes(b" ")
    os.utime(empty, ns=(1, 10**18))
    (a / "broken.docx").unlink()
    code, output = run("index", "--index", index, str(a))
    assert code == 1 and f"FAILED {empty}" in output
    # Fixed, it leaves the list.
    empty.write_text("Fixed\n\nThe library fixed the empty report.", "utf-8")
    code, output = run("index", "--index", index, str(a))
    assert code == 0
    assert "No problems" in run("problems", "--index", index)[1]


def test_an_index_written_before_sources_upgrades_without_losing_a_document(
    tmp_path: Path, two_folders: tuple[Path, Path]
) -> None:
    """An index that main's `izde index` wrote (ids were paths inside the folder named): the
    next run rebuilds it with every document, each in the source it was indexed from."""
    index = tmp_path / "index"
    shutil.copytree(LEGACY_INDEX, index, ignore=shutil.ignore_patterns("README.md"))
    settings = Settings(index)
    before = sorted(hit.path for hit in Library(settings).search("Pavlodar OR library").hits)
    assert before == ["mentors.txt", "report.txt", "sub/seminar.txt"]
    a, _ = two_folders
    report = Indexer(settings).run([a])
    assert report.added == ["report.txt"] and len(report.carried) == 3 and not report.failed
    ids = sorted(hit.id for hit in Library(settings).search("Pavlodar OR library").hits)
    assert ids == ["A-2/report.txt", "A/report.txt", "A/sub/seminar.txt", "B/mentors.txt"]
    kazakh = Library(settings).search("кітапханашылар", expand=False).hits
    assert [hit.id for hit in kazakh] == ["A/sub/seminar.txt"]
    legacy = Path("/tmp/w13/legacy")  # where main indexed them; the folders are gone
    assert {(s.name, s.root) for s in list_sources(index)} == {
        ("A", str(legacy / "A")),
        ("B", str(legacy / "B")),
        ("A-2", str(a.resolve())),
    }


def test_an_old_link_by_path_alone_opens_the_document_while_it_is_unambiguous(
    two_folders: tuple[Path, Path], settings: Settings
) -> None:
    a, b = two_folders
    write(a / "notes.txt", "Notes\n\nNotes of the library council.")
    Indexer(settings).run([a])
    client = create_app(settings).test_client()
    assert client.get("/api/documents/report.txt").get_json()["id"] == "A/report.txt"
    assert client.get("/documents/A/notes.txt").status_code == 200
    Indexer(settings).run([b])
    assert client.get("/api/documents/report.txt").status_code == 404  # two reports have it
    data = client.get("/api/documents/B/report.txt").get_json()
    assert data["id"] == "B/report.txt" and data["path"] == "report.txt"
