"""What a search gives: a page of hits with counts and facets, and one document to read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Hit:
    # The document's id ("source name/path"), for its links; `path` is inside its source.
    id: str
    path: str
    title: str
    lang: str
    date: str | None  # YYYY-MM-DD; None when no date was found
    score: float | None
    snippet: str
    page: int | None
    format: str
    # How the report matches: "full" (every word, as typed or in another form or script),
    # "translated" (every word, some only through a translation) or "partial" (most words).
    match: str = "full"
    author: str = ""
    event: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    # How many reports of `total` match fully, only through a translation, or partly (see
    # search.coverage.Counts); a headline counts the first.
    counts: dict[str, int] = field(default_factory=dict)
    # True when no report matched every word and the hits match only some of them.
    fallback: bool = False
    page: int = 1
    limit: int = 10
    # Facet name -> value -> number of matching reports (see Library.search).
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # True when the search used its budget (search.budget) before it was done: the hits are
    # those found by then, and a narrower query finds them all.
    truncated: bool = False
    # The query as typed when no report had all of its words and these are the results of
    # its respelling, `query` (see Library.search); None when the query was searched as typed.
    respelled_from: str | None = None

    def to_json(self) -> dict[str, object]:
        """The JSON shape shared by `izde search --json` and the web API."""
        return asdict(self)


@dataclass
class Section:
    """A stretch of a document's text: one PDF page, or the whole text of other formats.

    `html` is the escaped text as paragraphs, headings and lists, with the query's words in
    <mark id="match-N"> (search.rendering).
    """

    page: int | None
    html: str


@dataclass
class DocumentView:
    """One document to read: its metadata and its whole text, the query's words marked."""

    id: str
    path: str
    title: str
    lang: str
    languages: list[str]
    author: str
    date: str | None  # YYYY-MM-DD; None when no date was found
    format: str
    event: list[str]
    size: int
    matches: int
    sections: list[Section]
    # The file on the server's disk: for sending it, shown to staff only.
    source: str
    # Its source folder (shown to staff only), whether it is withdrawn from search, and what
    # Izde found in the file for the fields staff may correct.
    root: str = ""
    hidden: bool = False
    found: dict[str, str] = field(default_factory=dict)

    def to_json(self, staff: bool = False) -> dict[str, object]:
        """The web API's shape of a document; the server's paths only for staff."""
        data = asdict(self)
        if not staff:
            for name in ("source", "root", "found", "hidden"):
                del data[name]
        return data
