"""Search quality: nDCG@10, recall@10 and MRR@10 of Izde beside two BM25 baselines.

    python bench/eval_quality.py [--set NAME|all] (NAME: see Collections below) [--limit-queries N]
                                 [--per-query] [--jobs N] [--title-boost W]

Every collection is indexed three ways in the same run. Izde: the documents are written as text
files (`<id>.txt`, title on the first line) and indexed by `search.indexer.Indexer`, so extraction,
language detection and field routing are exercised; queries go through
`search.library.Library.search` as a librarian types them (reports with every word first, then
those with most of the words; a query Izde refuses counts as no results). Baselines
(bench/baselines.py): raw-token BM25 and BM25 with Snowball stemming per document language, both
ORing the words.

Collections:
- visible: bench/eval/ (quality.py says how it is laid out), queries typed by phenomenon and
  judged over all documents; the typo row is also given with Izde's "did you mean" followed.
  A development set: the thesaurus and the ranking were tuned with it in view;
- dev: bench/dev/, a second development set laid out likewise, on Russian morphology and
  cross-lingual queries, written by someone who had not seen Izde's code;
- dev2: bench/dev2/, a third, larger development set on the same phenomena plus Kazakh in
  Latin letters and names, written by another such author;
- blind: bench/blind/, laid out likewise but with reports in their own formats (PDF, DOCX,
  HTML, Markdown, text in three encodings), indexed as they are; written by someone who had
  seen neither Izde's code nor the visible set, and frozen: never tune on it;
- dev3: bench/dev3/, a fourth development set, mostly cross-lingual queries, with reports in
  their own formats as in the blind sets, written by another such author;
- blind2: bench/blind2/, a second blind set laid out likewise, with more queries of each type,
  written 2026-12-05 by another such author after blind's results had been read often; frozen;
- blind3: bench/blind3/, a third, written 2026-12-05 by yet another such author after blind2's
  type tables had been read three times; frozen;
- kazqad: ../shared/data/ir/kazqad-kk, Kazakh exam questions over Kazakh Wikipedia passages;
- xquad: ../shared/data/ir/xquad-ru-en, Russian and English questions over parallel paragraphs,
  each language over its own paragraphs, and Russian questions over the English paragraphs.
A shared collection that is absent is skipped with a message.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from unittest import mock

from baselines import Baseline, raw_bm25, snowball_bm25
from quality import (
    BLIND,
    BLIND2,
    BLIND3,
    DEV,
    DEV2,
    DEV3,
    SHARED_IR,
    TYPES,
    VISIBLE,
    Collection,
    Doc,
    K,
    Qrels,
    Query,
    load_blind,
    load_visible,
    ndcg,
    read_docs,
    read_jsonl,
    read_qrels,
    recall,
    reciprocal_rank,
    relevant,
)

from search.config import Settings
from search.errors import QueryError
from search.indexer import Indexer
from search.library import Library

IZDE, RAW, SNOWBALL = "Izde", "raw BM25", "Snowball BM25"
SYSTEMS = (IZDE, RAW, SNOWBALL)
FOLLOWED = "Izde, suggestion followed"
VISIBLE_OVERALL, VISIBLE_TYPE, GAIN_OVER_RAW = 0.92, 0.85, 1.10
KAZQAD_SUBJECTS = {
    "kzh": "Kazakh history",
    "lit": "literature",
    "bio": "biology",
    "geo": "geography",
    "woh": "world history",
}
_SAFE_ID = re.compile(r"[\w.-]+")


@dataclass
class Answer:
    ids: list[str]
    fallback: bool = False
    suggestion: str | None = None
    respelled: str | None = None  # the respelling whose results these are


class Izde:
    """Izde as a library meets it: report files indexed by the Indexer, queries typed in.

    The documents are written as text files, unless `folder` already holds them as files
    (`<id>.<ext>`, the blind set). Without `suggestions`, Izde's did-you-mean is not computed:
    it comes after the hits and changes none of them, but its spelling search costs seconds per
    long question.
    """

    def __init__(
        self, docs: list[Doc], settings: Settings, suggestions: bool, folder: Path | None = None
    ) -> None:
        if folder is None:
            folder = settings.index_dir.parent / "reports"
            folder.mkdir(parents=True)
            for doc in docs:
                if not _SAFE_ID.fullmatch(doc.id):
                    raise ValueError(f"document id {doc.id!r} cannot be a file name")
                text = f"{doc.title}\n\n{doc.text}\n"
                (folder / f"{doc.id}.txt").write_text(text, encoding="utf-8")
        self.settings = settings
        report = Indexer(settings).run([folder])
        for doc_id, reason in report.failed:
            print(f"  Izde could not index {doc_id}: {reason}")
        self.suggestions = suggestions

    def answers(self, texts: list[str], jobs: int) -> list[Answer]:
        """Izde's answers to `texts`, from `jobs` processes each with its own Library."""
        setup = (self.settings, self.suggestions)
        if jobs <= 1:
            _open_library(*setup)
            return [_answer(text) for text in texts]
        with ProcessPoolExecutor(jobs, initializer=_open_library, initargs=setup) as pool:
            return list(pool.map(_answer, texts, chunksize=8))


# The Library of this process and whether it computes suggestions (see Izde.answers).
_library: tuple[Library, bool] | None = None


def _open_library(settings: Settings, suggestions: bool) -> None:
    """Open this process's Library (see Izde.answers)."""
    global _library
    _library = (Library(settings), suggestions)


def _answer(text: str) -> Answer:
    """Izde's top K for `text`; a query it refuses (QueryError) has no results."""
    assert _library is not None
    library, suggestions = _library
    unsuggested = (
        nullcontext() if suggestions else mock.patch("search.library.suggest", return_value=None)
    )
    try:
        with unsuggested:
            result = library.search(text, limit=K)
    except QueryError:
        return Answer([])
    ids = [Path(hit.path).stem for hit in result.hits]
    respelled = result.query if result.respelled_from is not None else None
    return Answer(ids, result.fallback, result.suggestion, respelled)


@dataclass
class Systems:
    """Izde and the baselines over one document set, and the seconds each took."""

    izde: Izde
    baselines: list[Baseline]
    build_seconds: dict[str, float]
    query_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SYSTEMS, 0.0))
    queries: int = 0


def build(
    docs: list[Doc], settings: Settings, suggestions: bool = False, folder: Path | None = None
) -> Systems:
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    izde = Izde(docs, settings, suggestions, folder)
    seconds[IZDE] = time.perf_counter() - start
    baselines = []
    for make in (raw_bm25, snowball_bm25):
        start = time.perf_counter()
        baselines.append(make(docs))
        seconds[baselines[-1].name] = time.perf_counter() - start
    return Systems(izde, baselines, seconds)


@dataclass
class Judged:
    """One query's scores: system name -> (nDCG@10, recall@10, RR@10), and Izde's behaviour."""

    query: Query
    scores: dict[str, tuple[float, float, float]]
    fallback: bool
    suggestion: str | None
    respelled: str | None
    missed: list[str]
    empty: bool  # Izde found nothing, not even with the OR fallback


def judge(
    systems: Systems, queries: list[Query], qrels: Qrels, jobs: int, follow: bool = False
) -> list[Judged]:
    """Run the queries that have a relevant document; `follow` also runs Izde's suggestions."""
    queries = [query for query in queries if relevant(qrels.get(query.id, {}))]
    start = time.perf_counter()
    answers = systems.izde.answers([query.text for query in queries], jobs)
    followed: dict[str | None, Answer] = {}
    if follow:
        suggestions = sorted({a.suggestion for a in answers if a.suggestion is not None})
        followed = dict(zip(suggestions, systems.izde.answers(suggestions, jobs), strict=True))
    systems.query_seconds[IZDE] += time.perf_counter() - start
    systems.queries += len(queries)
    judged = []
    for query, answer in zip(queries, answers, strict=True):
        rankings = {IZDE: answer.ids}
        for baseline in systems.baselines:
            start = time.perf_counter()
            rankings[baseline.name] = baseline.search(query.text)
            systems.query_seconds[baseline.name] += time.perf_counter() - start
        if follow:
            rankings[FOLLOWED] = followed.get(answer.suggestion, answer).ids
        wanted = qrels[query.id]
        scores = {
            name: (ndcg(ids, wanted), recall(ids, wanted), reciprocal_rank(ids, wanted))
            for name, ids in rankings.items()
        }
        missed = sorted(relevant(wanted).difference(answer.ids), key=lambda d: -wanted[d])
        judged.append(
            Judged(
                query,
                scores,
                answer.fallback,
                answer.suggestion,
                answer.respelled,
                missed,
                not answer.ids,
            )
        )
    return judged


# A table row: label, its queries' results, and the verdict on its target ("" for none).
Row = tuple[str, list[Judged], str]


def mean(judged: list[Judged], system: str, metric: int) -> float:
    return statistics.fmean(j.scores[system][metric] for j in judged) if judged else 0.0


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    head = "".join(f"  {name:<22}" for name in SYSTEMS)
    print(f"{'':<26}{'':>5}{head}  target")
    metrics = f"  {'nDCG':>6} {'R@10':>6} {'MRR':>6}   " * len(SYSTEMS)
    print(f"{'query type':<26}{'n':>5}{metrics}")
    for label, judged, verdict in rows:
        cells = "".join(
            "  " + " ".join(f"{mean(judged, s, m):>6.3f}" for m in range(3)) + "   "
            if judged and s in judged[0].scores
            else f"  {'—':>6} {'—':>6} {'—':>6}   "
            for s in SYSTEMS
        )
        print(f"{label:<26}{len(judged):>5}{cells}  {verdict}")


def print_per_query(judged: list[Judged]) -> None:
    """nDCG@10 of every query for the three systems; F = Izde fell back to OR; then the query,
    Izde's suggestion (with the nDCG after following it, when followed) and the relevant
    documents missing from Izde's top 10."""
    print(f"\n  {'query':<28}{'type':<16}{'Izde':>7}{'raw':>7}{'Snow':>7}")
    for j in judged:
        scores = "".join(f"{j.scores[s][0]:>7.3f}" for s in SYSTEMS)
        line = f"  {j.query.id:<28}{j.query.type:<16}{scores} {'F' if j.fallback else ' '} "
        line += j.query.text
        if j.respelled:
            line += f"  ⇒ results for {j.respelled}"
        if j.suggestion:
            line += f"  → {j.suggestion}"
            if FOLLOWED in j.scores:
                line += f" (then {j.scores[FOLLOWED][0]:.3f})"
        if j.missed:
            line += f"  | missed: {', '.join(j.missed[:5])}" + (" …" if len(j.missed) > 5 else "")
        print(line)


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def ratio(judged: list[Judged]) -> str:
    """Izde's nDCG as a multiple of raw BM25's."""
    izde, raw = mean(judged, IZDE, 0), mean(judged, RAW, 0)
    return f"×{izde / raw:.3f} raw" if raw else "raw is 0"


def gain_target(judged: list[Judged], factor: float) -> str:
    """Izde's nDCG against `factor` × raw BM25's."""
    met = mean(judged, IZDE, 0) >= factor * mean(judged, RAW, 0)
    goal = f"≥ {factor:.2f}× raw" if factor != 1 else "≥ raw"
    return f"{ratio(judged)}; {goal}: {verdict(met)}"


def behaviour(label: str, judged: list[Judged], suggestions: bool = False) -> str:
    """How Izde answered: how often it fell back to OR (and offered a respelling)."""
    fell, empty = sum(j.fallback for j in judged), sum(j.empty for j in judged)
    line = f"  Izde{label}: of {len(judged)} queries {fell} answered by the OR fallback, "
    line += f"{empty} with no result"
    if suggestions:
        line += f", {sum(j.respelled is not None for j in judged)} respelled"
        line += f", {sum(j.suggestion is not None for j in judged)} with a did-you-mean suggestion"
    return line + "."


def timing(label: str, systems: Systems, docs: int, jobs: int) -> str:
    """Build and query seconds; Izde's queries ran in `jobs` processes, the baselines in one."""
    build = ", ".join(f"{name} {s:.1f} s" for name, s in systems.build_seconds.items())
    queries = ", ".join(f"{name} {s:.1f} s" for name, s in systems.query_seconds.items())
    return (
        f"  {label}indexing {docs} documents: {build}.\n"
        f"  {label}{systems.queries} queries: {queries} (Izde in {jobs} processes)."
    )


def limited(queries: list[Query], n: int | None) -> list[Query]:
    """The first `n` queries of each type, in file order (all when `n` is None)."""
    if n is None:
        return queries
    seen: dict[str, int] = {}
    kept = []
    for query in queries:
        seen[query.type] = seen.get(query.type, 0) + 1
        if seen[query.type] <= n:
            kept.append(query)
    return kept


@dataclass(frozen=True)
class Options:
    limit: int | None  # queries per type, None for all
    per_query: bool
    jobs: int  # processes for Izde's queries
    title_boost: float | None  # Izde's title weight, None for its setting

    def settings(self, workdir: Path) -> Settings:
        """Izde's settings for an index in `workdir`: without the time limit a search has on a
        server (its work budget stays), since how busy the machine is must not decide a figure
        of quality: a query refused after 2 s on a loaded machine would score 0."""
        settings = Settings(index_dir=workdir / "index", search_seconds=float("inf"))
        if self.title_boost is None:
            return settings
        return replace(settings, title_boost=self.title_boost)


def visible(options: Options, workdir: Path) -> None:
    collection = load_visible()
    title = (
        f"Visible set (development: ranking and thesaurus were tuned with it in view): "
        f"{VISIBLE.relative_to(VISIBLE.parents[1])} — {len(collection.docs)} documents"
    )
    _typed(collection, options, workdir, title)


def dev(options: Options, workdir: Path, directory: Path = DEV, name: str = "2") -> None:
    collection = load_visible(directory)
    title = (
        f"Development set {name} (tuned with it in view): "
        f"{directory.relative_to(directory.parents[1])} — {len(collection.docs)} documents"
    )
    _typed(collection, options, workdir, title)


def dev2(options: Options, workdir: Path) -> None:
    dev(options, workdir, DEV2, "3")


def dev3(options: Options, workdir: Path) -> None:
    _formats(options, workdir, DEV3, "Development set 4 (tuned with it in view)")


def blind(options: Options, workdir: Path, directory: Path = BLIND) -> None:
    # A frozen set's queries are never shown one by one: looking at its failures would tune on it.
    frozen = replace(options, per_query=False)
    if options.per_query:
        print(f"\n{directory.name}: frozen, so no per-query figures (its README)")
    _formats(frozen, workdir, directory, "Blind set (frozen, never tuned on)")


def blind2(options: Options, workdir: Path) -> None:
    blind(options, workdir, BLIND2)


def blind3(options: Options, workdir: Path) -> None:
    blind(options, workdir, BLIND3)


def _formats(options: Options, workdir: Path, directory: Path, kind: str) -> None:
    """A collection whose reports are files in their own formats, indexed as they are."""
    if not (directory / "queries.tsv").is_file():
        print(f"\n{directory}: absent, skipped")
        return
    collection, files = load_blind(directory)
    title = (
        f"{kind}: {directory.relative_to(directory.parents[1])} — "
        f"{len(collection.docs)} documents in {len({p.suffix for p in files.values()})} formats"
    )
    _typed(collection, options, workdir, title, directory / "docs")


def _typed(
    collection: Collection,
    options: Options,
    workdir: Path,
    title: str,
    folder: Path | None = None,
) -> None:
    """A collection whose queries are typed by phenomenon (TYPES), judged over all documents."""
    queries = limited(collection.queries, options.limit)
    settings = options.settings(workdir)
    systems = build(collection.docs, settings, suggestions=True, folder=folder)
    judged = judge(systems, queries, collection.qrels, options.jobs, follow=True)
    rows: list[Row] = []
    for kind in TYPES:
        of_type = [j for j in judged if j.query.type == kind]
        if not of_type:
            continue  # a set need not have every type
        izde, snowball = mean(of_type, IZDE, 0), mean(of_type, SNOWBALL, 0)
        target = (
            f"≥ {VISIBLE_TYPE}: {verdict(izde >= VISIBLE_TYPE)}; "
            f"> Snowball: {verdict(izde > snowball)}"
        )
        rows.append((kind, of_type, target))
    typos = [j for j in judged if j.query.type == "typo"]
    rows.append(("typo, suggestion followed", _followed(typos), ""))
    overall = mean(judged, IZDE, 0)
    rows.append(("overall", judged, f"≥ {VISIBLE_OVERALL}: {verdict(overall >= VISIBLE_OVERALL)}"))
    print_table(f"{title}, {len(judged)} queries judged over all documents", rows)
    print(behaviour("", judged, suggestions=True))
    print("  'typo, suggestion followed': Izde's results after clicking its did-you-mean")
    print("  (the results as returned when it offers none); the baselines have no suggestions.")
    print(timing("", systems, len(collection.docs), options.jobs))
    if options.per_query:
        print_per_query(judged)


def _followed(typos: list[Judged]) -> list[Judged]:
    """The typo rows with Izde's scores replaced by those after following its suggestion."""
    return [replace(j, scores={IZDE: j.scores[FOLLOWED]}) for j in typos]


def kazqad(options: Options, workdir: Path) -> None:
    directory = SHARED_IR / "kazqad-kk"
    collection = _shared(directory, lambda row: row["id"][:3])
    if collection is None:
        return
    queries = limited(collection.queries, options.limit)
    systems = build(collection.docs, options.settings(workdir))
    judged = judge(systems, queries, collection.qrels, options.jobs)
    rows: list[Row] = []
    for prefix, subject in KAZQAD_SUBJECTS.items():
        of_subject = [j for j in judged if j.query.type == prefix]
        rows.append((f"{prefix} {subject}", of_subject, ratio(of_subject)))
    rows.append(("overall", judged, gain_target(judged, GAIN_OVER_RAW)))
    title = (
        f"KazQAD-kk: {directory} — {len(collection.docs)} passages, {len(judged)} questions "
        "(Izde/raw ratio per subject; target on the overall row)"
    )
    print_table(title, rows)
    print(behaviour("", judged))
    print(timing("", systems, len(collection.docs), options.jobs))
    if options.per_query:
        print_per_query(judged)


def xquad(options: Options, workdir: Path) -> None:
    directory = SHARED_IR / "xquad-ru-en"
    collection = _shared(directory, lambda row: row["lang"])
    if collection is None:
        return
    by_lang = {lang: [doc for doc in collection.docs if doc.lang == lang] for lang in ("ru", "en")}
    queries = {
        lang: limited([q for q in collection.queries if q.type == lang], options.limit)
        for lang in ("ru", "en")
    }
    # A Russian question's paragraph is the translation of the English paragraph of the same id.
    to_english = {
        qid: {f"en-{docid.removeprefix('ru-')}": grade for docid, grade in judged.items()}
        for qid, judged in collection.qrels.items()
        if qid.startswith("ru-")
    }
    ru = build(by_lang["ru"], options.settings(workdir / "ru"))
    en = build(by_lang["en"], options.settings(workdir / "en"))
    ru_judged = judge(ru, queries["ru"], collection.qrels, options.jobs)
    en_judged = judge(en, queries["en"], collection.qrels, options.jobs)
    cross = [_retyped(j, "ru→en") for j in judge(en, queries["ru"], to_english, options.jobs)]
    rows: list[Row] = [
        ("ru: ru → ru paragraphs", ru_judged, gain_target(ru_judged, GAIN_OVER_RAW)),
        ("en: en → en paragraphs", en_judged, gain_target(en_judged, 1.0)),
        ("ru→en: ru → en paragraphs", cross, "cross-lingual check, no target"),
    ]
    title = (
        f"XQuAD ru/en: {directory} — {len(by_lang['ru'])} ru + {len(by_lang['en'])} en "
        "paragraphs, one index per language"
    )
    print_table(title, rows)
    for label, judged, _ in rows:
        print(behaviour(f" on {label.split(':')[0]}", judged))
    print(timing("ru index: ", ru, len(by_lang["ru"]), options.jobs))
    print(timing("en index: ", en, len(by_lang["en"]), options.jobs))
    if options.per_query:
        print_per_query(ru_judged + en_judged + cross)


def _retyped(judged: Judged, kind: str) -> Judged:
    return replace(judged, query=Query(judged.query.id, kind, judged.query.text))


def _shared(directory: Path, query_type: Callable[[dict], str]) -> Collection | None:
    """A collection in ../shared/data/ir (docs.jsonl, queries.jsonl, qrels.tsv), or None."""
    if not directory.is_dir():
        print(f"\n{directory}: absent, skipped")
        return None
    rows = read_jsonl(directory / "queries.jsonl")
    queries = [Query(row["id"], query_type(row), row["text"]) for row in rows]
    return Collection(
        read_docs(directory / "docs.jsonl"), queries, read_qrels(directory / "qrels.tsv")
    )


SETS: dict[str, Callable[[Options, Path], None]] = {
    "visible": visible,
    "dev": dev,
    "dev2": dev2,
    "dev3": dev3,
    "blind": blind,
    "blind2": blind2,
    "blind3": blind3,
    "kazqad": kazqad,
    "xquad": xquad,
}


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all", help="collection to run")
    parser.add_argument(
        "--limit-queries",
        type=int,
        metavar="N",
        help="only the first N queries of each type (subject, language) for a quick run",
    )
    parser.add_argument(
        "--per-query",
        action="store_true",
        help="list every query's nDCG@10 for failure analysis (never for the frozen blind sets)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="processes answering Izde's queries (default: one per CPU)",
    )
    parser.add_argument(
        "--title-boost",
        type=float,
        metavar="W",
        help="Izde's title weight for this run (default: its setting, Settings.title_boost)",
    )
    args = parser.parse_args(argv)
    options = Options(args.limit_queries, args.per_query, args.jobs, args.title_boost)
    print(
        f"Metrics at rank {K}, averaged over queries: nDCG (gain 2^grade − 1, log2 discount), "
        f"recall, MRR (reciprocal rank of the first\nrelevant document in the top {K}, else 0). "
        "Izde: reports with every word first, then those with most of them; any of them when no "
        "report has\nthem all, or the respelled query's reports when it has them all (the "
        "product's behaviour). "
        "Baselines: words ORed as by Elasticsearch's `match`, quotes make a phrase, BM25F "
        "defaults (no title weight);\nSnowball BM25 is told each document's language by the "
        "collection. KazQAD and XQuAD run without Izde's respelling\n(it costs seconds per "
        "question over their vocabularies). "
        f"Izde's title weight: {options.settings(Path()).title_boost:g}."
    )
    start = time.perf_counter()
    for name, run in SETS.items():
        if args.set in (name, "all"):
            with tempfile.TemporaryDirectory(prefix=f"izde-quality-{name}-") as workdir:
                run(options, Path(workdir))
    print(f"\nElapsed: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
