"""Result lists to take away: CSV for spreadsheets, RIS for reference managers.

Librarians compile reading lists and reports from search results. One list is the hits of one
search (the results page's list, every page of it, up to `EXPORT_LIMIT` reports), each with its
title, date, language, event type, author, file (the document's id) and a link to its page on
the website. The web app (`/api/search.csv`, `/api/search.ris`) and `izde search --format
csv|ris` both write them here.

- CSV: UTF-8 with a byte order mark, so that Excel opens Cyrillic and Kazakh letters intact;
  the standard library's dialect (commas, quotes where needed, CRLF). A cell that a spreadsheet
  would run as a formula (one starting with =, +, -, @) is prefixed with an apostrophe.
- RIS: one record per report (`TY  - RPRT` … `ER  - `), UTF-8, CRLF; Zotero and EndNote import
  it. TI title, AU author, PY year and DA date, LA language code (kk, ru, en), KW event types,
  AN the file, UR the link.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from search.events import EVENT_TYPES
from search.library import EXPORT_LIMIT
from search.results import Hit

__all__ = ["EXPORT_LIMIT", "FORMATS", "Names", "to_csv", "to_ris"]

# Each format's media type and file name extension.
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
}
COLUMNS = ("title", "date", "language", "event", "author", "file", "link")


def _english() -> dict[str, str]:
    return {
        "title": "Title",
        "date": "Date",
        "language": "Language",
        "event": "Event type",
        "author": "Author",
        "file": "File",
        "link": "Link",
    }


@dataclass(frozen=True)
class Names:
    """How a CSV names its columns, languages and event types: in English unless the caller
    (the website, in the reader's language) says otherwise. A column without a name is named in
    English; a language or event type without one is shown as its code."""

    columns: Mapping[str, str] = field(default_factory=_english)
    languages: Mapping[str, str] = field(
        default_factory=lambda: {"kk": "Kazakh", "ru": "Russian", "en": "English"}
    )
    events: Mapping[str, str] = field(
        default_factory=lambda: {name: name.replace("_", " ").capitalize() for name in EVENT_TYPES}
    )


# Characters with which a spreadsheet cell starts a formula (OWASP: CSV injection).
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# Line breaks and other control characters: a field of either format is one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _line(value: str) -> str:
    return " ".join(_CONTROL.sub(" ", value).split())


def _cell(value: str) -> str:
    value = _line(value)
    return "'" + value if value.startswith(_FORMULA) else value


def to_csv(hits: Iterable[Hit], link: Callable[[Hit], str], names: Names | None = None) -> bytes:
    """The hits as CSV bytes (UTF-8 with BOM): a header row, then one row per report."""
    names = names or Names()
    out = io.StringIO()
    writer = csv.writer(out)
    english = _english()
    writer.writerow([_cell(str(names.columns.get(c, english[c]))) for c in COLUMNS])
    for hit in hits:
        language = str(names.languages.get(hit.lang, hit.lang))
        events = ", ".join(str(names.events.get(event, event)) for event in hit.event)
        values = (hit.title, hit.date or "", language, events, hit.author, hit.id, link(hit))
        writer.writerow([_cell(value) for value in values])
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def to_ris(hits: Iterable[Hit], link: Callable[[Hit], str], names: Names | None = None) -> bytes:
    """The hits as RIS records, UTF-8; event types as keywords, named by `names`."""
    names = names or Names()
    lines: list[str] = []
    for hit in hits:
        record = [("TY", "RPRT"), ("TI", hit.title)]
        if hit.author:
            record.append(("AU", hit.author))
        if hit.date:
            record += [("PY", hit.date[:4]), ("DA", hit.date.replace("-", "/"))]
        if hit.lang:
            record.append(("LA", hit.lang))
        record += [("KW", str(names.events.get(event, event))) for event in hit.event]
        record += [("AN", hit.id), ("UR", link(hit))]
        lines += [f"{tag}  - {_line(value)}" for tag, value in record if _line(value)]
        lines += ["ER  - ", ""]
    return "\r\n".join(lines).encode("utf-8")
