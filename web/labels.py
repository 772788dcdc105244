"""Names shown to the user for the index's codes, in the interface language."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from search.budget import QueryTooCostly
from search.config import Settings
from search.query import QueryError

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


def explain(error: QueryError, settings: Settings, query: str) -> str:
    """The user's-language message for an unusable query."""
    messages = {
        "empty": _("Type one or more words to search for."),
        "too_long": _(
            "The query is too long (%(length)s characters; at most %(limit)s).",
            length=len(query.strip()),
            limit=settings.max_query_chars,
        ),
        "no_words": _(
            "The query has no words to search for: use letters or digits, not only signs."
        ),
        "sort": _("Unknown sort order: sort by relevance or by date."),
        "paging": _("The page must be a whole number from 1, and the limit from 1 to 100."),
    }
    if isinstance(error, QueryTooCostly):
        messages = _costly(error)
    return messages.get(error.reason, str(error))


def _costly(error: QueryTooCostly) -> dict[str, str]:
    """What to narrow, for a query over its budget (search.budget)."""
    limit = format_decimal(error.limit)
    return {
        "too_broad": _(
            "«%(part)s» stands for too many words (more than %(limit)s): type more letters "
            "before the *, or narrow the range.",
            part=error.part,
            limit=limit,
        ),
        "too_many_prefixes": _(
            "The query's prefixes and ranges stand for too many words together (more than "
            "%(limit)s): use fewer of them, or longer ones.",
            limit=limit,
        ),
        "too_many_words": _(
            "The query has too many words to search for at once: use fewer of them."
        ),
        "too_slow": _(
            "The search took too long and found nothing: use fewer words, or longer prefixes."
        ),
        "busy": _(
            "Another broad search of yours is still running: try again when it has finished."
        ),
    }
