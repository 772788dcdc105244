"""Conflation recall and false-merge rate of a word → search-key function against gold lemmas.

One definition, shared by `bench/eval_morphology.py` and `tests/test_kazakh.py`, so the test
guards exactly the figure the benchmark reports. Items are distinct (form, lemma) pairs after the
project's fold (lowercase, ё → е), restricted to forms the tokenizer reads as one word. Pairs are
counted between items with *different* forms: no per-word normaliser can split one spelling
that has two lemmas.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from math import comb
from pathlib import Path

from search.analysis import WORD, fold

# Not what search keys are made for: punctuation, numbers, symbols; and UD Kazakh's X, the
# nominal halves of light-verb idioms (жүзеге асыру), whose lemma is the form copied unanalysed.
NOT_WORDS = frozenset({"PUNCT", "NUM", "SYM", "X"})


@dataclass(frozen=True)
class Conflation:
    """Pairs of one lemma's forms, and of different lemmas' forms, and how many share a key."""

    same_pairs: int
    same_merged: int
    diff_pairs: int
    diff_merged: int

    @property
    def recall(self) -> float:
        return self.same_merged / self.same_pairs if self.same_pairs else 1.0

    @property
    def false_merge_rate(self) -> float:
        return self.diff_merged / self.diff_pairs if self.diff_pairs else 0.0


def conflation(items: Iterable[tuple[str, str]], key: Callable[[str], str]) -> Conflation:
    """Count the pairs in closed form from group sizes, not by visiting all N² pairs."""
    keyed = [(form, lemma, key(form)) for form, lemma in set(items)]
    per_lemma = Counter(lemma for _, lemma, _ in keyed)
    per_key = Counter(k for _, _, k in keyed)
    per_lemma_key = Counter((lemma, k) for _, lemma, k in keyed)
    # A spelling with two lemmas always shares its key: such pairs are left out of both counts.
    same_form = sum(comb(n, 2) for n in Counter(form for form, _, _ in keyed).values())
    same_pairs = sum(comb(n, 2) for n in per_lemma.values())
    same_merged = sum(comb(n, 2) for n in per_lemma_key.values())
    shared_key = sum(comb(n, 2) for n in per_key.values()) - same_form
    return Conflation(
        same_pairs=same_pairs,
        same_merged=same_merged,
        diff_pairs=comb(len(keyed), 2) - same_form - same_pairs,
        diff_merged=shared_key - same_merged,
    )


def split_lemmas(
    items: Iterable[tuple[str, str]], key: Callable[[str], str]
) -> list[tuple[str, dict[str, list[str]]]]:
    """Lemmas whose forms got several keys, most lost pairs first: where recall goes."""
    return _worst(items, key, by_lemma=True)


def merged_keys(
    items: Iterable[tuple[str, str]], key: Callable[[str], str]
) -> list[tuple[str, dict[str, list[str]]]]:
    """Keys that several lemmas share, most false pairs first: where false merges come from."""
    return _worst(items, key, by_lemma=False)


def _worst(
    items: Iterable[tuple[str, str]], key: Callable[[str], str], by_lemma: bool
) -> list[tuple[str, dict[str, list[str]]]]:
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for form, lemma in sorted(set(items)):
        outer, inner = (lemma, key(form)) if by_lemma else (key(form), lemma)
        groups[outer][inner].append(form)
    mixed = [(name, dict(parts)) for name, parts in groups.items() if len(parts) > 1]
    return sorted(mixed, key=lambda entry: (-_cross_pairs(entry[1]), entry[0]))


def _cross_pairs(parts: dict[str, list[str]]) -> int:
    sizes = [len(forms) for forms in parts.values()]
    return comb(sum(sizes), 2) - sum(comb(n, 2) for n in sizes)


def read_ud(
    path: Path, keep: Callable[[str], bool] = lambda upos: upos not in NOT_WORDS
) -> list[tuple[str, str, str]]:
    """(form, lemma, upos) rows of a UD-derived TSV (form, lemma, upos), folded, for the POS
    tags `keep` accepts; rows with an unknown lemma («_») are left out."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            continue
        form, lemma, upos = line.split("\t")
        if lemma != "_" and keep(upos) and WORD.fullmatch(form):
            rows.append((fold(form), fold(lemma), upos))
    return rows


def read_gold(path: Path) -> list[tuple[str, str]]:
    """(form, lemma) rows of a hand-made gold TSV (form, lemma, ...; «#» starts a comment)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, lemma, *_ = line.split("\t")
            if WORD.fullmatch(form):
                rows.append((fold(form), fold(lemma)))
    return rows
