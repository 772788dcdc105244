"""The library: searches and documents over the live index version, for the web and the CLI.

A query word is looked up in the title and in every per-language body field, each through its
own analyzer, so «кітапханалардың», «библиотекарей» and "mentoring" need no language guess.
A word also matches its other scripts' spellings (cross-script keys: «Торайғыров» finds
"Toraigyrov") and, unless turned off, its translations from the thesaurus («наставничество»
finds «тәлімгерлік» and "mentoring"), both at lower weights, so that reports with the words as
typed rank first. Reports with every word come first; then, labelled, those with most of the
words (search.coverage), and the counts say how many are which. Facet counts (language, year,
event type, format) come with every result, and one document can be read whole with the query's
words marked.

The index is read through the engine seam (search.engine): queries are Izde's tree, results
arrays over the version's documents.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict
from functools import partial
from typing import TYPE_CHECKING, Any

from search.analysis import WORD
from search.budget import Budget, ClientSlots
from search.config import Settings
from search.coverage import Counts
from search.engine import engine
from search.engine import tree as t
from search.engine.reading import Found, Request, Version
from search.errors import QueryError
from search.highlight import Verdicts, find_matches, make_snippet, query_keys
from search.rendering import after_title, section_html
from search.results import DocumentView, Hit, SearchResult, Section
from search.spelling import OPERATORS, only_typos, spelling_vocabulary, suggest
from search.thesaurus import thesaurus

if TYPE_CHECKING:
    from search.warm import Warmer

SORTS = ("relevance", "date")
# Hits on one page of results; in one list to take away (search.export), without snippets.
MAX_LIMIT = 100
EXPORT_LIMIT = 1000


# A lone surrogate: what Python makes of bytes that are not UTF-8 in a command's argument.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters (NUL, line breaks …), which part words, and invisible format characters
# (bidi overrides, zero-width spaces and joiners, soft hyphens), which no indexed word has:
# echoed back, they hide or reorder what the page shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_FORMAT = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def cleaned(text: str) -> str:
    """A query without control characters (each a space) and invisible format characters."""
    return _FORMAT.sub("", _CONTROL.sub(" ", text))


class Library:
    """An open index that follows the live generation: a newer one is picked up on next search,
    or, once `start_warming` is called, when search.warm has made it ready."""

    # Recent queries, run on a new version to warm its caches (see search.warm).
    RECENT = 16

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.index = engine().index(settings.index_dir)
        self.parser = engine().parser
        self._local = threading.local()
        # Each version's spelling vocabulary, read once and shared by all threads (see
        # _vocabulary); the index keeps its arrays likewise.
        self._vocabularies: dict[tuple[str, int], list[str]] = {}
        # The version (generation, commit) every thread searches, once a Warmer has made one
        # ready; None: each thread opens the newest.
        self.live: tuple[str | None, int] | None = None
        self.recent: deque[str] = deque(maxlen=self.RECENT)
        self.warmer: Warmer | None = None
        # Versions the warmer opened on the live one, for threads to move to it with.
        self._ready: list[Version] = []
        self._ready_lock = threading.Lock()
        self._vocabularies_lock = threading.Lock()
        self.slots = ClientSlots(settings.expensive_per_client, settings.expensive_total)
        # Read now, once per process (0.6 s quiet, seconds on a busy machine), rather than by the
        # first search, whose time it would take: it was refused as too slow.
        thesaurus()

    def start_warming(self) -> None:
        """From now on, move to a new index version only once it is warm (search.warm)."""
        from search.warm import Warmer  # it builds on this class

        self.warmer = Warmer(self).start()

    def make_live(self, live: tuple[str | None, int], versions: list[Version]) -> None:
        """Switch every thread to `live` (warm now), with versions opened on it."""
        with self._ready_lock:
            stale, self._ready = self._ready, list(versions)
            self.live = live
        for version in stale:
            version.close()

    def _take_ready(self, live: tuple[str | None, int]) -> Version | None:
        with self._ready_lock:
            if self.live == live and self._ready:
                return self._ready.pop()
        return None

    @contextmanager
    def pinned(self, version: Version) -> Iterator[None]:
        """Searches of this thread use `version` (one being warmed) meanwhile."""
        before = getattr(self._local, "version", None)
        self._local.version, self._local.pinned = version, True
        try:
            yield
        finally:
            self._local.version, self._local.pinned = before, False

    @contextmanager
    def version(self) -> Iterator[Version]:
        """This thread's version of the live index; each thread (web request) has its own.

        It is kept between searches, because opening one reads every segment's tables and
        keeps the date column for sorting. It is replaced when the live version changes: the
        one `live` names once warming has started, else the newest.
        """
        kept: Version | None = getattr(self._local, "version", None)
        live = self.live
        if getattr(self._local, "pinned", False):
            pass
        elif live is not None:
            # Older than the live version: replaced. (Newer: this thread opened the newest when
            # the live one had gone, and stays there.)
            if kept is None or kept.key < (live[0] or "", live[1]):
                fresh = self._take_ready(live) or self.index.open_at(*live)
                # The live commit is gone (a later one replaced it): a thread keeps the version
                # it has (warm), and one without opens the newest.
                fresh = fresh or kept or self.index.open(self.index.live_generation())
                if kept is not None and fresh is not kept:
                    kept.close()
                self._local.version = kept = fresh
        elif (
            kept is None or kept.generation != self.index.live_generation() or not kept.up_to_date()
        ):
            fresh = self.index.open(self.index.live_generation())
            if kept is not None:
                kept.close()
            self._local.version = kept = fresh
        assert kept is not None
        yield kept

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        year: str | None = None,
        type: str | None = None,
        format: str | None = None,
        sort: str = "relevance",
        page: int = 1,
        limit: int = 10,
        expand: bool = True,
        client: str | None = None,
        budget: Budget | None = None,
        export: bool = False,
        respell: bool = True,
    ) -> SearchResult:
        """Run a user query; raises QueryError with a helpful message for an unusable one.

        A query finds its words in every script and, with `expand`, their translations from the
        thesaurus; reports with the words as typed rank first, then those with the words in
        another script, then those with translations only (see the engine's parser).
        `lang`, `year`, `type` (event type) and `format` filter the hits. The result's facets
        count, for each of them, the reports that match the query and the *other* filters: the
        language facet of a search filtered to 2021 shows how many 2021 reports each language
        has, including languages not chosen now, so a user can switch or widen a filter without
        first clearing it.

        When no report has every word, the query's unknown words are respelled from the
        index's vocabulary (search.spelling). With `respell`, if the words respelled are typos
        (no dictionary knows them) and some report has every word of the respelling, those are
        the results (`respelled_from` says what was typed, and the caller offers the query as
        typed); otherwise the respelling is a suggestion.

        The search keeps to its budget (search.budget): a query that would cost more than
        about ten plain searches is refused (QueryTooCostly) or cut short (`truncated`); an
        expensive one from `client` waits for none, and is refused while the same client runs
        another. A caller that passes its own `budget` can read the work done from it.
        With `export`, a page may hold up to EXPORT_LIMIT hits, without snippets or a
        suggestion: the list to take away (search.export), for the cost of one search.
        """
        text = self._checked(text)
        if sort not in SORTS:
            raise QueryError("sort")
        if page < 1 or not 1 <= limit <= (EXPORT_LIMIT if export else MAX_LIMIT):
            raise QueryError("paging")
        chosen = {
            name: value
            for name, value in (("lang", lang), ("year", year), ("type", type), ("format", format))
            if value
        }
        with self.version() as version, ExitStack() as held:
            budget = self._budget(version, budget)
            budget.check_words(sum(w not in OPERATORS for w in WORD.findall(text)))
            if client is not None:
                budget.on_expensive = lambda: held.enter_context(self.slots.hold(client))
            request = partial(
                self._found,
                version,
                budget,
                chosen=chosen,
                sort=sort,
                page=page,
                limit=limit,
                expand=expand,
                export=export,
            )
            result = request(text)
            if not result.counts["full"] + result.counts["translated"] and not export:
                suggestion = suggest(version, text, self._vocabulary(version), budget)
                respelled = None
                if suggestion and respell and only_typos(text, suggestion):
                    with suppress(QueryError):  # a respelling too costly to run stays a suggestion
                        respelled = request(suggestion)
                if respelled and respelled.counts["full"] + respelled.counts["translated"]:
                    result, respelled.respelled_from = respelled, text
                else:
                    result.suggestion = suggestion
        # Kept to warm the next version with (search.warm): the cheap ones only.
        if not (budget.expensive or budget.truncated) and text not in self.recent:
            self.recent.append(text)
        return result

    def _found(
        self,
        version: Version,
        budget: Budget,
        text: str,
        *,
        chosen: dict[str, str],
        sort: str,
        page: int,
        limit: int,
        expand: bool,
        export: bool,
    ) -> SearchResult:
        """One search of `text` in `version` (see search), without a respelling."""
        parsed = self.parser(self.settings, expand=expand).clauses(text)
        query = _checked_query(parsed.query)
        found = version.search(Request(query, parsed.clauses, chosen, sort, page, limit), budget)
        if found.counts == Counts(0, 0, 0) and budget.truncated:
            raise budget.nothing_found()
        keys = None if export else query_keys(query, version.has_term, budget, version.expand)
        judged: Verdicts = {}
        counts = found.counts
        return SearchResult(
            query=text,
            total=counts.full + counts.translated + counts.partial,
            hits=[self._hit(version, hit, keys, judged) for hit in found.hits],
            counts=asdict(counts),
            fallback=counts.partial > 0 and not counts.full + counts.translated,
            page=found.page,
            limit=limit,
            facets=found.facets,
            truncated=budget.truncated,
        )

    def document(
        self, doc_id: str, query: str | None = None, expand: bool = True
    ) -> DocumentView | None:
        """The document with this id, its text split at PDF pages; None when there is none.

        The words of `query` (expanded as in `search`) are marked as in snippets; an unusable
        query just marks nothing, since the document is what the reader asked for.
        """
        with self.version() as version:
            fields = _find_document(version, doc_id)
            if fields is None:
                return None
            marks: list[tuple[int, int]] = []
            if query:
                with suppress(QueryError):
                    parsed = _checked_query(
                        self.parser(self.settings, expand=expand).tree(self._checked(query))
                    )
                    budget = self._budget(version)
                    budget.plan(parsed, version.expand)
                    keys = query_keys(parsed, version.has_term, budget, version.expand)
                    marks = find_matches(fields["content"], fields["spans"], keys)
        content = fields["content"]
        pages = fields.get("pages") or []
        starts = [0, *pages[1:]] if pages else [0]
        ends = [*starts[1:], len(content)]
        return DocumentView(
            id=fields.get("id", fields["path"]),  # an index from before sources: its path
            path=fields["path"],
            title=fields["title"],
            lang=fields["lang"],
            languages=[lang for lang in fields["languages"].split(",") if lang],
            author=fields.get("author") or "",
            date=fields["date"] or None,
            format=fields["format"],
            event=[name for name in fields.get("event", "").split(",") if name],
            size=fields["size"],
            matches=len(marks),
            sections=[
                Section(
                    page=number if pages else None,
                    html=section_html(
                        content,
                        marks,
                        start,
                        end,
                        fields.get("blocks") or [],
                        reflow=fields["format"] == "pdf",
                    ),
                )
                for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1)
            ],
            source=fields["source"],
            root=fields.get("root", ""),
            hidden=fields.get("hidden") == "1",
            found={
                "title": (fields.get("auto") or {}).get("title") or fields["title"],
                "date": (fields.get("auto") or {}).get("date", fields["date"]),
                "author": (fields.get("auto") or {}).get("author", fields.get("author") or ""),
            },
        )

    def stored(self, doc_id: str) -> dict[str, Any] | None:
        """The stored fields of a document (its `source` file, `format` …), or None."""
        with self.version() as version:
            return _find_document(version, doc_id)

    def _checked(self, text: str) -> str:
        # A surrogate cannot be encoded for the index or the stemmers, and no indexed word has one.
        text = cleaned(_SURROGATE.sub("\ufffd", text)).strip()
        if not text:
            raise QueryError("empty")
        if len(text) > self.settings.max_query_chars:
            raise QueryError("too_long", length=len(text), limit=self.settings.max_query_chars)
        return text

    def _budget(self, version: Version, budget: Budget | None = None) -> Budget:
        """A search's budget (a new one unless given), its work allowance sized to the
        version's collection."""
        budget = budget or Budget(self.settings)
        budget.fit(version.size())
        return budget

    def _vocabulary(self, version: Version) -> list[str]:
        """The spelling vocabulary of the version (see suggest), read once per version. The two
        newest are kept: threads still on the old version while a new one is warmed
        (search.warm) do not read it again."""
        kept = self._vocabularies
        found = kept.get(version.key)
        if found is None:
            found = spelling_vocabulary(version)
            with self._vocabularies_lock:
                kept[version.key] = found
                for old in sorted(kept)[:-2]:
                    del kept[old]
        return found

    def _hit(
        self, version: Version, hit: Found, keys: dict[str, set[str]] | None, judged: Verdicts
    ) -> Hit:
        """A hit; with `keys` None (an export), without a snippet or page."""
        fields = version.stored(hit.doc)
        snippet, first = "", None
        if keys is not None:
            marks = find_matches(fields["content"], fields["spans"], keys, judged)
            titles = fields["title"], (fields.get("auto") or {}).get("title", "")
            body = after_title(fields["content"], *titles)
            snippet, first = make_snippet(
                fields["content"], marks, self.settings.snippet_chars, body
            )
        pages = fields.get("pages") or []
        return Hit(
            id=fields.get("id", fields["path"]),  # an index from before sources: its path
            path=fields["path"],
            title=fields["title"],
            lang=fields["lang"],
            date=fields["date"] or None,
            score=None if hit.score is None else round(hit.score, 4),
            snippet=snippet,
            page=bisect_right(pages, first) if pages and first is not None else None,
            format=fields["format"],
            match=hit.match,
            author=fields.get("author") or "",
            event=[name for name in fields.get("event", "").split(",") if name],
        )


def _find_document(version: Version, doc_id: str) -> dict | None:
    """The stored fields of the document with this id; or, for a link from before documents
    had their source's name in their ids, of the one document with this path."""
    found = version.find("id", doc_id)
    if found:
        return found[0]
    found = version.find("path", doc_id)
    return found[0] if len(found) == 1 else None


def _checked_query(query: t.Node) -> t.Node:
    if isinstance(query, t.Nothing) or not list(t.leaves(query)):
        raise QueryError("no_words")
    return query
