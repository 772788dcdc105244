"""The staff's upload page: files dropped or chosen, each with optional metadata, kept and
queued for the indexing worker; their status; the trash and restoring from it."""

from __future__ import annotations

from collections.abc import Mapping

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from search import corrections, uploads
from search.store import Store
from web import auth
from web.searching import settings
from web.staff import WORKER, ActionForm, explain_upload, wake_worker

blueprint = Blueprint("uploads", __name__)

# File rows on the page without JavaScript; with it, dropping files adds rows.
ROWS = 3
# Rows read from one form: more than anyone drops at once, few enough to bound a request.
MAX_ROWS = 50
WAITING = ("queued", "indexing", "trashing")
__all__ = ["WORKER", "blueprint", "wake_worker"]


def save(file: FileStorage, metadata: Mapping[str, object]) -> uploads.Upload:
    """Keep one uploaded file for the signed-in account (or the API's) and wake the worker."""
    user = auth.current_name()
    upload = uploads.save(settings(), file.stream, file.filename or "", metadata, user)
    wake_worker()
    return upload


@blueprint.get("/staff/upload")
@auth.staff_required
def page() -> str:
    rows = Store(settings().index_dir).uploads(limit=50)
    return render_template(
        "upload.html",
        rows=range(ROWS),
        uploads=rows,
        waiting=any(row["status"] in WAITING for row in rows),
        fields=corrections.FIELDS,
        action=ActionForm(),
    )


@blueprint.post("/staff/upload")
@auth.staff_required
def upload() -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    received = 0
    for row in range(MAX_ROWS):
        for file in request.files.getlist(f"file-{row}"):
            if not file.filename:
                continue
            received += 1
            metadata = {name: request.form.get(f"{name}-{row}", "") for name in corrections.FIELDS}
            try:
                done = save(file, metadata)
            except uploads.UploadRefused as error:
                flash(_("Not kept: %(reason)s", reason=explain_upload(error)), "error")
            else:
                flash(_("%(name)s is kept and queued for indexing.", name=done.path), "ok")
    if not received:
        flash(_("Choose or drop one or more files first."), "error")
    return redirect(url_for(".page"))


@blueprint.post("/staff/uploads/<int:number>/trash")
@auth.staff_required
def trash(number: int) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        uploads.trash(settings(), number, auth.current_name())
    except LookupError:
        abort(404)
    wake_worker()
    flash(_("Moved to the trash. «Restore» brings it back."), "ok")
    return redirect(url_for(".page"))


@blueprint.post("/staff/uploads/<int:number>/restore")
@auth.staff_required
def restore(number: int) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        uploads.restore(settings(), number, auth.current_name())
    except LookupError:
        abort(404)
    wake_worker()
    flash(_("Restored from the trash and queued for indexing."), "ok")
    return redirect(url_for(".page"))


@blueprint.app_context_processor
def upload_context() -> dict[str, object]:
    return {
        "upload_statuses": {
            "queued": _("Queued"),
            "indexing": _("Indexing"),
            "searchable": _("Searchable"),
            "failed": _("Failed"),
            "trashing": _("Moving to the trash"),
            "trash": _("In the trash"),
        }
    }
