"""Indexing throughput: extraction, analysis and indexing apart, against plain Whoosh and native
engines, on one benchmark corpus and in one run.

Usage::

    python bench/bench_index.py --n 1000            # the first 1,000 reports (mixed formats)
    python bench/bench_index.py --n 10000 --phases extract,index-izde,index-plain

Each phase runs in a fresh child process, so its peak RSS is its own (or its largest worker's).
"procs" is the number of worker processes: extraction runs in Izde's extraction pool (the
indexing process waits for it), analysis in a process pool, Whoosh indexing with `procs=2`,
and `izde-index` with `Settings.workers`. Extraction reads the files once and saves the text;
every later phase starts from that text, so Izde, a plain Whoosh schema (StandardAnalyzer, the
same stored text), tantivy and SQLite FTS5 index exactly the same words. "Morphology overhead"
is Izde's indexing time over Izde's own schema and fields with StandardAnalyzer in place of
Izde's analyzers (`index-izde-std`), in this run; "Izde / plain Whoosh" is over a plain schema.
`izde-index` is the real thing end to end: `Indexer.run` on the files into an empty index.
"""

from __future__ import annotations

import argparse
import pickle
import shutil
import sqlite3
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from common import (
    DEFAULT_WORKDIR,
    Timer,
    corpus,
    percentiles,
    print_table,
    run_child,
    stop_fork_server,
)
from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema

from search.config import Settings
from search.documents import index_fields
from search.engine.whoosh.schema import make_schema
from search.indexer import Indexer
from search.sources import SourceFile, find_files
from search.workers import ExtractionPool

# (phase, worker processes or threads) in the order they run and print.
PHASES = {
    "extract": (1, 2),
    "analyze-izde": (1, 2),
    "analyze-plain": (1,),
    "index-izde": (1, 2),
    "index-izde-std": (1,),
    "index-plain": (1, 2),
    "izde-index": (1, 2),
    "tantivy": (1, 2),
    "fts5": (1,),
}


def plain_schema() -> Schema:
    """What a plain Whoosh search over the same reports would hold: no morphology."""
    return Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(analyzer=StandardAnalyzer(), stored=True, phrase=True),
        body=TEXT(analyzer=StandardAnalyzer(), stored=True, phrase=True),
        lang=ID(stored=True),
        year=ID(stored=True),
        format=ID(stored=True),
    )


def standard_izde_schema() -> Schema:
    """Izde's schema with StandardAnalyzer in place of Izde's chains: the same fields, language
    routing, stored text and event types, without morphology."""
    schema = make_schema()
    for _, field in schema.items():
        if isinstance(field, TEXT):
            field.analyzer = StandardAnalyzer()
    return schema


def plain_fields(source: SourceFile, doc) -> dict[str, object]:
    return {
        "path": source.doc_id,
        "title": doc.title,
        "body": doc.text,
        "lang": doc.languages[0] if doc.languages else "",
        "year": str(doc.date.year) if doc.date else "",
        "format": doc.format,
    }


def _chunks(items: list, n: int) -> list[list]:
    size = max(1, len(items) // (n * 8))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _analyze(docs: list, plain: bool) -> int:
    """Run every text field through its analyzer as the writer would; return the postings."""
    schema = plain_schema() if plain else make_schema()
    postings = 0
    for source, doc in docs:
        fields = plain_fields(source, doc) if plain else index_fields(source, doc)
        for name, value in fields.items():
            field = schema[name]
            if field.indexed and isinstance(field, TEXT):
                postings += sum(1 for _ in field.index(value))
    return postings


def phase(name: str, workers: int, extracted: Path, files_root: list[Path], out: Path) -> dict:
    """Run one phase in this process; return its figures."""
    if name == "extract":
        files, _ = find_files(files_root)
        with Timer() as timer, ExtractionPool(Settings(out, workers=workers)) as pool:
            outcomes = pool.map([source.path for source in files])
            pairs = zip(files, outcomes, strict=True)
            docs = [(source, outcome.doc) for source, outcome in pairs if outcome.doc is not None]
        if workers == 1:
            extracted.write_bytes(pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL))
        stop_fork_server()  # so that the workers' peak RSS counts in this child's
        return {"seconds": timer.seconds, "docs": len(docs)}
    if name == "izde-index":  # from the files: it needs no extracted text
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        with Timer() as timer:
            report = Indexer(Settings(index_dir=out, workers=workers)).run(files_root)
        stop_fork_server()
        return {"seconds": timer.seconds, "docs": len(report.added), "mb_index": _size(out)}
    docs = pickle.loads(extracted.read_bytes())
    if name.startswith("analyze"):
        plain = name == "analyze-plain"
        with Timer() as timer:
            if workers == 1:
                _analyze(docs, plain)
            else:
                with ProcessPoolExecutor(workers) as pool:
                    list(pool.map(_analyze, _chunks(docs, workers), [plain] * 10_000))
        return {"seconds": timer.seconds, "docs": len(docs)}
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if name in ("index-izde", "index-izde-std", "index-plain"):
        plain = name == "index-plain"
        schema = {"index-izde-std": standard_izde_schema, "index-plain": plain_schema}.get(
            name, make_schema
        )()
        ix = whoosh_index.create_in(str(out), schema)
        make = plain_fields if plain else index_fields
        with Timer() as timer:
            writer = ix.writer(procs=workers, limitmb=128) if workers > 1 else ix.writer()
            for source, doc in docs:
                writer.add_document(**make(source, doc))
            writer.commit()
        return {"seconds": timer.seconds, "docs": len(docs), "mb_index": _size(out)}
    if name == "tantivy":
        return _tantivy(docs, workers, out)
    if name == "fts5":
        return _fts5(docs, out)
    raise SystemExit(f"unknown phase {name}")


def _tantivy(docs: list, threads: int, out: Path) -> dict:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("path", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True)
    builder.add_text_field("body", stored=True)
    index = tantivy.Index(builder.build(), path=str(out))
    with Timer() as timer:
        writer = index.writer(heap_size=128_000_000 * threads, num_threads=threads)
        for source, doc in docs:
            writer.add_document(
                tantivy.Document(path=source.doc_id, title=doc.title, body=doc.text)
            )
        writer.commit()
        writer.wait_merging_threads()
    return {"seconds": timer.seconds, "docs": len(docs), "mb_index": _size(out)}


def _fts5(docs: list, out: Path) -> dict:
    connection = sqlite3.connect(out / "fts5.db")
    connection.execute("CREATE VIRTUAL TABLE reports USING fts5(path UNINDEXED, title, body)")
    with Timer() as timer:
        with connection:
            connection.executemany(
                "INSERT INTO reports VALUES (?, ?, ?)",
                ((source.doc_id, doc.title, doc.text) for source, doc in docs),
            )
        connection.close()
    return {"seconds": timer.seconds, "docs": len(docs), "mb_index": _size(out)}


def _size(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="reports (a multiple of 1000)")
    parser.add_argument("--text-only", action="store_true", help="the text-only corpus")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--phases", default=",".join(PHASES), help="comma-separated subset")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # in a child: run this one
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    roots = corpus(args.workdir, args.n, args.text_only)
    tag = f"{'text' if args.text_only else 'mixed'}-{args.n}"
    extracted = args.workdir / f"extracted-{tag}.pickle"
    out = args.workdir / f"index-bench-{tag}"
    if args.phase:
        import json

        print(json.dumps(phase(args.phase, args.workers, extracted, roots, out)))
        return 0

    wanted = args.phases.split(",")
    if "extract" not in wanted and not extracted.exists():
        wanted.insert(0, "extract")
    rows, seconds = [], {}
    text_mb = 0.0
    for name in (p for p in PHASES if p in wanted):
        for workers in PHASES[name]:
            child = [__file__, "--n", str(args.n), "--workdir", str(args.workdir)]
            child += ["--phase", name, "--workers", str(workers)]
            child += ["--text-only"] if args.text_only else []
            result, rss = run_child(child)
            if not text_mb:
                docs = pickle.loads(extracted.read_bytes())
                text_mb = sum(len(doc.text.encode()) for _, doc in docs) / 1e6
                words = [len(doc.text.split()) for _, doc in docs]
                print(
                    f"{len(docs)} reports, {text_mb:.1f} MB of text, words per report "
                    f"p50/p95 {percentiles(words, (50, 95))}",
                    file=sys.stderr,
                )
            secs = result["seconds"]
            seconds[name, workers] = secs
            rows.append(
                [
                    name,
                    workers,
                    secs,
                    result["docs"] / secs,
                    text_mb / secs,
                    rss,
                    result.get("mb_index", ""),
                ]
            )
            print(f"{name} ×{workers}: {secs:.1f} s", file=sys.stderr)
    print(f"\nIndexing {args.n} reports ({tag}, {text_mb:.1f} MB of extracted text)\n")
    print_table(
        ["phase", "procs", "seconds", "docs/s", "MB text/s", "peak RSS MB", "index MB"], rows
    )
    print()
    for workers in (1, 2):
        if ("index-izde", workers) in seconds and ("index-plain", workers) in seconds:
            ratio = seconds["index-izde", workers] / seconds["index-plain", workers]
            print(f"Izde / plain Whoosh, {workers} proc(s): {ratio:.2f}×")
    if ("index-izde", 1) in seconds and ("index-izde-std", 1) in seconds:
        ratio = seconds["index-izde", 1] / seconds["index-izde-std", 1]
        print(f"morphology overhead: Izde / its schema with StandardAnalyzer = {ratio:.2f}×")
    if ("analyze-izde", 1) in seconds and ("analyze-plain", 1) in seconds:
        ratio = seconds["analyze-izde", 1] / seconds["analyze-plain", 1]
        print(f"analysis alone: Izde / StandardAnalyzer = {ratio:.2f}×")
    for engine in ("tantivy", "fts5"):
        if (engine, 1) in seconds and ("index-plain", 1) in seconds:
            ratio = seconds["index-plain", 1] / seconds[engine, 1]
            print(f"plain Whoosh / {engine} (1 thread) = {ratio:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
