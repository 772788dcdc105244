"""Errors a query can raise, each with a reason an interface can say in its reader's language.

The messages are written once, here: the library raises them in English (the CLI prints them),
and the web says the same strings in the reader's language (web/labels.py translates them; they
are marked for pybabel with `N_`).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for translation where it is said, not where it is written."""
    return message


# Each reason's message, with %(name)s for the details it is raised with.
MESSAGES = {
    "empty": N_("Type one or more words to search for."),
    "too_long": N_("The query is too long (%(length)s characters; at most %(limit)s)."),
    "no_words": N_("The query has no words to search for: use letters or digits, not only signs."),
    "sort": N_("Unknown sort order: sort by relevance or by date."),
    "paging": N_("The page must be a whole number from 1, and the limit from 1 to 100."),
    # The budget's reasons (search.budget).
    "too_broad": N_(
        "«%(part)s» stands for too many words (more than %(limit)s): type more letters "
        "before the *, or narrow the range."
    ),
    "too_many_prefixes": N_(
        "The query's prefixes and ranges stand for too many words together (more than "
        "%(limit)s): use fewer of them, or longer ones."
    ),
    "too_many_words": N_("The query has too many words to search for at once: use fewer of them."),
    "too_slow": N_(
        "The search took too long and found nothing: use fewer words, or longer prefixes."
    ),
    "busy": N_("Another broad search of yours is still running: try again when it has finished."),
}


class QueryError(ValueError):
    """A query that cannot be run; the message tells the user how to fix it.

    `reason` (a key of MESSAGES) names the problem and `details` fill its message, so that an
    interface can say it in the user's own language. `status` is what an HTTP interface
    answers.
    """

    status = 400

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(MESSAGES[reason] % details)
        self.reason = reason
        self.details = details
