"""How well each report covers a query: full matches first, then partial ones, honestly counted.

A query of several words asks for all of them, but a report that says one of them with a
synonym or a derived word («наставничество» for «наставник») is still what a librarian wants to
see, below the reports that have every word. So a search gives one list in two groups:

- **full** matches: every word, as typed or in another form or script, or (when translations are
  on) through a translation; ranked as before, the words as typed first;
- **partial** matches: reports with most of the words (see `most`), ranked by the relaxed
  query's score (BM25F summed over the words a report has) times the share of the query they
  cover, each word weighing by its rarity (the engine's `coverage`), strictly below every
  full match. When nothing matches in full, every report with any of the words is listed this way:
  the old OR fallback.

Explicit `AND`, `NOT`, quoted phrases and field filters are never relaxed: a partial match
still satisfies them. The counts split the list by how it matched (`Counts`), so a page can say
"15 reports have every word" instead of "36 results" of which 21 are only translations.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.engine.tree import Node

FULL, TRANSLATED, PARTIAL = "full", "translated", "partial"

# How a partial match treats a query's clause (see the engine parser's `clauses`).
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
class Parsed:
    """A parsed query: the whole of it, and its top-level clauses, which ANDed are the whole."""

    query: Node
    clauses: list[Clause]
