"""The web app through Flask's test client: every route, the API contract, safety and languages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from flask.testing import FlaskClient
from helpers import free_port

from search.config import Settings
from search.indexer import Indexer
from web import create_app
from web.pages import page_links


def page(client: FlaskClient, url: str, status: int = 200, lang: str = "en") -> str:
    response = client.get(url, headers={"Accept-Language": lang})
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def links(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


def test_home_page_has_a_labelled_search_box(site_client: FlaskClient) -> None:
    html = page(site_client, "/")
    assert '<label class="search-label" for="q">Search the reports</label>' in html
    assert 'id="q" name="q" type="search"' in html
    assert "The library holds 6 reports" in html
    assert '<a class="skip-link" href="#main">' in html


def test_results_have_marked_snippets_metadata_and_facets(site_client: FlaskClient) -> None:
    html = page(site_client, "/?q=кітапханалардың&expand=0")
    assert "1 report found for «кітапханалардың»" in html
    assert "<mark>кітапханаларының</mark>" in html
    assert '<span class="badge badge-kk">Kazakh</span>' in html
    assert '<time datetime="2021-11-24">November 24, 2021</time>' in html
    assert '<span class="format">TXT</span>' in html
    assert "/documents/reports/kk/kitaphana-aptaligi.txt?q=" in html
    for facet in ("Language", "Year", "Event type", "Format"):
        assert f">{facet}</h3>" in html


def test_pdf_hit_links_to_the_page_of_the_match(site_client: FlaskClient) -> None:
    html = page(site_client, "/?q=mentoring")
    assert '/documents/reports/en/annual.pdf/file#page=2"' in html
    assert ">p. 2</a>" in html


def test_a_facet_link_filters_and_its_clear_link_removes_the_filter(
    site_client: FlaskClient,
) -> None:
    # Without translations; «семинар» still finds "Seminar notes", its Latin spelling.
    html = page(site_client, "/?q=семинар OR exhibition OR rural&expand=0")
    english = next(link for link in links(html) if "lang=en" in link)
    assert "expand=0" in english
    filtered = page(site_client, english)
    assert "3 reports found" in filtered
    assert 'aria-current="true"' in filtered and "Clear the filter" in filtered
    clear = unescape(re.findall(r'<p class="clear"><a href="([^"]+)"', filtered)[0])
    assert "lang=" not in clear
    assert "5 reports found" in page(site_client, clear)


def test_sort_and_pagination_links(site_client: FlaskClient) -> None:
    html = page(site_client, "/?q=семинар OR exhibition OR rural&limit=2&expand=0")
    assert "Showing 1–2 of 5" in html
    assert 'aria-current="page">1<' in html
    following = next(link for link in links(html) if "page=2" in link)
    assert "Showing 3–4 of 5" in page(site_client, following)
    by_date = next(link for link in links(html) if "sort=date" in link)
    dates = re.findall(r'<time datetime="([\d-]+)"', page(site_client, by_date))
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("current", "last", "links"),
    [
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
    ],
)
def test_page_links_show_the_ends_and_the_neighbourhood(
    current: int, last: int, links: list[int | None]
) -> None:
    assert page_links(current, last) == links


def test_a_misspelling_that_finds_nothing_shows_the_respelling_s_reports(
    site_client: FlaskClient,
) -> None:
    html = page(site_client, "/?q=exhibitoin")
    assert "Showing results for <strong>exhibition</strong>; search instead for" in html
    assert "report found for «exhibition»" in html
    assert "/?exact=1&q=exhibitoin" in links(html)  # the words as typed, not respelled again
    typed = page(site_client, "/?exact=1&q=exhibitoin")
    assert "No reports found for «exhibitoin»" in typed
    assert "Did you mean" in typed and "/?q=exhibition" in links(typed)
    # Also when the words as typed find some reports partly, and as typed it is a suggestion.
    partly = page(site_client, "/?q=exhibitoin+library&expand=0")
    assert "Showing results for <strong>exhibition library</strong>" in partly
    assert "Did you mean" in page(site_client, "/?q=exhibitoin+library&expand=0&exact=1")


def test_the_api_says_when_it_searched_a_respelling(site_client: FlaskClient) -> None:
    data = site_client.get("/api/search?q=exhibitoin").get_json()
    assert (data["query"], data["respelled_from"], data["suggestion"]) == (
        "exhibition",
        "exhibitoin",
        None,
    )
    assert data["counts"]["full"] > 0
    typed = site_client.get("/api/search?q=exhibitoin&exact=1").get_json()
    assert (typed["total"], typed["respelled_from"], typed["suggestion"]) == (0, None, "exhibition")


def test_zero_results_page_offers_ways_out(site_client: FlaskClient) -> None:
    html = page(site_client, "/?q=mentors&lang=kk&year=2022")
    assert "What you can try" in html
    assert "Search all languages" in html
    assert "Drop the filter «Year: 2022»" in html
    # The language facet, counted without its own filter, shows where the reports are.
    assert "/?q=mentors&lang=en&year=2022" in links(html)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/?q=!!!", "The query has no words to search for"),
        ("/?q=" + "x" * 1001, "The query is too long (1001 characters; at most 1000)."),
        ("/?q=library&page=abc", "The page must be a whole number"),
        ("/?q=library&sort=title", "Unknown sort order"),
    ],
)
def test_unusable_query_gets_a_helpful_400_page(
    site_client: FlaskClient, url: str, message: str
) -> None:
    html = page(site_client, url, status=400)
    assert message in html
    assert "This search cannot be run" in html
    assert 'id="q" name="q"' in html  # the box is there to fix the query


def test_document_page_marks_the_query_and_shows_pdf_pages(site_client: FlaskClient) -> None:
    html = page(site_client, "/documents/en/annual.pdf?q=mentoring")
    assert '<p><mark id="match-1">Mentors</mark> trained volunteers.</p>' in html
    assert 'id="page-1"' in html and 'id="page-2"' in html
    assert "/documents/reports/en/annual.pdf/file#page=2" in links(html)
    assert "1 place matches «mentoring»" in html
    assert "Back to the results for «mentoring»" in html


def test_document_page_of_a_text_file(site_client: FlaskClient) -> None:
    html = page(site_client, "/documents/ru/seminar-bibliotekar.md", lang="ru")
    assert '<h1 lang="ru">Семинар для библиотекарей</h1>' in html
    assert "24 ноября 2021 г." in html
    assert "Скачать исходный файл" in html
    assert "<mark>" not in html


def test_unknown_document_is_a_404_page_in_the_readers_language(site_client: FlaskClient) -> None:
    html = page(site_client, "/documents/none.txt", status=404, lang="ru")
    assert "Страница не найдена" in html
    assert '<html lang="ru">' in html


def test_original_pdf_opens_inline_and_other_files_download(site_client: FlaskClient) -> None:
    pdf = site_client.get("/documents/en/annual.pdf/file")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert pdf.headers["Content-Disposition"].startswith("inline")
    html = site_client.get("/documents/en/mentors.html/file")
    assert html.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in html.headers["Content-Security-Policy"]
    assert b"<script>var secret" in html.data  # the original, byte for byte, but not rendered


@pytest.mark.parametrize(
    "url",
    [
        "/documents/../../../../etc/passwd/file",
        "/documents/%2e%2e/%2e%2e/etc/passwd/file",
        "/documents/etc/passwd/file",
        "/documents//etc/passwd/file",
    ],
)
def test_files_are_found_by_document_id_never_by_path(site_client: FlaskClient, url: str) -> None:
    response = site_client.get(url, follow_redirects=True)
    assert response.status_code == 404
    assert b"root:" not in response.data


def test_original_that_vanished_from_disk_is_a_404(indexed: Settings, reports: Path) -> None:
    (reports / "en" / "exhibition.txt").unlink()
    client = create_app(indexed).test_client()
    assert client.get("/documents/en/exhibition.txt/file").status_code == 404
    assert client.get("/documents/en/exhibition.txt").status_code == 200  # the text is indexed


def test_language_switch_sets_a_cookie_and_returns_to_the_page(site_client: FlaskClient) -> None:
    response = site_client.get("/language/kk?next=/?q=семинар")
    assert response.status_code == 302
    assert unquote(response.headers["Location"]) == "/?q=семинар"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("izde_lang=kk") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    # The cookie outweighs the browser's Accept-Language from now on.
    assert '<html lang="kk">' in page(site_client, "/", lang="ru")


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_language_switch_never_redirects_off_the_site(
    site_client: FlaskClient, target: str
) -> None:
    response = site_client.get("/language/ru", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_unknown_interface_language_is_a_404(site_client: FlaskClient) -> None:
    assert site_client.get("/language/de").status_code == 404


@pytest.mark.parametrize(
    ("accept", "lang"), [("ru-RU,ru;q=0.9", "ru"), ("kk", "kk"), ("en-GB", "en"), ("de", "kk")]
)
def test_interface_language_follows_accept_language(
    site_client: FlaskClient, accept: str, lang: str
) -> None:
    assert f'<html lang="{lang}">' in page(site_client, "/", lang=accept)


@pytest.mark.parametrize(
    "url", ["/", "/?q=seminar", "/?q=!!!", "/documents/en/annual.pdf", "/nowhere", "/api/health"]
)
def test_every_response_has_security_headers(site_client: FlaskClient, url: str) -> None:
    headers = site_client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/", "/?q=seminar", "/documents/en/hostile.txt?q=seminar"])
def test_pages_have_no_inline_script_or_style(site_client: FlaskClient, url: str) -> None:
    html = page(site_client, url)
    assert "<style" not in html and " style=" not in html
    # A script only from /static, with nothing inside the tag.
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert all(body == "" for body in scripts)
    assert html.count("<script") == html.count('<script src="/static/')


def test_document_text_titles_and_queries_are_escaped(site_client: FlaskClient) -> None:
    results = page(site_client, "/?q=seminar notes")
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in results
    assert "<script>" not in results and "<img" not in results
    doc = page(site_client, "/documents/en/hostile.txt?q=<b>seminar</b>")
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc
    assert "<img" not in doc and "<b>seminar" not in doc
    query = page(site_client, "/?q=<script>alert(1)</script>zzz")
    assert "<script>alert(1)" not in query and "&lt;script&gt;alert(1)" in query


def test_api_search_contract(site_client: FlaskClient) -> None:
    response = site_client.get(
        "/api/search",
        query_string={"q": "семинар OR exhibition OR rural", "limit": 2, "expand": 0},
    )
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    keys = {"query", "total", "counts", "hits", "suggestion", "facets", "fallback", "page", "limit"}
    assert keys <= set(data)
    assert (data["total"], len(data["hits"]), data["limit"]) == (5, 2, 2)
    assert data["counts"] == {"full": 5, "translated": 0, "partial": 0}
    for hit in data["hits"]:
        assert {
            "id",
            "path",
            "title",
            "lang",
            "date",
            "score",
            "snippet",
            "page",
            "format",
            "match",
            "author",
            "event",
        } == set(hit)
    assert data["facets"]["lang"] == {"en": 3, "kk": 1, "ru": 1}
    assert list(data["facets"]["year"]) == ["2022", "2021", "2020"]  # newest first
    assert set(data["facets"]) == {"lang", "year", "type", "format"}
    assert "семинар" in response.get_data(as_text=True)  # readable, not \\u-escaped


def test_translations_are_searched_unless_the_box_is_unticked(site_client: FlaskClient) -> None:
    html = page(site_client, "/?q=кітапханалардың")
    assert re.search(r'id="expand" name="expand" type="checkbox" value="1" checked>', html)
    # The headline counts the reports with the word itself; the translations (library,
    # библиотека: the English and Russian reports) are counted apart and labelled.
    assert "1 report found" in html and "4 more only through a translation." in html
    assert html.count('class="match match-translated"') == 4
    documents = re.findall(r'href="/documents/([^"?]+)\?q=', html)
    assert documents[0] == "reports/kk/kitaphana-aptaligi.txt"  # the word as typed comes first
    assert "Showing 1–5 of 5" in html
    # The form's hidden 0 and ticked 1: the address is made to say it once.
    submitted = site_client.get("/?q=кітапханалардың&expand=0&expand=1")
    assert submitted.status_code == 302
    assert unquote(submitted.headers["Location"]) == "/?q=кітапханалардың"
    ticked = page(site_client, submitted.headers["Location"])
    assert "4 more only through a translation." in ticked
    unticked_form = site_client.get("/?q=кітапханалардың&expand=0&lang=kk")
    assert unticked_form.status_code == 200
    redirected = site_client.get("/?expand=0&q=кітапханалардың&expand=0&lang=kk")
    kept = sorted(parse_qsl(urlsplit(redirected.headers["Location"]).query))
    assert kept == [("expand", "0"), ("lang", "kk"), ("q", "кітапханалардың")]
    unticked = page(site_client, "/?q=кітапханалардың&expand=0")
    assert "1 report found" in unticked
    assert re.search(r'type="checkbox" value="1">', unticked)
    assert "/documents/reports/kk/kitaphana-aptaligi.txt?q=%D0%BA" in unticked
    assert "&amp;expand=0" in unticked  # the document page marks no translations either
    nothing = page(site_client, "/?q=тәлімгерлік&expand=0")
    turn_on = re.search(r'<a href="([^"]+)">Search other languages too</a>', nothing)
    assert "No reports found" in nothing and turn_on
    assert unquote(unescape(turn_on.group(1))) == "/?q=тәлімгерлік"
    assert "3 reports found" in page(site_client, "/?q=тәлімгерлік")


def test_api_expand_parameter(site_client: FlaskClient) -> None:
    def paths(**query: object) -> list[str]:
        data = site_client.get("/api/search", query_string=query).get_json()
        return [hit["path"] for hit in data["hits"]]

    assert paths(q="наставничество", expand=0) == ["ru/seminar-bibliotekar.md"]
    assert paths(q="наставничество") == [
        "ru/seminar-bibliotekar.md",
        "en/mentors.html",
        "en/annual.pdf",
    ]
    marked = site_client.get("/api/documents/en/mentors.html?q=наставничество").get_json()
    assert marked["matches"] == 2  # "Mentors", twice
    unmarked = site_client.get(
        "/api/documents/en/mentors.html?q=наставничество&expand=0"
    ).get_json()
    assert unmarked["matches"] == 0


def test_api_search_filters(site_client: FlaskClient) -> None:
    query = {"q": "семинар OR exhibition OR rural OR report", "format": "pdf"}
    data = site_client.get("/api/search", query_string=query).get_json()
    assert [hit["path"] for hit in data["hits"]] == ["en/annual.pdf"]
    query = {"q": "семинар", "type": "seminar", "lang": "ru", "year": "2021", "sort": "date"}
    data = site_client.get("/api/search", query_string=query).get_json()
    assert [hit["path"] for hit in data["hits"]] == ["ru/seminar-bibliotekar.md"]
    assert data["hits"][0]["score"] is None  # sorted by date: no relevance score


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"q": ""}, "empty"),
        ({"q": "x" * 1001}, "too_long"),
        ({"q": "!!!"}, "no_words"),
        ({"q": "library", "sort": "title"}, "sort"),
        ({"q": "library", "page": "0"}, "paging"),
        ({"q": "library", "limit": "1000"}, "paging"),
        ({"q": "library", "page": "two"}, "paging"),
    ],
)
def test_api_errors_are_json_with_a_message(
    site_client: FlaskClient, query: dict[str, str], reason: str
) -> None:
    response = site_client.get("/api/search", query_string=query, headers={"Accept-Language": "ru"})
    assert response.status_code == 400 and response.mimetype == "application/json"
    data = response.get_json()
    assert data["status"] == 400 and data["reason"] == reason
    assert re.search("[а-я]", data["message"])  # in the reader's language


def test_api_not_found_and_wrong_method_are_json(site_client: FlaskClient) -> None:
    for response, status in (
        (site_client.get("/api/documents/none.txt"), 404),
        (site_client.get("/api/nothing"), 404),
        (site_client.post("/api/search"), 405),
    ):
        assert response.status_code == status and response.get_json()["status"] == status


def test_api_document(site_client: FlaskClient) -> None:
    data = site_client.get(
        "/api/documents/en/annual.pdf", query_string={"q": "mentoring"}
    ).get_json()
    assert data["path"] == "en/annual.pdf" and data["format"] == "pdf"
    assert [section["page"] for section in data["sections"]] == [1, 2]
    assert data["matches"] == 1
    assert "source" not in data  # the server's file system stays private


def test_api_health(site_client: FlaskClient, site_settings: Settings) -> None:
    data = site_client.get("/api/health").get_json()
    assert data == {"status": "ok", "generation": "gen-000001", "documents": 6}


def test_opensearch_description(site_client: FlaskClient) -> None:
    response = site_client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.data)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    assert root.findtext("os:ShortName", namespaces=ns) == "Izde"
    templates = [url.get("template") for url in root.findall("os:Url", ns)]
    assert "http://localhost/?q={searchTerms}" in templates
    assert 'rel="search" type="application/opensearchdescription+xml"' in page(site_client, "/")


def test_missing_index_is_a_friendly_503(tmp_path: Path) -> None:
    client = create_app(Settings(index_dir=tmp_path / "none")).test_client()
    response = client.get("/?q=library", headers={"Accept-Language": "kk"})
    assert response.status_code == 503
    assert "izde index" in response.get_data(as_text=True)
    assert client.get("/api/health").status_code == 503


def test_server_error_is_an_apology_without_a_traceback(tmp_path: Path) -> None:
    index = tmp_path / "index"
    (index / "gen-000001").mkdir(parents=True)  # CURRENT names an empty, broken generation
    (index / "CURRENT").write_text("gen-000001\n", encoding="ascii")
    client = create_app(Settings(index_dir=index)).test_client()
    response = client.get("/?q=library", headers={"Accept-Language": "ru"})
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Что-то пошло не так" in html and "Traceback" not in html
    assert client.get("/api/search?q=library").get_json()["status"] == 500


def test_a_newer_generation_is_served_without_a_restart(indexed: Settings, reports: Path) -> None:
    client = create_app(indexed).test_client()
    assert client.get("/api/search?q=volunteers").get_json()["total"] == 0
    (reports / "en" / "new.txt").write_text("Volunteers\n\nVolunteers helped.", "utf-8")
    Indexer(indexed).run([reports], rebuild=True)
    assert client.get("/api/search?q=volunteers").get_json()["total"] == 1
    assert client.get("/api/health").get_json()["generation"] == "gen-000002"


def test_izde_serve_indexes_an_empty_index_first_then_serves(reports: Path, tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-c", "from search.cli import main; main()", "serve"]
    args = ["--index", str(tmp_path / "index"), "--corpus", str(reports), "--port", str(port)]
    server = subprocess.Popen(
        command + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        health = None
        deadline = time.monotonic() + 60
        while health is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health") as response:
                    health = json.load(response)
            except OSError:
                time.sleep(0.2)
        assert health is not None, "the server did not answer"
        assert health["documents"] == 4
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert "is empty: indexing" in output
    assert "4 added, 0 updated, 0 removed, 0 unchanged, 0 failed" in output
    assert f"at http://127.0.0.1:{port}/" in output


def test_partial_matches_are_labelled_and_counted_apart(site_client: FlaskClient) -> None:
    html = page(site_client, "/?q=library+mentors&expand=0")
    assert "2 reports found" in html  # the headline counts the reports with both words
    assert "1 more with some of the words, listed after them." in html
    assert html.count('class="match match-partial"') == 1
    documents = re.findall(r'href="/documents/([^"?]+)\?q=', html)
    assert documents[-1] == "reports/en/exhibition.txt"  # library, not mentors: listed last
    data = site_client.get("/api/search", query_string={"q": "library mentors", "expand": 0}).json
    assert data["counts"] == {"full": 2, "translated": 0, "partial": 1}
    assert [hit["match"] for hit in data["hits"]] == ["full", "full", "partial"]


def test_an_undated_report_has_a_null_date_in_the_api(site_client: FlaskClient) -> None:
    # The hostile report has no date in it.
    hits = site_client.get("/api/search", query_string={"q": "hostile OR script", "expand": 0}).json
    undated = [hit for hit in hits["hits"] if hit["path"] == "en/hostile.txt"]
    assert undated and undated[0]["date"] is None
