"""Judging helper: print documents or grep them (case-insensitive regex) after text extraction.
usage: show.py print kk-01 ru-02 ... | show.py grep REGEX [REGEX...]"""
import re, sys, html
from pathlib import Path
BASE = Path(__file__).resolve().parent.parent
ENC = {"ru-04": "cp1251", "ru-14": "cp1251", "kk-05": "kz1048"}

def extract(p: Path) -> str:
    ext = p.suffix
    if ext == ".pdf":
        from pypdf import PdfReader
        return "\n".join(pg.extract_text() or "" for pg in PdfReader(str(p)).pages)
    if ext == ".docx":
        from docx import Document
        return "\n".join(x.text for x in Document(str(p)).paragraphs)
    raw = p.read_bytes().decode(ENC.get(p.stem, "utf-8"))
    if ext == ".html":
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return raw

def docs():
    return sorted((BASE / "docs").iterdir())

if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "print":
        for p in docs():
            if p.stem in args or not args:
                print("=" * 20, p.name); print(extract(p))
    elif cmd == "grep":
        for p in docs():
            t = extract(p)
            hits = []
            for a in args:
                for m in re.finditer(a, t, re.I):
                    hits.append(t[max(0, m.start()-40):m.end()+40].replace("\n", " "))
            if hits:
                print(f"{p.stem}: {len(hits)} | " + " || ".join(hits[:3]))
