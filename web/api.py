"""The JSON API: the same search as the pages, one document, and a health check; for staff
(HTTP Basic), uploading, correcting and withdrawing documents.

Errors are JSON too: `{"status": 400, "reason": "too_long", "message": "…"}` with a 4xx status
(5xx only when the server fails); the message is in the reader's language, like the pages.
"""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from search import corrections, curation, uploads
from search.errors import QueryError
from search.indexer import index_stats
from search.store import Store
from search.uploads import UploadRefused
from web import auth, exporting, labels
from web import uploads as uploads_page
from web.searching import SearchRequest, library, settings
from web.staff import explain_correction, explain_upload

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.get("/search")
def search() -> Response:
    """`?q=&lang=&year=&type=&format=&sort=&page=&limit=&expand=&exact=`: the shape of `izde
    search --json`; `expand=0` leaves out the words' translations, `exact=1` searches the query
    as typed where no report has all its words (else `respelled_from` may say it was respelled).
    """
    query = SearchRequest.from_args(request.args)
    return jsonify(query.run(library()).to_json())


@blueprint.get("/search.csv")
def search_csv() -> Response:
    """The search's list (every page, up to 1,000 reports) as CSV for a spreadsheet: the same
    parameters as /api/search (search.export)."""
    return exporting.export("csv")


@blueprint.get("/search.ris")
def search_ris() -> Response:
    """The search's list as RIS records for Zotero or EndNote."""
    return exporting.export("ris")


@blueprint.get("/documents/<path:doc_id>")
def document(doc_id: str) -> Response:
    """Metadata and text of one document, the words of `q` marked (`expand=0`: not their
    translations)."""
    staff = request.authorization is not None and require_staff() is None
    # The upload's status first: once it says searchable, the index has the document.
    upload = store().upload_of(doc_id) if staff else None
    doc = library().document(doc_id, request.args.get("q"), request.args.get("expand") != "0")
    if upload and (doc is None or upload["status"] != "searchable"):
        # Staff follow an upload: queued, indexing, failed (with the reason), in the trash.
        return jsonify(id=doc_id, status=upload["status"], reason=upload["reason"] or None)
    if doc is None or (doc.hidden and not staff):
        abort(404)
    return jsonify(doc.to_json(staff=staff) | {"status": "hidden" if doc.hidden else "searchable"})


@blueprint.post("/documents")
def upload() -> Response:
    """Upload a report: multipart `file` and optional title, date, event, lang, author.
    202 with the document's id and the URL of its status; 409 when the library already has
    the content (`where` says as which document)."""
    refused = require_staff()
    if refused:
        return refused
    file = request.files.get("file")
    if file is None or not file.filename:
        return error_response(400, _("Send the report as the multipart field «file»."), "file")
    metadata = {name: request.form.get(name, "") for name in corrections.FIELDS}
    try:
        done = uploads_page.save(file, metadata)
    except UploadRefused as error:
        status = {"type": 415, "size": 413, "duplicate": 409}.get(error.reason, 400)
        extra = {"where": error.where} if error.where else {}
        return error_response(status, explain_upload(error), error.reason, **extra)
    status_url = url_for(".document", doc_id=done.doc_id)
    response = jsonify(id=done.doc_id, status="queued", status_url=status_url)
    response.status_code = 202
    response.headers["Location"] = status_url
    return response


@blueprint.patch("/documents/<path:doc_id>")
def correct(doc_id: str) -> Response:
    """Correct a document: a JSON object of title, date (YYYY-MM-DD), event, lang, author.
    202: recorded, searchable within seconds; `changes` lists field -> [old, new]."""
    refused = require_staff()
    if refused:
        return refused
    values = request.get_json(silent=True)
    if not isinstance(values, dict) or not values:
        return error_response(400, _("Send a JSON object of the fields to correct."), "json")
    try:
        changes = curation.correct(library(), doc_id, values, auth.current_name())
    except curation.NotFound:
        abort(404)
    except corrections.CorrectionError as error:
        return error_response(400, explain_correction(error), "invalid", field=error.field or None)
    if changes:
        uploads_page.wake_worker()
    response = jsonify(id=doc_id, changes=changes, status="queued" if changes else "unchanged")
    response.status_code = 202
    return response


@blueprint.delete("/documents/<path:doc_id>")
def withdraw(doc_id: str) -> Response:
    """Withdraw a document: an uploaded file goes to the trash folder (restorable on the
    upload page); a document of an indexed folder is hidden from search, its file untouched."""
    refused = require_staff()
    if refused:
        return refused
    user = auth.current_name()
    upload = store().upload_of(doc_id)
    if upload and upload["status"] not in ("trash", "trashing"):
        uploads.trash(settings(), upload["n"], user)
        uploads_page.wake_worker()
        status = "trashing"
    else:
        try:
            curation.set_hidden(library(), doc_id, True, user)
        except curation.NotFound:
            abort(404)
        uploads_page.wake_worker()
        status = "hidden"
    response = jsonify(id=doc_id, status=status)
    response.status_code = 202
    return response


def store() -> Store:
    return Store(settings().index_dir)


def require_staff(admin: bool = False) -> Response | None:
    """None when the request's HTTP Basic credentials are a staff account's (an admin's if
    `admin`); else the JSON error to answer: 401 with a challenge, 403, or 429."""
    user = auth.api_user(store())
    if user is False:
        message = _("Too many failed sign-ins. Wait a few minutes, then try again.")
        return error_response(429, message, "rate_limited")
    if user is None:
        response = error_response(401, _("Sign in with a staff account to do this."), "login")
        response.headers["WWW-Authenticate"] = 'Basic realm="Izde", charset="UTF-8"'
        return response
    if admin and not (isinstance(user, auth.Staff) and user.admin):
        return error_response(403, _("Your account may not do this."), "forbidden")
    return None


@blueprint.get("/health")
def health() -> Response:
    """For monitoring: the generation being served and how many documents it holds."""
    stats = index_stats(settings().index_dir)
    return jsonify(status="ok", generation=stats["generation"], documents=stats["documents"])


@blueprint.errorhandler(QueryError)
def query_error(error: QueryError) -> Response:
    """400 for a query to change; 429 (busy) for one to send again a moment later."""
    message = labels.explain(error)
    response = error_response(error.status, message, error.reason)
    if error.status == 429:
        response.headers["Retry-After"] = "2"
    return response


def error_response(status: int, message: str, reason: str = "", **extra: object) -> Response:
    response = jsonify(status=status, reason=reason or None, message=message, **extra)
    response.status_code = status
    return response
