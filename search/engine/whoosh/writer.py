"""Whoosh's writer, made to take analysed documents, commit in the background and merge by tiers.

Whoosh writes a commit's segment files first and its table of contents last, by an atomic
rename, and its own lock is an operating-system file lock that dies with its holder: a run
killed mid-commit loses that batch, and the segment files no table of contents names are
deleted by the next run.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.codec.base import PerDocumentReader, Segment
from whoosh.reading import SegmentReader
from whoosh.writing import PostingPool, SegmentWriter

from search.engine.whoosh import arrays
from search.engine.whoosh.flush import Term, TextPostings, merged_terms, pool_terms, write_terms
from search.engine.whoosh.schema import Analysed, AnalysedText, Postings, schema


class BatchWriter(SegmentWriter):
    """Whoosh's segment writer, without two of its costs: after analysis moved to the workers,
    most of the writer's time went to commits and merges.

    Whoosh looks up a document's field length once per posting, each a read from the file it
    has just written; here each field's lengths are read once. And a merged segment's postings
    went through the posting pool, which re-sorted them and, past its memory limit, spilled
    them to disk; they are sorted already, so here they stream from the merged segments into
    the new one, alongside the pool's. The segment written is the same; a commit costs 5.8
    instead of 9.1 ms per report, a merge 7.8 instead of 10.5 (800 reports, 8 segments).
    The postings are written a term at a time (flush.py), not one by one. Beside each segment
    it writes, it writes the segment's postings as arrays for ranking (arrays.py): the new
    documents' taken term by term on their way to Whoosh's field writer, the merged segments'
    merged from their arrays files.
    """

    def __init__(self, ix: whoosh_index.Index) -> None:
        super().__init__(ix)
        limit: int = self.pool.limit  # type: ignore[has-type]
        self.pool = _Pool(self._tempstorage, self.newsegment, limitmb=limit // 2**20)
        self.texts = TextPostings()  # the new documents' postings of the text fields
        self._merged: list[Iterator[Term]] = []
        self._readers: list[SegmentReader] = []
        self._arrays: arrays.ArrayWriter | None = None  # of the segment being flushed
        # The merged segments' arrays files, each with its map of document numbers.
        self._parts: list[tuple[Path, np.ndarray]] = []
        self._merged_from = 0  # the first merged document's number in the new segment

    def add_document(self, **fields: object) -> None:
        """Whoosh's `add_document` for Izde's schema (no term vectors, no separate spelling
        field), a text field's postings given whole to `TextPostings` instead of one by one to
        the pool."""
        self._check_state()
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, names)
        perdocwriter.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = self.schema[name]
                length = 0
                boost = self._field_boost(fields, name, docboost)
                if isinstance(field, AnalysedText):
                    if isinstance(value, Analysed):
                        found = value.postings
                    else:
                        found = Postings.of(list(field.index(value)))
                    self.texts.add(name, docnum, found, boost)
                    length = sum(found.freqs) if field.scorable else 0
                elif field.indexed:
                    for btext, freq, weight, encoded in field.index(value):
                        length += freq if field.scorable else 0
                        self.pool.add((name, btext, docnum, weight * boost, encoded))
                stored = fields.get(f"_stored_{name}", value)
                perdocwriter.add_field(name, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    column = field.to_column_value(stored)
                    perdocwriter.add_column_value(name, field.column_type, column)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        if self.texts.size > self.pool.limit:
            self.texts.spill(self.pool)
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def add_reader(self, reader: SegmentReader) -> None:
        """Copy a segment's documents now and its postings at the flush; the writer closes
        `reader` when it finishes."""
        self._check_state()
        start = self.docnum
        if not self._readers:
            self._merged_from = start
        names = {name for name in reader.indexed_field_names() if name in self.schema}
        docmap = _docmap(
            reader.doc_count_all(),
            start,
            self.write_per_doc(set(self.schema.names()) | names, reader),
        )
        self._merged.append(merged_terms(reader, docmap.tolist()))
        self._readers.append(reader)
        path = arrays.path_for(self.storage.folder, reader.segment().segment_id())
        if not path.exists():  # a segment another program wrote
            arrays.write_segment(reader, path)
        self._parts.append((path, docmap))
        self._added = True

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
        self._arrays = arrays.ArrayWriter(self.schema, Path(self.storage.folder))
        if sum(path.stat().st_size for path, _ in self._parts) > arrays.MERGE_BYTES:
            self._parts = []  # too large to merge in memory: streamed with the rest
        try:
            pooled = pool_terms(self.pool.iter_postings())
            terms = [pooled, self.texts.terms(), *self._merged]
            # The merged segments' arrays are merged as arrays (`_write_arrays`), or streamed
            # with the new documents' (numbered first).
            below = self._merged_from if self._parts else self.docnum
            lengths_of = lengths.field if lengths else None
            write_terms(self.fieldwriter, self.schema, lengths_of, terms, self._arrays, below)
            self.fieldwriter.close()
        finally:
            if lengths:
                lengths.close()
            self._close_readers()
        if not self.compound:
            self._write_arrays()

    def _assemble_segment(self) -> None:
        # Whoosh packs every file named after the segment into one: the arrays come after.
        super()._assemble_segment()
        self._write_arrays()

    def _write_arrays(self) -> None:
        """The segment's postings as arrays, for ranking (see arrays.py)."""
        assert self._arrays is not None, "written after the flush"
        path = arrays.path_for(self.storage.folder, self.newsegment.segment_id())
        if self._parts:
            parts = [(arrays.read_part(part), docmap) for part, docmap in self._parts]
            arrays.merge([(self._arrays.part(), None), *parts], path)
        else:
            self._arrays.write(path)

    def _finish(self) -> None:
        self._close_readers()  # a cancelled merge
        super()._finish()

    def _close_readers(self) -> None:
        """Close the merged segments, before the commit deletes their files (Windows refuses
        to delete an open file)."""
        for reader in self._readers:
            reader.close()
        self._readers = []


class _Pool(PostingPool):
    """Whoosh's posting pool, its `add` (called for every posting of every new document)
    without the type checks: the writer's postings are bytes already."""

    def add(self, item: tuple) -> None:
        self.fieldnames.add(item[0])
        # Whoosh's estimate of the posting's size in memory.
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


def _docmap(count: int, start: int, docmap: dict[int, int] | None) -> np.ndarray:
    """A merged segment's document numbers in the new segment (-1 for a deleted one), from
    Whoosh's map (None when nothing was deleted: the documents follow on from `start`)."""
    if docmap is None:
        return np.arange(start, start + count, dtype=np.int64)
    mapped = np.full(count, -1, dtype=np.int64)
    mapped[list(docmap)] = list(docmap.values())
    return mapped


class _Lengths:
    """The field lengths of a segment being written, read from its files once per field."""

    def __init__(self, reader: PerDocumentReader) -> None:
        self.reader = reader
        self.fields: dict[str, list[int | None]] = {}

    def field(self, fieldname: str) -> list[int | None]:
        """The field's length in each document."""
        lengths = self.fields.get(fieldname)
        if lengths is None:
            count = self.reader.doc_count_all()
            lengths = [self.reader.doc_field_length(n, fieldname) for n in range(count)]
            self.fields[fieldname] = lengths
        return lengths

    def close(self) -> None:
        self.reader.close()


# Segments of one size class (a power of MERGE_FANOUT documents) merged into one when there are
# this many of them.
MERGE_FANOUT = 8


def merge_tiers(writer: BatchWriter, segments: list[Segment]) -> list[Segment]:
    """Whoosh merge policy: merge the segments of a size class once it holds MERGE_FANOUT.

    Whoosh's default (MERGE_SMALL) merges every segment, the largest too, once a few small ones
    have gathered, so a run of many batches rewrote the whole index again and again (3,000
    reports: 138 s, against 95 s with this policy). Here a document is rewritten about once per
    size class it passes through (log_8 of the collection's size), and a search never sees more
    than a few segments of each size.
    """
    tiers: dict[int, list[Segment]] = defaultdict(list)
    for segment in segments:
        tiers[int(math.log(max(segment.doc_count_all(), 1), MERGE_FANOUT))].append(segment)
    kept: list[Segment] = []
    for tier in tiers.values():
        if len(tier) < MERGE_FANOUT:
            kept.extend(tier)
            continue
        for segment in tier:
            writer.add_reader(SegmentReader(writer.storage, writer.schema, segment))
    return kept


class _Commit(threading.Thread):
    """A full batch's commit, merges included, in the background: it takes seconds, and the
    workers would wait for the indexer meanwhile."""

    def __init__(self, writer: IndexWriter) -> None:
        super().__init__(name="izde-commit", daemon=True)
        self.writer = writer
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.writer.commit()
        except BaseException as error:  # raised in the indexer's thread by finish()
            self.error = error

    def finish(self) -> None:
        self.join()
        if self.error:
            raise self.error


# A run's first batch holds at most this many documents; each batch after it up to twice as
# many as the one before, up to the run's batch size, while its postings take less than
# BATCH_BYTES as Whoosh's posting pool estimates them (kept by term, they take about two thirds
# of that). At 64 MB, 10k mixed reports were indexed in 141.8 s, peak RSS 345 MB; at 32 MB in
# 167.1 s, 275 MB; with batches of 200, 201.0 s, 281 MB (one after another, 2026-12-05).
FIRST_BATCH = 200
BATCH_BYTES = 32 * 2**20


class BatchSizes:
    """When a batch is full: small at a run's start, so the first commit comes soon, and larger
    as the run goes on. A segment costs its writer a few hundred microseconds per term it
    holds, once when written and again at each merge, and a short report brings few terms that
    the segment's other reports lack. The writer's CPU for 3,000 short reports: 13.2 s in 15
    segments of 200 (8 of them merged into one), 8.8 s in 8 growing ones (200, 400, then about
    400 each at 32 MB), none merged."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.first = self.size = min(limit, FIRST_BATCH)

    def full(self, count: int, writer: IndexWriter) -> bool:
        """Whether a batch of `count` documents, in `writer`, is to be committed now; if so,
        the next one may be larger."""
        if count < self.first:
            return False
        if count < self.size and writer.postings_bytes() < BATCH_BYTES:
            return False
        self.size = min(2 * self.size, self.limit)
        return True


class Batches:
    """The writer of the batch being filled, and the commit of the one before, if running.

    Whoosh has one writer at a time, so the next batch's writer opens when the commit before
    has finished; a crash still loses at most the batches not yet committed.
    """

    def __init__(self, ix: whoosh_index.Index, size: int) -> None:
        self.ix = ix
        self.sizes = BatchSizes(size)
        self.current = IndexWriter(ix)
        self.commit: _Commit | None = None
        self.pending = 0

    def busy(self) -> bool:
        """Whether a commit is still running."""
        return self.commit is not None and self.commit.is_alive()

    def writer(self) -> IndexWriter:
        """The writer to add to: after waiting for the commit before, a new one."""
        if self.commit:
            self.commit.finish()
            self.commit, self.current = None, IndexWriter(self.ix)
        return self.current

    def added(self) -> None:
        """Count a document added; commit the batch in the background once it is full."""
        self.pending += 1
        if self.sizes.full(self.pending, self.current):
            self.commit, self.pending = _Commit(self.current), 0

    def cancel(self) -> None:
        """After an error or interruption: let a running commit finish (its batch is then
        safe), or cancel the open writer."""
        if self.commit:
            self.commit.join()
        else:
            self.current.cancel()


class IndexWriter:
    """A BatchWriter as the indexer's `Writer` (search/engine/writing.py): documents come as
    field values, their text fields analysed by the workers as Whoosh's postings."""

    def __init__(self, ix: whoosh_index.Index) -> None:
        self.batch = BatchWriter(ix)

    def add(self, fields: Mapping[str, object], analysed: Mapping[str, object]) -> None:
        self.batch.add_document(**_document(fields, analysed))

    def replace(self, fields: Mapping[str, object], analysed: Mapping[str, object]) -> None:
        self.batch.update_document(**_document(fields, analysed))

    def delete(self, field: str, value: str) -> int:
        return self.batch.delete_by_term(field, value)

    def commit(self) -> None:
        self.batch.commit(mergetype=merge_tiers)

    def postings_bytes(self) -> int:
        """About how much memory the postings added since the last spill take (Whoosh's
        estimate)."""
        return int(self.batch.pool.currentsize) + self.batch.texts.size

    def cancel(self) -> None:
        self.batch.cancel()


def _document(fields: Mapping[str, object], analysed: Mapping[str, object]) -> dict[str, object]:
    """Whoosh's keyword arguments for a document: an analysed field goes in as its postings,
    and, when stored, its text as the value to store."""
    document = dict(fields)
    for name, postings in analysed.items():
        document[name] = Analysed(postings)  # type: ignore[arg-type]  # a worker's Postings
        if schema()[name].stored:
            document[f"_stored_{name}"] = fields[name]
    return document
