"""Kazakh keys: inflected forms meet, derived words and look-alike roots stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchload import bench_module

from search.analysis import fold
from search.analysis.kazakh import stem

ROOT = Path(__file__).resolve().parents[1]
KK_GOLD = ROOT.parent / "shared" / "data" / "gold" / "kk_gold.tsv"


def key(word: str) -> str:
    return stem(fold(word))


@pytest.mark.parametrize(
    "forms",
    [
        ("кітапханалардың", "кітапхана", "кітапханаларының", "кітапханасында", "кітапханамыз"),
        ("кітапханашылар", "кітапханашы", "кітапханашының"),
        ("кітабы", "кітап", "кітаптар", "кітапқа"),
        ("мектебі", "мектеп", "мектепте"),
        ("семинарға", "семинарда", "семинар", "семинарына", "семинарлары"),
        ("конференцияда", "конференцияның", "конференция", "конференциясы"),
        ("Торайғыровтың", "Торайғыров"),
        ("Павлодардағы", "Павлодар", "Павлодардың"),
        ("облысының", "облыс", "облыстағы", "облысы"),
        ("Қазақстан", "Қазақстанда", "Қазақстанның", "Қазақстаннан"),
        ("өтті", "өтеді", "өткен", "өтетін", "өтуі"),
        ("өткізілді", "өткізу", "өткізді", "өткізілетін"),
        ("маман", "маманы", "мамандар"),
        ("халық", "халқы", "халқының"),
        ("курс", "курстар", "курсқа", "курстары"),  # у is the vowel of a loan
    ],
)
def test_forms_meet(forms: tuple[str, ...]) -> None:
    assert len({key(form) for form in forms}) == 1, {form: key(form) for form in forms}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("кітапханашылар", "кітапхана"),  # librarians / library
        ("кітапханашы", "кітапханалар"),
        ("қала", "қалам"),  # city / pen, not "my city"
        ("қаласы", "қаламы"),
        ("облыстық", "облыс"),  # regional / region
        ("ақпараттық", "ақпарат"),
        ("қатысушылар", "қатысу"),  # participants / to participate
        ("өткізу", "өту"),  # to hold / to pass: causative is a verb of its own
        ("дамыту", "даму"),
        ("ғылыми", "ғылым"),
    ],
)
def test_derived_words_and_lookalike_roots_stay_apart(a: str, b: str) -> None:
    assert key(a) != key(b)


def test_hyphenated_word_keeps_its_head_and_stems_its_last_part() -> None:
    assert key("онлайн-семинарға") == key("онлайн-семинарда") == "онлайн-семинар"
    assert key("ЮНЕСКО-ның") == "юнеско"  # a case ending after a hyphen goes with it


@pytest.mark.parametrize("word", ["2021", "55-ші", "1-ші", "2021ж"])
def test_numbers_come_back_unchanged(word: str) -> None:
    assert stem(word) == word


def test_gold_set_reaches_the_targets() -> None:
    if not KK_GOLD.exists():
        pytest.skip(f"{KK_GOLD} is absent (the shared data sits next to the repository)")
    conflation = bench_module("conflation")
    result = conflation.conflation(conflation.read_gold(KK_GOLD), stem)
    assert result.recall >= 0.90, result
    assert result.false_merge_rate <= 0.005, result
