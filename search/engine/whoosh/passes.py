"""A search over one Whoosh version: full matches, then partial ones, counted and faceted.

Each pass scores a query over every document at once (search.engine.whoosh.ranking); the masks
and scores are combined here into the list a librarian sees (search.coverage says what full,
translated and partial matches are), its page, its counts and its facets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from search.budget import Budget
from search.coverage import FULL, LOOSE, PARTIAL, TEXT, TRANSLATED, Counts, most
from search.engine import tree as t
from search.engine.reading import Found, Page, Request
from search.engine.whoosh.ranking import Collection, Scored, Scorer, newest, top
from search.fields import FACETS


def search(
    scorer: Scorer,
    collection: Collection,
    request: Request,
    has_term: Callable[[str, str], bool],
    budget: Budget,
) -> Page:
    """One page of a request, with the counts and facets of its whole list."""
    coverage = _coverage(scorer, collection, request, has_term, budget)
    return _page(collection, coverage, request)


def _coverage(
    scorer: Scorer,
    collection: Collection,
    request: Request,
    has_term: Callable[[str, str], bool],
    budget: Budget,
) -> Coverage:
    """The full and partial matches of a query (its `clauses` ANDed: `query`) over every
    document (see search.coverage), within the search's budget: a pass the budget cannot
    afford is not run, and the result is marked truncated.

    Each query is scored over every document at once (see search.engine.whoosh.ranking), in
    passes over terms whose postings the first one has read: the query (the full matches
    and their ranking); the typed words of its thesaurus terms (which full matches need no
    translation), when it has any; and its relaxable clauses one by one without the tier
    bonuses (the partial matches, ranked by how well rather than in which form the words
    match, as the OR fallback was).
    """
    query, clauses, chosen = request.query, request.clauses, request.filters

    def scored(part: t.Node) -> Scored:
        return _scored(scorer, part, has_term, budget)

    # Reports staff withdrew are in the index but never listed.
    listable = collection.live & ~collection.withdrawn
    full = scored(query)
    full.mask &= listable
    view = _narrowed(listable, collection.facets, chosen)
    direct = full.mask
    if full.mask.any() and t.translated(query):
        for clause in clauses:
            if isinstance(clause.query, t.BestOf) and clause.query.concept:
                direct = direct & scored(clause.query.children[0]).mask
    found = full.mask & view
    relaxed = (LOOSE,) if found.any() else (LOOSE, TEXT)
    loose = [t.untiered(word) for c in clauses if c.kind in relaxed for word in c.words]
    if not loose or (len(loose) == 1 and found.any()):
        partial = scorer.empty()
    else:
        required, extra = listable.copy(), np.zeros(collection.size)
        for clause in clauses:
            if clause.kind not in relaxed:
                strict = scored(t.untiered(clause.query))
                required &= strict.mask
                extra += strict.scores
        words = [scored(clause) for clause in loose]
        partial = partial_matches(words, required, extra, full.mask, found.any())
    return Coverage(full, direct, partial)


def _page(collection: Collection, coverage: Coverage, request: Request) -> Page:
    """One page of hits, the counts and the facet counts.

    Each facet count is the size of the list's intersection with the documents of one
    value, so a facet whose own filter is set needs no second search.
    """
    chosen, limit = request.filters, request.limit
    values = collection.facets
    shown = coverage.narrowed(_narrowed(coverage.listed, values, chosen))
    counts = shown.counts()
    total = counts.full + counts.translated + counts.partial
    page = min(request.page, max(1, -(-total // limit)))
    ranked = shown.ranked(request.sort, collection.dates, (page - 1) * limit, limit)
    hits = [Found(doc, score, shown.kind(doc)) for doc, score in ranked]
    facets = {}
    for name in FACETS:
        others = {k: v for k, v in chosen.items() if k != name}
        base = _narrowed(coverage.listed, values, others)
        found = [
            (value, int(np.count_nonzero(base & docs)))
            for value, docs in values[name].items()
            if value
        ]
        found = [(value, count) for value, count in found if count]
        if name == "year":
            found.sort(reverse=True)
        else:
            found.sort(key=lambda item: (-item[1], item[0]))
        facets[name] = dict(found)
    return Page(hits, counts, page, facets)


def _scored(
    scorer: Scorer,
    query: t.Node,
    has_term: Callable[[str, str], bool],
    budget: Budget,
) -> Scored:
    """What `query` matches and how it scores, its absent terms left out (see tree.pruned);
    nothing when the search's budget cannot afford it (see Budget.plan)."""
    pruned = t.pruned(query, has_term)
    if pruned is None or not budget.plan(pruned, scorer.expansion):
        return scorer.empty()
    return scorer.score(pruned)


def _narrowed(
    mask: np.ndarray, values: dict[str, dict[str, np.ndarray]], chosen: dict[str, str]
) -> np.ndarray:
    """The documents of `mask` that have the chosen facet values."""
    for name, value in chosen.items():
        has_value = values[name].get(value)
        mask = mask & has_value if has_value is not None else np.zeros_like(mask)
    return mask


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
    clauses', times the share of the query it covers (`coverage`).
    """
    size = len(required)
    if not words:
        return Scored(np.zeros(size, dtype=bool), np.zeros(size, dtype=np.float64))
    have = np.sum([word.mask for word in words], axis=0)
    needed = most(len(words)) if some_full else 1
    mask = required & (have >= needed) & ~full
    words_score = np.sum([word.scores for word in words], axis=0)
    scores = np.where(mask, (words_score + extra) * coverage(words, size), 0.0)
    return Scored(mask, scores)


def coverage(words: list[Scored], size: int) -> np.ndarray:
    """The share of a query's words each document has, each word weighing by its rarity
    (log((N + 1) / (1 + documents with it))): coordination weighted by IDF.

    Summed scores alone ranked a report that says a common word of the query often above one
    that has two of its words, one only through a translation (which weighs less): for
    «волонтёрское движение в библиотеках», Russian reports about anything in libraries came
    before the English one about volunteers at a library. Counting words unweighted instead
    put passages that share many common words with a long question first (KazQAD: 0.745 →
    0.687); weighted, both gained (dev2 0.915 → 0.925, KazQAD 0.745 → 0.765).
    """
    found = np.array([np.count_nonzero(word.mask) for word in words])
    # A word every document has still counts a little, so the shares stay defined.
    weights = np.maximum(np.log((size + 1) / (1 + found)), 1e-3)
    had = np.sum([weight * word.mask for weight, word in zip(weights, words, strict=True)], axis=0)
    return had / weights.sum()
