"""Test collections and ranking metrics, shared by bench/eval_quality.py and the tests.

A collection is documents, typed queries and graded judgments: 2 relevant, 1 partly relevant
(or relevant but in another language than the query), 0 or absent not relevant. Every metric is
taken at rank 10, the first page a reader sees, and averaged over queries (macro average), so a
query type with few relevant documents counts as much as one with many.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VISIBLE = ROOT / "bench" / "eval"
# Written by someone who had seen neither Izde's code nor the visible set; frozen (its README).
BLIND = ROOT / "bench" / "blind"
# A second blind set, written 2026-12-05 likewise and frozen, with more queries of each type.
BLIND2 = ROOT / "bench" / "blind2"
# A third, written 2026-12-05 after blind2's type tables had been read three times; frozen.
BLIND3 = ROOT / "bench" / "blind3"
# Development sets for Russian morphology and cross-lingual queries (their READMEs): written by
# someone who had not seen Izde's code, but looked at while tuning.
DEV = ROOT / "bench" / "dev"
DEV2 = ROOT / "bench" / "dev2"
# A fourth, mostly cross-lingual, with reports in their own formats as in the blind sets.
DEV3 = ROOT / "bench" / "dev3"
SHARED_IR = ROOT.parent / "shared" / "data" / "ir"
K = 10
# The phenomena the visible set's queries are typed by, in table order.
TYPES = (
    "ru-morph",
    "kk-morph",
    "en-morph",
    "name-translit",
    "kk-latin",
    "cross-lingual",
    "phrase",
    "typo",
    "plain",
)
LANGUAGES = ("kk", "ru", "en")

# qid -> docid -> grade
Qrels = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Doc:
    id: str
    lang: str
    title: str
    text: str


@dataclass(frozen=True)
class Query:
    id: str
    type: str
    text: str


@dataclass
class Collection:
    docs: list[Doc]
    queries: list[Query]
    qrels: Qrels


def load_visible(directory: Path = VISIBLE) -> Collection:
    """bench/eval: docs/<id>.txt (first line the title; the id starts with its language),
    queries.tsv (id, type, query, need) and qrels.tsv (qid, docid, grade)."""
    docs = []
    for path in sorted((directory / "docs").glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        docs.append(Doc(path.stem, path.stem.split("-")[0], title.strip(), text.strip()))
    queries = read_queries(directory / "queries.tsv")
    return Collection(docs, queries, read_qrels(directory / "qrels.tsv", header=True))


def load_blind(directory: Path = BLIND) -> tuple[Collection, dict[str, Path]]:
    """bench/blind: docs/<id>.<ext> in any format Izde reads (the id starts with its language),
    queries.tsv and qrels.tsv as in the visible set. The documents' text, for the baselines,
    is what Izde's own extractors read; the files themselves are returned by id, for Izde to
    index as they are."""
    from search.extract import extract

    files = {path.stem: path for path in sorted((directory / "docs").iterdir())}
    docs = []
    for doc_id, path in files.items():
        extracted = extract(path)
        docs.append(Doc(doc_id, doc_id.split("-")[0], extracted.title, extracted.text))
    queries = read_queries(directory / "queries.tsv")
    return Collection(docs, queries, read_qrels(directory / "qrels.tsv", header=True)), files


def read_queries(path: Path) -> list[Query]:
    """A queries.tsv: id, type, query, need (a header, no quoting)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Query(row["id"], row["type"], row["query"]) for row in rows]


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_docs(path: Path) -> list[Doc]:
    return [Doc(row["id"], row["lang"], row["title"], row["text"]) for row in read_jsonl(path)]


def read_qrels(path: Path, header: bool = False) -> Qrels:
    qrels: Qrels = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            next(rows)
        for qid, docid, grade in rows:
            qrels.setdefault(qid, {})[docid] = int(grade)
    return qrels


def relevant(judged: Mapping[str, int]) -> set[str]:
    return {docid for docid, grade in judged.items() if grade > 0}


def dcg(grades: Iterable[int]) -> float:
    """Discounted cumulative gain: gain 2^grade − 1, discount log2(rank + 1)."""
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades, 1))


def ndcg(ranking: Sequence[str], judged: Mapping[str, int], k: int = K) -> float:
    """DCG of the top k over the DCG of the best possible top k (0 when nothing is relevant)."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    return dcg(judged.get(docid, 0) for docid in ranking[:k]) / ideal if ideal else 0.0


def recall(ranking: Sequence[str], judged: Mapping[str, int], k: int = K) -> float:
    wanted = relevant(judged)
    return len(wanted.intersection(ranking[:k])) / len(wanted) if wanted else 0.0


def reciprocal_rank(ranking: Sequence[str], judged: Mapping[str, int], k: int = K) -> float:
    """1 / rank of the first relevant document in the top k; 0 when there is none."""
    for rank, docid in enumerate(ranking[:k], 1):
        if judged.get(docid, 0) > 0:
            return 1 / rank
    return 0.0
