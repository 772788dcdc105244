"""Warm before switching: a new index version is made ready in the background, and queries move
to it only when it is.

The first queries on a new version built its facet masks (a pass over every document's
language, year, type and format), read each field's lengths, the spelling vocabulary and the
postings of common words: under eight clients, p99 went from 340 ms to over a second each time
`izde index` committed. A `Warmer` watches for a newer version (a new generation, or a commit to
the live one), opens it in its own thread, builds all of that and runs the recent queries on it
(their postings then are in the cache), and only then makes it the version every thread of the
Library searches (`Library.live`). Until then queries go on with the version they have.
"""

from __future__ import annotations

import logging
import threading
import weakref
from contextlib import suppress
from typing import TYPE_CHECKING

from whoosh.index import TOC, EmptyIndexError, FileIndex
from whoosh.searching import Searcher

from search.errors import QueryError
from search.generations import IndexMissing, current_generation

if TYPE_CHECKING:
    from search.query import Library

log = logging.getLogger(__name__)

# Seconds between looks for a newer version: `izde index` commits a batch every few seconds.
INTERVAL = 0.5


class Warmer:
    """Warms each new version of a Library's index, then switches the Library to it.

    It holds the Library weakly: the thread ends when the Library is gone, or on `stop`.
    """

    def __init__(self, library: Library, interval: float = INTERVAL) -> None:
        self._library = weakref.ref(library)
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Warmer:
        """Warm the current version now, then watch for newer ones in a daemon thread."""
        self.warm_once()
        self._thread = threading.Thread(target=self._run, name="izde-warmer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self._library() is None:
                return
            try:
                self.warm_once()
            except Exception:  # the next look tries again; queries go on meanwhile
                log.exception("warming a new index version failed")

    def warm_once(self) -> bool:
        """Warm the newest version if it is not the live one yet, then make it live; True
        when it switched."""
        library = self._library()
        if library is None:
            return False
        generation = current_generation(library.settings.index_dir)
        if generation is None:
            return False
        try:
            index = library._index(generation)
            if library.live == (generation, index.latest_generation()):
                return False
            # One for warming, and one for each thread to move to it: opened now, while the
            # version's files are all there (the next commit may delete some).
            searchers = open_searchers(index, library.settings.threads + 1)
        except (EmptyIndexError, IndexMissing, OSError):
            return False  # switched or deleted meanwhile: the next look finds the new one
        version = (generation, searchers[0].reader().generation())
        if version == library.live:
            for searcher in searchers:
                searcher.close()
            return False
        with library.pinned(generation, searchers[0]), searchers[0]:
            warm(library, searchers[0])
        library.make_live(version, searchers[1:])
        return True


def open_searchers(index: FileIndex, count: int) -> list[Searcher]:
    """`count` searchers on the newest commit of `index`, all on the same one."""
    toc = TOC.read(index.storage, index.indexname, schema=index._schema)
    searchers: list[Searcher] = []
    try:
        for _ in range(count):
            reader = FileIndex._reader(index.storage, toc.schema, toc.segments, toc.generation)
            searchers.append(Searcher(reader, fromindex=index))
    except BaseException:
        for searcher in searchers:
            searcher.close()
        raise
    return searchers


def warm(library: Library, searcher: Searcher) -> None:
    """Build what the first queries on a version would: its arrays and facet masks, every text
    field's lengths, the spelling vocabulary, and the postings of the recent queries."""
    collection = library._collection(searcher)
    for fieldname in collection.fields:
        collection.lengths(searcher, fieldname)
    library._vocabulary(searcher)
    for text in list(library.recent):
        with suppress(QueryError):
            library.search(text)
