"""The kk/ru/en thesaurus: it loads, it is complete, and inflected query words find its concepts."""

from __future__ import annotations

import pytest

from search.analysis import WORD, fold
from search.engine.whoosh.expansion import ExpansionPlugin
from search.thesaurus import DATA, LANGUAGES, Concept, data_files, parse, thesaurus


def concepts_of(text: str) -> list[Concept]:
    """The concepts a query names (a word may name two: English "mentoring" and "mentor" share
    their stem, Kazakh цифрландыру is both digitization and digital transformation)."""
    words = text.split()
    match = thesaurus().match(words)
    assert match.size == len(words), f"{text!r} is no term"
    return match.concepts


def texts(concept: Concept, lang: str) -> set[str]:
    return {term.text for term in concept.terms if term.lang == lang}


def test_it_has_at_least_2500_concepts_each_in_all_three_languages() -> None:
    concepts = thesaurus().concepts
    assert len(concepts) >= 2500
    for concept in concepts:
        assert {term.lang for term in concept.terms} == set(LANGUAGES), concept.source
        for term in concept.terms:  # every word has a key in its own language, or is unfindable
            assert all(any(lang == term.lang for lang, _ in word) for word in term.keys), term


def test_it_reads_the_core_and_every_domain_file() -> None:
    files = data_files()
    assert files[0] == DATA and len(files) > 1
    sources = {concept.source.split(":")[0] for concept in thesaurus().concepts}
    assert sources == {path.name for path in files}


def test_every_line_is_three_columns_of_terms() -> None:
    for path in data_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line and not line.startswith("#"):
                columns = line.split("\t")
                assert len(columns) == 3, f"{path.name}:{number}"
                terms = [t for c in columns for t in c.split("|")]
                assert all(t.strip() == t and t for t in terms), f"{path.name}:{number}"


def test_every_domain_file_says_where_its_entries_come_from() -> None:
    for path in data_files()[1:]:
        header = path.read_text(encoding="utf-8").split("\n#\n")[0]
        assert "# Source:" in header and "not queries" in header, path.name


def test_no_term_of_a_domain_file_names_another_concept() -> None:
    """A term that, typed as a query, names a second concept would expand it to both: «қорған»
    (kurgan) read as «қор» (library collection), "publication" as "public". The core file's own
    merges predate the review: families the English stemmer joins anyway (mentor, mentoring)."""
    merges = [
        f"{concept.source} «{term.text}» → {other.source}"
        for concept, term, other in thesaurus().merges()
        if (concept.source.split(":")[0], other.source.split(":")[0]) != (DATA.name, DATA.name)
    ]
    assert merges == []


def test_no_word_expands_to_more_than_the_parser_keeps() -> None:
    widest = max(
        (len(thesaurus().match([term.text]).expansions()), term.text)
        for concept in thesaurus().concepts
        for term in concept.terms
        if len(WORD.findall(term.text)) == 1
    )
    assert widest[0] <= ExpansionPlugin.LIMIT, widest


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
        # from the domain files, with their derived forms
        ("өлкетанулық", "краеведческий", "local history"),
        ("кітапханалық", "библиотечный", "library"),
        ("пленарлық отырыс", "пленарное заседание", "plenary session"),
        ("ретроспективті конверсия", "ретроспективная конверсия", "retrospective conversion"),
        ("міндетті дана", "обязательный экземпляр", "legal deposit"),
        ("инклюзивті кітапхана", "инклюзивная библиотека", "inclusive library"),
        ("каталогтаушы", "каталогизатор", "cataloguer"),
        ("жоспарлау", "планирование", "planning"),
        ("мұрағаттық", "архивный", "archival"),
        ("құрдастық тәлімгерлік", "равное наставничество", "peer mentoring"),
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
        ("jazgy oqu", "жазғы оқу"),  # short words of a longer term, typed in ASCII
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


def test_past_the_limit_every_language_keeps_its_first_terms() -> None:
    concepts = parse(["а1|а2|а3|а4|а5\tб1|б2|б3|б4|б5\tc1|c2"])
    assert concepts.match(["а1"]).expansions(limit=5) == ["а2", "а3", "б1", "б2", "c1"]
    assert len(concepts.match(["а1"]).expansions()) == 11


@pytest.mark.parametrize(
    ("query", "noun"),
    [
        ("оцифровали", "оцифровка"),  # a verb the thesaurus lacks: its verbal noun's concept
        ("отремонтированная", "ремонт"),  # a participle: its loan verb's noun
        ("обучали", "обучение"),
    ],
)
def test_a_word_no_term_has_finds_the_concept_of_its_derivational_family(
    query: str, noun: str
) -> None:
    match = thesaurus().match([query])
    assert match.size == 1 and set(concepts_of(noun)) <= set(match.concepts)
    assert noun in match.expansions()  # not typed: the noun is searched as an expansion


@pytest.mark.parametrize("word", ["кітапхана", "library", "план", "обучение"])
def test_a_word_that_is_a_term_names_only_its_own_concepts(word: str) -> None:
    """Families are asked only for a word no term has: «кітапхана» stays the library, not
    also the librarian (кітапханашы) and library science (кітапханатану) of its family."""
    own = [
        concept
        for concept in thesaurus().concepts
        if any(fold(term.text) == word for term in concept.terms)
    ]
    assert own and thesaurus().match([word]).concepts == own


def test_words_that_are_no_term_match_nothing() -> None:
    assert thesaurus().match(["и"]).size == 0
    assert thesaurus().match(["xyzzy"]).size == 0
    assert thesaurus().match(["men"]).size == 0  # not «мен»
    # a short word typed in Latin letters names no one-word term by its sound alone: "oqu" has
    # the two letters of оқу's stem, as do too many other words
    assert thesaurus().match(["oqu"]).size == 0


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


@pytest.mark.parametrize(
    ("lines", "merged"),
    [
        (["кітап\tкнига\tbook", "кітаптар\tкниги\tbooks"], "кітаптар"),  # one word's forms
        (["қор\tфонд\tholdings", "қорған\tкурган\tkurgan"], "қорған"),  # a Kazakh stem
        (["басылым\tиздание\tpublication", "көпшілік\tпубличный\tpublic"], "public"),
        (["Семей\tСемипалатинск\tSemey", "отбасы\tсемья\tfamily"], "Семей"),  # a form of семья
    ],
)
def test_a_term_that_names_another_concept_is_a_merge(lines: list[str], merged: str) -> None:
    found = {(term.text, other.source) for _, term, other in parse(lines, "test").merges()}
    assert any(text == merged for text, _ in found), found


def test_separate_concepts_are_no_merge() -> None:
    lines = ["кітап\tкнига\tbook", "көрме\tвыставка\texhibition"]
    assert parse(lines, "test").merges() == []
