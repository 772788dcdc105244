"""Filters: case folding and per-language normalisation to search keys.

Filters are module-level classes holding only plain data, so that a chain can be pickled (to a
worker process, or by an engine); the per-word caches live in the normaliser functions, not in
the filter objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from search.analysis.chain import Filter, Token
from search.analysis.keys import index_keys
from search.analysis.translit import repair_mixed


class FoldFilter(Filter):
    """One script per word, lowercase, ё → е, typographic apostrophes → ASCII: spellings a
    searcher treats as equal."""

    per_word = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            # Remembered for NormalizeFilter: capitals mark the names in English text.
            token.capital = token.text[:1].isupper()
            token.text = fold(token.text)
            yield token


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """The case-and-spelling fold applied to every token before normalisation.

    Look-alike letters of the other script are repaired first («кiтап» typed with a Latin i);
    the 2021 Kazakh capital İ lowercases to i plus a combining dot, which goes. Remembered per
    word: indexing folds every token, and a collection's words repeat.
    """
    folded = repair_mixed(word).lower().replace("ё", "е").replace("i̇", "i")
    return folded.replace("’", "'").replace("ʼ", "'")


class NormalizeFilter(Filter):
    """Replace each token by its search key(s) for one language ("kk", "ru", "en" or "any").

    Several keys (an ambiguous Russian form, the cross-script keys that follow the exact ones)
    are emitted at the same position and offsets. A query word gets the cross-script keys of
    every reading, since its language is unknown (see `cross_keys`).
    """

    per_word = True

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        lang = self.lang
        for token in tokens:
            keys = index_keys(
                token.text, lang, token.mode == "query", getattr(token, "capital", True)
            )
            token.text = keys[0]
            yield token
            for key in keys[1:]:
                token.text = key
                yield token
