"""Decades: every way of naming one, in any of the three languages, meets the others and the
years of it; a year asked for stays that year."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_library

from search.analysis import fold
from search.analysis.periods import decade, period_keys


@pytest.mark.parametrize(
    ("word", "first_year"),
    [
        ("девяностые", 1990),
        ("Девяностых", 1990),
        ("восьмидесятыми", 1980),
        ("двухтысячных", 2000),
        ("1990-е", 1990),
        ("1990-х", 1990),
        ("90-х", 1990),
        ("60-е", 1960),
        ("1990s", 1990),
        ("2010s", 2010),
        ("nineties", 1990),
        ("1990-жылдары", 1990),
        ("1990-жылдардағы", 1990),
    ],
)
def test_a_decade_is_read_in_any_spelling(word: str, first_year: int) -> None:
    assert decade(fold(word)) == first_year


@pytest.mark.parametrize(
    "word",
    ["девяностый", "девяносто", "1990", "1990-й", "20-е", "1990's", "ninety", "190s", "жылдары"],
)
def test_other_words_name_no_decade(word: str) -> None:
    # the ninetieth, ninety, a year, «20-е» (the 1920s or the 2020s), a possessive
    assert decade(fold(word)) is None


def test_a_year_is_in_its_decade_only_in_indexed_text() -> None:
    assert period_keys("1997") == period_keys("девяностые") == ("~#1990",)
    assert period_keys("1997", query=True) == ()
    assert period_keys("12345") == period_keys("0990") == ()


def test_the_nineties_find_a_report_of_1997_and_a_year_stays_a_year(tmp_path: Path) -> None:
    library = build_library(
        tmp_path,
        {
            "ru/1997.txt": "Отчёт библиотеки\n\nВ 1997 году фонд пополнился книгами.",
            "en/2005.txt": "Library report\n\nIn 2005 the collection grew.",
            "kk/1993.txt": "Кітапхана есебі\n\n1993 жылы қор толықты.",
        },
    )

    def found(query: str) -> set[str]:
        return {hit.path for hit in library.search(query).hits}

    assert found("девяностые годы") == {"ru/1997.txt", "kk/1993.txt"}
    assert found("in the 1990s") >= {"ru/1997.txt", "kk/1993.txt"}
    assert "en/2005.txt" not in found("in the 1990s")
    assert found("1997") == {"ru/1997.txt"}
