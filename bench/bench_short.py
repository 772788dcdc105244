"""Short reports: `izde index` against bare Whoosh on the same text, in one run.

Usage::

    python bench/bench_short.py                 # 3,000 reports of 14 sentences, 2 workers
    python bench/bench_short.py --n 1000 --workers 1

Most reports a library uploads are short, so the fixed cost per report (the hand-off to a worker
and back, language per paragraph, cross-script keys, events and dates, the writer) weighs more
there than in `bench_index`'s 400-word reports. The reports are UTF-8 text files, recombined
from the sample corpus's sentences by bench/generate_corpus.py (kk/ru/en in its proportions,
deterministic: report i depends only on i), each a title and 14 sentences in paragraphs of
three or four. `izde` is `Indexer.run` into an empty index, the real thing; `whoosh` reads the
same files and indexes their title and text with StandardAnalyzer (the text stored), one
writer process, as a new user would try it. Each runs in a fresh child process (peak RSS is its
own or its largest worker's), `--repeat` times, alternating, since a shared machine's load
moves a single run's ratio by ±20%.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
from pathlib import Path

import generate_corpus
from common import DEFAULT_WORKDIR, Timer, print_table, run_child, stop_fork_server

SENTENCES = 14


def write_reports(out: Path, n: int) -> None:
    """Write `n` short reports into `out` (once; a finished folder is reused)."""
    done = out / generate_corpus.DONE
    if done.exists():
        return
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    pools = generate_corpus.pools()
    weights = generate_corpus.LANG_WEIGHTS
    for i in range(n):
        rng = random.Random(f"izde-short-{i}")
        lang = rng.choices(list(weights), weights=list(weights.values()))[0]
        pool = pools[lang]
        year = rng.randint(generate_corpus.FIRST_YEAR, generate_corpus.LAST_YEAR)

        def vary(text: str, rng: random.Random = rng, year: int = year, lang: str = lang) -> str:
            return generate_corpus._vary(text, rng, year, lang)

        sentences = [vary(rng.choice(pool.sentences)) for _ in range(SENTENCES)]
        paragraphs, start = [], 0
        while start < len(sentences):
            size = rng.choice((3, 4))
            paragraphs.append(" ".join(sentences[start : start + size]))
            start += size
        text = vary(rng.choice(pool.titles)) + "\n\n" + "\n\n".join(paragraphs) + "\n"
        (out / f"{lang}-{year}-{i:05d}.txt").write_text(text, encoding="utf-8")
    done.touch()


def izde(folder: Path, index: Path, workers: int) -> dict:
    from search.config import Settings
    from search.indexer import Indexer

    shutil.rmtree(index, ignore_errors=True)
    with Timer() as timer:
        report = Indexer(Settings(index_dir=index, workers=workers)).run([folder])
    stop_fork_server()  # so that the workers' peak RSS counts in this child's
    return {"seconds": timer.seconds, "docs": len(report.added)}


def whoosh(folder: Path, index: Path) -> dict:
    from whoosh import index as whoosh_index
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    shutil.rmtree(index, ignore_errors=True)
    index.mkdir(parents=True)
    schema = Schema(
        path=ID(stored=True, unique=True),
        title=TEXT(analyzer=StandardAnalyzer(), stored=True, phrase=True),
        body=TEXT(analyzer=StandardAnalyzer(), stored=True, phrase=True),
    )
    docs = 0
    with Timer() as timer:
        writer = whoosh_index.create_in(str(index), schema).writer()
        for path in sorted(folder.glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
            writer.add_document(path=path.name, title=title, body=body)
            docs += 1
        writer.commit()
    return {"seconds": timer.seconds, "docs": docs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="reports")
    parser.add_argument("--workers", type=int, default=2, help="Izde's worker processes")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # in a child: run this one
    args = parser.parse_args(argv)
    folder = args.workdir / f"short-{args.n}"
    index = args.workdir / f"index-short-{args.n}-{args.phase}"
    if args.phase:
        import json

        result = (
            izde(folder, index, args.workers) if args.phase == "izde" else whoosh(folder, index)
        )
        shutil.rmtree(index, ignore_errors=True)
        print(json.dumps(result))
        return 0
    write_reports(folder, args.n)
    rows, seconds, ratios = [], {"whoosh": [], "izde": []}, []
    for _ in range(args.repeat):
        for name in ("whoosh", "izde"):  # one after the other, under the same load
            child = [__file__, "--n", str(args.n), "--workdir", str(args.workdir)]
            child += ["--workers", str(args.workers), "--phase", name]
            result, rss = run_child(child)
            seconds[name].append(result["seconds"])
            procs = args.workers if name == "izde" else 1
            rows.append([name, procs, result["docs"], result["seconds"], rss])
            print(f"{name}: {result['seconds']:.1f} s", file=sys.stderr)
        ratios.append(seconds["izde"][-1] / seconds["whoosh"][-1])
    print(f"\n{args.n} short text reports ({SENTENCES} sentences each)\n")
    print_table(["indexer", "procs", "docs", "seconds", "peak RSS MB"], rows)
    print(f"\nizde / bare Whoosh, each run: {', '.join(f'{r:.2f}×' for r in ratios)}")
    ours, bare = statistics.median(seconds["izde"]), statistics.median(seconds["whoosh"])
    print(f"medians: izde {ours:.1f} s, bare Whoosh {bare:.1f} s: {ours / bare:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
