"""What the search page and the JSON API share: the app's Library, a search read from the URL."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask import current_app, request
from werkzeug.datastructures import MultiDict

from search.config import Settings
from search.errors import QueryError
from search.fields import FACETS
from search.library import EXPORT_LIMIT, Library, cleaned
from search.results import SearchResult

EXTENSION = "izde"
# Characters of URL a query character may take: up to 12 percent-encoded (%F0%9F%8E%89), and
# 20 in the language switch's `next`, which holds the page's own URL encoded once more.
URL_CHARS_PER_QUERY_CHAR = 24
# Room for everything in a URL but the query: the path, a document id, the filters.
URL_CHARS_BESIDE_QUERY = 4096


def library() -> Library:
    """The app's Library (see create_app): one per process, shared by its threads."""
    return current_app.extensions[EXTENSION]


def settings() -> Settings:
    return library().settings


def url_fits() -> bool:
    """Whether this request's URL is no longer than the longest query needs; a page would echo
    a longer one several times over (the search box, the language switch's links)."""
    limit = settings().max_query_chars * URL_CHARS_PER_QUERY_CHAR + URL_CHARS_BESIDE_QUERY
    return len(request.full_path) <= limit


@dataclass(frozen=True)
class SearchRequest:
    """A query with its filters, sort and page, as in the URL (an empty filter means none).

    `expand` (on unless the URL says `expand=0`) also searches the words' translations;
    `exact` (`exact=1`) searches the query as typed, never its respelling.
    """

    q: str = ""
    lang: str = ""
    year: str = ""
    type: str = ""
    format: str = ""
    sort: str = "relevance"
    page: int = 1
    limit: int = 10
    expand: bool = True
    exact: bool = False

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> SearchRequest:
        """Read the URL's parameters; a page or limit that is not a number is a QueryError.

        The search form sends `expand` twice, a hidden 0 and then its checkbox's 1 when it is
        ticked (an unticked box sends nothing): the last value counts.
        """
        try:
            page = int(args.get("page") or 1)
            limit = int(args.get("limit") or cls.limit)
        except ValueError:
            raise QueryError("paging") from None
        return cls(
            q=cleaned(args.get("q", "")),
            **{name: args.get(name, "") for name in FACETS},
            sort=args.get("sort") or cls.sort,
            page=page,
            limit=limit,
            expand=(args.getlist("expand") or ["1"])[-1] != "0",
            exact=args.get("exact") == "1",
        )

    @property
    def filters(self) -> dict[str, str]:
        """The chosen facet values, by facet name."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    def run(self, library: Library, export: bool = False) -> SearchResult:
        """The search, for this request's client: each client may run only so many expensive
        queries at once (search.budget). With `export`, the whole list up to EXPORT_LIMIT
        reports, without snippets (search.export), whatever the page and limit."""
        return library.search(
            self.q,
            lang=self.lang or None,
            year=self.year or None,
            type=self.type or None,
            format=self.format or None,
            sort=self.sort,
            page=1 if export else self.page,
            limit=EXPORT_LIMIT if export else self.limit,
            expand=self.expand,
            respell=not self.exact,
            client=request.remote_addr or "",
            export=export,
        )

    def params(self, **changes: object) -> dict[str, object]:
        """URL parameters of this search with `changes`; any change but a page starts at page 1.

        Parameters at their default value are left out, so links stay short and readable.
        """
        values = asdict(self) | {"page": 1} | changes
        defaults = asdict(SearchRequest())
        return {
            name: int(value) if isinstance(value, bool) else value
            for name, value in values.items()
            if value != defaults[name]
        }
