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

from search.engine.reading import Version, VersionGone
from search.errors import QueryError

if TYPE_CHECKING:
    from search.library import Library

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
        generation = library.index.live_generation()
        if generation is None:
            return False
        try:
            if library.live == (generation, library.index.latest_commit(generation)):
                return False
            # One for warming, and one for each thread to move to it: opened now, while the
            # version's files are all there (the next commit may delete some).
            versions = library.index.open_many(generation, library.settings.threads + 1)
        except VersionGone:
            return False  # switched or deleted meanwhile: the next look finds the new one
        first = versions[0]
        live = (generation, first.key[1])
        if live == library.live:
            for version in versions:
                version.close()
            return False
        with library.pinned(first):
            try:
                warm(library, first)
            finally:
                first.close()
        library.make_live(live, versions[1:])
        return True


def warm(library: Library, version: Version) -> None:
    """Build what the first queries on a version would: its arrays and facet masks, every text
    field's lengths, the spelling vocabulary, and the postings of the recent queries."""
    version.warm()
    library._vocabulary(version)
    for text in list(library.recent):
        with suppress(QueryError):
            library.search(text)
