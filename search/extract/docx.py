"""Word .docx files: body paragraphs and tables in reading order, then headers and footers; the
body's headings and list items (by their styles and numbering) as blocks."""

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
from search.extract.structure import locate

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
        found = _structure(document)
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
    text = clean_text("\n\n".join(body + furniture))
    return Document(
        text=text,
        format="docx",
        title=title,
        author=clean_line(author),
        date=plausible(created.date()) if created else None,
        blocks=locate(text, found),
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


def _structure(document) -> list[tuple[str, str]]:
    """The body's headings (styles Title, Heading 1–6) and list items (list styles, or numbered
    paragraphs: bulleted or numbered as their numbering says), with their texts."""
    formats = _number_formats(document)
    found = []
    for item in document.iter_inner_content():
        if not isinstance(item, Paragraph):
            continue
        kind = _heading_kind(item) or _list_kind(item, formats)
        if kind:
            found.append((kind, item.text))
    return found


def _style_name(paragraph: Paragraph) -> str:
    return (paragraph.style.name or "").lower() if paragraph.style else ""


def _heading_kind(paragraph: Paragraph) -> str | None:
    name = _style_name(paragraph)
    if name == "title":
        return "h1"
    level = name.removeprefix("heading ")
    if level != name and level.isdigit() and 1 <= int(level) <= 6:
        return f"h{level}"
    return None


def _list_kind(paragraph: Paragraph, formats: dict[tuple[str, str], str]) -> str | None:
    name = _style_name(paragraph)
    if name.startswith("list bullet"):
        return "ul"
    if name.startswith("list number"):
        return "ol"
    number = paragraph._p.find(f"{_W}pPr/{_W}numPr")
    if number is None:
        return None
    num_id = number.find(f"{_W}numId")
    level = number.find(f"{_W}ilvl")
    key = (
        num_id.get(f"{_W}val", "0") if num_id is not None else "0",
        level.get(f"{_W}val", "0") if level is not None else "0",
    )
    if key[0] == "0":  # numbering turned off
        return None
    return "ul" if formats.get(key) == "bullet" else "ol"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _number_formats(document) -> dict[tuple[str, str], str]:
    """(numbering id, level) -> its number format ("bullet", "decimal" …), from the numbering
    part; empty when the document has none."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for definition in numbering.iter(f"{_W}abstractNum"):
        levels = abstract.setdefault(definition.get(f"{_W}abstractNumId", ""), {})
        for level in definition.iter(f"{_W}lvl"):
            fmt = level.find(f"{_W}numFmt")
            if fmt is not None:
                levels[level.get(f"{_W}ilvl", "0")] = fmt.get(f"{_W}val", "")
    formats = {}
    for num in numbering.iter(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(f"{_W}val", ""), {}).items():
            formats[(num.get(f"{_W}numId", ""), level)] = fmt
    return formats


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
