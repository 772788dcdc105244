"""Generate bench/blind2/docs from src/docs_{kk,ru,en}.txt.
Header line format: '@@@ <docid> <ext> [encoding]'; next non-empty line is the title,
then paragraphs separated by blank lines."""
import html, os, re, sys
from pathlib import Path
from docx import Document
from fpdf import FPDF

BASE = Path(__file__).resolve().parent.parent
DOCS = BASE / "docs"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONTB = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

def parse():
    out = []
    for lang in ("kk", "ru", "en"):
        text = (BASE / "src" / f"docs_{lang}.txt").read_text(encoding="utf-8")
        for chunk in text.split("@@@ ")[1:]:
            head, _, body = chunk.partition("\n")
            parts = head.split()
            docid, ext = parts[0], parts[1]
            enc = parts[2] if len(parts) > 2 else "utf-8"
            paras = [re.sub(r"\s*\n\s*", " ", p).strip() for p in body.strip().split("\n\n")]
            paras = [p for p in paras if p]
            out.append(dict(id=docid, ext=ext, enc=enc, title=paras[0], paras=paras[1:]))
    return out

def write(d):
    path = DOCS / f"{d['id']}.{d['ext']}"
    t, ps = d["title"], d["paras"]
    if d["ext"] == "txt":
        nl = "\r\n" if d["enc"] != "utf-8" else "\n"
        s = nl.join([t, ""] + [x for p in ps for x in (p, "")]).rstrip() + nl
        path.write_bytes(s.encode(d["enc"]))
    elif d["ext"] == "md":
        s = "\n".join([f"# {t}", ""] + [x for p in ps for x in (p, "")]).rstrip() + "\n"
        path.write_text(s, encoding="utf-8")
    elif d["ext"] == "html":
        lang = d["id"][:2]
        body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in ps)
        s = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
             f"<title>{html.escape(t, quote=False)}</title>\n</head>\n<body>\n"
             f"<h1>{html.escape(t, quote=False)}</h1>\n{body}\n</body>\n</html>\n")
        path.write_text(s, encoding="utf-8")
    elif d["ext"] == "docx":
        doc = Document()
        doc.core_properties.title = t
        doc.add_heading(t, level=1)
        for p in ps:
            doc.add_paragraph(p)
        doc.save(str(path))
    elif d["ext"] == "pdf":
        pdf = FPDF()
        pdf.set_title(t)
        pdf.add_font("DejaVu", "", FONT)
        pdf.add_font("DejaVu", "B", FONTB)
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 14)
        pdf.multi_cell(0, 8, t, align="L")
        pdf.ln(4)
        pdf.set_font("DejaVu", "", 11)
        for p in ps:
            pdf.multi_cell(0, 6, p, align="L")
            pdf.ln(3)
        pdf.output(str(path))
    else:
        raise ValueError(d["ext"])

if __name__ == "__main__":
    DOCS.mkdir(exist_ok=True)
    for f in DOCS.iterdir():
        f.unlink()
    docs = parse()
    for d in docs:
        write(d)
        n = len((" ".join([d["title"]] + d["paras"])).split())
        print(d["id"], d["ext"], d["enc"], n)
    print(len(docs), "documents")
