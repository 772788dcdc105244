"""The array scorer (search.engine.whoosh.ranking) against Whoosh's own matchers: same matches,
same scores.

Izde ranks with arrays because Whoosh scores one posting at a time; the ranking a user sees must
still be Whoosh's BM25F, on an index of several segments with deleted documents. Queries go in
as Izde's tree (search.engine.tree), translated both ways (search.engine.whoosh.queries).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from helpers import write_reports
from whoosh import query as wq
from whoosh.matching import ListMatcher

from search.config import Settings
from search.engine import tree as t
from search.engine.tree import untiered
from search.engine.whoosh.arrays import SUFFIX
from search.engine.whoosh.parser import Parser
from search.engine.whoosh.queries import _BestOfMatcher, to_tree, to_whoosh
from search.engine.whoosh.ranking import Collection, Scorer, newest, top
from search.fields import FACETS
from search.generations import current_generation
from search.indexer import Indexer
from search.library import Library

MORE = {
    "ru/kraevedenie.txt": (
        "Краеведение в библиотеке\n\nДетская библиотека провела семинар по краеведению. "
        "Библиотекари детских библиотек обсуждали краеведческие чтения и детскую библиотеку."
    ),
    "kk/olketanu.txt": (
        "Өлкетану\n\nБалалар кітапханасында өлкетану семинары өтті. Кітапханашылар "
        "балалар кітапханасы мен ауыл кітапханасының жұмысын талқылады."
    ),
    "en/children.txt": (
        "Children's library\n\nThe children's library held a local history seminar. "
        "Librarians of children's libraries and rural libraries met the library's readers."
    ),
}


def build_segmented(root: Path) -> Library:
    """An index of three segments, one document of the first replaced (so deleted there)."""
    reports = write_reports(root / "reports")
    settings = Settings(index_dir=root / "index", lock_timeout=0.5)
    indexer = Indexer(settings)
    indexer.run([reports])
    write_reports(reports, {"extra/" + name: text for name, text in MORE.items()})
    indexer.run([reports])
    changed = reports / "en/exhibition.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + " A library seminar closed it.")
    indexer.run([reports])
    return Library(settings)


@pytest.fixture(scope="module")
def segmented_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """build_segmented's index, once for the tests that only read it."""
    return build_segmented(tmp_path_factory.mktemp("segmented"))


def collection(library: Library, searcher) -> Collection:
    generation = current_generation(library.settings.index_dir)
    return Collection(searcher, FACETS, library.settings.index_dir / str(generation))


def whoosh_scores(searcher, query: wq.Query) -> dict[int, float]:
    """Every live match of `query` and its score, by Whoosh's matchers segment by segment."""
    found = {}
    for sub, offset in searcher.leaf_searchers():
        matcher = query.matcher(sub, searcher.context())
        while matcher.is_active():
            if not sub.reader().is_deleted(matcher.id()):
                found[offset + matcher.id()] = matcher.score()
            matcher.next()
    return found


QUERIES = [
    wq.Term("body_ru", "библиотека"),
    wq.Term("body_en", "librari", boost=2.5),
    wq.Or([wq.Term("body_ru", "семинар"), wq.Term("body_kk", "семинар"), wq.Term("title", "x")]),
    wq.And([wq.Term("body_en", "librari"), wq.Term("body_en", "seminar")], boost=0.7),
    wq.DisjunctionMax([wq.Term("body_en", "librari"), wq.Term("title", "librari", boost=3)]),
    wq.AndNot(wq.Term("body_en", "librari"), wq.Term("body_en", "rural")),
    wq.AndMaybe(wq.Term("body_en", "librari"), wq.Term("body_en", "seminar")),
    wq.Require(wq.Term("body_en", "librari"), wq.Term("body_en", "seminar")),
    wq.Phrase("body_en", ["local", "histori"]),
    wq.Phrase("body_ru", ["детский", "библиотека"], slop=2, boost=1.5),
    wq.Sequence(
        [
            wq.Or([wq.Term("body_ru", "детский"), wq.Term("body_ru", "детская")]),
            wq.Term("body_ru", "библиотека"),
        ]
    ),
    wq.Prefix("body_en", "libr"),
    wq.And([wq.Term("body_en", "librari"), wq.Term("lang", "en")]),  # an ID field: no arrays
]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_scores_are_whooshs(segmented_library: Library, query: wq.Query) -> None:
    with segmented_library.version() as version:
        searcher = version.searcher
        assert len(searcher.leaf_searchers()) > 1 and searcher.reader().has_deletions()
        expected = whoosh_scores(searcher, query)
        arrays = collection(segmented_library, searcher)
        assert arrays.complete, "every segment should have its arrays"
        scored = Scorer(searcher, arrays).score(to_tree(query))
        assert expected, "the query should match something"
        assert set(np.flatnonzero(scored.mask).tolist()) == set(expected)
        for doc, score in expected.items():
            assert scored.scores[doc] == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize(
    "query",
    [
        wq.TermRange("body_en", "libr", "m", boost=2.0),
        wq.Prefix("body_ru", "би", boost=0.5),
        wq.TermRange("year", "2020", "2022"),  # an ID field: no arrays
    ],
    ids=repr,
)
def test_a_prefix_or_range_scores_as_the_or_of_its_terms(segmented_library: Library, query) -> None:
    """Whoosh's own matcher scores a multi-term query's documents 1 in a segment of up to
    5,000 documents and by its terms' summed scores in a larger one (its Or picks a matcher by
    size); Izde always sums, in every segment alike."""
    with segmented_library.version() as version:
        searcher = version.searcher
        terms = [wq.Term(query.fieldname, text) for text in query._btexts(searcher.reader())]
        assert len(terms) > 1
        expected = whoosh_scores(searcher, wq.Or(terms, boost=query.boost))
        scored = Scorer(searcher, collection(segmented_library, searcher)).score(to_tree(query))
        assert set(np.flatnonzero(scored.mask).tolist()) == set(expected)
        for doc, score in expected.items():
            assert scored.scores[doc] == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize(
    "text",
    [
        "библиотекарей",
        "детская библиотека",
        '"local history"',
        "кітапханасы семинар",
        "Toraigyrov",
        "library NOT rural",
        "libr*",
        "mentoring",
        "mentors of the rural libraries",
    ],
)
def test_parsed_queries_score_as_whoosh(segmented_library: Library, text: str) -> None:
    """Izde's own query classes (tier bonuses, best-of, optional words) included, and each
    clause of the untiered query that ranks partial matches."""
    with segmented_library.version() as version:
        searcher = version.searcher
        parsed = Parser(segmented_library.settings).parse(text)
        found = Parser(segmented_library.settings).clauses(text)
        # What Library.search scores: the clauses ANDed, which is the parsed query.
        assert found.query == to_tree(parsed)
        assert to_tree(to_whoosh(found.query)) == found.query
        plain = Parser(segmented_library.settings, tiers=False).clauses(text).clauses
        assert [untiered(c.query) for c in found.clauses] == [c.query for c in plain]
        words = [untiered(word) for clause in found.clauses for word in clause.words]
        for query in [found.query, *words]:
            expected = whoosh_scores(searcher, to_whoosh(query))
            scored = Scorer(searcher, collection(segmented_library, searcher)).score(query)
            assert set(np.flatnonzero(scored.mask).tolist()) == set(expected)
            for doc, score in expected.items():
                assert scored.scores[doc] == pytest.approx(score, rel=1e-9)


def _weights(node: t.Node, factor: float = 1.0) -> Iterator[tuple[str, str, float]]:
    """(field, key, weight) of each term of a tree: its boost times its parents'."""
    if isinstance(node, t.Term):
        yield node.field, node.text, factor * node.boost
    elif isinstance(node, t.Bonus):
        yield from _weights(node.child, factor)
    else:
        for child in t.children(node):
            yield from _weights(child, factor * getattr(node, "boost", 1.0))


def test_a_translation_weighs_as_the_word_in_its_own_language_text(tmp_path: Path) -> None:
    """«наставничество»: Kazakh and English terms at the translation weight, only in their
    own language's text; Russian synonyms (менторство) below it."""
    settings = Settings(index_dir=tmp_path)
    concept = to_tree(Parser(settings).parse("наставничество"))
    assert isinstance(concept, t.BestOf) and concept.concept
    expansions = list(_weights(t.BestOf(concept.children[1:])))
    by_key: dict[tuple[str, str], float] = {}
    for field, key, weight in expansions:  # a key's best weight: as a word, not a family root
        by_key[field, key] = max(weight, by_key.get((field, key), 0.0))
    assert by_key[("body_kk", "тәлімгерлік")] == settings.translation_boost == 1.0
    assert by_key[("body_en", "mentor")] == settings.translation_boost
    assert by_key[("body_ru", "менторство")] == settings.expansion_boost < 1.0
    assert ("body_ru", "тәлімгерлік") not in by_key and ("body_kk", "mentor") not in by_key
    assert {field for field, _, _ in expansions} == {"title", "body_kk", "body_ru", "body_en"}
    # A name written alike in Kazakh and Russian (Абай) is looked for in both.
    abai = to_tree(Parser(settings).parse("Abai"))
    assert isinstance(abai, t.BestOf)
    fields = {field for field, key, _ in _weights(t.BestOf(abai.children[1:])) if key == "абай"}
    assert fields == {"title", "body_kk", "body_ru"}


class _Blocks(ListMatcher):
    """Postings each in a block of its own, skipped by their weight, as Whoosh's leaves are."""

    def block_quality(self) -> float:
        return self.weight()

    def max_quality(self) -> float:
        return max(self._weights)

    def skip_to_quality(self, minquality: float) -> int:
        skipped = 0
        while self.is_active() and self.block_quality() <= minquality:
            self.next()
            skipped += 1
        return skipped


def test_a_best_of_whose_side_skips_blocks_scores_where_it_stands() -> None:
    """Whoosh's collector skips low blocks once its top is full; a BestOf whose only live side
    skipped must stand on that side's document (it once kept the old one, and scoring it
    failed: «білім» at 100,000 reports through Whoosh's matchers)."""
    matcher = _BestOfMatcher(_Blocks([1, 5], [0.1, 9.0]), ListMatcher([]))
    assert matcher.id() == 1
    matcher.skip_to_quality(1.0)
    assert matcher.id() == 5 and matcher.score() == 9.0


def test_segments_without_arrays_are_searched_with_whoosh(tmp_path: Path) -> None:
    """An index another program wrote has no arrays files: it is still searched, and ranked
    the same."""
    library = build_segmented(tmp_path)  # its own: the test deletes the arrays files
    with library.version() as version:
        searcher = version.searcher
        parsed = Parser(library.settings).parse('"local history" libraries')
        expected = whoosh_scores(searcher, parsed)
    folder = library.settings.index_dir / str(current_generation(library.settings.index_dir))
    for path in folder.glob(f"*{SUFFIX}"):
        path.unlink()
    with library.version() as version:
        searcher = version.searcher
        arrays = collection(library, searcher)
        assert not arrays.complete
        scored = Scorer(searcher, arrays).score(to_tree(parsed))
    assert expected and set(np.flatnonzero(scored.mask).tolist()) == set(expected)
    for doc, score in expected.items():
        assert scored.scores[doc] == pytest.approx(score, rel=1e-9)


def test_top_breaks_ties_by_document_number() -> None:
    scores = np.array([1.0, 3.0, 3.0, 2.0, 3.0, 0.0])
    mask = np.array([True, True, True, True, True, False])
    assert top(scores, mask, 2).tolist() == [1, 2]
    assert top(scores, mask, 10).tolist() == [1, 2, 4, 3, 0]
    dates = np.array([5, 7, 7, 1, -1, 9])
    assert newest(dates, mask, 3).tolist() == [2, 1, 0]


def test_results_follow_a_new_version(reports: Path, settings: Settings) -> None:
    """Arrays are kept per index version: a document indexed later is found at once."""
    Indexer(settings).run([reports])
    library = Library(settings)
    assert library.search("талқылады").total == 0
    write_reports(reports, MORE)
    Indexer(settings).run([reports])
    assert [hit.path for hit in library.search("талқылады").hits] == ["kk/olketanu.txt"]
