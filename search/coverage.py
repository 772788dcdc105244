"""How well each report covers a query: full matches first, then partial ones, honestly counted.

A query of several words asks for all of them, but a report that says one of them with a
synonym or a derived word («наставничество» for «наставник») is still what a librarian wants to
see, below the reports that have every word. So a search gives one list in two groups:

- **full** matches: every word, as typed or in another form or script, or (when translations are
  on) through a translation; ranked as before, the words as typed first;
- **partial** matches: reports with most of the words (see `most`), ranked by the relaxed
  query's score (BM25F summed over the words a report has), strictly below every full
  match. When nothing matches in full, every report with any of the words is listed this way:
  the old OR fallback.

Explicit `AND`, `NOT`, quoted phrases and field filters are never relaxed: a partial match
still satisfies them. The counts split the list by how it matched (`Counts`), so a page can say
"15 reports have every word" instead of "36 results" of which 21 are only translations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search.engine.reading import Scored, newest, top
from search.engine.tree import Node

FULL, TRANSLATED, PARTIAL = "full", "translated", "partial"

# How a partial match treats a query's clause (see search.engine.whoosh.parser's clauses).
LOOSE, TEXT, STRICT = "loose", "text", "strict"


@dataclass
class Clause:
    """A top-level clause of a parsed query: the words of a query are its clauses, ANDed.

    LOOSE: a word or thesaurus term typed among others, which a partial match may miss; TEXT: a
    quoted phrase, a fielded word or an explicit AND, which it may miss only when no report has
    every word; STRICT: a NOT, a filter or a range, which always holds.
    """

    query: Node
    kind: str  # LOOSE, TEXT or STRICT
    words: list[Node]  # what a partial match counts in it


def most(words: int) -> int:
    """How many of a query's `words` a partial match must have: about half, at least one.

    Two words: one; three or four: two; five or six: three. Fewer would list reports that
    share one common word with a long query; more would lose the reports that use a synonym
    for two of the words.
    """
    return max(1, (words + 1) // 2)


@dataclass
class Counts:
    """How many reports of the list match, by how they match."""

    full: int  # every word, as typed or in another form or script
    translated: int  # every word, some only through a translation
    partial: int  # most of the words, not all


@dataclass
class Coverage:
    """Masks and scores over all documents: `full` and `partial` are disjoint, and `direct`
    (every word without translations) is part of `full`."""

    full: Scored
    direct: np.ndarray
    partial: Scored

    def narrowed(self, mask: np.ndarray) -> Coverage:
        """Only the documents of `mask` (the chosen filters)."""
        return Coverage(
            Scored(self.full.mask & mask, self.full.scores),
            self.direct & mask,
            Scored(self.partial.mask & mask, self.partial.scores),
        )

    @property
    def listed(self) -> np.ndarray:
        return self.full.mask | self.partial.mask

    def counts(self) -> Counts:
        full = int(np.count_nonzero(self.direct & self.full.mask))
        return Counts(
            full=full,
            translated=int(np.count_nonzero(self.full.mask)) - full,
            partial=int(np.count_nonzero(self.partial.mask)),
        )

    def kind(self, doc: int) -> str:
        if self.partial.mask[doc]:
            return PARTIAL
        return FULL if self.direct[doc] else TRANSLATED

    def ranked(
        self, sort: str, dates: np.ndarray, first: int, count: int
    ) -> list[tuple[int, float | None]]:
        """(document, score) of the list's places `first` to `first + count`: the full matches,
        then the partial ones, each group by score (or newest first when `sort` is "date";
        scores are then None)."""
        found: list[tuple[int, float | None]] = []
        wanted = first + count
        for group in (self.full, self.partial):
            if len(found) >= wanted:
                break
            need = wanted - len(found)
            if sort == "date":
                docs = newest(dates, group.mask, need)
                found += [(int(doc), None) for doc in docs]
            else:
                docs = top(group.scores, group.mask, need)
                found += [(int(doc), float(group.scores[doc])) for doc in docs]
        return found[first:wanted]


def partial_matches(
    words: list[Scored],
    required: np.ndarray,
    extra: np.ndarray,
    full: np.ndarray,
    some_full: bool,
) -> Scored:
    """The partial matches of a query, from its relaxable words' matches (`words`), the
    documents satisfying its strict clauses (`required`) and their scores (`extra`), and its
    full matches (`full`, never partial).

    A report needs `most(len(words))` of the words when some report the reader may see has them
    all (`some_full`), else any of them; it scores the sum of its words' scores and the strict
    clauses'.
    """
    size = len(required)
    if not words:
        return Scored(np.zeros(size, dtype=bool), np.zeros(size, dtype=np.float64))
    have = np.sum([word.mask for word in words], axis=0)
    needed = most(len(words)) if some_full else 1
    mask = required & (have >= needed) & ~full
    scores = np.where(mask, np.sum([word.scores for word in words], axis=0) + extra, 0.0)
    return Scored(mask, scores)
