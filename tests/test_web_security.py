"""The web app against hostile input: markup in reports, queries and file names stays text, ids
never reach a file outside the index, oversized URLs are refused, and every kind of response
carries the security headers."""

from __future__ import annotations

import os
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote_plus

import pytest
from flask.testing import FlaskClient
from markupsafe import escape
from werkzeug.datastructures import Headers
from werkzeug.http import parse_options_header

from search.config import Settings
from search.indexer import Indexer
from web import create_app
from web.pages import shown

# Every report's text has the word MARKER, so one search shows them all.
MARKER = "xssprobe"
TEXT = (
    '<script>alert("title")</script> Seminar {marker} <b>notes</b>\n\n'
    'The seminar {marker} said "><img src=x onerror=alert(1)> and '
    "<a href=\"javascript:alert('link')\">click</a>, javascript:alert(document.cookie)."
)
# File names (ids) with markup, quotes, a newline, non-ASCII letters and a bidi override
# (U+202E shows «notes\u202egpj.txt» as «notestxt.jpg»); and how each is sent for download.
# The "/" of </script> makes a folder: the id is the path, the download name its last part.
NAMES = {
    "<script>alert(1)</script>.txt": "script>.txt",
    '"><img src=x onerror=alert(1)>.txt': '"><img src=x onerror=alert(1)>.txt',
    "javascript:alert(1).txt": "javascript:alert(1).txt",
    'it\'s "quoted"; name=x.txt': 'it\'s "quoted"; name=x.txt',
    "new\nline.txt": "new_line.txt",
    "отчёт о семинаре.txt": "отчёт о семинаре.txt",
    "notes\u202egpj.txt": "notes_gpj.txt",
}
# Bytes that are not UTF-8 in a name (a file from an old Windows archive): Linux only.
LATIN1_NAME = b"r\xe9sum\xe9.txt"
SECRET = "TOPSECRET-outside-the-reports"


def write_hostile_site(root: Path) -> Path:
    """Reports with hostile titles, text and names; an HTML report whose title is markup; a
    secret file beside (not inside) the reports folder."""
    reports = root / "reports"
    for name in NAMES:
        path = reports / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT.format(marker=MARKER), encoding="utf-8")
    if os.name == "posix":
        (reports / "latin").mkdir()
        with open(os.fsencode(reports / "latin") + b"/" + LATIN1_NAME, "wb") as file:
            file.write(TEXT.format(marker=MARKER).encode("utf-8"))
    (reports / "page.html").write_text(
        "<html><head><title>&lt;script&gt;alert(2)&lt;/script&gt; Page</title></head><body>"
        f"<p>{MARKER} &lt;img src=x onerror=alert(3)&gt; <a href='javascript:alert(4)'>x</a> "
        "javascript:alert(document.cookie)"
        "</p></body></html>",
        encoding="utf-8",
    )
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    return reports


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The hostile reports indexed, and one report indexed, then removed from the index."""
    root = tmp_path_factory.mktemp("hostile-site")
    reports = write_hostile_site(root)
    settings = Settings(index_dir=root / "index", lock_timeout=0.5)
    gone = reports / "gone.txt"
    gone.write_text(f"Gone\n\nA {MARKER} report that was removed.", encoding="utf-8")
    assert not Indexer(settings).run([reports]).failed
    gone.unlink()
    assert Indexer(settings).run([reports]).removed == ["gone.txt"]
    return settings


@pytest.fixture(scope="module")
def hostile_client(hostile_settings: Settings) -> FlaskClient:
    return create_app(hostile_settings).test_client()


def doc_ids() -> list[str]:
    ids = [name.replace("\n", "\\x0a") for name in NAMES]
    if os.name == "posix":
        ids.append("latin/r\\xe9sum\\xe9.txt")
    return [*ids, "page.html"]


def url(doc_id: str) -> str:
    return quote(doc_id, safe="/")


def get(client: FlaskClient, target: str, status: int = 200, **kwargs: object) -> str:
    response = client.get(target, headers={"Accept-Language": "en"}, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_data(as_text=True)


# The elements Izde's templates use; snippets and document text add only <mark>.
TAGS = set(
    "a article aside body button caption code dd details div dl dt footer form h1 h2 h3 h4 h5 h6 "
    "head header html input label li link main meta nav ol p section span strong summary table "
    "tbody td th thead time title tr ul mark".split()
)


READING_TAGS = re.compile(
    r'</?(?:p|ul|ol|li|h[3-6]|mark)(?: class="doc-heading"| id="match-\d+")?>'
)


class Elements(HTMLParser):
    """The elements of a page with their attributes, as a browser's parser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def assert_inert(html: str) -> None:
    """No element but the templates' own, no event handler, no javascript: link or source."""
    for tag, attrs in Elements(html).found:
        if tag == "script":  # the page's own, from /static, and nothing else
            assert dict(attrs).get("src") == "/static/document.js", f"live <{tag}> element"
            continue
        assert tag in TAGS, f"live <{tag}> element"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}= on <{tag}>"
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith("javascript:"), value


def test_results_page_shows_hostile_titles_text_and_names_as_text(
    hostile_client: FlaskClient,
) -> None:
    html = get(hostile_client, f"/?q={MARKER}")
    assert f"{len(doc_ids())} reports found" in html
    assert_inert(html)
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Seminar" in html  # a title
    assert "&lt;script&gt;alert(2)&lt;/script&gt; Page" in html  # an HTML report's <title>
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # a snippet
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.txt" in html  # a file name
    assert f"<mark>{MARKER}</mark>" in html


@pytest.mark.parametrize("doc_id", doc_ids())
def test_document_page_shows_hostile_markup_as_text(
    hostile_client: FlaskClient, doc_id: str
) -> None:
    html = get(hostile_client, f"/documents/{url(doc_id)}?q={MARKER}")
    assert_inert(html)
    assert re.search(rf'<mark id="match-\d+">{MARKER}</mark>', html)
    assert str(escape(shown(doc_id))) in html  # a bidi override written out (\u202e)
    assert "&lt;img src=x onerror=alert(" in html
    assert "javascript:alert(document.cookie)" in html  # text, never a link


def test_api_gives_hostile_text_as_data_and_snippets_escaped(hostile_client: FlaskClient) -> None:
    data = hostile_client.get("/api/search", query_string={"q": MARKER, "limit": 20}).get_json()
    hits = {hit["path"]: hit for hit in data["hits"]}
    assert set(hits) == set(doc_ids())
    title = '<script>alert("title")</script> Seminar xssprobe <b>notes</b>'
    assert hits["javascript:alert(1).txt"]["title"] == title
    assert hits["page.html"]["title"] == "<script>alert(2)</script> Page"
    for hit in hits.values():
        snippet = hit["snippet"]
        assert f"<mark>{MARKER}</mark>" in snippet
        assert "<" not in snippet.replace("<mark>", "").replace("</mark>", ""), snippet
    doc = hostile_client.get(
        f"/api/documents/{url(doc_ids()[1])}", query_string={"q": MARKER}
    ).get_json()
    text = "".join(section["html"] for section in doc["sections"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    # Only the reading page's own elements: paragraphs, headings, lists, numbered marks.
    assert "<" not in READING_TAGS.sub("", text)


HOSTILE_QUERY = "\"'><script>alert(1)</script><img src=x onerror=alert(2)> exhibitoin"


def test_a_hostile_query_is_echoed_escaped(
    hostile_client: FlaskClient, site_client: FlaskClient
) -> None:
    # The session's site has "exhibition", so the query gets a did-you-mean.
    html = get(site_client, "/", query_string={"q": HOSTILE_QUERY})
    assert_inert(html)
    echoed = str(escape(HOSTILE_QUERY))
    assert f'value="{echoed}"' in html  # the search box
    assert f"<title>{echoed} — Izde</title>" in html
    assert f"found for «{echoed}»" in html  # "No reports found for", "… reports found for"
    assert "Did you mean" in html or "did you mean" in html
    assert str(escape(HOSTILE_QUERY.replace("exhibitoin", "exhibition"))) in html
    refused = get(hostile_client, "/", 400, query_string={"q": "\"'<>&!!!"})
    assert_inert(refused)
    assert 'value="&#34;&#39;&lt;&gt;&amp;!!!"' in refused


def test_hostile_filter_values_are_echoed_escaped(hostile_client: FlaskClient) -> None:
    query = {"q": "zzzqx", "year": "<script>alert(1)</script>", "type": '"><img src=x>'}
    html = get(hostile_client, "/", query_string=query)
    assert_inert(html)
    assert "«Year: &lt;script&gt;alert(1)&lt;/script&gt;»" in html
    assert "&#34;&gt;&lt;img src=x&gt;" in html


@pytest.mark.parametrize(
    "target",
    [
        "../secret.txt",
        "..%2fsecret.txt",
        "%2e%2e/secret.txt",
        "%2e%2e%2fsecret.txt",
        "..%5csecret.txt",
        "..\\secret.txt",
        "reports/../../secret.txt",
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "C:%5cWindows%5cwin.ini",
        "page.html%00.txt",
        "page.html%00/../../secret.txt",
        "gone.txt",  # indexed once, removed since
        "x" * 5000,
        "{secret}",  # the secret file's absolute path
        "{quoted_secret}",
    ],
)
@pytest.mark.parametrize("route", ["/documents/{}/file", "/documents/{}", "/api/documents/{}"])
def test_ids_never_reach_a_file_outside_the_reports(
    hostile_client: FlaskClient, hostile_settings: Settings, route: str, target: str
) -> None:
    secret = str(hostile_settings.index_dir.parent / "secret.txt")
    target = target.format(secret=secret, quoted_secret=quote(secret, safe=""))
    response = hostile_client.get(route.format(target), follow_redirects=True)
    assert response.status_code in (400, 404), response.status_code
    assert SECRET.encode() not in response.data and b"root:" not in response.data


@pytest.mark.parametrize("target", ["../pages.py", "..%2fpages.py", "%2e%2e/__init__.py"])
def test_static_files_stay_in_their_folder(hostile_client: FlaskClient, target: str) -> None:
    response = hostile_client.get(f"/static/{target}")
    assert response.status_code == 404 and b"import" not in response.data


@pytest.mark.parametrize(
    ("target", "json"),
    [("/?q={}", False), ("/api/search?q={}", True), ("/documents/page.html?q={}", False)],
)
def test_an_oversized_url_is_refused_quickly_and_briefly(
    hostile_client: FlaskClient, target: str, json: bool
) -> None:
    started = time.monotonic()
    response = hostile_client.get(target.format("x" * 100_000), headers={"Accept-Language": "en"})
    assert time.monotonic() - started < 2
    assert response.status_code == 414 and len(response.data) < 10_000
    message = "The address is too long. A query may have at most 1000 characters."
    if json:
        assert response.get_json()["message"] == message
    else:
        assert message in response.get_data(as_text=True)


def test_the_longest_query_and_its_language_link_are_not_refused(
    hostile_client: FlaskClient,
) -> None:
    # 1,000 characters of four UTF-8 bytes each: the longest URL a query makes.
    html = get(hostile_client, "/", query_string={"q": "🎉" * 994 + " кітап"})
    switch = [dict(attrs) for tag, attrs in Elements(html).found if tag == "a"]
    russian = next(attrs["href"] for attrs in switch if attrs.get("hreflang") == "ru")
    response = hostile_client.get(russian or "")
    assert response.status_code == 302
    assert unquote_plus(response.headers["Location"]).endswith(" кітап")


def broken_index(root: Path) -> Settings:
    """An index whose live generation is empty: searching it fails on the server's side."""
    (root / "gen-000001").mkdir(parents=True)
    (root / "CURRENT").write_text("gen-000001\n", encoding="ascii")
    return Settings(index_dir=root)


@pytest.mark.parametrize(
    ("method", "target", "status", "mimetype"),
    [
        ("GET", "/", 200, "text/html"),
        ("GET", f"/?q={MARKER}", 200, "text/html"),
        ("GET", "/?q=!!!", 400, "text/html"),
        ("GET", "/documents/page.html", 200, "text/html"),
        ("GET", "/nowhere", 404, "text/html"),
        ("POST", "/", 405, "text/html"),
        ("GET", "/?q=" + "x" * 50_000, 414, "text/html"),
        ("GET", f"/api/search?q={MARKER}", 200, "application/json"),
        ("GET", "/api/search?q=", 400, "application/json"),
        ("GET", "/api/documents/none.txt", 404, "application/json"),
        ("POST", "/api/search", 405, "application/json"),
        ("GET", "/api/health", 200, "application/json"),
        ("GET", "/documents/page.html/file", 200, "text/html"),
        ("GET", "/static/izde.css", 200, "text/css"),
        ("GET", "/favicon.ico", 200, "image/svg+xml"),
        ("GET", "/opensearch.xml", 200, "application/opensearchdescription+xml"),
        ("GET", "/language/ru", 302, "text/html"),
    ],
)
def test_every_kind_of_response_has_the_security_headers(
    hostile_client: FlaskClient, method: str, target: str, status: int, mimetype: str
) -> None:
    response = hostile_client.open(target, method=method)
    assert (response.status_code, response.mimetype) == (status, mimetype)
    assert_security_headers(response.headers)
    if status == 405:
        assert "GET" in response.headers["Allow"]


def assert_security_headers(headers: Headers) -> None:
    """Scripts only from Izde (or none), no framing, no sniffing, no referrer to other sites, and
    a charset wherever a type has one."""
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'none'" in csp or "script-src" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    content_type = headers["Content-Type"]
    if content_type.startswith(("text/", "image/svg+xml", "application/opensearch")):
        assert content_type.endswith("; charset=utf-8"), content_type


def test_server_and_index_errors_have_the_security_headers(tmp_path: Path) -> None:
    broken, missing = broken_index(tmp_path / "broken"), Settings(index_dir=tmp_path / "none")
    for settings, status in ((broken, 500), (missing, 503)):
        client = create_app(settings).test_client()
        for target, mimetype in (("/?q=a", "text/html"), ("/api/search?q=a", "application/json")):
            response = client.get(target)
            assert (response.status_code, response.mimetype) == (status, mimetype)
            assert_security_headers(response.headers)


def test_a_pdf_opens_inline_with_headers_of_its_own(site_settings: Settings) -> None:
    response = create_app(site_settings).test_client().get("/documents/en/annual.pdf/file")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "inline; filename=annual.pdf"
    assert_security_headers(response.headers)


@pytest.mark.parametrize("doc_id", doc_ids()[:-1])  # the text reports, not page.html
def test_a_download_has_a_safe_file_name(hostile_client: FlaskClient, doc_id: str) -> None:
    response = hostile_client.get(f"/documents/{url(doc_id)}/file")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.data == TEXT.format(marker=MARKER).encode("utf-8")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert_security_headers(response.headers)
    header = response.headers["Content-Disposition"]
    assert header.isascii() and header.isprintable(), header
    kind, options = parse_options_header(header)
    expected = NAMES.get(doc_id.replace("\\x0a", "\n"), "r_sum_.txt")
    assert (kind, options["filename"]) == ("attachment", expected)
    assert ("filename*" in header) == (not expected.isascii())
