"""The HTML pages: search with facets, one document, its original file, the language switch."""

from __future__ import annotations

import datetime as dt
import math
import mimetypes
import os
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from search.errors import QueryError
from search.indexer import index_stats
from search.library import EXPORT_LIMIT, cleaned
from web import auth, exporting, labels, staff
from web.searching import SearchRequest, library, settings, url_fits

blueprint = Blueprint("pages", __name__)

# The interface language the reader chose with the switch; it outlives the session.
LANGUAGE_COOKIE = "izde_lang"
ONE_YEAR = 365 * 24 * 3600
# Only a PDF opens in the browser (at the page asked for); any other original is downloaded,
# so an HTML report can never run in Izde's origin.
INLINE_FORMATS = {"pdf"}
# Unicode categories shown as escapes in names (see shown): control, format (bidi overrides,
# zero-width characters), lone surrogates, line and paragraph separators.
INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}


@blueprint.get("/")
def search() -> str | Response | tuple[str, int, dict[str, str]]:
    """The home page with the query box, or the results of the query in the URL."""
    expand = request.args.getlist("expand")
    if len(expand) > 1:
        # The form's hidden 0 and ticked box's 1: the address says it once (the last counts).
        args: dict[str, Any] = request.args.to_dict(flat=False)
        args["expand"] = ["0"] if expand[-1] == "0" else []
        return redirect(url_for(".search", **args))
    try:
        query = SearchRequest.from_args(request.args)
        if not query.q.strip():
            documents = index_stats(settings().index_dir)["documents"]
            return render_template("search.html", query=query, documents=documents)
        result = query.run(library())
        typed = None
        if result.respelled_from is not None:
            # These are the respelling's reports: its links, and a way back to the query typed.
            typed, query = query, replace(query, q=result.query, page=1)
    except QueryError as error:
        return refused(error)
    last = math.ceil(result.total / result.limit)
    return render_template(
        "search.html",
        query=query,
        result=result,
        typed=typed,
        pages=page_links(result.page, last),
        last=last,
    )


def refused(error: QueryError) -> tuple[str, int, dict[str, str]]:
    """The search page saying why its query cannot be run."""
    query = SearchRequest(q=cleaned(request.args.get("q", "")))
    message = labels.explain(error)
    headers = {"Retry-After": "2"} if error.status == 429 else {}
    return render_template("search.html", query=query, error=message), error.status, headers


@blueprint.get("/search.<any(csv, ris):fmt>")
def export(fmt: str) -> Response | tuple[str, int, dict[str, str]]:
    """The results page's list to take away (web.exporting), for readers of the pages: on a
    private site, signed-in staff (the API takes no session)."""
    try:
        return exporting.export(fmt)
    except QueryError as error:
        return refused(error)


@blueprint.get("/documents/<path:doc_id>")
def document(doc_id: str) -> str:
    """A document's metadata and whole text, with the words of `q` marked."""
    query = request.args.get("q", "")
    expand = request.args.get("expand") != "0"
    doc = library().document(doc_id, query, expand)
    if doc is None or (doc.hidden and not auth.is_staff()):
        abort(404)
    extra = staff.staff_view(doc_id, doc) if auth.is_staff() else {}
    return render_template("document.html", doc=doc, query=query, expand=expand, **extra)


@blueprint.get("/documents/<path:doc_id>/file")
def original(doc_id: str) -> Response:
    """The original file, found by document id in the index: never by a path from the request.

    The index keeps the file's real path (every link resolved when it was indexed); a path
    that resolves elsewhere now has a link in it (a folder replaced by a link out of the
    reports), and is not followed.
    """
    fields = library().stored(doc_id)
    if fields is None or (fields.get("hidden") == "1" and not auth.is_staff()):
        abort(404)
    source = Path(fields["source"])
    if os.path.realpath(source) != str(source) or not source.is_file():
        abort(404)
    inline = fields["format"] in INLINE_FORMATS
    mimetype = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    status = source.stat()
    response = send_file(
        source,
        mimetype=mimetype,
        as_attachment=not inline,
        download_name=download_name(source),
        # Werkzeug's own ETag hashes the path, which fails for a name that is not UTF-8.
        etag=f"{status.st_mtime_ns}-{status.st_size}",
    )
    if inline:
        # Chrome's PDF viewer draws its page with inline styles; the strict policy blanks it.
        response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"
    else:
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; sandbox; frame-ancestors 'none'"
        )
    return response


def download_name(source: Path) -> str:
    """The original's name for Content-Disposition, which Werkzeug encodes (RFC 6266, 5987).

    Control characters (a newline is not allowed in a header), bytes that were not UTF-8 (kept
    as surrogates, which cannot be encoded) and invisible format characters become "_": a
    right-to-left override before "fdp.exe" in "report.fdp.exe" would show it as "report.exe.pdf".
    """
    return "".join("_" if unicodedata.category(char) in INVISIBLE else char for char in source.name)


@blueprint.get("/language/<code>")
def language(code: str) -> Response:
    """Remember the chosen interface language and go back to the page the reader was on."""
    if code not in labels.INTERFACE_LANGUAGES:
        abort(404)
    target = request.args.get("next", "")
    response = redirect(target if is_local(target) else url_for(".search"))
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=ONE_YEAR,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure,
    )
    return response


@blueprint.get("/favicon.ico")
def favicon() -> Response:
    """Pages name their icon, but a PDF shown by the browser asks for /favicon.ico."""
    return current_app.send_static_file("favicon.svg")


@blueprint.get("/opensearch.xml")
def opensearch() -> Response:
    """Lets a browser add Izde as a search engine."""
    xml = render_template("opensearch.xml")
    return Response(xml, mimetype="application/opensearchdescription+xml")


def is_local(target: str) -> bool:
    """True for a path on this site: the language switch never redirects elsewhere."""
    parts = urlsplit(target)
    return (
        target.isprintable()  # no line break to split the Location header
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not parts.scheme
        and not parts.netloc
    )


def page_links(current: int, last: int, around: int = 2) -> list[int | None]:
    """Page numbers to offer: first, last and a few around the current one; None is a gap."""
    nearby = range(max(1, current - around), min(last, current + around) + 1)
    links: list[int | None] = []
    previous = 0
    for number in sorted({1, last, *nearby} - {0}):
        if number - previous > 1:
            links.append(None)
        links.append(number)
        previous = number
    return links


@blueprint.app_context_processor
def page_context() -> dict[str, object]:
    return {
        "interface_language": str(get_locale()),
        "interface_languages": labels.INTERFACE_LANGUAGES,
        "language_names": labels.LANGUAGES,
        "event_names": labels.EVENT_TYPES,
        "facet_names": labels.FACETS,
        "facet_value": labels.facet_value,
        "max_query_chars": settings().max_query_chars,
        "export_limit": EXPORT_LIMIT,
        "language_codes": labels.INTERFACE_CODES,
        # Where the language switch returns: this page, unless its URL was refused as too long.
        "return_to": request.full_path.rstrip("?") if url_fits() else None,
    }


@blueprint.app_template_filter("shown")
def shown(name: str) -> str:
    """A title, author or file name as the page shows it: control and invisible format
    characters written out as \\uXXXX: a right-to-left override before "fdp.exe" would show
    "report.fdp.exe" as "report.exe.pdf", and a NUL or line break has no place in a name."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in INVISIBLE else char for char in name
    )


@blueprint.app_template_filter("long_date")
def long_date(iso: str) -> str:
    """2021-11-24 as the reader's language writes it (24 ноября 2021 г., 2021 ж. 24 қараша)."""
    try:
        return format_date(dt.date.fromisoformat(iso), "long")
    except ValueError:
        return iso


@blueprint.app_template_filter("format_number")
def format_number(number: int) -> str:
    """1000 as the reader's language writes it (1,000; 1 000)."""
    return format_decimal(number)


@blueprint.app_template_filter("file_size")
def file_size(size: int) -> str:
    if size < 1024 * 1024:
        return _("%(size)s KB", size=format_decimal(max(size / 1024, 0.1), "#,##0.#"))
    return _("%(size)s MB", size=format_decimal(size / 1024 / 1024, "#,##0.#"))
