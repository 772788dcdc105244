"""Accuracy and speed of `search.language.detect` on the labelled set and on UD sentences.

Run from the repository root: `python bench/eval_langid.py [--errors]`. The labelled set
(bench/eval/langid.tsv) is library-report strings written for this project, with its hard
cases; the Universal Dependencies sentences (../shared/data/ud/<lang>-sentences.txt, when
present: Wikipedia, news, folk tales, web text) check the rules on text from elsewhere.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from pathlib import Path

from search import language

ROOT = Path(__file__).resolve().parents[1]
EVAL_SET = ROOT / "bench" / "eval" / "langid.tsv"
UD_DIR = ROOT.parent / "shared" / "data" / "ud"


def load_eval_set(path: Path = EVAL_SET) -> list[tuple[str, str, str]]:
    """(lang, category, text) rows of the labelled set."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["lang"], row["category"], row["text"])
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def load_ud(directory: Path = UD_DIR) -> list[tuple[str, str, str]]:
    """(lang, "ud-<lang>", sentence) rows; empty when the UD files are not there."""
    rows = []
    for lang in language.LANGUAGES:
        path = directory / f"{lang}-sentences.txt"
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            # Lines without a letter ("------", phone numbers) have no language to find.
            rows += [(lang, f"ud-{lang}", line) for line in lines if any(map(str.isalpha, line))]
    return rows


def score(rows: list[tuple[str, str, str]]) -> dict[str, tuple[int, int]]:
    """(n, correct) per category and "overall"."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for lang, category, text in rows:
        hit = language.detect(text) == lang
        for key in (category, "overall"):
            totals[key][0] += 1
            totals[key][1] += hit
    return {key: (n, correct) for key, (n, correct) in totals.items()}


def print_table(title: str, rows: list[tuple[str, str, str]], errors: bool) -> None:
    print(f"\n{title}")
    print(f"{'category':<14}{'n':>6}{'correct':>9}{'accuracy':>10}")
    for key, (n, correct) in sorted(score(rows).items(), key=lambda item: item[0] == "overall"):
        print(f"{key:<14}{n:>6}{correct:>9}{correct / n:>10.1%}")
    if errors:
        for lang, category, text in rows:
            found = language.detect(text)
            if found != lang:
                print(f"  {category}: expected {lang}, got {found}: {text}")


def throughput(texts: list[str], cold: bool, seconds: float = 1.0) -> float:
    """Strings per second; `cold` empties the per-word cache before every pass (unseen words)."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        if cold:
            language._word_vote.cache_clear()
        for text in texts:
            language.detect(text)
        done += len(texts)
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the misdetected strings")
    args = parser.parse_args()
    rows = load_eval_set(EVAL_SET)
    print_table(f"Labelled set: {EVAL_SET.relative_to(ROOT)}", rows, args.errors)
    ud = load_ud(UD_DIR)
    if ud:
        print_table(f"UD sentences, text from elsewhere: {UD_DIR}", ud, args.errors)
    else:
        print(f"\nUD sentences: skipped, no UD sentence files in {UD_DIR}")
    texts = [text for _, _, text in rows + ud]
    size = sum(map(len, texts)) / len(texts)
    print(f"\nThroughput on {len(texts)} strings of {size:.0f} characters on average:")
    for cold in (True, False):
        rate = throughput(texts, cold)
        label = "unseen words" if cold else "words seen before"
        print(f"  {label:<18} {rate:>9,.0f} strings/s {rate * size / 1e6:>6.1f} M characters/s")


if __name__ == "__main__":
    main()
