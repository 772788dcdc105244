"""Reading a Whoosh index: one version (generation and commit) opened by one thread.

`Index` opens versions of the live generation, also while `izde index` commits and switches
generations under it, and keeps each version's arrays (`Collection`) for all the threads on it;
`Version` is Izde's read protocol (search.engine.reading) over one Whoosh searcher.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from whoosh.index import TOC, EmptyIndexError, FileIndex
from whoosh.searching import Searcher

from search.budget import Budget
from search.engine import tree as t
from search.engine.reading import Page, Request, VersionGone
from search.engine.whoosh import passes
from search.engine.whoosh.ranking import Collection, Scorer, expanded_keys
from search.engine.whoosh.schema import open_index
from search.fields import FACETS
from search.generations import IndexMissing, current_generation

# What opening a version may fail with while a rebuild switches and deletes generations.
_GONE = (EmptyIndexError, IndexMissing, OSError)


class Version:
    """One commit of one generation, read through one Whoosh searcher."""

    def __init__(self, index: Index, generation: str | None, searcher: Searcher) -> None:
        self.index = index
        self.generation = generation
        self.searcher = searcher
        # A searcher stays on its commit, so its place in time is fixed.
        self.key = (generation or "", searcher.reader().generation())
        self._collection: Collection | None = None

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    def close(self) -> None:
        self.searcher.close()

    @property
    def collection(self) -> Collection:
        """The version's arrays, read once and shared by every thread on the version; kept
        here, since a search asks for them once per term it looks up."""
        if self._collection is None:
            self._collection = self.index.collection(self)
        return self._collection

    def search(self, request: Request, budget: Budget) -> Page:
        # Asked anew each search: arrays an old index lacked may have been written since.
        self._collection = collection = self.index.collection(self)
        scorer = Scorer(self.searcher, collection, budget)
        return passes.search(scorer, collection, request, self.has_term, budget)

    def warm(self) -> None:
        collection = self.collection
        for fieldname in collection.fields:
            collection.lengths(self.searcher, fieldname)

    def size(self) -> int:
        return self.collection.size

    def has_term(self, field: str, text: str) -> bool:
        return self.collection.has_term(self.searcher, field, text)

    def knows(self, field: str, text: str) -> bool:
        return (field, text) in self.searcher.reader()

    def doc_frequency(self, field: str, text: str) -> int:
        return self.searcher.reader().doc_frequency(field, text)

    def lexicon(self, field: str) -> Iterator[str]:
        for term in self.searcher.reader().lexicon(field):
            yield term.decode("utf-8")

    def expand(self, query: t.Prefix | t.Range) -> Iterator[str]:
        return expanded_keys(self.searcher.reader(), query)

    def stored(self, doc: object) -> dict:
        assert isinstance(doc, int)
        return self.searcher.stored_fields(doc)

    def find(self, field: str, value: str) -> list[dict]:
        if field not in self.searcher.schema:
            return []
        return list(self.searcher.documents(**{field: value}))

    def documents(self) -> Iterator[dict]:
        return self.searcher.all_stored_fields()


class Index:
    """Opens versions of the index in `index_dir`: its live generation (the CURRENT file)."""

    # Versions whose arrays are kept: threads still on the old one while a new one is warmed
    # (search.warm) do not read it again.
    KEPT = 2

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._opened: tuple[str | None, FileIndex] | None = None
        self._collections: dict[tuple[str, int], Collection] = {}
        self._lock = threading.Lock()

    def live_generation(self) -> str | None:
        return current_generation(self.index_dir)

    def open(self, generation: str | None) -> Version:
        """A new version on the newest commit of `generation`. A rebuild may switch
        generations and delete the old one between reading CURRENT and the opening; then the
        newer one is opened."""
        while True:
            try:
                return Version(self, generation, self._index(generation).searcher())
            except (EmptyIndexError, OSError):
                newer = current_generation(self.index_dir)
                if newer == generation:
                    raise
                generation = newer

    def open_at(self, generation: str | None, commit: int) -> Version | None:
        try:
            index = self._index(generation)
            if Path(index.storage.folder).name != generation:
                return None  # a rebuild has replaced the generation
            toc = TOC.read(index.storage, index.indexname, gen=commit, schema=index._schema)
            return self._opened_at(index, generation, toc)
        except (EmptyIndexError, OSError):
            return None

    def latest_commit(self, generation: str) -> int:
        try:
            return self._index(generation).latest_generation()
        except _GONE as error:
            raise VersionGone(generation) from error

    def open_many(self, generation: str, count: int) -> list[Version]:
        try:
            index = self._index(generation)
            toc = TOC.read(index.storage, index.indexname, schema=index._schema)
        except _GONE as error:
            raise VersionGone(generation) from error
        versions: list[Version] = []
        try:
            for _ in range(count):
                versions.append(self._opened_at(index, generation, toc))
        except _GONE as error:
            for version in versions:
                version.close()
            raise VersionGone(generation) from error
        return versions

    def collection(self, version: Version) -> Collection:
        """The arrays of `version`, read by the first thread that needs them; read again when
        arrays it lacked have been written since (`izde index` adds them to an old index)."""
        key = version.key
        collection = self._collections.get(key)
        if collection is None or (not collection.complete and collection.outdated()):
            folder = self.index_dir / (version.generation or "")
            collection = Collection(version.searcher, FACETS, folder)
            with self._lock:
                self._collections[key] = collection
                for old in sorted(self._collections)[: -self.KEPT]:
                    del self._collections[old]
        return collection

    def _opened_at(self, index: FileIndex, generation: str | None, toc: TOC) -> Version:
        reader = FileIndex._reader(index.storage, toc.schema, toc.segments, toc.generation)
        return Version(self, generation, Searcher(reader, fromindex=index))

    def _index(self, generation: str | None) -> FileIndex:
        # The name and its index are kept as one tuple, so threads that reopen at the same time
        # can never pair a generation's name with another generation's index.
        opened = self._opened
        if opened is None or opened[0] != generation:
            opened = (generation, open_index(self.index_dir))
            self._opened = opened
        return opened[1]
