"""Result lists to take away: CSV that Excel opens with Kazakh and Russian intact, RIS that
Zotero and EndNote import, from the website, its API and `izde search --format`."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from helpers import write_reports

from search.budget import Budget
from search.cli import main
from search.config import Settings
from search.errors import QueryError
from search.export import Names, to_csv, to_ris
from search.indexer import Indexer
from search.library import EXPORT_LIMIT, Library
from search.results import Hit
from web import create_app

KAZAKH = "Кітапханашылардың кәсіби құзыреттілігі: бүгіні мен ертеңі"


def hit(title: str, **fields: object) -> Hit:
    values: dict[str, object] = {
        "id": "corpus/kk-2019-seminar.pdf",
        "path": "kk-2019-seminar.pdf",
        "title": title,
        "lang": "kk",
        "date": "2019-11-24",
        "score": 1.0,
        "snippet": "",
        "page": None,
        "format": "pdf",
        "author": "Әлия Бекмұратова",
        "event": ["seminar", "training"],
    }
    return Hit(**(values | fields))  # type: ignore[arg-type]


def link(found: Hit) -> str:
    return f"https://search.library.kz/documents/{found.id}"


def read_csv(data: bytes) -> list[list[str]]:
    """What a spreadsheet reads: the BOM says UTF-8."""
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_a_header_and_kazakh_titles_intact() -> None:
    hits = [hit(KAZAKH), hit("Семинар библиотекарей", id="corpus/ru.txt", date=None, event=[])]
    rows = read_csv(to_csv(hits, link))
    assert rows == [
        ["Title", "Date", "Language", "Event type", "Author", "File", "Link"],
        [
            KAZAKH,
            "2019-11-24",
            "Kazakh",
            "Seminar, Training",
            "Әлия Бекмұратова",
            "corpus/kk-2019-seminar.pdf",
            "https://search.library.kz/documents/corpus/kk-2019-seminar.pdf",
        ],
        [
            "Семинар библиотекарей",
            "",
            "Kazakh",
            "",
            "Әлия Бекмұратова",
            "corpus/ru.txt",
            "https://search.library.kz/documents/corpus/ru.txt",
        ],
    ]


def test_csv_names_come_from_the_caller_and_cells_are_never_formulas() -> None:
    names = Names(
        columns={"title": "Атауы", "language": "Тіл"},
        languages={"kk": "Қазақ тілі"},
        events={"seminar": "Семинар"},
    )
    hostile = hit('=HYPERLINK("http://evil.example","click")\nsecond line', author="@admin")
    header, row = read_csv(to_csv([hostile], link, names))
    assert header[:3] == ["Атауы", "Date", "Тіл"]
    assert row[0] == '\'=HYPERLINK("http://evil.example","click") second line'
    assert (row[2], row[3], row[4]) == ("Қазақ тілі", "Семинар, training", "'@admin")


def test_ris_records_are_well_formed_with_kazakh_titles_intact() -> None:
    english = hit("Book exhibition\nin Ust-Kamenogorsk", lang="en", author="", date=None)
    hits = [hit(KAZAKH), english]
    data = to_ris(hits, link)
    text = data.decode("utf-8")
    lines = text.split("\r\n")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines if line)
    records = text.split("ER  - \r\n")
    assert records[-1] == "" and len(records) == 3
    first = dict(line.split("  - ", 1) for line in records[0].split("\r\n") if line)
    assert records[0].startswith("TY  - RPRT\r\n")
    assert first | {"KW": ""} == {
        "TY": "RPRT",
        "TI": KAZAKH,
        "AU": "Әлия Бекмұратова",
        "PY": "2019",
        "DA": "2019/11/24",
        "LA": "kk",
        "KW": "",
        "AN": "corpus/kk-2019-seminar.pdf",
        "UR": "https://search.library.kz/documents/corpus/kk-2019-seminar.pdf",
    }
    assert "KW  - Seminar\r\nKW  - Training\r\n" in records[0]
    second = records[1].split("\r\n")
    assert "TI  - Book exhibition in Ust-Kamenogorsk" in second  # one line
    assert not any(line.startswith(("AU", "PY", "DA")) for line in second)  # none is empty


# --- the library: one search, a longer page ---------------------------------------------------


def test_an_export_is_one_search_of_the_whole_list(settings: Settings, tmp_path: Path) -> None:
    reports = {f"r{n:03d}.txt": f"Report {n}\n\nThe library seminar {n}." for n in range(120)}
    Indexer(settings).run([write_reports(tmp_path / "reports", reports)])
    library = Library(settings)
    with pytest.raises(QueryError):
        library.search("seminar", limit=EXPORT_LIMIT)  # a page to read holds at most 100
    with pytest.raises(QueryError):
        library.search("seminar", limit=EXPORT_LIMIT + 1, export=True)
    plain, export = Budget(settings), Budget(settings)
    page = library.search("seminar", budget=plain)
    listed = library.search("seminar", limit=EXPORT_LIMIT, export=True, budget=export)
    assert (page.total, len(page.hits), len(listed.hits)) == (120, 10, 120)
    assert [found.id for found in listed.hits[:10]] == [found.id for found in page.hits]
    assert all(found.snippet == "" and found.page is None for found in listed.hits)
    # One search's work: the same scoring, and no marking of every hit's text.
    assert export.work.total() <= plain.work.total()


# --- the website and its API ------------------------------------------------------------------


@pytest.fixture
def client(site_settings: Settings) -> FlaskClient:
    client = create_app(site_settings).test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_api_exports_the_search_as_csv_and_ris(client: FlaskClient) -> None:
    query = {"q": "семинар OR exhibition OR rural", "expand": "0", "page": "2", "limit": "2"}
    response = client.get("/api/search.csv", query_string=query)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="izde-search.csv"; filename*=UTF-8')
    rows = read_csv(response.data)
    listed = client.get("/api/search", query_string=query | {"page": 1, "limit": 100}).get_json()
    # Every page of the list, whatever page and limit say.
    assert [row[5] for row in rows[1:]] == [found["id"] for found in listed["hits"]]
    assert len(rows) == 1 + listed["total"] == 6
    kazakh = next(row for row in rows if row[5] == "reports/kk/kitaphana-aptaligi.txt")
    assert kazakh[:3] == ["Кітапханалар апталығы", "2021-11-24", "Kazakh"]
    assert kazakh[6] == "http://localhost/documents/reports/kk/kitaphana-aptaligi.txt"

    ris = client.get("/api/search.ris", query_string=query)
    assert ris.status_code == 200
    assert ris.headers["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    text = ris.data.decode("utf-8")
    assert text.count("TY  - RPRT") == text.count("ER  - ") == 5
    assert "TI  - Кітапханалар апталығы\r\n" in text


def test_a_csv_speaks_the_readers_language(client: FlaskClient) -> None:
    response = client.get("/api/search.csv?q=кітапхана", headers={"Accept-Language": "ru"})
    header, *rows = read_csv(response.data)
    assert header == ["Название", "Дата", "Язык", "Тип мероприятия", "Автор", "Файл", "Ссылка"]
    assert rows[0][2] == "Казахский"


@pytest.mark.parametrize(
    "query",
    [
        {"q": ""},
        {"q": "!!!"},
        {"q": "x" * 2000},
        {"q": "seminar", "page": "two"},
        {"q": "seminar", "sort": "size"},
    ],
)
def test_bad_parameters_are_refused_as_the_search_api_refuses_them(
    client: FlaskClient, query: dict[str, str]
) -> None:
    searched = client.get("/api/search", query_string=query)
    assert searched.status_code == 400
    for route in ("/api/search.csv", "/api/search.ris"):
        refused = client.get(route, query_string=query)
        assert (refused.status_code, refused.get_json()) == (400, searched.get_json())
    page = client.get("/search.csv", query_string=query)
    assert page.status_code == 400 and "This search cannot be run" in page.get_data(as_text=True)


def test_the_results_page_links_to_both_downloads(client: FlaskClient) -> None:
    html = client.get("/?q=семинар&lang=ru&sort=date&page=1").get_data(as_text=True)
    found = [unescape(href) for href in re.findall(r'href="(/search\.(?:csv|ris)[^"]*)"', html)]
    assert len(found) == 2
    for href in found:
        assert "q=%D1%81%D0%B5%D0%BC" in href and "lang=ru" in href and "sort=date" in href
        response = client.get(href)
        assert response.status_code == 200 and response.headers["Content-Disposition"]
    csv_rows = read_csv(client.get(found[0]).data)
    assert csv_rows[1][0] == "Семинар для библиотекарей"


def test_a_private_sites_pages_export_for_signed_in_staff_only(site_settings: Settings) -> None:
    app = create_app(replace(site_settings, private=True))
    anonymous = app.test_client().get("/search.csv?q=seminar")
    assert anonymous.status_code == 302 and "/staff/login" in anonymous.headers["Location"]
    assert app.test_client().get("/api/search.csv?q=seminar").status_code == 401


# --- the command line -------------------------------------------------------------------------


def test_izde_search_writes_csv_and_ris(indexed: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IZDE_PUBLIC_URL", "https://search.library.kz/")
    run = CliRunner().invoke
    args = ["search", "--index", str(indexed.index_dir), "кітапхана"]
    result = run(main, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    header, *rows = read_csv(result.stdout_bytes)
    assert header[0] == "Title" and len(rows) == 4
    kazakh = next(row for row in rows if row[2] == "Kazakh")
    assert kazakh[0] == "Кітапханалар апталығы"
    assert kazakh[6] == "https://search.library.kz/documents/reports/kk/kitaphana-aptaligi.txt"
    ris = run(main, [*args, "--format", "ris", "--limit", "2"])
    assert ris.exit_code == 0 and ris.output.count("ER  - ") == 2
    assert "TI  - Кітапханалар апталығы" in ris.output
    refused = run(main, [*args, "--limit", "500"])
    assert refused.exit_code == 2 and "at most 100" in refused.output
