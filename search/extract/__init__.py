"""Extraction registry: picks the extractor for a file by its content as well as its name.

A Word file renamed .pdf is read as Word; a file whose content matches no supported format is
reported with what it looks like, rather than indexed as garbage.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from pathlib import Path

from search.extract.base import Document, ExtractionError, no_progress
from search.extract.clean import first_line
from search.extract.dates import find_date
from search.extract.ocr import Ocr
from search.extract.sniff import NOT_TEXT, describe, sniff
from search.extract.structure import clipped

FORMATS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
}
SUPPORTED_SUFFIXES = frozenset(FORMATS)
# Extractor module of each format, imported on first use: pypdf and python-docx take half a
# second to import, which a run that finds one changed text file should not pay.
MODULES: dict[str, str] = {
    "pdf": "search.extract.pdf",
    "docx": "search.extract.docx",
    "txt": "search.extract.txt",
    "html": "search.extract.html",
    "md": "search.extract.markdown",
}

# Formats whose every byte is text, so that a limit on characters bounds the bytes to decode.
TEXT_FORMATS = frozenset({"txt", "html", "md"})

__all__ = ["SUPPORTED_SUFFIXES", "Document", "ExtractionError", "extract", "pick_format"]


def extract(
    path: Path,
    *,
    ocr: Ocr | None = None,
    max_chars: int | None = None,
    progress: Callable[[], None] = no_progress,
) -> Document:
    """Text and metadata of the file at `path`.

    `ocr` reads scanned PDF pages (without it they are reported); text beyond `max_chars`
    characters is cut off with a warning; `progress` is called while a long PDF is read.
    Raises ExtractionError (a one-line reason) for a file that cannot be indexed; OSError for one
    that cannot be read.
    """
    data = path.read_bytes()
    if not data:
        raise ExtractionError("empty file")
    size, sha256 = len(data), hashlib.sha256(data).hexdigest()
    fmt = pick_format(path.suffix.lower(), data)
    # Guessing the encoding and cleaning take seconds per MB: read only what can be kept. A
    # Kazakh, Russian or English character takes at most 2 bytes (UTF-8, UTF-16 or a code page);
    # the cut falls between characters of any UTF-16 or UTF-32 text.
    keep = None if max_chars is None else 2 * max_chars // 4 * 4
    cut = fmt in TEXT_FORMATS and keep is not None and size > keep
    if cut:
        data = data[:keep]
    reader = importlib.import_module(MODULES[fmt])
    doc = reader.extract(data, ocr, progress) if fmt == "pdf" else reader.extract(data)
    if not doc.text.strip():
        raise ExtractionError("no text found")
    if max_chars is not None and (cut or len(doc.text) > max_chars):
        _shorten(doc, max_chars)
    doc.title = doc.title or first_line(doc.text)
    doc.date = doc.date or find_date(doc.text)
    doc.size = size
    doc.sha256 = sha256
    return doc


def _shorten(doc: Document, max_chars: int) -> None:
    """Cut the text at a line end or space before `max_chars`, so no word is cut in half."""
    end = doc.text.rfind("\n", 0, max_chars + 1)
    if end < max_chars // 2:
        end = doc.text.rfind(" ", 0, max_chars + 1)
    if end < max_chars // 2:
        end = max_chars
    doc.text = doc.text[:end].rstrip()
    doc.page_offsets = [min(offset, len(doc.text)) for offset in doc.page_offsets]
    doc.blocks = clipped(doc.blocks, len(doc.text))
    doc.warnings.append(f"text cut at {max_chars:,} characters: the rest is not searchable")


def pick_format(suffix: str, data: bytes) -> str:
    """The format to read `data` as: PDF and Word by content, text formats by suffix."""
    kind = sniff(data)
    fmt = FORMATS.get(suffix)
    if kind in ("pdf", "docx"):
        return kind
    if fmt == "pdf" and b"%PDF-" in data[:1024]:
        return "pdf"  # readers accept junk before the header; a text file mentioning it is no PDF
    if fmt is None:
        raise ExtractionError(f"unsupported file type {suffix or '(no extension)'}")
    if fmt == "pdf":
        raise ExtractionError(f"not a PDF file (content looks like {describe(kind)})")
    if fmt == "docx":
        if kind == "broken_zip":
            raise ExtractionError("broken DOCX: damaged or truncated ZIP archive")
        raise ExtractionError(f"not a Word .docx file (content looks like {describe(kind)})")
    if kind == "binary":
        raise ExtractionError("binary file, not text")
    if kind in NOT_TEXT:
        raise ExtractionError(f"not a text file (content looks like {describe(kind)})")
    # A saved web page named .txt or .md is still a web page: its tags are not text.
    return "html" if kind == "html" else fmt
