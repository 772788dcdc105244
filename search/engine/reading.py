"""What Izde asks of an index it reads: one version of it, searched a request at a time.

A `Version` is one state of the index (one commit of one generation, say) as one thread
reads it; an `Index` opens versions of the live one. A search is one `Request`: the query as
Izde's tree (search.engine.tree) and its clauses, the filters, the order and the page; the
engine answers with a `Page`: the hits of the page, how each matches, the counts of the whole
list and its facets (see search.coverage for what full and partial matches are). Everything
around it (parsing, snippets, suggestions, the budget's rules) is the engine's caller's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from search.budget import Budget
    from search.config import Settings
    from search.coverage import Clause, Counts, Parsed
    from search.engine.tree import Node, Prefix, Range


class VersionGone(Exception):
    """The version asked for is no more: a commit or a rebuild replaced it meanwhile."""


@dataclass
class Request:
    """One search: `query` is its `clauses` ANDed; `filters` facet name -> value."""

    query: Node
    clauses: list[Clause]
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"  # or "date": newest first
    page: int = 1
    limit: int = 10


@dataclass
class Found:
    """One hit of a page: the engine's handle for the document (for `Version.stored`), its
    score (None when sorted by date) and how it matches (search.coverage's FULL …)."""

    doc: object
    score: float | None
    match: str


@dataclass
class Page:
    """A request's page of hits, the counts of the whole list, and its facets: for each facet,
    value -> reports of the list that have it, under the other facets' filters only."""

    hits: list[Found]
    counts: Counts
    page: int  # the page shown: the last one when the request asked for one past it
    facets: dict[str, dict[str, int]]


class Version(Protocol):
    """One state of the index, as one thread reads it."""

    generation: str | None

    @property
    def key(self) -> tuple[str, int]:
        """Its place in time: versions of the same index compare in the order they were made."""
        ...

    def up_to_date(self) -> bool:
        """Whether it is still the newest state of its generation."""
        ...

    def close(self) -> None: ...

    def search(self, request: Request, budget: Budget) -> Page:
        """Full matches, then partial ones, counted and faceted; withdrawn reports never."""
        ...

    def warm(self) -> None:
        """Read what every search needs (facet values, field lengths) ahead of the first."""
        ...

    def size(self) -> int:
        """How many documents a search goes over: what a budget is sized by."""
        ...

    def has_term(self, field: str, text: str) -> bool:
        """Whether a field has a key (remembered for the version)."""
        ...

    def knows(self, field: str, text: str) -> bool:
        """Whether a field has a key (looked up each time: for spelling)."""
        ...

    def doc_frequency(self, field: str, text: str) -> int: ...

    def lexicon(self, field: str) -> Iterator[str]:
        """A field's keys in order."""
        ...

    def expand(self, query: Prefix | Range) -> Iterator[str]:
        """The keys a prefix or range stands for, in order."""
        ...

    def stored(self, doc: object) -> dict:
        """The stored fields of a hit's document (`Found.doc`)."""
        ...

    def find(self, field: str, value: str) -> list[dict]:
        """The stored fields of every document with `value` in an ID field."""
        ...

    def documents(self) -> Iterator[dict]:
        """The stored fields of every document not deleted."""
        ...


class Index(Protocol):
    """One index directory, whose versions it opens."""

    def live_generation(self) -> str | None:
        """The generation searches go to now; None when there is no index."""
        ...

    def open(self, generation: str | None) -> Version:
        """A version on the newest state of `generation` (or of a newer one, when a rebuild
        replaced it meanwhile)."""
        ...

    def open_at(self, generation: str | None, commit: int) -> Version | None:
        """A version on one state of `generation`; None when that state is gone."""
        ...

    def latest_commit(self, generation: str) -> int:
        """The newest state of `generation`; VersionGone when it is gone."""
        ...

    def open_many(self, generation: str, count: int) -> list[Version]:
        """`count` versions on the same, newest state of `generation`; VersionGone when it is
        gone."""
        ...


class QueryParser(Protocol):
    """Reads the query language (`a b`, `a OR b`, `NOT a`, `"a b"`, `title:a`, `a*`,
    `year:[2019 TO 2021]`) into Izde's tree, each word analysed into its index keys."""

    def __init__(
        self, settings: Settings, *, expand: bool = True, cross: bool = True, tiers: bool = True
    ) -> None: ...

    def clauses(self, text: str) -> Parsed:
        """The query and its top-level clauses, each with how a partial match treats it."""
        ...

    def tree(self, text: str) -> Node:
        """The whole query."""
        ...
