"""Who is asking: staff sessions for the pages (Flask-Login), HTTP Basic for the API, and a
limit on failed sign-ins.

A session names the account and a piece of its password hash, so removing an account or
changing its password ends its sessions at once. The API never reads the session cookie, so a
page on another site cannot make a signed-in browser call it (and it needs no CSRF token).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import Flask, abort, current_app, g, request
from flask_login import LoginManager, UserMixin, current_user

from search.accounts import Account, authenticate
from search.config import Settings
from search.store import Store

F = TypeVar("F", bound=Callable)
EXTENSION = "izde_auth"


class Staff(UserMixin):
    """A signed-in account, for Flask-Login."""

    def __init__(self, account: Account, stamp: str) -> None:
        self.account = account
        self.name = account.name
        self.admin = account.admin
        self.stamp = stamp

    def get_id(self) -> str:
        return f"{self.name}:{self.stamp}"


class LoginLimiter:
    """At most `attempts` failed sign-ins per `window` seconds from one address and for one
    name (in this process): enough for typing mistakes, too few for guessing passwords."""

    def __init__(self, attempts: int, window: float) -> None:
        self.attempts = attempts
        self.window = window
        self.failures: dict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def allowed(self, address: str, name: str) -> bool:
        now = time.monotonic()
        with self.lock:
            keys = (f"address:{address}", f"name:{name.casefold()}")
            return all(len(self._recent(key, now)) < self.attempts for key in keys)

    def failed(self, address: str, name: str) -> None:
        now = time.monotonic()
        with self.lock:
            for key in (f"address:{address}", f"name:{name.casefold()}"):
                self._recent(key, now).append(now)
            for key in [key for key, times in self.failures.items() if not times]:
                del self.failures[key]


def stamp(store: Store, name: str) -> str | None:
    """A piece of the account's password hash: it changes when the password does."""
    row = store.user(name)
    return row["password"][-12:] if row else None


def init(app: Flask, settings: Settings) -> None:
    """Sessions, their cookies and the sign-in limit for the app."""
    store = Store(settings.index_dir)
    app.secret_key = store.secret("session")
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="izde_session",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
    )
    manager = LoginManager(app)
    app.extensions["izde_login"] = manager  # Flask-Login keeps it as an untyped attribute
    manager.login_view = "staff.login"
    manager.session_protection = "basic"

    @manager.user_loader
    def load(user_id: str) -> Staff | None:
        name, _, kept = user_id.rpartition(":")
        row = store.user(name)
        if row is None or row["password"][-12:] != kept:
            return None
        return Staff(Account(row["name"], bool(row["admin"])), kept)

    manager.localize_callback = None
    app.extensions[EXTENSION] = LoginLimiter(settings.login_attempts, settings.login_window)


def limiter() -> LoginLimiter:
    return current_app.extensions[EXTENSION]


def sign_in(store: Store, name: str, password: str) -> Staff | bool | None:
    """The account for a name and password; None when wrong; False when too many sign-ins
    failed lately (then the password is not even checked)."""
    address = request.remote_addr or ""
    if not limiter().allowed(address, name):
        return False
    account = authenticate(store, name, password)
    if account is None:
        limiter().failed(address, name)
        return None
    return Staff(account, stamp(store, account.name) or "")


def api_user(store: Store) -> Staff | bool | None:
    """The account of an API request's HTTP Basic credentials (see sign_in), once a request."""
    if "api_user" not in g:
        auth = request.authorization
        if auth is None or auth.type != "basic" or auth.username is None:
            g.api_user = None
        else:
            g.api_user = sign_in(store, auth.username, auth.password or "")
    return g.api_user


def current_name() -> str:
    """Who is acting, for the change log: the signed-in account, else the API's."""
    if is_staff():
        return current_user.name
    user = g.get("api_user")
    return user.name if user else ""


def is_staff() -> bool:
    """Whether this page request comes from a signed-in account."""
    return bool(current_user and current_user.is_authenticated)


def staff_required(view: F) -> F:
    """A page for staff: others are sent to sign in."""

    @wraps(view)
    def checked(*args: object, **kwargs: object) -> object:
        if not is_staff():
            return current_app.extensions["izde_login"].unauthorized()
        return view(*args, **kwargs)

    return checked  # type: ignore[return-value]


def admin_required(view: F) -> F:
    @wraps(view)
    def checked(*args: object, **kwargs: object) -> object:
        if not is_staff():
            return current_app.extensions["izde_login"].unauthorized()
        if not current_user.admin:
            abort(403)
        return view(*args, **kwargs)

    return checked  # type: ignore[return-value]
