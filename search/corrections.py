"""Corrections by staff: the fields a librarian may fix, their checks, and how a correction
replaces what Izde found in the file.

Corrections live in the store (search/store.py), keyed by a document's source folder and path,
and are applied every time the document is indexed: a changed file, a rebuild or an upgrade
keeps them. `hidden` withdraws a document from search without touching its file.
"""

from __future__ import annotations

import datetime as dt

from search import language
from search.events import EVENT_TYPES

FIELDS = ("title", "date", "event", "lang", "author")
HIDDEN = "hidden"
MAX_TITLE = 500
MAX_AUTHOR = 300


class CorrectionError(ValueError):
    """A value staff may not give a field; `field` names it (for a message in the reader's
    language), "" for a field that cannot be corrected."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def check(field: str, value: object) -> str:
    """A corrected value in the form the index keeps, or CorrectionError saying what is
    wanted."""
    try:
        return _checked(field, value)
    except ValueError as error:
        raise CorrectionError(str(error), field if field in FIELDS else "") from None


def _checked(field: str, value: object) -> str:
    if field not in FIELDS:
        raise ValueError(f"{field!r} cannot be corrected; these can: {', '.join(FIELDS)}")
    if not isinstance(value, str):
        raise ValueError(f"{field}: expected text")
    value = " ".join(value.split())
    if field == "title":
        if not 1 <= len(value) <= MAX_TITLE:
            raise ValueError(f"title: 1 to {MAX_TITLE} characters")
    elif field == "author":
        if len(value) > MAX_AUTHOR:
            raise ValueError(f"author: at most {MAX_AUTHOR} characters")
    elif field == "date":
        try:
            value = dt.date.fromisoformat(value).isoformat() if value else ""
        except ValueError:
            raise ValueError("date: a date as YYYY-MM-DD, such as 2021-11-24") from None
    elif field == "lang":
        if value not in language.LANGUAGES:
            raise ValueError(f"lang: one of {', '.join(language.LANGUAGES)}")
    elif field == "event":
        types = [name.strip() for name in value.split(",") if name.strip()]
        if not types or any(name not in EVENT_TYPES for name in types):
            raise ValueError(f"event: one or more of {', '.join(EVENT_TYPES)}, with commas")
        value = ",".join(dict.fromkeys(types))
    return value


def automatic(fields: dict[str, object]) -> dict[str, str]:
    """What Izde found in the file for each correctable field (before any correction)."""
    return {name: str(fields.get(name) or "") for name in FIELDS}


def apply(fields: dict[str, object], corrections: dict[str, str]) -> dict[str, object]:
    """Index fields with `corrections` in place of the found values; a corrected title goes in
    as text, for the writer to analyse (the indexer drops what a worker analysed of the found
    one)."""
    for name, value in corrections.items():
        if name == HIDDEN:
            fields[HIDDEN] = "1"
        elif name == "title":
            fields["title"] = value
        elif name == "date":
            fields["date"] = value
            fields["year"] = value[:4]
        elif name in FIELDS:
            fields[name] = value
    return fields
