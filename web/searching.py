"""What the search page and the JSON API share: the app's Library, a search read from the URL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from flask import current_app

from search.config import Settings
from search.query import FACETS, Library, QueryError, SearchResult

EXTENSION = "izde"


def library() -> Library:
    """The app's Library (see create_app): one per process, shared by its threads."""
    return current_app.extensions[EXTENSION]


def settings() -> Settings:
    return library().settings


@dataclass(frozen=True)
class SearchRequest:
    """A query with its filters, sort and page, as in the URL (an empty filter means none)."""

    q: str = ""
    lang: str = ""
    year: str = ""
    type: str = ""
    format: str = ""
    sort: str = "relevance"
    page: int = 1
    limit: int = 10

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> SearchRequest:
        """Read the URL's parameters; a page or limit that is not a number is a QueryError."""
        try:
            page = int(args.get("page") or 1)
            limit = int(args.get("limit") or cls.limit)
        except ValueError:
            raise QueryError("Page and limit must be whole numbers.", "paging") from None
        return cls(
            q=args.get("q", ""),
            **{name: args.get(name, "") for name in FACETS},
            sort=args.get("sort") or cls.sort,
            page=page,
            limit=limit,
        )

    @property
    def filters(self) -> dict[str, str]:
        """The chosen facet values, by facet name."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    def run(self, library: Library) -> SearchResult:
        return library.search(
            self.q, **self.filters, sort=self.sort, page=self.page, limit=self.limit
        )

    def params(self, **changes: object) -> dict[str, object]:
        """URL parameters of this search with `changes`; any change but a page starts at page 1.

        Parameters at their default value are left out, so links stay short and readable.
        """
        values = asdict(self) | {"page": 1} | changes
        defaults = asdict(SearchRequest())
        return {name: value for name, value in values.items() if value != defaults[name]}
