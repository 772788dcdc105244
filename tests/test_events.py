"""Event types from a report's words in Kazakh, Russian and English, the title weighing most."""

from __future__ import annotations

import re

import pytest

from search.events import EVENT_TYPES, OTHER, STEMS, count, event_types


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Облыстық семинар", "Семинарға 30 маман қатысты.", ["seminar"]),
        ("Семинар для библиотекарей", "Семинар прошёл в Павлодаре.", ["seminar"]),
        ("Regional seminar", "The seminar was held online.", ["seminar"]),
        ("Республикалық конференция", "", ["conference"]),
        ("Научно-практическая конференция", "", ["conference"]),
        ("Ауылдық кітапханашылардың кездесуі", "", ["meeting"]),
        ("Встреча с краеведом", "", ["meeting"]),
        ("Meeting of library directors", "", ["meeting"]),
        ("Біліктілікті арттыру курсы", "", ["training"]),
        ("Курсы повышения квалификации", "", ["training"]),
        ("Training course for rural librarians", "", ["training"]),
        ("Өлкетану кітап көрмесі", "", ["exhibition"]),
        ("Книжная выставка к юбилею", "", ["exhibition"]),
        ("Book exhibition", "", ["exhibition"]),
        ("Заседание круглого стола", "", ["round_table", "meeting"]),
        ("Кітапхана апталығы", "", ["festival"]),
    ],
)
def test_event_type_in_each_language(title: str, text: str, expected: list[str]) -> None:
    assert event_types(title, text) == expected


def test_the_title_outweighs_passing_mentions_in_the_text() -> None:
    text = "Участникам семинара показали выставку. Выставка открыта до мая."
    assert event_types("Семинар методистов", text) == ["seminar"]


def test_a_report_may_be_of_two_types() -> None:
    assert event_types("Семинар-тренинг для методистов", "") == ["seminar", "training"]


def test_one_passing_mention_is_not_enough() -> None:
    assert event_types("Итоги года", "В мае прошла выставка.") == [OTHER]


def test_longer_words_with_another_meaning_do_not_count() -> None:
    # оқытушы is a teacher, not a training; курсор is not a course.
    assert event_types("Оқытушылар туралы", "Курсор мен оқытушы.") == [OTHER]


def test_every_type_is_known() -> None:
    titles = ["Семинар", "Конференция", "Кездесу", "Тренинг", "Көрме", "Байқау", "Презентация"]
    for title in titles:
        assert set(event_types(title, "")) <= set(EVENT_TYPES)


def test_every_stem_is_counted_past_the_look_for_its_beginning() -> None:
    """A type's pattern runs only on a text holding one of its stems' beginnings: every stem,
    inflected and after other words, is still found."""
    for name, stems in STEMS.items():
        for stem in stems:
            # Each word inflected, without the longer words the stem excludes.
            words = " ".join(f"{word}ы" for word in re.sub(r"\(\?!\w+\)", "", stem).split())
            assert count(name, f"жыл бойы {words} мен {words}") == 2, (name, stem)
