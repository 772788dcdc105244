"""PDF files: text page by page, so that a hit can name its page, and pages without usable text
reported rather than indexed.

Only the text layer is read; images are never decoded (a scan can be a 35000×35000 px bomb).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import unicodedata

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from search.extract.base import Document, ExtractionError
from search.extract.clean import clean_line, clean_text, metadata_title, short_reason
from search.extract.dates import plausible

# pypdf logs every repair it makes to a damaged or non-conforming file. Izde reports what matters
# per file itself (warnings, a one-line failure reason); the log lines would only garble the
# progress display.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_NO_TEXT = "scanned, no text layer — install tesseract to index it"


def extract(data: bytes) -> Document:
    try:
        reader = PdfReader(io.BytesIO(data))
        # An owner password only restricts printing or copying: the empty user password opens it.
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
    except (DependencyError, NotImplementedError) as error:  # an encryption pypdf cannot undo
        raise ExtractionError(f"encrypted: {short_reason(error)}") from error
    except Exception as error:  # pypdf raises many types (KeyError, ValueError…) on damage
        raise ExtractionError(f"broken PDF: {short_reason(error)}") from error
    if locked:
        raise ExtractionError("encrypted: needs a password")
    try:
        pages = list(reader.pages)
    except Exception as error:
        raise ExtractionError(f"broken PDF: {short_reason(error)}") from error
    if not pages:
        raise ExtractionError("broken PDF: no pages")

    parts: list[str] = []  # page texts, joined by blank lines
    length = 0  # of the text so far
    offsets: list[int] = []
    empty: list[int] = []
    unreadable: list[int] = []
    failed: list[tuple[int, str]] = []
    for number, page in enumerate(pages, start=1):
        try:
            raw = page.extract_text()
        except Exception as error:
            failed.append((number, short_reason(error)))
            raw = ""
        else:
            if not raw.strip():
                empty.append(number)
            elif not _readable(raw):
                unreadable.append(number)
                raw = ""
        cleaned = clean_text(raw, join_hyphens=True)
        # A page without text starts where the next page's text will, so "p. N" stays exact.
        offsets.append(length + 2 if parts else 0)
        if cleaned:
            length += len(cleaned) + (2 if parts else 0)
            parts.append(cleaned)

    if not parts:
        if unreadable:
            raise ExtractionError("text layer unreadable (mostly non-letters) on every page")
        if failed:
            raise ExtractionError(f"broken PDF: {failed[0][1]}")
        raise ExtractionError(_NO_TEXT)
    warnings = []
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
    return Document(
        text="\n\n".join(parts),
        format="pdf",
        title=title,
        author=author,
        date=date,
        page_offsets=[min(offset, length) for offset in offsets],
        warnings=warnings,
    )


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
