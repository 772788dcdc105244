"""Ranking: a parsed query scored over every document at once, with numpy arrays.

Whoosh scores one posting at a time through a tree of Python matcher objects: a common word in
a collection of 10,000 reports matches thousands of them, at about 70 µs each. Here each term's
postings and positions come as arrays from the arrays file beside each segment (arrays.py),
and each node of the query tree is a few array operations over all documents, with Whoosh's
BM25F formula and the combining rules of its matchers (And and Or add their children's scores,
a DisjunctionMax takes the best), so that the ranking is Whoosh's. Phrases are matched over
whole arrays of positions. Kinds of query it does not model (prefixes, ranges) run through
Whoosh's own matchers, segment by segment, into the same arrays.

The arrays of an index version (field lengths, deleted documents, facet values, dates) are read
once and shared by all threads through `Collection`.
"""

from __future__ import annotations

import operator
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import reduce
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import SegmentReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from search.budget import Budget
from search.engine import tree as t
from search.engine.whoosh.arrays import SegmentArrays, path_for, term_key, text_fields
from search.engine.whoosh.queries import to_whoosh

# Whoosh stores a field's length in a document as one byte; this is its decoding.
_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass
class Scored:
    """What a query (or a part of it) matches: a mask and scores (0 where it does not match)
    over all documents."""

    mask: np.ndarray
    scores: np.ndarray


class Collection:
    """One version of the index as arrays over its documents, its segments end to end.

    It is built from one searcher and then only read. Postings come from each segment's arrays
    file (arrays.py); those of recent terms are kept (up to `CACHED_POSTINGS` postings),
    since a user paging or refining a search asks for the same terms again. A segment without
    its arrays (written by another program) makes the collection `complete` no more, and
    queries then run through Whoosh's matchers.
    """

    CACHED_POSTINGS = 6_000_000  # 8 bytes each (48 MB): document number and weight in 32 bits
    CACHED_POSITIONS = 4_000_000  # 8 bytes each (32 MB)
    REMEMBERED_TERMS = 100_000

    def __init__(self, searcher: Searcher, facets: dict[str, str], folder: Path) -> None:
        self.size = searcher.doc_count_all()
        leaves = searcher.leaf_searchers()
        self.offsets = [offset for _, offset in leaves]
        self.live = np.ones(self.size, dtype=bool)
        for sub, offset in leaves:
            reader = sub.reader()
            if reader.has_deletions():
                self.live[[offset + d for d in reader.deleted_docs_set]] = False
        self.fields = text_fields(searcher.schema)
        # Each segment's arrays file (none for an empty index, which has no segment).
        paths = [
            path_for(folder, sub.reader().segment().segment_id())
            for sub, _ in leaves
            if isinstance(sub.reader(), SegmentReader)
        ]
        found = [_arrays(path) for path in paths]
        self.complete = bool(paths) and None not in found
        # Read only when complete: every query is then scored from them.
        self.segments = [arrays for arrays in found if arrays is not None]
        self._missing = [path for path, arrays in zip(paths, found, strict=True) if arrays is None]
        self._lengths: dict[str, np.ndarray] = {}
        self._postings = _Recent(self.CACHED_POSTINGS)
        self._positions = _Recent(self.CACHED_POSITIONS)
        self._terms: dict[tuple[str, str | bytes], bool] = {}
        self.facets = {name: self._values(searcher, field) for name, field in facets.items()}
        self.dates = self._ranks(searcher, "date")
        # Reports staff withdrew: in the index, never listed.
        self.withdrawn = np.zeros(self.size, dtype=bool)
        if "hidden" in searcher.schema:
            self.withdrawn[list(searcher.document_numbers(hidden="1"))] = True

    def outdated(self) -> bool:
        """Whether arrays that were missing have been written since (`izde index` adds them
        to an index from before them)."""
        return any(path.exists() for path in self._missing)

    def has_term(self, searcher: Searcher, fieldname: str, text: str | bytes) -> bool:
        """Whether the index has a term. It is remembered: a query word asks for its keys in
        every field and script, and Whoosh looks each one up in every segment."""
        key = (fieldname, text)
        known = self._terms.get(key)
        if known is None:
            if len(self._terms) > self.REMEMBERED_TERMS:
                self._terms.clear()
            if self.complete and fieldname in self.fields:
                btext = text.encode("utf-8") if isinstance(text, str) else text
                term = term_key(fieldname, btext)
                known = any(arrays.find(term) is not None for arrays in self.segments)
            else:
                known = key in searcher.reader()
            self._terms[key] = known
        return known

    def lengths(self, searcher: Searcher, fieldname: str) -> np.ndarray:
        """Every document's length of `fieldname`, as Whoosh's BM25F reads it."""
        found = self._lengths.get(fieldname)
        if found is None:
            found = np.zeros(self.size, dtype=np.float64)
            for sub, offset in searcher.leaf_searchers():
                reader = sub.reader()
                count = reader.doc_count_all()
                column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
                if column is None:
                    continue
                stored = min(column._count, count)
                raw = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
                found[offset : offset + stored] = _LENGTHS[raw]
            self._lengths[fieldname] = found
        return found

    def postings(
        self, searcher: Searcher, fieldname: str, btext: bytes
    ) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, weights) of a term across the segments. The terms of fields
        kept as no arrays (ID and keyword fields, whose terms weigh 1) are read from Whoosh."""
        key = term_key(fieldname, btext)
        found = self._postings.get(key)
        if found is not None:
            return found
        ids: list[np.ndarray] = [np.zeros(0, dtype=np.int32)]
        weights: list[np.ndarray] = [np.zeros(0, dtype=np.float32)]
        if fieldname in self.fields:
            for arrays, offset in zip(self.segments, self.offsets, strict=True):
                place = arrays.find(key)
                if place is not None:
                    segment_ids, segment_weights = arrays.postings(place)
                    ids.append(segment_ids + np.int32(offset))
                    weights.append(segment_weights)
        else:
            for sub, offset in searcher.leaf_searchers():
                if (fieldname, btext) in sub.reader():
                    ids.append((_ids(sub.reader(), fieldname, btext) + offset).astype(np.int32))
                    weights.append(np.ones(len(ids[-1]), dtype=np.float32))
        found = (np.concatenate(ids), np.concatenate(weights))
        self._postings.put(key, found, len(found[0]))
        return found

    def positions(self, searcher: Searcher, fieldname: str, btext: bytes) -> np.ndarray:
        """Where a term is in every document that has it, as sorted numbers
        `document << 32 | position`; those of recent terms are kept (`CACHED_POSITIONS`)."""
        key = term_key(fieldname, btext)
        found = self._positions.get(key)
        if found is None:
            ids, weights = self.postings(searcher, fieldname, btext)
            places = [np.zeros(0, dtype=np.int32)]
            for arrays in self.segments:
                place = arrays.find(key)
                if place is not None:
                    places.append(arrays.positions(place))
            found = np.repeat(ids.astype(np.int64) << 32, weights.astype(np.int64))
            found |= np.concatenate(places)
            self._positions.put(key, found, len(found))
        return found

    def _values(self, searcher: Searcher, fieldname: str) -> dict[str, np.ndarray]:
        """A mask of the documents with each value of an ID or keyword field."""
        reader = searcher.reader()
        values = {}
        for term in reader.lexicon(fieldname):
            mask = np.zeros(self.size, dtype=bool)
            mask[_ids(reader, fieldname, term)] = True
            values[term.decode("utf-8")] = mask & self.live
        return values

    def _ranks(self, searcher: Searcher, fieldname: str) -> np.ndarray:
        """Each document's place in the sorted values of `fieldname`; -1 for none."""
        reader = searcher.reader()
        ranks = np.full(self.size, -1, dtype=np.int64)
        for rank, term in enumerate(reader.lexicon(fieldname)):
            ranks[_ids(reader, fieldname, term)] = rank
        return ranks


class _Recent:
    """The arrays of the terms used last, up to `budget` numbers in all, shared by threads."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.held = 0
        self.kept: OrderedDict[int, tuple[object, int]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: int):
        with self.lock:
            found = self.kept.get(key)
            if found is None:
                return None
            self.kept.move_to_end(key)
            return found[0]

    def put(self, key: int, value: object, size: int) -> None:
        with self.lock:
            if key in self.kept:
                return
            self.kept[key] = (value, size)
            self.held += size
            while self.held > self.budget and len(self.kept) > 1:
                _, (_, dropped) = self.kept.popitem(last=False)
                self.held -= dropped


def _arrays(path: Path) -> SegmentArrays | None:
    """A segment's arrays file, opened; None when it has none that reads."""
    try:
        return SegmentArrays(path)
    except (OSError, ValueError):  # missing, or unreadable: Whoosh's matchers still work
        return None


def _ids(reader, fieldname: str, term: bytes) -> np.ndarray:
    return np.fromiter(reader.postings(fieldname, term).all_ids(), dtype=np.int64)


class Scorer:
    """Scores an Izde query tree (search.engine.tree) over a `Collection` with one thread's
    searcher.

    Every node is modelled with arrays when the collection is complete; otherwise the tree
    runs with Whoosh's matchers (search.engine.whoosh.queries). Every posting list read is
    charged to `budget` (search.budget), which also expands prefixes and ranges; once it is
    spent, terms not yet read count as absent.
    """

    def __init__(
        self, searcher: Searcher, collection: Collection, budget: Budget | None = None
    ) -> None:
        self.searcher = searcher
        self.collection = collection
        self.budget = budget or Budget.unlimited()
        self.size = collection.size
        weighting = searcher.weighting
        self.B: float = weighting.B
        self.K1: float = weighting.K1

    def score(self, query: t.Node) -> Scored:
        """What `query` matches among the live documents, and how it scores them."""
        scored = self.part(query) if self.collection.complete else self._with_whoosh(query)
        scored.mask &= self.collection.live
        return scored

    def empty(self) -> Scored:
        return Scored(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64))

    def everything(self, score: float) -> Scored:
        return Scored(self.collection.live.copy(), np.full(self.size, score, dtype=np.float64))

    def part(self, query: t.Node) -> Scored:
        """What a part of a query matches, its mask not yet narrowed to live documents."""
        if isinstance(query, t.Term):
            return self._term(query)
        if isinstance(query, t.Prefix | t.Range):
            return self._expanded(query)
        if isinstance(query, t.Nothing):
            return self.empty()
        if isinstance(query, t.Phrase):
            return self._sequence(query)
        if isinstance(query, t.All | t.Any | t.BestOf):
            return self._compound(query)
        if isinstance(query, t.Bonus):
            scored = self.part(query.child)
            scored.scores = np.where(scored.mask, scored.scores + query.bonus, 0.0)
            return scored
        if isinstance(query, t.Everything):
            return self.everything(query.score)
        if isinstance(query, t.Not):
            inner = self.part(query.child)
            found = self.everything(1.0)
            found.mask &= ~inner.mask
            found.scores[~found.mask] = 0.0
            return found
        return self._binary(query)

    def scaled(self, scored: Scored, factor: float) -> Scored:
        if factor != 1.0:
            scored.scores *= factor
        return scored

    def _term(self, query: t.Term) -> Scored:
        found = self.empty()
        try:
            btext = self.searcher.schema[query.field].to_bytes(query.text)
        except ValueError:
            return found
        if not self.collection.has_term(self.searcher, query.field, btext):
            return found
        values = self._term_values(query.field, btext)
        if values is not None:
            found.mask[values[0]] = True
            found.scores[values[0]] = values[1]
        return self.scaled(found, query.boost)

    def _term_values(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(documents, scores) of a term the index has; None once the budget is spent."""
        if self.budget.spent():
            return None
        searcher = self.searcher
        field = searcher.schema[fieldname]
        ids, stored = self.collection.postings(searcher, fieldname, btext)
        self.budget.read_term(len(ids))
        weights = stored.astype(np.float64)
        if field.scorable:
            idf = searcher.idf(fieldname, btext)
            average = searcher.avg_field_length(fieldname) or 1
            lengths = self.collection.lengths(searcher, fieldname)[ids]
            K1, B = self.K1, self.B
            # Whoosh's scoring.bm25, term for term.
            norm = K1 * ((1 - B) + B * lengths / average)
            return ids, idf * ((weights * (K1 + 1)) / (weights + norm))
        return ids, np.full(len(ids), searcher.term_info(fieldname, btext).max_weight())

    def _expanded(self, query: t.Prefix | t.Range) -> Scored:
        """A prefix or range: the sum of its terms' scores, times its boost (a lone term
        without the boost), as Whoosh's MultiTerm matcher scores it in a segment of more than
        5,000 documents; in a smaller one Whoosh scores every match 1 (its Or picks a matcher
        by size), which would rank a segment's matches by chance. Its terms come from the
        budget, which expands each prefix once per search; their scores are added up in one
        array, since there may be hundreds of them."""
        terms = self.budget.expand(query, self.expansion)
        if len(terms) == 1:
            return self._term(t.Term(query.field, terms[0]))
        field = self.searcher.schema[query.field]
        found = self.empty()
        for text in terms:
            values = self._term_values(query.field, field.to_bytes(text))
            if values is not None:
                found.mask[values[0]] = True
                found.scores[values[0]] += values[1]
        return self.scaled(found, query.boost)

    def expansion(self, query: t.Prefix | t.Range) -> Iterator[str]:
        """The keys a prefix or range stands for (see search.budget)."""
        return expanded_keys(self.searcher.reader(), query)

    def _compound(self, query: t.All | t.Any | t.BestOf) -> Scored:
        if not query.children:
            return self.empty()
        if len(query.children) == 1:
            # Whoosh runs a lone subquery's matcher bare, without the compound's boost.
            return self.part(query.children[0])
        children = [self.part(sub) for sub in query.children]
        if isinstance(query, t.All):
            mask = np.logical_and.reduce([child.mask for child in children])
            scores = np.where(mask, sum(child.scores for child in children), 0.0)
        elif isinstance(query, t.BestOf):
            mask = np.logical_or.reduce([child.mask for child in children])
            scores = np.maximum.reduce([child.scores for child in children])
        else:
            mask = np.logical_or.reduce([child.mask for child in children])
            scores = reduce(operator.add, (child.scores for child in children))
        return self.scaled(Scored(mask, scores), query.boost)

    def _binary(self, query: t.AndNot | t.Require | t.AndMaybe) -> Scored:
        if isinstance(query, t.AndMaybe):  # the optional side adds its score where it matches
            a = self.part(query.required)
            b = self.part(query.optional)
            a.scores = a.scores + np.where(a.mask, b.scores, 0.0)
            return a
        if isinstance(query, t.AndNot):
            a = self.part(query.positive)
            a.mask &= ~self.part(query.negative).mask
        else:
            a = self.part(query.scored)
            a.mask &= self.part(query.required).mask
        a.scores = np.where(a.mask, a.scores, 0.0)
        return a

    def _sequence(self, query: t.Phrase) -> Scored:
        """A phrase: its words' terms, one slot of alternative terms per word, in a row (each
        within `slop` positions of the one before). It scores as Whoosh's span matchers do: the
        sum of its words' scores, times its boost."""
        slots = [[t.Term(query.field, key) for key in slot] for slot in query.slots]
        parts = [
            self._compound(t.Any(tuple(slot))) if len(slot) > 1 else self._term(slot[0])
            for slot in slots
        ]
        mask = np.logical_and.reduce([part.mask for part in parts])
        if mask.any():
            field = self.searcher.schema[query.field]
            steps = range(1, query.slop + 1)
            reached: np.ndarray | None = None
            for slot in slots:
                here = _distinct(
                    [
                        self.collection.positions(
                            self.searcher, term.field, field.to_bytes(term.text)
                        )
                        for term in slot
                    ]
                )
                # Each place reached so far, moved on by 1 to slop positions, that has a
                # word of this slot (document and position together in one number).
                if reached is None:
                    reached = here
                else:
                    reached = _among(_distinct([reached + step for step in steps]), here)
                if not len(reached):
                    break
            assert reached is not None  # a phrase has a word
            found = np.zeros(self.size, dtype=bool)
            found[reached >> 32] = True
            mask &= found
        scores = np.where(mask, sum(part.scores for part in parts), 0.0)
        return self.scaled(Scored(mask, scores), query.boost)

    def _with_whoosh(self, query: t.Node) -> Scored:
        """The whole query run by Whoosh's own matchers in each segment: for a collection
        whose segments are not all kept as arrays."""
        found = self.empty()
        context = self.searcher.context()
        work = self.budget.work
        whoosh_query = to_whoosh(query)
        for sub, offset in self.searcher.leaf_searchers():
            if self.budget.spent():
                break
            matcher = whoosh_query.matcher(sub, context)
            ids: list[int] = []
            scores: list[float] = []
            while matcher.is_active():
                ids.append(matcher.id())
                scores.append(matcher.score())
                matcher.next()
                work.matched += 1
                if not work.matched % 1024 and self.budget.spent():
                    break
            if ids:
                where = np.asarray(ids, dtype=np.int64) + offset
                found.mask[where] = True
                found.scores[where] = scores
        return found


def expanded_keys(reader, query: t.Prefix | t.Range) -> Iterator[str]:
    """The keys a prefix or range stands for, read from the lexicon in order."""
    for btext in to_whoosh(query)._btexts(reader):
        yield btext.decode("utf-8")


def _distinct(parts: list[np.ndarray]) -> np.ndarray:
    """The sorted distinct numbers of sorted arrays of distinct numbers (numpy's unique
    hashes them, much slower; a stable sort merges sorted runs)."""
    if len(parts) == 1:
        return parts[0]
    values = np.sort(np.concatenate(parts), kind="stable")
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _among(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    """Those of `values` that are in `sorted_values`, by binary search (no sorting)."""
    if not len(sorted_values):
        return sorted_values
    places = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return values[sorted_values[places] == values]


def top(scores: np.ndarray, mask: np.ndarray, count: int) -> np.ndarray:
    """The `count` best documents in `mask` by score, ties to the lower number, as Whoosh's
    TopCollector orders them."""
    candidates = np.flatnonzero(mask)
    if len(candidates) > count:
        values = scores[candidates]
        threshold = np.partition(values, len(values) - count)[len(values) - count]
        candidates = candidates[values >= threshold]
    order = np.lexsort((candidates, -scores[candidates]))
    return candidates[order][:count]


def newest(dates: np.ndarray, mask: np.ndarray, count: int) -> np.ndarray:
    """The `count` newest documents in `mask`, ties to the higher number, as Whoosh's
    SortingCollector orders them with reverse=True."""
    candidates = np.flatnonzero(mask)
    order = np.lexsort((-candidates, -dates[candidates]))
    return candidates[order][:count]
