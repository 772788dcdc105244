"""Language of a string, of each paragraph and of a document: Kazakh, Russian or English.

Rules, not a model. The main script picks the pair (Cyrillic: kk/ru, Latin: kk/en), then every
word votes by letters only one language writes (ә ғ қ ң ө ұ ү һ і; ё щ ъ; ä ğ ı ñ ū ü ö ş),
by function words and by endings (Kazakh -ында, -лды, -лармен; Russian -ого, -ами, -ость). So
Kazakh with no Kazakh letter («Семинар Павлодар облысында болды») and Kazakh in the 2021 Latin
alphabet come out Kazakh.

Chosen over lingua-language-detector on bench/eval_langid.py: the rules score 99.3% on the
labelled set and 99.7% on UD sentences at ~20k strings/s; lingua, restricted to the three
languages, scores 82% (it reads all Latin-script Kazakh as English) at ~12k strings/s, from a
96 MB wheel and 15-120 MB of memory. Used behind the rules it only settles one-word headings,
and a paragraph that the rules leave undecided takes the document's language anyway.
Ukrainian and Kyrgyz text, outside the three languages, reads as Kazakh.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from search.extract.base import Document

LANGUAGES = ("kk", "ru", "en")

# Which languages each script can be, and the guess for a paragraph nothing else decides.
_SCRIPT_LANGUAGES = {"cyrillic": ("kk", "ru"), "latin": ("kk", "en")}
_SCRIPT_FALLBACK = {"cyrillic": "ru", "latin": "en", None: "en"}

# A language is present in a document with a paragraph of about a sentence, or a fifth of the
# letters: a Russian book title quoted in a Kazakh report does not make the report Russian.
_MIN_PARAGRAPH_LETTERS = 60
_MIN_SHARE = 0.2

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z\u00c0-\u024f]", re.IGNORECASE)
# Latin look-alikes typed into Cyrillic words, above all "i" for «і» on a Russian keyboard.
_HOMOGLYPHS = str.maketrans("iaeopcxyk", "іаеорсхук")

_KK_LETTERS = re.compile(r"[әғқңөұүһі]")
_RU_LETTERS = re.compile(r"[ёщъ]")
_KK_LATIN_DIACRITICS = re.compile(r"[äğıñūüöşç]")
_KK_LATIN_LETTERS = re.compile(r"[äğıñūüöşç]|q(?!u)|j[yıūü]")

# Frequent words of one language that the other does not have. Kazakh «да/де/та/те» and «он»
# (ten) are Russian words too, so they are left out; «не» is "what" in Kazakh, so it is weak.
# Some Kazakh entries are as typed without a Kazakh keyboard (жане, еди, бирак).
_KK_WORDS = frozenset(
    "мен бен пен туралы бойынша арасында аясында барысында бойы жылы жыл деп деген осы ол олар "
    "оны сол бар тек ал бастап болып болса болатын болады еди екен орай сайын немесе жане жатыр "
    "алды берди кейин дейин мына бирак".split()
)
_RU_WORDS = frozenset(
    "и в во на с со по для что чтобы ни это этот эта эти этого этой этом был была были было "
    "будет будут от к ко из за о об обо при а но как также так же уже еще или у до после без "
    "под над между через перед около его ее их она оно они мы вы я нас нам им ему ей все всех "
    "весь вся который которая которое которые которых где когда только более очень можно есть "
    "года году год лет том тем там здесь свой своих своей такой такие ли бы то".split()
)
_RU_WEAK_WORDS = frozenset(["не"])
_EN_WORDS = frozenset(
    "the of and to in a is are was were be been being for on with by from at as an this that "
    "these those it its or not no but which who whom whose what when where how why their they "
    "them there he she his her him we our us you your i my me has have had will would can could "
    "should may might must do does did about into over under after before during between "
    "through than then also more most all each every some any other new up out so if only very "
    "just".split()
)
_KK_LATIN_WORDS = frozenset(
    "men ben pen jäne jane turaly boiynşa boiynsha arasynda aiasynda barysynda boiy jyly jyl "
    "dep degen osy ol olar ony sol bar tek bastap bolyp boldy bolsa bolatyn bolady edı edi eken "
    "orai saiyn nemese būl bul üşın ushin üshin keiın keiin deiın deiin arqyly bırge birge "
    "barlyq ğana qana da de ta te".split()
)

# Kazakh endings Russian words do not have: plural + case or possessive, possessive +
# locative, past tense after -л-/-с-, converbs, agent nouns, instrumental (not Russian
# «времен», «имен»), ablative, present -йды, participle -ген, causative -дыру.
_KK_ENDING = re.compile(
    r"(?:лар|лер|дар|дер|тар|тер)(?:ды|ді|да|де|дан|ден|ға|ге|мен|ын|ін|ына|іне|ында|інде|ымен"
    r"|імен|ымыз)$|(?:лар|дар|тар)ы$"
    r"|[ыі]н[дт][ае]$|л[дт][ыі]$|[аы]сты$|[тс]ад[ыі]$|[ыі]п$|уш[ыі]|[^еи]мен$|[^е]бен$|пен$"
    r"|(?:дан|ден|тен|нан|нен|[пкт]тан)$|йд[ыі]$|[гк]ен$|[дт][ыі]ру$"
)
# Bare plurals collide with Russian «доллар», «лидер», «компьютер»; «-ап» with «этап».
_KK_WEAK_ENDING = re.compile(r"(?:лар|лер|дар|дер|тар|тер|ап|[ао]сы)$")
# Russian inflections Kazakh words do not have. Kazakh words do end in -ет, -ел, -ала, -ой
# (сурет, жедел, бала, мерейтой): -ой counts only after н, в, к... (областной, новой).
_RU_ENDING = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ами|ями|ых|их|ый|ий|ая|яя|ое|ее|ые|ие|ую|юю|ей|ом|ов|ев|ах|ях"
    r"|ию|ии|ией|ье|ья|ью|ьи|ться|тся|ешь|ют|ят|ит|ать|ять|ить|еть|уть|ть|ь|ость|ости|ние|ния"
    r"|нию|нии|ство|ства|ству|ством|ила|ела|ыла|или|ели|ыли|ило|ело|ыло|ировал|ает|яет|ует|еет"
    r"|ся|ем|ям|ил|али|яли|ка|[взклтч]ал|[нвкжшчр]ой)$"
)
# Kazakh surnames end like Russian words (Жабаев, Оспанова) in Kazakh text too.
_NAME_ENDING = re.compile(r"(?:ов|ев|ин|ий|ей|ова|ева|ина)$")

_KK_LATIN_ENDING = re.compile(
    r"(?:lar|ler|dar|der|tar|ter)(?:dy|dı|di|da|de|dan|den|ğa|ga|ge|men|yn|ın|in|yna|ına|ine"
    r"|ynda|ında|inde|ymen|ımen|imen)$"
    r"|[yı]n[dt][ae]$|l[dt][yı]$|[yı]p$|[ay]lar$|[pktq]tar$|(?<![el])ady$|ed[iı]$"
    r"|(?:[rnls]|y|ı)men$"
)
# Letters and spellings the 2021 Kazakh alphabet does not use (c w x, th, -tion, -ing...).
_EN_PATTERN = re.compile(
    r"[cwx]|th|wh|ght|tion|sion|ing$|ous$|ness$|ment$|ould$|ies$|ed$|ee|oo|ea|ou|ay|ey"
)


class _Paragraph(NamedTuple):
    start: int
    end: int
    lang: str | None  # None: the words did not tell
    script: str | None  # "cyrillic", "latin", or None without letters of either
    letters: int


def detect(text: str) -> str | None:
    """The language of `text`; None when it has no letters or nothing tells Kazakh from Russian.

    Latin text without Kazakh evidence is English: Kazakh in Latin letters is still rare.
    """
    lang, script, _ = _judge(text)
    if lang is None and script == "latin":
        return "en"
    return lang


def annotate(doc: Document) -> None:
    """Set a document's languages (main first) and the language of each run of paragraphs,
    which routes its text to the per-language fields."""
    paragraphs = _paragraphs(doc.text)  # judged once for both
    doc.languages = _languages(paragraphs)
    doc.spans = _spans(paragraphs, default=doc.languages[0] if doc.languages else None)


def document_languages(text: str) -> list[str]:
    """Languages with a real share of the document's letters, the largest share first."""
    return _languages(_paragraphs(text))


def _languages(paragraphs: list[_Paragraph]) -> list[str]:
    letters: Counter[str] = Counter()
    substantial: set[str] = set()
    for paragraph, lang in _resolve(paragraphs, default=None):
        letters[lang] += paragraph.letters
        if paragraph.letters >= _MIN_PARAGRAPH_LETTERS:
            substantial.add(lang)
    total = sum(letters.values())
    return [
        lang
        for lang, count in letters.most_common()
        if count and (lang in substantial or count / total >= _MIN_SHARE)
    ]


def paragraph_languages(text: str, default: str | None) -> list[tuple[int, int, str]]:
    """(start, end, lang) spans covering every paragraph of `text`; runs of one language merge.

    A paragraph whose words do not tell (digits, a name, a one-word heading) takes `default`
    when its script allows it, else the language of the nearest decided paragraph, else
    Russian for Cyrillic and English for anything else.
    """
    return _spans(_paragraphs(text), default)


def _spans(paragraphs: list[_Paragraph], default: str | None) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for paragraph, lang in _resolve(paragraphs, default):
        if spans and spans[-1][2] == lang:
            spans[-1] = (spans[-1][0], paragraph.end, lang)
        else:
            spans.append((paragraph.start, paragraph.end, lang))
    return spans


def _paragraphs(text: str) -> list[_Paragraph]:
    """Every non-blank paragraph, judged alone."""
    return [
        _Paragraph(match.start(), match.end(), *_judge(match.group()))
        for match in _PARAGRAPH.finditer(text)
        if not match.group().isspace()
    ]


def _resolve(paragraphs: list[_Paragraph], default: str | None) -> list[tuple[_Paragraph, str]]:
    """Every paragraph with its language, undecided ones filled in."""
    decided = {lang: [i for i, p in enumerate(paragraphs) if p.lang == lang] for lang in LANGUAGES}
    resolved = []
    for i, paragraph in enumerate(paragraphs):
        lang = paragraph.lang
        if lang is None:
            fits: tuple[str, ...] = _SCRIPT_LANGUAGES.get(paragraph.script or "", LANGUAGES)
            if default in fits:
                lang = default
            else:
                lang = _nearest(i, fits, decided) or _SCRIPT_FALLBACK[paragraph.script]
        resolved.append((paragraph, lang))
    return resolved


def _nearest(index: int, fits: tuple[str, ...], decided: dict[str, list[int]]) -> str | None:
    """The language in `fits` of the closest decided paragraph (the earlier one on a tie)."""
    best: tuple[tuple[int, int], str] | None = None
    for lang in fits:
        positions = decided[lang]
        at = bisect.bisect_left(positions, index)
        for position in positions[max(at - 1, 0) : at + 1]:
            key = (abs(position - index), position)
            if best is None or key < best[0]:
                best = (key, lang)
    return best[1] if best else None


def _judge(text: str) -> tuple[str | None, str | None, int]:
    """(language or None when undecided, main script, letters of Cyrillic and Latin words)."""
    letters = {"cyrillic": 0, "latin": 0}
    votes = {"cyrillic": 0.0, "latin": 0.0}
    for match in _WORD.finditer(unicodedata.normalize("NFC", text)):
        script, vote = _word_vote(match.group())
        if script:
            letters[script] += len(match.group())
            votes[script] += vote
    total = letters["cyrillic"] + letters["latin"]
    if not total:
        return None, None, 0
    script = "cyrillic" if letters["cyrillic"] >= letters["latin"] else "latin"
    if votes[script] > 0:
        return "kk", script, total
    if votes[script] < 0:
        return ("ru" if script == "cyrillic" else "en"), script, total
    return None, script, total


def is_cyrillic(text: str) -> bool:
    """Whether `text` has a Cyrillic letter: Kazakh or Russian, not English."""
    return bool(_CYRILLIC.search(text))


@lru_cache(maxsize=50_000)
def _word_vote(word: str) -> tuple[str | None, float]:
    """The word's script and its vote: positive for Kazakh, negative for Russian or English."""
    if _CYRILLIC.search(word):
        return "cyrillic", _cyrillic_vote(word)
    if _LATIN.search(word):
        return "latin", _latin_vote(word)
    return None, 0.0


def _cyrillic_vote(word: str) -> float:
    # Single capitals are initials («С. Торайғыров»), not the prepositions «с», «в».
    if len(word) == 1 and word.isupper():
        return 0.0
    capitalised = word[0].isupper()
    word = word.lower().translate(_HOMOGLYPHS)
    if _KK_LETTERS.search(word) or word in _KK_WORDS:
        return 1.0
    if _RU_LETTERS.search(word) or word in _RU_WORDS:
        return -1.0
    if _has_ending(_KK_ENDING, word):
        return 1.0
    if _has_ending(_RU_ENDING, word) and not (capitalised and _NAME_ENDING.search(word)):
        return -1.0
    if _has_ending(_KK_WEAK_ENDING, word):
        return 0.5
    if word in _RU_WEAK_WORDS:
        return -0.5
    return 0.0


def _latin_vote(word: str) -> float:
    if len(word) == 1 and word.isupper() and word != "I":
        return 0.0
    # Capitalised words may be names (Tariq, Qatar): only the Kazakh diacritics count there.
    kazakh = _KK_LATIN_DIACRITICS if word[0].isupper() else _KK_LATIN_LETTERS
    word = word.lower()
    if kazakh.search(word) or word in _KK_LATIN_WORDS:
        return 1.0
    if word in _EN_WORDS:
        return -1.0
    if _has_ending(_KK_LATIN_ENDING, word):
        return 1.0
    if _EN_PATTERN.search(word):
        return -1.0
    return 0.0


def _has_ending(pattern: re.Pattern[str], word: str) -> bool:
    """Whether `word` has the ending after a stem of two letters or more («дами» is no «-ами»)."""
    match = pattern.search(word)
    return match is not None and match.start() >= 2
