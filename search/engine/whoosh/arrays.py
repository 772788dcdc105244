"""Postings as plain arrays beside each Whoosh segment: what ranking reads.

Whoosh keeps a term's postings in blocks of compressed, pickled Python lists. At 100,000
reports a common word's postings took tens of milliseconds to read that way, and the positions
a phrase needs took hundreds. So the writer also writes, beside each segment, every text
field's postings as arrays: document numbers, weights (term frequencies) and positions. A
search then reads one term with a few file reads and no unpickling (search.engine.whoosh.ranking).

The file, `<segment id>.arrays`, is named as Whoosh names a segment's own files, so Whoosh
deletes it together with its segment after a merge.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from array import array
from collections.abc import Iterable, Iterator
from hashlib import blake2b
from itertools import chain
from pathlib import Path
from pickle import loads
from typing import Any, NamedTuple

import numpy as np
from whoosh.fields import Schema

SUFFIX = ".arrays"
MAGIC = b"IZDEARR1"
# Postings written to the temporary files at a time.
CHUNK = 65_536
# Merged segments whose arrays files are larger than this, in all, have their postings streamed
# into the new file like new ones (`ArrayWriter.add_term`) instead of merged with numpy (`merge`,
# which holds them twice in memory), so a merge of the largest segments stays in bounds.
MERGE_BYTES = 48_000_000
_COUNT = 4  # Whoosh's Positions value: the count in 4 bytes, then the pickled position deltas
_INDEX = ("keys", "starts", "ends", "position_starts", "position_ends")
_DATA = {"ids": np.int32, "weights": np.float32, "positions": np.int32}


def term_key(fieldname: str, btext: bytes) -> int:
    """A term's 64-bit key in the file (a collision in one segment is about as likely as a
    cosmic-ray bit flip; the writer refuses one all the same)."""
    digest = blake2b(fieldname.encode() + b"\0" + btext, digest_size=8).digest()
    return int.from_bytes(digest, "little")


def path_for(folder: str | Path, segment_id: str) -> Path:
    return Path(folder) / f"{segment_id}{SUFFIX}"


def text_fields(schema: Schema) -> dict[str, bool]:
    """The fields kept as arrays (the scored text fields), and whether each has positions."""
    return {
        name: field.format.supports("positions") for name, field in schema.items() if field.scorable
    }


class ArrayWriter:
    """Takes a segment's postings as Whoosh's writer streams them, (field, term, document,
    weight, value) sorted by field, term and document, and writes them as one arrays file.

    Postings go to temporary files a chunk at a time, so a merge of large segments holds only
    the term index in memory (a few numbers a term).
    """

    def __init__(self, schema: Schema, folder: Path, chunk: int = CHUNK) -> None:
        self.fields = text_fields(schema)
        self.chunk = chunk
        self.keys = array("Q")
        self.starts = array("q")  # each term's first posting
        self.positional = array("b")  # whether it has positions
        self.position_starts = array("q")  # and its first position, known at its chunk's flush
        self.written = 0  # postings
        self.positions_written = 0
        self.ids = array("i")  # of the chunk being filled
        self.weights = array("f")
        self.pending: list[bytes] = []  # its position values
        # Closed (and so deleted) by `write`, or when a cancelled writer drops them.
        self.files = {name: tempfile.TemporaryFile(dir=folder) for name in _DATA}  # noqa: SIM115

    def tee(self, postings: Iterable[tuple]) -> Iterator[tuple]:
        """The postings, unchanged, each also kept for the arrays."""
        fields = self.fields
        ids, weights, pending, chunk = self.ids, self.weights, self.pending, self.chunk
        last_field, last_text = None, None
        kept, positional = False, False
        for posting in postings:
            fieldname, btext, docnum, weight, value = posting
            if btext != last_text or fieldname != last_field:
                last_field, last_text = fieldname, btext
                positional = fields.get(fieldname, False)
                kept = fieldname in fields
                if kept:
                    self.keys.append(term_key(fieldname, btext))
                    self.starts.append(self.written + len(ids))
                    self.positional.append(positional)
            if kept:
                ids.append(docnum)
                weights.append(weight)
                if positional:
                    pending.append(value)
                if len(ids) >= chunk:
                    self._flush()
            yield posting
        self._flush()

    def add_term(
        self, fieldname: str, btext: bytes, ids: list[int], weights: list[float], values: list
    ) -> None:
        """A term's postings whole, as `tee` would take them one by one."""
        positional = self.fields.get(fieldname)
        if positional is None:
            return
        self.keys.append(term_key(fieldname, btext))
        self.starts.append(self.written + len(self.ids))
        self.positional.append(positional)
        self.ids.extend(ids)
        self.weights.extend(weights)
        if positional:
            self.pending.extend(values)
        if len(self.ids) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        """Write the chunk's postings, their position values decoded (`_decoded`), and note
        where the positions of the terms it began start."""
        files = self.files
        first, count = self.written, len(self.ids)
        # The terms the chunk has postings of, and how many each.
        starts = np.frombuffer(self.starts, dtype=np.int64)
        since = int(np.searchsorted(starts, first, side="right")) - 1 if count else len(starts)
        bounds = np.append(np.clip(starts[since:] - first, 0, count), count)
        flags = np.frombuffer(self.positional, dtype=np.int8)[since:].astype(bool)
        has_positions = np.repeat(flags, np.diff(bounds))
        weights = np.array(self.weights, dtype=np.float32)  # a copy: the chunk is then emptied
        counts = np.where(has_positions, weights, 0).astype(np.int64)
        if self.pending:
            lists = _decoded(self.pending)
            decoded = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
            if not np.array_equal(decoded, counts[has_positions]):
                raise ValueError("a posting's weight is not its count of positions")
            total = int(decoded.sum())
            deltas = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=total)
            # Deltas to positions, each posting's running sum starting afresh.
            sums = np.cumsum(deltas)
            ends = np.cumsum(decoded)
            before = np.concatenate(([0], sums[ends[:-1] - 1]))
            (sums - np.repeat(before, decoded)).astype("<i4").tofile(files["positions"])
            self.pending.clear()
        reached = self.positions_written + np.concatenate(([0], np.cumsum(counts)))
        begun = len(self.position_starts)
        self.position_starts.extend(reached[starts[begun:] - first].tolist())
        self.positions_written = int(reached[-1])
        self.written += count
        self.ids.tofile(files["ids"])
        self.weights.tofile(files["weights"])
        del self.ids[:], self.weights[:]

    def write(self, path: Path) -> None:
        """Write the arrays file (whole, then renamed into place: a reader never sees half)."""
        self._flush()  # the last chunk
        keys = np.frombuffer(self.keys, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        if len(keys) > 1 and np.any(keys[order][1:] == keys[order][:-1]):
            raise ValueError(f"two terms of one segment share an arrays key: {path}")
        index = _index(
            keys,
            np.frombuffer(self.starts, dtype=np.int64),
            np.frombuffer(self.position_starts, dtype=np.int64),
            self.written,
            self.positions_written,
        )
        _write_file(path, {name: values[order] for name, values in index.items()}, self.files)

    def part(self) -> Part:
        """The postings written so far, read back into memory to be merged (`merge`)."""
        self._flush()  # the last chunk
        data = {}
        for name, file in self.files.items():
            file.seek(0)
            data[name] = np.fromfile(file, dtype=_DATA[name])
            file.close()
        keys = np.frombuffer(self.keys, dtype=np.uint64)
        starts = np.frombuffer(self.starts, dtype=np.int64)
        position_starts = np.frombuffer(self.position_starts, dtype=np.int64)
        index = _index(keys, starts, position_starts, self.written, self.positions_written)
        return Part(**index, **data)


def _index(
    keys: np.ndarray, starts: np.ndarray, position_starts: np.ndarray, written: int, positions: int
) -> dict[str, np.ndarray]:
    """A term index in the order the terms were written: each term's postings end where the
    next one's start."""
    return {
        "keys": keys,
        "starts": starts,
        "ends": np.append(starts[1:], written),
        "position_starts": position_starts,
        "position_ends": np.append(position_starts[1:], positions),
    }


def _write_file(path: Path, index: dict[str, np.ndarray], data: dict[str, Any]) -> None:
    """Write an arrays file: the term index (sorted by key), then the postings, each data array
    given whole or as a temporary file (which is closed, and so deleted); whole, then renamed
    into place, so a reader never sees half."""
    lengths = {name: len(values) for name, values in index.items()}
    for name, values in data.items():
        if not isinstance(values, np.ndarray):
            values.flush()
        size = len(values) if isinstance(values, np.ndarray) else os.fstat(values.fileno()).st_size
        lengths[name] = size if isinstance(values, np.ndarray) else size // _dtype(name).itemsize
    header: dict[str, list[int]] = {}
    offset = 0
    for name, length in lengths.items():
        header[name] = [offset, length]
        offset += length * _dtype(name).itemsize
    encoded = json.dumps(header).encode("ascii")
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        out.write(MAGIC + len(encoded).to_bytes(4, "little") + encoded)
        for name, values in index.items():
            out.write(np.ascontiguousarray(values, dtype=_dtype(name)).data)
        for name, values in data.items():
            if isinstance(values, np.ndarray):
                out.write(np.ascontiguousarray(values, dtype=_dtype(name)).data)
            else:
                values.seek(0)
                shutil.copyfileobj(values, out, 1 << 20)
                values.close()
    os.replace(tmp, path)


class Part(NamedTuple):
    """A segment's arrays in memory, to be merged: its term index in the order its terms'
    postings come, and the postings."""

    keys: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    position_starts: np.ndarray
    position_ends: np.ndarray
    ids: np.ndarray
    weights: np.ndarray
    positions: np.ndarray


def read_part(path: Path) -> Part:
    """A segment's arrays file, read whole."""
    arrays = SegmentArrays(path)
    try:
        data = {name: arrays._read(name, 0, arrays._where[name][1]) for name in _DATA}
        order = np.argsort(arrays.starts, kind="stable")  # back to the order the postings come
        index = {name: getattr(arrays, name)[order] for name in _INDEX}
    finally:
        arrays.close()
    return Part(**index, **data)


def merge(parts: list[tuple[Part, np.ndarray | None]], path: Path, chunk: int = 4 * CHUNK) -> None:
    """Write the arrays file of a merged segment from those of its parts, each with its map of
    document numbers to the merged segment's (-1 for a deleted document; None: the same).

    The parts come in the order of their documents in the merged segment, so a term's postings
    are its postings in each part, one part after another. Whoosh's writer passed each merged
    posting through Python again to write them (about 35 s of a 10k build); here the terms are
    sorted by key and their postings gathered by array operations, about `chunk` postings at a
    time, so that little memory is needed beyond the parts'. A term is its key: the same key in
    two parts is the same term (two terms of one segment sharing a key are refused when it is
    written).
    """
    numbered = [part.ids if docmap is None else docmap[part.ids] for part, docmap in parts]
    ids = np.concatenate(numbered).astype(np.int32)
    weights = np.concatenate([part.weights for part, _ in parts])
    positions = np.concatenate([part.positions for part, _ in parts])
    # Every part's terms, by key (a key in several parts: in their order), with where their
    # postings and positions are in the arrays above.
    posting_base = np.cumsum([0] + [len(part.ids) for part, _ in parts])
    position_base = np.cumsum([0] + [len(part.positions) for part, _ in parts])
    keys = np.concatenate([part.keys for part, _ in parts])
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    terms = zip(parts, posting_base, position_base, strict=False)
    starts, sizes, pstarts, psizes = (
        np.concatenate(values)[order]
        for values in zip(
            *(
                (
                    p.starts + base,
                    p.ends - p.starts,
                    p.position_starts + pbase,
                    p.position_ends - p.position_starts,
                )
                for (p, _), base, pbase in terms
            ),
            strict=True,
        )
    )
    files = {name: tempfile.TemporaryFile(dir=path.parent) for name in _DATA}  # noqa: SIM115
    found: dict[str, list[np.ndarray]] = {"keys": [], "starts": [], "position_starts": []}
    written = positions_written = 0
    # Chunks of terms: a new one at the first key after each `chunk` postings.
    group = np.flatnonzero(np.append(True, keys[1:] != keys[:-1])) if len(keys) else keys
    quota = (np.cumsum(sizes) - sizes)[group] // chunk
    bounds = group[np.searchsorted(quota, np.unique(quota))].tolist()
    for a, b in zip(bounds, [*bounds[1:], len(keys)], strict=True):
        size, psize = sizes[a:b], psizes[a:b]
        postings = _ranges(starts[a:b], size)
        taken, weight = ids[postings], weights[postings]
        kept = taken >= 0
        term = np.repeat(np.arange(b - a), size)
        count = np.where(psize[term] > 0, weight, 0).astype(np.int64)
        moved = positions[_ranges(pstarts[a:b], psize)][np.repeat(kept, count)]
        kept_size = np.bincount(term[kept], minlength=b - a)
        kept_psize = np.bincount(term[kept], weights=count[kept], minlength=b - a)
        # A key's terms make one; one whose every posting was deleted goes.
        first = np.flatnonzero(np.append(True, keys[a + 1 : b] != keys[a : b - 1]))
        merged = np.add.reduceat(kept_size, first)
        merged_positions = np.add.reduceat(kept_psize, first).astype(np.int64)
        alive = merged > 0
        found["keys"].append(keys[a:b][first][alive])
        found["starts"].append(written + (np.cumsum(merged) - merged)[alive])
        before = np.cumsum(merged_positions) - merged_positions
        found["position_starts"].append(positions_written + before[alive])
        taken[kept].astype("<i4").tofile(files["ids"])
        weight[kept].astype("<f4").tofile(files["weights"])
        moved.astype("<i4").tofile(files["positions"])
        written += int(merged.sum())
        positions_written += int(merged_positions.sum())
    joined = {
        name: np.concatenate(values) if values else np.zeros(0, np.int64)
        for name, values in found.items()
    }
    index = _index(
        joined["keys"].astype(np.uint64),
        joined["starts"].astype(np.int64),
        joined["position_starts"].astype(np.int64),
        written,
        positions_written,
    )
    _write_file(path, index, files)


def _ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The indexes of ranges of an array, one range after another."""
    before = np.cumsum(sizes) - sizes
    return np.repeat(starts - before, sizes) + np.arange(int(sizes.sum()))


def _dtype(name: str) -> np.dtype:
    kind = _DATA.get(name) or (np.uint64 if name == "keys" else np.int64)
    return np.dtype(kind).newbyteorder("<")


def _decoded(values: list[bytes]) -> list[list[int]]:
    """Whoosh's Positions values (a count in 4 bytes, then a pickled list of position deltas)
    decoded, each distinct one once: they repeat (most of a short report's terms are at one
    position, one value per position number), and unpickling them all, even joined into one
    pickle, was a fifth of a short report's writing (746,032 values of 3,000 reports, 102,204
    distinct within their chunks: 1.8 -> 0.4 s). A decoded list is never empty."""
    known: dict[bytes, list[int]] = {}
    return [known.get(value) or known.setdefault(value, loads(value[_COUNT:])) for value in values]


def write_segment(reader, path: Path) -> None:
    """The arrays file of a segment Whoosh wrote alone (without Izde's writer)."""
    writer = ArrayWriter(reader.schema, path.parent)
    for _ in writer.tee(reader.iter_postings()):
        pass
    writer.write(path)


class SegmentArrays:
    """One segment's arrays file, opened for reading: its term index in memory, postings and
    positions read from the file as asked for."""

    def __init__(self, path: Path) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 - open while its index version is searched
        self._lock = threading.Lock()
        try:
            head = self._file.read(len(MAGIC) + 4)
            size = int.from_bytes(head[len(MAGIC) :], "little")
            header = json.loads(self._file.read(size))
            self._base = len(MAGIC) + 4 + size
            end = max(
                (start + count * _dtype(name).itemsize for name, (start, count) in header.items()),
                default=0,
            )
            whole = os.fstat(self._file.fileno()).st_size == self._base + end
            if head[: len(MAGIC)] != MAGIC or not whole:
                raise ValueError(f"not a whole Izde arrays file: {path}")
        except (ValueError, TypeError, KeyError) as error:
            self._file.close()
            raise ValueError(f"not a whole Izde arrays file: {path}") from error
        self._where = header
        index = {name: self._read(name, 0, header[name][1]) for name in _INDEX}
        self.keys = index["keys"]
        self.starts = index["starts"]
        self.ends = index["ends"]
        self.position_starts = index["position_starts"]
        self.position_ends = index["position_ends"]

    def find(self, key: int) -> int | None:
        """The term's place in the index, or None when the segment does not have it."""
        place = int(np.searchsorted(self.keys, np.uint64(key)))
        if place < len(self.keys) and int(self.keys[place]) == key:
            return place
        return None

    def postings(self, place: int) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers in the segment, weights) of the term at `place`."""
        start, end = int(self.starts[place]), int(self.ends[place])
        return self._read("ids", start, end), self._read("weights", start, end)

    def positions(self, place: int) -> np.ndarray:
        """The term's positions, posting after posting (each posting has its weight's count)."""
        start, end = int(self.position_starts[place]), int(self.position_ends[place])
        return self._read("positions", start, end)

    def close(self) -> None:
        self._file.close()

    def _read(self, name: str, start: int, end: int) -> np.ndarray:
        dtype = _dtype(name)
        offset = self._base + self._where[name][0] + start * dtype.itemsize
        with self._lock:
            self._file.seek(offset)
            data = self._file.read((end - start) * dtype.itemsize)
        return np.frombuffer(data, dtype=dtype)
