"""The cost budget of one search: what a request may spend, counted as it is spent.

A query of a few characters can ask for a great deal: `а*` stands for every word that starts
with «а», `[а TO я]` for most of the vocabulary, and a thousand characters of «… OR …» for
hundreds of words in every field and script. Whatever a query looks like, one request may cost
about ten plain searches, and no more:

- each prefix or range is expanded to the terms it stands for once per request, before any
  scoring, and the expansions are kept for every later pass (the OR fallback, the marking of
  hits); one that stands for more than `max_expansion_terms` terms refuses the query
  (`QueryTooCostly`, reason "too_broad", naming the part to narrow), and so do all of them
  together for more than `max_expansion_total` ("too_many_prefixes");
- a query of more than `max_query_words` words is refused before it is parsed, and the posting
  lists a pass will read are counted before it runs: more than `max_query_terms` refuses the
  query ("too_many_words"; a later pass is skipped instead);
- the work is counted as it is done (`Work`: posting lists, postings, lexicon entries, matcher
  steps, each weighed by what it costs), against ten plain searches' worth for the collection
  (`Budget.fit`), and the clock against `search_seconds`: once either is spent, the terms not
  yet read count as absent, the result is what was found so far and says it is `truncated`,
  and a search that found nothing by then is refused (reason "too_slow");
- a client may run `expensive_per_client` expensive queries at a time, and all clients
  together `expensive_total`, so that broad queries never hold every server thread
  (`ClientSlots`; reason "busy").

`Work` keeps the counts, so tests and benchmarks compare requests by work done, not by time.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from search.config import Settings
from search.engine import tree as t
from search.errors import QueryError

# What reads the keys a prefix or range stands for from an index version, in order.
Expansion = Callable[[t.Prefix | t.Range], Iterator[str]]

# The cost of each kind of work, in postings (a posting read costs 1). Measured on 2 cores
# (about 0.35 µs a posting read from its arrays file): a posting list read into arrays over the
# collection, 60–110 µs whatever its length; a lexicon entry read to expand a prefix or range,
# 4–5 µs; a posting stepped through by an engine's own matcher, about 70 µs.
TERM_COST = 300
SCAN_COST = 15
MATCH_COST = 200
# A plain search of two or three words reads about this many posting lists (21 and 32 at 2,000
# reports, with the words' other scripts and translations), and postings per document of the
# collection (4.9 at 2,000 reports: a common word is in most reports, in titles too, and under
# its other-script keys).
PLAIN_TERMS = 30
POSTINGS_PER_PLAIN = 5
# How many plain searches one request may cost.
QUERY_COST = 10
# Unknown words a search respells for its "did you mean" (a query of many is no sentence).
MAX_RESPELLED = 8


class QueryTooCostly(QueryError):
    """A query refused because it would cost more than the budget allows.

    `reason`: "too_broad" (a prefix or range stands for too many words; `part` is it),
    "too_many_prefixes" (all of them together do), "too_many_words", "too_slow" (nothing found
    within the time allowed) or "busy" (the client already runs an expensive query); `limit`
    is the limit that was reached.
    """

    def __init__(self, reason: str, part: str = "", limit: float = 0) -> None:
        super().__init__(reason, part=part, limit=limit)
        self.part = part
        self.limit = limit
        # What an HTTP interface answers: 429 for a client to retry, else 400.
        self.status = 429 if reason == "busy" else 400


@dataclass
class Work:
    """Work done by one request, counted: the measure of its cost."""

    # Lexicon entries read to expand prefixes and ranges, and the terms they gave.
    scanned: int = 0
    expanded: int = 0
    # Posting lists read (terms scored) and the postings in them.
    terms: int = 0
    postings: int = 0
    # Postings stepped through one by one (an engine's own matchers, where arrays are missing).
    matched: int = 0
    # Unknown words looked up in the whole vocabulary for a "did you mean".
    respelled: int = 0

    def total(self) -> int:
        """A request's cost as one number, in postings: each kind of work weighed by its cost."""
        return (
            self.postings
            + TERM_COST * self.terms
            + SCAN_COST * self.scanned
            + MATCH_COST * self.matched
        )


def plain_cost(size: int) -> int:
    """What a plain search costs in a collection of `size` documents (see Work.total)."""
    return PLAIN_TERMS * TERM_COST + POSTINGS_PER_PLAIN * size


def describe(query: t.Prefix | t.Range) -> str:
    """A prefix or range as the user typed it, for a message."""
    if isinstance(query, t.Range):
        opening = "{" if query.startexcl else "["
        closing = "}" if query.endexcl else "]"
        return f"{opening}{query.start or ''} TO {query.end or ''}{closing}"
    return f"{query.text}*"


class Budget:
    """What one search may still spend; shared by every pass of the search.

    `clock` is a monotonic clock (tests pass their own). `on_expensive` is called once, when
    the search turns out to be expensive (see `plan`), before it does the expensive work: the
    web app takes one of the client's slots there (ClientSlots).
    """

    def __init__(
        self,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
        max_work: int | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.deadline = clock() + settings.search_seconds
        # A given allowance stays; else `fit` sizes it to the collection.
        self.fixed = max_work is not None
        self.max_work = QUERY_COST * plain_cost(0) if max_work is None else max_work
        self.work = Work()
        self.truncated = False
        self.expensive = False
        self.on_expensive: Callable[[], object] | None = None
        self._expansions: dict[tuple[object, ...], list[str]] = {}

    def fit(self, size: int) -> None:
        """Allow ten plain searches' work in a collection of `size` documents."""
        if not self.fixed:
            self.max_work = QUERY_COST * plain_cost(size)

    @classmethod
    def unlimited(cls) -> Budget:
        """A budget that never runs out: for comparing scores with an engine's own."""
        huge = 2**62
        settings = Settings(
            index_dir=Path(),  # never read
            max_expansion_terms=huge,
            max_expansion_total=huge,
            max_query_terms=huge,
            max_query_words=huge,
            search_seconds=float("inf"),
        )
        return cls(settings, max_work=huge)

    def expand(self, query: t.Prefix | t.Range, expansion: Expansion) -> list[str]:
        """The keys a prefix or range stands for (`expansion` reads them), read once per
        search: the same prefix in the same field, whichever pass asks.

        Raises QueryTooCostly when it stands for more than `max_expansion_terms` terms, or
        when all expansions of the search together would exceed `max_expansion_total`.
        """
        key = (type(query), query.field, *_bounds(query))
        found = self._expansions.get(key)
        if found is not None:
            return found
        each = self.settings.max_expansion_terms
        found = []
        for text in expansion(query):
            self.work.scanned += 1
            if text:
                found.append(text)
            if len(found) > each:
                raise QueryTooCostly("too_broad", describe(query), each)
        total = self.settings.max_expansion_total
        if self.work.expanded + len(found) > total:
            raise QueryTooCostly("too_many_prefixes", describe(query), total)
        self.work.expanded += len(found)
        self._expansions[key] = found
        return found

    def terms(self, leaf: t.Node, expansion: Expansion) -> Iterator[tuple[str, str]]:
        """The (field, key) pairs a leaf of a query asks for, prefixes and ranges from this
        search's expansions."""
        if isinstance(leaf, t.Prefix | t.Range):
            for text in self.expand(leaf, expansion):
                yield leaf.field, text
        elif isinstance(leaf, t.Term):
            yield leaf.field, leaf.text
        elif isinstance(leaf, t.Phrase):
            for slot in leaf.slots:
                for text in slot:
                    yield leaf.field, text

    def check_words(self, count: int) -> None:
        """Refuse a query of more than `max_query_words` words before it is parsed."""
        limit = self.settings.max_query_words
        if count > limit:
            raise QueryTooCostly("too_many_words", limit=limit)

    def plan(self, query: t.Node, expansion: Expansion) -> bool:
        """Expand the prefixes and ranges of a pass's (pruned) query and count the posting lists
        it will read, before it runs. Raises QueryTooCostly when the first pass would read more
        than `max_query_terms`; a later pass (the OR fallback) that could not finish within the
        budget is not run (False), and the result is marked truncated."""
        terms = 0
        for leaf in t.leaves(query):
            if isinstance(leaf, t.Prefix | t.Range):
                terms += len(self.expand(leaf, expansion))
            elif isinstance(leaf, t.Phrase):
                terms += sum(len(slot) for slot in leaf.slots) or 1
            else:
                terms += 1
        limit = self.settings.max_query_terms
        if self.work.terms and self.work.total() + TERM_COST * terms > self.max_work:
            self.truncated = True
            return False
        if terms > limit:
            raise QueryTooCostly("too_many_words", limit=limit)
        # Half the allowance, five plain searches' posting lists, makes a search expensive.
        if terms > limit // 2:
            self._expensive()
        return True

    def _expensive(self) -> None:
        if not self.expensive:
            self.expensive = True
            if self.on_expensive is not None:
                self.on_expensive()

    def spent(self) -> bool:
        """Whether the search has used its time or its work; from then on it reads
        nothing more, and its result is marked truncated."""
        if not self.truncated and (
            self.work.total() > self.max_work or self.clock() > self.deadline
        ):
            self.truncated = True
        return self.truncated

    def may_respell(self) -> bool:
        """Whether one more unknown word may be respelled (each is compared with the whole
        vocabulary): `MAX_RESPELLED` a search, while it has time."""
        if self.work.respelled >= MAX_RESPELLED or self.spent():
            return False
        self.work.respelled += 1
        return True

    def read_term(self, postings: int) -> None:
        self.work.terms += 1
        self.work.postings += postings

    def nothing_found(self) -> QueryTooCostly:
        """The refusal of a search that ran out before it found anything."""
        return QueryTooCostly("too_slow", limit=self.settings.search_seconds)


class ClientSlots:
    """How many expensive queries each client, and all clients together, run at once."""

    def __init__(self, per_client: int, total: int) -> None:
        self.per_client = per_client
        self.total = total
        self._running: Counter[str] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def hold(self, client: str) -> Iterator[None]:
        """A slot for one expensive query of `client`; QueryTooCostly ("busy") when the
        client, or the server, already runs as many as allowed."""
        with self._lock:
            if (
                self._running[client] >= self.per_client
                or sum(self._running.values()) >= self.total
            ):
                raise QueryTooCostly("busy")
            self._running[client] += 1
        try:
            yield
        finally:
            with self._lock:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]


def _bounds(query: t.Prefix | t.Range) -> tuple[object, ...]:
    if isinstance(query, t.Range):
        return (query.start, query.end, query.startexcl, query.endexcl)
    return (query.text,)
