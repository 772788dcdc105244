"""The web app behind the real internet: a query over its budget answered in the reader's
language, one expensive query per client at a time."""

from __future__ import annotations

import dataclasses

import pytest
from flask.testing import FlaskClient

from search.config import Settings
from web import create_app
from web.searching import library


@pytest.fixture
def narrow_settings(site_settings: Settings) -> Settings:
    """The site's index with budgets small enough for its six reports to reach them."""
    return dataclasses.replace(site_settings, max_expansion_terms=3)


@pytest.fixture
def client(narrow_settings: Settings) -> FlaskClient:
    return create_app(narrow_settings).test_client()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "stands for too many words (more than 3)"),
        ("ru", "обозначает слишком много слов (больше 3)"),
        ("kk", "тым көп сөзді білдіреді (3-ден астам)"),
    ],
)
def test_a_too_broad_prefix_is_refused_in_the_readers_language(
    client: FlaskClient, lang: str, words: str
) -> None:
    response = client.get("/api/search?q=words:l*", headers={"Accept-Language": lang})
    assert response.status_code == 400
    data = response.get_json()
    assert data["reason"] == "too_broad" and words in data["message"]
    page = client.get("/?q=words:l*", headers={"Accept-Language": lang})
    assert page.status_code == 400 and words in page.get_data(as_text=True)


def test_a_second_expensive_query_of_one_client_waits_its_turn(client: FlaskClient) -> None:
    app = client.application
    with app.app_context():
        slots = library().slots
    with slots.hold("127.0.0.1"):
        busy = client.get("/api/search?q=l*", headers={"Accept-Language": "en"})
        assert busy.status_code == 429 and busy.headers["Retry-After"]
        assert busy.get_json()["reason"] == "busy"
        assert "still running" in busy.get_json()["message"]
        page = client.get("/?q=l*", headers={"Accept-Language": "ru"})
        assert page.status_code == 429
        assert "ещё выполняется" in page.get_data(as_text=True)
        # A plain query of the same client, and anyone else's, go on.
        assert client.get("/api/search?q=library").status_code == 200
        other = client.get("/api/search?q=l*", environ_base={"REMOTE_ADDR": "192.0.2.9"})
        assert other.status_code == 200
    assert client.get("/api/search?q=l*").status_code == 200


def test_a_truncated_search_says_so(site_settings: Settings) -> None:
    settings = dataclasses.replace(site_settings, search_seconds=1e-9)
    client = create_app(settings).test_client()
    response = client.get("/api/search?q=library", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.get_json()["reason"] == "too_slow"
    assert "took too long" in response.get_json()["message"]
