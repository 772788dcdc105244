"""Staff pages: sign in and out, the staff page, and correcting, withdrawing and restoring a
document from its page. Every form carries a CSRF token (Flask-WTF); nothing is destroyed."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from search import corrections, curation, uploads
from search.results import DocumentView
from search.store import Store
from web import auth, labels, pages
from web.searching import library, settings

blueprint = Blueprint("staff", __name__)
# Where create_app keeps the server's indexing worker (search.uploads.IndexingWorker).
WORKER = "izde_worker"


def wake_worker() -> None:
    """Tell the indexing worker there is work now, rather than at its next look (the server
    runs one; an app made without it leaves the work to the next `izde index`)."""
    worker = current_app.extensions.get(WORKER)
    if worker:
        worker.wake.set()


class LoginForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class CorrectionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Length(max=corrections.MAX_TITLE)])
    date = StringField(_l("Date (YYYY-MM-DD)"), validators=[Length(max=10)])
    event = SelectField(_l("Event type"))
    lang = SelectField(_l("Language"))
    author = StringField(_l("Author"), validators=[Length(max=corrections.MAX_AUTHOR)])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.event.choices = [(code, name) for code, name in labels.EVENT_TYPES.items()]
        self.lang.choices = [(code, name) for code, name in labels.LANGUAGES.items()]


def explain_correction(error: corrections.CorrectionError) -> str:
    """What is wrong with a corrected value, in the reader's language."""
    messages = {
        "title": _("The title needs 1 to %(limit)s characters.", limit=corrections.MAX_TITLE),
        "date": _("Write the date as YYYY-MM-DD, such as 2021-11-24."),
        "lang": _("The language is Kazakh, Russian or English (kk, ru, en)."),
        "event": _("Choose the event type from the list."),
        "author": _(
            "The author may have at most %(limit)s characters.", limit=corrections.MAX_AUTHOR
        ),
    }
    return messages.get(
        error.field, _("Only the title, date, event type, language and author can be corrected.")
    )


def explain_upload(error: uploads.UploadRefused) -> str:
    """Why an upload was not kept, in the reader's language."""
    if error.error is not None:
        return f"{error.name}: {explain_correction(error.error)}"
    messages = {
        "type": _(
            "%(name)s: Izde reads PDF, DOCX, HTML, Markdown and text files only.", name=error.name
        ),
        "size": _(
            "%(name)s is larger than %(limit)s MB.", name=error.name, limit=settings().max_file_mb
        ),
        "empty": _("%(name)s is empty.", name=error.name),
        "duplicate": _(
            "%(name)s is already in the library, as %(where)s.", name=error.name, where=error.where
        ),
    }
    return messages.get(error.reason, _("%(name)s: not a usable file name.", name=error.name))


def store() -> Store:
    return Store(settings().index_dir)


def user_name() -> str:
    return current_user.name


@blueprint.route("/staff/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    """Sign in; back to the page that asked for it."""
    form = LoginForm()
    target = request.args.get("next", "")
    if form.validate_on_submit():
        staff = auth.sign_in(store(), form.name.data or "", form.password.data or "")
        if staff is False:
            message = _("Too many failed sign-ins. Wait a few minutes, then try again.")
            return render_template("login.html", form=form, error=message), 429
        if staff is None:
            error = _("The name or the password is wrong.")
            return render_template("login.html", form=form, error=error), 401
        login_user(staff)
        return redirect(target if pages.is_local(target) else url_for(".staff_page"))
    return render_template("login.html", form=form)


@blueprint.post("/staff/logout")
def logout() -> Response:
    if ActionForm().validate_on_submit():
        logout_user()
    return redirect(url_for("pages.search"))


@blueprint.get("/staff")
@auth.staff_required
def staff_page() -> str:
    """What needs staff's attention: problems, withdrawn documents, the latest changes."""
    return render_template(
        "staff.html",
        problems=list(store().problems().values()),
        withdrawn=store().withdrawn(),
        changes=store().changes(limit=50),
        action=ActionForm(),
    )


@blueprint.post("/documents/<path:doc_id>/correct")
@auth.staff_required
def correct(doc_id: str) -> Response | tuple[str, int]:
    form = CorrectionForm()
    if not form.validate_on_submit():
        abort(400)
    values = {name: getattr(form, name).data or "" for name in corrections.FIELDS}
    try:
        changes = curation.correct(library(), doc_id, values, user_name())
    except curation.NotFound:
        abort(404)
    except corrections.CorrectionError as error:
        flash(_("Not saved: %(reason)s", reason=explain_correction(error)), "error")
        return redirect(url_for("pages.document", doc_id=doc_id))
    if changes:
        wake_worker()
        flash(_("Saved. The search shows the correction within a few seconds."), "ok")
    else:
        flash(_("Nothing was changed."), "ok")
    return redirect(url_for("pages.document", doc_id=doc_id))


@blueprint.post("/documents/<path:doc_id>/hide")
@auth.staff_required
def hide(doc_id: str) -> Response:
    return _set_hidden(doc_id, True)


@blueprint.post("/documents/<path:doc_id>/restore")
@auth.staff_required
def restore(doc_id: str) -> Response:
    return _set_hidden(doc_id, False)


def _set_hidden(doc_id: str, hidden: bool) -> Response:
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        curation.set_hidden(library(), doc_id, hidden, user_name())
    except curation.NotFound:
        abort(404)
    wake_worker()
    if hidden:
        flash(_("Withdrawn from search. The file is kept; «Restore» brings it back."), "ok")
    else:
        flash(_("Restored: the document is searchable again within a few seconds."), "ok")
    return redirect(url_for("pages.document", doc_id=doc_id))


def staff_view(doc_id: str, doc: DocumentView) -> dict[str, object]:
    """What the document page shows staff beside the document: the correction form filled
    with its values (corrections saved but not yet indexed included), whether it is withdrawn,
    its change log, and its place on the server."""
    saved = store().corrections_of(doc.root, doc.path)
    values = {
        "title": doc.title,
        "date": doc.date or "",
        "event": (doc.event or ["other"])[0],
        "lang": doc.lang,
        "author": doc.author,
    }
    values |= {name: value for name, value in saved.items() if name in corrections.FIELDS}
    return {
        "correction_form": CorrectionForm(formdata=None, data=values),
        "action": ActionForm(),
        "withdrawn": corrections.HIDDEN in saved,
        "history": store().history(doc.root, doc.path),
    }
