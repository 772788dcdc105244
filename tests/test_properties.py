"""Property tests (Hypothesis): no query and no URL parameter makes search fail.

Whatever a user types or puts in a URL — unbalanced quotes and brackets, operators without
operands, `field:` with a field the index does not search, control characters, RTL marks,
combining accents, emoji, Kazakh, Russian and English in both scripts, 10,000 characters — gets
results or a clear QueryError, which the web turns into a 400 with a sentence to read; never
another exception or a 500. Runs are repeatable and bounded: the "izde" profile derandomizes
them and keeps no example database. Each failure Hypothesis found is pinned as an @example.
"""

from __future__ import annotations

import re

import hypothesis
import pytest
from flask import Flask
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from search.config import Settings
from search.errors import QueryError
from search.library import SORTS, Library, cleaned

hypothesis.settings.register_profile(
    "izde", derandomize=True, database=None, deadline=None, max_examples=300
)
hypothesis.settings.load_profile("izde")
# HTTP examples each render a page or run the app's whole stack: fewer of them.
HTTP = hypothesis.settings(max_examples=150)

REASONS = {"empty", "too_long", "no_words", "sort", "paging"}
# A query over its budget (search.budget).
REASONS |= {"too_broad", "too_many_prefixes", "too_many_words", "too_slow", "busy"}

# Words of the test reports and the thesaurus, in Cyrillic and Latin Kazakh, Russian and English,
# function words that become optional, and a thesaurus term of two words.
WORDS = [
    "кітапхана",
    "кітапханалардың",
    "Кітапханашылар",
    "семинар",
    "библиотекарей",
    "наставничество",
    "повышение квалификации",
    "library",
    "mentoring",
    "exhibitoin",
    "Торайғыров",
    "Toraigyrov",
    "kitaphana",
    "kıtaphana",
    "Өскемен",
    "Усть-Каменогорск",
    "2021",
    "of",
    "для",
    "үшін",
]
SYNTAX = [
    *"\"'()[]{}*?^~:\\+-!/<>=#%&;,.",
    "^2",
    "^-1",
    "^1e999",
    "~3",
    "~x",
    "&&",
    "||",
    "TO",
    "AND",
    "OR",
    "NOT",
    "ANDNOT",
    "ANDMAYBE",
    "[2020 TO 2022]",
    "{a TO}",
]
# Field names the index searches, filters, stored-only fields, and names it does not have.
FIELDS = [
    "title:",
    "lang:",
    "year:",
    "date:",
    "path:",
    "format:",
    "event:",
    "words:",
    "body_kk:",
    "languages:",
    "sha256:",
    "content:",
    "size:",
    "source:",
    "spans:",
    "pages:",
    "author:",
    "mtime_ns:",
    "unknown:",
    "*:",
]
# Characters that are not letters but may reach a query: controls (NUL is allowed in a URL),
# invisible marks, RTL and bidi controls, combining accents, emoji, odd digits and spaces.
ODD = [
    "\x00",
    "\t",
    "\n",
    "\r",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u0301",
    "e\u0301",
    "и\u0306",
    "🎉",
    "👩‍💻",
    "🇰🇿",
    "\u00a0",
    "\u3000",
    "\ufffd",
    "ß",
    "İ",
    "ﬁ",
    "Ⅻ",
    "²",
    "٣",
    "שלום",
    "مرحبا",
    "\U0010ffff",
]
TOKENS = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(SYNTAX),
    st.sampled_from(FIELDS),
    st.sampled_from(ODD),
    st.text(max_size=6),
)
# Tokens run together or apart, so that syntax lands inside, before and after words.
COMPOSED = st.lists(st.tuples(TOKENS, st.sampled_from(["", " ", "  "])), max_size=12).map(
    lambda parts: "".join(token + gap for token, gap in parts)
)
# Any text a URL can carry (no lone surrogates: a URL is decoded to valid Unicode).
QUERIES = st.one_of(COMPOSED, st.text(max_size=40))
# Long queries around the limit (1,000 characters) and far beyond it: a composed query repeated.
LONG = st.tuples(COMPOSED.filter(str.strip), st.integers(900, 10_000)).map(
    lambda pair: (pair[0] * pair[1])[: pair[1]]
)


@pytest.fixture(scope="module")
def site_library(site_settings: Settings) -> Library:
    return Library(site_settings)


def check_search(library: Library, query: str, **options: object) -> None:
    """The search's result is well formed, or it is refused with a reason and a sentence."""
    try:
        result = library.search(query, **options)  # type: ignore[arg-type]
    except QueryError as error:
        assert error.reason in REASONS, error.reason
        assert str(error).endswith("."), str(error)
        return
    assert result.total >= len(result.hits) and len(result.hits) <= result.limit
    for hit in result.hits:
        # A snippet is HTML: the document's text escaped, only <mark> live.
        assert "<" not in re.sub(r"</?mark>", "", hit.snippet), hit.snippet


@given(query=QUERIES)
@example(query='""')  # Whoosh built a phrase of no words and failed matching it
@example(query='title:"!!"')
@example(query="size:1")  # a stored-only field: "field has no format"
@example(query='content:"a b"')
@example(query="[a TO b]")  # a range without a field: "No field named None"
@example(query="NOT NOT a")  # an operator without an operand: IndexError
@example(query="a ANDNOT ANDNOT b")  # a binary one with one operand: AssertionError
def test_any_query_gets_results_or_a_query_error(site_library: Library, query: str) -> None:
    check_search(site_library, query)


@given(query=st.one_of(QUERIES, st.text(st.characters(categories=["Cs"]), max_size=3)))
@example(query="a\udcff")  # a command's argument that was not UTF-8: the stemmer failed
@example(query="\udce9*")
def test_a_query_with_lone_surrogates_is_searched(site_library: Library, query: str) -> None:
    check_search(site_library, query + "a\udcff")


@hypothesis.settings(max_examples=40)
@given(query=LONG)
def test_a_long_query_is_run_or_refused_as_too_long(site_library: Library, query: str) -> None:
    """More than 1,000 characters (control and invisible ones not counted) is refused as too
    long, whatever the query says; up to 1,000 are searched, or refused for another reason."""
    too_long = len(cleaned(query).strip()) > site_library.settings.max_query_chars
    try:
        site_library.search(query)
    except QueryError as error:
        assert error.reason in REASONS
        assert (error.reason == "too_long") == too_long, (error.reason, len(query))
    else:
        assert not too_long, f"a query of {len(cleaned(query).strip())} characters was searched"


@given(
    query=QUERIES,
    lang=st.one_of(st.sampled_from(["", "kk", "ru", "en"]), st.text(max_size=5)),
    year=st.one_of(st.sampled_from(["", "2021", "0"]), st.text(max_size=5)),
    sort=st.one_of(st.sampled_from(["relevance", "date"]), st.text(max_size=5)),
    page=st.integers(-(2**70), 2**70),
    limit=st.integers(-5, 200),
    expand=st.booleans(),
)
def test_any_filters_sort_and_paging(
    site_library: Library,
    query: str,
    lang: str,
    year: str,
    sort: str,
    page: int,
    limit: int,
    expand: bool,
) -> None:
    check_search(
        site_library, query, lang=lang, year=year, sort=sort, page=page, limit=limit, expand=expand
    )


@given(query=QUERIES)
@example(query="seminar notes")  # words of the document: places to mark
def test_a_document_is_shown_whatever_its_query(site_library: Library, query: str) -> None:
    doc = site_library.document("en/hostile.txt", query)
    assert doc is not None
    # "N places match; they are highlighted below": as many as there are marks.
    assert doc.matches == sum(section.html.count("<mark ") for section in doc.sections)
    # Nothing but the reading page's own elements: paragraphs, headings, lists, numbered marks.
    tags = r'</?(?:p|ul|ol|li|h[3-6]|mark)(?: class="doc-heading"| id="match-\d+")?>'
    assert "<" not in re.sub(tags, "", doc.sections[0].html)


# The URL parameters the API and the search page read, each with values that are valid, odd or
# hostile: negative, huge, not numbers, empty, repeated.
NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["", " ", "1e3", "0x10", "1_0", " 2 ", "NaN", "∞", "٣", "２", "-0"]),
    st.just("9" * 5000),  # more digits than int() reads
    st.text(max_size=6),
)
PARAMETERS = {
    "q": QUERIES,
    "lang": st.one_of(st.sampled_from(["kk", "ru", "en", "de"]), st.text(max_size=8)),
    "year": st.one_of(st.sampled_from(["2021", "2022"]), st.text(max_size=8)),
    "type": st.one_of(st.sampled_from(["seminar", "exhibition"]), st.text(max_size=8)),
    "format": st.one_of(st.sampled_from(["pdf", "txt"]), st.text(max_size=8)),
    "sort": st.one_of(st.sampled_from(["relevance", "date"]), st.text(max_size=8)),
    "page": NUMBERS,
    "limit": NUMBERS,
    "expand": st.one_of(st.sampled_from(["0", "1"]), st.text(max_size=3)),
}
ARGS = st.lists(
    st.sampled_from(sorted(PARAMETERS)).flatmap(
        lambda name: st.tuples(st.just(name), PARAMETERS[name])
    ),
    max_size=8,
).map(MultiDict)


def acceptable(args: MultiDict[str, str], searched: bool = True) -> bool:
    """Whether the server may answer 200: page and limit are whole numbers and, for a search
    that runs, in range, with a sort it knows."""
    try:
        page, limit = int(args.get("page") or 1), int(args.get("limit") or 10)
    except ValueError:
        return False
    sort = args.get("sort") or "relevance"
    return not searched or (page >= 1 and 1 <= limit <= 100 and sort in SORTS)


@HTTP
@given(args=ARGS)
@example(args=MultiDict([("q", "library"), ("page", "9" * 5000)]))  # longer than int() reads
@example(args=MultiDict([("q", "library"), ("page", "99999999999999999999")]))
@example(args=MultiDict([("q", "a"), ("q", "!!!"), ("lang", "\x00"), ("lang", "en")]))
@example(args=MultiDict([("q", 'size:1 "" [a TO b] NOT NOT a ANDNOT ANDNOT b')]))  # were 500s
@example(args=MultiDict([("q", "\x1b")]))  # a control character alone is an empty query
def test_api_search_answers_200_or_a_json_400(site_app: Flask, args: MultiDict) -> None:
    response = site_app.test_client().get(
        "/api/search", query_string=args, headers={"Accept-Language": "en"}
    )
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    data = response.get_json()
    if response.status_code == 400:
        assert data["status"] == 400 and data["reason"] in REASONS
        assert data["message"].endswith("."), data["message"]
        if data["reason"] in ("paging", "sort"):
            assert not acceptable(args)
        if data["reason"] == "empty":
            # Control and invisible characters are no part of a query.
            assert not cleaned(args.get("q", "")).strip()
        return
    assert acceptable(args)
    assert {"query", "total", "hits", "facets", "page", "limit"} <= set(data)
    for hit in data["hits"]:
        assert "<" not in re.sub(r"</?mark>", "", hit["snippet"])


@HTTP
@given(args=ARGS)
@example(args=MultiDict([("q", 'content:x "" [a TO b] NOT NOT a ANDNOT ANDNOT b')]))  # were 500s
@example(args=MultiDict([("q", "\x00")]))
def test_search_page_shows_results_or_a_helpful_400(site_app: Flask, args: MultiDict) -> None:
    client, english = site_app.test_client(), {"Accept-Language": "en"}
    response = client.get("/", query_string=args, headers=english)
    if response.status_code == 302:
        # The form's `expand` sent twice (hidden 0, ticked 1) is said once: the same search.
        assert len(args.getlist("expand")) > 1
        response = client.get(response.headers["Location"], headers=english)
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 400), html[:300]
    assert response.mimetype == "text/html"
    if response.status_code == 400:
        assert "This search cannot be run" in html
        assert re.search(r'<section class="message message-error".*?<p>[^<]+\.</p>', html, re.S)
        return
    # Control and invisible characters are no part of a query (NUL alone is none).
    query = cleaned(args.get("q", ""))
    assert acceptable(args, searched=bool(query.strip()))
    if query.strip():
        assert "found for «" in html  # "3 reports found for", "No reports found for"
        # The query as typed is back in the box, escaped.
        assert f'value="{escape(query)}"' in html
    else:
        assert "Find a report in any language" in html


@HTTP
@given(query=QUERIES, expand=st.sampled_from(["", "0", "1", "x"]))
@example(query='size:1 "" [a TO b] NOT NOT a ANDNOT ANDNOT b', expand="")  # were 500s
def test_document_page_and_api_take_any_query(site_app: Flask, query: str, expand: str) -> None:
    client = site_app.test_client()
    args = {"q": query, "expand": expand}
    page = client.get("/documents/en/exhibition.txt", query_string=args)
    assert page.status_code == 200 and page.mimetype == "text/html"
    api = client.get("/api/documents/en/exhibition.txt", query_string=args)
    assert api.status_code == 200 and api.get_json()["path"] == "en/exhibition.txt"
