"""Extraction registry: picks the extractor for a file by its content as well as its name.

A Word file renamed .pdf is read as Word; a file whose content matches no supported format is
reported with what it looks like, rather than indexed as garbage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from search.extract import docx, html, markdown, pdf, txt
from search.extract.base import Document, ExtractionError
from search.extract.clean import first_line
from search.extract.dates import find_date
from search.extract.sniff import NOT_TEXT, describe, sniff

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
EXTRACTORS: dict[str, Callable[[bytes], Document]] = {
    "pdf": pdf.extract,
    "docx": docx.extract,
    "txt": txt.extract,
    "html": html.extract,
    "md": markdown.extract,
}

__all__ = ["SUPPORTED_SUFFIXES", "Document", "ExtractionError", "extract", "pick_format"]


def extract(path: Path) -> Document:
    """Text and metadata of the file at `path`.

    Raises ExtractionError (a one-line reason) for a file that cannot be indexed; OSError for one
    that cannot be read.
    """
    data = path.read_bytes()
    if not data:
        raise ExtractionError("empty file")
    doc = EXTRACTORS[pick_format(path.suffix.lower(), data)](data)
    if not doc.text.strip():
        raise ExtractionError("no text found")
    doc.title = doc.title or first_line(doc.text)
    doc.date = doc.date or find_date(doc.text)
    doc.size = len(data)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


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
