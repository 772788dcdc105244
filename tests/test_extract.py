"""Extraction: the text, metadata and one-line failure reasons the indexer gets from each format."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import time
import unicodedata
import zipfile
from bisect import bisect_right
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from helpers import FONT, PDF_REAL, shared_data
from pypdf import PdfReader, PdfWriter

from search.extract import SUPPORTED_SUFFIXES, extract
from search.extract.base import Document, ExtractionError
from search.extract.clean import clean_text
from search.extract.dates import find_date

CREATED = dt.datetime(2021, 11, 24, 10, 0, tzinfo=dt.UTC)


def pdf_bytes(pages: list[str | None], title: str = "", author: str = "") -> bytes:
    """A PDF with a Unicode font: each page's lines as written, None for a page without text."""
    if not FONT.is_file():
        pytest.skip(f"DejaVu font not found at {FONT} (Debian/Ubuntu: fonts-dejavu-core)")
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    pdf.set_creation_date(CREATED)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for page in pages:
        pdf.add_page()
        for line in (page or "").splitlines():
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def failure(path: Path) -> str:
    """The reason extract() gives for a file it refuses; it must be one non-empty line."""
    with pytest.raises(ExtractionError) as error:
        extract(path)
    reason = str(error.value)
    assert reason.strip() and "\n" not in reason
    return reason


def page_of(doc: Document, word: str) -> int:
    """The page a search hit on `word` reports, computed the way the query layer does."""
    return bisect_right(doc.page_offsets, doc.text.index(word))


# --- the registry ---------------------------------------------------------------------------


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".pdf", ".docx", ".txt", ".text", ".html", ".htm", ".md", ".markdown",
    }  # fmt: skip


def test_size_and_sha256_are_of_the_file_bytes(tmp_path: Path) -> None:
    data = "Есеп\n\nКітапханашылар семинары.".encode()
    doc = extract(write(tmp_path / "a.txt", data))
    assert doc.size == len(data)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.languages == []  # the indexer fills them


def test_a_word_file_renamed_pdf_is_read_as_word(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("Отчёт о семинаре библиотекарей.")
    word.save(tmp_path / "report.pdf")
    doc = extract(tmp_path / "report.pdf")
    assert doc.format == "docx" and "семинаре" in doc.text


def test_a_pdf_renamed_docx_is_read_as_pdf(tmp_path: Path) -> None:
    doc = extract(write(tmp_path / "report.docx", pdf_bytes(["Кітапхана есебі"])))
    assert doc.format == "pdf" and doc.text == "Кітапхана есебі"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "garbage.docx",
            b"this is not a word file",
            "not a Word .docx file (content looks like pl",
        ),
        ("garbage.pdf", b"this is not a pdf", "not a PDF file (content looks like plain text)"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n\x00\x00", "not a PDF file (content looks like a PNG"),
        ("page.pdf", b"<!DOCTYPE html><html>404</html>", "not a PDF file (content looks like an H"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "not a Word .docx file"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n\t \r\n", "no text found"),
        (
            "photo.txt",
            b"\xff\xd8\xff\xe0\x00\x10JFIF",
            "not a text file (content looks like a JPEG",
        ),
    ],
)
def test_files_that_are_not_what_their_name_says_are_reported(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    assert failure(write(tmp_path / name, data)).startswith(reason)


def test_a_zip_that_is_not_word_is_reported(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "archive.docx", "w") as archive:
        archive.writestr("notes.txt", "Семинар")
    reason = failure(tmp_path / "archive.docx")
    assert reason == "not a Word .docx file (content looks like a ZIP archive)"


def test_a_text_file_about_pdf_stays_text(tmp_path: Path) -> None:
    doc = extract(write(tmp_path / "notes.txt", "Every PDF file starts with %PDF-1.7 or similar."))
    assert doc.format == "txt"


def test_a_truncated_docx_is_reported_broken(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("Семинар")
    buffer = io.BytesIO()
    word.save(buffer)
    data = buffer.getvalue()
    assert failure(write(tmp_path / "cut.docx", data[: len(data) // 2])).startswith("broken DOCX")


# --- cleaning -------------------------------------------------------------------------------


def test_clean_text_contract() -> None:
    raw = "  Ёлка\u00a0 и   ﬁnal\u200b\x07 \ue000ок  \r\n\r\n\r\n\n  Второй\tабзац \nстрока  "
    assert clean_text(raw) == "Ёлка и final ок\n\nВторой абзац\nстрока"


def test_line_end_hyphenation_is_joined_only_for_laid_out_text() -> None:
    text = "Каждый библио-\nтекарь из Усть-\nКаменогорска, 2020-\n2021"
    assert clean_text(text, join_hyphens=True) == (
        "Каждый библиотекарь из Усть-Каменогорска, 2020-2021"
    )
    assert clean_text(text) == text  # a text file's line ends are the author's


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_text_metadata_and_exact_page_offsets(tmp_path: Path) -> None:
    pages = [
        "Кітапханалар апталығы\nБірінші бет: семинар",
        "Second page about mentors",
        "Третья страница: наставничество",
    ]
    path = write(tmp_path / "r.pdf", pdf_bytes(pages, title="Есеп 2021", author="А. Серікқызы"))
    doc = extract(path)
    assert doc.format == "pdf"
    assert (doc.title, doc.author, doc.date) == ("Есеп 2021", "А. Серікқызы", CREATED.date())
    assert len(doc.page_offsets) == 3
    for number, page in enumerate(pages, start=1):
        assert doc.text[doc.page_offsets[number - 1] :].startswith(page)
        assert page_of(doc, page.split()[-1]) == number
    assert doc.text == "\n\n".join(pages)
    assert not doc.warnings


def test_pdf_pages_without_usable_text_are_skipped_with_warnings(tmp_path: Path) -> None:
    pages = ["Бірінші бет", None, '"7+%- #$%& *+', "Төртінші бет"]
    doc = extract(write(tmp_path / "r.pdf", pdf_bytes(pages)))
    assert doc.warnings == [
        "page 2: no text layer (scanned?)",
        "page 3: text layer unreadable (mostly non-letters), skipped",
    ]
    assert doc.text == "Бірінші бет\n\nТөртінші бет"
    assert page_of(doc, "Бірінші") == 1
    assert page_of(doc, "Төртінші") == 4


def test_pdf_without_any_text_layer_is_reported_as_scanned(tmp_path: Path) -> None:
    reason = failure(write(tmp_path / "scan.pdf", pdf_bytes([None, None])))
    assert reason.startswith("scanned, no text layer")


def test_pdf_hyphenation_is_joined_and_ligatures_normalised(tmp_path: Path) -> None:
    pages = ["Каждый библио-\nтекарь из Усть-\nКаменогорска получил the ﬁnal certiﬁcate"]
    doc = extract(write(tmp_path / "r.pdf", pdf_bytes(pages)))
    assert doc.text == "Каждый библиотекарь из Усть-Каменогорска получил the final certificate"


@pytest.fixture
def plain_pdf() -> bytes:
    return pdf_bytes(["pdf encryption test: кітапханасы"])


def encrypted(data: bytes, user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_with_a_user_password_is_reported_encrypted(tmp_path: Path, plain_pdf: bytes) -> None:
    path = write(tmp_path / "locked.pdf", encrypted(plain_pdf, "secret", "owner"))
    assert failure(path) == "encrypted: needs a password"


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path, plain_pdf: bytes) -> None:
    doc = extract(write(tmp_path / "owner.pdf", encrypted(plain_pdf, "", "owner")))
    assert doc.text == "pdf encryption test: кітапханасы"


@pytest.mark.parametrize("cut", ["header-only", "half", "no-trailer"])
def test_broken_pdf_is_reported(tmp_path: Path, plain_pdf: bytes, cut: str) -> None:
    data = {
        "header-only": b"%PDF-1.4\n%%EOF\n",
        "half": plain_pdf[: len(plain_pdf) // 2],
        "no-trailer": plain_pdf[: plain_pdf.rindex(b"startxref")],
    }[cut]
    assert failure(write(tmp_path / "broken.pdf", data)).startswith("broken PDF: ")


# --- DOCX -----------------------------------------------------------------------------------


def test_docx_paragraphs_table_headers_and_properties(tmp_path: Path) -> None:
    word = docx.Document()
    word.core_properties.author = "Айгүл Серікқызы"
    word.core_properties.created = dt.datetime(2022, 3, 1, 9, 0)
    word.add_paragraph("УТВЕРЖДАЮ")
    word.add_heading("Отчёт о семинаре", level=1)
    word.add_paragraph("Семинар прошёл в библиотеке.")
    table = word.add_table(rows=2, cols=2)
    for row, cells in zip(
        table.rows, [("Участники", "Число"), ("Библиотекари", "25")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.cell(1, 0).merge(table.cell(1, 1))  # a merged cell is read once
    word.sections[0].header.paragraphs[0].text = "Областная библиотека"
    second = word.add_section()
    second.header.is_linked_to_previous = False  # an explicit copy of the same header
    second.header.paragraphs[0].text = "Областная библиотека"
    word.add_paragraph("Наставничество обсуждали отдельно.")
    word.save(tmp_path / "r.docx")

    doc = extract(tmp_path / "r.docx")
    assert doc.format == "docx"
    assert doc.title == "Отчёт о семинаре"
    assert doc.author == "Айгүл Серікқызы"
    assert doc.date == dt.date(2022, 3, 1)
    assert doc.text == (
        "УТВЕРЖДАЮ\n\nОтчёт о семинаре\n\nСеминар прошёл в библиотеке.\n\n"
        "Участники | Число\nБиблиотекари 25\n\nНаставничество обсуждали отдельно.\n\n"
        "Областная библиотека"
    )


def test_docx_made_from_the_python_docx_template_gets_the_date_from_its_text(
    tmp_path: Path,
) -> None:
    word = docx.Document()
    word.add_paragraph("Семинар прошёл 24 ноября 2021 г.")
    word.save(tmp_path / "r.docx")
    doc = extract(tmp_path / "r.docx")
    assert (doc.date, doc.author, doc.title) == (
        dt.date(2021, 11, 24),
        "",
        "Семинар прошёл 24 ноября 2021 г.",
    )


# --- text files -----------------------------------------------------------------------------

KAZAKH = "Облыстық кітапханасы: 2021 жылғы 24 қарашада семинар өтті, ұстаздар әңгімелесті."
RUSSIAN = "Семинар для библиотекарей прошёл 24 ноября 2021 г. в Усть-Каменогорске."


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (KAZAKH, "kz1048"),
        ("Кітапханалар апталығы", "kz1048"),  # only ғ: in cp1251 the same byte is Ukrainian є
        ("Павлодар облысы кітапханасы мен мектебі", "cp1251"),  # Kazakh within cp1251's letters
        (RUSSIAN, "cp1251"),
        ("Бібліотека в Києві відкрила нову залу для читачів.", "cp1251"),
        (RUSSIAN, "koi8-r"),
        (RUSSIAN, "cp866"),
        ("The library in München opened a new hall for the readers.", "latin-1"),
        (KAZAKH, "utf-8"),
        (KAZAKH, "utf-8-sig"),
        (RUSSIAN, "utf-16"),  # with a byte-order mark
        (RUSSIAN, "utf-16-be"),  # with a byte-order mark, added below
        (RUSSIAN, "utf-16-le"),  # without one
    ],
)
def test_text_encodings(tmp_path: Path, text: str, codec: str) -> None:
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    doc = extract(write(tmp_path / "r.txt", data))
    assert doc.text == text and doc.format == "txt"


def test_kazakh_legacy_text_reads_as_kazakh_not_cp1251_junk(tmp_path: Path) -> None:
    doc = extract(write(tmp_path / "r.txt", KAZAKH.encode("kz1048")))
    assert "кітапханасы" in doc.text and "қарашада" in doc.text
    assert not set("ЌЋќћЎўЈјЅѕЄєЇїҐґ") & set(doc.text)
    assert doc.date == dt.date(2021, 11, 24)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(256)) * 8, "binary file, not text"),
        (b"text\x00with\x01nul\x02bytes\x03\x00\x00", "binary file, not text"),
        (bytes(range(1, 256)) * 8, "unknown text encoding"),
    ],
)
def test_binary_and_undecodable_text_is_reported(tmp_path: Path, data: bytes, reason: str) -> None:
    assert failure(write(tmp_path / "r.txt", data)) == reason


def test_text_title_is_the_first_line_and_markup_stays_literal(tmp_path: Path) -> None:
    text = "Book exhibition\n\nLibrarians <b>guided</b> the visitors on 3 March 2020."
    doc = extract(write(tmp_path / "r.txt", text))
    assert doc.title == "Book exhibition"
    assert doc.text == text
    assert doc.date == dt.date(2020, 3, 3)


def test_a_long_first_line_gives_a_shortened_title(tmp_path: Path) -> None:
    doc = extract(write(tmp_path / "r.txt", "библиотека " * 40))
    assert doc.title.endswith("…") and len(doc.title) <= 150
    assert doc.title.startswith("библиотека библиотека")


# --- HTML and Markdown ----------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Mentors in rural libraries</title>
<meta charset="utf-8"><meta name="author" content="S. Toraigyrov Library">
<meta name="date" content="2022-11-24T09:00:00+06:00">
<script>var secret = 1;</script><style>p { color: red }</style></head>
<body><noscript>Enable JavaScript</noscript><template><p>hidden template</p></template>
<h1>Mentors</h1><p>Trained   mentors &amp; <b>rural</b>
librarians.<br>Second line.</p>
<table><tr><th>Region</th><th>Mentors</th></tr><tr><td>Pavlodar</td><td>12</td></tr></table>
<ul><li>one</li><li>two</li></ul></body></html>"""


def test_html_visible_text_title_and_meta(tmp_path: Path) -> None:
    doc = extract(write(tmp_path / "r.html", PAGE))
    assert doc.format == "html"
    assert doc.text == (
        "Mentors\n\nTrained mentors & rural librarians.\nSecond line.\n\n"
        "Region | Mentors\nPavlodar | 12\n\none\ntwo"
    )
    assert doc.title == "Mentors in rural libraries"
    assert doc.author == "S. Toraigyrov Library"
    assert doc.date == dt.date(2022, 11, 24)


def test_html_without_title_uses_the_first_h1_and_declared_charset(tmp_path: Path) -> None:
    page = (
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<h2>Раздел</h2><h1>Семинар библиотекарей</h1><p>Прошёл 24 ноября 2021 г.</p>"
    )
    doc = extract(write(tmp_path / "r.htm", page.encode("cp1251")))
    assert doc.title == "Семинар библиотекарей"
    assert doc.date == dt.date(2021, 11, 24)


def test_a_web_page_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    doc = extract(write(tmp_path / "r.txt", PAGE))
    assert doc.format == "html" and "secret" not in doc.text


def test_markdown_is_rendered_before_reading(tmp_path: Path) -> None:
    text = (
        "# Семинар для библиотекарей\n\n"
        "24 ноября 2021 г. прошёл **семинар** ([программа](http://example.kz/p)).\n\n"
        "- первый пункт\n- второй пункт\n\n"
        "| Город | Участники |\n|---|---|\n| Павлодар | 25 |\n\n"
        "<script>alert('secret')</script>\n"
    )
    doc = extract(write(tmp_path / "r.md", text))
    assert doc.format == "md"
    assert doc.title == "Семинар для библиотекарей"
    assert doc.date == dt.date(2021, 11, 24)
    assert doc.text == (
        "Семинар для библиотекарей\n\n24 ноября 2021 г. прошёл семинар (программа).\n\n"
        "первый пункт\nвторой пункт\n\nГород | Участники\nПавлодар | 25"
    )


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Семинар 24 қараша 2021 ж. өтті", dt.date(2021, 11, 24)),
        ("2021 жылғы 24 қарашада семинар өтті", dt.date(2021, 11, 24)),
        ("2020 жылы 3 наурызда көрме ашылды", dt.date(2020, 3, 3)),
        ("Көрме 15-желтоқсанда 2019 ж. ашылды", dt.date(2019, 12, 15)),
        ("24 ноября 2021 г. в библиотеке", dt.date(2021, 11, 24)),
        ("с 1 по 3 марта 2020 года", dt.date(2020, 3, 3)),
        ("On November 24, 2022 the library", dt.date(2022, 11, 24)),
        ("opened on 3 March 2020 in", dt.date(2020, 3, 3)),
        ("on the 1st of Sept. 2019", dt.date(2019, 9, 1)),
        ("Дата: 24.11.2021", dt.date(2021, 11, 24)),
        ("updated 2023-05-07", dt.date(2023, 5, 7)),
        ("printed 10 December 1987; held 24 ноября 2021 г.", dt.date(2021, 11, 24)),
        ("31.02.2021 is no date, 01.03.2021 is", dt.date(2021, 3, 1)),
        ("Reports of 2021, room 24, phone 24.11", None),
    ],
)
def test_dates_in_three_languages(text: str, date: dt.date | None) -> None:
    assert find_date(text) == date


def test_the_first_date_in_the_text_wins() -> None:
    text = "Отчёт от 05.01.2022. Семинар прошёл 24 ноября 2021 г., 2021 жылғы 24 қарашада."
    assert find_date(text) == dt.date(2022, 1, 5)


# --- real-world PDFs ------------------------------------------------------------------------


def _manifest() -> list[dict[str, str]]:
    path = PDF_REAL / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t"))


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("row", _manifest() or [None], ids=lambda row: row and row["file"])
def test_real_pdfs_are_extracted_or_reported(row: dict[str, str] | None) -> None:
    if row is None:
        shared_data("pdf-real/MANIFEST.tsv")  # skips, naming it
    expected, snippet = row["text_extractable"], row["expected_snippet"]
    started = time.monotonic()
    try:
        doc: Document | None = extract(PDF_REAL / row["file"])
        reason = ""
    except ExtractionError as error:
        doc, reason = None, str(error)
    assert time.monotonic() - started < 30
    if doc is None:
        assert reason.strip() and "\n" not in reason
    if expected.startswith(("yes", "partial")):
        assert doc is not None, reason
        assert _squash(snippet) in _squash(doc.text)
    elif expected == "only with password":
        assert reason == "encrypted: needs a password"
    elif expected.startswith("no (0 chars)"):
        assert reason.startswith("scanned, no text layer")
    elif expected == "garbage":
        # Mojibake is never indexed: the file is refused, or the page is skipped with a warning.
        assert doc is None or (doc.warnings and "7+%" not in doc.text)
    elif expected.startswith("pypdf: error"):
        assert doc is None or _squash(snippet) in _squash(doc.text)
    else:
        assert doc is None


def test_huge_scanned_image_is_reported_without_decoding_it() -> None:
    path = shared_data("pdf-real/hugemono.pdf")
    started = time.monotonic()
    assert failure(path).startswith("scanned, no text layer")
    assert time.monotonic() - started < 2


def test_real_ocr_layer_is_dehyphenated() -> None:
    path = shared_data("pdf-real/Seige_of_Vicksburg_Sample_OCR.pdf")
    doc = extract(path)
    assert "dangerous" in doc.text and "dan-" not in doc.text
    assert len(doc.page_offsets) == 6
    assert page_of(doc, "Johnston is coming") in range(1, 7)


# --- structure: headings and list items, as ranges of the text -------------------------------


def shown_blocks(doc: Document) -> list[tuple[str, str]]:
    """A document's blocks as (kind, the text they cover)."""
    return [(kind, doc.text[start:end]) for start, end, kind in doc.blocks]


def test_html_headings_and_list_items_are_blocks_of_the_text(tmp_path: Path) -> None:
    doc = extract(write(tmp_path / "r.html", PAGE))
    assert shown_blocks(doc) == [("h1", "Mentors"), ("ul", "one"), ("ul", "two")]
    page = (
        "<h2>Программа</h2><ol><li>Открытие<ul><li>приветствие</li></ul></li>"
        "<li>Доклады<br>и вопросы</li></ol><p>Итоги подвели вместе.</p><h3>Итоги</h3>"
    )
    doc = extract(write(tmp_path / "s.html", page))
    assert shown_blocks(doc) == [
        ("h2", "Программа"),
        ("ol", "Открытие"),  # the item's own text; its inner list is a list of its own
        ("ul", "приветствие"),
        ("ol", "Доклады\nи вопросы"),
        ("h3", "Итоги"),
    ]


def test_markdown_headings_and_lists_are_kept(tmp_path: Path) -> None:
    text = (
        "# Семинар для библиотекарей\n\nВступление.\n\n## Программа\n\n"
        "1. открытие\n2. доклады\n\nТекст после списка.\n\n- первый пункт\n- второй пункт\n"
    )
    doc = extract(write(tmp_path / "r.md", text))
    assert shown_blocks(doc) == [
        ("h1", "Семинар для библиотекарей"),
        ("h2", "Программа"),
        ("ol", "открытие"),
        ("ol", "доклады"),
        ("ul", "первый пункт"),
        ("ul", "второй пункт"),
    ]


def test_docx_heading_and_list_styles_are_blocks(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Кітапханашылар семинары", level=0)  # the Title style
    word.add_paragraph("Семинар облыстық кітапханада өтті.")
    word.add_heading("Бағдарлама", level=2)
    word.add_paragraph("ашылу", style="List Number")
    word.add_paragraph("баяндамалар", style="List Number")
    word.add_paragraph("электрондық каталог", style="List Bullet")
    word.add_paragraph("Қорытынды жасалды.")
    word.save(tmp_path / "r.docx")
    doc = extract(tmp_path / "r.docx")
    assert shown_blocks(doc) == [
        ("h1", "Кітапханашылар семинары"),
        ("h2", "Бағдарлама"),
        ("ol", "ашылу"),
        ("ol", "баяндамалар"),
        ("ul", "электрондық каталог"),
    ]


def test_pdf_headings_are_told_by_their_font(tmp_path: Path) -> None:
    """A heading set larger or bolder than the body stays a heading of its own, not the start
    of the paragraph after it («Пленарное заседание» / «Открыла …»)."""
    bold = FONT.with_name("DejaVuSans-Bold.ttf")
    if not bold.is_file():
        pytest.skip(f"DejaVu bold font not found at {bold}")
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.add_font("DejaVu", style="B", fname=str(bold))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, "Областная конференция", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    body = "17 октября 2019 г. в областной библиотеке прошла конференция краеведов. " * 4
    pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(0, 6, "Пленарное заседание", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, "Открыла конференцию директор библиотеки. " * 3)
    doc = extract(write(tmp_path / "r.pdf", bytes(pdf.output())))
    assert shown_blocks(doc) == [("h1", "Областная конференция"), ("h2", "Пленарное заседание")]
    assert "Пленарное заседание\nОткрыла" in doc.text  # the text itself is as before


def test_blocks_past_a_cut_text_are_dropped(tmp_path: Path) -> None:
    items = "".join(f"<li>пункт {n} списка мероприятий</li>" for n in range(200))
    doc = extract(write(tmp_path / "r.html", f"<h1>Начало</h1><ul>{items}</ul>"), max_chars=500)
    assert doc.blocks and all(end <= len(doc.text) for _, end, _ in doc.blocks)
    assert shown_blocks(doc)[0] == ("h1", "Начало")
