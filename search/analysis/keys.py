"""The search key(s) of one folded word, by the language of the text it came from.

Routing is by script as well as by language: Latin words inside a Kazakh or Russian paragraph are
English (or names), Cyrillic words with a Kazakh letter are Kazakh even inside a Russian paragraph,
so pymorphy3 never sees Kazakh or Latin input. "any" (titles, whose language is often unclear)
gives the union of the Kazakh and Russian keys of a Cyrillic word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from search.analysis import english, kazakh, russian

_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]")
_CYRILLIC = re.compile(r"[а-яәғқңөұүһі]")
_LATIN = re.compile(r"[a-z]")


@lru_cache(maxsize=500_000)
def search_keys(word: str, lang: str) -> tuple[str, ...]:
    """Keys for a folded word (see `FoldFilter`); the first is the preferred one."""
    if word.isdigit():
        return (word,)
    if _CYRILLIC.search(word):
        if lang == "kk" or _KAZAKH_LETTERS.search(word):
            return (kazakh.stem(word),)
        if lang == "any":
            return tuple(dict.fromkeys((*russian.normal_forms(word), kazakh.stem(word))))
        return russian.normal_forms(word)
    if _LATIN.search(word):
        return (english.stem(word),)
    return (word,)
