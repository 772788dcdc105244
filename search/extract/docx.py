"""Word .docx files: body paragraphs and tables in reading order, then headers and footers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from search.extract.base import Document, ExtractionError
from search.extract.clean import clean_line, clean_text, metadata_title, short_reason, shorten
from search.extract.dates import plausible

# Placeholders that say nothing about the report: python-docx's blank template carries this author
# and creation time (a document a script made from it keeps them), and python-docx invents this
# title when a package has no core properties.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)
_INVENTED_TITLE = "Word Document"

# python-docx unpacks every part of a package into memory and parses its XML whole. A report's
# XML is a few MB and its pictures tens of MB; a zip bomb declares gigabytes, which the ZIP
# directory tells before anything is unpacked (and zipfile never unpacks more than declared).
MAX_XML_BYTES = 100 * 2**20
MAX_UNPACKED_BYTES = 1024 * 2**20


def extract(data: bytes) -> Document:
    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
        body = list(_blocks(document))
        furniture = _headers_and_footers(document)
        props = document.core_properties
        title = props.title if props.title != _INVENTED_TITLE else ""
        title = metadata_title(title) or _first_heading(document)
        author, created = props.author or "", props.created
    except Exception as error:  # python-docx and lxml raise many types for damaged packages
        raise ExtractionError(f"broken DOCX: {short_reason(error)}") from error
    if author == _TEMPLATE_AUTHOR:
        author = ""
    if created == _TEMPLATE_CREATED:
        created = None
    return Document(
        text=clean_text("\n\n".join(body + furniture)),
        format="docx",
        title=title,
        author=clean_line(author),
        date=plausible(created.date()) if created else None,
    )


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a package that would unpack to more than the limits: a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return  # damage, which python-docx reports in its own words
    xml = sum(part.file_size for part in parts if part.filename.endswith((".xml", ".rels")))
    total = sum(part.file_size for part in parts)
    if xml > MAX_XML_BYTES or total > MAX_UNPACKED_BYTES:
        raise ExtractionError(
            f"refused: unpacks to {total / 2**20:,.0f} MB from {len(data) / 2**20:,.1f} MB "
            "(a zip bomb?)"
        )


def _blocks(container) -> Iterator[str]:
    """Texts of the paragraphs and tables of a body, cell or header, in reading order."""
    for item in container.iter_inner_content():
        yield item.text if isinstance(item, Paragraph) else _table_text(item)


def _table_text(table: Table) -> str:
    """One line per row, cells separated by " | "; a merged cell is read once."""
    seen = set()
    lines = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            # A merged cell is returned for every grid column and row it spans.
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = " ".join(" ".join(_blocks(cell)).split())
            if text:
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _headers_and_footers(document) -> list[str]:
    """Each distinct header and footer once, although every section and page repeats them."""
    texts: list[str] = []
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            text = "\n\n".join(_blocks(part)).strip()
            if text and text not in texts:
                texts.append(text)
    return texts


def _first_heading(document) -> str:
    """The first paragraph styled as a title or heading."""
    for paragraph in document.paragraphs:
        name = (paragraph.style.name or "").lower() if paragraph.style else ""
        text = clean_line(paragraph.text)
        if text and (name == "title" or name.startswith("heading")):
            return shorten(text)
    return ""
