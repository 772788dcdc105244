"""Staff accounts: names and password hashes in the store, checked in constant time.

Passwords are kept only as salted scrypt hashes (Werkzeug's, which Flask already brings: no
extra dependency, no compiled extension on Windows). A check against a missing account still
computes a hash, so response times do not tell which names exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from werkzeug.security import check_password_hash, generate_password_hash

from search.store import Store

# Letters, digits and . _ - (any script), 1 to 64 characters: safe in logs, URLs and prompts.
NAME = re.compile(r"[\w.-]{1,64}")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
HASH_METHOD = "scrypt"
# Compared against when the account does not exist, so that the check costs the same.
_DUMMY = generate_password_hash("not a password", method=HASH_METHOD)


@dataclass(frozen=True)
class Account:
    name: str
    admin: bool


def check_name(name: str) -> str:
    """The name, or ValueError saying what a name may hold."""
    if not NAME.fullmatch(name):
        raise ValueError("a name is 1 to 64 letters, digits, dots, hyphens or underscores")
    return name


def check_new_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise ValueError(f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


def add_account(store: Store, name: str, password: str, admin: bool, by: str) -> Account:
    """A new account with a strong hash of `password`; ValueError for a bad or taken name."""
    check_name(name)
    check_new_password(password)
    store.add_user(name, generate_password_hash(password, method=HASH_METHOD), admin, by)
    return Account(name, admin)


def authenticate(store: Store, name: str, password: str) -> Account | None:
    """The account when the password is right, else None (same cost either way)."""
    row = store.user(name) if NAME.fullmatch(name) and len(password) <= MAX_PASSWORD else None
    if not check_password_hash(row["password"] if row else _DUMMY, password) or row is None:
        return None
    return Account(row["name"], bool(row["admin"]))


def account(store: Store, name: str) -> Account | None:
    """The account with this name, if it (still) exists."""
    row = store.user(name)
    return Account(row["name"], bool(row["admin"])) if row else None
