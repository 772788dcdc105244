"""Analysis: inflected forms meet, different words stay apart, offsets point at words as written."""

from __future__ import annotations

import pytest

from search.analysis import analyzer
from search.analysis.english import stem
from search.analysis.keys import CROSS, search_keys
from search.analysis.russian import normal_forms


def keys(text: str, lang: str) -> list[str]:
    return [token.text for token in analyzer(lang)(text)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("библиотекарей", "библиотекарь"),
        ("библиотеками", "библиотека"),
        ("семинаре", "семинаров"),
        ("наставничества", "наставничество"),
        ("Торайгырова", "Торайгыров"),
    ],
)
def test_russian_forms_meet(a: str, b: str) -> None:
    assert set(keys(a, "ru")) & set(keys(b, "ru"))


@pytest.mark.parametrize(("a", "b"), [("библиотека", "библиотекарь"), ("семинар", "семья")])
def test_russian_words_stay_apart(a: str, b: str) -> None:
    assert not set(keys(a, "ru")) & set(keys(b, "ru"))


def test_ambiguous_russian_form_gives_every_normal_form_at_one_position() -> None:
    tokens = [(t.text, t.pos) for t in analyzer("ru")("стали", positions=True)]
    assert {text for text, _ in tokens} == {"сталь", "стать"}
    assert {pos for _, pos in tokens} == {0}


def test_yo_is_folded_and_pymorphy_never_sees_kazakh_or_latin() -> None:
    assert keys("Приглашён", "ru") == keys("приглашен", "ru")
    assert normal_forms("library") == ("library",)
    # кітапхана in a Russian paragraph is still normalised as Kazakh, never «кітапхать».
    assert search_keys("кітапхана", "ru") == search_keys("кітапхана", "kk")
    assert "кітапхать" not in search_keys("кітапхана", "any")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("кітапханалардың", "кітапхана"),
        ("кітапханаларының", "кітапханаға"),
        ("кітапханашылар", "кітапханашы"),
        ("семинарға", "семинарда"),
    ],
)
def test_kazakh_forms_meet(a: str, b: str) -> None:
    assert keys(a, "kk") == keys(b, "kk")


def test_kazakh_library_and_librarian_stay_apart() -> None:
    assert keys("кітапханалар", "kk") != keys("кітапханашылар", "kk")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("mentoring", "mentors"),
        ("libraries", "library"),
        ("organised", "organized"),
        ("organisation", "organization"),
        ("catalogue", "catalog"),
        ("cataloguing", "cataloging"),
        ("catalogued", "catalogs"),
        ("dialogues", "dialog"),
        ("analogue", "analog"),
        ("colours", "color"),
        ("centre", "centers"),
        ("travelled", "traveling"),
        ("programme", "programs"),
    ],
)
def test_english_forms_and_spellings_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    ("a", "b"), [("four", "for"), ("promise", "prom"), ("university", "universal")]
)
def test_english_words_stay_apart(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_hyphenated_name_is_found_whole_and_by_parts_at_one_position() -> None:
    text = "в Усть-Каменогорске прошла"
    tokens = [
        (t.text, t.pos, text[t.startchar : t.endchar])
        for t in analyzer("ru")(text, positions=True, chars=True)
    ]
    written = list(dict.fromkeys(w for _, _, w in tokens))  # a word may have several keys
    assert written[:4] == ["в", "Усть-Каменогорске", "Усть", "Каменогорске"]
    assert {pos for _, pos, w in tokens if "Усть" in w or "Камен" in w} == {1}
    assert tokens[-1][1] == 2  # the next word follows the compound directly
    # A query keeps the compound whole (one exact key, and its cross-script key, then those of
    # the place's other names: Өскемен).
    query = [t.text for t in analyzer("ru")("Усть-Каменогорск", mode="query")]
    assert query[:2] == ["усть-каменогорск", CROSS + "ust-kamenogorsk"]
    assert CROSS + "oskemen" in query[2:]


def test_offsets_mark_words_as_written() -> None:
    text = "Кітапханалардың  қызметкерлері, «Библиотекари» and MENTORS."
    for lang in ("kk", "ru", "en"):
        for token in analyzer(lang)(text, chars=True):
            written = text[token.startchar : token.endchar]
            assert written.strip("«».,") == written and written.isalpha()


def test_numbers_are_kept() -> None:
    assert keys("125 жыл 2021", "kk")[0] == "125"
    assert "2021" in keys("в 2021 году", "ru")
