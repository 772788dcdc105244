"""Names shown to the user for the index's codes, in the interface language."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from search.budget import QueryTooCostly
from search.errors import MESSAGES, QueryError

# Each interface language in its own name: a reader finds theirs whatever the page is in.
INTERFACE_LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# … and as a narrow screen's header shows them.
INTERFACE_CODES = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}

LANGUAGES = {"kk": _l("Kazakh"), "ru": _l("Russian"), "en": _l("English")}

EVENT_TYPES = {
    "seminar": _l("Seminar"),
    "conference": _l("Conference"),
    "round_table": _l("Round table"),
    "meeting": _l("Meeting"),
    "training": _l("Training"),
    "exhibition": _l("Exhibition"),
    "competition": _l("Competition"),
    "presentation": _l("Presentation"),
    "festival": _l("Festival, library week"),
    "other": _l("Other"),
}

FACETS = {
    "lang": _l("Language"),
    "year": _l("Year"),
    "type": _l("Event type"),
    "format": _l("Format"),
}


def facet_value(facet: str, value: str) -> str:
    """How a facet value reads: a language or event name, a format in capitals, a year as is."""
    if facet == "lang":
        return str(LANGUAGES.get(value, value))
    if facet == "type":
        return str(EVENT_TYPES.get(value, value))
    if facet == "format":
        return value.upper()
    return value


def explain(error: QueryError) -> str:
    """The user's-language message for an unusable query: search.errors' message for its
    reason, translated, with a budget's limit written as the reader's language writes numbers."""
    details = dict(error.details)
    if isinstance(error, QueryTooCostly):
        details["limit"] = format_decimal(error.limit)
    return _(MESSAGES[error.reason], **details)
