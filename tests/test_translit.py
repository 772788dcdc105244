"""Transliteration: the 2021 Kazakh Latin table, ASCII typing, romanised names, mixed scripts."""

from __future__ import annotations

import pytest

from search.analysis import analyzer, fold
from search.analysis.kazakh import stem
from search.analysis.keys import CROSS, cross_keys, search_keys
from search.analysis.translit import (
    KK_LATIN,
    folded,
    latin_alphabet,
    phonetic_key,
    repair_mixed,
    to_cyrillic,
    to_latin,
)


def test_every_kazakh_letter_has_its_2021_latin_value() -> None:
    assert KK_LATIN == {
        "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
        "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
        "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
        "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
        "ю": "iu", "я": "ia",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Торайғыров", "Toraiğyrov"),
        ("Қазақстан", "Qazaqstan"),
        ("Өскемен", "Öskemen"),
        ("Ұлытау", "Ūlytau"),
        ("Шығыс", "Şyğys"),
        ("Іле", "Ile"),  # the capital of ı is I …
        ("Ильяс", "İlias"),  # … and of i, İ
        ("Щучинск", "Şşuchinsk"),
        ("Усть-Каменогорск", "Ust-Kamenogorsk"),
        ("ЮНЕСКО", "İuNESKO"),
    ],
)
def test_to_latin_keeps_capitals_and_other_characters(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    "word",
    "кітапхана тәлімгерлік өлкетану біліктілік қазақстан ұлттық күндері жаңалық оқырман "
    "баяндама ауылдық сауаттылық мұражай торайғыров шығыс үшін ғылыми әдебиет ұйымдастырушы "
    "мүшелік".split(),
)
def test_2021_latin_goes_back_to_the_same_cyrillic(word: str) -> None:
    assert to_cyrillic(to_latin(word)) == word


@pytest.mark.parametrize(
    ("ascii", "cyrillic"),
    [
        ("kitaphana", "кітапхана"),
        ("kitaphanalardyn", "кітапханалардың"),  # ñ typed as n
        ("kitaphanalardyng", "кітапханалардың"),  # ñ typed as ng
        ("bilimdi", "білімді"),
        ("talimgerlik", "тәлімгерлік"),
        ("zhastar", "жастар"),
        ("oqushylarga", "оқушыларға"),
        ("sifrlyq", "цифрлық"),  # ц as Kazakh says it
        ("bileem", "білім"),  # і typed as English spells the sound
        ("mugaleem", "мұғалім"),
    ],
)
def test_ascii_typed_kazakh_gets_the_key_of_the_cyrillic_word(ascii: str, cyrillic: str) -> None:
    assert folded(stem(to_cyrillic(ascii))) == folded(stem(cyrillic))


def test_vowel_harmony_chooses_the_letters_ascii_does_not_tell_apart() -> None:
    assert to_cyrillic("bilim") == "білім"
    assert to_cyrillic("kunderi") == "күндері"
    assert to_cyrillic("oskemen") == "өскемен"
    assert to_cyrillic("qazaqstan") == "қазақстан"
    assert to_cyrillic("oqu") == "оқу"  # у at the end, after a consonant


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Торайғыров", "Toraigyrov"),
        ("Торайғыров", "Toraighyrov"),
        ("Торайгыров", "Toraiğyrov"),
        ("Шахметова", "Shakhmetova"),
        ("Шахметов", "Shakhmetova"),
        ("Өскемен", "Oskemen"),
        ("Усть-Каменогорск", "Ust-Kamenogorsk"),
        ("Жұмабаева", "Zhumabayeva"),
        ("Жумабаева", "Jumabaeva"),
        ("Нұрланқызы", "Nurlankyzy"),
        ("Байтұрсынұлы", "Baitursynov"),
        ("Әсел", "Assel"),
        ("Достоевский", "Dostoevsky"),
        ("Ерлан", "Yerlan"),
        ("Нұрғалиев", "Nurgaliyev"),
        ("Алматы", "Almaty"),
        ("Шоқан", "Shokan"),
        ("Жамбыл", "Zhambyl"),
    ],
)
def test_names_meet_their_romanisations(a: str, b: str) -> None:
    assert folded(fold(a)) == phonetic_key(fold(b))


def test_russian_case_forms_of_a_name_meet_the_romanisation() -> None:
    # «Торайгырова» is normalised first (→ торайгыров), then folded.
    english = cross_keys("toraigyrov", "en", capital=True)
    assert english == (CROSS + "toraigir",)
    assert set(cross_keys("торайгырова", "ru")) & set(english)
    assert set(cross_keys("торайғыровтың", "kk")) & set(english)


@pytest.mark.parametrize(("a", "b"), [("Семей", "Шымкент"), ("library", "литература")])
def test_different_words_keep_different_keys(a: str, b: str) -> None:
    assert folded(fold(a)) != folded(fold(b))


@pytest.mark.parametrize(
    ("russian", "kazakh"),
    [
        ("инклюзивная", "инклюзивті"),
        ("электронного", "электронды"),
        ("виртуальные", "виртуалды"),
        ("интерактивных", "интерактивті"),
    ],
)
def test_a_russian_loan_adjective_asks_for_the_kazakh_adjective_of_its_loan_word(
    russian: str, kazakh: str
) -> None:
    assert set(cross_keys(russian, "ru", query=True)) & set(cross_keys(kazakh, "kk"))


@pytest.mark.parametrize(("russian", "kazakh"), [("полный", "пол"), ("главный", "глав")])
def test_other_russian_adjectives_keep_their_own_readings(russian: str, kazakh: str) -> None:
    assert not set(cross_keys(russian, "ru", query=True)) & set(cross_keys(kazakh, "kk"))


@pytest.mark.parametrize("typed", ["oqu", "oqýǵa", "oquğa", "oku"])
def test_a_word_with_a_two_letter_kazakh_stem_meets_its_latin_typing(typed: str) -> None:
    # оқу "reading": its stem оқ is two letters, which other words' keys may not be
    assert set(cross_keys(typed, "en", query=True)) & set(cross_keys("оқуға", "kk"))


def test_two_letter_words_have_no_two_letter_cross_key() -> None:
    assert cross_keys("ok", "en", query=True) == cross_keys("it", "kk") == ()


def test_function_words_have_no_cross_script_key() -> None:
    # "men" (English) and «мен» (Kazakh "and") must not meet.
    assert cross_keys("мен", "kk") == cross_keys("men", "en", capital=True) == ()
    assert cross_keys("бар", "kk") == ()


def test_common_russian_and_lowercase_english_words_have_no_indexed_cross_key() -> None:
    assert cross_keys("библиотека", "ru") == ()
    assert cross_keys("seminar", "en", capital=False) == ()
    assert cross_keys("павлодара", "ru") == (CROSS + "pavlodar",)  # a name
    assert cross_keys("семинар", "kk") == (CROSS + "seminar",)  # every Kazakh word
    # A query word has every reading, whatever the field.
    assert CROSS + "biblioteka" in cross_keys("библиотека", "ru", query=True)


@pytest.mark.parametrize(
    ("mixed", "clean"),
    [
        ("кiтапхана", "кітапхана"),  # a Latin i for і
        ("Кiтап", "Кітап"),
        ("библиoтека", "библиотека"),  # a Latin o
        ("ТOРАЙҒЫРОВ", "ТОРАЙҒЫРОВ"),  # a Latin capital O
        ("Аbai", "Abai"),  # a Cyrillic А in a Latin word
        ("Toraigyrоv", "Toraigyrov"),  # a Cyrillic о
    ],
)
def test_look_alike_letters_are_repaired(mixed: str, clean: str) -> None:
    repaired = repair_mixed(mixed)
    assert repaired == clean and len(repaired) == len(mixed)


@pytest.mark.parametrize("word", ["COVID", "Zoom-ға", "ЮНЕСКО", "2021ж", "Qазақ"])
def test_words_in_one_script_or_a_real_mixture_stay(word: str) -> None:
    assert repair_mixed(word) == word


def test_repaired_words_get_the_clean_words_keys_and_keep_their_offsets() -> None:
    assert search_keys(fold("кiтапханалардың"), "kk") == search_keys("кітапханалардың", "kk")
    text = "Кiтапханада семинар"
    first = next(iter(analyzer("kk")(text, chars=True)))
    assert (first.text, text[first.startchar : first.endchar]) == ("кітапхана", "Кiтапханада")


def test_latin_kazakh_in_a_kazakh_paragraph_is_stemmed_as_kazakh() -> None:
    assert search_keys("kıtaphanalardyñ", "kk") == search_keys("кітапханалардың", "kk")
    assert search_keys("qazaqstanda", "kk") == search_keys("қазақстанда", "kk")
    assert search_keys("kıtaphanalardyñ", "en") != search_keys("кітапханалардың", "kk")
    assert search_keys("libraries", "kk") == search_keys("library", "en")  # English stays


def test_the_2021_capital_dotted_i_folds_to_i() -> None:
    assert fold("İlias") == "ilias"
    assert fold("İNTERNET") == "internet"


# One word in Cyrillic and as people type it in Latin letters: the 2021 alphabet, the 2018 one
# (acutes; ı for и/й, i for і, ý for у, u for ұ), the 2017 one (apostrophes: a' ә, s' ш, y' у …)
# and informal ASCII (kh, zh, sh, q or k for қ, g or gh for ғ, u or w for у).
SPELLINGS = [
    # Cyrillic, 2021, 2018, 2017, ASCII
    ("кітапхана", "kıtaphana", "kitaphana", "kitaphana", "kitapkhana"),
    ("кітапханадағы", "kıtaphanadağy", "kitaphanadaǵy", "kitaphanadag'y", "kitaphanadaghy"),
    ("білім", "bılım", "bilim", "bilim", "bilim"),
    ("жастар", "jastar", "jastar", "jastar", "zhastar"),
    ("Қазақстан", "Qazaqstan", "Qazaqstan", "Qazaqstan", "Kazakstan"),
    ("Қазақстанның", "Qazaqstannyñ", "Qazaqstannyń", "Qazaqstannyn'", "Kazakstannyn"),
    ("Өскемен", "Öskemen", "Óskemen", "O'skemen", "Oskemen"),
    ("ұлттық", "ūlttyq", "ulttyq", "ulttyq", "ulttyk"),
    ("әдебиет", "ädebiet", "ádebıet", "a'debi'et", "adebiet"),
    ("ғылым", "ğylym", "ǵylym", "g'ylym", "ghylym"),
    ("шығармашылық", "şyğarmaşylyq", "shyǵarmashylyq", "s'yg'armas'ylyq", "shygharmashylyk"),
    ("тәлімгерлік", "tälımgerlık", "tálimgerlik", "ta'limgerlik", "talimgerlik"),
    ("оқушылар", "oquşylar", "oqýshylar", "oqy's'ylar", "okwshylar"),
    ("мұғалім", "mūğalım", "muǵalim", "mug'alim", "mughalim"),
    ("үйірме", "üiırme", "úıirme", "u'i'rme", "uyirme"),
    ("өлкетану", "ölketanu", "ólketaný", "o'lketany'", "olketanw"),
    ("мәдениет", "mädeniet", "mádenıet", "ma'deni'et", "madeniet"),
    ("еңбек", "eñbek", "eńbek", "en'bek", "engbek"),
    ("халықаралық", "halyqaralyq", "halyqaralyq", "halyqaralyq", "khalykaralyk"),
    ("Көкшетау", "Kökşetau", "Kókshetaý", "Ko'ks'etay'", "Kokshetau"),
    ("Жезқазған", "Jezqazğan", "Jezqazǵan", "Jezqazg'an", "Zhezkazgan"),
    ("бағдарламасы", "bağdarlamasy", "baǵdarlamasy", "bag'darlamasy", "bagdarlamasy"),
    ("ауыл", "auyl", "aýyl", "ay'yl", "awyl"),
    ("цифрландыру", "sifrlandyru", "sıfrlandyrý", "si'frlandyry'", "tsifrlandyru"),
    ("күш", "küş", "kúsh", "ku's'", "kush"),
    ("Республикасы", "Respublikasy", "Respýblıkasy", "Respy'bli'kasy", "Respublikasy"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cyrillic", "latin", "alphabet"),
    [
        (row[0], spelling, alphabet)
        for row in SPELLINGS
        for spelling, alphabet in zip(row[1:], ("2021", "2018", "2017", "ascii"), strict=True)
    ],
)
def test_every_latin_alphabet_meets_the_cyrillic_word(
    cyrillic: str, latin: str, alphabet: str
) -> None:
    """A query typed in any Latin spelling has the cross-script key the Cyrillic word is indexed
    under in a Kazakh report."""
    indexed = cross_keys(fold(cyrillic), "kk")
    assert indexed
    tokens = list(analyzer("any")(latin, mode="query", positions=True))
    assert {token.pos for token in tokens} == {0}  # the query tokenizer keeps the word whole
    typed = {token.text for token in analyzer("any")(latin, mode="query")}
    assert set(indexed) & typed, (alphabet, to_cyrillic(fold(latin)))


@pytest.mark.parametrize(
    ("word", "alphabet"),
    [
        ("kıtaphana", "2021"),
        ("ádebıet", "2018"),
        ("ǵylym", "2018"),
        ("a'debi'et", "2017"),
        ("kitaphananyn'", "2017"),
        ("kitaphana", "ascii"),
        ("library's", "ascii"),  # an English possessive, not y' (у) + s
        ("don't", "ascii"),
        ("we'll", "ascii"),
    ],
)
def test_the_latin_alphabet_is_told_by_its_marks(word: str, alphabet: str) -> None:
    assert latin_alphabet(word) == alphabet


def test_2018_and_2017_letters_read_as_their_alphabet_says() -> None:
    assert to_cyrillic("ádebıet") == "әдебиет"  # ı is и in 2018, і in 2021
    assert to_cyrillic("bilim") == "білім"
    assert to_cyrillic("respýblıka") == "республика"  # ý is у
    assert to_cyrillic("a'debi'et") == "әдебиет"
    assert to_cyrillic("s'yg'armas'ylyq") == "шығармашылық"
    assert to_cyrillic("kes'") == "кеш"  # a final s' is ш
    assert to_cyrillic("abai's") == "абай"  # the English possessive goes


def test_an_i_without_a_dot_after_a_back_vowel_is_the_y_of_turkish_keyboards() -> None:
    # 2021's ı is і, but people used to Turkish letters type it for ы; harmony tells them apart
    assert to_cyrillic("latın") == "латын"
    assert to_cyrillic("qazaqstannıñ") == "қазақстанның"
    assert to_cyrillic("oqıdy") == "оқыды"
    assert to_cyrillic("kıtaphananıñ") == "кітапхананың"  # the і of a front root stays
    assert to_cyrillic("bılım") == "білім"
    # a final n is ң only in ASCII typing, which has no ñ: in 2021 letters it is н
    assert to_cyrillic("kitaphananyn") == "қытапхананың"
    assert to_cyrillic("jürgızetın") == "жүргізетін"  # a participle, not a genitive


def test_a_query_reads_2017_apostrophes_inside_one_word_but_indexed_text_does_not() -> None:
    tokens = analyzer("kk")("s'yg'armas'ylyq kitaphananyn'", mode="query", positions=True)
    first: dict[int, str] = {}
    for token in tokens:
        first.setdefault(token.pos, token.text)
    assert first == {
        0: search_keys("шығармашылық", "kk")[0],
        1: search_keys("кітапхананың", "kk")[0],
    }
    # «rock'n'roll» in a report is still found by «roll»; a trailing quote is not a letter there
    indexed = [t.text for t in analyzer("en")("rock'n'roll 'students'")]
    assert "roll" in indexed and "student" in indexed


@pytest.mark.parametrize(
    ("word", "lang"),
    [("información", "any"), ("library's", "kk"), ("café", "any"), ("students'", "en")],
)
def test_acutes_and_apostrophes_of_other_languages_stay_english_words(word: str, lang: str) -> None:
    """Spanish or French acutes, and English possessives, are not read as Kazakh where the
    text is not Kazakh (a title, an English paragraph), nor a possessive in a Kazakh one."""
    assert search_keys(word, lang) == search_keys(word, "en")


def test_2018_latin_in_a_kazakh_paragraph_is_stemmed_as_kazakh() -> None:
    assert search_keys("kitaphanalardyń", "kk") == search_keys("кітапханалардың", "kk")
    assert search_keys("ádebıetter", "kk") == search_keys("әдебиеттер", "kk")
    assert search_keys("ta'limgerlik", "kk") == search_keys("тәлімгерлік", "kk")
