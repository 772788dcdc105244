"""Markdown files: rendered to HTML, so that only the text a reader sees is indexed (no `#`, `*`
or link targets), then read by the HTML extractor."""

from __future__ import annotations

import markdown

from search.extract.base import Document
from search.extract.html import html_document
from search.extract.txt import decode_text


def extract(data: bytes) -> Document:
    html = markdown.markdown(decode_text(data), extensions=["tables", "fenced_code"])
    return html_document(html, "md")
