"""What the thesaurus costs: load time and memory at first use, and query expansion time.

Usage::

    python bench/bench_thesaurus.py [--queries 2000] [--seed 1]

Load is measured in fresh child processes, after the analysers are loaded (pymorphy3's
dictionary is paid by the first query in any case): once for the core file alone, as the
thesaurus was before the domain files, and once for all files. A server pays it once, at its
first query; `izde search` pays it on every run that expands.

Expansion is timed on the query parser without the thesaurus, with the core file alone and with
all files, over queries made
from the reports' own text (runs of 1–4 words cut from corpus/ report lines, as a librarian
might type them), so no evaluation query is involved; it also prints how many alternatives the
widest single word gets, against the parser's cap.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from thesaurus_vocab import CORPUS, report_texts  # noqa: E402

from search.analysis import WORD  # noqa: E402
from search.config import Settings  # noqa: E402
from search.engine.whoosh.expansion import ExpansionPlugin  # noqa: E402
from search.engine.whoosh.parser import Parser  # noqa: E402
from search.thesaurus import DATA, parse, thesaurus  # noqa: E402

# Run in a child: load the analysers, then time the thesaurus's own load and its memory.
CHILD = """
import json, resource, sys, time
from search.analysis import russian, english, kazakh
russian.normal_forms("книга"); english.stem("books"); kazakh.stem("кітаптар")
from search import thesaurus as t
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if sys.argv[1] == "core":
    with t.DATA.open(encoding="utf-8") as f:
        th = t.parse(f.readlines())
else:
    th = t.thesaurus()
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
terms = sum(len(c.terms) for c in th.concepts)
print(json.dumps({"concepts": len(th.concepts), "terms": terms, "seconds": seconds,
                  "rss_mb": (after - before) / 1024}))
"""


def load(which: str, runs: int = 3) -> dict:
    """The best of `runs` fresh loads, with the memory of that run."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, which],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        results.append(json.loads(out.stdout))
    return min(results, key=lambda r: r["seconds"])


def queries(n: int, seed: int) -> list[str]:
    """`n` runs of 1–4 words from the lines of the sample reports."""
    rng = random.Random(seed)
    lines = [
        words
        for text in report_texts(CORPUS)
        for line in text.splitlines()
        if len(words := WORD.findall(line)) >= 4
    ]
    out = []
    for _ in range(n):
        words = rng.choice(lines)
        size = rng.randint(1, 4)
        start = rng.randrange(len(words) - size + 1)
        out.append(" ".join(words[start : start + size]))
    return out


def parse_times(texts: list[str], expand: bool) -> list[float]:
    parser = Parser(Settings(index_dir=ROOT / "index"), expand=expand)
    times = []
    for text in texts:
        start = time.perf_counter()
        parser.parse(text)
        times.append(time.perf_counter() - start)
    return times


def match_time(used, texts: list[str]) -> float:
    """Seconds per query to look up every word position of `texts` in the thesaurus `used`
    (best of three passes after a warm one): the expansion's own cost, without the parser."""
    split = [WORD.findall(text) for text in texts]
    best = float("inf")
    for run in range(4):
        start = time.perf_counter()
        for words in split:
            for i in range(len(words)):
                used.match(words, i)
        if run:
            best = min(best, time.perf_counter() - start)
    return best / len(texts)


def percentile(values: list[float], share: float) -> float:
    return sorted(values)[min(len(values) - 1, int(share * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print("load at first use (fresh process, analysers already loaded; best of 3):")
    for which, label in (("core", "core file only"), ("all", "all files")):
        r = load(which)
        print(
            f"  {label:15s} {r['concepts']:5d} concepts {r['terms']:6d} terms  "
            f"{r['seconds'] * 1000:7.0f} ms  +{r['rss_mb']:.1f} MB RSS"
        )

    texts = queries(args.queries, args.seed)
    with DATA.open(encoding="utf-8") as file:
        core = parse(file.readlines(), DATA.name)
    thesaurus()  # loaded before timing, as in a running server
    parse_times(texts[:50], True)  # warm the analysers' caches for every run alike
    runs = (
        ("without expansion", False, thesaurus()),
        ("expanding, core file only", True, core),
        ("expanding, all files", True, thesaurus()),
    )
    for label, expand, used in runs:
        with mock.patch("search.engine.whoosh.expansion.thesaurus", return_value=used):
            times = parse_times(texts, expand)
        print(
            f"parse {label:26s} mean {statistics.mean(times) * 1000:.2f} ms, "
            f"p95 {percentile(times, 0.95) * 1000:.2f} ms, "
            f"max {max(times) * 1000:.2f} ms over {len(times)} queries"
        )
    for label, used in (("core file only", core), ("all files", thesaurus())):
        print(f"thesaurus lookup, {label:15s} {match_time(used, texts) * 1e6:.0f} µs per query")
    expanded = [thesaurus().match(WORD.findall(t)) for t in texts]
    hits = sum(1 for m in expanded if m.size)
    widest = max(
        len(thesaurus().match([term.text]).expansions())
        for concept in thesaurus().concepts
        for term in concept.terms
        if len(WORD.findall(term.text)) == 1
    )
    print(
        f"queries whose first word begins a term: {hits} of {len(texts)}; "
        f"widest single-word expansion: {widest} alternatives "
        f"(the parser keeps at most {ExpansionPlugin.LIMIT} per concept clause)"
    )


if __name__ == "__main__":
    main()
