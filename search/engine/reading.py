"""What Izde reads from an index: one version of it, scored over every document at once.

A `Version` is one commit of one generation, opened by one thread; what is read once per
version and shared by all threads (field lengths, facet masks, dates, cached postings) is its
`Collection`. Queries are Izde's tree (search.engine.tree); their results are arrays over the
version's documents (`Scored`), which search.library and search.coverage combine into full and
partial matches, facets and pages, whatever engine scored them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from search.budget import Budget
    from search.engine.tree import Node, Prefix, Range


@dataclass
class Scored:
    """What a query (or a part of it) matches: a mask and scores (0 where it does not match)
    over all documents."""

    mask: np.ndarray
    scores: np.ndarray


class Collection(Protocol):
    """One index version as arrays over its documents, shared by every thread on it."""

    size: int
    live: np.ndarray  # not deleted
    complete: bool  # whether every query can be scored from arrays
    facets: dict[str, dict[str, np.ndarray]]  # facet -> value -> documents with it
    dates: np.ndarray  # each document's place among the dates; -1 for none
    fields: dict[str, bool]  # the text fields, and whether each keeps positions

    def outdated(self) -> bool:
        """Whether it should be read again (files it lacked have been written since)."""
        ...


class Scorer(Protocol):
    """Scores query trees over a collection, charging what it reads to a budget."""

    def score(self, query: Node) -> Scored: ...

    def empty(self) -> Scored: ...


class Version(Protocol):
    """One commit of one generation of the index, as one thread reads it."""

    generation: str | None

    @property
    def key(self) -> tuple[str, int]:
        """Its place in time: generation name, then commit."""
        ...

    def up_to_date(self) -> bool:
        """Whether it is still the newest commit of its generation."""
        ...

    def close(self) -> None: ...

    def collection(self) -> Collection:
        """Its arrays, read anew (the caller keeps one per version for all threads)."""
        ...

    def scorer(self, collection: Collection, budget: Budget) -> Scorer: ...

    def warm(self, collection: Collection) -> None:
        """Read what every query needs from the collection (field lengths), ahead of them."""
        ...

    def has_term(self, collection: Collection, field: str, text: str) -> bool:
        """Whether a field has a key; remembered in the collection."""
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

    def stored(self, docnum: int) -> dict:
        """A document's stored fields."""
        ...

    def find(self, field: str, value: str) -> list[dict]:
        """The stored fields of every document with `value` in an ID field."""
        ...

    def numbers(self, field: str, value: str) -> list[int]:
        """The numbers of the documents with `value` in an ID field."""
        ...

    def documents(self) -> Iterator[dict]:
        """The stored fields of every document not deleted."""
        ...

    def size(self) -> int:
        """Its documents, deleted ones included: the length of its arrays."""
        ...


def top(scores: np.ndarray, mask: np.ndarray, count: int) -> np.ndarray:
    """The `count` best documents in `mask` by score, ties to the lower number."""
    candidates = np.flatnonzero(mask)
    if len(candidates) > count:
        values = scores[candidates]
        threshold = np.partition(values, len(values) - count)[len(values) - count]
        candidates = candidates[values >= threshold]
    order = np.lexsort((candidates, -scores[candidates]))
    return candidates[order][:count]


def newest(dates: np.ndarray, mask: np.ndarray, count: int) -> np.ndarray:
    """The `count` newest documents in `mask`, ties to the higher number."""
    candidates = np.flatnonzero(mask)
    order = np.lexsort((-candidates, -dates[candidates]))
    return candidates[order][:count]
