"""The kk/ru/en thesaurus: it loads, it is complete, and inflected query words find its concepts."""

from __future__ import annotations

import pytest

from search.thesaurus import DATA, LANGUAGES, Concept, parse, thesaurus


def concepts_of(text: str) -> list[Concept]:
    """The concepts a query names (a word may name two: English "mentoring" and "mentor" share
    their stem, Kazakh цифрландыру is both digitization and digital transformation)."""
    words = text.split()
    match = thesaurus().match(words)
    assert match.size == len(words), f"{text!r} is no term"
    return match.concepts


def texts(concept: Concept, lang: str) -> set[str]:
    return {term.text for term in concept.terms if term.lang == lang}


def test_it_has_at_least_300_concepts_each_in_all_three_languages() -> None:
    concepts = thesaurus().concepts
    assert len(concepts) >= 300
    for concept in concepts:
        assert {term.lang for term in concept.terms} == set(LANGUAGES), concept
        assert all(all(word for word in term.keys) for term in concept.terms), concept


def test_every_line_is_three_columns_of_terms() -> None:
    for number, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            columns = line.split("\t")
            assert len(columns) == 3, number
            assert all(t.strip() == t and t for c in columns for t in c.split("|")), number


@pytest.mark.parametrize(
    ("kk", "ru", "en"),
    [
        ("кітапхана", "библиотека", "library"),
        ("кітапханашы", "библиотекарь", "librarian"),
        ("тәлімгерлік", "наставничество", "mentoring"),
        ("біліктілікті арттыру", "повышение квалификации", "professional development"),
        ("цифрландыру", "оцифровка", "digitization"),
        ("өлкетану", "краеведение", "local history"),
        ("кәсіби бағдар", "профориентация", "career guidance"),
        ("көрме", "выставка", "exhibition"),
        ("дөңгелек үстел", "круглый стол", "round table"),
        ("оқырман", "читатель", "reader"),
        ("Өскемен", "Усть-Каменогорск", "Ust-Kamenogorsk"),
    ],
)
def test_known_concepts_join_the_three_languages(kk: str, ru: str, en: str) -> None:
    shared = [c for c in concepts_of(kk) if c in concepts_of(ru) and c in concepts_of(en)]
    assert any(
        kk in texts(c, "kk") and ru in texts(c, "ru") and en in texts(c, "en") for c in shared
    )


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("наставничеству", "наставничество"),  # Russian case forms
        ("наставничества", "наставничество"),
        ("кітапханаларымыздың", "кітапхана"),  # Kazakh suffixes
        ("тәлімгерлікке", "тәлімгерлік"),
        ("libraries", "library"),  # English inflection and British spelling
        ("catalogues", "catalogue"),
        ("повышения квалификации", "повышение квалификации"),  # a multi-word term
        ("біліктілігін арттыру", "біліктілікті арттыру"),
        ("tälımgerlık", "тәлімгерлік"),  # Kazakh in the 2021 Latin alphabet …
        ("talimgerlik", "тәлімгерлік"),  # … typed in ASCII …
        ("цифрлык сауаттылык", "цифрлық сауаттылық"),  # … or without Kazakh letters
    ],
)
def test_inflected_query_words_find_the_concept(query: str, term: str) -> None:
    assert concepts_of(query) == concepts_of(term)


def test_the_longest_term_wins_and_the_rest_of_the_query_stays() -> None:
    words = "курсы повышения квалификации в Павлодаре".split()
    match = thesaurus().match(words)
    assert match.size == 3
    assert "біліктілікті арттыру курсы" in match.expansions()
    assert thesaurus().match(words, 3).size == 0  # «в»
    assert thesaurus().match(words, 4).size == 1  # Павлодар


def test_expansions_are_the_concepts_other_terms() -> None:
    expansions = thesaurus().match(["наставничеству"]).expansions()
    assert "тәлімгерлік" in expansions and "mentoring" in expansions
    assert "наставничество" not in expansions  # the word itself is searched anyway


def test_words_that_are_no_term_match_nothing() -> None:
    assert thesaurus().match(["и"]).size == 0
    assert thesaurus().match(["xyzzy"]).size == 0
    assert thesaurus().match(["men"]).size == 0  # not «мен»


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("кітап\tкнига", "expected 3 columns"),
        ("кітап\tкнига\t", "empty en term"),
        ("бір екі үш төрт бес\tодин\tone", "more than 4 words"),
    ],
)
def test_a_malformed_line_is_reported_with_its_number(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=rf"^test:2: .*{message}"):
        parse(["# a comment", line], "test")
