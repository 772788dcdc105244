"""One word, many spellings: Kazakh Cyrillic, the Kazakh Latin alphabets, English romanisation.

Izde's own tables, so that «Торайғыров», «Торайгырова», "Toraiğyrov" and "Toraigyrov" meet:

- `to_latin`: Kazakh (and Russian) Cyrillic → the 2021 Kazakh Latin alphabet (`KK_LATIN`). The
  31-letter alphabet has no letters of its own for ц ч щ э ю я ё ъ ь, which Russian loans and names
  need; they follow common practice (ts, ch, şş, e, iu, ia, io; the signs are dropped).
- `to_cyrillic`: Latin-typed Kazakh, in any alphabet in use (the 2021 one; the 2018 one with
  acutes, á ó ú ý ǵ ń and ı for и; the 2017 one with apostrophes, a' o' u' s' c' g' n' i' y'; see
  `latin_alphabet`) or in plain ASCII (i or ee for і, sh for ş, zh for ж, kh for х, g or gh for
  ğ, ng for ñ, w for у …), back to Cyrillic, so that Izde's Kazakh stemmer can take its
  suffixes off. Where ASCII drops a distinction (i: і or ы, u: ұ or ү, k: к or қ) vowel harmony
  decides, as a Kazakh reader would: the word's back or front vowels choose the letter.
- `phonetic_key`: folds what typists and romanisers write differently (ä/a, ğ/gh/g, q/k, ñ/ng/n,
  ı/i/y, ş/sh, j/zh/dj, h/kh, ts/c/s, ia/ya, doubled letters, surname endings -ov/-ova/-ұлы…)
  into one ASCII key. `folded(word)` is the key of a word in either script.
- `repair_mixed`: Latin look-alikes inside a Cyrillic word (and the reverse), which copy-paste and
  keyboards without Kazakh letters produce («кiтап» with a Latin i), made one script again.

Every mapping is one letter for one letter in `repair_mixed`, so token offsets stay valid.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Kazakh Cyrillic → 2021 Kazakh Latin, lowercase. Upper case follows the first letter (Ш → Ş,
# Ц → Ts); the 2021 alphabet writes the capitals of ı and i as I and İ.
KK_LATIN: dict[str, str] = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "ş",
    "щ": "şş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
_UPPER_LATIN = {"ı": "I", "i": "İ"}
_TO_LATIN = str.maketrans(
    KK_LATIN
    | {
        cyr.upper(): _UPPER_LATIN.get(lat[:1], lat[:1].upper()) + lat[1:]
        for cyr, lat in KK_LATIN.items()
    }
)


def to_latin(text: str) -> str:
    """Text with its Cyrillic letters in the 2021 Kazakh Latin alphabet; other characters stay."""
    return text.translate(_TO_LATIN)


# --- Latin → Cyrillic ---------------------------------------------------------------------------

# Letters only Latin-script Kazakh writes (Turkish and German share some, so a caller that knows
# the text is English does not ask).
KAZAKH_LATIN = re.compile(r"[äğıñöūüş]")

# Multi-letter spellings first: 2021 digraphs and the ASCII stand-ins for Kazakh letters.
_DIGRAPHS = {
    "shch": "щ",
    "şş": "щ",
    "sh": "ш",
    "ch": "ч",
    "zh": "ж",
    "kh": "х",
    "gh": "ғ",
    "ng": "ң",  # ASCII for ñ: Kazakh has next to no нг
    "ts": "ц",
    "ia": "я",
    "ya": "я",
    "iu": "ю",
    "yu": "ю",
    "ee": "ее",  # but і or ы in ASCII typing, as English spelling says the sound (bileem)
}
_DIGRAPH = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)))
# Letters that say one Cyrillic letter whatever the word's vowels are.
_PLAIN = {
    "a": "а",
    "ä": "ә",
    "á": "ә",
    "b": "б",
    "c": "ц",
    "ç": "ч",
    "d": "д",
    "e": "е",
    "f": "ф",
    "ğ": "ғ",
    "ǵ": "ғ",
    "h": "х",
    "ı": "і",
    "j": "ж",
    "l": "л",
    "m": "м",
    "n": "н",
    "ñ": "ң",
    "ń": "ң",
    "ö": "ө",
    "ó": "ө",
    "p": "п",
    "q": "қ",
    "r": "р",
    "s": "с",
    "ş": "ш",
    "t": "т",
    "ū": "ұ",
    "ü": "ү",
    "ú": "ү",
    "v": "в",
    "w": "у",
    "x": "кс",
    "y": "ы",
    "z": "з",
}
# Letters ASCII shares between a back and a front Kazakh letter: (back, front).
_BY_ROW = {"i": ("ы", "і"), "u": ("ұ", "ү"), "o": ("о", "ө"), "k": ("қ", "к"), "g": ("ғ", "г")}
# Vowels that tell the row; i, u and o do not (ASCII writes і/ы, ұ/ү/у and о/ө alike).
_BACK_VOWELS = frozenset(("a", "ū", "y", "ia", "ya"))
_FRONT_VOWELS = frozenset(("ä", "á", "e", "é", "ı", "ö", "ó", "ü", "ú"))
_LATIN_VOWELS = frozenset("aäáeéıiouūüúöóy")
# After these a romaniser's y is й (Semey, Bayanaul), not the ы of the 2021 alphabet.
_GLIDE_AFTER = frozenset("aäeoö")


def _units(word: str) -> list[str]:
    """The word cut into its Latin spellings of one Cyrillic letter (sh, ia, ä, k …)."""
    units: list[str] = []
    i = 0
    while i < len(word):
        match = _DIGRAPH.match(word, i)
        units.append(match.group() if match else word[i])
        i = match.end() if match else i + 1
    return units


def _rows(units: list[str]) -> list[bool]:
    """Whether each unit stands among front vowels: the nearest vowel that tells, earlier ones
    first (harmony runs from the root to the suffixes). A word with no such vowel is front if it
    has an i (білім, бір), else back."""
    told: list[bool | None] = [
        True if u in _FRONT_VOWELS else False if u in _BACK_VOWELS else None for u in units
    ]
    default = "i" in units
    rows: list[bool] = []
    last: bool | None = None
    for i, row in enumerate(told):
        if row is not None:
            last = row
        if last is None:
            rows.append(next((r for r in told[i:] if r is not None), default))
        else:
            rows.append(last)
    return rows


def _after_back(units: list[str], at: int) -> bool:
    """Whether the nearest vowel before `at` that tells the row is a back one: harmony carries
    a back root's row into its suffixes, so a 2021 ı (і) there was meant as ы."""
    for unit in reversed(units[:at]):
        # o tells the row here: a word with ı is in Kazakh letters, where ö is the front one
        if unit in _BACK_VOWELS or unit == "o":
            return True
        if unit in _FRONT_VOWELS:
            return False
    return False


# The 2018 alphabet (decree of 19 February 2018): acute letters, i for і but ı for и/й, u for ұ
# and ý for у, sh and ch. Its acute letters (Spanish, Czech and Polish have some too) mark it.
ALPHABET_2018 = re.compile(r"[áóúýǵń]")
_2018_TO_2021 = str.maketrans(
    {"á": "ä", "ó": "ö", "ú": "ü", "ý": "u", "ǵ": "ğ", "ń": "ñ", "ı": "i", "i": "ı", "u": "ū"}
)
# The 2017 alphabet (decree of 26 October 2017): an apostrophe after a letter makes another one
# (a' ә, o' ө, u' ү, s' ш, c' ч, g' ғ, n' ң, i' и/й, y' у); bare i is і, u is ұ, y is ы.
APOSTROPHES = "'’ʼ"
ALPHABET_2017 = re.compile(rf"[aougsnciy][{APOSTROPHES}]")
_2017_PAIRS = {
    "a": "ä",
    "o": "ö",
    "u": "ü",
    "s": "ş",
    "c": "ch",
    "g": "ğ",
    "n": "ñ",
    "i": "i",
    "y": "u",
}
_2017_SINGLE = {"i": "ı", "u": "ū", "c": "ts"}
# An English clitic is the one apostrophe of a word: library's, don't, we'll; the Kazakh reading
# of "Abai's" is Abai's. (A 2017 word ending so, tu's for түс, is read as English: rare.)
_ENGLISH_CLITIC = re.compile(rf"^[^{APOSTROPHES}]+[{APOSTROPHES}](?:s|t|d|ll|re|ve|m)$")


def latin_alphabet(word: str) -> str:
    """Which Latin spelling a lowercase word is in: "2017" (apostrophes), "2018" (acutes),
    "2021" (ä ğ ı ñ ö ū ü ş) or "ascii" (none of them: informal typing, or not Kazakh)."""
    if ALPHABET_2017.search(word) and not _ENGLISH_CLITIC.match(word):
        return "2017"
    if ALPHABET_2018.search(word):
        return "2018"
    return "2021" if KAZAKH_LATIN.search(word) else "ascii"


def _2017_as_2021(word: str) -> str:
    out: list[str] = []
    for i, letter in enumerate(word):
        if letter in APOSTROPHES:
            continue
        if i + 1 < len(word) and word[i + 1] in APOSTROPHES and letter in _2017_PAIRS:
            out.append(_2017_PAIRS[letter])
        else:
            out.append(_2017_SINGLE.get(letter, letter))
    return "".join(out)


@lru_cache(maxsize=100_000)
def to_cyrillic(word: str) -> str:
    """A lowercase Latin-typed Kazakh word in Cyrillic (kitaphanalardyñ → қытапханалардың).

    The 2017 (apostrophe) and 2018 (acute) alphabets are respelt in the 2021 one first, letter
    for letter (`latin_alphabet` tells them apart). A word in the 2021 alphabet is read by its
    rules (i is и or й, u is у, y is ы); otherwise it is ASCII typing, and the result is what the
    stemmer needs rather than the dictionary spelling: "i" between consonants becomes і or ы by
    harmony, never и, and "a" is never ә. Keys fold those differences away again.
    """
    alphabet = latin_alphabet(word)
    if alphabet == "2017":
        word = _2017_as_2021(word)
    elif alphabet == "2018":
        word = word.translate(_2018_TO_2021)
    elif _ENGLISH_CLITIC.match(word):
        word = re.split(f"[{APOSTROPHES}]", word)[0]  # Abai's → Abai
    units = _units(word)
    if alphabet != "ascii":
        # Turkish keyboards type ı for ы: after a back vowel, harmony says which was meant
        # (latın, Qazaqstannıñ, oqıdy; but kıtap keeps its і).
        for i, unit in enumerate(units):
            if unit == "ı" and _after_back(units, i):
                units[i] = "y"
    front = _rows(units)
    alphabet_2021 = alphabet != "ascii"
    out: list[str] = []
    for i, unit in enumerate(units):
        before = units[i - 1][-1:] if i else ""
        after = units[i + 1][:1] if i + 1 < len(units) else ""
        if unit == "ee" and not alphabet_2021:
            out.append(_BY_ROW["i"][front[i]])
        elif unit in _DIGRAPHS:
            out.append(_DIGRAPHS[unit])
        elif (
            unit == "i" and before in _LATIN_VOWELS and (after == "y" or after not in _LATIN_VOWELS)
        ):
            out.append("й")  # a glide after a vowel: Toraigyrov, aitys, Abai, ūiym
        elif unit == "i" and alphabet_2021:
            out.append("и")
        elif unit == "y" and before in _GLIDE_AFTER and after not in _LATIN_VOWELS:
            out.append("ы" if alphabet_2021 else "й")  # English romanisation: Semey
        elif unit == "u" and (
            alphabet_2021 or before in _LATIN_VOWELS or after in _LATIN_VOWELS or not after
        ):
            out.append("у")  # sauat, oqu: у next to a vowel or at the end
        elif (
            unit == "n"
            and not alphabet_2021
            and not after
            and len(out) >= 2
            and out[-1] in "ыі"
            and out[-2] in "ндт"
        ):
            out.append("ң")  # the genitive -nyn/-dyn/-tyn typed without ñ
        elif unit in _BY_ROW:
            out.append(_BY_ROW[unit][front[i]])
        else:
            out.append(_PLAIN.get(unit, unit))
    return "".join(out)


# --- The phonetic key ---------------------------------------------------------------------------

_ACCENTS = str.maketrans(
    {
        "ä": "a",
        "á": "a",
        "à": "a",
        "â": "a",
        "ö": "o",
        "ó": "o",
        "ü": "u",
        "ú": "u",
        "ū": "u",
        "ı": "i",
        "í": "i",
        "ş": "sh",
        "š": "sh",
        "ğ": "g",
        "ǵ": "g",
        "ñ": "n",
        "ń": "n",
        "ç": "ch",
        "č": "ch",
        "ž": "zh",
        "é": "e",
        "è": "e",
        "ë": "e",
        "'": None,
        "’": None,
        "ʼ": None,
    }
)
# Applied in order; each collapses spellings of one sound.
_KEY_RULES = (
    (re.compile(r"shch|shsh|sch"), "sh"),
    (re.compile(r"dzh|dj|zh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"ck|q"), "k"),
    (re.compile(r"c(?=[eiy])"), "ts"),  # цифр = cifr, центр = center
    (re.compile(r"c(?!h)"), "k"),  # каталог = catalog
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),  # ы and й as romanisers write them
    (re.compile(r"ng"), "n"),  # ң as ASCII writes it
    (re.compile(r"(?<=[aeiou])ie|^ie"), "e"),  # Yerlan, Zhumabayeva: iotated е
    (re.compile(r"ts"), "s"),  # ц as Kazakh says it: sifrlyq = цифрлық
    (re.compile(r"([a-z])\1+"), r"\1"),  # Assel = Әсел, -skii = -sky
    # A surname without its Russian or Kazakh ending: Shakhmetova = Шахметов = Шахметова,
    # Baitursynov = Байтұрсынұлы, Nurlankyzy = Нұрланқызы.
    (re.compile(r"(?<=[a-z]{4})(?:ova|eva|ov|ev|uli|kizi)$"), ""),
)


@lru_cache(maxsize=200_000)
def phonetic_key(latin: str) -> str:
    """The ASCII key of a lowercase Latin spelling: Toraiğyrov, Toraigyrov, Toraighyrov →
    toraigirov."""
    key = latin.translate(_ACCENTS)
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    for pattern, replacement in _KEY_RULES:
        key = pattern.sub(replacement, key)
    return key


def folded(word: str) -> str:
    """The phonetic key of a lowercase word in Cyrillic or Latin script."""
    return phonetic_key(to_latin(word))


# --- Mixed-script repair ------------------------------------------------------------------------

# Letters that look alike in the two scripts, lowercase and capital, in both directions.
_LATIN_LOOKALIKES = "aceopxyihABCEHKMOPTXYI"
_CYRILLIC_LOOKALIKES = "асеорхуіһАВСЕНКМОРТХУІ"
_TO_CYRILLIC = str.maketrans(_LATIN_LOOKALIKES, _CYRILLIC_LOOKALIKES)
_TO_LATIN_LOOKALIKE = str.maketrans(_CYRILLIC_LOOKALIKES, _LATIN_LOOKALIKES)
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def repair_mixed(word: str) -> str:
    """A word in one script again: look-alike letters of the other script inside it are swapped
    for their twins («кiтапхана» with a Latin i → «кітапхана», "Аbai" with a Cyrillic А → "Abai").

    The script is the one with letters the other has no twin for; with only twins on both sides,
    the one with more letters. A word with untwinned letters of both scripts (a real mixture)
    stays as written.
    """
    if word.isascii() or not _LATIN_LETTER.search(word) or not _CYRILLIC_LETTER.search(word):
        return word
    cyrillic = [c for c in word if _CYRILLIC_LETTER.match(c)]
    latin = [c for c in word if _LATIN_LETTER.match(c)]
    own_cyrillic = sum(c not in _CYRILLIC_LOOKALIKES for c in cyrillic)
    own_latin = sum(c not in _LATIN_LOOKALIKES for c in latin)
    if own_cyrillic and own_latin:
        return word
    if own_cyrillic or own_latin:
        to_cyrillic_script = bool(own_cyrillic)
    else:
        to_cyrillic_script = len(cyrillic) >= len(latin)
    return word.translate(_TO_CYRILLIC if to_cyrillic_script else _TO_LATIN_LOOKALIKE)
