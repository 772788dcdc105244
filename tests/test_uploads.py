"""Uploads by staff: kept byte for byte under the uploads folder by year, refused when they are
the wrong type, too large or already in the library, indexed in the background, moved to the
trash and back; never served as active content; `izde index` at the same time loses nothing."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search.accounts import add_account
from search.config import Settings
from search.generations import writer_lock
from search.indexer import Indexer
from search.library import Library
from search.sources import list_sources
from search.store import Store
from search.uploads import safe_name
from web import create_app
from web.uploads import WORKER

PASSWORD = "кітапхана-2021"
AUTH = {"Authorization": "Basic " + base64.b64encode(f"aigerim:{PASSWORD}".encode()).decode()}
REPORT = (
    "Ауылдық кітапханашылар семинары\n\n"
    "2023 жылғы 5 сәуірде Баянауылда ауылдық кітапханашыларға арналған семинар өтті."
).encode()
YEAR = str(dt.date.today().year)


@pytest.fixture
def upload_site(indexed: Settings, tmp_path: Path) -> Iterator[tuple[Flask, Settings]]:
    """The app with a staff account and its indexing worker, on this test's own index."""
    settings = replace(indexed, uploads_dir=tmp_path / "uploads")
    add_account(Store(settings.index_dir), "aigerim", PASSWORD, admin=False, by="test")
    app = create_app(settings, worker=True)
    yield app, settings
    app.extensions[WORKER].stop()


def english(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def post(client: FlaskClient, content: bytes, name: str, **fields: str):
    data = {"file": (io.BytesIO(content), name), **fields}
    return client.post("/api/documents", data=data, headers=AUTH)


def wait_for(client: FlaskClient, doc_id: str, wanted: str, seconds: float = 30) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = client.get(f"/api/documents/{doc_id}", headers=AUTH).get_json()
        if data and data.get("status") == wanted:
            return data
        time.sleep(0.1)
    raise AssertionError(f"{doc_id} did not become {wanted}: {data}")


def test_names_are_made_safe() -> None:
    assert safe_name("../../etc/passwd.txt") == "passwd.txt"
    assert safe_name("C:\\Users\\a\\отчёт 2021.docx") == "отчёт 2021.docx"
    assert safe_name("report\u202efdp.exe.txt") == "report_fdp.exe.txt"
    assert safe_name("a<b>:c?.md") == "a_b__c_.md"
    assert safe_name(".hidden.txt") == "hidden.txt"
    assert safe_name("CON.txt") == "upload-CON.txt"
    assert safe_name("") == "upload"
    assert len(safe_name("я" * 300 + ".pdf")) == 120


def test_an_upload_is_kept_byte_for_byte_indexed_with_its_metadata_and_searchable(
    upload_site: tuple[Flask, Settings],
) -> None:
    app, settings = upload_site
    client = english(app)
    response = post(client, REPORT, "семинар.txt", title="Баянауыл семинары", author="Д. Сейтова")
    assert response.status_code == 202, response.get_json()
    data = response.get_json()
    assert data["id"] == f"uploads/{YEAR}/семинар.txt" and data["status"] == "queued"
    assert data["status_url"] == quote(f"/api/documents/uploads/{YEAR}/семинар.txt")
    doc = wait_for(client, data["id"], "searchable")  # bench/bench_upload.py times it
    assert (settings.uploads_dir / YEAR / "семинар.txt").read_bytes() == REPORT
    assert doc["title"] == "Баянауыл семинары" and doc["author"] == "Д. Сейтова"
    hits = Library(settings).search("кітапханашылар семинар", expand=False).hits
    assert data["id"] in [hit.id for hit in hits]
    # The same content again says where it is; the same name with other content is numbered.
    duplicate = post(client, REPORT, "копия.txt")
    assert duplicate.status_code == 409 and duplicate.get_json()["where"] == data["id"]
    other = post(client, REPORT + b" 2", "семинар.txt")
    assert other.get_json()["id"] == f"uploads/{YEAR}/семинар-2.txt"
    wait_for(client, other.get_json()["id"], "searchable")
    sources = {source.name: source.documents for source in list_sources(settings.index_dir)}
    assert sources == {"reports": 4, "uploads": 2}


def test_bad_uploads_are_refused_with_clear_json(upload_site: tuple[Flask, Settings]) -> None:
    app, settings = upload_site
    client = english(app)
    assert (
        client.post("/api/documents", data={"file": (io.BytesIO(REPORT), "a.txt")}).status_code
        == 401
    )
    for content, name, status, reason in [
        (REPORT, "picture.svg", 415, "type"),
        (b"", "empty.txt", 400, "empty"),
        (REPORT, "dated.txt", 400, "invalid"),
    ]:
        fields = {"date": "05.04.2023"} if name == "dated.txt" else {}
        response = post(client, content, name, **fields)
        assert response.status_code == status and response.get_json()["reason"] == reason
    response = client.post("/api/documents", data={}, headers=AUTH)
    assert response.status_code == 400 and response.get_json()["reason"] == "file"
    small = english(create_app(replace(settings, max_file_mb=1)))
    response = post(small, b"x" * (2 * 2**20), "big.txt")
    assert response.status_code == 413
    assert not list((settings.uploads_dir).rglob("*.txt"))  # nothing was kept
    assert not list((settings.uploads_dir / ".incoming").iterdir())


def test_an_uploaded_html_file_is_downloaded_never_shown(
    upload_site: tuple[Flask, Settings],
) -> None:
    app, _ = upload_site
    client = english(app)
    page = b"<html><body><h1>Library week</h1><script>alert(1)</script><p>Readers met.</p>"
    doc_id = post(client, page, "week.html").get_json()["id"]
    wait_for(client, doc_id, "searchable")
    response = client.get(f"/documents/{doc_id}/file")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_delete_moves_an_upload_to_the_trash_and_the_page_restores_it(
    upload_site: tuple[Flask, Settings],
) -> None:
    app, settings = upload_site
    client = english(app)
    doc_id = post(client, REPORT, "семинар.txt").get_json()["id"]
    wait_for(client, doc_id, "searchable")
    assert (
        client.delete(f"/api/documents/{doc_id}", headers=AUTH).get_json()["status"] == "trashing"
    )
    wait_for(client, doc_id, "trash")
    assert not (settings.uploads_dir / YEAR / "семинар.txt").exists()
    assert (settings.uploads_dir / ".trash" / YEAR / "семинар.txt").read_bytes() == REPORT
    assert Library(settings).search("Баянауыл", expand=False).total == 0
    number = Store(settings.index_dir).upload_of(doc_id)["n"]
    # Restored from the staff page (with its CSRF token): back where it was, searchable.
    form = {"name": "aigerim", "password": PASSWORD}
    html = client.get("/staff/login").get_data(as_text=True)
    form["csrf_token"] = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    client.post("/staff/login", data=form)
    html = client.get("/staff/upload").get_data(as_text=True)
    assert "In the trash" in html
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    client.post(f"/staff/uploads/{number}/restore", data={"csrf_token": token})
    wait_for(client, doc_id, "searchable")
    assert (settings.uploads_dir / YEAR / "семинар.txt").read_bytes() == REPORT
    assert Library(settings).search("Баянауыл", expand=False).total == 1


@pytest.mark.slow  # waits out a held lock
def test_an_upload_waits_while_izde_index_runs_and_nothing_is_lost(
    upload_site: tuple[Flask, Settings], tmp_path: Path
) -> None:
    app, settings = upload_site
    client = english(app)
    with writer_lock(settings.index_dir, timeout=1):  # `izde index` from the shell holds it
        doc_id = post(client, REPORT, "семинар.txt").get_json()["id"]
        time.sleep(2.5)
        assert client.get(f"/api/documents/{doc_id}", headers=AUTH).get_json()["status"] == "queued"
    wait_for(client, doc_id, "searchable")
    # A real run from the shell while uploads arrive: every report of both ends up indexed.
    folder = tmp_path / "branch"
    folder.mkdir()
    for n in range(20):
        (folder / f"report-{n}.txt").write_text(f"Report {n}\n\nBranch library report {n}.")
    shell = threading.Thread(
        target=lambda: Indexer(replace(settings, lock_timeout=60)).run([folder])
    )
    shell.start()
    ids = [post(client, REPORT + f" {n}".encode(), f"r{n}.txt").get_json()["id"] for n in range(3)]
    shell.join()
    for doc_id in ids:
        wait_for(client, doc_id, "searchable")
    assert Library(settings).search("branch", expand=False, limit=50).total == 20
    assert Library(settings).search("Баянауыл", expand=False, limit=50).total == 4


def test_the_upload_page_takes_several_files_each_with_its_metadata_without_javascript(
    upload_site: tuple[Flask, Settings],
) -> None:
    app, _ = upload_site
    client = english(app)
    assert client.get("/staff/upload").status_code == 302  # staff only
    html = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    client.post("/staff/login", data={"name": "aigerim", "password": PASSWORD, "csrf_token": token})
    html = client.get("/staff/upload").get_data(as_text=True)
    assert 'type="file"' in html and 'name="title-2"' in html
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    form = {
        "csrf_token": token,
        "file-0": (io.BytesIO(REPORT), "first.txt"),
        "date-0": "2023-04-05",
        "file-1": (io.BytesIO(b"Mentors\n\nMentors met in Pavlodar."), "second.txt"),
        "title-1": "Pavlodar mentors",
        "event-1": "meeting",
        "file-2": (io.BytesIO(b"<svg/>"), "drawing.svg"),
    }
    response = client.post("/staff/upload", data=form, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert f"{YEAR}/first.txt is kept" in html and f"{YEAR}/second.txt is kept" in html
    assert "Not kept: drawing.svg: Izde reads PDF, DOCX, HTML, Markdown and text" in html
    first = wait_for(client, f"uploads/{YEAR}/first.txt", "searchable")
    second = wait_for(client, f"uploads/{YEAR}/second.txt", "searchable")
    assert first["date"] == "2023-04-05" and first["title"] == "Ауылдық кітапханашылар семинары"
    assert second["title"] == "Pavlodar mentors" and second["event"] == ["meeting"]
    html = client.get("/staff/upload").get_data(as_text=True)
    assert html.count("Searchable") == 2
    assert (
        client.post("/staff/upload", data={"file-0": (io.BytesIO(REPORT), "x.txt")}).status_code
        == 400
    )
