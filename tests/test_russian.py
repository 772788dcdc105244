"""Russian normal forms: which one comes first, and that a query form and a text form still meet.

The first normal form is what a word is shown and suggested as; all of them are index keys.
"""

from __future__ import annotations

import pytest

from search.analysis import analyzer
from search.analysis.keys import search_keys
from search.analysis.russian import normal_forms


def keys(text: str, lang: str = "ru") -> set[str]:
    return {token.text for token in analyzer(lang)(text)}


@pytest.mark.parametrize(
    ("word", "first"),
    [
        # An ordinal in digits, whatever its case ending, and whether or not pymorphy3's
        # dictionary holds that number (1990-х it does, 28-го and 2015-м it does not).
        ("1990-х", "1990-й"),
        ("1990-е", "1990-й"),
        ("28-го", "28-й"),
        ("2015-м", "2015-й"),
        ("7-я", "7-й"),
        # A superlative is its own word first, its positive degree after it.
        ("крупнейших", "крупнейший"),
        ("лучшими", "лучший"),
        ("высшим", "высший"),
        # Unknown names: the word as written rather than a zero-ending genitive plural
        # (рубеан ← «рубеана»), a vocative (тайлер ← «тайлера»), a short adjective (клаусен ←
        # «клаусный»), an imperative (кикути ← «кикутить») or a first name's plural.
        ("рубеан", "рубеан"),
        ("тайлер", "тайлер"),
        ("клаусен", "клаусен"),
        ("кикути", "кикути"),
        ("торайгыров", "торайгыров"),
        # ...while the guesser still reads inflected unknown words.
        ("торайгырова", "торайгыров"),
        ("торайгырову", "торайгыров"),
        ("террейнами", "террейн"),
        ("мультстудий", "мультстудия"),
        # Known words keep pymorphy3's most probable reading.
        ("библиотекарей", "библиотекарь"),
        ("установленного", "установленный"),
    ],
)
def test_first_normal_form(word: str, first: str) -> None:
    assert normal_forms(word)[0] == first


@pytest.mark.parametrize(
    ("word", "also"),
    [
        ("крупнейших", "крупный"),
        ("лучшими", "хороший"),
        ("торайгыров", "торайгыр"),  # the guess stays a key, after the word
        ("тайлер", "тайлера"),
        ("стали", "сталь"),
        ("стали", "стать"),
    ],
)
def test_every_reading_stays_a_key(word: str, also: str) -> None:
    assert also in normal_forms(word)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("в 1990-х годах", "1990-е"),
        ("к 28-му числу", "28-го"),
        ("крупнейших", "крупнейший"),
        ("крупнейших", "крупный"),
        ("лучшими", "лучший"),
        ("Тайлер", "Тайлера"),
        ("Рубеан", "Рубеана"),
        ("Торайгыров", "Торайгырову"),
    ],
)
def test_query_and_text_forms_meet(a: str, b: str) -> None:
    assert keys(a) & keys(b)


def test_digits_that_are_not_an_ordinal_stay_as_written() -> None:
    assert normal_forms("122-мм") == ("122-мм",)
    assert normal_forms("5-ти") == ("5-ти",)


@pytest.mark.parametrize("word", ["library", "kitaphana", "кітапхана", "торайғыров", "қазақстан"])
def test_latin_and_kazakh_words_pass_through_unchanged(word: str) -> None:
    assert normal_forms(word) == (word,)


def test_kazakh_words_in_russian_text_go_to_the_kazakh_stemmer() -> None:
    for word in ("кітапхана", "торайғыров"):
        assert search_keys(word, "ru") == search_keys(word, "kk")
