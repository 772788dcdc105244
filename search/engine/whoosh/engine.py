"""The Whoosh engine: what the indexer writes and reads through (search/engine/writing.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh.reading import SegmentReader
from whoosh.searching import Searcher

from search.engine.whoosh import arrays, schema
from search.engine.whoosh.parser import Parser
from search.engine.whoosh.version import Index
from search.engine.whoosh.writer import Batches, IndexWriter


class WhooshEngine:
    """Generations written and read as Whoosh indexes, with the arrays beside each segment."""

    parser = Parser

    def index(self, index_dir: Path) -> Index:
        return Index(index_dir)

    def analyse(self, field: str, text: str) -> object:
        return schema.schema()[field].postings(text)

    def create(self, generation: Path) -> dict[str, object]:
        return schema.create(generation)

    def is_current(self, generation: Path) -> bool:
        return schema.is_current(generation)

    def prepare(self, generation: Path) -> None:
        """Write the arrays of each segment that has none (an index from before Izde wrote
        them, or a segment another program wrote): read from Whoosh, about 2 s per 1,000
        reports, where a rebuild would read and analyse every file again."""
        with schema.open_generation(generation).reader() as reader:
            for leaf, _ in reader.leaf_readers():
                if isinstance(leaf, SegmentReader):
                    path = arrays.path_for(generation, leaf.segment().segment_id())
                    if not path.exists():
                        arrays.write_segment(leaf, path)

    def writer(self, generation: Path) -> IndexWriter:
        return IndexWriter(schema.open_generation(generation))

    def batches(self, generation: Path, size: int) -> Batches:
        return Batches(schema.open_generation(generation), size)

    @contextmanager
    def read(self, generation: Path) -> Iterator[Stored]:
        with schema.readable(generation).searcher() as searcher:
            yield Stored(searcher)

    @contextmanager
    def read_live(self, index_dir: Path) -> Iterator[Stored]:
        with schema.open_index(index_dir).searcher() as searcher:
            yield Stored(searcher)


class Stored:
    """A generation open for reading what it holds, through a Whoosh searcher."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher

    def states(self) -> Iterator[tuple[int, tuple]]:
        reader = self.searcher.reader()
        if not reader.doc_count_all():
            return  # an empty index has no columns to read
        column = reader.column_reader("state")
        for docnum in reader.all_doc_ids():
            yield docnum, column[docnum]

    def stored(self, docnum: int) -> dict[str, object]:
        return self.searcher.stored_fields(docnum)

    def numbers(self, **terms: str) -> list[int]:
        return list(self.searcher.document_numbers(**terms))

    def first(self, **terms: str) -> dict[str, Any] | None:
        return self.searcher.document(**terms)

    def count(self) -> int:
        return self.searcher.doc_count()

    def values(self, field: str) -> dict[str, int]:
        return {
            term.decode("utf-8"): self.searcher.doc_frequency(field, term)
            for term in self.searcher.lexicon(field)
        }
