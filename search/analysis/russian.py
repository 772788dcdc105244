"""Russian normalisation: every distinct pymorphy3 normal form of a word.

An ambiguous form («стали» = сталь | стать) yields all of its normal forms, so a query for either
lemma finds it; the analyzer puts them at the same position. Only Cyrillic words without Kazakh
letters reach pymorphy3: its guesser would invent lemmas for Kazakh (кітапхана → «кітапхать») or
Latin input.

The keys are a set for matching, but the first one is what the word is shown and suggested as,
so it is chosen with care (see `normal_forms`): pymorphy3's most probable reading, except for a
superlative (filed under its positive degree), an ordinal in digits (read for some numbers only)
and a guess for an unknown word that a name or a new term is unlikely to be.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pymorphy3

_RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")

# An ordinal written in digits with its case ending (наращение): 1990-х, 28-го, 7-я, 2015-м.
_ORDINAL_ENDINGS = (
    "й ый ий ой го ого его му ому ему м ым им ом ем я ая яя ю ую юю е ое ее ые ие х ых их ми ыми "
    "ими ей"
).split()
_ORDINAL = re.compile(rf"(\d+)-(?:{'|'.join(_ORDINAL_ENDINGS)})")

# A superlative in -ш- (крупнейших, лучшими, высшим): its stem, before the adjectival ending.
_SUPERLATIVE = re.compile(r"(.+ш)(?:ий|ая|ее|ие|его|ей|ею|их|ему|им|ую|ем|ими)")


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    # Loading the dictionaries takes ~0.3 s and ~15 MB: do it once, on first use.
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def normal_forms(word: str) -> tuple[str, ...]:
    """All distinct normal forms of a lowercase word (ё already folded to е), best first.

    Words that are not plain Russian Cyrillic are returned unchanged. A word the dictionary does
    not know (a surname, a new term) also keeps itself as a key: the guesser reads «Торайгырову»
    as a form of «торайгыров» and «Торайгырова» as one of «торайгыров» or «торайгырова», and the
    word as written is what lets every spelling of a name meet.

    The first form is pymorphy3's most probable reading (its parse order, from P(tag | word) in
    a disambiguated corpus), with three corrections:

    - an ordinal in digits is the ordinal's own normal form «N-й», whatever its case ending
      (1990-х, 1990-е → 1990-й; 28-го → 28-й): pymorphy3's dictionary does this only for the
      numbers it happens to hold (2-го, 1990-х), not for 28-го or 2015-м;
    - a superlative (крупнейших, лучшими, высшим) comes first as itself (крупнейший, лучший,
      высший), before the positive degree pymorphy3 files it under (крупный, хороший,
      высокий), which stays a key: UD lemmatises a superlative to itself, dictionaries list
      лучший and высший as words of their own, and «хороший» is not the word the reader saw;
    - of an unknown word, guesses that a name or a new term hardly ever is come after the word
      as written (see `_unlikely_guess`): «Тайлер» is not the vocative of «Тайлера», nor
      «Кикути» the imperative of «кикутить».
    """
    ordinal = _ORDINAL.fullmatch(word)
    if ordinal:
        return (f"{ordinal.group(1)}-й",)
    if not _RUSSIAN_WORD.fullmatch(word):
        return (word,)
    analyzer = _analyzer()
    parses = analyzer.parse(word)
    if analyzer.word_is_known(word):
        superlative = _SUPERLATIVE.fullmatch(word)
        forms = []
        for parse in parses:
            if superlative and parse.tag.POS == "ADJF" and "Supr" in parse.tag:
                forms.append(superlative.group(1) + "ий")
            forms.append(parse.normal_form)
    else:
        unlikely = [_unlikely_guess(parse, word) for parse in parses]
        forms = [parse.normal_form for parse, no in zip(parses, unlikely, strict=True) if not no]
        forms.append(word)
        forms += [parse.normal_form for parse, no in zip(parses, unlikely, strict=True) if no]
    return tuple(dict.fromkeys(form.replace("ё", "е") for form in forms)) or (word,)


def _unlikely_guess(parse: pymorphy3.analyzer.Parse, word: str) -> bool:
    """Whether the guesser reads a word the dictionary does not know as a form that a name, a
    borrowing or a new term seldom takes in running text.

    The guesser picks a paradigm by the word's last letters, by analogy with dictionary words,
    so a foreign name in a consonant looks like a zero-ending genitive plural (Рубеан ←
    «рубеана»), one in -ен like a short adjective (Клаусен ← «клаусный»), one in -и like an
    imperative (Кикути ← «кикутить»). An unknown word is nearly always a noun in the singular
    or a full adjective, so these go after the word as written:
    - a short adjective or participle, an imperative: such forms come from established
      adjectives and verbs, which the dictionary has; a vocative (Тайлер ← «Тайлера», as Маш ←
      «Маша») belongs to familiar speech, not to reports;
    - a genitive or accusative plural with a zero ending (the normal form is the word plus one
      letter): a bare stem is far more often a nominative singular;
    - any plural of a first name: first names are seldom plural, and «Торайгыров» is a
      surname, not the genitive plural of a name «Торайгыр».
    They stay keys, after the word as written.
    """
    tag = parse.tag
    if tag.POS in ("ADJS", "PRTS") or tag.mood == "impr" or tag.case == "voct":
        return True
    if tag.number != "plur":
        return False
    if "Name" in tag:
        return True
    lemma = parse.normal_form.replace("ё", "е")
    return tag.case in ("gent", "accs") and len(lemma) == len(word) + 1 and lemma.startswith(word)


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


def is_word(word: str) -> bool:
    """Whether the dictionary knows a lowercase word in some form: a word the reports lack is
    not a typo for one they have (годовые is not «годов» misspelt)."""
    return bool(_RUSSIAN_WORD.fullmatch(word)) and _analyzer().word_is_known(word)


# A Russian adjective made from a loan word, by its ending, and how much of the ending to cut
# to reach the loan stem that Kazakh shares: инклюзив-ный (инклюзив-ті), электрон-ный
# (электрон-ды), виртуал-ьный (виртуал-ды), интерактив-ный (интерактив-ті).
_LOAN_ADJECTIVE = re.compile(r"(.{4,}(?:ив|он|ал))ь?н(?:ый|ой)")


def loan_stem(normal_form: str) -> str | None:
    """The loan word under a Russian adjective's normal form (инклюзивный → инклюзив), which
    Kazakh makes its own adjective from; None for other words."""
    match = _LOAN_ADJECTIVE.fullmatch(normal_form)
    return match.group(1) if match else None


@lru_cache(maxsize=100_000)
def is_lemma(word: str, parts_of_speech: tuple[str, ...]) -> bool:
    """Whether the dictionary has a lowercase word (ё as е) as the normal form of one of these
    parts of speech (pymorphy3 tags: NOUN, INFN, ADJF …): a derivational link's root must be a
    real word (наставник for наставничество), not a guess."""
    analyzer = _analyzer()
    if not _RUSSIAN_WORD.fullmatch(word) or not analyzer.word_is_known(word):
        return False
    return any(
        parse.tag.POS in parts_of_speech and parse.normal_form.replace("ё", "е") == word
        for parse in analyzer.parse(word)
    )


@lru_cache(maxsize=100_000)
def aspects(word: str) -> frozenset[str]:
    """The aspects ("perf", "impf") of a lowercase infinitive (ё as е): the dictionary's, one
    for most verbs and both for a two-aspect one (использовать); perfective for a prefixed verb
    it lacks (оцифровать), since a prefix makes a verb perfective unless -ыва-/-ива- make it
    imperfective again (оцифровывать); none for a word that is no verb."""
    analyzer = _analyzer()
    if not _RUSSIAN_WORD.fullmatch(word):
        return frozenset()
    if not analyzer.word_is_known(word):
        if is_prefixed_verb(word):
            return frozenset(("impf",) if re.search("[ыи]вать(?:ся)?$", word) else ("perf",))
        return frozenset()
    return frozenset(
        parse.tag.aspect
        for parse in analyzer.parse(word)
        if parse.tag.POS == "INFN"
        and parse.tag.aspect
        and parse.normal_form.replace("ё", "е") == word
    )


# Russian verbal prefixes (a closed class of the grammar), longest first.
_VERB_PREFIXES = sorted(
    "в во вз взо вс вы до за из изо ис на над надо о об обо от ото пере по под подо пре пред "
    "предо при про раз разо рас с со у".split(),
    key=len,
    reverse=True,
)


@lru_cache(maxsize=100_000)
def is_prefixed_verb(word: str) -> bool:
    """Whether a lowercase infinitive the dictionary lacks is a verbal prefix and an infinitive
    it has: оцифровать (о + цифровать), отсканировать; a new verb is mostly made so."""
    if not _RUSSIAN_WORD.fullmatch(word) or _analyzer().word_is_known(word):
        return False
    return any(
        word.startswith(prefix) and is_lemma(word[len(prefix) :], ("INFN",))
        for prefix in _VERB_PREFIXES
        if len(word) - len(prefix) >= 4
    )
