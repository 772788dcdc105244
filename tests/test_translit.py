"""Transliteration: the 2021 Kazakh Latin table, ASCII typing, romanised names, mixed scripts."""

from __future__ import annotations

import pytest

from search.analysis import analyzer, fold
from search.analysis.kazakh import stem
from search.analysis.keys import CROSS, cross_keys, search_keys
from search.analysis.translit import (
    KK_LATIN,
    folded,
    phonetic_key,
    repair_mixed,
    to_cyrillic,
    to_latin,
)


def test_every_kazakh_letter_has_its_2021_latin_value() -> None:
    assert KK_LATIN == {
        "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
        "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
        "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
        "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
        "ю": "iu", "я": "ia",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Торайғыров", "Toraiğyrov"),
        ("Қазақстан", "Qazaqstan"),
        ("Өскемен", "Öskemen"),
        ("Ұлытау", "Ūlytau"),
        ("Шығыс", "Şyğys"),
        ("Іле", "Ile"),  # the capital of ı is I …
        ("Ильяс", "İlias"),  # … and of i, İ
        ("Щучинск", "Şşuchinsk"),
        ("Усть-Каменогорск", "Ust-Kamenogorsk"),
        ("ЮНЕСКО", "İuNESKO"),
    ],
)
def test_to_latin_keeps_capitals_and_other_characters(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    "word",
    "кітапхана тәлімгерлік өлкетану біліктілік қазақстан ұлттық күндері жаңалық оқырман "
    "баяндама ауылдық сауаттылық мұражай торайғыров шығыс үшін ғылыми әдебиет ұйымдастырушы "
    "мүшелік".split(),
)
def test_2021_latin_goes_back_to_the_same_cyrillic(word: str) -> None:
    assert to_cyrillic(to_latin(word)) == word


@pytest.mark.parametrize(
    ("ascii", "cyrillic"),
    [
        ("kitaphana", "кітапхана"),
        ("kitaphanalardyn", "кітапханалардың"),  # ñ typed as n
        ("kitaphanalardyng", "кітапханалардың"),  # ñ typed as ng
        ("bilimdi", "білімді"),
        ("talimgerlik", "тәлімгерлік"),
        ("zhastar", "жастар"),
        ("oqushylarga", "оқушыларға"),
        ("sifrlyq", "цифрлық"),  # ц as Kazakh says it
    ],
)
def test_ascii_typed_kazakh_gets_the_key_of_the_cyrillic_word(ascii: str, cyrillic: str) -> None:
    assert folded(stem(to_cyrillic(ascii))) == folded(stem(cyrillic))


def test_vowel_harmony_chooses_the_letters_ascii_does_not_tell_apart() -> None:
    assert to_cyrillic("bilim") == "білім"
    assert to_cyrillic("kunderi") == "күндері"
    assert to_cyrillic("oskemen") == "өскемен"
    assert to_cyrillic("qazaqstan") == "қазақстан"
    assert to_cyrillic("oqu") == "оқу"  # у at the end, after a consonant


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Торайғыров", "Toraigyrov"),
        ("Торайғыров", "Toraighyrov"),
        ("Торайгыров", "Toraiğyrov"),
        ("Шахметова", "Shakhmetova"),
        ("Шахметов", "Shakhmetova"),
        ("Өскемен", "Oskemen"),
        ("Усть-Каменогорск", "Ust-Kamenogorsk"),
        ("Жұмабаева", "Zhumabayeva"),
        ("Жумабаева", "Jumabaeva"),
        ("Нұрланқызы", "Nurlankyzy"),
        ("Байтұрсынұлы", "Baitursynov"),
        ("Әсел", "Assel"),
        ("Достоевский", "Dostoevsky"),
        ("Ерлан", "Yerlan"),
        ("Нұрғалиев", "Nurgaliyev"),
        ("Алматы", "Almaty"),
        ("Шоқан", "Shokan"),
        ("Жамбыл", "Zhambyl"),
    ],
)
def test_names_meet_their_romanisations(a: str, b: str) -> None:
    assert folded(fold(a)) == phonetic_key(fold(b))


def test_russian_case_forms_of_a_name_meet_the_romanisation() -> None:
    # «Торайгырова» is normalised first (→ торайгыров), then folded.
    english = cross_keys("toraigyrov", "en", capital=True)
    assert english == (CROSS + "toraigir",)
    assert set(cross_keys("торайгырова", "ru")) & set(english)
    assert set(cross_keys("торайғыровтың", "kk")) & set(english)


@pytest.mark.parametrize(("a", "b"), [("Семей", "Шымкент"), ("library", "литература")])
def test_different_words_keep_different_keys(a: str, b: str) -> None:
    assert folded(fold(a)) != folded(fold(b))


def test_function_words_have_no_cross_script_key() -> None:
    # "men" (English) and «мен» (Kazakh "and") must not meet.
    assert cross_keys("мен", "kk") == cross_keys("men", "en", capital=True) == ()
    assert cross_keys("бар", "kk") == ()


def test_common_russian_and_lowercase_english_words_have_no_indexed_cross_key() -> None:
    assert cross_keys("библиотека", "ru") == ()
    assert cross_keys("seminar", "en", capital=False) == ()
    assert cross_keys("павлодара", "ru") == (CROSS + "pavlodar",)  # a name
    assert cross_keys("семинар", "kk") == (CROSS + "seminar",)  # every Kazakh word
    # A query word has every reading, whatever the field.
    assert CROSS + "biblioteka" in cross_keys("библиотека", "ru", query=True)


@pytest.mark.parametrize(
    ("mixed", "clean"),
    [
        ("кiтапхана", "кітапхана"),  # a Latin i for і
        ("Кiтап", "Кітап"),
        ("библиoтека", "библиотека"),  # a Latin o
        ("ТOРАЙҒЫРОВ", "ТОРАЙҒЫРОВ"),  # a Latin capital O
        ("Аbai", "Abai"),  # a Cyrillic А in a Latin word
        ("Toraigyrоv", "Toraigyrov"),  # a Cyrillic о
    ],
)
def test_look_alike_letters_are_repaired(mixed: str, clean: str) -> None:
    repaired = repair_mixed(mixed)
    assert repaired == clean and len(repaired) == len(mixed)


@pytest.mark.parametrize("word", ["COVID", "Zoom-ға", "ЮНЕСКО", "2021ж", "Qазақ"])
def test_words_in_one_script_or_a_real_mixture_stay(word: str) -> None:
    assert repair_mixed(word) == word


def test_repaired_words_get_the_clean_words_keys_and_keep_their_offsets() -> None:
    assert search_keys(fold("кiтапханалардың"), "kk") == search_keys("кітапханалардың", "kk")
    text = "Кiтапханада семинар"
    first = next(iter(analyzer("kk")(text, chars=True)))
    assert (first.text, text[first.startchar : first.endchar]) == ("кітапхана", "Кiтапханада")


def test_latin_kazakh_in_a_kazakh_paragraph_is_stemmed_as_kazakh() -> None:
    assert search_keys("kıtaphanalardyñ", "kk") == search_keys("кітапханалардың", "kk")
    assert search_keys("qazaqstanda", "kk") == search_keys("қазақстанда", "kk")
    assert search_keys("kıtaphanalardyñ", "en") != search_keys("кітапханалардың", "kk")
    assert search_keys("libraries", "kk") == search_keys("library", "en")  # English stays


def test_the_2021_capital_dotted_i_folds_to_i() -> None:
    assert fold("İlias") == "ilias"
    assert fold("İNTERNET") == "internet"
