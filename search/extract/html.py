"""HTML pages: the text a reader sees, with block elements as paragraphs, and the page's metadata.

The standard library's tolerant parser is enough: only text, a few tags and meta fields matter.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from search.extract.base import Document
from search.extract.clean import clean_line, clean_text, shorten
from search.extract.dates import parse_date
from search.extract.structure import locate
from search.extract.txt import decode_text

# Elements whose content is never shown.
_HIDDEN = {"script", "style", "noscript", "template"}
_BLOCKS = set(
    "address article aside blockquote caption dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section summary "
    "table ul".split()
)
# Elements that end a line but not a paragraph: a list item, a table row, a line break.
_LINES = {"br", "li", "tr"}
_CELLS = {"td", "th"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LIST_TAGS = {"ul", "ol"}
_DATE_META = set(
    "date dc.date dc.date.created dcterms.date dcterms.created created article:published_time "
    "citation_date".split()
)
_AUTHOR_META = {"author", "dc.creator", "dcterms.creator"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_WHITESPACE = re.compile(r"\s+")


def extract(data: bytes) -> Document:
    return html_document(decode_html(data), "html")


def decode_html(data: bytes) -> str:
    """The page's text: its declared charset if that decodes it, else the text-file guess."""
    match = _CHARSET.search(data[:4096])
    if match and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def html_document(markup: str, fmt: str) -> Document:
    """A Document from HTML markup; Markdown is rendered to HTML and read here too."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    title = clean_line(parser.title) or clean_line(parser.h1) or clean_line(parser.heading)
    text = clean_text("".join(parser.parts))
    return Document(
        text=text,
        format=fmt,
        title=shorten(title),
        author=clean_line(parser.author),
        date=parse_date(parser.date) if parser.date else None,
        blocks=locate(text, parser.blocks),
    )


class _TextParser(HTMLParser):
    """Collects visible text with paragraph and line breaks, the title and meta fields, and the
    headings and list items (`blocks`: kind and text, for search.extract.structure)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = self.h1 = self.heading = self.author = self.date = ""
        self._hidden = 0
        self._pre = 0
        self._in_title = False
        self._heading: list[str] | None = None
        self._heading_tag = ""
        self._cells: list[int] = []  # cells so far in the current row, per open table
        self.blocks: list[tuple[str, str]] = []
        self._block: tuple[str, int] | None = None  # the open heading or item: kind, first part
        self._lists: list[str] = []  # the open lists' tags, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "title":
            self._in_title = not self.title  # an <svg> may hold a <title> too; the page's is first
        elif tag == "meta":
            self._meta(dict(attrs))
        if tag == "pre":
            self._pre += 1
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag in _LINES:
            self.parts.append("\n")
        if tag == "table":
            self._cells.append(0)
        elif tag == "tr" and self._cells:
            self._cells[-1] = 0
        elif tag in _CELLS:
            # Cells of a row stay on one line, told apart; </td> and </tr> are optional in HTML.
            self.parts.append(" | " if self._cells and self._cells[-1] else " ")
            if self._cells:
                self._cells[-1] += 1
        if tag in _HEADINGS and self._heading is None and not (self.h1 and self.heading):
            self._heading, self._heading_tag = [], tag
        self._open_block(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta/>, <hr/>: a void element opens nothing that needs closing.
        if tag == "meta":
            self._meta(dict(attrs))
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag in _LINES:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._close_block(tag)
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "title":
            self._in_title = False
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        if tag == "table" and self._cells:
            self._cells.pop()
        if tag == self._heading_tag and self._heading is not None:
            text = " ".join("".join(self._heading).split())
            if text and tag == "h1" and not self.h1:
                self.h1 = text
            if text and not self.heading:
                self.heading = text
            self._heading, self._heading_tag = None, ""

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._hidden:
            return
        text = data if self._pre else _WHITESPACE.sub(" ", data)
        self.parts.append(text)
        if self._heading is not None:
            self._heading.append(text)

    def _open_block(self, tag: str) -> None:
        """A heading or list item starts (and ends the one open: an item's own text ends where
        a list inside it starts)."""
        if tag in _HEADINGS or tag == "li" or tag in _LIST_TAGS:
            self._finish_block()
        if tag in _LIST_TAGS:
            self._lists.append(tag)
        if tag in _HEADINGS:
            self._block = (tag, len(self.parts))
        elif tag == "li":
            self._block = (self._lists[-1] if self._lists else "ul", len(self.parts))

    def _close_block(self, tag: str) -> None:
        if self._block and (
            tag == self._block[0] or (tag == "li" and self._block[0] in _LIST_TAGS)
        ):
            self._finish_block()
        if tag in _LIST_TAGS:
            self._finish_block()
            if self._lists:
                self._lists.pop()

    def _finish_block(self) -> None:
        if self._block:
            kind, first = self._block
            self.blocks.append((kind, "".join(self.parts[first:])))
            self._block = None

    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("name") or attrs.get("property") or "").lower()
        content = attrs.get("content") or ""
        if name in _DATE_META and not self.date:
            self.date = content
        elif name in _AUTHOR_META and not self.author:
            self.author = content
