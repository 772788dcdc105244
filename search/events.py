"""The kind of event a report describes (seminar, conference, …), found from its words.

Librarians file reports by event, but no format carries that as metadata, so Izde reads it from
the title and text in Kazakh, Russian and English. Each type has word stems in the three
languages; a stem found in the title counts `TITLE_WEIGHT` times, one in the text once (at most
`TEXT_CAP` times, so a long report that mentions many events is not all of them). The best type
is kept when it scores at least `MIN_SCORE` (one title mention, or two in the text); a second
type only when it is as plain as a title mention and scores at least half as much (a
«семинар-тренинг» is both; a seminar that showed an exhibition is a seminar). A report with no
type is "other".
"""

from __future__ import annotations

import re
from collections import Counter

from search.analysis import WORD, fold

TITLE_WEIGHT = 3
TEXT_CAP = 5
MIN_SCORE = 2
OTHER = "other"

# Stems of each type's words, lowercase and with е for ё. A stem matches at the start of a word
# and may be followed by any ending (Kazakh and Russian inflect); a space matches the rest of a
# word and the spaces after it, so «кругл стол» finds «круглого стола». `(?!…)` excludes a
# longer word with another meaning.
STEMS: dict[str, tuple[str, ...]] = {
    "seminar": ("семинар", "вебинар", "практикум", "seminar", "webinar", "workshop"),
    "conference": (
        "конференц",
        "форум",
        "симпозиум",
        "конгресс",
        "conference",
        "forum",
        "symposium",
        "congress",
    ),
    "round_table": ("дөңгелек үстел", "кругл стол", "round table", "roundtable"),
    "meeting": (
        "кездесу",
        "кездесті",
        "жиналыс",
        "встреч",
        "собрани",
        "заседани",
        "meeting",
    ),
    "training": (
        "оқыту(?!шы)",
        "тренинг",
        "курс(?!ор)",
        "біліктіл арттыр",
        "шеберлік сыны",
        "тәлімгерлік мектеб",
        "обучени",
        "школ наставнич",
        "повышени квалификац",
        "мастер-класс",
        "training",
        "trainer",
        "master class",
        "masterclass",
    ),
    "exhibition": ("көрме", "выставк", "экспозиц", "exhibition", "exhibit", "exposition"),
    "competition": (
        "байқауы",
        "сайыс",
        "конкурс",
        "олимпиад",
        "викторин",
        "competition",
        "contest",
        "olympiad",
        "quiz",
    ),
    "presentation": ("таныстырылым", "тұсаукесер", "презентац", "presentation", "book launch"),
    "festival": (
        "апталығ",
        "онкүндік",
        "фестивал",
        "недел библиот",
        "недел книг",
        "недел детск",
        "festival",
        "library week",
        "book week",
    ),
}
EVENT_TYPES = (*STEMS, OTHER)


def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    words = (r"\w*\s+".join(stem.split()) for stem in stems)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + ")")


PATTERNS = {name: _pattern(stems) for name, stems in STEMS.items()}
# What a match of each type's pattern begins with: a stem's first word, up to any expression in
# it. A text holding none of them as they are has no match, and most texts hold no word of most
# types: a scan of the text per type was a tenth of a short report's time in a worker.
BEGINNINGS = {
    name: tuple(re.split(r"[\s(]", stem, maxsplit=1)[0] for stem in stems)
    for name, stems in STEMS.items()
}


def count(name: str, text: str) -> int:
    """How many times the type's stems occur in the folded `text`."""
    if not any(beginning in text for beginning in BEGINNINGS[name]):
        return 0
    return len(PATTERNS[name].findall(text))


def _folded(text: str) -> str:
    """`text` with each word folded as the analyzers fold it (the mixed-script repair is per
    word: a text may hold words in both scripts)."""
    return WORD.sub(lambda word: fold(word.group()), text)


def event_types(title: str, text: str) -> list[str]:
    """One or two event types of a report, best first; `[OTHER]` when none is clear."""
    title, text = _folded(title), _folded(text)
    scores: Counter[str] = Counter()
    for name in PATTERNS:
        in_title = count(name, title)
        in_text = min(count(name, text), TEXT_CAP)
        if score := TITLE_WEIGHT * in_title + in_text:
            scores[name] = score
    ranked = [(name, score) for name, score in scores.most_common() if score >= MIN_SCORE]
    if not ranked:
        return [OTHER]
    (first, best), *others = ranked
    return [first] + [name for name, score in others[:1] if score >= max(TITLE_WEIGHT, best / 2)]
