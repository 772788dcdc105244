"""A search's list as a file to take away (search.export): the API's `/api/search.csv` and
`.ris`, and the results page's own links (`/search.csv`, `/search.ris`), which a private site
serves to signed-in staff as it serves the page.

An export is one search, with the same parameters and refusals as `/api/search`, for a list of
up to EXPORT_LIMIT reports from its first hit (`page` and `limit` are not used): the results
page's list, every page of it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Response, request, url_for
from flask_babel import gettext as _

from search.export import FORMATS, Names, to_csv, to_ris
from search.results import Hit
from web import labels
from web.searching import SearchRequest, library

# Characters of the query kept in the file's name.
_NAME_CHARS = 40
_NOT_WORD = re.compile(r"\W+")


def export(fmt: str) -> Response:
    """The current request's search as a CSV or RIS download; a QueryError for bad input
    propagates to the caller's handler, as for a search."""
    query = SearchRequest.from_args(request.args)
    result = query.run(library(), export=True)
    names = Names(
        columns={
            "title": _("Title"),
            "date": _("Date"),
            "language": _("Language"),
            "event": _("Event type"),
            "author": _("Author"),
            "file": _("File"),
            "link": _("Link"),
        },
        languages={code: str(name) for code, name in labels.LANGUAGES.items()},
        events={code: str(name) for code, name in labels.EVENT_TYPES.items()},
    )
    if fmt == "csv":
        data = to_csv(result.hits, document_link, names)
    else:
        data = to_ris(result.hits, document_link, names)
    mimetype, extension = FORMATS[fmt]
    response = Response(data, content_type=mimetype)
    words = _NOT_WORD.sub("-", result.query).strip("-")[:_NAME_CHARS].strip("-") or "search"
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"izde-search.{extension}\"; filename*=UTF-8''"
        f"{quote(f'izde-{words}.{extension}', safe='')}"
    )
    return response


def document_link(hit: Hit) -> str:
    """The full address of a hit's page on this site (the public URL's, behind a proxy)."""
    return url_for("pages.document", doc_id=hit.id, _external=True)
