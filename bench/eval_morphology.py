"""Morphology benchmark: how well each language's search keys bring inflected forms together.

    python bench/eval_morphology.py [--examples N]

Data: ../shared/data next to the repository (UD extracts and small gold sets; see their
SOURCE.md); a dataset that is absent is skipped with a message. Items are distinct
(form, lemma) pairs after lowercase and ё → е, limited to forms the tokenizer reads as one word
(no «г.», no multiword UD tokens); UD rows tagged PUNCT, NUM, SYM or X are left out (X in UD
Kazakh is unlemmatised idiom halves). Recall = same-lemma pairs of distinct forms that share a
key; false merges = different-lemma pairs that share one.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from conflation import conflation, merged_keys, read_gold, read_ud, split_lemmas

from search.analysis import WORD, english, fold, kazakh, russian

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
RECALL_TARGET, FALSE_MERGE_TARGET, RUSSIAN_TARGET = 0.90, 0.005, 0.95
UD_KAZAKH_POS = ("NOUN", "PROPN", "ADJ", "VERB", "AUX", "PRON")
RUSSIAN_POS = ("NOUN", "PROPN", "VERB", "ADJ", "ADV")  # content words; lemma conventions differ
_CYRILLIC = re.compile(r"[а-яәғқңөұүһі]")
T = TypeVar("T")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=0, metavar="N", help="show N worst Kazakh lemmas and keys"
    )
    args = parser.parse_args()
    print(f"Shared data: {DATA}\n")
    kazakh_section(args.examples)
    russian_section()
    english_section()
    throughput()


def kazakh_section(examples: int) -> None:
    print(
        f"Kazakh: search.analysis.kazakh.stem "
        f"(targets: recall ≥ {RECALL_TARGET:.2f}, false merges ≤ {FALSE_MERGE_TARGET:.1%})"
    )
    gold = _dataset("gold/kk_gold.tsv", read_gold)
    ud = _dataset("ud/kk.tsv", read_ud)
    if gold is not None:
        _conflation_line("kk_gold.tsv", gold, kazakh.stem, targets=True)
    if ud is not None:
        _conflation_line("UD kk.tsv", [(form, lemma) for form, lemma, _ in ud], kazakh.stem, True)
        print("    by UD tag (pairs among the rows with that tag):")
        for pos in UD_KAZAKH_POS:
            subset = [(form, lemma) for form, lemma, upos in ud if upos == pos]
            _conflation_line(f"  UD {pos}", subset, kazakh.stem)
    datasets = (("kk_gold.tsv", gold), ("UD kk.tsv", ud and [(f, lemma) for f, lemma, _ in ud]))
    for name, items in datasets:
        if examples and items:
            print(f"\n  {name}: lemmas split over several keys (most lost pairs first)")
            for lemma, keys in split_lemmas(items, kazakh.stem)[:examples] or [("none", {})]:
                print(f"    {lemma}: {_groups(keys)}")
            print(f"  {name}: keys shared by several lemmas (most false pairs first)")
            for key, lemmas in merged_keys(items, kazakh.stem)[:examples] or [("none", {})]:
                print(f"    {key}: {_groups(lemmas)}")
    print()


def russian_section() -> None:
    print("Russian: search.analysis.russian.normal_forms (pymorphy3) against UD ru.tsv lemmas,")
    print(f"  running words tagged {', '.join(RUSSIAN_POS)}; target ≥ {RUSSIAN_TARGET:.2f}.")
    print("  UD's lemma conventions differ for some classes (participle or short adjective →")
    print("  its adjective, должна → должен), and unknown names are pymorphy3 guesses.")
    ud = _dataset("ud/ru.tsv", lambda path: read_ud(path, lambda upos: upos in RUSSIAN_POS))
    if ud is None:
        print()
        return
    first, any_form, total = Counter[str](), Counter[str](), Counter[str]()
    for form, lemma, upos in ud:
        forms = russian.normal_forms(form)
        for pos in (upos, "all"):
            total[pos] += 1
            first[pos] += forms[0] == lemma
            any_form[pos] += lemma in forms
    print(f"  {'POS':<8}{'words':>7}{'first form':>12}{'any form':>10}")
    for pos in (*RUSSIAN_POS, "all"):
        print(
            f"  {pos:<8}{total[pos]:>7}{_ratio(first[pos], total[pos]):>12}"
            f"{_ratio(any_form[pos], total[pos]):>10}"
        )
    goal = RUSSIAN_TARGET * total["all"]
    print(f"  first form: {_verdict(first['all'] >= goal)}; ", end="")
    print(f"any form (the index holds them all): {_verdict(any_form['all'] >= goal)}\n")


def english_section() -> None:
    print("English: search.analysis.english.stem (British → American fold, then Snowball)")
    gold = _dataset("gold/en_gold.tsv", read_gold)
    ud = _dataset("ud/en.tsv", read_ud)
    if gold is not None:
        _conflation_line("en_gold.tsv", gold, english.stem)
    if ud is not None:
        _conflation_line("UD en.tsv", [(form, lemma) for form, lemma, _ in ud], english.stem)
    print()


def throughput() -> None:
    path = DATA / "ud" / "kk-sentences.txt"
    if not path.exists():
        print(f"Throughput: {path} is absent, skipped")
        return
    text = path.read_text(encoding="utf-8")
    words = sorted(
        {fold(m.group()) for m in WORD.finditer(text) if _CYRILLIC.search(fold(m.group()))}
    )
    kazakh.stem.cache_clear()
    start = time.perf_counter()
    for word in words:
        kazakh.stem(word)
    seconds = time.perf_counter() - start
    print(
        f"Throughput: kazakh.stem, cold cache, {len(words)} distinct words of the UD Kazakh "
        f"sentences: {len(words) / seconds:,.0f} words/s"
    )


def _dataset(relative: str, read: Callable[[Path], T]) -> T | None:
    path = DATA / relative
    if not path.exists():
        print(f"  {relative}: absent, skipped")
        return None
    return read(path)


def _conflation_line(
    name: str, items: list[tuple[str, str]], key: Callable[[str], str], targets: bool = False
) -> None:
    result = conflation(items, key)
    forms, lemmas = len({form for form, _ in items}), len({lemma for _, lemma in items})
    line = (
        f"  {name:<14}{forms:>6} forms {lemmas:>5} lemmas   "
        f"recall {result.recall:.3f} ({result.same_merged:,}/{result.same_pairs:,} pairs)   "
        f"false merges {result.false_merge_rate:.3%} ({result.diff_merged:,}/{result.diff_pairs:,})"
    )
    if targets:
        met = result.recall >= RECALL_TARGET and result.false_merge_rate <= FALSE_MERGE_TARGET
        line += f"   {_verdict(met)}"
    print(line)


def _groups(parts: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} ← {', '.join(forms)}" for name, forms in parts.items())


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "-"


def _verdict(met: bool) -> str:
    return "target met" if met else "TARGET MISSED"


if __name__ == "__main__":
    main()
