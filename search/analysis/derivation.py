"""Derivational families: the root a derived word's search key comes from, by measured links.

Inflection is folded into one key per word (kazakh.py, russian.py, english.py); derivation is not,
since тәлімгер "mentor" and тәлімгерлік "mentoring", наставник and наставничество, librarian
and librarianship are different words. A searcher still wants one to find the other, below the
word itself. `root(key, lang)` takes a word's inflectional key to its family's root by the links
in LINKS (тәлімгерлік → тәлімгер, наставничество → наставник, librarianship → librarian →
librari, the key of library), and keys.py turns that into a lower-weight DERIV key.

Every link was measured on the UD treebanks and the gold sets (`bench/eval_derivation.py`
prints pairs merged rightly and wrongly per link); those whose false merges were not rare are
listed with `safe=False` and not used, so that the measurement can be rerun on them.
A Russian candidate root must be a word the dictionary knows, of the part of speech the link
makes it from; a Kazakh or English one must keep three letters and a vowel.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from search.analysis import english, kazakh, russian

# Marks a derivational-family key. It begins with the cross-script mark (keys.CROSS), so a
# query that does not know it weighs it like a cross-script key, below the word's own keys.
DERIV = "~^"
_DEPTH = 3  # links followed from one word: тәлімгерлік → тәлімгер → тәлім
_VOWELS = re.compile(r"[аәеиоөұүыіэюяaeiouy]")


@dataclass(frozen=True)
class Link:
    """One derivational suffix: the key's `ending` (a regex) is replaced by each of `bases` in
    turn; the first candidate `accept` takes is the root."""

    lang: str
    name: str
    ending: str
    bases: tuple[str, ...] = ("",)
    safe: bool = True
    min_root: int = 3
    # keys the ending only looks like a suffix in, or whose meaning drifted from the root's
    opaque: frozenset[str] = frozenset()

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.ending)


@cache
def _compiled(ending: str) -> re.Pattern[str]:
    return re.compile(f"(?:{ending})$")


# Kazakh links act on stems (kazakh.stem), whose final ы/і after a consonant is gone
# (кітапханашы → кітапханаш) and whose candidate root is stemmed again.
KAZAKH = (
    # abstract nouns and adjectives: тәлімгер-лік, облыс-тық, электрон-дық, ұлт-тық; not барлық
    # "all" (бар "there is"), бастық "boss", жарлық "decree", зорлық "violence", қорлық
    # "humiliation", құрлық "continent", түндік "smoke flap", жабдық "equipment"
    Link(
        "kk",
        "-лық/-лік/-дық/-дік/-тық/-тік",
        "[лдт][ыі][қк]",
        opaque=frozenset("барлық бастық жарлық зорлық қорлық құрлық түндік жабдық".split()),
    ),
    # agent nouns: кітапхана-шы, қатысу-шы, өлкетану-шы (stem кітапханаш); not -ыш/-іш
    # (бұрыш "corner", бастауыш "primary school")
    Link("kk", "-шы/-ші", "(?<![ыі])ш", min_root=4),
    # agent nouns: тәлім-гер, қызмет-кер
    Link("kk", "-гер/-кер", "[гк]ер"),
    # "without": білім-сіз "ignorant"; measured right, but its words mean the opposite of the
    # root's, which a searcher does not want found in its place
    Link("kk", "-сыз/-сіз", "с[ыі]з", safe=False),
    # "the study of": өлке-тану (stem өлкетан)
    Link("kk", "-тану", "тан", min_root=4),
    # Arabic adjectives and nouns: ғылым-и, тарих-и, мәден-и / мәден-иет, әдеб-и / әдеб-иет
    Link("kk", "-и", "(?<=[^аәеиоөұүыіэюя])и", min_root=4),
    Link("kk", "-иет/-ият", "и[ея]т", min_root=4),  # not қас-иет "quality"
    # "having": білім-ді, тарих-ы (-лы/-лі/-ды/-ді/-ты/-ті): the stemmer drops the vowel, so
    # only the consonant is left; measured, it cuts into far more words than it finds
    Link("kk", "-лы/-лі/-ды/-ді", "[лдт]", safe=False, min_root=4),
    # place nouns: кітап-хана; but кітапхана "library" is not кітап "book" to a searcher
    Link("kk", "-хана", "хана", safe=False),
)

# Russian links act on normal forms; a candidate must be a dictionary word of the right part of
# speech (see _known), so наставнич-ество → наставник, not вещ-ество → a guess.
RUSSIAN = (
    # abstract and collective nouns: наставнич-ество → наставник, мастер-ство, учитель-ство;
    # not the words whose meaning left the root's: агентство "agency", вещество "substance"
    Link(
        "ru",
        "-ство/-ество (noun)",
        "(?:е)?ство",
        ("", "ь", "к:ч"),
        opaque=frozenset(
            "агентство вещество государство искусство сотрудничество общество".split()
        ),
    ),
    # verbal nouns: обуче-ние → обучить, созда-ние → создать, разви-тие → развить
    Link("ru", "-ние/-тие (verb)", "ние|тие", ("ть", "ить", "ять", "еть", "ать", "е:ить")),
    # agent nouns: чита-тель → читать, учи-тель → учить
    Link("ru", "-тель (verb)", "тель", ("ть",)),
    # relational adjectives: библиотеч-ный → библиотека, информаци-онный → информация,
    # област-ной → область; measured, one merge in four is false (глава/главный, часть/частный,
    # способ/способный, искусство/искусственный)
    Link(
        "ru",
        "-ный/-ной/-онный (noun)",
        "онный|енный|ный|ной",
        ("", "а", "я", "ь", "о", "ие", "ия", "к:ч", "ка:ч"),
        safe=False,
    ),
    # -ский/-ческий adjectives: краевед-ческий → краевед, казах-ский → казах
    Link("ru", "-ский/-ческий (noun)", "ческий|ский", ("", "а", "ь", "ия")),
)

# English links act on Snowball stems (which already fold -ize, -ization, -ized, -al, -ment).
ENGLISH = (
    # librarian-ship, mentor-ship, citizen-ship
    Link("en", "-ship", "ship", min_root=4),
    # librari-an (library), histori-an (history), itali-an
    Link("en", "-ian", "(?<=i)an", min_root=4),
    # train-er, read-er, teach-er; measured: corn-er, moth-er, flow-er, show-er
    Link("en", "-er (agent)", "er", safe=False, min_root=4),
    # special-ist, journal-ist, terror-ist; not dent-ist
    Link("en", "-ist", "ist", min_root=5),
)

LINKS: dict[str, tuple[Link, ...]] = {"kk": KAZAKH, "ru": RUSSIAN, "en": ENGLISH}


def root(key: str, lang: str, links: tuple[Link, ...] | None = None) -> str:
    """The root of a word's family, from its inflectional key in `lang` ("kk", "ru", "en"),
    by the safe links (or by `links`, to measure them); the key itself if none applies."""
    chosen = tuple(link for link in LINKS.get(lang, ()) if link.safe) if links is None else links
    return _root(key, lang, chosen)


@lru_cache(maxsize=300_000)
def _root(key: str, lang: str, links: tuple[Link, ...]) -> str:
    for _ in range(_DEPTH):
        step = _step(key, lang, links)
        if step is None or step == key:
            return key
        key = step
    return key


def _step(key: str, lang: str, links: tuple[Link, ...]) -> str | None:
    for link in links:
        match = link.pattern.search(key)
        if not match or key in link.opaque:
            continue
        stem = key[: match.start()]
        if len(stem) < link.min_root or not _VOWELS.search(stem):
            continue
        for base in link.bases:
            candidate = _candidate(stem, base)
            accepted = _ACCEPT[lang](candidate, link)
            if accepted:
                return accepted
    return None


def _candidate(stem: str, base: str) -> str:
    """`base` added to `stem`; "x:y" means the stem's final y was x before the suffix
    (наставнич-ество → наставник: "к:ч"; обуче-ние → обучить: "е:ить" is -е- → -ить)."""
    if ":" not in base:
        return stem + base
    was, became = base.split(":")
    if became.endswith("ить") and was == "е":
        return stem[:-1] + "ить" if stem.endswith("е") else ""
    return stem[: -len(became)] + was if stem.endswith(became) else ""


def _kazakh(candidate: str, link: Link) -> str:
    return kazakh.stem(candidate)


def _english(candidate: str, link: Link) -> str:
    return english.stem(candidate)


# The part of speech a Russian link makes its word from.
_FROM = {
    "-ство/-ество (noun)": ("NOUN",),
    "-ние/-тие (verb)": ("INFN",),
    "-тель (verb)": ("INFN",),
    "-ный/-ной/-онный (noun)": ("NOUN",),
    "-ский/-ческий (noun)": ("NOUN",),
}


def _russian(candidate: str, link: Link) -> str:
    return candidate if candidate and russian.is_lemma(candidate, _FROM[link.name]) else ""


_ACCEPT: dict[str, Callable[[str, Link], str]] = {
    "kk": _kazakh,
    "ru": _russian,
    "en": _english,
}
