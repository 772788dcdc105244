"""A segment's postings written a term at a time: what Whoosh's field writer does a posting at a
time.

Whoosh's `FieldWriter.add_postings` takes each posting through four calls (its loop, `add`,
the postings writer's `add_posting` with its type checks, the field length's look-up), and the
arrays writer took each through a generator of its own: about 4 µs a posting, most of a short
report's commit. Here the sorted postings are gathered by term, and each term's blocks are
filled whole, with the statistics `add_posting` would have kept, before Whoosh writes them as
it always does; the arrays writer takes the term whole too. The files are the same. A merged
segment's postings are read a block at a time likewise.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator

from whoosh.codec.whoosh3 import W3FieldWriter, W3LeafMatcher
from whoosh.fields import Schema
from whoosh.reading import SegmentReader

from search.engine.whoosh.arrays import ArrayWriter

# A field's length in each document of the segment (None where it has none), by field name.
Lengths = Callable[[str], list[int | None]]


class OutOfOrder(ValueError):
    """Postings that do not come sorted by field and term."""


def write_postings(
    fieldwriter: W3FieldWriter,
    schema: Schema,
    lengths: Lengths | None,
    postings: Iterable[tuple],
    arrays: ArrayWriter,
    arrays_below: int,
) -> None:
    """Write `postings`, (field, term, document, weight, value) sorted by field, term and
    document, as Whoosh's `add_postings` would; give the arrays writer each term's postings of
    documents numbered below `arrays_below`."""
    field = text = None
    field_lengths: list[int | None] | None = None
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    for fieldname, btext, docnum, weight, value in postings:
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
        ids.append(docnum)
        weights.append(weight)
        values.append(value)
    if ids:
        _term(fieldwriter, field_lengths, text, ids, weights, values)  # type: ignore[arg-type]
        _arrays(arrays, arrays_below, field, text, ids, weights, values)  # type: ignore[arg-type]
    if field is not None:
        fieldwriter.finish_field()


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


def merged_postings(reader: SegmentReader, docmap: list[int]) -> Iterator[tuple]:
    """A merged segment's postings, (field, term, document, weight, value) with documents
    numbered as in the new segment (`docmap`, -1 for a deleted one, which is left out), read a
    block at a time: Whoosh's `iter_postings` makes five calls per posting."""
    schema = reader.schema
    terms = reader._terms
    for fieldname, btext in reader.all_terms():
        if fieldname not in schema:
            continue
        matcher = terms.matcher(fieldname, btext, schema[fieldname].format)
        if not isinstance(matcher, W3LeafMatcher):  # a term with its postings inline
            while matcher.is_active():
                if (docnum := docmap[matcher.id()]) >= 0:
                    yield fieldname, btext, docnum, matcher.weight(), matcher.value()
                matcher.next()
            continue
        while True:
            matcher._read_ids()
            matcher._read_weights()
            matcher._read_values()
            for doc, weight, value in zip(
                matcher._ids, matcher._weights, matcher._values, strict=True
            ):
                if (docnum := docmap[doc]) >= 0:
                    yield fieldname, btext, docnum, weight, value
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
