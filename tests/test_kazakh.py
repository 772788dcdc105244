"""Kazakh keys: inflected forms meet, derived words and look-alike roots stay apart."""

from __future__ import annotations

import pytest
from benchload import bench_module
from helpers import shared_data

from search.analysis import fold
from search.analysis.kazakh import stem


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


def _meet_and_part(forms: tuple[str, ...], apart: tuple[tuple[str, str], ...]) -> None:
    assert len({key(form) for form in forms}) == 1, {form: key(form) for form in forms}
    for a, b in apart:
        assert key(a) != key(b), (a, b, key(a))


def test_known_verbs_take_bare_converb_future_and_colloquial_person() -> None:
    """бол-а, бер-ер, ал-ам, бол-мақ are believed only of the frequent verbs the lexicon lists;
    the same ending on another stem, or a converb that is a word of its own, is left alone."""
    _meet_and_part(
        ("бола", "болады", "болар", "болмақ", "болайын", "болған"),
        (("бала", "бал"), ("қала", "қал"), ("ала", "ал"), ("бара", "бар"), ("жер", "же")),
    )
    _meet_and_part(("алам", "алады", "алдық", "алып"), (("алмас", "алды"), ("бармақ", "бар")))
    _meet_and_part(("бере", "береді", "берер", "бермек", "берейік"), (("шығар", "шықты"),))


def test_vowel_verbs_past_converb_and_negation() -> None:
    """жаса-ды is past, not жас-ады; жаса-й is the converb; істе-ме-ді is negated, not істем-еді."""
    _meet_and_part(("жасады", "жасай", "жасайды", "жасаған"), (("жасады", "жас"),))
    _meet_and_part(("істемеді", "істеді", "істейді", "істей"), (("қарады", "қар"),))
    _meet_and_part(("оқи", "оқиды", "оқыды", "оқу"), ())


def test_past_first_person_plural() -> None:
    """-дық after a vowel, р/й/у or a causative is past; after other consonants only on a known
    verb, as облыс-тық and ауыл-дық are adjectives."""
    _meet_and_part(("бардық", "барды"), (("барлық", "бар"),))
    _meet_and_part(("келдік", "келді", "келеді"), (("ауылдық", "ауыл"), ("бастық", "бас")))
    _meet_and_part(("өткіздік", "өткізді"), (("негіздік", "негіз"),))


def test_participle_with_possessive_and_the_fact_of_it() -> None:
    """болған-ым-ды, болған-дық-тан: 1st person and -дық are cut from participles only, so
    білім "knowledge" and бөлім "department" keep apart from біл "know" and бөл "divide"."""
    _meet_and_part(
        ("болғаным", "болғанымды", "болғаныма", "болғандықтан", "болмасымды", "бол"),
        (("білім", "біл"), ("бөлім", "бөл"), ("қағандық", "қаған"), ("мамандық", "маман")),
    )
    _meet_and_part(("алмастан", "алмады"), ())
    _meet_and_part(("айтқысы", "айтқым", "айтты"), (("алғысы", "алды"),))


def test_pronoun_paradigms() -> None:
    _meet_and_part(("мен", "менің", "маған", "мені", "менде", "меніңше"), (("мен", "сен"),))
    _meet_and_part(("ол", "оның", "оған", "оны", "онда", "олай"), (("ол", "бұл"),))
    _meet_and_part(("бұл", "мұның", "мұнда", "бұған", "мұндай"), ())
    _meet_and_part(("осы", "осының", "осыны", "осылар", "осындай"), (("осы", "сол"),))
    _meet_and_part(("сол", "соның", "соған", "соныменен"), ())
    _meet_and_part(("не", "неге", "нені", "ненің"), ())
    _meet_and_part(("ма", "ме", "ба", "бе", "па", "пе"), ())


def test_final_stop_voiced_before_a_vowel() -> None:
    _meet_and_part(("жүрек", "жүрегі", "жүрегіне"), ())
    _meet_and_part(("тілек", "тілегі", "тілектер"), ())
    _meet_and_part(("таба", "табады", "тапты", "тауып"), (("тауып", "тау"),))


def test_stems_that_drop_a_vowel() -> None:
    _meet_and_part(("мойын", "мойны", "мойнына", "мойынға"), ())
    _meet_and_part(("ауыз", "аузы", "аузынан"), ())
    _meet_and_part(("қарын", "қарны", "қарынға"), (("қарын", "қар"), ("алтын", "алты")))


def test_iotated_letters_after_a_vowel() -> None:
    """я, ю after a vowel are й + а, у: қоя is қой-а, көбеюі көбей-у-і."""
    _meet_and_part(("қояды", "қоя", "қою", "қойды"), ())
    _meet_and_part(("көбеюі", "көбейіп", "көбею"), ())


def test_stacked_possessive_and_case() -> None:
    _meet_and_part(("балаңа", "бала", "баласына"), ())
    _meet_and_part(("ақшасыменен", "ақшасымен", "ақша"), ())


def test_a_word_doubled_about_a_hyphen_is_that_word() -> None:
    _meet_and_part(("өзін-өзі", "өзі", "өз"), ())
    _meet_and_part(("күннен-күнге", "күн"), ())


def test_hyphenated_word_keeps_its_head_and_stems_its_last_part() -> None:
    assert key("онлайн-семинарға") == key("онлайн-семинарда") == "онлайн-семинар"
    assert key("ЮНЕСКО-ның") == "юнеско"  # a case ending after a hyphen goes with it


@pytest.mark.parametrize("word", ["2021", "55-ші", "1-ші", "2021ж"])
def test_numbers_come_back_unchanged(word: str) -> None:
    assert stem(word) == word


def test_gold_set_reaches_the_targets() -> None:
    gold = shared_data("gold/kk_gold.tsv")
    conflation = bench_module("conflation")
    result = conflation.conflation(conflation.read_gold(gold), stem)
    assert result.recall >= 0.90, result
    assert result.false_merge_rate <= 0.005, result


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("Қарағандыда", "Қарағанды"),  # not қара "black" + -ғанды
        ("Жезқазғаннан", "Жезқазған"),  # not жезқаз + -ған
        ("Талдықорғанның", "Талдықорған"),
        ("Атырауға", "Атырау"),  # not the verbal noun -у
        ("Гурьевте", "Гурьев"),
    ],
)
def test_place_names_keep_their_whole_stem(form: str, name: str) -> None:
    """The gazetteer's names (search/data/places.tsv) are roots no suffix is cut into."""
    assert stem(fold(form)) == stem(fold(name))
    assert len(stem(fold(name))) >= len(fold(name)) - 1  # at most a final vowel canonicalised
