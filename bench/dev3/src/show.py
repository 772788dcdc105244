#!/usr/bin/env python3
"""Print extracted text of docs, or grep them: show.py [-g REGEX] [docid ...]"""
import re, sys
from pathlib import Path
BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
LEGACY_ENC = {"ru-04": "cp1251", "ru-14": "cp1251", "kk-05": "kz1048"}

def extract(p):
    if p.suffix == ".pdf":
        from pypdf import PdfReader
        return "\n".join(pg.extract_text() or "" for pg in PdfReader(str(p)).pages)
    if p.suffix == ".docx":
        from docx import Document
        return "\n".join(x.text for x in Document(str(p)).paragraphs)
    t = p.read_bytes().decode(LEGACY_ENC.get(p.stem, "utf-8"))
    if p.suffix == ".html":
        t = re.sub(r"<[^>]+>", " ", t)
    return t

args = sys.argv[1:]
pat = None
if args[:1] == ["-g"]:
    pat = re.compile(args[1], re.I); args = args[2:]
for p in sorted((BASE / "docs").iterdir()):
    if args and p.stem not in args: continue
    t = extract(p)
    if pat:
        for line in t.splitlines():
            for m in pat.finditer(line):
                s = max(0, m.start() - 50)
                print(f"{p.stem}: ...{line[s:m.end()+50]}...")
    else:
        print(f"=== {p.name}\n{t}\n")
