"""The arrays file beside each segment (search.engine.whoosh.arrays): what ranking reads must be
exactly the postings Whoosh was given, across chunks and in whatever form a value comes."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from whoosh.formats import Positions
from whoosh.system import pack_uint

from search.engine.whoosh.arrays import ArrayWriter, SegmentArrays, merge, term_key
from search.engine.whoosh.schema import make_schema


def test_postings_and_positions_read_back(tmp_path: Path) -> None:
    encode = Positions().encode
    odd = pack_uint(2) + pickle.dumps([4, 3], 4)  # another pickle protocol: decoded alone
    stream = [
        ("body_en", b"librari", 0, 2.0, encode([1, 7])),
        ("body_en", b"librari", 2, 1.0, encode([0])),
        ("body_en", b"librari", 5, 3.0, encode([2, 3, 90])),
        ("body_en", b"seminar", 5, 2.0, odd),
        ("lang", b"en", 0, 1.0, b""),  # an ID field: no arrays
        ("words", b"libraries", 2, 4.0, pack_uint(4)),  # no positions
        ("words", b"seminar", 1, 1.0, pack_uint(1)),
    ]
    writer = ArrayWriter(make_schema(), tmp_path, chunk=3)  # terms split across chunks
    assert list(writer.tee(iter(stream))) == stream
    writer.write(tmp_path / "MAIN_x.arrays")
    read = SegmentArrays(tmp_path / "MAIN_x.arrays")

    def term(field: str, text: bytes) -> tuple[list[int], list[float], list[int]]:
        place = read.find(term_key(field, text))
        assert place is not None
        ids, weights = read.postings(place)
        return ids.tolist(), weights.tolist(), read.positions(place).tolist()

    assert term("body_en", b"librari") == ([0, 2, 5], [2.0, 1.0, 3.0], [1, 7, 0, 2, 3, 90])
    assert term("body_en", b"seminar") == ([5], [2.0], [4, 7])
    assert term("words", b"libraries") == ([2], [4.0], [])
    assert term("words", b"seminar") == ([1], [1.0], [])
    assert read.find(term_key("lang", b"en")) is None
    assert read.find(term_key("body_en", b"absent")) is None


def test_a_damaged_file_is_refused(tmp_path: Path) -> None:
    """A cut-off or foreign file is refused (ranking then falls back to Whoosh's matchers)."""
    writer = ArrayWriter(make_schema(), tmp_path)
    list(writer.tee(iter([("body_en", b"librari", 0, 1.0, Positions().encode([3]))])))
    path = tmp_path / "MAIN_x.arrays"
    writer.write(path)
    SegmentArrays(path)
    path.write_bytes(path.read_bytes()[:-2])
    with pytest.raises(ValueError, match="not a whole Izde arrays file"):
        SegmentArrays(path)
    path.write_bytes(b"something else entirely")
    with pytest.raises(ValueError, match="not a whole Izde arrays file"):
        SegmentArrays(path)


def test_merged_arrays_are_those_of_the_merged_postings(tmp_path: Path) -> None:
    """Arrays merged with numpy (`merge`), small chunks and a deleted document included, hold
    what the arrays writer makes of the merged segment's postings."""
    encode = Positions().encode
    first = [
        ("body_en", b"librari", 0, 2.0, encode([1, 7])),
        ("body_en", b"librari", 1, 1.0, encode([4])),
        ("body_en", b"seminar", 1, 1.0, encode([2])),
        ("words", b"libraries", 0, 3.0, pack_uint(3)),
    ]
    second = [
        ("body_en", b"librari", 0, 1.0, encode([5])),
        ("body_en", b"reading", 0, 2.0, encode([0, 9])),
        ("body_en", b"reading", 1, 1.0, encode([3])),
        ("words", b"reading", 1, 1.0, pack_uint(1)),
    ]
    parts = []
    for stream in (first, second):
        writer = ArrayWriter(make_schema(), tmp_path, chunk=2)
        list(writer.tee(iter(stream)))
        parts.append(writer.part())
    # The second part's documents follow the first's; its document 0 was deleted.
    docmaps = [None, np.array([-1, 2])]
    for chunk in (1, 2, 1000):
        merge(list(zip(parts, docmaps, strict=True)), tmp_path / "MAIN_m.arrays", chunk=chunk)
        merged = SegmentArrays(tmp_path / "MAIN_m.arrays")

        def term(field: str, text: bytes, read: SegmentArrays = merged) -> tuple | None:
            place = read.find(term_key(field, text))
            if place is None:
                return None
            ids, weights = read.postings(place)
            return ids.tolist(), weights.tolist(), read.positions(place).tolist()

        assert term("body_en", b"librari") == ([0, 1], [2.0, 1.0], [1, 7, 4])
        assert term("body_en", b"seminar") == ([1], [1.0], [2])
        assert term("body_en", b"reading") == ([2], [1.0], [3])
        assert term("words", b"libraries") == ([0], [3.0], [])
        assert term("words", b"reading") == ([2], [1.0], [])
        assert len(merged.keys) == 5
