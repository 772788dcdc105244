"""Queries in any inflected form, Whoosh syntax, the AND fallback, snippets and the JSON shape."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from helpers import build_library

from search.analysis.keys import index_keys
from search.config import Settings
from search.errors import QueryError
from search.highlight import find_matches, make_snippet
from search.indexer import Indexer
from search.library import Library


def found(library: Library, query: str, **kwargs: object) -> list[str]:
    return [hit.path for hit in library.search(query, **kwargs).hits]


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("библиотекарей", "ru/seminar-bibliotekar.md"),
        ("кітапханалардың", "kk/kitaphana-aptaligi.txt"),
        ("mentoring", "en/mentors.html"),
        ("Торайғыров", "kk/kitaphana-aptaligi.txt"),
        ("Торайгыров", "ru/seminar-bibliotekar.md"),
        ("наставничеству", "ru/seminar-bibliotekar.md"),
        ("catalogs colors", "en/mentors.html"),
        ("Каменогорск", "ru/seminar-bibliotekar.md"),
    ],
)
def test_inflected_query_finds_the_report(sample_library: Library, query: str, path: str) -> None:
    assert path in found(sample_library, query)


def matched(library: Library, query: str, **kwargs: object) -> list[tuple[str, str]]:
    """Each hit's path and how it matches (full, translated, partial), in order."""
    return [(hit.path, hit.match) for hit in library.search(query, **kwargs).hits]


def test_reports_with_every_word_come_first_then_those_with_most(sample_library: Library) -> None:
    exact = {"expand": False}  # without the words' translations, which test_crosslingual tests
    assert matched(sample_library, "library mentors", **exact) == [
        ("en/mentors.html", "full"),
        ("en/exhibition.txt", "partial"),  # library, not mentors
    ]
    result = sample_library.search("library mentors", **exact)
    assert (result.total, result.counts) == (2, {"full": 1, "translated": 0, "partial": 1})
    assert not result.fallback  # a report has both words
    assert sample_library.search("rural exhibition", **exact).fallback  # nothing has both
    assert sorted(found(sample_library, "mentors OR exhibition", **exact)) == [
        "en/exhibition.txt",
        "en/mentors.html",
    ]
    assert found(sample_library, "library NOT mentors", **exact) == ["en/exhibition.txt"]


def test_phrase_and_prefix(sample_library: Library) -> None:
    assert found(sample_library, '"rural libraries"') == ["en/mentors.html"]
    assert found(sample_library, '"libraries rural"') == []
    assert found(sample_library, "библиотек*") == ["ru/seminar-bibliotekar.md"]


def test_field_syntax(sample_library: Library) -> None:
    assert found(sample_library, "семинар lang:kk") == ["kk/kitaphana-aptaligi.txt"]
    assert found(sample_library, "library year:2020") == ["en/exhibition.txt"]
    assert found(sample_library, "title:exhibition") == ["en/exhibition.txt"]
    assert found(sample_library, "библиотекарь", lang="kk", expand=False) == []
    # Its Kazakh translation, кітапханашы, is in the Kazakh report.
    assert found(sample_library, "библиотекарь", lang="kk") == ["kk/kitaphana-aptaligi.txt"]


def test_a_partial_match_needs_most_of_the_words_when_one_has_them_all(
    sample_library: Library,
) -> None:
    # The mentors report has all three words; the exhibition report only "library" (one of
    # three, not most), the Russian one none.
    assert matched(sample_library, "rural library mentors", expand=False) == [
        ("en/mentors.html", "full")
    ]
    # When no report has them all, any of the words will do (the ranked OR fallback).
    assert sorted(matched(sample_library, "library visitors mentors Экибастуз", expand=False)) == [
        ("en/exhibition.txt", "partial"),
        ("en/mentors.html", "partial"),
    ]


def test_partial_matches_with_more_of_the_rarer_words_come_first(tmp_path: Path) -> None:
    # No report has all three words. The English one has two of them, through translations,
    # which weigh less than a word as typed; each Russian one says the common «библиотека»
    # often. More of the query, its rarer words counting more, ranks first.
    libraries = "Библиотека. " * 6
    library = build_library(
        tmp_path,
        {
            "en/volunteers.txt": "Volunteers at the library\n\nStudents volunteer on Saturdays.",
            **{f"ru/{n}.txt": f"Отчёт {n}\n\n{libraries}Новые книги." for n in range(6)},
        },
    )
    hits = matched(library, "волонтёрское движение в библиотеках")
    assert hits[0] == ("en/volunteers.txt", "partial"), hits


def test_explicit_and_not_phrases_and_filters_stay_strict(sample_library: Library) -> None:
    exact = {"expand": False}
    assert matched(sample_library, "library AND mentors", **exact) == [("en/mentors.html", "full")]
    assert matched(sample_library, 'library "rural libraries"', **exact) == [
        ("en/mentors.html", "full")
    ]
    # The exhibition report has library, but not mentors in its title.
    assert matched(sample_library, "library rural title:mentors", **exact) == [
        ("en/mentors.html", "full")
    ]
    assert matched(sample_library, "library mentors NOT rural", **exact) == [
        ("en/exhibition.txt", "partial")
    ]
    assert matched(sample_library, "library mentors year:2020", **exact) == [
        ("en/exhibition.txt", "partial")
    ]


def test_counts_split_full_translated_and_partial_matches(sample_library: Library) -> None:
    result = sample_library.search("кітапханалардың")
    # The Kazakh report has the word; the others only its translations (library, библиотека).
    assert result.counts == {"full": 1, "translated": 3, "partial": 0}
    assert result.total == 4 and result.hits[0].path == "kk/kitaphana-aptaligi.txt"
    assert [hit.match for hit in result.hits] == ["full", "translated", "translated", "translated"]
    assert sample_library.search("кітапханалардың", expand=False).counts == {
        "full": 1,
        "translated": 0,
        "partial": 0,
    }


def test_facets_and_pages_count_the_whole_list(sample_library: Library) -> None:
    result = sample_library.search("library mentors", expand=False, limit=1)
    assert result.facets["lang"] == {"en": 2}
    second = sample_library.search("library mentors", expand=False, limit=1, page=2)
    assert [(hit.path, hit.match) for hit in second.hits] == [("en/exhibition.txt", "partial")]
    by_date = sample_library.search("library mentors", expand=False, sort="date")
    assert [hit.match for hit in by_date.hits] == ["full", "partial"]


def test_and_query_without_full_match_falls_back_to_ranked_or(sample_library: Library) -> None:
    result = sample_library.search("mentors exhibition visitors", expand=False)
    assert result.fallback
    # The report matching two of the three words ranks first.
    assert [hit.path for hit in result.hits] == ["en/exhibition.txt", "en/mentors.html"]


def test_snippet_marks_words_as_written_and_escapes_html(sample_library: Library) -> None:
    hit = sample_library.search("кітапхана").hits[0]
    assert "<mark>кітапханада</mark>" in hit.snippet
    # a derived word (кітапханашы "librarian"), which matches at the derivational weight
    assert "<mark>Кітапханашылар</mark>" in hit.snippet
    assert "<mark>семинар</mark>" not in hit.snippet  # a different word
    exhibition = sample_library.search("guided").hits[0]
    assert "&lt;b&gt;<mark>guided</mark>&lt;/b&gt;" in exhibition.snippet


def test_script_text_is_not_indexed(sample_library: Library) -> None:
    assert found(sample_library, "secret") == []


def test_title_matches_rank_above_body_matches(sample_library: Library) -> None:
    assert found(sample_library, "exhibition OR local")[0] == "en/exhibition.txt"


def test_pdf_hits_carry_the_page_of_the_first_match(settings: Settings, tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    for text in ("Annual report of the regional library.", "Mentors trained volunteers."):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 10, text)
    folder = tmp_path / "pdfs"
    folder.mkdir()
    pdf.output(str(folder / "annual.pdf"))
    Indexer(settings).run([folder])
    hit = Library(settings).search("mentoring").hits[0]
    assert (hit.path, hit.page) == ("annual.pdf", 2)
    assert "<mark>Mentors</mark>" in hit.snippet
    doc = Library(settings).document("annual.pdf", "mentoring")
    assert doc is not None
    assert [section.page for section in doc.sections] == [1, 2]
    assert "<mark" not in doc.sections[0].html
    assert doc.sections[1].html == '<p><mark id="match-1">Mentors</mark> trained volunteers.</p>'


# Words the exhibition report has, but more of them than the 1,000 characters a query may have.
TOO_LONG = "guided exhibition " * 60


@pytest.mark.parametrize(
    ("query", "reason"),
    [("", "empty"), ("   ", "empty"), ("!!! ???", "no_words"), (TOO_LONG, "too_long")],
)
def test_unusable_queries_get_a_clear_message(
    sample_library: Library, query: str, reason: str
) -> None:
    with pytest.raises(QueryError) as error:
        sample_library.search(query)
    assert error.value.reason == reason
    assert str(error.value).endswith(".")


@pytest.mark.parametrize("query", ['"unbalanced', "(brackets", "*", "foo:bar", "AND", "lang:"])
def test_odd_syntax_never_raises_anything_else(sample_library: Library, query: str) -> None:
    with contextlib.suppress(QueryError):
        sample_library.search(query)


def test_misspelled_word_is_searched_respelled_or_suggested(sample_library: Library) -> None:
    result = sample_library.search("exhibitoin")
    assert (result.query, result.respelled_from) == ("exhibition", "exhibitoin")
    assert result.counts["full"] and result.suggestion is None
    typed = sample_library.search("exhibitoin", respell=False)
    assert (typed.total, typed.suggestion, typed.respelled_from) == (0, "exhibition", None)


def test_json_shape(sample_library: Library) -> None:
    data = json.loads(json.dumps(sample_library.search("Торайгыров").to_json(), ensure_ascii=False))
    assert {"query", "total", "hits", "suggestion", "facets"} <= data.keys()
    # The name as typed first; then its other spellings, Торайғыров and Toraigyrov.
    assert data["total"] == len(data["hits"]) == 3
    hit = data["hits"][0]
    assert {"path", "title", "lang", "date", "score", "snippet", "page"} <= hit.keys()
    assert hit["date"] == "2021-11-24" and hit["lang"] == "ru" and hit["page"] is None
    assert hit["title"] == "Семинар для библиотекарей"


def test_sort_by_date_puts_newest_first(sample_library: Library) -> None:
    dates = [
        hit.date
        for hit in sample_library.search("library OR кітапхана OR библиотека", sort="date").hits
    ]
    assert dates == sorted(dates, reverse=True)


def test_not_words_and_filters_still_hold_in_the_fallback(sample_library: Library) -> None:
    result = sample_library.search("mentors exhibition NOT rural", expand=False)
    assert result.fallback
    assert found(sample_library, "mentors exhibition NOT rural", expand=False) == [
        "en/exhibition.txt"
    ]
    assert found(sample_library, "семинар mentors lang:kk") == ["kk/kitaphana-aptaligi.txt"]


WIDE = "семинар OR mentors OR exhibition"


def test_facets_count_every_matching_report_not_just_the_page(sample_library: Library) -> None:
    result = sample_library.search(WIDE, limit=1)
    assert (result.total, len(result.hits)) == (4, 1)
    assert result.facets == {
        "lang": {"en": 2, "kk": 1, "ru": 1},
        "year": {"2022": 1, "2021": 2, "2020": 1},
        # The Kazakh report is of a library week (апталығы) where a seminar took place.
        "type": {"exhibition": 1, "festival": 1, "other": 1, "seminar": 1},
        "format": {"txt": 2, "html": 1, "md": 1},
    }


def test_a_facet_ignores_its_own_filter_but_not_the_others(sample_library: Library) -> None:
    result = sample_library.search(WIDE, lang="en", year="2022")
    assert [hit.path for hit in result.hits] == ["en/mentors.html"]
    assert result.facets["lang"] == {"en": 1}  # reports of 2022, any language
    assert result.facets["year"] == {"2022": 1, "2020": 1}  # English reports, any year
    assert result.facets["type"] == {"other": 1}  # both filters


def test_event_type_filter(sample_library: Library) -> None:
    assert found(sample_library, WIDE, type="seminar") == ["ru/seminar-bibliotekar.md"]
    assert found(sample_library, WIDE, type="festival") == ["kk/kitaphana-aptaligi.txt"]
    assert found(sample_library, WIDE, type="exhibition", lang="ru") == []


def test_document_marks_the_query_words_in_the_whole_text(sample_library: Library) -> None:
    doc = sample_library.document("en/exhibition.txt", "guided")
    assert doc is not None
    assert (doc.title, doc.event, doc.matches) == ("Book exhibition", ["exhibition"], 1)
    assert [section.page for section in doc.sections] == [None]
    assert '&lt;b&gt;<mark id="match-1">guided</mark>&lt;/b&gt;' in doc.sections[0].html
    assert "source" not in doc.to_json()


def test_document_without_a_usable_query_marks_nothing(sample_library: Library) -> None:
    # Its words would be marked, were the query not too long.
    assert sample_library.document("en/exhibition.txt", TOO_LONG[:100]).matches > 0
    for query in (None, "", "!!!", TOO_LONG):
        doc = sample_library.document("en/exhibition.txt", query)
        assert doc is not None and doc.matches == 0
        assert "<mark>" not in doc.sections[0].html


def test_unknown_document_is_none(sample_library: Library) -> None:
    assert sample_library.document("en/none.txt") is None
    assert sample_library.stored("en/none.txt") is None


def test_marks_are_whole_words_as_the_tokenizer_reads_them() -> None:
    """Highlighting searches the text for the wanted words as strings: a word inside a longer
    one, or part of a hyphenated or apostrophe word, is not one of them."""
    wanted = {"ru": set(index_keys("библиотека", "ru")), "en": set(index_keys("roll", "en"))}
    content = (
        "Библиотека и библиотекарь: библиотеки,библиотека-музей. Суббиблиотека библиотека\n"
        "rock'n'roll, roll-call roll's rolls"
    )
    spans = [(0, content.index("\n"), "ru"), (content.index("\n") + 1, len(content), "en")]
    marked = [content[a:b] for a, b in find_matches(content, spans, wanted)]
    assert marked == [
        "Библиотека",
        "библиотеки",
        "библиотека",  # the part of «библиотека-музей»
        "библиотека",
        "roll",  # «rock'n'roll» reads as «rock'n» and «roll»
        "roll",  # the part of «roll-call»
        "roll's",
        "rolls",
    ]


def test_a_snippet_is_cut_at_word_boundaries_without_doubled_punctuation() -> None:
    long_word = "collision" * 5  # no space within reach of the snippet's start
    content = f"{long_word} mentors of rural libraries met librarians."
    start = content.index("mentors")
    snippet, first = make_snippet(content, [(start, start + 7)], 30)
    assert first == start
    assert snippet == "…<mark>mentors</mark> of rural libraries met…"  # not «…llision mentors»
    text = "Библиотека провела семинар для библиотекарей. Потом была выставка книг и встреча."
    mark = text.index("семинар")
    snippet, _ = make_snippet(text, [(mark, mark + 7)], 33)
    assert snippet == "…провела <mark>семинар</mark> для библиотекарей…"  # not «библиотекарей.…»
