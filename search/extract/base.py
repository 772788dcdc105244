"""The record every extractor returns, and the one error type they raise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class ExtractionError(Exception):
    """A file that cannot be indexed; the message is the one-line reason shown to the operator."""


@dataclass
class Document:
    """Text and metadata extracted from one file.

    `text` is the display text: NFKC-normalised, control and private-use characters removed,
    whitespace normalised, paragraphs separated by a blank line ("\\n\\n"). Original spelling
    (including ё) is kept; search normalisation happens later, in analysis.
    `page_offsets[i]` is the character offset in `text` where page i+1 starts (PDF only).
    `languages` and `spans` ((start, end, language) of each run of paragraphs in one language)
    are set by language detection, which runs in the extraction workers too.
    `blocks` are the headings and list items found in the file, as `(start, end, kind)` ranges
    of `text` (see search.extract.structure); the document page shows them as such.
    `postings` is what the index's analyzers make of the text (see search.documents.analyse), when
    an extraction worker computed it; None leaves the analysis to the indexing process.
    `events` are the event types of the report (search.events), likewise.
    """

    text: str
    format: str
    title: str = ""
    author: str = ""
    date: dt.date | None = None
    page_offsets: list[int] = field(default_factory=list)
    size: int = 0
    sha256: str = ""
    languages: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blocks: list[tuple[int, int, str]] = field(default_factory=list)
    postings: dict[str, object] | None = None
    events: list[str] | None = None


def no_progress() -> None:
    """The progress callback of an extraction that nobody watches."""
