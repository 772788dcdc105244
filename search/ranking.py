"""Ranking: a parsed query scored over every document at once, with numpy arrays.

Whoosh scores one posting at a time through a tree of Python matcher objects: a common word in
a collection of 10,000 reports matches thousands of them, at about 70 µs each. Here each term's
postings are read block by block into arrays, and each node of the query tree is a few array
operations over all documents, with Whoosh's BM25F formula and the combining rules of its
matchers (And and Or add their children's scores, a DisjunctionMax takes the best), so that the
ranking is Whoosh's.
Kinds of query it does not model (phrases, prefixes, ranges) run through Whoosh's own matcher,
segment by segment, into the same arrays.

The arrays of an index version (field lengths, deleted documents, facet values, dates) are read
once and shared by all threads through `Collection`; postings are read with the calling thread's
own searcher.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import accumulate
from pickle import loads

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

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

    It is built from one searcher and then only read; posting arrays of recent terms are kept
    (up to `CACHED_POSTINGS` postings), since a user paging or refining a search asks for the
    same terms again.
    """

    CACHED_POSTINGS = 6_000_000  # 8 bytes each (48 MB): document number and weight in 32 bits
    CACHED_POSITIONS = 200_000
    REMEMBERED_TERMS = 100_000

    def __init__(self, searcher: Searcher, facets: dict[str, str]) -> None:
        self.size = searcher.doc_count_all()
        self.offsets = [offset for _, offset in searcher.leaf_searchers()]
        self.live = np.ones(self.size, dtype=bool)
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            if reader.has_deletions():
                self.live[[offset + d for d in reader.deleted_docs_set]] = False
        self._lengths: dict[str, np.ndarray] = {}
        self._postings: OrderedDict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]] = (
            OrderedDict()
        )
        self._cached = 0
        self._terms: dict[tuple[str, str | bytes], bool] = {}
        # (field, term) -> (positions by document, documents looked at), least recent first.
        self._positions: OrderedDict[tuple[str, bytes], tuple[dict[int, list[int]], set[int]]]
        self._positions = OrderedDict()
        self._decoded = 0
        self._lock = threading.Lock()
        self.facets = {name: self._values(searcher, field) for name, field in facets.items()}
        self.dates = self._ranks(searcher, "date")

    def has_term(self, searcher: Searcher, fieldname: str, text: str | bytes) -> bool:
        """Whether the index has a term. It is remembered: a query word asks for its keys in
        every field and script, and Whoosh looks each one up in every segment."""
        key = (fieldname, text)
        known = self._terms.get(key)
        if known is None:
            if len(self._terms) > self.REMEMBERED_TERMS:
                self._terms.clear()
            known = self._terms[key] = key in searcher.reader()
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

    def postings(self, searcher: Searcher, fieldname: str, btext: bytes) -> tuple[np.ndarray, ...]:
        """(document numbers, weights) of a term across the segments."""
        key = (fieldname, btext)
        with self._lock:
            found = self._postings.get(key)
            if found is not None:
                self._postings.move_to_end(key)
                return found
        ids: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            if (fieldname, btext) in reader:
                block_ids, block_weights = _read_postings(reader, fieldname, btext)
                ids.append(block_ids + offset)
                weights.append(block_weights)
        found = (
            np.concatenate(ids).astype(np.int32) if ids else np.zeros(0, dtype=np.int32),
            _compact(np.concatenate(weights) if weights else np.zeros(0)),
        )
        with self._lock:
            if key not in self._postings:
                self._postings[key] = found
                self._cached += len(found[0])
            while self._cached > self.CACHED_POSTINGS and len(self._postings) > 1:
                _, dropped = self._postings.popitem(last=False)
                self._cached -= len(dropped[0])
        return found

    def positions(
        self, searcher: Searcher, fieldname: str, btext: bytes, docs: np.ndarray
    ) -> dict[int, list[int]]:
        """The positions of a term in each of `docs` (sorted document numbers) that has it.

        Only the posting blocks holding those documents are decoded, and what was decoded is
        kept (up to `CACHED_POSITIONS` documents' worth): decoding is most of a phrase's cost.
        """
        key = (fieldname, btext)
        with self._lock:
            known = self._positions.pop(key, None) or ({}, set())
            self._positions[key] = known
        found, seen = known
        missing = docs[~np.isin(docs, np.fromiter(seen, dtype=np.int64, count=len(seen)))]
        if len(missing):
            decoded = self._decode(searcher, fieldname, btext, missing)
            with self._lock:
                found.update(decoded)
                seen.update(missing.tolist())
                self._decoded += len(missing)
                while self._decoded > self.CACHED_POSITIONS and len(self._positions) > 1:
                    _, (_, dropped) = self._positions.popitem(last=False)
                    self._decoded -= len(dropped)
        return found

    def _decode(
        self, searcher: Searcher, fieldname: str, btext: bytes, docs: np.ndarray
    ) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        bounds = [*self.offsets[1:], self.size]
        for (sub, offset), end in zip(searcher.leaf_searchers(), bounds, strict=True):
            wanted = docs[(docs >= offset) & (docs < end)] - offset
            reader = sub.reader()
            if not len(wanted) or (fieldname, btext) not in reader:
                continue
            leaf = _leaf(reader, fieldname, btext)
            i = 0
            while leaf.is_active() and i < len(wanted):
                if leaf._maxid >= wanted[i]:
                    leaf._read_data()
                    ids = np.cumsum(np.asarray(leaf._data[0], dtype=np.int64))
                    values = leaf._data[2]
                    upto = int(np.searchsorted(wanted, leaf._maxid, side="right"))
                    places = np.searchsorted(ids, wanted[i:upto])
                    for doc, place in zip(wanted[i:upto], places, strict=True):
                        if place < len(ids) and ids[place] == doc:
                            found[int(doc) + offset] = _positions(values[place])
                    i = upto
                leaf._next_block()
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


def _positions(value: bytes) -> list[int]:
    """Whoosh's Positions.decode_positions: a count, then pickled position deltas (the pickle's
    final stop byte may have been left off)."""
    deltas = loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")
    return list(accumulate(deltas))


def _ids(reader, fieldname: str, term: bytes) -> np.ndarray:
    return np.fromiter(reader.postings(fieldname, term).all_ids(), dtype=np.int64)


def _compact(weights: np.ndarray) -> np.ndarray:
    """Weights in 32 bits when that loses nothing (term frequencies always fit)."""
    small = weights.astype(np.float32)
    return small if np.array_equal(small, weights) else weights


def _leaf(reader, fieldname: str, btext: bytes):
    """A segment's posting reader of one term at its first block, deleted documents included
    (Whoosh wraps it in a filter that has already read past the first ones)."""
    matcher = reader.postings(fieldname, btext)
    leaf = getattr(matcher, "child", matcher)
    leaf.reset()
    return leaf


def _read_postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """A segment's postings of one term, a block at a time (Whoosh 2.7's W3LeafMatcher):
    document-number deltas summed by numpy rather than by a Python generator per posting."""
    leaf = _leaf(reader, fieldname, btext)
    ids: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    weights: list[np.ndarray] = [np.zeros(0, dtype=np.float64)]
    while leaf.is_active():
        leaf._read_data()
        deltas, block_weights = leaf._data[0], leaf._data[1]
        count = leaf._blocklength
        ids.append(np.cumsum(np.asarray(deltas, dtype=np.int64)))
        if block_weights is None:
            weights.append(np.ones(count, dtype=np.float64))
        elif isinstance(block_weights, float):
            weights.append(np.full(count, block_weights, dtype=np.float64))
        else:
            weights.append(np.asarray(block_weights, dtype=np.float64))
        leaf._next_block()
    return np.concatenate(ids), np.concatenate(weights)


class Scorer:
    """Scores a query tree over a `Collection` with one thread's searcher.

    Custom query classes take part through the hook `score_with(scorer)` (see search.query's
    _Plus and _Anything); other classes Whoosh defines are modelled here, and the rest are run
    with Whoosh's matchers.
    """

    def __init__(self, searcher: Searcher, collection: Collection) -> None:
        self.searcher = searcher
        self.collection = collection
        self.size = collection.size
        weighting = searcher.weighting
        self.B: float = weighting.B
        self.K1: float = weighting.K1

    def score(self, query: wq.Query) -> Scored:
        """What `query` matches among the live documents, and how it scores them."""
        scored = self.part(query)
        scored.mask &= self.collection.live
        return scored

    def empty(self) -> Scored:
        return Scored(np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64))

    def everything(self, score: float) -> Scored:
        return Scored(self.collection.live.copy(), np.full(self.size, score, dtype=np.float64))

    def part(self, query: wq.Query) -> Scored:
        """What a part of a query matches, its mask not yet narrowed to live documents."""
        hook = getattr(query, "score_with", None)
        if hook is not None:
            return hook(self)
        if isinstance(query, wq.Term):
            return self._term(query)
        if query is wq.NullQuery:
            return self.empty()
        if isinstance(query, wq.Phrase | wq.Sequence):
            slots = _slots(query)
            if slots is not None:
                return self._sequence(query, slots)
        if isinstance(query, wq.CompoundQuery) and not isinstance(query, wq.BinaryQuery):
            return self._compound(query)
        if isinstance(query, wq.AndNot | wq.Require | wq.AndMaybe):
            return self._binary(query)
        if isinstance(query, wq.Not):
            inner = self.part(query.query)
            found = self.everything(1.0)
            found.mask &= ~inner.mask
            found.scores[~found.mask] = 0.0
            return found
        if isinstance(query, wq.Every) and not query.fieldname:
            return self.everything(query.boost)
        return self._with_whoosh(query)

    def scaled(self, scored: Scored, factor: float) -> Scored:
        if factor != 1.0:
            scored.scores *= factor
        return scored

    def _term(self, query: wq.Term) -> Scored:
        searcher = self.searcher
        fieldname = query.fieldname
        field = searcher.schema[fieldname]
        try:
            btext = field.to_bytes(query.text)
        except ValueError:
            return self.empty()
        found = self.empty()
        if not self.collection.has_term(searcher, fieldname, btext):
            return found
        ids, stored = self.collection.postings(searcher, fieldname, btext)
        weights = stored.astype(np.float64)
        if field.scorable:
            idf = searcher.idf(fieldname, btext)
            average = searcher.avg_field_length(fieldname) or 1
            lengths = self.collection.lengths(searcher, fieldname)[ids]
            K1, B = self.K1, self.B
            # Whoosh's scoring.bm25, term for term.
            norm = K1 * ((1 - B) + B * lengths / average)
            values = idf * ((weights * (K1 + 1)) / (weights + norm))
        else:
            values = np.full(len(ids), searcher.term_info(fieldname, btext).max_weight())
        found.mask[ids] = True
        found.scores[ids] = values
        return self.scaled(found, query.boost)

    def _compound(self, query: wq.CompoundQuery) -> Scored:
        subqueries = list(query.subqueries)
        if not subqueries:
            return self.empty()
        if len(subqueries) == 1:
            # Whoosh runs a lone subquery's matcher bare, without the compound's boost.
            return self.part(subqueries[0])
        if not isinstance(query, wq.And | wq.DisjunctionMax | wq.Or) or getattr(query, "scale", 0):
            return self._with_whoosh(query)  # a coordinated Or (CoordMatcher) and the like
        children = [self.part(sub) for sub in subqueries]
        if isinstance(query, wq.And):
            mask = np.logical_and.reduce([child.mask for child in children])
            scores = np.where(mask, sum(child.scores for child in children), 0.0)
        elif isinstance(query, wq.DisjunctionMax):
            mask = np.logical_or.reduce([child.mask for child in children])
            scores = np.maximum.reduce([child.scores for child in children])
        else:
            mask = np.logical_or.reduce([child.mask for child in children])
            scores = sum(child.scores for child in children)
        return self.scaled(Scored(mask, scores), query.boost)

    def _binary(self, query: wq.BinaryQuery) -> Scored:
        a = self.part(query.a)
        b = self.part(query.b)
        if isinstance(query, wq.AndNot):
            a.mask &= ~b.mask
        elif isinstance(query, wq.Require):
            a.mask &= b.mask
        else:  # AndMaybe: b adds its score where it matches too
            a.scores = a.scores + np.where(a.mask, b.scores, 0.0)
            return a
        a.scores = np.where(a.mask, a.scores, 0.0)
        return a

    def _sequence(self, query: wq.Query, slots: list[list[wq.Term]]) -> Scored:
        """A phrase: its words' terms, one slot of alternative terms per word, in a row (each
        within `slop` positions of the one before). It scores as Whoosh's span matchers do: the
        sum of its words' scores, times its boost."""
        parts = [
            self._compound(wq.Or(slot)) if len(slot) > 1 else self._term(slot[0]) for slot in slots
        ]
        mask = np.logical_and.reduce([part.mask for part in parts])
        candidates = np.flatnonzero(mask)
        if len(candidates):
            field = self.searcher.schema[
                query.fieldname if isinstance(query, wq.Phrase) else slots[0][0].fieldname
            ]
            places = [
                [
                    self.collection.positions(
                        self.searcher, term.fieldname, field.to_bytes(term.text), candidates
                    )
                    for term in slot
                ]
                for slot in slots
            ]
            steps = range(1, query.slop + 1)
            for doc in candidates.tolist():
                reached = set(_slot_positions(places[0], doc))
                for slot in places[1:]:
                    here = _slot_positions(slot, doc)
                    reached = {p + step for p in reached for step in steps}.intersection(here)
                    if not reached:
                        break
                if not reached:
                    mask[doc] = False
        scores = np.where(mask, sum(part.scores for part in parts), 0.0)
        return self.scaled(Scored(mask, scores), query.boost)

    def _with_whoosh(self, query: wq.Query) -> Scored:
        """A query this module does not model (a phrase, a prefix …), run by Whoosh's own
        matchers in each segment."""
        found = self.empty()
        context = self.searcher.context()
        for sub, offset in self.searcher.leaf_searchers():
            matcher = query.matcher(sub, context)
            ids: list[int] = []
            scores: list[float] = []
            while matcher.is_active():
                ids.append(matcher.id())
                scores.append(matcher.score())
                matcher.next()
            if ids:
                where = np.asarray(ids, dtype=np.int64) + offset
                found.mask[where] = True
                found.scores[where] = scores
        return found


def _slots(query: wq.Phrase | wq.Sequence) -> list[list[wq.Term]] | None:
    """A phrase's alternative terms at each word, or None for a sequence of other queries."""
    if isinstance(query, wq.Phrase):
        return [[wq.Term(query.fieldname, word)] for word in query.words]
    slots = []
    for sub in query.subqueries:
        if isinstance(sub, wq.Term):
            slots.append([sub])
        elif isinstance(sub, wq.Or) and all(isinstance(t, wq.Term) for t in sub.subqueries):
            slots.append(list(sub.subqueries))
        else:
            return None
    return slots


def _slot_positions(slot: list[dict[int, list[int]]], doc: int) -> list[int]:
    return [position for term in slot for position in term.get(doc, ())]


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
