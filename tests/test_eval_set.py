"""The visible evaluation set (bench/eval) is complete and consistent, and its metrics are right.

bench/eval_quality.py measures search quality on this set; a judgment naming a missing document
or a query without a relevant document would silently skew the figures.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from benchload import bench_module

quality = bench_module("quality")


@pytest.fixture(scope="module")
def visible():
    return quality.load_visible()


def test_documents(visible) -> None:
    assert len(visible.docs) >= 40
    assert len({doc.id for doc in visible.docs}) == len(visible.docs)
    assert Counter(doc.lang for doc in visible.docs).keys() == set(quality.LANGUAGES)
    for doc in visible.docs:
        assert doc.title, doc.id
        assert 80 <= len(f"{doc.title} {doc.text}".split()) <= 250, doc.id
    latin_kazakh = [
        doc for doc in visible.docs if doc.lang == "kk" and not re.search("[а-яә]", doc.text)
    ]
    assert len(latin_kazakh) >= 3


def test_queries(visible) -> None:
    ids = [query.id for query in visible.queries]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)
    counts = Counter(query.type for query in visible.queries)
    assert set(counts) == set(quality.TYPES)
    assert min(counts.values()) >= 6, counts
    assert all(query.text.strip() for query in visible.queries)


def test_judgments(visible) -> None:
    docs = {doc.id for doc in visible.docs}
    queries = {query.id for query in visible.queries}
    assert set(visible.qrels) <= queries
    for qid, judged in visible.qrels.items():
        assert set(judged) <= docs, qid
        assert set(judged.values()) <= {0, 1, 2}, qid
    for qid in queries:
        assert quality.relevant(visible.qrels.get(qid, {})), f"{qid} has no relevant document"


def test_ndcg() -> None:
    judged = {"a": 2, "b": 1, "c": 0}
    assert quality.ndcg(["a", "b", "x"], judged) == pytest.approx(1.0)
    # DCG of [b, a] = 1/log2(2) + 3/log2(3); ideal [a, b] = 3/log2(2) + 1/log2(3).
    expected = (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3))
    assert quality.ndcg(["b", "a"], judged) == pytest.approx(expected)
    assert quality.ndcg(["x", "y"], judged) == 0.0
    assert quality.ndcg(["a"], {"a": 0}) == 0.0  # nothing relevant: no division by zero
    # Only the top k count.
    assert quality.ndcg([*"xxxxxxxxxx", "a"], {"a": 2}) == 0.0


def test_recall_and_reciprocal_rank() -> None:
    judged = {"a": 2, "b": 1, "c": 0}
    assert quality.recall(["c", "a", "x"], judged) == pytest.approx(0.5)
    assert quality.recall(["b", "a"], judged) == 1.0
    assert quality.reciprocal_rank(["c", "x", "b", "a"], judged) == pytest.approx(1 / 3)
    assert quality.reciprocal_rank(["c", "x"], judged) == 0.0
    assert quality.reciprocal_rank(["x"] * 10 + ["a"], judged) == 0.0
    assert quality.recall(["x"] * 10 + ["a"], judged) == 0.0


def test_graded_gain() -> None:
    """A grade-2 document first is worth more than a grade-1 one first."""
    judged = {"a": 2, "b": 1}
    assert quality.dcg([2]) == 3.0
    assert quality.ndcg(["a"], judged) > quality.ndcg(["b"], judged)
