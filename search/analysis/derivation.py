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
makes it from (or a verb it lacks but reads as a verbal prefix and a verb it has: оцифровать);
a Kazakh or English one must keep three letters and a vowel.

Russian verbs are one family across what pymorphy3 keeps apart as lemmas: a participle is
already its verb (отремонтированная → отремонтировать), and links take a reflexive verb to
its verb (выставляться → выставлять), an imperfective to its perfective (обучать → обучить,
оцифровывать → оцифровать: the aspect pairs the dictionary tags but does not link), a loan
verb's empty perfective prefix off (отремонтировать → ремонтировать) and a loan verb to its
noun (ремонтировать → ремонт), so that the verbal noun (обучение → обучить), the participle
and every tense of the verb meet.
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
    """One derivational affix: the key's `ending` (a regex) is replaced by each of `bases` in
    turn; the first candidate `accept` takes is the root. A base "x>y" replaces the stem's
    final x by y (наставнич-ество → наставник: "ч>к"), any other is appended to the stem.
    A link with `start` strips a prefix instead: `ending` is matched at the key's start."""

    lang: str
    name: str
    ending: str
    bases: tuple[str, ...] = ("",)
    safe: bool = True
    min_root: int = 3
    # keys the ending only looks like a suffix in, or whose meaning drifted from the root's
    opaque: frozenset[str] = frozenset()
    start: bool = False
    rest: str = ""  # with `start`: how the rest of the key must end
    # Russian only: the part of speech of the root, as a pymorphy3 tag (NOUN, INFN), and for a
    # link between verbs of two aspects, (the word's only aspect, an aspect of the root's)
    makes: str = ""
    aspects: tuple[str, str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compiled(self.ending, self.start)


@cache
def _compiled(ending: str, start: bool) -> re.Pattern[str]:
    return re.compile(f"^(?:{ending})" if start else f"(?:{ending})$")


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
    # the same, only where the consonant is the one the root's last sound calls for: -ды/-ді
    # after л, м, н, ң, з, ж (білім-ді, дарын-ды), -ты/-ті after a voiceless one (ерік-ті,
    # талант-ты), so that еріктілер "volunteers" (stem ерікт) meets ерікті (stem ерік, its
    # -ті read as the accusative); not ұлт "nation", бұлт "cloud", салт "custom", whose т is the
    # root's, nor the place Қарағанды (қара "black"), the loan фонд (фон) or үзінді "excerpt"
    Link(
        "kk",
        "-ды/-ді/-ты/-ті (having)",
        "(?<=[лмнңзж])д|(?<=[кқпстшфхцч])т",
        opaque=frozenset(("қарағанд", "фонд", "үзінд")),
    ),
    # place nouns: кітап-хана; but кітапхана "library" is not кітап "book" to a searcher
    Link("kk", "-хана", "хана", safe=False),
)

# Russian links act on normal forms; a candidate must be a dictionary word of the part of speech
# `makes` names (see _russian), so наставнич-ество → наставник, not вещ-ество → a guess. A link
# between aspects acts only on a verb of the one aspect and makes a verb of the other.
RUSSIAN = (
    # abstract and collective nouns: наставнич-ество → наставник, мастер-ство, учитель-ство;
    # not the words whose meaning left the root's: агентство "agency", вещество "substance"
    Link(
        "ru",
        "-ство/-ество (noun)",
        "(?:е)?ство",
        ("", "ь", "ч>к"),
        opaque=frozenset(
            "агентство вещество государство искусство сотрудничество общество".split()
        ),
        makes="NOUN",
    ),
    # verbal nouns: обуче-ние → обучить, созда-ние → создать, разви-тие → развить
    Link(
        "ru",
        "-ние/-тие (verb)",
        "ние|тие",
        # and with the consonant the verb changed before -ение: повыш-ение → повысить,
        # оформл-ение → оформить, переоснащ-ение → переоснастить, учрежд-ение → учредить
        (
            "ть",
            "ить",
            "ять",
            "еть",
            "ать",
            "е>ить",
            "вле>вить",
            "бле>бить",
            "пле>пить",
            "мле>мить",
            "жде>дить",
            "ще>стить",
            "ще>тить",
            "же>зить",
            "же>дить",
            "ше>сить",
            "че>тить",
        ),
        makes="INFN",
        # premises are not «поместить», a relation not «относить»
        opaque=frozenset(("помещение", "отношение")),
    ),
    # agent nouns: чита-тель → читать, учи-тель → учить
    Link("ru", "-тель (verb)", "тель", ("ть",), makes="INFN"),
    # relational adjectives: библиотеч-ный → библиотека, информаци-онный → информация,
    # област-ной → область; measured, one merge in four is false (глава/главный, часть/частный,
    # способ/способный, искусство/искусственный)
    Link(
        "ru",
        "-ный/-ной/-онный (noun)",
        "онный|енный|ный|ной",
        ("", "а", "я", "ь", "о", "ие", "ия", "ч>к", "ч>ка"),
        safe=False,
        makes="NOUN",
    ),
    # -ский/-ческий adjectives: краевед-ческий → краевед, казах-ский → казах
    Link("ru", "-ский/-ческий (noun)", "ческий|ский", ("", "а", "ь", "ия", "ов>"), makes="NOUN"),
    # quality nouns: грамотн-ость → грамотный, доступн-ость → доступный; measured, half its
    # merges are false (должность/должный, особенность/особенно, частность/частный)
    Link("ru", "-ость (adjective)", "ость", ("ый", "ий", "ой"), makes="ADJF", safe=False),
    # verbal nouns in -овка: оцифров-ка → оцифровать, подготов-ка → подготовить, тренир-овка
    # → тренировать
    Link("ru", "-овка (verb)", "(?<=ов)ка", ("ать", "ить"), makes="INFN", min_root=4),
    # other verbal nouns in -ка: выстав-ка → выставить, оцен-ка → оценить; measured, one merge
    # in three is false (записка, поставка "supply", наводка)
    Link("ru", "-ка (verb)", "ка", ("ать", "ить", "ять"), makes="INFN", min_root=4, safe=False),
    # verbal nouns of loan verbs: реставр-ация → реставрировать, организ-ация → организовать,
    # квалифик-ация → квалифицировать, реконстру-кция → реконструировать
    Link(
        "ru",
        "-ация/-кция (verb)",
        "(?<=[^аеиоуыэюя])ация|кция",
        ("ировать", "овать", "к>цировать"),
        makes="INFN",
    ),
    # reflexive verbs: выставлять-ся → выставлять, учить-ся → учить
    Link("ru", "-ся (verb)", "ся", makes="INFN"),
    # созда-вать → создать, успе-вать → успеть, закры-вать → закрыть; tried before -ыва-, which
    # would take забы-вать to забить
    Link(
        "ru", "-ва- (aspect)", "(?<=[аеоуяыи])вать", ("ть",), makes="INFN", aspects=("impf", "perf")
    ),
    # imperfectives of perfectives: оцифр-овывать → оцифровать, показ-ывать → показать,
    # разраб-атывать → разработать (the root's о became а)
    Link(
        "ru",
        "-ыва-/-ива- (aspect)",
        "[ыи]вать",
        ("ать", "ить", "ять", "еть", "ат>отать", "ач>очить", "атр>отреть"),
        makes="INFN",
        aspects=("impf", "perf"),
    ),
    # обуч-ать → обучить, выставл-ять → выставить, отвеч-ать → ответить, повыш-ать → повысить
    Link(
        "ru",
        "-ать/-ять (aspect)",
        "[ая]ть",
        (
            "ить",
            "вл>вить",
            "бл>бить",
            "пл>пить",
            "мл>мить",
            "фл>фить",
            "жд>дить",
            "ч>тить",
            "щ>тить",
            "щ>стить",
            "ж>зить",
            "ж>дить",
            "ш>сить",
        ),
        makes="INFN",
        aspects=("impf", "perf"),
    ),
    # loan verbs to their noun: ремонт-ировать → ремонт, план-ировать → план, контрол-ировать
    # → контроль, копи-ровать → копия; not to a noun in -а: формировать is no «форма»,
    # оперировать no «опера»
    Link("ru", "-ировать (noun)", "ировать", ("", "ь", "ия", "ы"), makes="NOUN"),
    # каталог-изировать → каталог; UD has no pair to measure it by, and модернизировать is no
    # «модерн»
    Link("ru", "-изировать (noun)", "изировать", ("", "а", "ия"), makes="NOUN", safe=False),
    # other verbs in -овать: совет-овать → совет, критик-овать → критика; measured, three
    # merges in seven are false (образ/образовать, тракт/трактовать)
    Link("ru", "-овать (noun)", "(?<!ир)овать", ("", "а", "ия", "ь"), makes="NOUN", safe=False),
    # the empty perfective prefixes of loan verbs in -ировать/-овать: от-ремонтировать →
    # ремонтировать, за-планировать, о-цифровать, с-формировать
    Link(
        "ru",
        "perfective prefix (-ировать/-овать)",
        "о|об|от|за|с|со|про|на|по|у",
        makes="INFN",
        aspects=("perf", "impf"),
        start=True,
        rest="овать",
    ),
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
        if key in link.opaque:
            continue
        for stem in _stems(key, link):
            if len(stem) < link.min_root or not _VOWELS.search(stem):
                continue
            if lang == "ru" and not _russian_word(key, link):
                continue
            # a Russian root the dictionary has is taken before one it reads as a prefixed
            # verb (выстав-ка → выставить, not вы-ставать)
            for guess in (False, True) if lang == "ru" else (False,):
                for base in link.bases:
                    accepted = _ACCEPT[lang](_candidate(stem, base), link, guess)
                    if accepted:
                        return accepted
    return None


def _stems(key: str, link: Link) -> list[str]:
    """What is left of `key` without the link's affix: without its ending, or without each
    prefix `ending` matches (о-, об-: both are tried) when the rest ends in `link.rest`."""
    if not link.start:
        match = link.pattern.search(key)
        return [key[: match.start()]] if match else []
    rest = _compiled(link.rest, False)
    return [
        key[cut:]
        for cut in range(1, len(key))
        if link.pattern.fullmatch(key[:cut]) and rest.search(key[cut:])
    ]


def _candidate(stem: str, base: str) -> str:
    """`base` added to `stem`, or with "x>y" the stem's final x replaced by y (наставнич-ество
    → наставник: "ч>к"; обуче-ние → обучить: "е>ить"); "" if the stem does not end in x."""
    if ">" not in base:
        return stem + base
    was, becomes = base.split(">")
    return stem[: len(stem) - len(was)] + becomes if stem.endswith(was) else ""


def _kazakh(candidate: str, link: Link, guess: bool) -> str:
    return kazakh.stem(candidate)


def _english(candidate: str, link: Link, guess: bool) -> str:
    return english.stem(candidate)


def _russian(candidate: str, link: Link, guess: bool) -> str:
    """The candidate if the dictionary has it as a `link.makes` (of the root's aspect), or with
    `guess` if it is an infinitive the dictionary lacks but reads as a prefixed verb it has
    (оцифров-ка → оцифровать: о + цифровать)."""
    if not candidate:
        return ""
    if guess:
        if link.makes != "INFN" or not russian.is_prefixed_verb(candidate):
            return ""
    elif not russian.is_lemma(candidate, (link.makes,)):
        return ""
    if link.aspects and link.aspects[1] not in russian.aspects(candidate):
        return ""
    return candidate


def _russian_word(key: str, link: Link) -> bool:
    """Whether a link between verbs of two aspects may act on `key`: a verb of only the
    word's aspect (a two-aspect verb such as использовать is left alone)."""
    return link.aspects is None or russian.aspects(key) == {link.aspects[0]}


_ACCEPT: dict[str, Callable[[str, Link, bool], str]] = {
    "kk": _kazakh,
    "ru": _russian,
    "en": _english,
}
