"""The `izde` command on the bundled corpus: what the README promises a new user."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import CORPUS

from search.cli import main
from search.extract import SUPPORTED_SUFFIXES
from search.generations import writer_lock


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def search_json(index: Path, query: str) -> dict:
    code, output = run("search", "--index", str(index), "--json", "--limit", "50", query)
    assert code == 0, output
    return json.loads(output)


def test_corpus_indexes_every_file_without_failure(corpus_index: Path) -> None:
    files = [p for p in CORPUS.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES]
    code, output = run("stats", "--index", str(corpus_index))
    assert code == 0
    assert f"documents: {len(files)}" in output
    assert len(files) >= 32


def test_second_run_reports_everything_unchanged(corpus_index: Path, tmp_path: Path) -> None:
    index = shutil.copytree(corpus_index, tmp_path / "index")  # a run commits: not the shared one
    code, output = run("index", "--index", str(index), str(CORPUS))
    assert code == 0, output
    assert re.search(r"0 added, 0 updated, 0 removed, \d+ unchanged, 0 failed", output)
    assert f"— index folder {index} (gen-" in output


def test_plain_text_search_marks_matches_only_on_a_terminal(corpus_index: Path) -> None:
    args = ["search", "--index", str(corpus_index), "--lang", "ru", "библиотекарей"]
    styled = CliRunner().invoke(main, args, color=True).output
    assert re.search(r"\x1b\[1m\x1b\[4m[Бб]иблиотекар\w*\x1b\[0m", styled)
    plain = CliRunner().invoke(main, args).output  # a pipe or a file: no escape codes
    assert "\x1b" not in plain and re.search(r" [Бб]иблиотекар\w* ", plain)


@pytest.mark.parametrize(
    ("query", "lang", "marked"),
    [
        ("библиотекарей", "ru", r"<mark>[Бб]иблиотекар\w*</mark>"),
        ("кітапханалардың", "kk", r"<mark>[Кк]ітапхана\w*</mark>"),
        ("mentors", "en", r"<mark>[Mm]entor\w*</mark>"),
        ("Торайғыров", "kk", r"<mark>Торайғыров\w*</mark>"),
    ],
)
def test_inflected_queries_find_corpus_reports_with_words_marked(
    corpus_index: Path, query: str, lang: str, marked: str
) -> None:
    data = search_json(corpus_index, query)
    assert data["total"] >= 2
    assert data["hits"][0]["lang"] == lang
    assert all(re.search(marked, hit["snippet"]) for hit in data["hits"] if hit["lang"] == lang)


def test_morphology_finds_forms_the_query_does_not_contain(corpus_index: Path) -> None:
    for query in ("библиотекарей", "кітапханалардың", "mentoring"):
        data = search_json(corpus_index, query)
        exact = [hit for hit in data["hits"] if query not in hit["snippet"].lower()]
        assert exact, f"every hit for {query} contains the exact form"


def test_search_text_output_and_lang_filter(corpus_index: Path) -> None:
    code, output = run("search", "--index", str(corpus_index), "--lang", "ru", "семинар")
    assert code == 0
    assert "result(s) for 'семинар'" in output
    assert "[ru," in output and "[kk," not in output


def test_translations_are_searched_unless_no_expand(corpus_index: Path) -> None:
    expanded = search_json(corpus_index, "наставничество")
    assert {hit["lang"] for hit in expanded["hits"]} == {"kk", "ru", "en"}
    assert expanded["hits"][0]["lang"] == "ru"  # the word as typed first
    code, output = run(
        "search", "--index", str(corpus_index), "--json", "--no-expand", "наставничество"
    )
    assert code == 0, output
    assert {hit["lang"] for hit in json.loads(output)["hits"]} == {"ru"}


def test_a_typo_is_searched_respelled_unless_exact(corpus_index: Path) -> None:
    code, output = run("search", "--index", str(corpus_index), "семинр")
    assert code == 0, output
    assert "Showing results for 'семинар'; --exact searches 'семинр'" in output
    code, output = run("search", "--index", str(corpus_index), "--exact", "семинр")
    assert code == 0, output
    assert "0 result(s) for 'семинр'" in output and "Did you mean: семинар" in output


def test_unusable_query_is_a_usage_error(corpus_index: Path) -> None:
    code, output = run("search", "--index", str(corpus_index), "!!!")
    assert code == 2
    assert "no words to search for" in output


def test_missing_index_says_what_to_do(tmp_path: Path) -> None:
    code, output = run("search", "--index", str(tmp_path / "none"), "library")
    assert code == 4
    assert "izde index" in output


def test_locked_index_exits_with_a_clear_message(tmp_path: Path) -> None:
    index = tmp_path / "index"
    with writer_lock(index, timeout=0):
        result = CliRunner().invoke(
            main, ["index", "--index", str(index), str(CORPUS)], env={"IZDE_LOCK_TIMEOUT": "0"}
        )
    assert result.exit_code == 3
    assert "another indexing run holds the lock" in result.output


def test_failed_files_are_listed_and_set_the_exit_code(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "ok.txt").write_text("Library week\n\nReaders met authors.", "utf-8")
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4 truncated")
    code, output = run("index", "--index", str(tmp_path / "index"), str(folder))
    assert code == 1
    assert f"FAILED {folder / 'bad.pdf'}: " in output
    assert "1 added, 0 updated, 0 removed, 0 unchanged, 1 failed" in output
