"""The staff store: one small SQLite database in the index folder, outside every generation.

It holds what people and past runs said about the collection, which no file or rebuild can
recreate: files that keep failing, staff accounts, corrections and withdrawals with their log,
and the upload queue. `--rebuild` never touches it; `izde backup` copies it with SQLite's
online backup, consistent while the server writes.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

STORE = "izde.sqlite3"
# Seconds a writer waits for another one (the server's worker, a shell command) to finish.
BUSY_TIMEOUT = 30.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS problems (
    id TEXT PRIMARY KEY,        -- the document id the file would have
    root TEXT NOT NULL,         -- its source folder
    path TEXT NOT NULL,         -- its path inside the source
    location TEXT NOT NULL,     -- its full path, for a librarian to find it
    size INTEGER NOT NULL,      -- stat values when it failed (-1: not a readable file)
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL,
    since TEXT NOT NULL         -- when it first failed, UTC ISO 8601
);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    password TEXT NOT NULL,     -- a salted scrypt hash (werkzeug.security), never the password
    admin INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    root TEXT NOT NULL,         -- the document: its source folder and path inside it
    path TEXT NOT NULL,
    field TEXT NOT NULL,        -- title, date, event, lang, author; hidden (withdrawn)
    value TEXT NOT NULL,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (root, path, field)
);
CREATE TABLE IF NOT EXISTS changes (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    root TEXT NOT NULL,         -- the document changed ('' for an account)
    path TEXT NOT NULL,
    field TEXT NOT NULL,        -- a corrected field, or what was done: hidden, trash, upload …
    old TEXT NOT NULL,
    new TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending (
    root TEXT NOT NULL,         -- documents to index again with their corrections
    path TEXT NOT NULL,
    PRIMARY KEY (root, path)
);
CREATE TABLE IF NOT EXISTS uploads (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    root TEXT NOT NULL,         -- the uploads folder, a source
    path TEXT NOT NULL,         -- where the file is kept inside it (year/name)
    name TEXT NOT NULL,         -- the name it was uploaded under
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL,       -- queued, indexing, searchable, failed, trash
    reason TEXT NOT NULL DEFAULT '',
    UNIQUE (root, path)
);
"""


@dataclass(frozen=True)
class Problem:
    """A file that could not be indexed, as the last run that read it found it."""

    id: str
    root: str
    path: str
    location: str
    size: int
    mtime_ns: int
    reason: str
    since: str


def now() -> str:
    """The time stamps of the store: UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store:
    """The store of one index folder; each call opens its own connection (threads share it)."""

    def __init__(self, index_dir: Path) -> None:
        self.path = index_dir / STORE

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection in one transaction: committed when the block ends, else rolled back."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)) as connection:
            connection.row_factory = sqlite3.Row
            connection.execute("PRAGMA foreign_keys = ON")
            connection.executescript(SCHEMA)
            with connection:
                yield connection

    def problems(self) -> dict[str, Problem]:
        """Every file that failed and has not been read well since, by document id."""
        with self.connect() as db:
            rows = db.execute("SELECT * FROM problems ORDER BY location").fetchall()
        return {row["id"]: Problem(**row) for row in rows}

    def record_problems(
        self, in_scope: Callable[[str, str], bool], failures: Iterable[Problem]
    ) -> None:
        """After a run: its failures replace the problems it covered (`in_scope(root,
        location)`), keeping when each first failed; others' problems stay."""
        with self.connect() as db:
            rows = db.execute("SELECT id, since FROM problems")
            since = {row["id"]: row["since"] for row in rows}
            for row in db.execute("SELECT id, root, location FROM problems").fetchall():
                if in_scope(row["root"], row["location"]):
                    db.execute("DELETE FROM problems WHERE id = ?", (row["id"],))
            for failure in failures:
                db.execute(
                    "INSERT OR REPLACE INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        failure.id,
                        failure.root,
                        failure.path,
                        failure.location,
                        failure.size,
                        failure.mtime_ns,
                        failure.reason,
                        since.get(failure.id, failure.since),
                    ),
                )

    def forget_root(self, root: str) -> None:
        """A source removed from the index: its problems go too."""
        with self.connect() as db:
            db.execute("DELETE FROM problems WHERE root = ?", (root,))

    # Accounts.

    def add_user(self, name: str, password_hash: str, admin: bool, by: str) -> None:
        """A new account, logged as done `by` someone; ValueError when the name is taken."""
        try:
            with self.connect() as db:
                db.execute(
                    "INSERT INTO users VALUES (?, ?, ?, ?)", (name, password_hash, admin, now())
                )
                _log(db, by, "", "", "user", "", f"{name} (admin)" if admin else name)
        except sqlite3.IntegrityError:
            raise ValueError(f"there is already an account {name!r}") from None

    def user(self, name: str) -> sqlite3.Row | None:
        with self.connect() as db:
            return db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()

    def users(self) -> list[sqlite3.Row]:
        with self.connect() as db:
            return db.execute("SELECT * FROM users ORDER BY name").fetchall()

    def remove_user(self, name: str, by: str) -> bool:
        """Delete an account (what it changed stays in the log); False when there is none."""
        with self.connect() as db:
            removed = db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount
            if removed:
                _log(db, by, "", "", "user", name, "")
            return bool(removed)

    def backup(self, destination: Path) -> None:
        """A consistent copy of the store at `destination`, taken while others may write;
        written beside it first, so that a failed copy never replaces a good one."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".partial")
        partial.unlink(missing_ok=True)
        with self.connect() as source, closing(sqlite3.connect(partial)) as target:
            source.backup(target)
        os.replace(partial, destination)


def _log(
    db: sqlite3.Connection, user: str, root: str, path: str, field: str, old: str, new: str
) -> None:
    """One line of the change log, in the transaction of the change it records."""
    db.execute(
        "INSERT INTO changes (at, user, root, path, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (now(), user, root, path, field, old, new),
    )
