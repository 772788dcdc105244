"""What staff do to a document: correct its fields, withdraw it from search, restore it.

Each is recorded in the store with who and when (search/store.py) and queued; the indexing
worker (or the next `izde index`) indexes the document again with it, from the index itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from search import corrections
from search.library import Library
from search.store import Store


class NotFound(LookupError):
    """No document has this id."""


@dataclass(frozen=True)
class Target:
    """A document as staff act on it: its identity and its current values."""

    id: str
    root: str
    path: str
    values: dict[str, str]
    hidden: bool


def target(library: Library, doc_id: str) -> Target:
    fields = library.stored(doc_id)
    if fields is None or "root" not in fields:
        raise NotFound(doc_id)
    values = {name: str(fields.get(name) or "") for name in corrections.FIELDS}
    # Corrections not yet indexed count as the current values.
    store = Store(library.settings.index_dir)
    values |= store.corrections_of(fields["root"], fields["path"])
    values.pop(corrections.HIDDEN, None)
    return Target(fields["id"], fields["root"], fields["path"], values, fields.get("hidden") == "1")


def correct(library: Library, doc_id: str, values: dict[str, object], user: str) -> dict:
    """Check and record corrections of a document; field -> (old, new) of those that change.
    ValueError names the first bad value; nothing is recorded then."""
    doc = target(library, doc_id)
    checked = {name: corrections.check(name, value) for name, value in values.items()}
    changes = {
        name: (doc.values[name], value)
        for name, value in checked.items()
        if value != doc.values[name]
    }
    if changes:
        Store(library.settings.index_dir).correct(doc.root, doc.path, changes, user)
    return changes


def set_hidden(library: Library, doc_id: str, hidden: bool, user: str) -> bool:
    """Withdraw a document from search (its file untouched), or restore it."""
    doc = target(library, doc_id)
    return Store(library.settings.index_dir).set_hidden(doc.root, doc.path, hidden, user)
