"""Kazakh normalisation: a vowel-harmony-aware suffix stripper that yields one search key per word.

pymorphy3 guesses nonsense for Kazakh and Snowball has no Kazakh, so inflection is removed by rule.
Every suffix is written once with archiphonemes (A = а/е, I = ы/і, capitals for consonants chosen
by the sound before them) and matches only where the stem it leaves would really take that
spelling: «-дар» after a vowel or «-тар» after «р» is never a plural. Only inflection goes (case,
possession, plural, person, tense, mood, participles, verbal noun, negation, passive); derivation
stays, so кітапхана "library", кітапханашы "librarian" and облыстық "regional" keep their keys.
Endings that would as often cut into another word are believed only where the stem tells:
a bare converb, future or colloquial person (бол-а, біл-ер, ал-ам) only of the frequent verbs
the lexicon lists or of a stem a verb suffix ends (құр-ыл-а), since бал-а would make бала
"child" бал "honey"; the 1st-person-singular possessive only after a participle (болған-ым),
since on nouns it would make қалам "pen" a city and білім "knowledge" біл "know".

Keys are stems, not words (кітап → «кіта», so that кітаб-ы and кітап-тар agree); only equality
between keys matters. A small lexicon covers what rules cannot: pronoun paradigms, frequent
verbs, stems that lose a vowel, and roots that end in a suffix look-alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from search.analysis import kazakh_lexicon as lexicon

_VOWELS = frozenset("аәеиоөұүыіэюя")
_BACK = frozenset("аоұыя")
_FRONT = frozenset("әеөүіэ")
_LOAN_LETTERS = frozenset("вфцчщъьэё")
# Verbs made from loans: цифр-ла-у, цифр-лан-ды, цифр-лан-дыр-ыл-ды.
_LOAN_VERB = re.compile(r"(?:[лдт][ае]н?|[дт][ыі]р)(?:[ыі]?[лн])?$")
_HYPHEN = re.compile(r"[-‐‑]")

# The stem's final sound picks a suffix's first consonant; у and й count as consonants here.
_CLASS = dict.fromkeys(_VOWELS, "vowel") | dict.fromkeys("рйу", "sonorant")
_CLASS |= {"л": "l", "м": "nasal", "н": "nasal", "ң": "nasal", "ж": "sibilant", "з": "sibilant"}
_CLASS |= dict.fromkeys("бвгғд", "voiced")  # loans only; voiceless at a word's end, so either
_CLASSES = ("vowel", "sonorant", "l", "nasal", "sibilant", "voiced", "voiceless")


def _after(default: str, **by_class: str) -> dict[str, str]:
    return {cls: by_class.get(cls, default) for cls in _CLASSES}


# Archiphoneme → the letters it may be after each class of stem-final sound.
_CONSONANTS = {
    "L": _after("т", vowel="л", sonorant="л", l="д", nasal="д", sibilant="д", voiced="дт"),
    "N": _after("т", vowel="н", nasal="н", sonorant="д", l="д", sibilant="д", voiced="дт"),
    "Y": _after("д", vowel="н", voiced="дт", voiceless="т"),
    "D": _after("д", voiced="дт", voiceless="т"),
    "T": _after("д", nasal="н", voiced="дт", voiceless="т"),
    "M": _after("м", nasal="б", sibilant="б", voiced="бп", voiceless="п"),
    "B": _after("м", sibilant="б", voiced="бп", voiceless="п"),  # instrumental: адам-мен
    "G": _after("ғ", voiced="ғқ", voiceless="қ"),  # ғ/қ become г/к in front-vowel words
}
_FRONTED = str.maketrans("аығқ", "еігк")


def _rows(stem: str) -> tuple[str, ...]:
    """Vowel row(s) a suffix may take after the stem: its last vowel's, both if that vowel is
    и/у/ю (either row in native words, front in loans: саммит-ке), or if the stem holds a
    letter only Russian loans have (Назарбаев-тың, not -тің). Iotated е after a vowel (-аев)
    does not count."""
    if _LOAN_LETTERS.intersection(stem):
        return ("back", "front")
    for i in range(len(stem) - 1, -1, -1):
        letter = stem[i]
        if letter in "иую":
            return ("back", "front")
        if letter == "е" and i and stem[i - 1] in _VOWELS:
            continue
        if letter in _BACK:
            return ("back",)
        if letter in _FRONT:
            return ("front",)
    return ("back", "front")


@cache
def _spell(template: str, row: str, cls: str) -> frozenset[str]:
    """Spellings of a suffix template after a stem of this vowel row and final-sound class.

    A consonant archiphoneme inside the suffix follows the letter before it: -да-ғы, not -да-қы.
    """
    spellings = {("", cls)}
    for symbol in template:
        if symbol in _CONSONANTS:
            spellings = {
                (text + letter, _CLASS.get(letter, "voiceless"))
                for text, last in spellings
                for letter in _CONSONANTS[symbol][last]
            }
        else:
            letter = {"A": "а", "I": "ы"}.get(symbol, symbol)
            spellings = {(text + letter, _CLASS.get(letter, "voiceless")) for text, _ in spellings}
    back = frozenset(text for text, _ in spellings)
    return back if row == "back" else frozenset(spelling.translate(_FRONTED) for spelling in back)


def _ends_high(rest: str) -> bool:
    """Consonant + ы/і: far likelier a consonant stem with possessive -ы/-і (облыс-ы, not
    облы-сы; болатын-ы, not болаты-ны), except nouns in -шы/-ші, -гі, -кі/-қы (оқушы-сы,
    белгі-сі, жылқы-сы) and the vowel a loan adds after a final cluster (факт → факті-сі)."""
    if len(rest) < 3 or rest[-1] not in "ыі" or rest[-2] in _VOWELS or rest[-2] in "шгкқ":
        return False
    return not (rest[-2] in "тп" and rest[-3] not in _VOWELS)


_ROOT_ENDS = ("йт", "рт", "лт")  # айт, тарт, ...: the clusters verb roots do end in


def _verb_root(rest: str) -> bool:
    """Could end a verb root before -а/-е: not a vowel, not a cluster no root ends in
    (баста-ды, not баст-ады; болма-ды, not болм-ады), not a known verb's stem short of its
    vowel (жаса-ды, not жас-ады), not a vowel verb's negation (істе-ме-ді)."""
    if rest[-1] in _VOWELS or _is_verb(rest + "а") or _is_verb(rest + "е"):
        return False
    if len(rest) >= 4 and rest[-1] == "м" and rest[-2] in _VOWELS:
        return False  # істе-ме-ді, not істем-еді: negation, as no verb root ends so
    return not (rest[-1] in "лдтмбп" and rest[-2] not in _VOWELS and rest[-2:] not in _ROOT_ENDS)


def _is_verb(rest: str) -> bool:
    """Whether the stem is one of the frequent verbs (қорқ and таб are қорық and тап)."""
    root = _devoiced(rest)
    return lexicon.VOWEL_DROP.get(root, root) in lexicon.VERBS


_CAUSATIVE_END = "[^аәеиоөұүыіэюя][ғгқк][ыі]з"  # өт-кіз, жет-кіз; not негіз
_CAUSATIVE = re.compile(f".{_CAUSATIVE_END}$")  # and not қыз
_VERB_SUFFIX = re.compile(f"(?:[ыі]л|[дт][ыі]р|[лд][ае]н|{_CAUSATIVE_END})$")


def _verb(rest: str) -> bool:
    """A known verb, or a stem of two vowels or more that a verb-making suffix ends: passive
    -ыл, causative -дыр/-ғыз, -лан/-дан (құр-ыл, арт-тыр, өт-кіз, пайда-лан; not қыз)."""
    if _is_verb(rest):
        return True
    return bool(_VERB_SUFFIX.search(rest)) and sum(letter in _VOWELS for letter in rest) >= 2


_PARTICIPLES = ("ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін", "итын", "итін")
_NEGATIVE_FUTURE = ("мас", "мес", "бас", "бес", "пас", "пес")


def _participle(rest: str) -> bool:
    """A participle on a root (бол-ған, not қа-ған "khan"; бол-мас on a verb, not дер-бес; екен)
    or, four letters at least, a verbal noun in -у (болу, not қау-ым): what takes a 1st-person
    possessive or -дық in «болғаным», «болғандық»."""
    if rest == "екен" or (len(rest) >= 4 and rest[-1] == "у"):
        return True
    if rest.endswith(_NEGATIVE_FUTURE):
        return len(rest) > 4 and _verb(rest[:-3])
    ending = next((e for e in _PARTICIPLES if rest.endswith(e)), "")
    return bool(ending) and _long_enough(rest[: -len(ending)])


_TIME_WORDS = frozenset("жыл күн түн жаз қыс күз көктем бүгін қазір кеше ертең соң".split())

_GUARDS: dict[str, Callable[[str], bool]] = {
    "vowel": lambda rest: rest[-1] in _VOWELS,
    "vowel, not high": lambda rest: rest[-1] in _VOWELS and not _ends_high(rest),
    # келген-і, not келге-ні: a participle with possessive, not a dative-looking stem
    "vowel, not high or -ға": lambda rest: (
        rest[-1] in _VOWELS and not _ends_high(rest) and rest[-2:] not in ("ға", "ге", "қа", "ке")
    ),
    "consonant": lambda rest: rest[-1] not in _VOWELS,
    "verb root": _verb_root,
    # кітапхан-амыз would be a verb: -н before a person ending only in a known verb (сен-емін)
    "verb root, not н": lambda rest: _verb_root(rest) and (rest[-1] != "н" or _is_verb(rest)),
    # a possessive ы/і, which a vowel + к/қ/п before it would have voiced (жақы-н is no жағы-н)
    "px3": lambda rest: rest[-1] in "ыі" and not (rest[-2] in "кқп" and rest[-3:-2] in _VOWELS),
    # ұсын-а, түсін-е: a known verb's converb, not a possessive dative
    "px3, not a verb in -н": lambda rest: _GUARDS["px3"](rest) and not _is_verb(rest + "н"),
    "px2": lambda rest: rest[-2:] in ("ың", "ің"),
    # болған-ым-а: not әңгім-е
    "participle's px1": lambda rest: rest[-2:] in ("ым", "ім") and _participle(rest[:-2]),
    "participle": _participle,
    "л": lambda rest: rest[-1] == "л",
    "time word": lambda rest: rest in _TIME_WORDS,
    "known verb": _is_verb,
    "known vowel verb": lambda rest: rest[-1] in _VOWELS and _is_verb(rest),
    "known consonant verb": lambda rest: rest[-1] not in _VOWELS and _is_verb(rest),
    # оқ-и, ест-и: the converb of a verb in -ы/-і
    "known verb in -ы/-і": lambda rest: _is_verb(rest + "ы") or _is_verb(rest + "і"),
    "verb": _verb,
    # бар-дық, ойна-дық: after a vowel or р/й/у a noun would take -лық; elsewhere -дық/-тық is
    # as likely a noun's (облыс-тық), unless the stem is a verb's
    "past 1pl": lambda rest: (
        rest[-1] in _VOWELS or rest[-1] in "рйу" or _is_verb(rest) or bool(_CAUSATIVE.search(rest))
    ),
}


@dataclass(frozen=True)
class _Suffix:
    """An inflectional suffix, its slot (lower = nearer the root) and what it may follow."""

    template: str
    rank: int
    after: str = ""  # a guard in _GUARDS the stem left behind must pass; "" = any stem
    verbal: bool = False  # only verbs take it, so negation and passive may stand before it

    def fits(self, rest: str, surface: str, whole: bool = False) -> bool:
        """Whether `surface` is this suffix's spelling after `rest`; a `whole` (lexicon) stem
        skips the guards, which only weigh likelihoods for unknown stems, but is a noun."""
        if self.after and not whole and not _GUARDS[self.after](rest):
            return False
        if self.verbal and whole:
            return False  # the lexicon's stems are nouns: маман-дық is no past tense
        if self.verbal and _LOAN_LETTERS.intersection(rest) and not _LOAN_VERB.search(rest):
            return False  # a Russian loan is a verb only through -ла, -лан, -дыр: чемпионат-ын
        # Kazakh voices a final к/қ/п between vowels (кітап → кітабы, тілек → тілегі), so a
        # vowel-initial suffix never follows vowel + к/қ/п: мемлекет-ін is not мемлек-етін.
        # (-иды and the like spell the stem's own ы: оқ-иды is оқы-й-ды.)
        if surface[0] in _VOWELS - {"и"} and rest[-1] in "кқп" and rest[-2] in _VOWELS:
            return False
        cls = _CLASS.get(rest[-1], "voiceless")
        return any(surface in _spell(self.template, row, cls) for row in _rows(rest))


# Slots, from the word's end. A word is stripped right to left through strictly falling slots.
# Finite verb forms end a word (only a person ending may follow them); once one is cut, only
# negation and passive can stand before it. Verbal nouns and participles (-у, -ған, -атын) take
# plural, possessive and case like any noun, and a participle -дық, the fact of it (болған-дық).
(
    _PERSON,
    _FINITE,
    _CASE,
    _POSSESSIVE,
    _PLURAL,
    _NOMINAL,
    _VERBAL_NOUN,
    _NEGATION,
    _PASSIVE,
) = range(10, 1, -1)
_PRESENT_PERSONS = ("мIн", "сIң", "мIз", "сIз", "сIңдAр", "сIздAр")
_SUFFIXES = (
    *(_Suffix(p, _PERSON, after="consonant") for p in ("MIн", "MIз", "сIңдAр", "сIздAр")),
    _Suffix("DAGI", _CASE),
    _Suffix("нDAGI", _CASE, after="px3"),
    _Suffix("GI", _CASE, after="time word"),
    _Suffix("NIң", _CASE),
    _Suffix("YI", _CASE, after="consonant"),
    _Suffix("нI", _CASE, after="vowel, not high or -ға"),
    _Suffix("н", _CASE, after="px3"),
    _Suffix("GA", _CASE),
    _Suffix("нA", _CASE, after="px3, not a verb in -н"),
    _Suffix("ңA", _CASE, after="vowel"),  # 2nd-person possessive + dative: бала-ң-а
    _Suffix("A", _CASE, after="px2"),
    _Suffix("A", _CASE, after="participle's px1"),
    _Suffix("DA", _CASE),
    _Suffix("нDA", _CASE, after="px3"),
    _Suffix("TAн", _CASE),
    _Suffix("нAн", _CASE, after="px3"),
    _Suffix("Bен", _CASE),
    _Suffix("Bенен", _CASE),  # the long instrumental: сонымен-ен
    _Suffix("сI", _POSSESSIVE, after="vowel, not high"),
    _Suffix("I", _POSSESSIVE, after="consonant"),
    # 1st person singular only on participles: on nouns it would make білім "knowledge" біл
    # "know" and қалам "pen" a city
    _Suffix("Iм", _POSSESSIVE, after="participle"),
    _Suffix("мIз", _POSSESSIVE, after="vowel"),
    _Suffix("IмIз", _POSSESSIVE, after="consonant"),
    _Suffix("Iң", _POSSESSIVE, after="consonant"),
    _Suffix("ңIз", _POSSESSIVE, after="vowel"),
    _Suffix("IңIз", _POSSESSIVE, after="consonant"),
    _Suffix("ңIздAр", _POSSESSIVE, after="vowel"),
    _Suffix("IңIздAр", _POSSESSIVE, after="consonant"),
    _Suffix("LAр", _PLURAL),
    _Suffix("DIқ", _NOMINAL, after="participle", verbal=True),
    *(_Suffix("DI" + p, _FINITE, verbal=True) for p in ("", "м", "ң", "ңIз", "ңдAр", "ңIздAр")),
    _Suffix("DIқ", _FINITE, after="past 1pl", verbal=True),
    _Suffix("AдI", _FINITE, after="verb root", verbal=True),
    _Suffix("йдI", _FINITE, after="vowel", verbal=True),
    _Suffix("идI", _FINITE, after="consonant", verbal=True),  # оқы-й-ды is spelt оқиды
    *(
        _Suffix(tense + person, _FINITE, after=after, verbal=True)
        for tense, after in (
            ("A", "verb root, not н"),
            ("й", "vowel"),
            ("и", "consonant"),
            ("Aр", "verb"),  # future: біл-ер-мін, not бала-лар-мыз
            ("р", "known vowel verb"),  # ойна-р-мын, not мемлекет-тер-міз
        )
        for person in _PRESENT_PERSONS
    ),
    # a bare converb, future or colloquial 1st person (бер-е, көр-ер, ал-ам) is believed of a
    # verb only: бал-а would make бала "child" бал "honey", жер "earth" a future of же "eat"
    _Suffix("A", _FINITE, after="verb", verbal=True),
    _Suffix("й", _FINITE, after="known vowel verb", verbal=True),
    _Suffix("и", _FINITE, after="known verb in -ы/-і", verbal=True),
    _Suffix("Aр", _FINITE, after="known verb", verbal=True),
    _Suffix("Aм", _FINITE, after="known verb", verbal=True),
    _Suffix("MAқ", _FINITE, after="verb", verbal=True),
    # optative: бол-айын, біл-ейік (сарай-ын, бидайық are nouns)
    *(_Suffix(p, _FINITE, after="verb", verbal=True) for p in ("AйIн", "AйIқ")),
    *(_Suffix(p, _FINITE, after="known vowel verb", verbal=True) for p in ("йIн", "йIқ")),
    # imperative: ұста-ңдар, кел-іңдер (өлең-дер is a noun)
    _Suffix("ңдAр", _FINITE, after="known vowel verb", verbal=True),
    _Suffix("IңдAр", _FINITE, after="known verb", verbal=True),
    _Suffix("MAстAн", _FINITE, verbal=True),  # "without": ал-мастан
    # "wants to": айт-қысы келеді, айт-қым келеді (сұрағ-ым is "my question")
    _Suffix("GIсI", _FINITE, after="known verb", verbal=True),
    _Suffix("GIм", _FINITE, after="known consonant verb", verbal=True),
    *(_Suffix("сA" + person, _FINITE, verbal=True) for person in ("", "м", "ң", "қ", "ңIз")),
    _Suffix("сIн", _FINITE, after="consonant", verbal=True),
    _Suffix("GAндAй", _FINITE, verbal=True),
    _Suffix("GAлI", _FINITE, verbal=True),
    _Suffix("GAншA", _FINITE, verbal=True),  # "until": өл-генше
    _Suffix("AтIндAй", _FINITE, after="verb root", verbal=True),
    _Suffix("йтIндAй", _FINITE, after="vowel", verbal=True),
    _Suffix("Iп", _FINITE, after="consonant", verbal=True),
    _Suffix("IптI", _FINITE, after="consonant", verbal=True),
    _Suffix("птI", _FINITE, after="vowel", verbal=True),
    _Suffix("MAй", _FINITE, verbal=True),
    _Suffix("GAн", _VERBAL_NOUN, verbal=True),
    # negative future, of verbs only (жамбас "pelvis"): бол-мас-ым-ды, кет-пес-і-не
    _Suffix("MAс", _VERBAL_NOUN, after="verb", verbal=True),
    _Suffix("AтIн", _VERBAL_NOUN, after="verb root", verbal=True),
    _Suffix("йтIн", _VERBAL_NOUN, after="vowel", verbal=True),
    _Suffix("итIн", _VERBAL_NOUN, after="consonant", verbal=True),
    _Suffix("у", _VERBAL_NOUN, verbal=True),
    _Suffix("MA", _NEGATION, verbal=True),
    _Suffix("Iл", _PASSIVE, after="consonant"),
    _Suffix("л", _PASSIVE, after="vowel"),
    _Suffix("Iн", _PASSIVE, after="л"),
)


def _spellings(suffix: _Suffix) -> set[str]:
    return {
        spelling
        for row, cls in product(("back", "front"), _CLASSES)
        for spelling in _spell(suffix.template, row, cls)
    }


_BY_SPELLING: dict[str, list[_Suffix]] = {}
for _suffix in _SUFFIXES:
    for _spelling in _spellings(_suffix):
        _BY_SPELLING.setdefault(_spelling, []).append(_suffix)
_LONGEST = max(map(len, _BY_SPELLING))


def _long_enough(rest: str) -> bool:
    """A stem keeps a vowel and two letters, three if it ends in a vowel (та, жа are no roots).
    A у after a consonant is the vowel of a loan (курс-тар, журнал-дар)."""
    if not any(
        letter in _VOWELS or (letter == "у" and i and rest[i - 1] not in _VOWELS)
        for i, letter in enumerate(rest)
    ):
        return False
    return (
        len(rest) >= (3 if rest[-1] in _VOWELS or rest[-1] == "у" else 2)
        or rest in lexicon.SHORT_ROOTS
    )


_DEVOICE = str.maketrans({"б": "п", "г": "к", "ғ": "қ"})
_IOTATED = re.compile(r"(?<=[аәеиоөұүыіэ])[яю]")
_UNIOTATED = {"я": "йа", "ю": "йу"}
_IOTATED_PAIR = re.compile(r"й[ау]")
_REIOTATED = {"йа": "я", "йу": "ю"}


def _passive_before_ды(suffix: _Suffix, rest: str) -> bool:
    """-ды after a consonant is accusative or past, so a passive before it is believed only
    where a noun is unlikely: ал-ын-ды, жаса-л-ды, беріл-ді, аш-ыл-ды, not ақ-ыл-ды, тіл-ді."""
    if suffix.template == "Iн":
        return True
    if suffix.template == "л":
        return rest[-1] in "ае"
    return len(rest) >= 3 or _is_verb(rest)


def _strip(word: str) -> str:
    """Remove suffixes from the end, longest first, while each fits the stem it leaves."""
    floor = next((n for n in range(len(word), 1, -1) if word[:n] in lexicon.WHOLE), 0)
    stem, rank, verbal = word, 99, "no"
    while True:
        for length in range(min(_LONGEST, len(stem) - 2), 0, -1):
            rest, surface = stem[:-length], stem[-length:]
            candidates = _BY_SPELLING.get(surface)
            if not candidates or len(rest) < floor or not _long_enough(rest):
                continue
            fitting = [
                s
                for s in candidates
                if s.rank < rank
                and (
                    s.rank > _NEGATION
                    or verbal == "yes"
                    or (s.rank == _PASSIVE and verbal == "maybe" and _passive_before_ды(s, rest))
                )
                and not (s.verbal and stem in lexicon.NOT_VERB_FORMS)
                and s.fits(rest, surface, whole=len(rest) == floor)
            ]
            if fitting and len(rest) > 3 and rest in lexicon.WORDS:
                return rest  # a lexicon form with more after it: соны-менен
            if fitting:
                # A stop voiced before the suffix's vowel is the stem's voiceless one: кітаб-ы.
                stem = _devoiced(rest)
                rank = max(_VERBAL_NOUN if s.rank == _FINITE else s.rank for s in fitting)
                kinds = {s.verbal for s in fitting}
                verbal = "maybe" if len(kinds) > 1 else "yes" if True in kinds else "no"
                break
        else:
            return stem


def _canonical(stem: str) -> str:
    """One spelling per stem, whichever suffixes were cut: қою → қой (-у after й); a final п
    after a vowel dropped, converb or not (жаса-п, де-п, and кітап → кіта so that кітаб-ы,
    кітап-тар and кітап agree; of three letters only in a verb's converb, not тип); an unstable
    final ы/і dropped (оқы-ды and оқ-у, оқушы and оқушы-лар); a final voiced stop devoiced
    (араб); a vowel the stem lost restored (халқ-ы → халық)."""
    if len(stem) >= 3 and stem[-1] == "ю" and stem[-2] in _VOWELS:
        stem = stem[:-1] + "й"
    stem = _devoiced(stem)
    if (
        stem[-1:] == "п"
        and stem[-2:-1] in _VOWELS
        and (len(stem) >= 4 or stem[:-1] in lexicon.VERBS)
    ):
        stem = stem[:-1]
    if len(stem) >= 3 and stem[-1] in "ыі" and stem[-2] not in _VOWELS:
        stem = _devoiced(stem[:-1])
    return lexicon.VOWEL_DROP.get(stem, stem)


def _devoiced(stem: str) -> str:
    return stem[:-1] + stem[-1].translate(_DEVOICE)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Search key of a folded Kazakh word; a hyphenated word keeps all but its last part, and
    loses a last part that is only a case ending (ЮНЕСКО-ның, ҚР-да, АҚШ-пен); a word doubled
    about a hyphen (өзін-өзі, бірін-бірі) is that word."""
    parts = _HYPHEN.split(word)
    last = parts[-1]
    head = word[: len(word) - len(last)]
    if head and any(_PLURAL <= s.rank <= _CASE for s in _BY_SPELLING.get(last, ())):
        return head[:-1]
    if len(parts) == 2 and parts[0] and _word_key(parts[0]) == _word_key(last):
        return _word_key(last)
    return head + _word_key(last)


def _word_key(word: str) -> str:
    """Key of a word without hyphens: the lexicon's, else its stripped, canonical stem."""
    if word in lexicon.WORDS:
        return lexicon.WORDS[word]
    if len(word) <= 2 or not word.isalpha():
        return word
    # я, ю after a vowel are й + а, у: қоя is қой-а, қояды қой-ады
    stripped = _strip(_IOTATED.sub(lambda m: _UNIOTATED[m.group()], word))
    key = _IOTATED_PAIR.sub(lambda m: _REIOTATED[m.group()], _canonical(stripped))
    return lexicon.WORDS.get(stripped) or lexicon.WORDS.get(key, key)
