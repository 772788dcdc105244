#!/usr/bin/env python3
"""Print extracted text of documents (as check.py extracts it), optionally grep.
Usage: show.py [DOCID ...] | show.py -g REGEX"""
import re, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
BASE = Path(__file__).resolve().parent.parent
LEGACY_ENC = {"ru-03": "cp1251", "ru-07": "cp1251", "kk-05": "kz1048"}

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

docs = {p.stem: p for p in sorted((BASE / "docs").iterdir())}
args = sys.argv[1:]
if args and args[0] == "-g":
    rx = re.compile(args[1], re.I)
    for k, p in docs.items():
        t = extract(p)
        hits = sorted(set(m.group(0) for m in re.finditer(r"\w*(?:" + args[1] + r")\w*", t, re.I)))
        if hits:
            print(f"{k}: {', '.join(hits)}")
else:
    for k in args or docs:
        print(f"===== {k}\n{extract(docs[k])}")
