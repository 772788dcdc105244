"""Russian normalisation: every distinct pymorphy3 normal form of a word.

An ambiguous form («стали» = сталь | стать) yields all of its normal forms, so a query for either
lemma finds it; the analyzer puts them at the same position. Only Cyrillic words without Kazakh
letters reach pymorphy3: its guesser would invent lemmas for Kazakh (кітапхана → «кітапхать») or
Latin input.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pymorphy3

_RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    # Loading the dictionaries takes ~0.3 s and ~15 MB: do it once, on first use.
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def normal_forms(word: str) -> tuple[str, ...]:
    """All distinct normal forms of a lowercase word (ё already folded to е), best parse first.

    Words that are not plain Russian Cyrillic are returned unchanged. A word the dictionary does
    not know (a surname, a new term) also keeps itself as a key: the guesser reads «Торайгыров»
    as the plural genitive of «торайгыр», while «Торайгырова» gives «торайгыров», and the word as
    written is what lets the two meet.
    """
    if not _RUSSIAN_WORD.fullmatch(word):
        return (word,)
    analyzer = _analyzer()
    forms: list[str] = []
    for parse in analyzer.parse(word):
        form = parse.normal_form.replace("ё", "е")
        if form not in forms:
            forms.append(form)
    if word not in forms and not analyzer.word_is_known(word):
        forms.append(word)
    return tuple(forms) or (word,)


_PROPER = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn", "Trad"))


@lru_cache(maxsize=200_000)
def is_name(word: str) -> bool:
    """Whether a lowercase Russian word may be a name: a parse says so (Павлодара, Абая), or the
    dictionary does not know the word (Торайгырова, Ерлан). Only names need cross-script keys in
    Russian text: "Toraigyrov" must find «Торайгырова», "biblioteka" need not find «библиотека»."""
    if not _RUSSIAN_WORD.fullmatch(word):
        return False
    analyzer = _analyzer()
    if not analyzer.word_is_known(word):
        return True
    return any(_PROPER.intersection(parse.tag.grammemes) for parse in analyzer.parse(word))
