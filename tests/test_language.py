"""Language identification: what indexing relies on, and accuracy on the labelled set."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from search.language import LANGUAGES, detect, document_languages, paragraph_languages

EVAL_SET = Path(__file__).resolve().parents[1] / "bench" / "eval" / "langid.tsv"

KAZAKH = (
    "Облыстық кітапханада ауылдық кітапханашыларға арналған семинар өтті. "
    "Семинарға он екі аудандан отыз маман қатысты."
)
RUSSIAN = "В семинаре приняли участие специалисты из двенадцати районов области."


def test_kazakh_report_with_a_russian_paragraph_gets_two_exact_spans() -> None:
    text = f"{KAZAKH}\n\n{RUSSIAN}"
    spans = paragraph_languages(text, default="kk")
    assert spans == [(0, len(KAZAKH), "kk"), (len(KAZAKH) + 2, len(text), "ru")]
    assert [text[start:end] for start, end, _ in spans] == [KAZAKH, RUSSIAN]


def test_adjacent_paragraphs_of_one_language_merge_into_one_span() -> None:
    text = f"Кітапханалар апталығы\n\n{KAZAKH}\n\n{RUSSIAN}\n\n{RUSSIAN}"
    spans = paragraph_languages(text, default=None)
    assert [lang for _, _, lang in spans] == ["kk", "ru"]
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert text[spans[1][0] : spans[1][1]] == f"{RUSSIAN}\n\n{RUSSIAN}"


@pytest.mark.parametrize(
    "text",
    [
        "Алматы облысы бойынша жас мамандар форумы басталды.",
        "Кездесуге ардагер мамандар мен балалар жазушысы келген.",
        "Олар Астанадан келген.",
    ],
)
def test_kazakh_without_kazakh_letters_is_kazakh(text: str) -> None:
    assert detect(text) == "kk"


@pytest.mark.parametrize(
    "text",
    ["Kıtaphanada seminar öttı.", "Bılım beru salasy", "Oqyrmandar men kıtaphanaşylar kezdesuı"],
)
def test_kazakh_in_the_latin_alphabet_is_kazakh(text: str) -> None:
    assert detect(text) == "kk"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mentors trained librarians of rural libraries in Pavlodar region.", "en"),
        ("Book exhibition", "en"),
        ("Наставники обучили библиотекарей сельских библиотек.", "ru"),
        ("Тәлімгерлер ауыл кітапханашыларын оқытты.", "kk"),
        # Mixed strings go by their main language.
        ("Семинарда Koha жүйесі мен MARC 21 форматы талқыланды.", "kk"),
        ("The guide «Электронная библиотека» was translated into Kazakh and English.", "en"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_text_without_letters_has_no_language() -> None:
    assert detect("2021 — 15 %") is None
    assert document_languages("2021\n\n15") == []


def test_paragraph_without_letters_takes_the_default() -> None:
    text = f"{KAZAKH}\n\n2021–2022\n\n{RUSSIAN}"
    assert [lang for _, _, lang in paragraph_languages(text, default="ru")] == ["kk", "ru"]
    assert paragraph_languages("2021\n\n2022", default="kk") == [(0, 10, "kk")]


def test_undecided_paragraph_fits_its_script_and_neighbours() -> None:
    # «Семинар» alone could be either language: it follows the document when it can.
    assert paragraph_languages(f"Семинар\n\n{RUSSIAN}", default="ru")[0][2] == "ru"
    assert paragraph_languages(f"Семинар\n\n{RUSSIAN}", default=None)[0][2] == "ru"
    # An English default cannot be a Cyrillic paragraph's language.
    assert paragraph_languages(f"{KAZAKH}\n\nСеминар", default="en") == [(0, len(KAZAKH) + 9, "kk")]
    assert paragraph_languages("Семинар", default=None) == [(0, 7, "ru")]
    assert paragraph_languages("", default="kk") == []


def test_document_languages_main_first_and_only_real_shares() -> None:
    assert document_languages(f"{KAZAKH}\n\n{KAZAKH}\n\n{RUSSIAN}") == ["kk", "ru"]
    assert document_languages(f"{RUSSIAN}\n\n{RUSSIAN}\n\n{KAZAKH}") == ["ru", "kk"]
    # A short Russian heading does not make a Kazakh report Russian.
    assert document_languages(f"Итоги года\n\n{KAZAKH}\n\n{KAZAKH}") == ["kk"]
    assert set(document_languages(f"{KAZAKH}\n\n{RUSSIAN}")) <= set(LANGUAGES)


def test_accuracy_on_the_labelled_set() -> None:
    with EVAL_SET.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) >= 90
    misses = [
        (row["text"], row["lang"], found)
        for row in rows
        if (found := detect(row["text"])) != row["lang"]
    ]
    assert 1 - len(misses) / len(rows) >= 0.97, misses
