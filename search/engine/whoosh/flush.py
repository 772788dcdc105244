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
from itertools import accumulate, pairwise

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.fields import Schema
from whoosh.formats import Format
from whoosh.matching import ListMatcher
from whoosh.reading import SegmentReader
from whoosh.system import _INT_SIZE, pack_int, pack_long, pack_ushort, unpack_int
from whoosh.util.numeric import length_to_byte
from whoosh.writing import PostingPool

from search.engine.whoosh.arrays import ArrayWriter
from search.engine.whoosh.schema import Postings

# A field's length in each document of the segment (None where it has none), by field name.
Lengths = Callable[[str], list[int | None]]
# A term's row in the terms file, before where its postings are.
_TERM_INFO = W3TermInfo._struct
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
    """One term's postings, a block at a time, and its row of the terms file: the bytes
    Whoosh's postings writer makes of them one by one (W3PostingsWriter, its `_write_block`
    and W3TermInfo; blocks of `blocklimit`, never inlined, as Whoosh's codec is made), made
    here from each block whole: that writer's calls per block and per term cost more than
    the pickling and compressing. Each block holds ids, weights, the values that are not empty,
    the largest weight (from 0), the shortest and longest field length of its documents
    (lengths of 0 or none not counted)."""
    postfile = fieldwriter._postfile
    limit, level = fieldwriter._codec._blocklimit, fieldwriter._codec._compression
    fixed = fieldwriter._format.fixed_value_size()
    start = postfile.tell()
    parts = [WHOOSH3_HEADER_MAGIC]
    # The term's statistics, as W3TermInfo.add_block sums them up block by block.
    total: float = 0
    shortest: int | None = None
    longest: int = 0
    heaviest: float = 0
    for first in range(0, len(ids), limit):
        block = ids[first : first + limit]
        weight = weights[first : first + limit]
        floats = array("f", weight)
        kept = [value for value in values[first : first + limit] if value]
        known = [length for doc in block if (length := lengths[doc])] if lengths else []
        low = min(known) if known else None
        high = max(known) if known else 0
        top = max(0, max(weight))
        total += sum(floats)
        shortest = low if shortest is None else min(shortest, low)  # type: ignore[type-var]
        longest, heaviest = max(longest, high), max(heaviest, top)
        deltas = (block[0], *(b - a for a, b in pairwise(block)))
        data = pickle.dumps((deltas, _weights(floats), _values(kept, fixed)), 2)
        if level:
            data = zlib.compress(data, level)
        info = (len(block), block[-1], top, level, length_to_byte(low), length_to_byte(high))
        head = pickle.dumps(info, 2)
        size = len(head) + len(data)
        parts += (pack_int(-size if first + limit >= len(ids) else size), head, data)
    postfile.write(b"".join(parts))
    row = _TERM_INFO.pack(
        False,
        total,
        len(ids),
        length_to_byte(shortest),
        length_to_byte(longest),
        heaviest,
        ids[0],
        ids[-1],
    )
    row += pack_long(start) + pack_int(postfile.tell() - start)
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + btext, row)


def _weights(weights: array) -> float | tuple[float, ...] | None:
    """A block's weights as Whoosh keeps them: none when all are 1, one when all are equal."""
    if all(weight == 1.0 for weight in weights):
        return None
    if all(weight == weights[0] for weight in weights):
        return weights[0]
    return tuple(weights)


def _values(values: list[bytes], fixed: int | None) -> tuple[bytes, ...] | bytes | None:
    """A block's values as Whoosh keeps them: none when they are empty by format, joined when
    they are of one size."""
    if fixed is None or fixed < 0:
        return tuple(values)
    return None if fixed == 0 else b"".join(values)


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
