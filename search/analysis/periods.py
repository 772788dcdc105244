"""Decades: «девяностые», «1990-е», «90-х», "1990s", "nineties" and «1990-жылдары» name one
period, and a year of it is in it.

Reports span decades of a library's history, and a librarian asks for "the nineties" in any of
these spellings, while a report says «в 1997 году». So every way of naming a decade, in text and
in a query, has the period's key (PERIOD + the decade's first year: "~#1990"), and so has every
year of it in indexed text: «девяностые годы» finds «в 1997 году» through the period key, at
the lower weight of a cross-script key. A year in a query has no period key: "1997" asks for
1997, not for the whole decade.

Two-digit decades are read in the twentieth century from the thirties on («90-е», "the 90s");
«20-е» may be the 1920s or the 2020s, and «00-е» and «10-е» are rarely written, so those have none.
"""

from __future__ import annotations

import re

from search.analysis import russian

# Begins with the cross-script mark (keys.CROSS), so a query weighs it like a cross-script key;
# no word contains "#".
PERIOD = "~#"

_SUFFIX = r"(?:s|-(?:е|ые|х|ых|м|ым|ми|ыми|жылдар\w*|жж))"
_FOUR_DIGITS = re.compile(rf"(1[89]|20)(\d)0{_SUFFIX}")
_TWO_DIGITS = re.compile(rf"([3-9])0{_SUFFIX}")
_PLURAL = re.compile(r"(?:ые|ых|ым|ыми)$")  # девяностые, not девяностый "ninetieth"
_RUSSIAN = {
    "тридцатый": 1930,
    "сороковой": 1940,
    "пятидесятый": 1950,
    "шестидесятый": 1960,
    "семидесятый": 1970,
    "восьмидесятый": 1980,
    "девяностый": 1990,
    "двухтысячный": 2000,
}
_RUSSIAN_STARTS = tuple(lemma[:5] for lemma in _RUSSIAN)
_ENGLISH = {
    "thirties": 1930,
    "forties": 1940,
    "fifties": 1950,
    "sixties": 1960,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
}
_YEARS = range(1800, 2100)


def decade(word: str) -> int | None:
    """The first year of the decade a folded word names, or None."""
    if match := _FOUR_DIGITS.fullmatch(word):
        return int(match[1] + match[2] + "0")
    if match := _TWO_DIGITS.fullmatch(word):
        return 1900 + 10 * int(match[1])
    if word in _ENGLISH:
        return _ENGLISH[word]
    # Only a word that begins like one of them is parsed (many plural adjectives end so).
    if word.startswith(_RUSSIAN_STARTS) and _PLURAL.search(word):
        for form in russian.normal_forms(word):
            if form in _RUSSIAN:
                return _RUSSIAN[form]
    return None


def period_keys(word: str, query: bool = False) -> tuple[str, ...]:
    """The period key of a folded word that names a decade, or (in indexed text, not in a
    query) is a year of one."""
    found = decade(word)
    if found is None and not query and len(word) == 4 and word.isascii() and word.isdigit():
        found = int(word) // 10 * 10 if int(word) in _YEARS else None
    return () if found is None else (f"{PERIOD}{found}",)
