"""Reading a Whoosh index: one version (generation and commit) opened by one thread.

`Engine` opens versions of the live generation, also while `izde index` commits and switches
generations under it; `Version` is Izde's read protocol (search.engine.reading) over one
Whoosh searcher.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from whoosh.index import TOC, EmptyIndexError, FileIndex
from whoosh.searching import Searcher

from search.budget import Budget
from search.engine import tree as t
from search.engine.whoosh.ranking import Collection, Scorer, expansion
from search.fields import FACETS
from search.index import IndexMissing, current_generation, open_index

# What opening a version may fail with while a rebuild switches and deletes generations.
GONE = (EmptyIndexError, IndexMissing, OSError)


class Version:
    """One commit of one generation, read through one Whoosh searcher."""

    def __init__(self, generation: str | None, searcher: Searcher, folder: Path) -> None:
        self.generation = generation
        self.searcher = searcher
        self.folder = folder

    @property
    def key(self) -> tuple[str, int]:
        return self.generation or "", self.searcher.reader().generation()

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    def close(self) -> None:
        self.searcher.close()

    def collection(self) -> Collection:
        return Collection(self.searcher, FACETS, self.folder)

    def scorer(self, collection: Collection, budget: Budget) -> Scorer:
        return Scorer(self.searcher, collection, budget)

    def warm(self, collection: Collection) -> None:
        """Read every text field's lengths, as the first query would."""
        for fieldname in collection.fields:
            collection.lengths(self.searcher, fieldname)

    def has_term(self, collection: Collection, field: str, text: str) -> bool:
        return collection.has_term(self.searcher, field, text)

    def knows(self, field: str, text: str) -> bool:
        return (field, text) in self.searcher.reader()

    def doc_frequency(self, field: str, text: str) -> int:
        return self.searcher.reader().doc_frequency(field, text)

    def lexicon(self, field: str) -> Iterator[str]:
        for term in self.searcher.reader().lexicon(field):
            yield term.decode("utf-8")

    def expand(self, query: t.Prefix | t.Range) -> Iterator[str]:
        return expansion(self.searcher.reader(), query)

    def stored(self, docnum: int) -> dict:
        return self.searcher.stored_fields(docnum)

    def find(self, field: str, value: str) -> list[dict]:
        if field not in self.searcher.schema:
            return []
        return list(self.searcher.documents(**{field: value}))

    def numbers(self, field: str, value: str) -> list[int]:
        if field not in self.searcher.schema:
            return []
        return list(self.searcher.document_numbers(**{field: value}))

    def documents(self) -> Iterator[dict]:
        return self.searcher.all_stored_fields()

    def size(self) -> int:
        """Documents in the version, deleted ones included: the length of its arrays."""
        return self.searcher.doc_count_all()


class Engine:
    """Opens versions of the index in `index_dir`: its live generation (the CURRENT file)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._opened: tuple[str | None, FileIndex] | None = None

    def live_generation(self) -> str | None:
        return current_generation(self.index_dir)

    def open(self, generation: str | None) -> Version:
        """A new version on the newest commit of `generation`. A rebuild may switch
        generations and delete the old one between reading CURRENT and the opening; then the
        newer one is opened."""
        while True:
            try:
                index = self._index(generation)
                return Version(generation, index.searcher(), self._folder(index))
            except (EmptyIndexError, OSError):
                newer = current_generation(self.index_dir)
                if newer == generation:
                    raise
                generation = newer

    def open_at(self, generation: str | None, commit: int) -> Version | None:
        """A new version on one commit of `generation`; None when that commit is gone (a later
        one replaced it, or a rebuild the generation)."""
        try:
            index = self._index(generation)
            if Path(index.storage.folder).name != generation:
                return None
            toc = TOC.read(index.storage, index.indexname, gen=commit, schema=index._schema)
            return self._opened_at(index, generation, toc)
        except (EmptyIndexError, OSError):
            return None

    def latest_commit(self, generation: str) -> int:
        """The newest commit of `generation`; raises one of GONE when it is gone."""
        return self._index(generation).latest_generation()

    def open_many(self, generation: str, count: int) -> list[Version]:
        """`count` versions on the newest commit of `generation`, all on the same one (for
        warming one and handing the others to threads); raises one of GONE."""
        index = self._index(generation)
        toc = TOC.read(index.storage, index.indexname, schema=index._schema)
        versions: list[Version] = []
        try:
            for _ in range(count):
                versions.append(self._opened_at(index, generation, toc))
        except BaseException:
            for version in versions:
                version.close()
            raise
        return versions

    def _opened_at(self, index: FileIndex, generation: str | None, toc: TOC) -> Version:
        reader = FileIndex._reader(index.storage, toc.schema, toc.segments, toc.generation)
        return Version(generation, Searcher(reader, fromindex=index), self._folder(index))

    def _folder(self, index: FileIndex) -> Path:
        return Path(index.storage.folder)

    def _index(self, generation: str | None) -> FileIndex:
        # The name and its index are kept as one tuple, so threads that reopen at the same time
        # can never pair a generation's name with another generation's index.
        opened = self._opened
        if opened is None or opened[0] != generation:
            opened = (generation, open_index(self.index_dir))
            self._opened = opened
        return opened[1]
