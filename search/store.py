"""The staff store: one small SQLite database in the index folder, outside every generation.

It holds what people and past runs said about the collection, which no file or rebuild can
recreate: files that keep failing, staff accounts, corrections and withdrawals with their log,
and the upload queue. `--rebuild` never touches it; `izde backup` copies it with SQLite's
online backup, consistent while the server writes.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
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
CREATE TABLE IF NOT EXISTS secrets (
    name TEXT PRIMARY KEY,      -- the web app's key that signs session cookies
    value TEXT NOT NULL
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
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    root TEXT NOT NULL,         -- a document to index again with its corrections
    path TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS uploads (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    root TEXT NOT NULL,         -- the uploads folder, a source
    path TEXT NOT NULL,         -- where the file is kept inside it (year/name)
    doc_id TEXT NOT NULL,       -- the document's id once indexed
    name TEXT NOT NULL,         -- the name it was uploaded under
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    user TEXT NOT NULL,
    at TEXT NOT NULL,
    status TEXT NOT NULL,       -- queued, indexing, searchable, failed; trashing, trash
    reason TEXT NOT NULL DEFAULT '',
    trash TEXT NOT NULL DEFAULT '' -- where in the trash folder the file is, once deleted
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

    # Corrections and withdrawals.

    def corrections(self) -> dict[tuple[str, str], dict[str, str]]:
        """Every document's corrections, by (root, path): field -> value."""
        found: dict[tuple[str, str], dict[str, str]] = {}
        with self.connect() as db:
            for row in db.execute("SELECT root, path, field, value FROM corrections"):
                found.setdefault((row["root"], row["path"]), {})[row["field"]] = row["value"]
        return found

    def corrections_of(self, root: str, path: str) -> dict[str, str]:
        with self.connect() as db:
            rows = db.execute(
                "SELECT field, value FROM corrections WHERE root = ? AND path = ?", (root, path)
            ).fetchall()
        return {row["field"]: row["value"] for row in rows}

    def correct(self, root: str, path: str, changes: dict[str, tuple[str, str]], user: str) -> None:
        """Record corrections (field -> (old, new)) of one document, each logged, and queue
        the document to be indexed again with them."""
        with self.connect() as db:
            for field, (old, new) in changes.items():
                db.execute(
                    "INSERT OR REPLACE INTO corrections VALUES (?, ?, ?, ?, ?, ?)",
                    (root, path, field, new, user, now()),
                )
                _log(db, user, root, path, field, old, new)
            db.execute("INSERT INTO pending (root, path) VALUES (?, ?)", (root, path))

    def set_hidden(self, root: str, path: str, hidden: bool, user: str) -> bool:
        """Withdraw a document from search, or restore it; False when it already was."""
        with self.connect() as db:
            if hidden:
                done = db.execute(
                    "INSERT OR IGNORE INTO corrections VALUES (?, ?, 'hidden', '1', ?, ?)",
                    (root, path, user, now()),
                ).rowcount
            else:
                done = db.execute(
                    "DELETE FROM corrections WHERE root = ? AND path = ? AND field = 'hidden'",
                    (root, path),
                ).rowcount
            if done:
                _log(db, user, root, path, "hidden", str(not hidden), str(hidden))
                db.execute("INSERT INTO pending (root, path) VALUES (?, ?)", (root, path))
            return bool(done)

    def pending(self) -> tuple[int, set[tuple[str, str]]]:
        """Documents waiting to be indexed again, and the last queue number read."""
        with self.connect() as db:
            rows = db.execute("SELECT n, root, path FROM pending").fetchall()
        return max((row["n"] for row in rows), default=0), {(r["root"], r["path"]) for r in rows}

    def done_pending(self, last: int) -> None:
        """Clear the queue up to `last`: what was queued later is done by the next refresh."""
        with self.connect() as db:
            db.execute("DELETE FROM pending WHERE n <= ?", (last,))

    def withdrawn(self) -> list[sqlite3.Row]:
        """The documents withdrawn from search, latest first (root, path, user, at)."""
        with self.connect() as db:
            return db.execute(
                "SELECT root, path, user, at FROM corrections WHERE field = 'hidden' "
                "ORDER BY at DESC"
            ).fetchall()

    def changes(self, limit: int) -> list[sqlite3.Row]:
        """The latest lines of the change log."""
        with self.connect() as db:
            return db.execute("SELECT * FROM changes ORDER BY n DESC LIMIT ?", (limit,)).fetchall()

    def history(self, root: str, path: str) -> list[sqlite3.Row]:
        """The change log of one document, newest first."""
        with self.connect() as db:
            return db.execute(
                "SELECT * FROM changes WHERE root = ? AND path = ? ORDER BY n DESC", (root, path)
            ).fetchall()

    def secret(self, name: str) -> str:
        """A random secret made on first use and kept, so every server process (and a
        restarted one) signs and checks sessions with the same key."""
        with self.connect() as db:
            db.execute("INSERT OR IGNORE INTO secrets VALUES (?, ?)", (name, secrets.token_hex(32)))
            return db.execute("SELECT value FROM secrets WHERE name = ?", (name,)).fetchone()[0]

    # Uploads.

    def add_upload(self, upload: dict[str, object], user: str) -> int:
        """Queue an uploaded file for indexing (logged); its number."""
        with self.connect() as db:
            number = db.execute(
                "INSERT INTO uploads (root, path, doc_id, name, sha256, size, user, at, status) "
                "VALUES (:root, :path, :doc_id, :name, :sha256, :size, :user, :at, 'queued')",
                upload | {"user": user, "at": now()},
            ).lastrowid
            assert number is not None  # an INSERT always has a row id
            _log(db, user, str(upload["root"]), str(upload["path"]), "upload", "", "queued")
            return number

    def upload(self, number: int) -> sqlite3.Row | None:
        with self.connect() as db:
            return db.execute("SELECT * FROM uploads WHERE n = ?", (number,)).fetchone()

    def upload_of(self, doc_id: str) -> sqlite3.Row | None:
        """The latest upload that is (or will be) the document `doc_id`."""
        with self.connect() as db:
            return db.execute(
                "SELECT * FROM uploads WHERE doc_id = ? ORDER BY n DESC LIMIT 1", (doc_id,)
            ).fetchone()

    def uploads(self, limit: int) -> list[sqlite3.Row]:
        with self.connect() as db:
            return db.execute("SELECT * FROM uploads ORDER BY n DESC LIMIT ?", (limit,)).fetchall()

    def uploads_with(self, sha256: str) -> list[sqlite3.Row]:
        """Uploads of this content that are not in the trash."""
        with self.connect() as db:
            return db.execute(
                "SELECT * FROM uploads WHERE sha256 = ? AND status NOT IN ('trash', 'trashing')",
                (sha256,),
            ).fetchall()

    def waiting_uploads(self) -> list[sqlite3.Row]:
        """Uploads the indexing worker has to index (queued) or take out (trashing)."""
        with self.connect() as db:
            return db.execute(
                "SELECT * FROM uploads WHERE status IN ('queued', 'indexing', 'trashing') "
                "ORDER BY n"
            ).fetchall()

    def set_upload(self, number: int, user: str = "", **values: object) -> None:
        """Change an upload's status (and reason, path, trash); logged when `user` did it."""
        with self.connect() as db:
            old = db.execute("SELECT * FROM uploads WHERE n = ?", (number,)).fetchone()
            assignments = ", ".join(f"{name} = :{name}" for name in values)
            db.execute(f"UPDATE uploads SET {assignments} WHERE n = :n", values | {"n": number})
            if user and "status" in values:
                status = str(values["status"])
                _log(db, user, old["root"], old["path"], "upload", old["status"], status)

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
