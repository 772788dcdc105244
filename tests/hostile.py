"""Hostile and broken input, as a library's upload folder really holds it, written on demand.

`write_hostile(root)` writes one folder per category under `root`; `tally(report, tried)` says,
per category, how many files an indexing run indexed, reported with a reason, or crashed on (a
file it lost track of, or a worker crash or extractor bug rather than a reasoned refusal).
Used by tests/test_hostile.py and bench/hostile_table.py.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import zipfile
from pathlib import Path

from helpers import CORPUS, FONT, PDF_REAL

from search.indexer import Report

GOOD_FILES = (
    "kk-2019-seminar-kitaphanashylar.pdf",
    "ru-2020-shkola-nastavnichestva.docx",
    "en-2025-library-week-reading-mentors.txt",
    "kk-2022-olketanu-kormesi.html",
    "ru-2022-proforientaciya.md",
)
# Files cut at random offsets: self-made reports of each binary format.
TRUNCATED_SOURCES = (
    "en-2019-mentoring-programme.pdf",
    "kk-2021-cifrlandyru-konferenciya.pdf",
    "ru-2021-kursy-povysheniya-kvalifikacii.pdf",
    "kk-2020-auyldyq-kitaphanalar-kezdesu.docx",
    "ru-2022-ocifrovka-fondov.docx",
)
CUTS_PER_FILE = 5

SCAN_LINES = (
    "Кітапханалар апталығы",
    "",
    "Облыстық кітапханада семинар өтті.",
    "Семинарға аудандық кітапханалардың",
    "қызметкерлері қатысты.",
    "",
    "Семинар для библиотекарей прошёл",
    "в областной библиотеке.",
)
CATEGORIES = (
    "good",
    "pdf-real",
    "truncated",
    "garbage",
    "zip-bomb",
    "huge",
    "scanned",
    "names",
    "empty",
    "links",
)
# Reasons that mean the worker crashed or an extractor had a bug: not a reasoned refusal.
CRASHES = ("extractor crashed", "extractor error")


def write_hostile(root: Path, seed: int = 2026, huge_mb: int = 50) -> dict[str, int]:
    """Write every category under `root/<category>/`; the number of files of each."""
    rng = random.Random(seed)
    writers = {
        "good": _good,
        "pdf-real": _pdf_real,
        "truncated": lambda folder: _truncated(folder, rng),
        "garbage": lambda folder: _garbage(folder, rng),
        "zip-bomb": _zip_bombs,
        "huge": lambda folder: _huge(folder, rng, huge_mb),
        "scanned": _scanned,
        "names": _names,
        "empty": _empty,
        "links": _links,
    }
    tried = {}
    for category in CATEGORIES:
        folder = root / category
        folder.mkdir(parents=True)
        writers[category](folder)
        tried[category] = _count(folder)
    return tried


def tally(report: Report, tried: dict[str, int]) -> dict[str, dict[str, int]]:
    """Per category: files tried, indexed, reported with a reason, and crashed on."""
    indexed = [*report.added, *report.updated, *report.unchanged]
    rows = {}
    for category, count in tried.items():
        prefix = f"{category}/"
        reasons = [reason for doc_id, reason in report.failed if doc_id.startswith(prefix)]
        crashes = [reason for reason in reasons if reason.startswith(CRASHES)]
        done = sum(doc_id.startswith(prefix) for doc_id in indexed)
        rows[category] = {
            "tried": count,
            "indexed": done,
            "reported": len(reasons) - len(crashes),
            "crashed": len(crashes) + count - done - len(reasons),
        }
    return rows


def _count(folder: Path) -> int:
    """Entries an indexing run must account for: files, links and pipes, not folders."""
    count = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        count += len(filenames) + sum(Path(dirpath, d).is_symlink() for d in dirnames)
    return count


def _good(folder: Path) -> None:
    for name in GOOD_FILES:
        shutil.copyfile(CORPUS / name, folder / name)


def _pdf_real(folder: Path) -> None:
    for path in sorted(PDF_REAL.glob("*.pdf")):
        shutil.copyfile(path, folder / path.name)


def _truncated(folder: Path, rng: random.Random) -> None:
    for name in TRUNCATED_SOURCES:
        data = (CORPUS / name).read_bytes()
        cuts = {len(data) // 2, *(rng.randrange(1, len(data)) for _ in range(CUTS_PER_FILE - 1))}
        for cut in sorted(cuts):
            path = folder / f"{Path(name).stem}-cut{cut}{Path(name).suffix}"
            path.write_bytes(data[:cut])


def _garbage(folder: Path, rng: random.Random) -> None:
    word = (CORPUS / GOOD_FILES[1]).read_bytes()
    pdf = (CORPUS / GOOD_FILES[0]).read_bytes()
    files = {
        "random.pdf": rng.randbytes(20_000),
        "random.docx": rng.randbytes(20_000),
        "text.pdf": "Это не PDF, а текст.\n".encode() * 50,
        "png.pdf": b"\x89PNG\r\n\x1a\n" + rng.randbytes(5000),
        "header-only.pdf": b"%PDF-1.7\n",
        "pdf-then-garbage.pdf": b"%PDF-1.4\n" + rng.randbytes(20_000),
        "not-word.docx": _zip({"notes.txt": b"just a zip"}),
        "old-word.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(5000),
        "web-page.docx": b"<html><body><p>A saved page</p></body></html>",
        "excel.docx": _zip({"xl/workbook.xml": b"<workbook/>"}),
        "word-renamed.pdf": word,  # read as Word: indexed
        "pdf-renamed.docx": pdf,  # read as PDF: indexed
        "nested-arrays.pdf": _nested_pdf(100_000),
        "nested-tags.html": b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000,
        "binary.txt": rng.randbytes(10_000),
        "utf16-no-bom.txt": "Кітапхана апталығы өтті.\n".encode("utf-16-le") * 20,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


def _nested_pdf(depth: int) -> bytes:
    """A PDF whose page carries an array nested `depth` deep: a parser's recursion bomb."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Junk "
        + b"[" * depth
        + b"]" * depth
        + b" >>",
    ]
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of `objects` (numbered from 1) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip_bombs(folder: Path) -> None:
    # word/document.xml of 150 MB in a file of about 150 KB.
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w") as part:
            part.write(b"<w:document " + _W + b"><w:body>")
            paragraph = b"<w:p><w:r><w:t>bomb</w:t></w:r></w:p>" * 1000
            for _ in range(150 * 2**20 // len(paragraph)):
                part.write(paragraph)
            part.write(b"</w:body></w:document>")
    # Entities that would expand to gigabytes ("billion laughs"), if a parser expanded them.
    laughs = b'<!DOCTYPE d [<!ENTITY a "ha">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + i, b"&%c;" % (ord("a") + i) * 10) for i in range(9)
    )
    document = (
        b'<?xml version="1.0"?>' + laughs + b"]><w:document " + _W + b"><w:body>"
        b"<w:p><w:r><w:t>Laughs &j;</w:t></w:r></w:p></w:body></w:document>"
    )
    (folder / "laughs.docx").write_bytes(
        _zip(
            {
                "[Content_Types].xml": _CONTENT_TYPES,
                "_rels/.rels": _RELS,
                "word/document.xml": document,
            }
        )
    )


def _huge(folder: Path, rng: random.Random, megabytes: int) -> None:
    text = "\n\n".join(
        (CORPUS / name).read_text(encoding="utf-8")
        for name in sorted(os.listdir(CORPUS))
        if name.endswith(".md")
    ).encode("utf-8")
    size = megabytes * 2**20
    (folder / "dump.txt").write_bytes((text * (size // len(text) + 1))[:size])
    _big_pdf(folder / "annual-report.pdf", rng, megabytes=40)
    # Beyond the file size limit; sparse, so it takes no disk space where that is possible.
    with (folder / "video-renamed.txt").open("wb") as file:
        file.truncate(250 * 2**20)


def _big_pdf(path: Path, rng: random.Random, megabytes: int) -> None:
    """An annual report of `megabytes` MB: a page of text and a photograph (noise) per page."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    side = 1400  # a noise photograph of 1400² px is about 2 MB, whatever the compression
    for number in range(1, megabytes // 2 + 1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(0, 6, f"Жылдық есеп, {number}-бет. Годовой отчёт библиотеки, стр. {number}.")
        photo = Image.frombytes("L", (side, side), rng.randbytes(side * side))
        pdf.image(photo, x=10, y=40, w=190)
    pdf.output(str(path))


def _scanned(folder: Path) -> None:
    scanned_pdf(folder / "scan-kk-ru.pdf", [SCAN_LINES])
    scanned_pdf(folder / "blank-scan.pdf", [()])
    scanned_pdf(folder / "text-then-scan.pdf", [SCAN_LINES], text_first="Жылдық есеп 2021")


def scanned_pdf(path: Path, pages: list[tuple[str, ...]], text_first: str = "") -> None:
    """A PDF of scanned pages: the lines of each page rendered to a 300 dpi greyscale image."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 42)  # 10 pt at 300 dpi
    pdf = FPDF()
    if text_first:
        pdf.add_font("DejaVu", "", str(FONT))
        pdf.add_page()
        pdf.set_font("DejaVu", size=14)
        pdf.multi_cell(0, 10, text_first)
    for lines in pages:
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((200, 200 + 70 * row), line, font=font, fill=0)
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=210, h=297)
    pdf.output(str(path))


def _names(folder: Path) -> None:
    text = "Кітапхана апталығы\n\nОблыстық кітапханада семинар өтті.".encode()
    names = [
        'it\'s "quoted".txt',
        "<script>alert(1)<script>.txt",  # no "/": it would be a folder
        "<img src=x onerror=alert(1)>.txt",
        "$(touch pwned); rm -rf ~.txt",
        "a|b&c;d`e`.txt",
        "-rf --help.txt",
        "%s%n%x.txt",
        "new\nline.txt",
        "tab\tand space .txt",
        "Отчёт № 5 «итоги».txt",
        "кітапхана" * 12 + ".txt",  # 220 bytes, near the 255-byte limit
    ]
    if os.name == "nt":  # names Windows cannot hold
        names = [n for n in names if not set(n) & set('<>:"|?*\n\t')]
    for name in names:
        (folder / name).write_bytes(text)
    if os.name == "posix":  # file names as bytes, not necessarily UTF-8
        raw = os.fsencode(folder)
        for name in (b"\xff\xfe-latin1-\xe9t\xe9.txt", "Отчёт 2021.txt".encode("cp1251")):
            with open(raw + b"/" + name, "wb") as file:
                file.write(text)


def _empty(folder: Path) -> None:
    for name in ("empty.pdf", "empty.docx", "empty.txt", "empty.html", "empty.md"):
        (folder / name).write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\n\t \n")
    (folder / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (folder / "tags-only.html").write_bytes(b"<html><body><p> </p></body></html>")
    (folder / "blank-page.pdf").write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            ]
        )
    )


def _links(folder: Path) -> None:
    """Links that loop, dangle or leave the folder, a pipe, and a folder named like a report."""
    (folder / "folder.pdf").mkdir()
    (folder / "folder.pdf" / "inside.txt").write_text("Кітапхана\n\nІшкі есеп.", "utf-8")
    if os.name != "posix":
        return
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "ping.txt").symlink_to("pong.txt")
    (folder / "pong.txt").symlink_to("ping.txt")
    (folder / "dangling.pdf").symlink_to("no-such-file.pdf")
    (folder / "outside.txt").symlink_to(CORPUS / GOOD_FILES[2])
    (folder / "up").symlink_to("..", target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
