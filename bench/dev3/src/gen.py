#!/usr/bin/env python3
"""Writes ../docs/ deterministically from texts/*.txt (first line = title, then paragraphs).
Run: /work/main/.venv/bin/python bench/dev3/src/gen.py"""
import datetime, html, io, zipfile
from pathlib import Path

SRC = Path(__file__).resolve().parent / "texts"
OUT = Path(__file__).resolve().parent.parent / "docs"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FIXED = datetime.datetime(2026, 12, 5, 12, 0, 0, tzinfo=datetime.timezone.utc)

FORMAT = {}
for d in "kk-02 ru-03 en-05 kk-09 ru-12 en-10".split(): FORMAT[d] = "docx"
for d in "ru-01 kk-07 en-02 ru-08 kk-13 en-12".split(): FORMAT[d] = "pdf"
for d in "en-01 kk-04 ru-06 en-08 kk-11 ru-15".split(): FORMAT[d] = "html"
for d in "en-03 ru-10 kk-14 en-13".split(): FORMAT[d] = "md"
LEGACY = {"ru-04": "cp1251", "ru-14": "cp1251", "kk-05": "kz1048"}


def read(stem):
    lines = [l.rstrip() for l in (SRC / f"{stem}.txt").read_text(encoding="utf-8").split("\n")]
    return lines[0].lstrip("# ").strip(), [l for l in lines[1:] if l.strip()]


def fix_zip(path):
    """Rewrite a zip with fixed timestamps so the .docx bytes are reproducible."""
    src = zipfile.ZipFile(path)
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            zi = zipfile.ZipInfo(name, date_time=(2026, 12, 5, 12, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    path.write_bytes(buf.getvalue())


def write_docx(stem, title, paras):
    from docx import Document
    doc = Document()
    doc.core_properties.created = FIXED.replace(tzinfo=None)
    doc.core_properties.modified = FIXED.replace(tzinfo=None)
    doc.core_properties.title = title
    doc.add_heading(title, level=1)
    for p in paras:
        doc.add_paragraph(p)
    path = OUT / f"{stem}.docx"
    doc.save(str(path))
    fix_zip(path)


def write_pdf(stem, title, paras):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.set_creation_date(FIXED)
    pdf.set_title(title)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_B)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, title, align="L")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for p in paras:
        pdf.multi_cell(0, 6, p, align="L")
        pdf.ln(2)
    pdf.output(str(OUT / f"{stem}.pdf"))


def write_html(stem, title, paras):
    lang = stem[:2]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    t = html.escape(title)
    (OUT / f"{stem}.html").write_text(
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{t}</title>\n'
        f"</head>\n<body>\n<h1>{t}</h1>\n{body}\n</body>\n</html>\n", encoding="utf-8")


def main():
    OUT.mkdir(exist_ok=True)
    for p in OUT.iterdir():
        p.unlink()
    for src in sorted(SRC.glob("*.txt")):
        stem = src.stem
        fmt = FORMAT.get(stem, "txt")
        title, paras = read(stem)
        if fmt == "docx":
            write_docx(stem, title, paras)
        elif fmt == "pdf":
            write_pdf(stem, title, paras)
        elif fmt == "html":
            write_html(stem, title, paras)
        elif fmt == "md":
            raw = src.read_text(encoding="utf-8")
            assert raw.startswith("# "), stem
            (OUT / f"{stem}.md").write_text(raw, encoding="utf-8")
        elif stem in LEGACY:
            text = "\r\n".join([title] + paras) + "\r\n"
            (OUT / f"{stem}.txt").write_bytes(text.encode(LEGACY[stem]))
        else:
            (OUT / f"{stem}.txt").write_text("\n".join([title] + paras) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
