"""The gazetteer: a place is found under its current, former, Russian and English names, in
their inflected forms, and an ambiguous former name (a person, a word) only leads to the place."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT, build_library

from search.analysis import fold
from search.analysis.keys import cross_keys
from search.analysis.places import cyrillic_names, places, read_places
from search.library import Library


def meets(query: str, word: str, lang: str) -> bool:
    """Whether a query word asks for a cross-script key the word is indexed under in `lang`."""
    asked = cross_keys(fold(query), "any", query=True, capital=query[:1].isupper())
    return bool(set(asked) & set(cross_keys(fold(word), lang, capital=word[:1].isupper())))


# (a name typed in a query, a report's word in another name and form, the report's language)
RENAMINGS = [
    ("Атырау", "Гурьеве", "ru"),
    ("Atyrau", "Гурьевской", "ru"),  # «в Гурьевской области»
    ("Гурьев", "Атырауда", "kk"),
    ("Гурьев", "Atyrau", "en"),
    ("Астана", "Целинограде", "ru"),
    ("Астана", "Нур-Султане", "ru"),
    ("Nur-Sultan", "Астанада", "kk"),
    ("Целиноград", "Astana", "en"),
    ("Ақмола", "Астанада", "kk"),  # the city's name in 1992–1998 leads to it
    ("Kostanay", "Кустанае", "ru"),
    ("Кустанай", "Қостанайда", "kk"),
    ("Қостанай", "Кустанайской", "ru"),
    ("Тараз", "Джамбуле", "ru"),
    ("Джамбул", "Таразда", "kk"),
    ("Тараз", "Аулие-Ата", "ru"),
    ("Өскемен", "Усть-Каменогорске", "ru"),
    ("Oskemen", "Усть-Каменогорска", "ru"),
    ("Усть-Каменогорск", "Өскеменде", "kk"),
    ("Ust-Kamenogorsk", "Oskemen", "en"),
    ("Семей", "Семипалатинска", "ru"),
    ("Семипалатинск", "Семейде", "kk"),
    ("Шевченко", "Ақтауда", "kk"),
    ("Алматы", "Алма-Ате", "ru"),
    ("Alma-Ata", "Алматыда", "kk"),
    ("Шымкент", "Чимкента", "ru"),
    ("Chimkent", "Шымкентте", "kk"),
    ("Талдықорған", "Талды-Кургане", "ru"),
    ("Көкшетау", "Кокчетаве", "ru"),
    ("Петропавл", "Петропавловске", "ru"),
    ("Жезқазған", "Джезказгане", "ru"),
    ("Байқоңыр", "Ленинске", "ru"),
    ("Ақтөбе", "Актюбинске", "ru"),
    ("Aktobe", "Ақтөбеде", "kk"),
    ("Орал", "Уральске", "ru"),
    ("Uralsk", "Оралда", "kk"),
    ("Торғай", "Тургайской", "ru"),
    ("Қызылорда", "Перовска", "ru"),
    ("Караганда", "Қарағандыда", "kk"),
    ("Qaraǵandy", "Караганде", "ru"),  # the 2018 Latin alphabet
]


@pytest.mark.parametrize(("query", "word", "lang"), RENAMINGS)
def test_every_name_of_a_place_finds_the_others_in_any_form(
    query: str, word: str, lang: str
) -> None:
    assert meets(query, word, lang)


@pytest.mark.parametrize(
    ("query", "word", "lang"),
    [
        ("Ақтау", "Шевченко", "ru"),  # Тарас Шевченко is not Aktau
        ("Алматы", "верный", "ru"),  # «верный» is a word before it is Almaty's old name
        ("Орал", "уральский", "ru"),  # the Urals
        ("Астана", "Ақмола", "kk"),  # the region
        ("Тараз", "Жамбыл", "kk"),  # the region and the poet
        ("Атырау", "Актау", "ru"),  # different places keep apart
        ("Семей", "Шымкент", "kk"),
    ],
)
def test_an_ambiguous_name_is_not_reached_from_the_place(query: str, word: str, lang: str) -> None:
    assert not meets(query, word, lang)


def test_an_ambiguous_name_still_leads_to_its_place() -> None:
    assert meets("Шевченко", "Ақтауда", "kk")
    assert meets("Верный", "Алматы", "ru")


def test_place_names_are_not_cut_by_the_kazakh_stemmer() -> None:
    # «Қарағанды» is not қара "black" + -ғанды, «Жезқазған» not жезқаз + -ған
    assert cross_keys("қарағандыда", "kk") != cross_keys("қарада", "kk")
    assert cross_keys("жезқазғанда", "kk") == cross_keys("жезқазған", "kk")
    assert {"қарағанды", "атырау", "гурьев", "семипалатинск"} <= cyrillic_names()


def test_no_name_belongs_to_two_places() -> None:
    """A key shared by two places would make each find the other: every clash is a data error
    (or an ambiguous name, which must be marked)."""
    owners: dict[str, str] = {}
    for place in places():
        for name in place.names:
            key = cross_keys(fold(name), "any")[:1] or (name,)
            assert owners.setdefault(key[0], place.id) == place.id, (name, owners[key[0]])


def test_the_gazetteer_cites_its_sources_and_every_line_reads(tmp_path: Path) -> None:
    text = (ROOT / "search" / "data" / "places.tsv").read_text(encoding="utf-8")
    assert "Sources." in text and "GeoNames" in text
    assert len(places()) >= 40
    assert all(len(place.names) >= 2 for place in places())
    broken = tmp_path / "places.tsv"
    broken.write_text("# comment\natyrau\tcity\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"places\.tsv:2"):
        read_places(broken)


REPORTS = {
    "ru/guryev-1985.txt": (
        "Библиотеки Гурьевской области\n\n"
        "В 1985 году в Гурьеве прошёл областной семинар библиотекарей."
    ),
    "kk/atyrau-2021.txt": (
        "Атырау кітапханалары\n\n2021 жылы Атырауда облыстық кітапханашылар семинары өтті."
    ),
    "en/atyrau-2023.txt": "Atyrau libraries\n\nIn 2023 the Atyrau regional library hosted a fair.",
    "ru/semipalatinsk.txt": (
        "Семипалатинск\n\nВ Семипалатинске открылась выставка, посвящённая Абаю."
    ),
    "ru/shevchenko-poet.txt": (
        "Вечер поэзии\n\nВ библиотеке читали стихи Тараса Шевченко на украинском языке."
    ),
}


@pytest.fixture(scope="module")
def places_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """Reports that name a place by its Kazakh, Russian, English or former name."""
    return build_library(tmp_path_factory.mktemp("places"), REPORTS)


def found(library: Library, query: str) -> list[str]:
    return [hit.path for hit in library.search(query, expand=False).hits]


@pytest.mark.parametrize("query", ["Атырау", "Гурьев", "Atyrau", "Атыраудағы", "Гурьевская"])
def test_a_report_is_found_under_every_name_of_its_city(
    places_library: Library, query: str
) -> None:
    assert set(found(places_library, query)) == {
        "ru/guryev-1985.txt",
        "kk/atyrau-2021.txt",
        "en/atyrau-2023.txt",
    }


def test_the_name_as_typed_ranks_first(places_library: Library) -> None:
    assert found(places_library, "Гурьев")[0] == "ru/guryev-1985.txt"
    assert found(places_library, "Семей") == ["ru/semipalatinsk.txt"]
    assert found(places_library, "Ақтау") == []  # the poet Shevchenko's evening is not Aktau
