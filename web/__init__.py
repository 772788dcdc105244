"""Izde's web interface: search pages in Kazakh, Russian and English, and a JSON API.

`create_app(settings)` builds the Flask app; `izde serve` runs it with waitress. The app only
reads the index (through search.library.Library), so it can serve while `izde index` writes.
"""

from __future__ import annotations

from flask import Flask, current_app, redirect, render_template, request, url_for
from flask_babel import Babel
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFProtect
from werkzeug.exceptions import HTTPException, InternalServerError, RequestURITooLarge
from werkzeug.wrappers import Response

from search.config import Settings
from search.generations import IndexMissing
from search.library import Library
from search.uploads import IndexingWorker
from web import api, auth, pages, staff, uploads
from web.host import guarded
from web.labels import INTERFACE_LANGUAGES
from web.pages import LANGUAGE_COOKIE
from web.searching import EXTENSION, settings, url_fits

FALLBACK_LANGUAGE = "kk"
UPLOAD_FILES_PER_REQUEST = 5

# No inline script or style anywhere: everything comes from /static, so an injected tag is inert.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def create_app(settings: Settings, worker: bool = False) -> Flask:
    """The web app over the index in `settings.index_dir`, answering for `settings.public_url`
    (any host, without one) behind a trusted proxy or not (see web.host); with `worker`, it
    also starts the indexing worker for uploads and corrections (`izde serve` does). Raises
    ValueError for a public URL that is not one."""
    app = Flask(__name__)
    # A request carries at most a few files of the largest size indexed (413 beyond).
    app.config["MAX_CONTENT_LENGTH"] = UPLOAD_FILES_PER_REQUEST * settings.max_file_mb * 2**20
    app.extensions[EXTENSION] = Library(settings)
    # Readable Cyrillic, and facets in their order (years newest first), in the API.
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    Babel(app, locale_selector=interface_language, default_locale=FALLBACK_LANGUAGE)
    auth.init(app, settings)
    # Every form carries a token; the API takes no session cookie, so it needs none.
    csrf = CSRFProtect(app)
    csrf.exempt(api.blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(staff.blueprint)
    app.register_blueprint(uploads.blueprint)
    app.before_request(refuse_long_urls)
    app.before_request(private_site)
    app.after_request(add_security_headers)
    app.after_request(add_cache_control)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(IndexMissing, index_missing)
    app.register_error_handler(Exception, server_error)
    app.wsgi_app = guarded(app.wsgi_app, settings.public_url, settings.trusted_proxy)  # type: ignore[method-assign,assignment]
    if worker:
        app.extensions[staff.WORKER] = IndexingWorker(settings)
        app.extensions[staff.WORKER].start()
    return app


def interface_language() -> str:
    """The switch's choice (a cookie), else the browser's Accept-Language, else Kazakh."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in INTERFACE_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(INTERFACE_LANGUAGES, default=FALLBACK_LANGUAGE)


def refuse_long_urls() -> None:
    """A URL longer than the longest query needs is refused (414) before anything reads it."""
    if not url_fits():
        raise RequestURITooLarge()


# What a reader may open on a private site before signing in.
OPEN_ENDPOINTS = {"staff.login", "static", "pages.language", "pages.favicon", "api.health"}


def private_site() -> Response | None:
    """With `--private`, everything but signing in needs an account: pages send the reader to
    sign in, the API answers 401 (its clients send HTTP Basic credentials)."""
    if not settings().private or request.endpoint in OPEN_ENDPOINTS:
        return None
    if request.path.startswith("/api/"):
        return api.require_staff()
    if not auth.is_staff():
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
    return None


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


# Seconds a browser may show a search or a document again without asking: the index changes
# when `izde index` runs, and a reader going back and forth should not wait.
FRESH_SECONDS = 30


def add_cache_control(response: Response) -> Response:
    """Errors, redirects (which may set a cookie) and the health check are never stored; a
    page or an API answer is kept briefly by the browser only (`private`: it depends on the
    reader's language, and on who is signed in where that applies). A response that says
    otherwise (an original file, a static file) keeps its own."""
    if "Cache-Control" in response.headers:
        return response
    if response.status_code >= 300 or request.path == "/api/health":
        response.headers["Cache-Control"] = "no-store"
    else:
        response.headers["Cache-Control"] = f"private, max-age={FRESH_SECONDS}"
    return response


def http_error(error: HTTPException) -> Response | tuple[str, int, list[tuple[str, str]]]:
    """404, 400, 405 …: JSON under /api/, else a page in the reader's language; with the
    error's own headers (a 405's Allow), not its Content-Type."""
    code = error.code or 500
    messages = {
        400: _("The request could not be handled. Reload the page and try again."),
        401: _("Sign in with a staff account to do this."),
        403: _("Your account may not do this."),
        404: _("There is no page at this address. It may have moved, or the link is mistyped."),
        405: _("This address does not accept that kind of request."),
        413: _(
            "Too much at once: at most %(limit)s MB a file, and a few files at a time.",
            limit=settings().max_file_mb,
        ),
        414: _(
            "The address is too long. A query may have at most %(limit)s characters.",
            limit=settings().max_query_chars,
        ),
    }
    message = messages.get(code, _("The request could not be handled."))
    headers = [(name, value) for name, value in error.get_headers() if name != "Content-Type"]
    if request.path.startswith("/api/"):
        response = api.error_response(code, message)
        response.headers.extend(headers)
        return response
    return render_template("error.html", code=code, message=message), code, headers


def index_missing(error: IndexMissing) -> Response | tuple[str, int]:
    """No index yet (`izde serve` builds one first; a bare create_app may not have one)."""
    message = _("The library has no index yet. Ask the administrator to run «izde index».")
    if request.path.startswith("/api/"):
        return api.error_response(503, message)
    return render_template("error.html", code=503, message=message), 503


def server_error(error: Exception) -> Response | tuple[str, int]:
    """Any other failure: logged with its traceback, shown as an apology, never as the trace."""
    current_app.logger.exception("unhandled error", exc_info=error)
    message = _("Something went wrong on our side. Please try again in a minute.")
    if request.path.startswith("/api/"):
        return api.error_response(InternalServerError.code, message)
    return render_template("error.html", code=500, message=message), 500
