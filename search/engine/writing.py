"""What the indexer needs from an engine to write an index, and to read back what it wrote.

An index is a directory of generations (search/generations.py); the engine owns the files
inside one. The indexer reads and analyses files in worker processes (`analyse`), adds the
documents in batches committed in the background (`batches`), and reads back the state of
every document it holds (`read`) to decide what changed. Documents are dicts of field values
(search/fields.py names the searched ones); a text field may come `analysed`, as the engine's
own `analyse` made it in a worker, so the one writer process does not analyse it again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

# Field values of one document, by field name.
Fields = Mapping[str, object]
# Text fields as the engine's `analyse` made them, by field name.
Analysed = Mapping[str, object]


class Writer(Protocol):
    """Changes to one generation, which readers see once committed."""

    def add(self, fields: Fields, analysed: Analysed) -> None:
        """Add a new document."""

    def replace(self, fields: Fields, analysed: Analysed) -> None:
        """Put a document in place of the one with the same `id` (or add it)."""

    def delete(self, field: str, value: str) -> int:
        """Delete the documents whose `field` is `value`; how many there were."""

    def commit(self) -> None:
        """Make the changes visible, all of them or (if the process dies) none."""

    def cancel(self) -> None:
        """Drop the changes."""


class Batches(Protocol):
    """Writers of one batch after another, each full batch committed in the background while
    the next is filled: a crash loses at most the batches not yet committed."""

    def writer(self) -> Writer:
        """The writer of the batch being filled (after waiting for the commit before)."""

    def added(self) -> None:
        """Count a document given to the writer; commit the batch once it is full."""

    def busy(self) -> bool:
        """Whether a batch is being committed."""

    def cancel(self) -> None:
        """After an error: let a running commit finish, or drop the batch being filled."""


class Stored(Protocol):
    """One generation, open for reading what the index holds (not for searching it)."""

    def states(self) -> Iterator[tuple[int, tuple]]:
        """Each document's number and its `state` field, read without its stored text."""

    def stored(self, docnum: int) -> dict[str, object]:
        """A document's stored fields."""

    def numbers(self, **terms: str) -> list[int]:
        """The numbers of the documents whose fields have these values."""

    def first(self, **terms: str) -> dict[str, Any] | None:
        """The stored fields of a document whose fields have these values, if any."""

    def count(self) -> int:
        """How many documents the generation holds."""

    def values(self, field: str) -> dict[str, int]:
        """Each value of a keyword field, with how many documents have it."""


class WritingEngine(Protocol):
    """An engine the indexer writes with, and reads back from."""

    def analyse(self, field: str, text: str) -> object:
        """A text field's value analysed, as `Writer.add` takes it: run in a worker process."""

    def create(self, generation: Path) -> Mapping[str, object]:
        """An empty index in a new generation's folder; what the generation is to record of
        the engine's format (see `is_current`)."""

    def is_current(self, generation: Path) -> bool:
        """Whether a generation is in this version's format and can be opened: an index that
        is not is rebuilt beside it, not updated."""

    def prepare(self, generation: Path) -> None:
        """Bring a current generation's own derived files up to date before it is updated."""

    def writer(self, generation: Path) -> Writer:
        """A writer for one set of changes."""

    def batches(self, generation: Path, size: int) -> Batches:
        """Writers of batches of `size` documents, committed in the background."""

    def read(self, generation: Path) -> AbstractContextManager[Stored]:
        """A generation, open for reading; IndexUnreadable when it cannot be opened."""

    def read_live(self, index_dir: Path) -> AbstractContextManager[Stored]:
        """The live generation, open for reading while a writer may be committing to it;
        IndexMissing when no index has been built."""
