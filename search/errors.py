"""Errors a query can raise, each with a reason an interface can say in its reader's language."""

from __future__ import annotations


class QueryError(ValueError):
    """A query that cannot be run; the message tells the user how to fix it.

    `reason` ("empty", "too_long", "no_words", "sort", "paging", and the budget's reasons in
    search.budget) names the problem, so that an interface can say it in the user's own
    language. `status` is what an HTTP interface answers.
    """

    status = 400

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
