"""The search key(s) of one folded word, by the language of the text it came from.

Routing is by script as well as by language: Cyrillic words with a Kazakh letter are Kazakh even
inside a Russian paragraph, so pymorphy3 never sees Kazakh or Latin input; Latin words are English
(or names), except Latin-script Kazakh in a Kazakh paragraph or title («kıtaphanalardyñ», with a
letter only the 2021 alphabet has; in a Kazakh paragraph also the 2018 and 2017 alphabets'
«kitaphanalardyń», «kitaphanalardyn'»), which goes through Cyrillic to the Kazakh stemmer and so
gets the same key as «кітапханалардың». "any" (titles, whose language is often unclear) gives the
union of the Kazakh and Russian keys of a Cyrillic word.

Besides these exact keys a word has cross-script keys (`cross_keys`): the phonetic key of its
normal form, marked with CROSS, so that «Торайғыров», «Торайгырова» and "Toraigyrov" meet (see
translit.py). Every Kazakh word has one, and the names in Russian and English text; a query asks
for them at a lower weight than the exact keys.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from search.analysis import derivation, english, kazakh, periods, places, russian, translit
from search.analysis.function_words import FUNCTION_WORDS

# Marks a cross-script key; no word contains it, so the two kinds of key never collide. A
# derivational-family key (derivation.DERIV) begins with it too, and with a "^" after it.
CROSS = "~"
DERIV = derivation.DERIV
PERIOD = periods.PERIOD
assert DERIV.startswith(CROSS) and PERIOD.startswith(CROSS)

_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]")
_CYRILLIC = re.compile(r"[а-яәғқңөұүһі]")
_LATIN = re.compile(r"[a-zäğıñöūüşçáóúýǵń]")
# In a Kazakh paragraph a q not in "qu" is Kazakh too (qazaq, kitapqa).
_Q = re.compile("q(?!u)")
# Elsewhere only the 2021 letters and ǵ, which no other language writes, tell Kazakh.
_KAZAKH_LATIN_ANYWHERE = re.compile(rf"{translit.KAZAKH_LATIN.pattern}|ǵ")


def _kazakh_latin(word: str, lang: str) -> bool:
    """Whether a Latin word is Kazakh by its letters: in a Kazakh paragraph any Kazakh Latin
    alphabet's marks (2021 letters, 2018 acutes, 2017 apostrophes, not an English clitic) or a
    q; elsewhere only letters no other language writes."""
    if lang == "kk":
        return translit.latin_alphabet(word) != "ascii" or bool(_Q.search(word))
    return lang == "any" and bool(_KAZAKH_LATIN_ANYWHERE.search(word))


# Words with no cross-script keys: the function words, and "year", which nearly every report
# has. Nor are keys under three letters.
_STOP = frozenset(
    translit.folded(word) for word in FUNCTION_WORDS | {"жыл", "жылы", "год", "года", "году"}
)


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
        if _kazakh_latin(word, lang):
            return (_latin_kazakh(word),)
        return (english.stem(word),)
    return (word,)


def _russian_route(word: str, lang: str) -> bool:
    """Whether `search_keys` read the word as Russian."""
    return lang != "kk" and bool(_CYRILLIC.search(word)) and not _KAZAKH_LETTERS.search(word)


def _latin_kazakh(word: str) -> str:
    return kazakh.stem(translit.to_cyrillic(word))


def _name_keys(name: str) -> frozenset[str]:
    """The cross-script keys a report may index a place name under: a Cyrillic name's Kazakh
    stem (Атырау-да) and the name as written (Russian text's «Гурьеве» is normalised to it), a
    Latin one's English stem (Atyrau, Aktobe → aktob)."""
    readings = {kazakh.stem(name), name} if _CYRILLIC.search(name) else {english.stem(name)}
    return frozenset(key for key in map(translit.folded, readings) if len(key) >= 3)


@cache
def _place_names() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """The keys of the gazetteer's sure names, and each key of a name (an ambiguous one too) →
    the sure keys of every place it leads to (see places.py)."""
    sure: set[str] = set()
    leads: dict[str, set[str]] = {}
    for place in places.places():
        keys = frozenset().union(*map(_name_keys, place.names))
        sure |= keys
        for key in keys.union(*map(_name_keys, place.ambiguous)):
            leads.setdefault(key, set()).update(keys)
    return frozenset(sure), {key: frozenset(keys) for key, keys in leads.items()}


@lru_cache(maxsize=500_000)
def cross_keys(word: str, lang: str, query: bool = False, capital: bool = True) -> tuple[str, ...]:
    """Cross-script keys of a folded word: CROSS + the phonetic key of each of its readings.

    Indexed text has one reading, its language's (Latin words in a Kazakh paragraph may be
    English or ASCII-typed Kazakh, so they have both). Every Kazakh word has one, so that Latin
    typing finds it, but in Russian and English text only names do, to keep the index small:
    Russian words a parse calls a name, the dictionary does not know or the gazetteer lists,
    English words written with a `capital`. A query word may be in any language and either
    script, so it has every reading: a Cyrillic word its Kazakh stem and Russian normal forms,
    a Latin one its English stem and the Kazakh stem of its Cyrillic spelling (kitaphanalardyn
    → кітапхана), and a place's name the keys of all its names (see places.py: Гурьев, Атырау,
    Atyrau). Numbers and function words have none.
    """
    if any(c.isdigit() for c in word):
        return ()
    kazakh_reading = ""  # a Kazakh stem among the readings, which may be of two letters
    if not query:
        readings = list(search_keys(word, lang))
        if _russian_route(word, lang) and not russian.is_name(word):
            # a title's Kazakh reading stays, and so does a place's name (кустанайский)
            readings = [r for r in readings if translit.folded(r) in _place_names()[0]]
            if lang == "any":
                readings.append(kazakh.stem(word))
        elif not _CYRILLIC.search(word) and lang != "kk" and not capital:
            readings = []
        elif lang == "kk" and _LATIN.search(word) and not _kazakh_latin(word, lang):
            kazakh_reading = _latin_kazakh(word)
            readings.append(kazakh_reading)
        elif lang == "kk" or _KAZAKH_LETTERS.search(word) or _kazakh_latin(word, lang):
            kazakh_reading = readings[0]
    elif _CYRILLIC.search(word):
        kazakh_reading = kazakh.stem(word)
        readings = [kazakh_reading]
        if not _KAZAKH_LETTERS.search(word):
            forms = russian.normal_forms(word)
            readings += [*forms, *filter(None, map(russian.loan_stem, forms))]
    elif _LATIN.search(word):
        kazakh_reading = _latin_kazakh(word)
        readings = [english.stem(word), kazakh_reading]
    else:
        return ()
    keys = [translit.folded(reading) for reading in readings]
    if query:  # a place's name asks for all its names: Атырау for Гурьев, Atyrau, Гурьевской
        keys += [other for key in keys for other in sorted(_place_names()[1].get(key, ()))]
    # The two-letter Kazakh stem of a longer word keeps its key (оқ-у: "oqu" finds «оқу»); other
    # keys need three letters, or "ok" and "it" would meet every word read as ок or ит.
    short = translit.folded(kazakh_reading) if len(kazakh_reading) == 2 < len(word) else ""
    return tuple(
        dict.fromkeys(
            CROSS + key for key in keys if (len(key) >= 3 or key == short) and key not in _STOP
        )
    )


def _keys_by_language(word: str, lang: str) -> list[tuple[str, str]]:
    """The word's exact keys, each with the language whose morphology made it."""
    keys = search_keys(word, lang)
    if _CYRILLIC.search(word):
        if lang == "kk" or _KAZAKH_LETTERS.search(word):
            return [(keys[0], "kk")]
        russian_keys = russian.normal_forms(word)
        return [(key, "ru" if key in russian_keys else "kk") for key in keys]
    if _LATIN.search(word):
        return [(keys[0], "kk" if _kazakh_latin(word, lang) else "en")]
    return []


@lru_cache(maxsize=500_000)
def family_keys(word: str, lang: str) -> tuple[str, ...]:
    """DERIV + the root of each of a folded word's exact keys, whether the word is derived or is
    the root itself: the families it belongs to (обучали, обучение and обучить: DERIV обучить).
    Two words of one family share one; the thesaurus finds a term's concept by them."""
    if any(c.isdigit() for c in word):
        return ()
    roots = (derivation.root(key, key_lang) for key, key_lang in _keys_by_language(word, lang))
    return tuple(dict.fromkeys(derivation.DERIV + root for root in roots if len(root) >= 3))


@lru_cache(maxsize=500_000)
def derivation_keys(word: str, lang: str, query: bool = False) -> tuple[str, ...]:
    """Derivational-family keys of a folded word: DERIV + the root of each of its exact keys
    (see derivation.py: тәлімгерлік → тәлімгер, наставничество → наставник, librarianship →
    librari). Indexed text has one only where the root is not the key itself, i.e. for derived
    words. A query word also has DERIV + its own keys, so that it finds its derived words
    (тәлімгер finds тәлімгерлік); to find its root's own word (тәлімгерлік finds тәлімгер), a
    query asks for each DERIV key's root as a plain key too, at the same lower weight."""
    if any(c.isdigit() for c in word):
        return ()
    keys = []
    for key, key_lang in _keys_by_language(word, lang):
        root = derivation.root(key, key_lang)
        if query or root != key:
            keys += [root, key] if query else [root]
    return tuple(dict.fromkeys(derivation.DERIV + key for key in keys if len(key) >= 3))


@lru_cache(maxsize=500_000)
def index_keys(word: str, lang: str, query: bool = False, capital: bool = True) -> tuple[str, ...]:
    """Every key of a folded word: its exact keys, then its cross-script keys, its
    derivational-family keys and its decade's (periods.py: «девяностые», 1997)."""
    return (
        search_keys(word, lang)
        + cross_keys(word, lang, query, capital)
        + derivation_keys(word, lang, query)
        + periods.period_keys(word, query)
    )
