"""A segment's postings written a term at a time: what Whoosh's field writer does a posting at a
time.

Whoosh's `FieldWriter.add_postings` takes each posting through four calls (its loop, `add`,
the postings writer's `add_posting` with its type checks, the field length's look-up), and the
arrays writer took each through a generator of its own: about 4 µs a posting, most of a short
report's commit. Here postings go by term: the new documents' are gathered by term, the merged
segments' read a term and a block at a time, the sources merged term by term, and each term's
blocks filled whole, with the statistics `add_posting` would have kept, before Whoosh writes
them as it always does; the arrays writer takes the term whole too. The files are the same.
"""

from __future__ import annotations

import heapq
import pickle
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import BytesIO
from itertools import accumulate

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter
from whoosh.fields import Schema
from whoosh.formats import Format
from whoosh.matching import ListMatcher
from whoosh.reading import SegmentReader
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.writing import PostingPool

from search.engine.whoosh.arrays import ArrayWriter
from search.engine.whoosh.schema import Postings

# A field's length in each document of the segment (None where it has none), by field name.
Lengths = Callable[[str], list[int | None]]
# One term's postings: field, term, and the documents, weights and values of its postings.
Term = tuple[str, bytes, list[int], Sequence[float], Sequence[bytes | None]]


class OutOfOrder(ValueError):
    """Postings that do not come sorted by field and term."""


def write_terms(
    fieldwriter: W3FieldWriter,
    schema: Schema,
    lengths: Lengths | None,
    sources: list[Iterator[Term]],
    arrays: ArrayWriter,
    arrays_below: int,
) -> None:
    """Write the terms of `sources`, each sorted by field and term and numbering documents
    above the ones before, as Whoosh's `add_postings` would write their postings merged; give
    the arrays writer each term's postings of documents numbered below `arrays_below`. A term
    in several sources is their postings one source after another."""
    field: str | None = None
    text: bytes | None = None
    field_lengths: list[int | None] | None = None
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes | None] = []
    for fieldname, btext, docs, weight, value in heapq.merge(*sources, key=_key):
        if btext != text or fieldname != field:
            if ids:
                _term(fieldwriter, field_lengths, text, ids, weights, values)  # type: ignore[arg-type]
                _arrays(arrays, arrays_below, field, text, ids, weights, values)  # type: ignore[arg-type]
                ids, weights, values = [], [], []
            if fieldname != field:
                if field is not None:
                    if fieldname < field:
                        raise OutOfOrder(f"field {field!r} before {fieldname!r}")
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                field_lengths = lengths(fieldname) if lengths else None
                field = fieldname
            elif text is not None and btext < text:
                raise OutOfOrder(f"term {text!r} before {btext!r} in {field!r}")
            text = btext
        ids += docs
        weights += weight
        values += value
    if ids:
        _term(fieldwriter, field_lengths, text, ids, weights, values)  # type: ignore[arg-type]
        _arrays(arrays, arrays_below, field, text, ids, weights, values)  # type: ignore[arg-type]
    if field is not None:
        fieldwriter.finish_field()


def _key(term: Term) -> tuple[str, bytes]:
    return term[0], term[1]


def pool_terms(postings: Iterable[tuple]) -> Iterator[Term]:
    """Postings, (field, term, document, weight, value) sorted, gathered by term."""
    field = text = None
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes | None] = []
    for fieldname, btext, docnum, weight, value in postings:
        if btext != text or fieldname != field:
            if ids:
                yield field, text, ids, weights, values  # type: ignore[misc]
                ids, weights, values = [], [], []
            field, text = fieldname, btext
        ids.append(docnum)
        weights.append(weight)
        values.append(value)
    if ids:
        yield field, text, ids, weights, values  # type: ignore[misc]


class TextPostings:
    """New documents' postings of the text fields, gathered by term as each document comes.

    Whoosh's writer put each posting in its pool as a tuple, sorted them all at the flush and
    gathered them by term again (`pool_terms`): about 2 µs a posting, a third of a short
    report's writing. Here a document's postings go to their terms' lists (documents come in
    order, so each list is sorted), and only the terms are sorted at the flush.
    """

    def __init__(self) -> None:
        # Field name -> term -> (documents, weights, values).
        self.fields: dict[str, dict[bytes, tuple[list[int], list[float], list[bytes]]]] = {}
        self.size = 0  # the postings' memory as Whoosh's pool estimates it

    def add(self, fieldname: str, docnum: int, postings: Postings, boost: float) -> None:
        """A document's postings of one field, their weights times the field's `boost`."""
        terms = self.fields.setdefault(fieldname, {})
        weights = postings.weights if boost == 1 else [w * boost for w in postings.weights]
        for term, weight, value in zip(postings.terms, weights, postings.values, strict=True):
            found = terms.get(term)
            if found is None:
                terms[term] = ([docnum], [weight], [value])
            else:
                found[0].append(docnum)
                found[1].append(weight)
                found[2].append(value)
        count = len(postings.terms)
        self.size += (150 + len(fieldname)) * count + 2 * sum(map(len, postings.terms))
        self.size += sum(map(len, postings.values))

    def terms(self) -> Iterator[Term]:
        """The postings by term, sorted by field and term."""
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for term in sorted(terms):
                yield fieldname, term, *terms[term]

    def spill(self, pool: PostingPool) -> None:
        """Give every posting to Whoosh's pool, which sorts them on disk past its memory limit,
        and start afresh: the postings of a batch of long reports stay within that limit. (The
        pool's postings of a term then come before these, as their documents do.)"""
        for fieldname, terms in self.fields.items():
            for term, (ids, weights, values) in terms.items():
                for docnum, weight, value in zip(ids, weights, values, strict=True):
                    pool.add((fieldname, term, docnum, weight, value))
        self.fields, self.size = {}, 0


def _term(
    fieldwriter: W3FieldWriter,
    lengths: list[int | None] | None,
    btext: bytes,
    ids: list[int],
    weights: list[float],
    values: list[bytes | None],
) -> None:
    """One term's postings, a block at a time, as `add_posting` one by one would leave them:
    ids, weights, the values that are not empty, the largest weight (from 0), the shortest and
    longest field length of the block's documents (lengths of 0 or none not counted)."""
    fieldwriter.start_term(btext)
    postings = fieldwriter._postwriter
    limit = postings._blocklimit
    for start in range(0, len(ids), limit):
        if start:
            postings._write_block()  # a full block, written when the next posting comes
        block = ids[start : start + limit]
        weight = weights[start : start + limit]
        postings._ids = array("I", block)
        postings._weights = array("f", weight)
        postings._values = [value for value in values[start : start + limit] if value]
        postings._maxweight = max(0, max(weight))
        known = [length for doc in block if (length := lengths[doc])] if lengths else []
        postings._minlength = min(known) if known else None
        postings._maxlength = max(known) if known else 0
    fieldwriter.finish_term()


def _arrays(
    arrays: ArrayWriter,
    below: int,
    fieldname: str,
    btext: bytes,
    ids: list[int],
    weights: list[float],
    values: list[bytes],
) -> None:
    """The term's postings of documents numbered below `below` to the arrays writer."""
    end = bisect_left(ids, below) if ids[-1] >= below else len(ids)
    if end:
        arrays.add_term(fieldname, btext, ids[:end], weights[:end], values[:end])


def merged_terms(reader: SegmentReader, docmap: list[int]) -> Iterator[Term]:
    """A merged segment's terms, with documents numbered as in the new segment (`docmap`, -1
    for a deleted one, which is left out): read in order with their term infos, each term's
    postings read whole and decoded a block at a time. Whoosh's `iter_postings` looked each
    term up again, read each block's header a few bytes at a time from the compound file, and
    made five calls per posting."""
    schema = reader.schema
    terms = reader._terms
    deletions = min(docmap, default=0) < 0
    for (fieldname, btext), info in terms.items():
        if fieldname not in schema:
            continue
        format_ = schema[fieldname].format
        if info.is_inlined():
            matcher = ListMatcher(*info.inlined_postings(), format_)
            found: list = [[], [], []]
            while matcher.is_active():
                found[0].append(matcher.id())
                found[1].append(matcher.weight())
                found[2].append(matcher.value())
                matcher.next()
            ids, weights, values = found
        else:
            offset, length = info.extent()
            if isinstance(length, tuple):  # as Whoosh's W3TermInfo.from_bytes leaves it
                (length,) = length
            ids, weights, values = [], [], []
            for block in _blocks(terms._postfile.get(offset, length), format_):
                ids += block[0]
                weights += block[1]
                values += block[2]
        docs = [docmap[doc] for doc in ids]
        if deletions:
            kept = [n for n, doc in enumerate(docs) if doc >= 0]
            docs = [docs[n] for n in kept]
            weights = [weights[n] for n in kept]
            values = [values[n] for n in kept]
        if docs:
            yield fieldname, btext, docs, weights, values


def _blocks(data: bytes, format_: Format) -> Iterator[tuple[list, Sequence, Sequence]]:
    """A term's postings blocks, as Whoosh's W3LeafMatcher decodes them: (ids, weights,
    values) of each."""
    if data[: len(WHOOSH3_HEADER_MAGIC)] != WHOOSH3_HEADER_MAGIC:
        raise ValueError("not a Whoosh postings list")
    fixed = format_.fixed_value_size()
    stream = BytesIO(data)
    stream.seek(len(WHOOSH3_HEADER_MAGIC))
    last = False
    while not last:
        length = unpack_int(stream.read(_INT_SIZE))[0]
        last = length < 0
        end = stream.tell() + abs(length)
        count, _, _, compression, _, _ = pickle.load(stream)
        block = data[stream.tell() : end]
        ids, weights, values = pickle.loads(zlib.decompress(block) if compression else block)
        if weights is None:
            weights = array("f", [1.0]) * count
        elif isinstance(weights, float):
            weights = array("f", [weights]) * count
        if fixed == 0:
            values = [None] * count
        elif fixed is not None and fixed > 0:
            values = [values[i : i + fixed] for i in range(0, len(values), fixed)]
        yield list(accumulate(ids)), weights, values
        stream.seek(end)
