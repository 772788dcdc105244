"""Derivational families: a derived word and its root's word find each other through the
lower-weight DERIV keys, by measured links only; look-alikes and unmeasured links stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchload import bench_module
from helpers import build_library, shared_data

from search.analysis import analyzer, derivation, fold
from search.analysis.keys import CROSS, DERIV, derivation_keys, search_keys
from search.library import Library


def asked(query: str, lang: str) -> set[str]:
    """The keys a query word asks for at the derivational weight in a `lang` field: its DERIV
    keys, and their roots as plain keys (what query.py's `_cross` does)."""
    keys = derivation_keys(fold(query), lang, query=True)
    return set(keys) | {key[len(DERIV) :] for key in keys}


def indexed(word: str, lang: str) -> set[str]:
    word = fold(word)
    return set(search_keys(word, lang)) | set(derivation_keys(word, lang))


FAMILIES = [
    # (a query word, a report's word of its family, the report's language)
    ("өлке", "өлкетану", "kk"),
    ("өлкетану", "өлкесі", "kk"),
    ("тәлімгер", "тәлімгерлік", "kk"),
    ("тәлімгерлігі", "тәлімгерлер", "kk"),
    ("кітапхана", "кітапханашылар", "kk"),
    ("кітапханашы", "кітапханалардың", "kk"),
    ("облыс", "облыстық", "kk"),
    ("ақпараттық", "ақпарат", "kk"),
    ("қызмет", "қызметкерлер", "kk"),
    ("ғылым", "ғылыми", "kk"),
    ("мәдени", "мәдениет", "kk"),
    ("ерікті", "еріктілер", "kk"),  # -ті "having": ерік-ті and ерікті-лер
    ("еріктілердің", "ерікті", "kk"),
    ("күш", "күшті", "kk"),
    ("наставник", "наставничество", "ru"),
    ("наставничества", "наставники", "ru"),
    ("обучение", "обучить", "ru"),
    ("читатели", "читать", "ru"),
    ("издательство", "издатель", "ru"),
    ("краеведческий", "краевед", "ru"),
    # verbs, their participles and their nouns: one family across aspect, voice and prefix
    ("отремонтированная", "ремонт", "ru"),  # от- + ремонтировать, a loan verb's noun
    ("ремонт", "отремонтировали", "ru"),
    ("оцифровали", "оцифровка", "ru"),  # оцифровать is no dictionary word: о- + цифровать
    ("обучали", "обучение", "ru"),  # обучать → обучить, обучение → обучить
    ("выставлялись", "выставили", "ru"),  # -ся, then выставлять → выставить
    ("реставрация", "отреставрировали", "ru"),
    ("организовали", "организации", "ru"),
    ("квалификации", "квалифицировать", "ru"),
    ("создавали", "создание", "ru"),
    ("закрывали", "закрыто", "ru"),  # закрывать → закрыть, the short participle's verb
    ("открытие", "открывают", "ru"),
    ("забывали", "забыли", "ru"),
    ("вузов", "вузовских", "ru"),  # вуз-овский
    ("повысить", "повышения", "ru"),  # the verb's с is ш before -ение
    ("оформили", "оформление", "ru"),
    ("переоснащение", "переоснастили", "ru"),
    ("утверждение", "утвердили", "ru"),
    ("разрабатывают", "разработали", "ru"),
    ("подготовка", "подготовили", "ru"),
    ("запланированы", "план", "ru"),
    ("проводились", "проводить", "ru"),
    ("librarian", "librarianship", "en"),
    ("librarianship", "librarians", "en"),
    ("library", "librarians", "en"),
    ("specialists", "special", "en"),
    ("mentorship", "mentors", "en"),
    ("digitization", "digitized", "en"),  # Snowball folds -ize, -ization, -ized already
]


@pytest.mark.parametrize(("query", "word", "lang"), FAMILIES)
def test_a_word_finds_its_derivational_family(query: str, word: str, lang: str) -> None:
    assert asked(query, lang) & indexed(word, lang)


@pytest.mark.parametrize(
    ("query", "word", "lang"),
    [
        ("бар", "барлық", "kk"),  # "there is" and "all"
        ("бас", "бастық", "kk"),  # "head" and "boss"
        ("бұр", "бұрыш", "kk"),  # -ыш is not the agent -шы
        ("кітап", "кітапхана", "kk"),  # -хана: measured right, but "book" is not "library"
        ("білім", "білімсіз", "kk"),  # -сыз makes the opposite
        ("агент", "агентство", "ru"),  # the meaning left the root
        ("глава", "главный", "ru"),  # -ный: one merge in four false, not used
        ("часть", "частный", "ru"),
        ("полка", "полить", "ru"),  # -ка: one merge in three false, not used (-овка is)
        ("записка", "записали", "ru"),
        ("образ", "образовать", "ru"),  # -овать: «образ» is no root of «образовать»
        ("публика", "публиковать", "ru"),
        ("модерн", "модернизировать", "ru"),  # -изировать: not measured on any pair
        ("пользовать", "использовать", "ru"),  # a two-aspect verb keeps its prefix
        ("следовать", "исследовать", "ru"),
        ("забывали", "забили", "ru"),  # забы-вать is забыть, not заб-ивать
        ("помещение", "поместили", "ru"),  # premises
        ("помещение", "пометили", "ru"),
        ("отношение", "относить", "ru"),
        ("прибывают", "прибили", "ru"),
        ("расформировать", "сформировать", "ru"),  # раз- is no empty perfective prefix
        ("должность", "должный", "ru"),  # -ость: half its merges false, not used
        ("corn", "corner", "en"),  # -er: one merge in three false, not used
        ("dent", "dentist", "en"),
        ("қала", "қалам", "kk"),  # no link at all
        ("ұл", "ұлттық", "kk"),  # after л it would be -ды: ұлт "nation" is no ұл "son"
        ("қара", "Қарағанды", "kk"),  # a place, not "black"
    ],
)
def test_look_alikes_and_unsafe_links_stay_apart(query: str, word: str, lang: str) -> None:
    assert not asked(query, lang) & indexed(word, lang)


def test_only_derived_words_are_indexed_with_a_family_key() -> None:
    assert derivation_keys("тәлімгерлік", "kk") == (DERIV + "тәлім",)
    assert derivation_keys("тәлімгер", "kk") == (DERIV + "тәлім",)
    assert derivation_keys("тәлім", "kk") == ()  # a root word: its own key is the root
    assert derivation_keys("наставник", "ru") == ()
    assert derivation_keys("2021", "kk") == ()
    # a query word asks for its own family key too, to find the words derived from it
    assert DERIV + "наставник" in derivation_keys("наставник", "ru", query=True)


def test_family_keys_are_a_kind_of_cross_script_key() -> None:
    """Query code that knows only CROSS weighs them like cross-script keys, below the word's
    own keys; code that knows DERIV can weigh them lower still."""
    assert DERIV.startswith(CROSS) and DERIV != CROSS
    tokens = [t.text for t in analyzer("kk")("тәлімгерлік", mode="query")]
    assert tokens[0] == "тәлімгерлік" and DERIV + "тәлім" in tokens


def test_unsafe_links_are_measured_but_not_used() -> None:
    unused = [link.name for links in derivation.LINKS.values() for link in links if not link.safe]
    assert {"-хана", "-сыз/-сіз", "-ный/-ной/-онный (noun)", "-er (agent)"} <= set(unused)
    assert {"-ка (verb)", "-овать (noun)", "-изировать (noun)", "-ость (adjective)"} <= set(unused)
    chosen = tuple(link for link in derivation.KAZAKH if link.name == "-хана")
    assert derivation.root("кітапхана", "kk", chosen) == "кіта"  # what it would do
    assert derivation.root("кітапхана", "kk") == "кітапхана"


def test_used_links_keep_their_measured_precision() -> None:
    """The figures bench/eval_derivation.py prints: every used link together, on the gold sets
    and the judged UD pairs, merges at least four right pairs for each false one."""
    treebanks = {lang: shared_data(f"ud/{lang}.tsv") for lang in ("kk", "ru", "en")}
    bench_module("conflation")
    bench = bench_module("eval_derivation")
    judged = bench.read_judged(bench.JUDGED)
    for lang, treebank in treebanks.items():
        used = tuple(link for link in derivation.LINKS[lang] if link.safe)
        rows = bench.read_ud(treebank, lambda upos: upos in bench.UD_POS)
        items = [(form, lemma, None) for form, lemma, _ in rows]
        tally = bench.measure(items, lang, used, judged, 0)
        assert tally.precision >= bench.MIN_PRECISION, (lang, tally)
        assert tally.rate <= bench.MAX_FALSE_RATE, (lang, tally)
        assert tally.unjudged == 0, (lang, tally)  # a change to judge in derivation_judged.tsv


REPORTS = {
    "kk/talimgerlik.txt": "Тәлімгерлік мектебі\n\nЖас мамандарға тәлімгерлік бағдарламасы ашылды.",
    "kk/talimger.txt": "Тәлімгерлер кеңесі\n\nТәлімгер жас кітапханашыға көмектеседі.",
    "ru/nastavnichestvo.txt": "Наставничество\n\nПрограмма наставничества для молодых коллег.",
    "ru/nastavnik.txt": "Наставник года\n\nЛучший наставник получил премию.",
    "en/librarianship.txt": "Librarianship today\n\nA lecture on librarianship and its ethics.",
    "en/librarians.txt": "Librarians meet\n\nThe librarians met in May.",
}


@pytest.fixture(scope="module")
def family_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """Reports of a word and of a word of its family, in each language."""
    return build_library(tmp_path_factory.mktemp("derivation"), REPORTS)


@pytest.mark.parametrize(
    ("query", "first", "then"),
    [
        ("тәлімгерлік", "kk/talimgerlik.txt", "kk/talimger.txt"),
        ("тәлімгер", "kk/talimger.txt", "kk/talimgerlik.txt"),
        ("наставничество", "ru/nastavnichestvo.txt", "ru/nastavnik.txt"),
        ("наставник", "ru/nastavnik.txt", "ru/nastavnichestvo.txt"),
        ("librarianship", "en/librarianship.txt", "en/librarians.txt"),
        ("librarian", "en/librarians.txt", "en/librarianship.txt"),
    ],
)
def test_the_word_as_typed_ranks_above_its_family(
    family_library: Library, query: str, first: str, then: str
) -> None:
    paths = [hit.path for hit in family_library.search(query, expand=False).hits]
    assert paths == [first, then]


RUSSIAN_REPORTS = {
    "ru/remont.txt": "Капитальный ремонт библиотеки\n\nВ районной библиотеке завершён ремонт.",
    "ru/ocifrovka.txt": "Оцифровка редких книг\n\nОцифровка фонда редких книг продолжается.",
    "ru/obuchenie.txt": "Обучение библиотекарей\n\nДля библиотекарей прошло обучение.",
    "ru/vystavka.txt": "Книжная выставка\n\nВ библиотеке открылась выставка новых книг.",
    "kk/cifrlandyru.txt": "Сирек кітаптарды цифрландыру\n\nКітапхана қорын цифрландыру жалғасуда.",
    "en/digitization.txt": "Digitization of rare books\n\nThe library digitized its rare books.",
}


@pytest.fixture(scope="module")
def russian_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """Reports of Russian nouns (and their translations) that verb forms should find."""
    return build_library(tmp_path_factory.mktemp("russian-derivation"), RUSSIAN_REPORTS)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        # a participle finds the loan verb's noun; a past tense finds the verbal noun
        ("отремонтированная библиотека", "ru/remont.txt"),
        ("оцифровали редкие книги", "ru/ocifrovka.txt"),
        ("обучали библиотекарей", "ru/obuchenie.txt"),
    ],
)
def test_a_verb_form_finds_the_report_with_its_noun(
    russian_library: Library, query: str, found: str
) -> None:
    result = russian_library.search(query, expand=False)
    assert [hit.path for hit in result.hits if hit.match == "full"] == [found]


def test_a_noun_finds_the_reports_with_its_verb_below_the_noun_itself(tmp_path: Path) -> None:
    """«ремонт» finds a report that only says «отремонтировали», after the one with «ремонт»."""
    verb = {"ru/otremontirovali.txt": "Библиотека открылась\n\nЗдание отремонтировали за лето."}
    library = build_library(tmp_path, {**RUSSIAN_REPORTS, **verb})
    paths = [hit.path for hit in library.search("ремонт", expand=False).hits]
    assert paths == ["ru/remont.txt", "ru/otremontirovali.txt"]


def test_an_exhibition_is_not_found_by_its_verb_through_an_unsafe_link(
    russian_library: Library,
) -> None:
    """-ка is measured unsafe (записка, поставка): «выставили» does not find «выставка»."""
    result = russian_library.search("выставили", expand=False)
    assert "ru/vystavka.txt" not in [hit.path for hit in result.hits]


def test_a_verb_finds_the_translations_of_its_nouns_concept(russian_library: Library) -> None:
    """«оцифровали» is no thesaurus term, but its family's «оцифровка» is: the reports in
    Kazakh and English on digitization are found too, below the one in Russian."""
    hits = russian_library.search("оцифровали").hits
    assert hits[0].path == "ru/ocifrovka.txt"
    translated = {hit.path for hit in hits if hit.match == "translated"}
    assert translated == {"kk/cifrlandyru.txt", "en/digitization.txt"}
