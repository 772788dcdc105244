"""Staff accounts and the store: `izde users`, password hashes, `izde backup`, and a store that
no rebuild touches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from search.accounts import authenticate
from search.cli import main
from search.config import Settings
from search.indexer import Indexer
from search.store import STORE, Store

PASSWORD = "кітапхана-2021"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_users_are_added_listed_and_removed_with_the_password_from_stdin(tmp_path: Path) -> None:
    index = str(tmp_path / "index")
    code, output = run("users", "add", "--index", index, "aigerim", stdin=f"{PASSWORD}\nextra\n")
    assert code == 0, output
    code, output = run("users", "add", "--index", index, "--admin", "boss", stdin="long enough\n")
    assert code == 0, output
    code, output = run("users", "list", "--index", index)
    lines = output.splitlines()
    assert lines[0].startswith("aigerim\tstaff\t") and lines[1].startswith("boss\tadmin\t")
    store = Store(Path(index))
    assert authenticate(store, "aigerim", PASSWORD).name == "aigerim"
    assert authenticate(store, "aigerim", "extra") is None
    assert authenticate(store, "nobody", PASSWORD) is None
    assert run("users", "remove", "--index", index, "aigerim")[0] == 0
    assert authenticate(store, "aigerim", PASSWORD) is None
    code, output = run("users", "remove", "--index", index, "aigerim")
    assert code == 2 and "no account 'aigerim'" in output
    with sqlite3.connect(store.path) as db:
        log = db.execute("SELECT user, field, old, new FROM changes").fetchall()
    assert [entry[1:] for entry in log] == [
        ("user", "", "aigerim"),
        ("user", "", "boss (admin)"),
        ("user", "aigerim", ""),
    ]
    assert all(entry[0].startswith("shell") for entry in log)


def test_bad_names_short_passwords_and_taken_names_are_refused(tmp_path: Path) -> None:
    index = str(tmp_path / "index")
    assert run("users", "add", "--index", index, "a b", stdin=f"{PASSWORD}\n")[0] == 2
    code, output = run("users", "add", "--index", index, "aigerim", stdin="short\n")
    assert code == 2 and "8 to 1024 characters" in output
    assert run("users", "add", "--index", index, "aigerim", stdin=f"{PASSWORD}\n")[0] == 0
    code, output = run("users", "add", "--index", index, "aigerim", stdin=f"{PASSWORD}\n")
    assert code == 2 and "already an account" in output


def test_passwords_are_stored_only_as_strong_hashes(tmp_path: Path) -> None:
    index = tmp_path / "index"
    run("users", "add", "--index", str(index), "aigerim", stdin=f"{PASSWORD}\n")
    run("users", "add", "--index", str(index), "dana", stdin=f"{PASSWORD}\n")
    stored = (index / STORE).read_bytes()
    assert PASSWORD.encode() not in stored
    hashes = [row["password"] for row in Store(index).users()]
    assert all(h.startswith("scrypt:") for h in hashes) and hashes[0] != hashes[1]  # salted


def test_backup_is_a_consistent_copy_and_rebuild_never_touches_the_store(
    tmp_path: Path, reports: Path
) -> None:
    index = tmp_path / "index"
    code, output = run("backup", "--index", str(index), str(tmp_path / "copy.sqlite3"))
    assert code == 4 and "nothing to back up" in output
    run("users", "add", "--index", str(index), "aigerim", stdin=f"{PASSWORD}\n")
    Indexer(Settings(index)).run([reports])
    Indexer(Settings(index)).run([reports], rebuild=True)
    assert authenticate(Store(index), "aigerim", PASSWORD)
    (tmp_path / "backups").mkdir()
    code, output = run("backup", "--index", str(index), str(tmp_path / "backups"))
    assert code == 0, output
    (copy,) = (tmp_path / "backups").glob("izde-*.sqlite3")
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT name FROM users").fetchall() == [("aigerim",)]
    # Restoring is copying it back: the account works again.
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / STORE).write_bytes(copy.read_bytes())
    assert authenticate(Store(restored), "aigerim", PASSWORD)
