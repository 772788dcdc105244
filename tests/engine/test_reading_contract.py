"""The reading contract (search/engine/reading.py, search/engine/tree.py), against the installed
engine: what any engine must do with Izde's query tree, whatever it holds the index in.

The same reports and queries for every engine: which reports each kind of node matches, how a
node's score follows from its children's (the rules in tree.py, exactly), boosts, full and
partial matches and their counts, filters and facets, paging and the date order, stored fields
and the vocabulary, and versions across updates, deletes and rebuilds. An engine whose leaf
scores are not Whoosh's BM25F still passes; that they are is tests/test_ranking.py's business.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search.analysis import analyzer
from search.budget import Budget
from search.config import Settings
from search.coverage import LOOSE, STRICT, Clause
from search.engine import engine
from search.engine import tree as t
from search.engine.reading import Index, Request, Version
from search.indexer import Indexer

REPORTS = {
    "en/seminar.txt": (
        "Library seminar\n\nThe library held a seminar for rural librarians on 24 November 2021. "
        "The seminar ended with a library tour."
    ),
    "en/history.txt": (
        "Local history\n\nA local history exhibition opened at the city library on 3 March 2020."
    ),
    "en/mentors.txt": "Mentors\n\nMentors trained volunteers on 12 May 2022. History was read.",
    "en/undated.txt": "Notes\n\nNotes about the rural library and its history.",
    "ru/seminar.txt": "Семинар\n\nВ библиотеке прошёл семинар для библиотекарей 24 ноября 2021 г.",
    "kk/seminar.txt": "Кітапхана\n\nКітапханада 2019 жылғы 5 наурызда семинар өтті.",
}


def key(word: str, lang: str) -> str:
    """The index key of a word, by Izde's own analysis (the engine only stores keys)."""
    return next(iter(analyzer(lang)(word, mode="query"))).text


def body(word: str, lang: str = "en") -> t.Term:
    return t.Term(f"body_{lang}", key(word, lang))


LIBRARY, SEMINAR, HISTORY, RURAL = (body(w) for w in ("library", "seminar", "history", "rural"))


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("contract")
    for name, text in REPORTS.items():
        path = root / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    settings = Settings(index_dir=root / "index", lock_timeout=0.5)
    assert not Indexer(settings).run([root / "reports"]).failed
    return settings


@pytest.fixture(scope="module")
def index(settings: Settings) -> Index:
    return engine().index(settings.index_dir)


@pytest.fixture
def version(index: Index) -> Iterator[Version]:
    opened = index.open(index.live_generation())
    yield opened
    opened.close()


def scores(version: Version, node: t.Node, **request: object) -> dict[str, float]:
    """Report path -> score of every report `node` matches in full."""
    page = version.search(_request(node, **request), Budget.unlimited())
    return {version.stored(hit.doc)["path"]: hit.score for hit in page.hits}  # type: ignore[misc]


def _request(node: t.Node, **request: object) -> Request:
    return Request(node, [Clause(node, STRICT, [node])], limit=100, **request)  # type: ignore[arg-type]


LEAVES = [
    (LIBRARY, {"en/seminar.txt", "en/history.txt", "en/undated.txt"}),
    (body("библиотека", "ru"), {"ru/seminar.txt"}),
    (body("кітапхана", "kk"), {"kk/seminar.txt"}),
    # Titles are analysed in every language: «Семинар» is not "seminar" (only its other-script
    # key is, which a query asks for at its own weight).
    (t.Term("title", key("seminar", "en")), {"en/seminar.txt"}),
    (
        t.Term("lang", "en"),
        {"en/seminar.txt", "en/history.txt", "en/mentors.txt", "en/undated.txt"},
    ),
    (t.Phrase("body_en", ((key("local", "en"),), (key("history", "en"),))), {"en/history.txt"}),
    # A slot of alternatives: either key at the first place.
    (
        t.Phrase("body_en", ((key("city", "en"), key("rural", "en")), (key("library", "en"),))),
        {"en/history.txt", "en/undated.txt"},  # "rural librarians" is not "rural library"
    ),
    (t.Phrase("body_en", ((key("library", "en"),), (key("local", "en"),))), set()),
    (t.Prefix("body_en", "semin"), {"en/seminar.txt"}),
    (t.Range("year", "2020", "2021"), {"en/seminar.txt", "en/history.txt", "ru/seminar.txt"}),
    (t.Nothing(), set()),
]


def _id(value: object) -> str:
    """A test's id, the same in every worker process (a set's order is not)."""
    return repr(sorted(value)) if isinstance(value, set) else repr(value)


@pytest.mark.parametrize(("node", "expected"), LEAVES, ids=_id)
def test_each_leaf_matches_the_reports_that_have_it(
    version: Version, node: t.Node, expected: set[str]
) -> None:
    found = scores(version, node)
    assert set(found) == expected
    assert all(score > 0 for score in found.values())


def test_compounds_score_by_the_rules_of_the_tree(version: Version) -> None:
    a, b = scores(version, LIBRARY), scores(version, SEMINAR)
    both = set(a) & set(b)
    assert scores(version, t.All((LIBRARY, SEMINAR))) == pytest.approx(
        {d: a[d] + b[d] for d in both}
    )
    either = {d: a.get(d, 0) + b.get(d, 0) for d in set(a) | set(b)}
    assert scores(version, t.Any((LIBRARY, SEMINAR))) == pytest.approx(either)
    best = {d: max(a.get(d, 0), b.get(d, 0)) for d in set(a) | set(b)}
    assert scores(version, t.BestOf((LIBRARY, SEMINAR))) == pytest.approx(best)
    assert scores(version, t.Bonus(LIBRARY, 1000.0)) == pytest.approx(
        {d: s + 1000 for d, s in a.items()}
    )
    assert scores(version, t.AndNot(LIBRARY, SEMINAR)) == pytest.approx(
        {d: s for d, s in a.items() if d not in b}
    )
    assert scores(version, t.Require(LIBRARY, SEMINAR)) == pytest.approx({d: a[d] for d in both})
    plus = {d: s + b.get(d, 0) for d, s in a.items()}
    assert scores(version, t.AndMaybe(LIBRARY, SEMINAR)) == pytest.approx(plus)


def test_boosts_scale_scores_and_weigh_a_lone_child(version: Version) -> None:
    a = scores(version, LIBRARY)
    assert scores(version, t.Term(LIBRARY.field, LIBRARY.text, 2.5)) == pytest.approx(
        {d: 2.5 * s for d, s in a.items()}
    )
    b = scores(version, SEMINAR)
    both = scores(version, t.All((LIBRARY, SEMINAR), boost=0.5))
    assert both == pytest.approx({d: 0.5 * (a[d] + b[d]) for d in set(a) & set(b)})
    assert scores(version, t.Any((LIBRARY,), boost=3.0)) == pytest.approx(
        {d: 3 * s for d, s in a.items()}
    )
    # The floor under an optional word keeps its score however it is weighted.
    floor = t.weighted(t.Everything(1.0, floor=True), 4.0)
    assert set(scores(version, floor).values()) == {1.0}


def test_everything_and_not_cover_every_report(version: Version) -> None:
    assert scores(version, t.Everything(2.0)) == {path: 2.0 for path in REPORTS}
    missing = scores(version, t.Not(LIBRARY))
    assert missing == {path: 1.0 for path in REPORTS if path not in scores(version, LIBRARY)}


def test_reports_with_every_word_come_before_those_with_some(version: Version) -> None:
    """Two loose words: a report with both is a full match, one with either a partial one,
    listed after every full match however well it scores; the counts say which is which."""
    clauses = [Clause(node, LOOSE, [node]) for node in (SEMINAR, HISTORY)]
    request = Request(t.All((SEMINAR, HISTORY)), clauses, limit=100)
    page = version.search(request, Budget.unlimited())
    listed = [(version.stored(hit.doc)["path"], hit.match) for hit in page.hits]
    assert (page.counts.full, page.counts.translated, page.counts.partial) == (0, 0, 4)
    assert {path for path, _ in listed} == {
        "en/seminar.txt",
        "en/history.txt",
        "en/mentors.txt",
        "en/undated.txt",
    }
    clauses = [Clause(node, LOOSE, [node]) for node in (LIBRARY, HISTORY)]
    page = version.search(
        Request(t.All((LIBRARY, HISTORY)), clauses, limit=100), Budget.unlimited()
    )
    kinds = [(version.stored(hit.doc)["path"], hit.match) for hit in page.hits]
    assert {path for path, kind in kinds if kind == "full"} == {"en/history.txt", "en/undated.txt"}
    assert [kind for _, kind in kinds] == ["full", "full", "partial", "partial"]
    assert (page.counts.full, page.counts.partial) == (2, 2)


def test_filters_narrow_the_list_and_facets_count_under_the_others(version: Version) -> None:
    everything = t.Everything(1.0)
    page = version.search(_request(everything, filters={"lang": "en"}), Budget.unlimited())
    assert {version.stored(hit.doc)["lang"] for hit in page.hits} == {"en"}
    # The language facet ignores the language filter: the other languages stay choosable.
    assert page.facets["lang"] == {"en": 4, "ru": 1, "kk": 1}
    assert page.facets["year"] == {"2022": 1, "2021": 1, "2020": 1}
    page = version.search(_request(everything, filters={"year": "2021"}), Budget.unlimited())
    assert page.facets["lang"] == {"en": 1, "ru": 1}
    page = version.search(_request(everything, filters={"lang": "de"}), Budget.unlimited())
    assert page.hits == [] and page.counts.full == 0


def test_pages_and_the_date_order(version: Version) -> None:
    ranked = list(scores(version, LIBRARY))
    request = Request(LIBRARY, [Clause(LIBRARY, STRICT, [LIBRARY])], page=2, limit=2)
    page = version.search(request, Budget.unlimited())
    assert [version.stored(hit.doc)["path"] for hit in page.hits] == ranked[2:4]
    past = Request(LIBRARY, [Clause(LIBRARY, STRICT, [LIBRARY])], page=9, limit=2)
    assert version.search(past, Budget.unlimited()).page == 2  # the last page
    newest = version.search(_request(t.Everything(), sort="date"), Budget.unlimited())
    dates = [version.stored(hit.doc)["date"] for hit in newest.hits]
    assert dates[:4] == ["2022-05-12", "2021-11-24", "2021-11-24", "2020-03-03"]
    assert all(hit.score is None for hit in newest.hits)


def test_stored_fields_vocabulary_and_expansions(version: Version) -> None:
    (found,) = version.find("path", "en/history.txt")
    assert found["title"] == "Local history" and found["lang"] == "en"
    assert version.find("path", "nowhere.txt") == []
    assert {fields["path"] for fields in version.documents()} == set(REPORTS)
    assert list(version.lexicon("lang")) == ["en", "kk", "ru"]
    assert version.has_term("body_en", LIBRARY.text)
    assert not version.has_term("body_en", "zzzz") and not version.knows("body_ru", "zzzz")
    assert version.doc_frequency("lang", "en") == 4
    assert list(version.expand(t.Prefix("lang", "e"))) == ["en"]
    assert list(version.expand(t.Range("year", "2020", "2021"))) == ["2020", "2021"]
    assert version.size() >= len(REPORTS)


def test_a_version_keeps_what_it_saw_while_the_index_changes(tmp_path: Path) -> None:
    """Updates and deletes make a new version; one opened before goes on answering as it was,
    and a rebuild makes a new generation that a version of the old one never sees."""
    reports = tmp_path / "reports"
    (reports / "en").mkdir(parents=True)
    for name in ("en/seminar.txt", "en/history.txt"):
        (reports / name).write_text(REPORTS[name], encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index", lock_timeout=0.5)
    Indexer(settings).run([reports])
    index = engine().index(settings.index_dir)
    first = index.open(index.live_generation())
    (reports / "en/history.txt").unlink()
    (reports / "en/mentors.txt").write_text(REPORTS["en/mentors.txt"], encoding="utf-8")
    Indexer(settings).run([reports])
    second = index.open(index.live_generation())
    assert second.key > first.key and not first.up_to_date()
    assert set(scores(first, LIBRARY)) == {"en/seminar.txt", "en/history.txt"}
    assert set(scores(second, LIBRARY)) == {"en/seminar.txt"}
    assert {f["path"] for f in second.documents()} == {"en/seminar.txt", "en/mentors.txt"}
    Indexer(settings).run([reports], rebuild=True)
    third = index.open(index.live_generation())
    assert third.generation != second.generation and third.key > second.key
    assert set(scores(third, HISTORY)) == {"en/mentors.txt"}
    for version in (first, second, third):
        version.close()
