"""The JSON API: the same search as the pages, one document, and a health check.

Errors are JSON too: `{"status": 400, "reason": "too_long", "message": "…"}` with a 4xx status
(5xx only when the server fails); the message is in the reader's language, like the pages.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, jsonify, request

from search.index import index_stats
from search.query import QueryError
from web import labels
from web.searching import SearchRequest, library, settings

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.get("/search")
def search() -> Response:
    """`?q=&lang=&year=&type=&format=&sort=&page=&limit=&expand=`: the shape of `izde search
    --json`; `expand=0` leaves out the words' translations."""
    query = SearchRequest.from_args(request.args)
    return jsonify(query.run(library()).to_json())


@blueprint.get("/documents/<path:doc_id>")
def document(doc_id: str) -> Response:
    """Metadata and text of one document, the words of `q` marked (`expand=0`: not their
    translations)."""
    doc = library().document(doc_id, request.args.get("q"), request.args.get("expand") != "0")
    if doc is None:
        abort(404)
    return jsonify(doc.to_json())


@blueprint.get("/health")
def health() -> Response:
    """For monitoring: the generation being served and how many documents it holds."""
    stats = index_stats(settings().index_dir)
    return jsonify(status="ok", generation=stats["generation"], documents=stats["documents"])


@blueprint.errorhandler(QueryError)
def query_error(error: QueryError) -> Response:
    """400 for a query to change; 429 (busy) for one to send again a moment later."""
    message = labels.explain(error, settings(), request.args.get("q", ""))
    response = error_response(error.status, message, error.reason)
    if error.status == 429:
        response.headers["Retry-After"] = "2"
    return response


def error_response(status: int, message: str, reason: str = "") -> Response:
    response = jsonify(status=status, reason=reason or None, message=message)
    response.status_code = status
    return response
