"""PDF files: text page by page, so that a hit can name its page; pages without usable text are
OCR'd when Tesseract is installed, else reported rather than indexed.

pypdf reads only the text layer and never decodes images (a scan can be a 35000×35000 px bomb);
OCR renders a page at a resolution capped by its size (see ocr.py). Lines set larger or bolder
than the body text are the report's headings (see search.extract.structure).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import unicodedata
from collections import Counter
from collections.abc import Callable

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError

from search.extract.base import Document, ExtractionError, no_progress
from search.extract.clean import clean_line, clean_text, metadata_title, short_reason
from search.extract.dates import plausible
from search.extract.ocr import Ocr, OcrError
from search.extract.structure import locate

# pypdf logs every repair it makes to a damaged or non-conforming file. Izde reports what matters
# per file itself (warnings, a one-line failure reason); the log lines would only garble the
# progress display.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_NO_TEXT = "scanned, no text layer — install tesseract to index it"


def extract(
    data: bytes, ocr: Ocr | None = None, progress: Callable[[], None] = no_progress
) -> Document:
    """The PDF's text; `ocr` reads pages without a usable text layer, `progress` is called after
    each page (the worker's sign of life)."""
    try:
        reader = PdfReader(io.BytesIO(data))
        # An owner password only restricts printing or copying: the empty user password opens it.
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
    except (DependencyError, NotImplementedError) as error:  # an encryption pypdf cannot undo
        raise ExtractionError(f"encrypted: {short_reason(error)}") from error
    except Exception as error:  # pypdf raises many types (KeyError, ValueError…) on damage
        raise ExtractionError(_broken(data, error)) from error
    if locked:
        raise ExtractionError("encrypted: needs a password")
    try:
        pages = list(reader.pages)
    except Exception as error:
        raise ExtractionError(_broken(data, error)) from error
    if not pages:
        raise ExtractionError("broken PDF: no pages")

    texts: list[str] = []  # raw text of each page, "" when it has none worth reading
    styled: list[list[_Line]] = []  # each page's lines with their font, for the headings
    empty: list[int] = []
    unreadable: list[int] = []
    failed: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        fonts = _Fonts()
        try:
            raw = page.extract_text(visitor_text=fonts.visit)
        except Exception as error:
            failed.append((number, short_reason(error)))
            raw = ""
        else:
            if not raw.strip():
                empty.append(number)
            elif not _readable(raw):
                unreadable.append(number)
                raw = ""
        texts.append(raw)
        styled.append(fonts.lines(raw) if raw else [])
        progress()
    warnings: list[str] = []
    missed: dict[str, list[int]] = {}  # why OCR read nothing -> pages
    read: list[int] = []
    if ocr and (empty or unreadable):
        read = _ocr(data, pages, sorted(empty + unreadable), texts, ocr, missed, progress)
        if read:
            warnings.append(f"{_pages(read)}: text from OCR")

    parts: list[str] = []  # page texts, joined by blank lines
    length = 0  # of the text so far
    offsets: list[int] = []
    for raw in texts:
        cleaned = clean_text(raw, join_hyphens=True)
        # A page without text starts where the next page's text will, so "p. N" stays exact.
        offsets.append(length + 2 if parts else 0)
        if cleaned:
            length += len(cleaned) + (2 if parts else 0)
            parts.append(cleaned)

    if not parts:
        if missed:
            raise ExtractionError(f"scanned, no text layer: {next(iter(missed))}")
        if unreadable:
            raise ExtractionError("text layer unreadable (mostly non-letters) on every page")
        if failed:
            raise ExtractionError(f"broken PDF: {failed[0][1]}")
        raise ExtractionError(_NO_TEXT)
    warnings.extend(f"{_pages(numbers)}: {reason}" for reason, numbers in missed.items())
    if not ocr:
        if empty:
            warnings.append(f"{_pages(empty)}: no text layer (scanned?)")
        if unreadable:
            warnings.append(
                f"{_pages(unreadable)}: text layer unreadable (mostly non-letters), skipped"
            )
    if failed:
        warnings.append(
            f"{_pages([n for n, _ in failed])}: broken content ({failed[0][1]}), skipped"
        )
    title, author, date = _metadata(reader)
    text = "\n\n".join(parts)
    # A page OCR read has no fonts to tell its headings by.
    styled = [lines if texts[i] and i + 1 not in read else [] for i, lines in enumerate(styled)]
    return Document(
        text=text,
        format="pdf",
        title=title,
        author=author,
        date=date,
        page_offsets=[min(offset, length) for offset in offsets],
        warnings=warnings,
        blocks=locate(text, _headings(styled), join_hyphens=True),
    )


# A font as a heading is told by: its size in points (rounded to a half) and whether it is bold.
_Font = tuple[float, bool]
# A line of a page, and the font all its letters are set in (None: several, or none).
_Line = tuple[str, "_Font | None"]
_BOLD = ("bold", "black", "heavy", "semibold", "demibold", "demi")
# A heading is at most this many lines and characters; a page where more of the letters are in
# heading fonts is a cover or a slide, not a report with headings.
_HEADING_LINES = 6
_HEADING_CHARS = 200
_HEADING_SHARE = 0.4


class _Fonts:
    """Collects the font of every piece of a page's text as pypdf extracts it."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, _Font | None]] = []

    def visit(self, text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text:
            return
        try:
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            points = round(float(size) * scale * 2) / 2
            self.runs.append((text, (points, _is_bold(font)) if points > 0 else None))
        except (TypeError, ValueError, IndexError):
            self.runs.append((text, None))

    def lines(self, raw: str) -> list[_Line]:
        """The page's lines with their fonts; none when the pieces do not make up its text."""
        if "".join(text for text, _ in self.runs) != raw:
            return []
        lines: list[_Line] = []
        line: list[str] = []
        fonts: set[_Font | None] = set()
        for text, font in self.runs:
            for i, piece in enumerate(text.split("\n")):
                if i:
                    lines.append(_line(line, fonts))
                    line, fonts = [], set()
                line.append(piece)
                if piece.strip():
                    fonts.add(font)
        lines.append(_line(line, fonts))
        return lines


def _line(pieces: list[str], fonts: set[_Font | None]) -> _Line:
    return "".join(pieces), next(iter(fonts)) if len(fonts) == 1 else None


def _is_bold(font: object) -> bool:
    """Whether a font dictionary names a bold face, or says its weight is bold."""
    try:
        name = str(font.get("/BaseFont", "")).lower()  # type: ignore[attr-defined]
        descriptor = font.get("/FontDescriptor")  # type: ignore[attr-defined]
        weight = descriptor.get_object().get("/FontWeight", 0) if descriptor else 0
        return any(word in name for word in _BOLD) or float(weight) >= 600
    except Exception:  # a damaged font dictionary: not a heading by its weight
        return False


def _headings(pages: list[list[_Line]]) -> list[tuple[str, str]]:
    """The headings of a PDF by its fonts: lines set larger than the body text (the font most of
    its letters are in), or bold where the body is not; the largest are level 1. Consecutive
    lines in the same font are one heading."""
    letters: Counter[_Font] = Counter()
    for lines in pages:
        for text, font in lines:
            if font:
                letters[font] += sum(ch.isalpha() for ch in text)
    if not letters:
        return []
    body_size, body_bold = body = letters.most_common(1)[0][0]
    larger = [font for font in letters if font[0] >= body_size * 1.15]
    bolder = [
        font
        for font in letters
        if font[1] and not body_bold and body_size - 0.5 <= font[0] < body_size * 1.15
    ]
    ranked = sorted(set(larger + bolder) - {body}, key=lambda font: (-font[0], not font[1]))
    levels = {font: f"h{min(i + 1, 6)}" for i, font in enumerate(ranked)}
    if sum(letters[font] for font in levels) > _HEADING_SHARE * sum(letters.values()):
        return []
    found: list[tuple[str, str]] = []
    for lines in pages:
        run: list[str] = []
        run_font: _Font | None = None
        for text, font in [*lines, ("", None)]:
            heading = font in levels and any(ch.isalpha() for ch in text)
            if run and (not heading or font != run_font or len(run) == _HEADING_LINES):
                if len(" ".join(run)) <= _HEADING_CHARS:
                    found.append((levels[run_font], "\n".join(run)))  # type: ignore[index]
                run = []
            if heading:
                run.append(text)
                run_font = font
    return found


def _ocr(
    data: bytes,
    pages: list[PageObject],
    numbers: list[int],
    texts: list[str],
    ocr: Ocr,
    missed: dict[str, list[int]],
    progress: Callable[[], None],
) -> list[int]:
    """OCR the pages at `numbers` into `texts`; the numbers of the pages read. A page OCR cannot
    read is added to `missed` under the reason."""
    read: list[int] = []
    with ocr.open(data) as read_page:
        for number in numbers:
            try:
                raw = read_page(number, *_size(pages[number - 1]))
            except OcrError as error:
                raw, reason = "", str(error)
            else:
                reason = "" if raw.strip() and _readable(raw) else "no text found by OCR"
            progress()
            if reason:
                missed.setdefault(reason, []).append(number)
            else:
                texts[number - 1] = raw
                read.append(number)
    return read


def _size(page: PageObject) -> tuple[float, float]:
    """A page's visible width and height in points (pdftoppm renders the crop box)."""
    try:
        box = page.cropbox
        return float(box.width), float(box.height)
    except Exception:  # a damaged box: let the renderer decide
        return 612.0, 792.0


def _broken(data: bytes, error: Exception) -> str:
    """Why a PDF cannot be opened; an interrupted upload lacks the end-of-file marker."""
    if b"%%EOF" not in data[-2048:]:
        return f"broken PDF: probably truncated, no end-of-file marker ({short_reason(error)})"
    return f"broken PDF: {short_reason(error)}"


def _readable(raw: str) -> bool:
    """False when a page's text is mostly non-letters: mojibake from a font without a Unicode
    map, such as '"7+%-' for "Phone". Digits are neutral (a table of figures is fine) and a run
    of one symbol, spaced or not, counts once (a dot leader in a table of contents is fine).
    """
    letters = others = 0
    previous = ""
    for ch in raw:
        if ch.isspace():
            continue
        category = unicodedata.category(ch)
        if category[0] in "LM":
            letters += 1
        elif category[0] != "N" and ch != previous:
            others += 1
        previous = ch
    return letters >= others


def _metadata(reader: PdfReader) -> tuple[str, str, dt.date | None]:
    """Title, author and creation date from the document information dictionary.

    A damaged dictionary only costs the metadata: the text is what gets the file found.
    """
    try:
        info = reader.metadata
        title, author = (info.title, info.author) if info else (None, None)
    except Exception:
        return "", "", None
    if info is None:
        return "", "", None
    title = metadata_title(title)
    author = clean_line(author) if isinstance(author, str) else ""
    try:
        created = info.creation_date
    except Exception:  # a malformed date string
        created = None
    return title, author, plausible(created.date()) if created else None


def _pages(numbers: list[int]) -> str:
    """Page numbers as "page 3" or "pages 2-4, 7": one warning line however many pages."""
    ranges: list[list[int]] = []
    for number in numbers:
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    spans = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
    return f"page {spans}" if len(numbers) == 1 else f"pages {spans}"
