"""What a reader sees of a report: its snippet without the title repeated, and its page with the
file's headings and lists, the query's words marked and numbered; an index from before
headings were kept shows paragraphs, and the next `izde index` rebuilds it with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_reports

import search.indexer
from search.config import Settings
from search.engine.whoosh import schema as whoosh_schema
from search.generations import current_generation
from search.highlight import make_snippet
from search.indexer import Indexer
from search.library import Library
from search.rendering import after_title, section_html


def test_a_hits_snippet_does_not_begin_with_its_title(settings: Settings, tmp_path: Path) -> None:
    reports = write_reports(
        tmp_path / "reports",
        {
            "mentors.txt": (
                "Reading Mentors\n\nOn April 23 the reading mentors of the city library met "
                "young readers in the children's hall."
            ),
            "notes.txt": "Annual report of the library\nThe library lent 40,000 books.",
            "one-line.txt": "Reading mentors",
        },
    )
    Indexer(settings).run([reports])
    hits = {hit.path: hit for hit in Library(settings).search("reading mentors").hits}
    # The title above the snippet is not said again: the text after it is shown.
    assert hits["mentors.txt"].title == "Reading Mentors"
    assert hits["mentors.txt"].snippet.startswith("On April 23 the <mark>reading</mark>")
    # A report that is only its title still shows it.
    assert hits["one-line.txt"].snippet == "<mark>Reading</mark> <mark>mentors</mark>"
    library = Library(settings).search("lent books").hits[0]
    assert library.snippet.startswith("The library <mark>lent</mark>")


@pytest.mark.parametrize(
    ("content", "titles", "body"),
    [
        ("Reading Mentors\n\nOn April 23", ("Reading Mentors",), "On April 23"),
        # a title from the file's properties, set over several printed lines, any case
        (
            "ОБЛАСТНАЯ научно-практическая\nконференция\nТекст",
            ("Областная научно-практическая конференция",),
            "Текст",
        ),
        ("Annual report of the library.", ("Annual report",), None),  # only begins the line
        ("Annual report", ("Annual report",), None),  # nothing after it
        ("Other first line\nText", ("A title", ""), None),
        ("Отчёт о семинаре и его итогах\nТекст", ("Отчёт о семинаре…",), None),  # shortened
    ],
)
def test_where_the_body_after_a_title_starts(
    content: str, titles: tuple[str, ...], body: str | None
) -> None:
    at = after_title(content, *titles)
    assert (content[at:] if at else None) == body


def test_a_snippet_from_the_body_has_no_leading_ellipsis() -> None:
    content = "Title\n\nThe body begins here and goes on about mentors for a while."
    body = after_title(content, "Title")
    mentors = content.index("mentors")
    snippet, first = make_snippet(content, [(0, 5), (mentors, mentors + 7)], 200, body)
    assert snippet == "The body begins here and goes on about <mark>mentors</mark> for a while."
    assert first == mentors  # the mark in the title is not the snippet's


def test_a_section_is_paragraphs_headings_and_lists_with_numbered_marks() -> None:
    content = "Report\n\nIntro line one\nline two\n\nAgenda\n\nopening\ntalks\n\n<b>Close</b>"
    at = content.index
    blocks = [
        (0, 6, "h1"),
        (at("Agenda"), at("Agenda") + 6, "h2"),
        (at("opening"), at("opening") + 7, "ol"),
        (at("talks"), at("talks") + 5, "ol"),
    ]
    marks = [(at("Intro"), at("Intro") + 5), (at("talks"), at("talks") + 5)]
    assert section_html(content, marks, 0, len(content), blocks) == (
        '<h3 class="doc-heading">Report</h3>'
        '<p><mark id="match-1">Intro</mark> line one\nline two</p>'
        '<h4 class="doc-heading">Agenda</h4>'
        '<ol><li>opening</li><li><mark id="match-2">talks</mark></li></ol>'
        "<p>&lt;b&gt;Close&lt;/b&gt;</p>"
    )
    # A page of the text: the marks keep their numbers over the whole document.
    second = section_html(content, marks, at("Agenda"), len(content), blocks)
    assert second.startswith('<h4 class="doc-heading">Agenda</h4><ol>')
    assert '<mark id="match-2">talks</mark>' in second
    # Without blocks (an index from before them): paragraphs.
    assert section_html(content, [], 0, len(content), []).startswith("<p>Report</p><p>Intro")


STRUCTURED = {
    "program.md": (
        "# Семинар для библиотекарей\n\nСеминар прошёл в областной библиотеке.\n\n"
        "## Программа\n\n- открытие семинара\n- доклады библиотекарей\n"
    )
}


def test_an_index_from_before_headings_reads_as_paragraphs_then_is_rebuilt(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = write_reports(tmp_path / "reports", STRUCTURED)
    # The index an older Izde wrote: no `blocks` field.
    fields = search.indexer.index_fields

    def old_schema() -> whoosh_schema.Schema:
        made = whoosh_schema.make_schema()
        made.remove("blocks")
        return made

    monkeypatch.setattr(whoosh_schema, "schema", old_schema)
    monkeypatch.setattr(
        search.indexer,
        "index_fields",
        lambda *args, **kwargs: {k: v for k, v in fields(*args, **kwargs).items() if k != "blocks"},
    )
    Indexer(settings).run([reports])
    old = current_generation(settings.index_dir)
    monkeypatch.undo()

    doc = Library(settings).document("reports/program.md", "библиотекарей")
    assert doc is not None
    html = doc.sections[0].html
    assert html.startswith('<p>Семинар для <mark id="match-1">')  # shown, as paragraphs
    assert "<h" not in html and "<li>" not in html

    report = Indexer(settings).run([reports])
    assert current_generation(settings.index_dir) != old and report.added == ["program.md"]
    doc = Library(settings).document("reports/program.md", "библиотекарей")
    assert doc is not None
    assert doc.sections[0].html == (
        '<h3 class="doc-heading">Семинар для <mark id="match-1">библиотекарей</mark></h3>'
        "<p>Семинар прошёл в областной библиотеке.</p>"
        '<h4 class="doc-heading">Программа</h4>'
        "<ul><li>открытие семинара</li>"
        '<li>доклады <mark id="match-2">библиотекарей</mark></li></ul>'
    )


def test_a_pdfs_printed_lines_run_together_into_paragraphs() -> None:
    content = (
        "17 октября в областной библиотеке прошла\nконференция краеведов региона.\n"
        "Пленарное заседание\nОткрыла конференцию директор библиотеки\nШолпан Шахметова."
    )
    heading = content.index("Пленарное")
    blocks = [(heading, heading + len("Пленарное заседание"), "h2")]
    assert section_html(content, [], 0, len(content), blocks, reflow=True) == (
        "<p>17 октября в областной библиотеке прошла конференция краеведов региона.</p>"
        '<h4 class="doc-heading">Пленарное заседание</h4>'
        "<p>Открыла конференцию директор библиотеки Шолпан Шахметова.</p>"
    )
    # Other formats keep their line breaks: the author put them there.
    assert "прошла\nконференция" in section_html(content, [], 0, len(content), blocks)
