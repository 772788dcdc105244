"""Derivational links: which pairs of different words each link brings together, rightly or not.

    python bench/eval_derivation.py [--examples N]

Data: ../shared/data next to the repository (UD extracts and the gold sets; see their SOURCE.md).
A pair is two different lemmas of one dataset that the inflectional keys keep apart (search_keys)
and a link's roots bring together (search.analysis.derivation). In the gold sets (kk_gold.tsv,
en_gold.tsv) a lemma's derivational family is given, so each merged pair is right (same family)
or false; "found" is the share of the gold's same-family pairs that the links merge. UD has no
families: its merged pairs were judged by hand, once, in bench/derivation_judged.tsv (lemma,
lemma, related|unrelated); a pair not judged there is counted as unjudged and printed, so a new
link or a changed stemmer shows what to judge. False-merge rate = false pairs / all pairs of
different lemmas; precision = right / (right + false). A link is used (safe=True in
derivation.py) only if, on every dataset, its precision is at least 0.8 and its false-merge rate
at most 0.005%; "ABOVE THE LIMITS" marks a dataset where it is not.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from math import comb
from pathlib import Path

from conflation import read_ud

from search.analysis import WORD, derivation, fold
from search.analysis.keys import search_keys

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
JUDGED = Path(__file__).resolve().with_name("derivation_judged.tsv")
MAX_FALSE_RATE = 0.00005  # 0.005% of different-lemma pairs
MIN_PRECISION = 0.8  # at most one merged pair in five false
UD_POS = ("NOUN", "PROPN", "ADJ", "VERB", "ADV")


@dataclass
class Tally:
    """Merged lemma pairs of one link on one dataset."""

    right: int = 0
    false: int = 0
    unjudged: int = 0
    pairs: int = 0  # all pairs of different lemmas
    family_pairs: int = 0  # gold only: different lemmas of one family, apart inflectionally
    examples: list[tuple[str, str, str]] | None = None

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.false) if self.right + self.false else 1.0

    @property
    def rate(self) -> float:
        return self.false / self.pairs if self.pairs else 0.0

    def line(self) -> str:
        found = f"   found {self.right}/{self.family_pairs}" if self.family_pairs else ""
        unjudged = f"   unjudged {self.unjudged:>3}" if self.unjudged else ""
        return (
            f"right {self.right:>4}   false {self.false:>3}   precision {self.precision:.2f}   "
            f"false-merge rate {self.rate:.4%}{found}{unjudged}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=0, metavar="N", help="pairs per link")
    args = parser.parse_args()
    judged = read_judged(JUDGED)
    print(f"Shared data: {DATA}\nJudged UD pairs: {JUDGED.name} ({len(judged)} pairs)\n")
    for lang, name in (("kk", "Kazakh"), ("ru", "Russian"), ("en", "English")):
        datasets = []
        gold = DATA / "gold" / f"{lang}_gold.tsv"
        if gold.exists():
            datasets.append((gold.name, read_gold_families(gold)))
        ud = DATA / "ud" / f"{lang}.tsv"
        if ud.exists():
            rows = read_ud(ud, lambda upos: upos in UD_POS)
            datasets.append((f"UD {lang}.tsv", [(form, lemma, None) for form, lemma, _ in rows]))
        print(f"{name} ({', '.join(d for d, _ in datasets) or 'no data'}):")
        for link in (*derivation.LINKS[lang], None):
            links = (link,) if link else tuple(x for x in derivation.LINKS[lang] if x.safe)
            title = f"{link.name}{'' if link.safe else ' (not used)'}" if link else "all used"
            print(f"  {title}")
            for dataset, items in datasets:
                tally = measure(items, lang, links, judged, args.examples)
                meets = tally.precision >= MIN_PRECISION and tally.rate <= MAX_FALSE_RATE
                verdict = "" if meets else "   ABOVE THE LIMITS"
                print(f"    {dataset:<14}{tally.line()}{verdict}")
                for a, b, verdict in tally.examples or []:
                    print(f"      {verdict:<9} {a} ~ {b}")
        print()


def measure(
    items: list[tuple[str, str, str | None]],
    lang: str,
    links: tuple[derivation.Link, ...],
    judged: dict[frozenset[str], bool],
    examples: int,
) -> Tally:
    """Merged pairs of different lemmas: sharing a root, not an inflectional key."""
    keys: dict[str, set[str]] = defaultdict(set)
    roots: dict[str, set[str]] = defaultdict(set)
    family: dict[str, str | None] = {}
    for form, lemma, fam in items:
        exact = search_keys(form, lang)
        keys[lemma].update(exact)
        roots[lemma].update(derivation.root(key, lang, links) for key in exact)
        family[lemma] = fam
    by_root: dict[str, set[str]] = defaultdict(set)
    for lemma, lemma_roots in roots.items():
        for root in lemma_roots:
            by_root[root].add(lemma)
    merged = {
        frozenset(pair)
        for lemmas in by_root.values()
        for pair in combinations(sorted(lemmas), 2)
        if not keys[pair[0]] & keys[pair[1]]
    }
    tally = Tally(pairs=comb(len(keys), 2), examples=[] if examples else None)
    gold = any(fam is not None for fam in family.values())
    if gold:
        tally.family_pairs = sum(
            1
            for a, b in combinations(sorted(keys), 2)
            if family[a] == family[b] and not keys[a] & keys[b]
        )
    for pair in sorted(merged, key=sorted):
        a, b = sorted(pair)
        if gold:
            verdict = "right" if family[a] == family[b] else "false"
        else:
            verdict = {True: "right", False: "false"}.get(judged.get(pair), "unjudged")  # type: ignore[arg-type]
        setattr(tally, verdict, getattr(tally, verdict) + 1)
        if tally.examples is not None and (verdict != "right" or len(tally.examples) < examples):
            tally.examples.append((a, b, verdict))
    return tally


def read_gold_families(path: Path) -> list[tuple[str, str, str | None]]:
    """(form, lemma, family) rows of a gold TSV whose third column is the family."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, lemma, family, *_ = line.split("\t")
            if WORD.fullmatch(form):
                rows.append((fold(form), fold(lemma), fold(family)))
    return rows


def read_judged(path: Path) -> dict[frozenset[str], bool]:
    """Hand judgements of UD pairs: lemma, lemma, related|unrelated; «#» starts a comment."""
    verdicts: Callable[[str], bool] = {"related": True, "unrelated": False}.__getitem__
    judged = {}
    if not path.exists():
        return judged
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        a, b, verdict = line.split("\t")[:3]
        try:
            judged[frozenset((a, b))] = verdicts(verdict.strip())
        except KeyError:
            raise SystemExit(f"{path.name}:{number}: want related or unrelated: {line!r}") from None
    return judged


if __name__ == "__main__":
    main()
