#!/usr/bin/env python3
"""Write bench/blind3/docs/ deterministically from src/texts/*.txt.
Each source text: first line = title, blank line, paragraphs separated by blank lines.
Run: /work/main/.venv/bin/python bench/blind3/src/gen.py"""
import html, io, shutil, zipfile
from pathlib import Path

SRC = Path(__file__).resolve().parent / "texts"
DOCS = Path(__file__).resolve().parent.parent / "docs"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

FMT = {
    "kk-02": "docx", "kk-11": "docx", "ru-04": "docx", "ru-10": "docx", "en-02": "docx", "en-11": "docx",
    "kk-03": "pdf", "kk-10": "pdf", "ru-02": "pdf", "ru-11": "pdf", "en-05": "pdf", "en-09": "pdf",
    "kk-06": "html", "kk-13": "html", "ru-05": "html", "ru-13": "html", "en-03": "html", "en-08": "html",
    "kk-08": "md", "ru-08": "md", "en-04": "md", "en-12": "md",
}
LEGACY = {"ru-03": "cp1251", "ru-07": "cp1251", "kk-05": "kz1048"}


def parse(p):
    text = p.read_text(encoding="utf-8").strip()
    title, _, body = text.partition("\n")
    paras = [x.strip() for x in body.strip().split("\n\n") if x.strip()]
    return title.strip(), paras


def write_docx(out, title, paras):
    from docx import Document
    d = Document()
    d.core_properties.title = title
    d.core_properties.author = "blind3"
    import datetime
    fixed = datetime.datetime(2026, 12, 5, 0, 0, 0)
    d.core_properties.created = fixed
    d.core_properties.modified = fixed
    d.add_heading(title, level=1)
    for para in paras:
        d.add_paragraph(para)
    d.save(str(out))
    # normalise zip timestamps for determinism
    buf = io.BytesIO()
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.filename):
            data = zin.read(info.filename)
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 5, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, data)
    out.write_bytes(buf.getvalue())


def write_pdf(out, title, paras):
    from fpdf import FPDF
    import datetime
    pdf = FPDF()
    pdf.set_creation_date(datetime.datetime(2026, 12, 5, tzinfo=datetime.timezone.utc))
    pdf.set_title(title)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=15)
    pdf.multi_cell(0, 8, title)
    pdf.ln(4)
    pdf.set_font("DejaVu", size=11)
    for para in paras:
        pdf.multi_cell(0, 6, para)
        pdf.ln(3)
    pdf.output(str(out))


def write_html(out, title, paras):
    body = "\n".join(f"<p>{html.escape(p)}</p>".replace("\n", "<br>\n") for p in paras)
    out.write_text(
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n{body}\n</body>\n</html>\n",
        encoding="utf-8")


def main():
    if DOCS.exists():
        shutil.rmtree(DOCS)
    DOCS.mkdir()
    for p in sorted(SRC.glob("*.txt")):
        stem = p.stem
        title, paras = parse(p)
        fmt = FMT.get(stem, "txt")
        out = DOCS / f"{stem}.{fmt}"
        if fmt == "docx":
            write_docx(out, title, paras)
        elif fmt == "pdf":
            write_pdf(out, title, paras)
        elif fmt == "html":
            write_html(out, title, paras)
        elif fmt == "md":
            out.write_text(f"# {title}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        else:
            text = title + "\n\n" + "\n\n".join(paras) + "\n"
            if stem in LEGACY:
                out.write_bytes(text.replace("\n", "\r\n").encode(LEGACY[stem]))
            else:
                out.write_text(text, encoding="utf-8")
    print(f"wrote {len(list(DOCS.iterdir()))} documents to {DOCS}")


if __name__ == "__main__":
    main()
