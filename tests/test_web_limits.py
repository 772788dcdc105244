"""The web app behind the real internet: a query over its budget answered in the reader's
language, one expensive query per client at a time."""

from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from helpers import free_port

from search.cli import main, waitress_options
from search.config import Settings
from web import create_app
from web.searching import library


@pytest.fixture
def narrow_settings(site_settings: Settings) -> Settings:
    """The site's index with budgets small enough for its six reports to reach them: a
    prefix may stand for 3 terms, a search may read 40 posting lists, and one that reads more
    than 20 is expensive (EXPENSIVE; "library" reads 12)."""
    return dataclasses.replace(site_settings, max_expansion_terms=3, max_query_terms=40)


EXPENSIVE = "library seminar mentors"  # 32 posting lists, more than half of 40


@pytest.fixture
def narrow_client(narrow_settings: Settings) -> FlaskClient:
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
    narrow_client: FlaskClient, lang: str, words: str
) -> None:
    response = narrow_client.get("/api/search?q=words:l*", headers={"Accept-Language": lang})
    assert response.status_code == 400
    data = response.get_json()
    assert data["reason"] == "too_broad" and words in data["message"]
    page = narrow_client.get("/?q=words:l*", headers={"Accept-Language": lang})
    assert page.status_code == 400 and words in page.get_data(as_text=True)


def test_a_second_expensive_query_of_one_client_waits_its_turn(narrow_client: FlaskClient) -> None:
    app = narrow_client.application
    with app.app_context():
        slots = library().slots
    with slots.hold("127.0.0.1"):
        busy = narrow_client.get(f"/api/search?q={EXPENSIVE}", headers={"Accept-Language": "en"})
        assert busy.status_code == 429 and busy.headers["Retry-After"]
        assert busy.get_json()["reason"] == "busy"
        assert "still running" in busy.get_json()["message"]
        page = narrow_client.get(f"/?q={EXPENSIVE}", headers={"Accept-Language": "ru"})
        assert page.status_code == 429
        assert "ещё выполняется" in page.get_data(as_text=True)
        # A plain query of the same client, and anyone else's, go on.
        assert narrow_client.get("/api/search?q=library").status_code == 200
        other = narrow_client.get(
            f"/api/search?q={EXPENSIVE}", environ_base={"REMOTE_ADDR": "192.0.2.9"}
        )
        assert other.status_code == 200
    assert narrow_client.get(f"/api/search?q={EXPENSIVE}").status_code == 200


def test_a_truncated_search_says_so(site_settings: Settings) -> None:
    settings = dataclasses.replace(site_settings, search_seconds=1e-9)
    client = create_app(settings).test_client()
    response = client.get("/api/search?q=library", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.get_json()["reason"] == "too_slow"
    assert "took too long" in response.get_json()["message"]


BAD_HOSTS = [
    "..",
    "a..b",
    "x" * 64 + ".example",
    "-a.example",
    "a b",
    "ex ample:80",
    "[zz]",
    "a:99999",
]
ROUTES = ["/", "/?q=library", "/api/search?q=library", "/nope", "/opensearch.xml", "//documents"]


@pytest.mark.parametrize("host", BAD_HOSTS)
def test_a_malformed_host_is_a_plain_400_on_every_route(
    site_client: FlaskClient, host: str
) -> None:
    for route in ROUTES:
        response = site_client.get(route, headers={"Host": host})
        assert response.status_code == 400, (host, route)
        assert "Host header" in response.get_data(as_text=True)
        assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("host", ["example.kz", "EXAMPLE.kz:80", "127.0.0.1:8080", "[::1]:8080"])
def test_a_well_formed_host_is_served_without_a_public_url(
    site_client: FlaskClient, host: str
) -> None:
    assert site_client.get("/", headers={"Host": host}).status_code == 200


@pytest.fixture
def public_url_client(site_settings: Settings) -> FlaskClient:
    """A client of the site's app when it is served at a public URL."""
    settings = dataclasses.replace(site_settings, public_url="https://search.example.kz/izde/")
    return create_app(settings).test_client()


def test_links_and_redirects_use_the_public_url(public_url_client: FlaskClient) -> None:
    headers = {"Host": "search.example.kz"}
    xml = public_url_client.get("/opensearch.xml", headers=headers).get_data(as_text=True)
    assert 'template="https://search.example.kz/izde/?q={searchTerms}"' in xml
    assert "https://search.example.kz/izde/api/search?q={searchTerms}" in xml
    page = public_url_client.get("/?q=library", headers=headers).get_data(as_text=True)
    assert 'href="/izde/static/izde.css"' in page
    redirect = public_url_client.get("//documents", headers=headers)
    assert redirect.status_code == 308
    assert redirect.headers["Location"].startswith("https://search.example.kz/izde/")
    switch = public_url_client.get("/language/ru?next=/%3Fq%3Dx", headers=headers)
    assert switch.headers["Location"] == "/?q=x"
    assert "Secure" in switch.headers["Set-Cookie"]
    # A proxy that passes the public path on instead of stripping it.
    assert public_url_client.get("/izde/api/search?q=library", headers=headers).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "search.example.kz.evil.example", "127.0.0.1"])
def test_other_hosts_are_refused_with_a_public_url(
    public_url_client: FlaskClient, host: str
) -> None:
    for route in ROUTES:
        response = public_url_client.get(route, headers={"Host": host})
        assert response.status_code == 400, route
        assert "evil" not in response.get_data(as_text=True)
    # A monitor on the server itself may still ask how the index is.
    assert public_url_client.get("/api/health", headers={"Host": host}).status_code == 200


def test_a_trusted_proxy_says_the_scheme_host_and_client(
    site_client: FlaskClient, narrow_settings: Settings
) -> None:
    settings = dataclasses.replace(narrow_settings, trusted_proxy=True)
    client = create_app(settings).test_client()
    forwarded = {
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "search.example.kz",
        "X-Forwarded-For": "203.0.113.5",
    }
    switch = client.get("/language/kk?next=/", headers=forwarded)
    assert "Secure" in switch.headers["Set-Cookie"]
    xml = client.get("/opensearch.xml", headers=forwarded).get_data(as_text=True)
    assert "https://search.example.kz/?q={searchTerms}" in xml
    # Without the flag the same headers are the client's word, and count for nothing.
    switch = site_client.get("/language/kk?next=/", headers=forwarded)
    assert "Secure" not in switch.headers["Set-Cookie"]
    # The client behind the proxy is the one whose expensive queries are counted.
    with client.application.app_context():
        slots = library().slots
    with slots.hold("203.0.113.5"):
        busy = client.get(f"/api/search?q={EXPENSIVE}", headers=forwarded)
        assert busy.status_code == 429
        other = client.get(
            f"/api/search?q={EXPENSIVE}", headers={**forwarded, "X-Forwarded-For": "198.51.100.1"}
        )
        assert other.status_code == 200


@pytest.mark.parametrize(
    "target",
    ["/%0D%0ALocation:%20http://evil.example", "/%0Ax", "/\x00", "/%E2%80%AEx", "%0D%0A"],
)
def test_a_bad_next_goes_home(site_client: FlaskClient, target: str) -> None:
    response = site_client.get(f"/language/en?next={target}")
    assert response.status_code == 302 and response.headers["Location"] == "/"


@pytest.mark.parametrize(
    "url", ["ftp://x.kz/", "search.example.kz", "https://a..b/", "https://x/?q=1"]
)
def test_a_bad_public_url_is_refused_at_start(site_settings: Settings, url: str) -> None:
    with pytest.raises(ValueError, match="an address"):
        create_app(dataclasses.replace(site_settings, public_url=url))


def test_serve_refuses_a_bad_public_url(site_settings: Settings) -> None:
    index = str(site_settings.index_dir)
    result = CliRunner().invoke(main, ["serve", "--index", index, "--public-url", "ftp://x.kz"])
    assert result.exit_code == 2 and "--public-url" in result.output
    result = CliRunner(env={"IZDE_PUBLIC_URL": "search.kz"}).invoke(
        main, ["serve", "--index", index]
    )
    assert result.exit_code == 2 and "IZDE_PUBLIC_URL" in result.output


def test_waitress_gets_the_limits(site_settings: Settings) -> None:
    settings = dataclasses.replace(site_settings, threads=3, connection_limit=50, channel_timeout=4)
    options = waitress_options(settings)
    assert options["threads"] == 3 and options["connection_limit"] == 50
    assert options["channel_timeout"] == 4 and options["cleanup_interval"] == 2
    assert waitress_options(site_settings)["connection_limit"] == 1000


def _answered(port: int, timeout: float) -> float:
    """Seconds until the server answers a health check (the request waits up to `timeout`)."""
    started = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=timeout) as reply:
        assert reply.status == 200
    return time.monotonic() - started


def test_half_open_connections_do_not_stop_the_site(site_settings: Settings) -> None:
    """Clients that open a connection and never finish their request: below the limit they
    cost nothing; beyond it they are closed after the channel timeout, and the site answers."""
    port = free_port()
    command = [sys.executable, "-c", "from search.cli import main; main()", "serve"]
    args = ["--index", str(site_settings.index_dir), "--port", str(port)]
    limits = ["--connection-limit", "50", "--channel-timeout", "2", "--threads", "2"]
    server = subprocess.Popen(command + args + limits, stdout=subprocess.DEVNULL)
    half_open: list[socket.socket] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _answered(port, 5)
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)

        def open_some(count: int) -> None:
            for _ in range(count):
                sock = socket.create_connection(("127.0.0.1", port))
                sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never ends
                half_open.append(sock)

        open_some(40)
        assert _answered(port, 5) < 2
        open_some(40)  # 80: more than the limit
        assert _answered(port, 20) < 15
    finally:
        for sock in half_open:
            sock.close()
        server.terminate()
        server.wait(timeout=10)
