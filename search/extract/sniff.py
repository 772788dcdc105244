"""What a file's bytes are, whatever its name says: a Word file renamed .pdf is still Word."""

from __future__ import annotations

import io
import re
import zipfile

_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_MAGIC = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"{\\rtf", "rtf"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
]
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

DESCRIPTIONS = {
    "pdf": "a PDF file",
    "docx": "a Word .docx file",
    "xlsx": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "odf": "an OpenDocument file",
    "zip": "a ZIP archive",
    "broken_zip": "a damaged or truncated ZIP archive",
    "ole2": "an old Office .doc/.xls file",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "tiff": "a TIFF image",
    "rtf": "an RTF document",
    "gzip": "a gzip archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "html": "an HTML page",
    "text": "plain text",
    "binary": "binary data",
}
# Kinds whose bytes are not text, so a text extractor must not read them.
NOT_TEXT = set(DESCRIPTIONS) - {"html", "text"}


def sniff(data: bytes) -> str:
    """The kind of content in `data`: a key of DESCRIPTIONS."""
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith(_BOMS):
        return "html" if _HTML_START.match(_ascii_view(head)) else "text"
    if b"\x00" in head:
        # UTF-16 without a byte-order mark has NULs too; the text decoder tells them apart.
        return "text" if _utf16_like(head) else "binary"
    return "html" if _HTML_START.match(head.lstrip()) else "text"


def describe(kind: str) -> str:
    return DESCRIPTIONS[kind]


def _zip_kind(data: bytes) -> str:
    """An Office Open XML or OpenDocument package, or just a ZIP archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            # An OpenDocument mimetype is a few dozen bytes; a bigger one is no such file.
            small = "mimetype" in names and archive.getinfo("mimetype").file_size <= 200
            mimetype = archive.read("mimetype") if small else b""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return "broken_zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "odf"
    return "zip"


def _ascii_view(head: bytes) -> bytes:
    """The ASCII characters of a BOM-marked head, so UTF-16 HTML is recognised too."""
    return bytes(b for b in head.lstrip(b"\xef\xbb\xbf\xff\xfe") if b).lstrip()


def _utf16_like(head: bytes) -> bool:
    """NULs only at even or only at odd offsets: the pattern of UTF-16 text, not of binaries."""
    return (head[0::2].count(0) == 0) != (head[1::2].count(0) == 0)
