"""Text cleaning shared by every extractor, so `Document.text` means the same for every format."""

from __future__ import annotations

import re
import unicodedata

# Separators that mean "new paragraph" (form feed is a page break in text files) or "new line".
_BREAKS = str.maketrans(
    {"\r": "\n", "\f": "\n\n", "\v": "\n\n", "\u2029": "\n\n", "\u2028": "\n", "\x85": "\n"}
)
# Invisible characters: controls, format characters (zero-width space, BOM, bidi marks), private
# use (symbol-font glyphs) and lone surrogates. They would only split or glue words. The soft
# hyphen is a format character too, but it marks a line-end break, so it goes last.
_DROP = {"Cc", "Cf", "Co", "Cs"}
_KEEP = {"\n", "\t", "\u00ad"}


class _Visible(dict[int, str | None]):
    """A `str.translate` table that drops the invisible characters and makes a tab a space,
    each character judged the first time it is met: the translation then runs in C, where a
    test per character in Python took most of a short text file's extraction."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        kept = ch in _KEEP or unicodedata.category(ch) not in _DROP
        self[code] = value = (" " if ch == "\t" else ch) if kept else None
        return value


_VISIBLE = _Visible()
_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")
# A hyphen at a line end between two word characters: printed hyphenation, or a compound that
# happened to break at its hyphen.
_LINE_END_HYPHEN = re.compile(r"(?<=\w)([-\u2010\u00ad])\n(?=(\w))")
_FILE_NAME = re.compile(r"^.+\.(?:pdf|docx?|rtf|odt|txt|html?|md|tex|indd|pptx?|xlsx?)$", re.I)
_WORD_PREFIX = re.compile(r"^Microsoft (?:Word|PowerPoint) - ", re.I)

TITLE_LIMIT = 150


def clean_text(text: str, join_hyphens: bool = False) -> str:
    """NFKC, no invisible characters, single spaces, trimmed lines, paragraphs split by "\\n\\n".

    `join_hyphens` undoes line-end hyphenation («библио-\\nтекарь» → «библиотекарь») for
    laid-out text (PDF), where a line end is a layout accident rather than the author's break.
    """
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").translate(_BREAKS))
    text = text.translate(_VISIBLE)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    if join_hyphens:
        text = _LINE_END_HYPHEN.sub(_join, text)
    text = _BLANK_LINES.sub("\n\n", text.replace("\u00ad", ""))
    return text.strip("\n")


def _join(match: re.Match[str]) -> str:
    """Drop the hyphen before a lowercase letter (a split word); keep it before a capital or digit.

    «Усть-\\nКаменогорск» stays a compound; a soft hyphen is never part of the word.
    """
    hyphen, following = match.group(1), match.group(2)
    if hyphen == "\u00ad" or following.islower():
        return ""
    return hyphen


def clean_line(text: str) -> str:
    """One line of metadata (a title, an author) cleaned like the body text."""
    return " ".join(clean_text(text).split())


def shorten(text: str, limit: int = TITLE_LIMIT) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def first_line(text: str) -> str:
    """The first non-empty line, shortened: the title of a document that has no better one."""
    for line in text.split("\n"):
        if line.strip():
            return shorten(line.strip())
    return ""


def metadata_title(value: object) -> str:
    """A metadata title worth showing, or "".

    Authoring tools fill the title with the file name ("Microsoft Word - отчет.docx",
    "Binder1.pdf"); that says nothing the path does not, so the text's first line wins.
    """
    if not isinstance(value, str):
        return ""
    title = _WORD_PREFIX.sub("", clean_line(value))
    if _FILE_NAME.match(title) or not any(ch.isalpha() for ch in title):
        return ""
    return shorten(title)


def short_reason(error: BaseException) -> str:
    """An exception as one short line for the operator: libraries raise long, multi-line ones."""
    lines = str(error).strip().splitlines()
    return shorten(" ".join(lines[0].split()), 120) if lines else type(error).__name__
