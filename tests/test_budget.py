"""The cost budget of a search (search.budget): whatever a query looks like, one request does
at most about ten plain searches' work, counted (expanded terms, posting lists, postings), not
timed; what is refused says what to narrow, and what is cut short says so."""

from __future__ import annotations

import threading
from contextlib import suppress
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from helpers import CORPUS

from search.budget import TERM_COST, Budget, ClientSlots, QueryTooCostly
from search.config import Settings
from search.library import Library

# The letters a Kazakh or Russian word may start with: the 113-character query.
LETTERS = "а б в г д е ж з и к л м н о п р с т у ф х ц ч ш щ э ю я ә ғ қ ң ө ұ ү һ і ы".split()
ORDINARY = [
    "библиотека",
    "кітапханашылар семинар",
    "mentoring rural libraries",
    '"сельских библиотек"',
    "цифрлан*",
    "наставничество lang:ru",
]
WORDS = " ".join(
    word for word in (CORPUS / "ru-2023-forum-molodyh-bibliotekarey.txt").read_text("utf-8").split()
)
ATTACKS = {
    "38 prefixes": " ".join(f"{letter}*" for letter in LETTERS),
    "38 two-letter prefixes": " ".join(f"{letter}а*" for letter in LETTERS),
    "a range": "[а TO я]",
    "ranges in three fields": "title:[а TO я] body_ru:[а TO я] body_kk:[а TO я]",
    "open ranges": "[TO я] OR [а TO]",
    "wildcards": "*а* б*б *и* к*",
    "a long OR": " OR ".join(["библиотека", "кітапхана", "library", "семинар"] * 60)[:1000],
    "a pasted report": WORDS[:1000],
    "many phrases": " OR ".join(f'"{a} {b}"' for a, b in pairwise(LETTERS))[:1000],
    "prefixes in every field": " ".join(
        f"{field}:{letter}*" for field in ("words", "path", "title") for letter in "абв"
    ),
}


def cost(library: Library, text: str, budget: Budget | None = None) -> int:
    """The counted work of one search, refused or not."""
    budget = budget or Budget(library.settings)
    with suppress(QueryTooCostly):
        library.search(text, budget=budget)
    return budget.work.total()


@pytest.fixture(scope="module")
def plain(corpus_library: Library) -> int:
    """The work of the dearest ordinary search."""
    return max(cost(corpus_library, text) for text in ORDINARY)


@pytest.mark.parametrize("name", ATTACKS)
def test_a_request_costs_at_most_ten_plain_searches(
    corpus_library: Library, plain: int, name: str
) -> None:
    assert cost(corpus_library, ATTACKS[name]) <= 10 * plain


def test_without_the_budget_the_worst_query_costs_far_more(
    corpus_library: Library, plain: int
) -> None:
    """The measure tells the attack from a plain search: unbudgeted, it reads the lexicon.
    (About 1.24 million units against 42,710 for the dearest ordinary search, which counts
    each word of a thesaurus term with its own translations for partial matches: 29 times.)"""
    assert cost(corpus_library, ATTACKS["38 prefixes"], Budget.unlimited()) > 25 * plain


def test_a_prefix_for_too_many_words_is_refused_before_any_posting_is_read(
    corpus_library: Library,
) -> None:
    budget = Budget(corpus_library.settings)
    with pytest.raises(QueryTooCostly) as refused:
        corpus_library.search("words:п*", budget=budget)  # 260 words of the corpus
    assert refused.value.reason == "too_broad" and refused.value.part == "п*"
    assert refused.value.limit == corpus_library.settings.max_expansion_terms == 200
    assert budget.work.terms == budget.work.postings == 0
    assert budget.work.scanned == 201
    narrower = Settings(index_dir=corpus_library.settings.index_dir, max_expansion_terms=100)
    with pytest.raises(QueryTooCostly) as refused:
        Library(narrower).search("п*")  # 168 words in the Russian field
    assert refused.value.part == "п*" and refused.value.limit == 100


def test_ranges_are_refused_by_what_they_stand_for(corpus_library: Library) -> None:
    with pytest.raises(QueryTooCostly) as refused:
        corpus_library.search(ATTACKS["ranges in three fields"])
    assert refused.value.reason == "too_broad" and refused.value.part == "[а TO я]"
    # A narrow range is a query like any other.
    assert corpus_library.search("[библиотека TO библиотекам]").total > 0


def test_prefixes_together_have_a_cap(corpus_library: Library) -> None:
    settings = Settings(index_dir=corpus_library.settings.index_dir, max_expansion_total=200)
    Library(settings).search("к*")
    with pytest.raises(QueryTooCostly) as refused:
        Library(settings).search("к* п*")
    assert refused.value.reason == "too_many_prefixes" and refused.value.limit == 200


def test_expansions_are_computed_once_for_every_pass(corpus_library: Library) -> None:
    """The AND pass, the OR fallback and the marking of hits all use one expansion."""
    budget = Budget(corpus_library.settings)
    result = corpus_library.search("цифрлан* zzzqqq", budget=budget)
    assert result.fallback and result.total > 0
    assert budget.work.scanned == budget.work.expanded > 0
    once = Budget(corpus_library.settings)
    corpus_library.search("цифрлан*", budget=once)
    assert budget.work.scanned == once.work.scanned


def test_a_query_of_too_many_words_is_refused_before_it_is_parsed(corpus_library: Library) -> None:
    words = WORDS.split()
    # Operators are no words: 64 words ORed are searched (given the posting lists they need).
    roomy = Library(replace(corpus_library.settings, max_query_terms=10_000))
    assert roomy.search(" OR ".join(words[:64]), limit=1).total > 0
    budget = Budget(corpus_library.settings)
    with pytest.raises(QueryTooCostly) as refused:
        corpus_library.search(" ".join(words[:65]), budget=budget)
    assert refused.value.reason == "too_many_words" and refused.value.limit == 64
    assert budget.work.total() == 0


def test_too_many_words_are_refused_before_the_search_runs(corpus_library: Library) -> None:
    settings = Settings(index_dir=corpus_library.settings.index_dir, max_query_terms=30)
    budget = Budget(settings)
    with pytest.raises(QueryTooCostly) as refused:
        Library(settings).search("библиотека семинар кітапхана library", budget=budget)
    assert refused.value.reason == "too_many_words"
    assert budget.work.postings == 0


class Clock:
    """A clock that passes the deadline after `ticks` readings."""

    def __init__(self, ticks: int) -> None:
        self.ticks = ticks

    def __call__(self) -> float:
        self.ticks -= 1
        return 0.0 if self.ticks >= 0 else 1e9


def test_out_of_time_returns_what_was_found_so_far(corpus_library: Library) -> None:
    text = "библиотека OR mentoring OR кітапхана"
    whole = corpus_library.search(text)
    budget = Budget(corpus_library.settings, clock=Clock(4))
    cut = corpus_library.search(text, budget=budget)
    assert cut.truncated and not whole.truncated
    assert 0 < cut.total < whole.total
    assert {hit.path for hit in cut.hits} <= {
        hit.path for hit in corpus_library.search(text, limit=100).hits
    }


def test_out_of_time_with_nothing_found_is_refused(corpus_library: Library) -> None:
    with pytest.raises(QueryTooCostly) as refused:
        corpus_library.search("библиотека", budget=Budget(corpus_library.settings, clock=Clock(1)))
    assert refused.value.reason == "too_slow"


def test_work_beyond_the_allowance_is_not_done(corpus_library: Library) -> None:
    text = "библиотека OR library OR кітапхана OR семинар"
    whole = Budget(corpus_library.settings)
    corpus_library.search(text, budget=whole)
    budget = Budget(corpus_library.settings, max_work=whole.work.total() // 3)
    assert corpus_library.search(text, budget=budget).truncated
    # It stops at the first posting list read beyond the allowance.
    assert budget.work.terms < whole.work.terms
    with corpus_library.version() as version:
        one_term = TERM_COST + version.size()
    assert budget.work.total() <= budget.max_work + one_term


def test_a_client_runs_one_expensive_query_at_a_time(corpus_index: Path) -> None:
    """Expensive: reading more than half the posting lists a search may (47 of 60 here; the
    two-word query reads 27)."""
    library = Library(Settings(index_dir=corpus_index, max_query_terms=60))
    expensive = "кітапханашылар семинар библиотекарей"
    with library.slots.hold("192.0.2.1"):
        with pytest.raises(QueryTooCostly) as refused:
            library.search(expensive, client="192.0.2.1")
        assert refused.value.reason == "busy" and refused.value.status == 429
        # Another client, a plain query, or a caller without a client are not held up.
        assert library.search(expensive, client="192.0.2.2").total > 0
        assert library.search("кітапханашылар семинар", client="192.0.2.1").total > 0
        assert library.search(expensive).total > 0
    assert library.search(expensive, client="192.0.2.1").total > 0


def test_client_slots_count_clients_and_the_server() -> None:
    slots = ClientSlots(per_client=1, total=2)
    with slots.hold("a"), slots.hold("b"), pytest.raises(QueryTooCostly):
        slots.hold("c").__enter__()
    with slots.hold("a"):
        pass  # released after an error too
    errors: list[Exception] = []

    def take() -> None:
        try:
            with slots.hold("a"):
                pass
        except QueryTooCostly as error:
            errors.append(error)

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with slots.hold("a"), slots.hold("b"):
        pass  # every slot came back


def test_control_characters_are_not_searched_or_echoed(corpus_library: Library) -> None:
    result = corpus_library.search("\u202eбиблиотека\x00 семинар\u200f")
    assert result.query == "библиотека  семинар"
    assert result.total > 0
    misspelled = corpus_library.search("библиотека\x00семинарр")
    assert "\x00" not in misspelled.query
    assert misspelled.suggestion is None or "\x00" not in misspelled.suggestion
