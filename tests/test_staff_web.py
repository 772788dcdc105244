"""Staff on the website: signing in (rate-limited, cookies HttpOnly and SameSite), CSRF tokens
on every form, correcting, withdrawing and restoring a document, the API's HTTP Basic and its
401/403, and `--private`."""

from __future__ import annotations

import base64
import re
from dataclasses import replace

import pytest
from flask.testing import FlaskClient

from search.accounts import add_account
from search.config import Settings
from search.indexer import Indexer
from search.store import Store
from web import create_app

DOC = "reports/en/exhibition.txt"
PASSWORD = "кітапхана-2021"


@pytest.fixture
def staffed(indexed: Settings) -> Settings:
    add_account(Store(indexed.index_dir), "aigerim", PASSWORD, admin=False, by="test")
    return indexed


def english(settings: Settings) -> FlaskClient:
    """A client of the app whose reader prefers English."""
    client = create_app(settings).test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def staff_client(staffed: Settings) -> FlaskClient:
    """An English-speaking client of the app whose index has a staff account, not signed in."""
    return english(staffed)


def csrf(client: FlaskClient, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert found, html
    return found.group(1)


def sign_in(client: FlaskClient, password: str = PASSWORD, name: str = "aigerim"):
    data = {"name": name, "password": password, "csrf_token": csrf(client, "/staff/login")}
    return client.post("/staff/login", data=data)


def basic(name: str = "aigerim", password: str = PASSWORD) -> dict[str, str]:
    encoded = base64.b64encode(f"{name}:{password}".encode()).decode()
    return {"Authorization": f"Basic {encoded}"}


def test_sign_in_sets_a_safe_cookie_and_shows_the_staff_page(staff_client: FlaskClient) -> None:
    assert staff_client.get("/staff").status_code == 302  # sent to sign in
    response = sign_in(staff_client)
    assert response.status_code == 302 and response.location.endswith("/staff")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    html = staff_client.get("/staff").get_data(as_text=True)
    assert "Withdrawn from search" in html and "aigerim" in html


def test_a_form_without_its_csrf_token_is_refused(staff_client: FlaskClient) -> None:
    response = staff_client.post("/staff/login", data={"name": "aigerim", "password": PASSWORD})
    assert response.status_code == 400
    sign_in(staff_client)
    response = staff_client.post(f"/documents/{DOC}/hide", data={})
    assert response.status_code == 400
    assert staff_client.get(f"/documents/{DOC}").status_code == 200  # not withdrawn


def test_failed_sign_ins_are_limited(staffed: Settings) -> None:
    client = english(replace(staffed, login_attempts=3))
    for _ in range(3):
        assert sign_in(client, "wrong password").status_code == 401
    response = sign_in(client)  # the right password, but too many failures
    assert response.status_code == 429 and "Too many failed sign-ins" in response.get_data(
        as_text=True
    )
    assert client.get("/api/search?q=library", headers=basic()).status_code == 200  # open
    assert client.patch(f"/api/documents/{DOC}", json={}, headers=basic()).status_code == 429


def test_staff_correct_withdraw_and_restore_from_the_document_page(
    staff_client: FlaskClient, staffed: Settings
) -> None:
    sign_in(staff_client)
    page = staff_client.get(f"/documents/{DOC}").get_data(as_text=True)
    assert "Save corrections" in page and "Withdraw from search" in page
    token = csrf(staff_client, f"/documents/{DOC}")
    form = {
        "csrf_token": token,
        "title": "Book exhibition",
        "date": "2019-05-07",
        "event": "exhibition",
        "lang": "en",
        "author": "",
    }
    response = staff_client.post(f"/documents/{DOC}/correct", data=form, follow_redirects=True)
    assert "Saved" in response.get_data(as_text=True)
    Indexer(staffed).refresh()
    page = staff_client.get(f"/documents/{DOC}").get_data(as_text=True)
    assert 'datetime="2019-05-07"' in page and "found in the file: 2020-03-03" in page
    assert "aigerim: date «2020-03-03» → «2019-05-07»" in page
    bad = dict(form, date="07.05.2019")
    response = staff_client.post(f"/documents/{DOC}/correct", data=bad, follow_redirects=True)
    assert "Not saved: Write the date as YYYY-MM-DD" in response.get_data(as_text=True)

    staff_client.post(f"/documents/{DOC}/hide", data={"csrf_token": token})
    Indexer(staffed).refresh()
    reader = english(staffed)
    assert reader.get(f"/documents/{DOC}").status_code == 404
    assert reader.get(f"/documents/{DOC}/file").status_code == 404
    assert reader.get(f"/api/documents/{DOC}").status_code == 404
    assert "exhibition.txt" not in reader.get("/?q=exhibition").get_data(as_text=True)
    page = staff_client.get(f"/documents/{DOC}").get_data(as_text=True)
    assert "This document is withdrawn" in page and "Restore to search" in page
    staff_client.post(f"/documents/{DOC}/restore", data={"csrf_token": token})
    Indexer(staffed).refresh()
    assert reader.get(f"/documents/{DOC}").status_code == 200


def test_the_api_needs_basic_credentials_to_change_a_document(
    staff_client: FlaskClient, staffed: Settings
) -> None:
    response = staff_client.patch(f"/api/documents/{DOC}", json={"date": "2019-05-07"})
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Basic")
    assert response.get_json()["reason"] == "login"
    wrong = staff_client.patch(
        f"/api/documents/{DOC}", json={"date": "2019"}, headers=basic("aigerim", "x")
    )
    assert wrong.status_code == 401
    bad = staff_client.patch(f"/api/documents/{DOC}", json={"date": "2019"}, headers=basic())
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.get_json()["message"]
    assert staff_client.patch(f"/api/documents/{DOC}", data="x", headers=basic()).status_code == 400
    ok = staff_client.patch(f"/api/documents/{DOC}", json={"date": "2019-05-07"}, headers=basic())
    assert ok.status_code == 202 and ok.get_json()["changes"] == {
        "date": ["2020-03-03", "2019-05-07"]
    }
    Indexer(staffed).refresh()
    data = staff_client.get(f"/api/documents/{DOC}", headers=basic()).get_json()
    assert data["date"] == "2019-05-07" and data["status"] == "searchable"
    assert "source" in data and "source" not in staff_client.get(f"/api/documents/{DOC}").get_json()
    assert staff_client.delete(f"/api/documents/{DOC}", headers=basic()).status_code == 202
    Indexer(staffed).refresh()
    assert staff_client.get(f"/api/documents/{DOC}").status_code == 404
    assert (
        staff_client.get(f"/api/documents/{DOC}", headers=basic()).get_json()["status"] == "hidden"
    )
    # The session cookie is no credential for the API.
    sign_in(staff_client)
    assert staff_client.patch(f"/api/documents/{DOC}", json={"title": "x"}).status_code == 401


def test_a_private_site_asks_everyone_to_sign_in(staffed: Settings) -> None:
    client = english(replace(staffed, private=True))
    response = client.get("/?q=library")
    assert response.status_code == 302 and "/staff/login" in response.location
    assert client.get("/api/search?q=library").status_code == 401
    assert client.get("/api/search?q=library", headers=basic()).status_code == 200
    assert client.get("/staff/login").status_code == 200
    sign_in(client)
    assert client.get("/?q=library").status_code == 200


def test_staff_pages_and_their_messages_speak_the_readers_language(staffed: Settings) -> None:
    client = create_app(staffed).test_client()  # no preference: Kazakh
    assert "Қызметкерлердің кіруі" in client.get("/staff/login").get_data(as_text=True)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ru"
    response = client.patch(f"/api/documents/{DOC}", json={"date": "7.5.2019"}, headers=basic())
    data = response.get_json()
    assert data["message"] == "Укажите дату в виде ГГГГ-ММ-ДД, например 2021-11-24."
    assert (data["reason"], data["field"]) == ("invalid", "date")
    assert "войдите" in client.patch(f"/api/documents/{DOC}", json={}).get_json()["message"]
