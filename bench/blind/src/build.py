"""Build /work/blind-set/docs from src/docs_*.py. Run with /work/main/.venv/bin/python."""
import os, sys, html, re
sys.path.insert(0, os.path.dirname(__file__))
from docs_kk import DOCS as KK
from docs_ru import DOCS as RU
from docs_en import DOCS as EN
OUT = os.path.join(os.path.dirname(__file__), "..", "docs")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ALL = {}
for d in (KK, RU, EN):
    for k, v in d.items():
        assert k not in ALL, k
        ALL[k] = v

def paras(body):
    return [p.strip() for p in body.strip().split("\n\n") if p.strip()]

def write(docid, ext, enc, title, body):
    path = os.path.join(OUT, f"{docid}.{ext}")
    ps = paras(body)
    lang = docid[:2]
    if ext == "txt":
        text = title + "\n\n" + "\n\n".join(ps) + "\n"
        with open(path, "wb") as f:
            f.write(text.replace("\n", "\r\n" if enc != "utf-8" else "\n").encode(enc))
    elif ext == "md":
        text = "# " + title + "\n\n" + "\n\n".join(ps) + "\n"
        open(path, "w", encoding="utf-8").write(text)
    elif ext == "html":
        h = [f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n</head>\n<body>\n<article>\n<h1>{html.escape(title)}</h1>']
        h += [f"<p>{html.escape(p)}</p>" for p in ps]
        h.append("</article>\n</body>\n</html>\n")
        open(path, "w", encoding="utf-8").write("\n".join(h))
    elif ext == "docx":
        import docx
        d = docx.Document()
        d.add_heading(title, level=1)
        for p in ps:
            d.add_paragraph(p)
        d.core_properties.title = title
        d.save(path)
    elif ext == "pdf":
        from fpdf import FPDF
        pdf = FPDF(format="A4")
        pdf.add_font("DejaVu", "", FONT)
        pdf.set_title(title)
        pdf.add_page()
        pdf.set_font("DejaVu", size=15)
        pdf.multi_cell(0, 8, title)
        pdf.ln(4)
        pdf.set_font("DejaVu", size=11)
        for p in ps:
            pdf.multi_cell(0, 6, p)
            pdf.ln(3)
        pdf.output(path)
    else:
        raise ValueError(ext)

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    for docid, (ext, enc, title, body) in sorted(ALL.items()):
        assert re.fullmatch(r"(kk|ru|en)-[a-z0-9-]+", docid), docid
        write(docid, ext, enc, title, body)
        wc = len((title + " " + body).split())
        flag = "" if 150 <= wc <= 600 else "  <-- WORDCOUNT"
        print(f"{docid:55s} {ext:5s} {enc:7s} {wc}{flag}")
    print(len(ALL), "docs")
