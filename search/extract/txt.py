"""Plain text files, whose encoding must be guessed: reports from old Windows machines arrive in
cp1251 (Russian) or kz1048 (Kazakh), which share most bytes and differ only in a few letters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from search.extract.base import Document, ExtractionError
from search.extract.clean import clean_text

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Bytes that are Kazakh letters in kz1048 (Қ Һ қ һ Ұ ұ Ә ә Ң ң) but letters of no Russian or
# Kazakh word in cp1251 (Ќ Ћ ќ ћ Ў ў Ј ј Ѕ ѕ).
_KAZAKH_BYTES = bytes([0x8D, 0x8E, 0x9D, 0x9E, 0xA1, 0xA2, 0xA3, 0xBC, 0xBD, 0xBE])
# Bytes that are Kazakh letters in kz1048 (Ө ө Ғ ғ Ү ү) and Ukrainian ones in cp1251 (Ґ ґ Є є Ї ї).
_SHARED_BYTES = bytes([0xA5, 0xB4, 0xAA, 0xBA, 0xAF, 0xBF])

# A Ukrainian letter in a word with ы, э or ъ, which Ukrainian lacks: «апталыєы» is Kazakh
# «апталығы» read as cp1251.
_NOT_UKRAINIAN = re.compile(r"[ЄєЇїҐґ][^\W\d_]*[ЫыЭэЪъ]|[ЫыЭэЪъ][^\W\d_]*[ЄєЇїҐґ]")

_CYRILLIC_CODECS = ["cp1251", "kz1048", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5"]
_SAMPLE = 100_000  # characters enough to judge a decoding
# What may stand between two letters of a real word: hyphens, apostrophes, dots, slashes and the
# punctuation of a missing space. Symbols (¨ ¬ § ³ …) there are a wrong code page's letters.
_JOINERS = set("-'’ʼ‐‑–./@&:,;!?()\"«»")
_LOWER_UPPER = re.compile(r"[а-яёәғқңөұүһі][А-ЯЁӘҒҚҢӨҰҮҺІ]")


def extract(data: bytes) -> Document:
    return Document(text=clean_text(decode_text(data)), format="txt")


def decode_text(data: bytes) -> str:
    """The text in `data`, or ExtractionError when no encoding gives readable text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise ExtractionError(f"invalid {codec} text: {error.reason}") from None
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        # A character cut off by a truncated download is dropped rather than failing the file.
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        pass
    text = _legacy_cyrillic(data) or _detected(data)
    if text is None:
        raise ExtractionError("unknown text encoding")
    return text


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 text has NULs in every ASCII character, all on one side; binaries anywhere."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = ""
    if (even == 0) != (odd == 0) and _readable(text):
        return text
    raise ExtractionError("binary file, not text")


def _legacy_cyrillic(data: bytes) -> str | None:
    """cp1251 or kz1048 text, or None when neither decoding reads as Cyrillic text."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    kazakh = len(data) - len(data.translate(None, _KAZAKH_BYTES))
    shared = len(data) - len(data.translate(None, _SHARED_BYTES))
    if kazakh > shared or (shared and _NOT_UKRAINIAN.search(text)):
        text = data.decode("kz1048")
    stats = _word_stats(text)
    # Mostly capitals is KOI8-R read as cp1251: its small letters sit where cp1251 has capitals.
    if _looks_cyrillic(stats) and stats.capitals <= 0.5 * stats.cyrillic:
        return text
    return None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's best readable decoding, Cyrillic code pages first.

    Unrestricted, it reads a short KOI8-R text as Shift JIS; and it ranks code pages that decode a
    few accented letters equally well, so the one with the fewest garbled words wins (cp775 makes
    «München» «M³nchen», cp1250 does not).
    """
    for match in from_bytes(data, cp_isolation=_CYRILLIC_CODECS):
        if _looks_cyrillic(_word_stats(str(match))):
            return str(match)
    readable = [str(match) for match in from_bytes(data) if _readable(str(match))]
    return min(readable, key=lambda text: _word_stats(text).junk) if readable else None


def _looks_cyrillic(stats: _WordStats) -> bool:
    return stats.cyrillic >= 0.2 * stats.words and stats.junk <= 0.05 * stats.words


def _readable(text: str) -> bool:
    """No mojibake: few garbled words and hardly any control or replacement characters."""
    sample = text[:_SAMPLE]
    invisible = sum(
        1 for ch in sample if (ch < " " and ch not in "\t\n\r\f") or "\x7f" <= ch <= "\x9f"
    ) + sample.count("\ufffd")
    stats = _word_stats(sample)
    return stats.words > 0 and invisible <= 0.01 * len(sample) and stats.junk <= 0.05 * stats.words


@dataclass
class _WordStats:
    words: int = 0  # tokens with a letter
    junk: int = 0  # garbled words
    cyrillic: int = 0  # clean Cyrillic words
    capitals: int = 0  # clean Cyrillic words of two or more letters, all capitals


def _word_stats(text: str) -> _WordStats:
    """Counts over a sample of the text's words that tell a right decoding from a wrong one.

    A garbled word mixes Latin and Cyrillic letters («cafй»: Latin-1 read as cp1251), has a
    capital after a small letter («пРИВЕТ»: KOI8-R read as cp1251), or has symbols between its
    letters («Їа¨¬Ґа»: cp866 read as cp1251).
    """
    stats = _WordStats()
    for token in text[:_SAMPLE].split():
        letters = [ch for ch in token if ch.isalpha()]
        if not letters:
            continue
        stats.words += 1
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in letters)
        latin = any(ch.isascii() for ch in letters)
        if (cyrillic and latin) or _LOWER_UPPER.search(token) or _odd_inside(token):
            stats.junk += 1
        elif cyrillic:
            stats.cyrillic += 1
            stats.capitals += len(letters) > 1 and token.isupper()
    return stats


def _odd_inside(token: str) -> bool:
    """A character between the first and last letter that belongs in no word."""
    letters = [i for i, ch in enumerate(token) if ch.isalpha()]
    return any(
        not (ch.isalpha() or ch.isdecimal() or ch in _JOINERS)
        for ch in token[letters[0] : letters[-1]]
    )
