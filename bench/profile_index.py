"""Where indexing time goes, stage by stage, in one process: CPU per report.

Usage::

    python bench/profile_index.py --short 3000          # bench_short's reports
    python bench/profile_index.py --mixed 2000          # the benchmark corpus (PDF/DOCX/TXT)

`Indexer.run` spreads a report over worker processes, a writer and a commit thread, so its
profile is mostly waiting; here each stage runs alone, one report after another, as the
worker's task and the writer run them: read (the file's bytes), extract (to text), language
(per paragraph), analysis of each text field (tokens, folding and search keys, cross-script ones
included), events (event types), transfer (pickling the worker's outcome and unpickling it, as
the pipe does), fields (the rest of the index document), write (the writer's `add`), commit
(batches growing as the indexer's do up to `Settings.batch_size`, segments written, merges
included). Its parts, arrays (the
posting arrays beside each segment) and reading merged segments, are their shares of the
commits' time as cProfile measures it in a second pass over the same documents. Figures are
milliseconds per report, total seconds and share.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pickle
import pstats
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from common import DEFAULT_WORKDIR, corpus, print_table

from search import documents, language
from search.config import Settings
from search.engine import engine
from search.engine.whoosh.writer import BatchSizes
from search.events import event_types
from search.extract import extract
from search.extract.base import Document
from search.generations import new_generation
from search.sources import find_files
from search.workers import Extracted

# Whether the writer finds the event types (index_fields, as Izde did before the workers did):
# the script also profiles older versions.
LATE_EVENTS = "events" not in {field.name for field in dataclasses.fields(Document)}


def _parts(stats: pstats.Stats) -> tuple[float, float, float]:
    """Seconds of the commits in the arrays writer (its functions' own time, its helpers' whole
    time), in reading merged segments (their documents copied, their postings decoded), and in
    all."""
    arrays = merging = whole = 0.0
    for (filename, _, name), (_, _, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if filename.endswith("arrays.py"):
            entire = name in ("_flush", "write", "term_key", "_decoded", "merge", "_merged")
            arrays += cumulative if entire else own
        elif name in ("add_reader", "_process_posts"):
            merging += cumulative
        elif name == "commit" and "whoosh/writer.py" in filename:
            whole += cumulative
    return arrays, merging, whole


def profile(paths: list[Path], out: Path, batch_size: int) -> dict[str, float]:
    """Seconds per stage over `paths`."""
    seconds: dict[str, float] = defaultdict(float)

    def timed(stage: str, run: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = run()
        seconds[stage] += time.perf_counter() - started
        return result

    files, _ = find_files(sorted({path.parent for path in paths}))
    sources = {source.path: source for source in files}
    written = []
    writer = _Writing(out, batch_size)
    for path in paths:
        started = time.perf_counter()
        path.read_bytes()
        read = time.perf_counter() - started
        seconds["read"] += read
        started = time.perf_counter()
        doc = extract(path)
        seconds["extract"] += time.perf_counter() - started - read  # it reads the file too
        timed("language", lambda doc=doc: language.annotate(doc))
        postings = {}
        for name, value in documents.text_fields(doc).items():
            postings[name] = timed(
                f"analysis: {name}", lambda n=name, v=value: engine().analyse(n, v)
            )
        doc.postings = postings
        started = time.perf_counter()
        events = event_types(doc.title, doc.text)
        spent = time.perf_counter() - started
        seconds["events"] += spent
        if LATE_EVENTS:
            seconds["fields"] -= spent  # index_fields finds them again: counted once
        else:
            doc.events = events  # as the worker does
        sent = timed("transfer", lambda doc=doc: pickle.loads(pickle.dumps(Extracted(doc))))
        doc = sent.doc  # type: ignore[attr-defined]
        source = sources[path]
        fields = timed("fields", lambda s=source, d=doc: documents.index_fields(s, d))
        written.append((fields, doc.postings))
        timed("write", lambda f=fields, p=doc.postings: writer.add(f, p))
        timed("commit", lambda: writer.commit(len(written) == len(paths)))
    # Again, the commits under cProfile, for the shares of their parts (the profiler slows
    # calls down, so its own total is not the commit's time).
    writer = _Writing(out, batch_size)
    profiler = cProfile.Profile()
    for n, (fields, postings) in enumerate(written, 1):
        writer.add(fields, postings)
        profiler.enable()
        writer.commit(n == len(written))
        profiler.disable()
    arrays, merging, whole = _parts(pstats.Stats(profiler))
    seconds["  of which arrays"] = seconds["commit"] * arrays / whole
    seconds["  of which reading merged segments"] = seconds["commit"] * merging / whole
    shutil.rmtree(out, ignore_errors=True)
    return dict(seconds)


class _Writing:
    """A new index written in batches, each committed (and merged) as the indexer does, the
    batches growing as the indexer's do (BatchSizes)."""

    def __init__(self, out: Path, batch_size: int) -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        self.generation = out / new_generation(out, engine().create)
        self.writer = engine().writer(self.generation)
        self.pending = 0
        self.sizes = BatchSizes(batch_size)

    def add(self, fields: dict, postings: dict) -> None:
        self.writer.add(fields, postings)
        self.pending += 1

    def commit(self, last: bool) -> None:
        if self.sizes.full(self.pending, self.writer) or last:
            self.writer.commit()
            self.writer, self.pending = engine().writer(self.generation), 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=int, default=0, help="bench_short's first N reports")
    parser.add_argument("--mixed", type=int, default=0, help="the corpus's first N (×1000)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(argv)
    if args.short:
        import bench_short

        folder = args.workdir / "short-3000"
        bench_short.write_reports(folder, 3000)
        paths = sorted(folder.glob("*.txt"))[: args.short]
        what = f"{len(paths)} short text reports"
    else:
        roots = corpus(args.workdir, args.mixed)
        paths = [source.path for source in find_files(roots)[0]]
        what = f"{len(paths)} mixed reports (PDF/DOCX/TXT)"
    extract(paths[0])  # imports
    language.annotate(extract(paths[0]))
    seconds = profile(paths, args.workdir / "index-profile", Settings(Path()).batch_size)
    total = sum(value for stage, value in seconds.items() if not stage.startswith(" "))
    order = ["read", "extract", "language", *sorted(s for s in seconds if s.startswith("anal"))]
    order += ["events", "transfer", "fields", "write", "commit"]
    order += [s for s in seconds if s.startswith(" ")]
    rows = [
        [
            stage,
            1000 * seconds[stage] / len(paths),
            seconds[stage],
            f"{100 * seconds[stage] / total:.0f}%",
        ]
        for stage in order
    ]
    rows.append(["total", 1000 * total / len(paths), total, "100%"])
    print(f"\n{what}, one process, one stage after another\n")
    print_table(["stage", "ms/report", "seconds", "share"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
