"""Searching across scripts and languages: names in three spellings, Latin-typed Kazakh, thesaurus
translations ranked below the words as typed, mixed-script words, and "did you mean"."""

from __future__ import annotations

import pytest
from helpers import REPORTS, build_library

from search.library import Library
from search.spelling import suggest

# Besides the shared reports: a Kazakh report on mentoring (тәлімгерлік, never «наставничество»),
# one in the 2021 Latin alphabet, and Sholpan Shakhmetova in Russian and English.
EXTRA = {
    "kk/talimgerlik-mektebi.txt": (
        "Жас кітапханашыларға арналған тәлімгерлік мектебі\n\n"
        "2021 жылғы 16 қыркүйекте Екібастұзда тәлімгерлік мектебі ашылды. Тәжірибелі "
        "кітапханашылар жас әріптестерінің біліктілігін арттыруға көмектеседі. "
        "Қалалық кітапхана мектепке оқу залын берді."
    ),
    "kk-latn/kitaphanashylar-kuni.txt": (
        "Kıtaphanaşylar künı\n\n"
        "2024 jyly Pavlodar oblystyq kıtaphanasynda kıtaphanaşylar künıne arnalğan keş öttı. "
        "Sūltanmahmūt Toraiğyrov atyndağy kıtaphananyñ qyzmetkerlerı marapattaldy."
    ),
    "ru/vstrecha-shakhmetova.txt": (
        "Встреча с Шахметовой\n\n"
        "В марте 2023 года городская библиотека пригласила Шолпан Шахметову. "
        "Она рассказала о краеведении и работе с молодыми специалистами."
    ),
    "en/shakhmetova-reading-clubs.txt": (
        "Reading clubs\n\nIn May 2023 Sholpan Shakhmetova spoke about reading clubs "
        "for teenagers at the regional library."
    ),
}
KK = "kk/kitaphana-aptaligi.txt"
KK_MENTORING = "kk/talimgerlik-mektebi.txt"
KK_LATIN = "kk-latn/kitaphanashylar-kuni.txt"
RU = "ru/seminar-bibliotekar.md"
RU_SHAKHMETOVA = "ru/vstrecha-shakhmetova.txt"
EN_MENTORS = "en/mentors.html"
EN_SHAKHMETOVA = "en/shakhmetova-reading-clubs.txt"


@pytest.fixture(scope="module")
def crosslingual_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The sample reports and EXTRA."""
    return build_library(tmp_path_factory.mktemp("crosslingual"), {**REPORTS, **EXTRA})


def found(library: Library, query: str, **kwargs: object) -> list[str]:
    return [hit.path for hit in library.search(query, **kwargs).hits]


def test_a_kazakh_name_finds_its_russian_and_english_spellings(
    crosslingual_library: Library,
) -> None:
    paths = found(crosslingual_library, "Торайғыров")
    # The name as written first (in either Kazakh alphabet), then Торайгырова and Toraigyrov.
    assert set(paths[:2]) == {KK, KK_LATIN}
    assert set(paths[2:]) == {RU, EN_MENTORS}


def test_a_romanised_name_finds_the_cyrillic_reports(crosslingual_library: Library) -> None:
    paths = found(crosslingual_library, "Toraigyrov")
    assert paths[0] == EN_MENTORS
    assert {KK, KK_LATIN, RU} <= set(paths)
    assert set(found(crosslingual_library, "Shakhmetova")) == {RU_SHAKHMETOVA, EN_SHAKHMETOVA}
    assert set(found(crosslingual_library, "Шахметовой")) == {RU_SHAKHMETOVA, EN_SHAKHMETOVA}
    assert found(crosslingual_library, "Ust-Kamenogorsk", expand=False) == ["en/exhibition.txt", RU]


def test_the_other_script_is_marked_in_the_snippet(crosslingual_library: Library) -> None:
    hits = {hit.path: hit.snippet for hit in crosslingual_library.search("Toraigyrov").hits}
    assert "<mark>Торайғыров</mark>" in hits[KK]
    assert "<mark>Торайгырова</mark>" in hits[RU]


@pytest.mark.parametrize(
    "query",
    ["kitaphana", "kitaphanalardyn", "kıtaphanalardyñ", "kitaphanalardyń", "kitaphanalardyn'"],
)
def test_latin_typed_kazakh_finds_the_cyrillic_report(
    crosslingual_library: Library, query: str
) -> None:
    paths = found(crosslingual_library, query)
    # Kazakh reports in either script, before the translations' reports (library, библиотека).
    assert set(paths[:3]) == {KK, KK_MENTORING, KK_LATIN}
    assert RU in paths[3:]


@pytest.mark.parametrize(
    "query",
    ["tälımgerlık mektebı", "tálimgerlik mektebi", "ta'limgerlik mektebi", "talimgerlik mektebi"],
)
def test_every_latin_alphabet_finds_the_cyrillic_report(
    crosslingual_library: Library, query: str
) -> None:
    # 2021, 2018 (acutes), 2017 (apostrophes) and ASCII spellings of «тәлімгерлік мектебі»
    assert found(crosslingual_library, query, expand=False) == [KK_MENTORING]


def test_a_cyrillic_query_finds_the_latin_kazakh_report_as_typed(
    crosslingual_library: Library,
) -> None:
    # Reports with only one of the term's words follow, as partial matches.
    assert fully(crosslingual_library, "кітапханашылар күні") == [KK_LATIN]
    assert found(crosslingual_library, "кітапханашылар күні")[0] == KK_LATIN
    assert found(crosslingual_library, "marapattaldy") == [KK_LATIN]


def test_a_translation_is_found_but_ranked_below_the_words_as_typed(
    crosslingual_library: Library,
) -> None:
    paths = found(crosslingual_library, "наставничество")
    assert paths[0] == RU
    assert KK_MENTORING in paths[1:] and EN_MENTORS in paths[1:]
    hit = next(
        h for h in crosslingual_library.search("наставничество").hits if h.path == KK_MENTORING
    )
    assert "<mark>тәлімгерлік</mark>" in hit.snippet
    assert found(crosslingual_library, "наставничество", expand=False) == [RU]


def fully(library: Library, query: str) -> list[str]:
    """The reports that match every word, as typed, in another form or through a translation."""
    return [hit.path for hit in library.search(query).hits if hit.match != "partial"]


def test_translation_keeps_and_per_concept(crosslingual_library: Library) -> None:
    # повышение квалификации is one concept (біліктілікті арттыру); Экибастуз another.
    assert fully(crosslingual_library, "повышение квалификации") == [KK_MENTORING]
    assert fully(crosslingual_library, "наставничество Экибастуз") == [KK_MENTORING]
    # "Mentors … of Pavlodar region": both concepts, each through a translation.
    assert fully(crosslingual_library, "наставничество Павлодар") == [EN_MENTORS]


def test_latin_kazakh_is_translated_too(crosslingual_library: Library) -> None:
    paths = found(crosslingual_library, "talimgerlik")
    assert paths[0] == KK_MENTORING and set(paths[1:]) == {RU, EN_MENTORS}


def test_mixed_script_query_words_are_repaired(crosslingual_library: Library) -> None:
    # A Latin i for і, and a Latin o inside a Russian word.
    assert set(found(crosslingual_library, "кiтапханашылар", expand=False)) == {
        KK,
        KK_MENTORING,
        KK_LATIN,
    }
    assert found(crosslingual_library, "библиoтекарей", expand=False) == [RU]


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("кітапхна", "кітапхана"),
        ("библеотека", "библиотека"),
        ("libary", "library"),
        ("Libary", "Library"),  # the user's capitals …
        ("lang:kk семинрр", "lang:kk семинар"),  # … and syntax stay
        ("exhibitoin mentors", "exhibition mentors"),
    ],
)
def test_a_misspelled_word_gets_a_suggestion(
    crosslingual_library: Library, query: str, suggestion: str
) -> None:
    with crosslingual_library.version() as version:
        assert suggest(version, query) == suggestion


@pytest.mark.parametrize(
    "query",
    [
        "кітапханаларымыздың",  # an inflection of an indexed word
        "библиотекарями",
        "librarians",
        "тәлімгерлерге",
        "kitaphanalardyn",  # known in another script
        "профориентация",  # a thesaurus term, though no report has it
        "mentors AND exhibition",
    ],
)
def test_a_known_word_is_never_respelled(crosslingual_library: Library, query: str) -> None:
    with crosslingual_library.version() as version:
        assert suggest(version, query) is None


def test_a_typo_that_finds_nothing_is_searched_respelled(crosslingual_library: Library) -> None:
    result = crosslingual_library.search("библеотека")
    assert (result.query, result.respelled_from, result.suggestion) == (
        "библиотека",
        "библеотека",
        None,
    )
    assert result.counts["full"] > 0 and result.total == len(result.hits)


def test_search_as_typed_offers_the_suggestion(crosslingual_library: Library) -> None:
    result = crosslingual_library.search("библеотека", respell=False)
    assert (result.total, result.suggestion, result.respelled_from) == (0, "библиотека", None)


def test_a_real_word_the_reports_lack_is_suggested_but_not_searched_respelled(
    crosslingual_library: Library,
) -> None:
    # «библиотечка», a small library, is one letter from the reports' «библиотека», but no typo.
    result = crosslingual_library.search("библиотечка")
    assert (result.respelled_from, result.suggestion) == (None, "библиотека")


@pytest.mark.parametrize(
    "query",
    [
        "Кого пригласила городская библиотека?",
        "Кімге тәлімгерлік мектебі көмектеседі?",
        "Whom did the library train?",
    ],
)
def test_a_question_word_in_any_form_is_optional(crosslingual_library: Library, query: str) -> None:
    """A question asks with words a report does not have where the answer is (кого, кімге,
    did): they must not push the answer into the OR fallback or rank it lower."""
    result = crosslingual_library.search(query)
    assert not result.fallback
    assert result.hits
