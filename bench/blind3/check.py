#!/usr/bin/env python3
"""Validator for bench/blind3 (frozen blind evaluation set, written 2026-12-05).
Run: /work/main/.venv/bin/python bench/blind3/check.py"""
import csv, re, sys
from collections import Counter
from pathlib import Path

BASE = Path(__file__).resolve().parent
DOCS = BASE / "docs"
LEGACY_ENC = {"ru-03": "cp1251", "ru-07": "cp1251", "kk-05": "kz1048"}
TYPES = {"ru-morph", "kk-morph", "en-morph", "name-translit", "kk-latin",
         "cross-lingual", "phrase", "typo", "plain"}
errors = []
def err(m): errors.append(m)

def extract(p):
    ext = p.suffix
    if ext == ".pdf":
        from pypdf import PdfReader
        return "\n".join(pg.extract_text() or "" for pg in PdfReader(str(p)).pages)
    if ext == ".docx":
        from docx import Document
        return "\n".join(x.text for x in Document(str(p)).paragraphs)
    raw = p.read_bytes()
    enc = LEGACY_ENC.get(p.stem, "utf-8")
    text = raw.decode(enc)  # raises on bad encoding
    if enc != "utf-8":
        if b"\r\n" not in raw: err(f"{p.name}: legacy-encoded file should use CRLF")
        try:
            raw.decode("utf-8"); err(f"{p.name}: expected {enc}, but file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if ext == ".html":
        if not re.search(r"<title>[^<]+</title>", text): err(f"{p.name}: no <title>")
        text = re.sub(r"<[^>]+>", " ", text)
    if ext == ".md" and not text.startswith("# "): err(f"{p.name}: md must start with '# '")
    return text

# documents
doc_ids = {}
for p in sorted(DOCS.iterdir()):
    if not re.fullmatch(r"(kk|ru|en)-\d\d\.(txt|docx|pdf|html|md)", p.name):
        err(f"bad doc file name {p.name}"); continue
    if p.stem in doc_ids: err(f"duplicate doc id {p.stem}")
    try:
        t = extract(p)
    except Exception as e:
        err(f"{p.name}: cannot extract: {e}"); continue
    n = len(re.findall(r"\w+", t))
    if n < 100: err(f"{p.name}: text too short ({n} words)")
    doc_ids[p.stem] = p

# queries
with open(BASE / "queries.tsv", encoding="utf-8", newline="") as f:
    lines = f.read().split("\n")
if lines[0] != "id\ttype\tquery\tneed": err("queries.tsv header")
qids, qtypes = [], {}
for ln in lines[1:]:
    if not ln: continue
    parts = ln.split("\t")
    if len(parts) != 4: err(f"queries.tsv: bad line {ln!r}"); continue
    qid, typ, q, need = parts
    if qid in qtypes: err(f"duplicate query id {qid}")
    if typ not in TYPES: err(f"{qid}: unknown type {typ}")
    if not q.strip() or not need.strip(): err(f"{qid}: empty field")
    qids.append(qid); qtypes[qid] = typ

# qrels
with open(BASE / "qrels.tsv", encoding="utf-8") as f:
    rl = f.read().split("\n")
if rl[0] != "qid\tdocid\tgrade": err("qrels.tsv header")
seen, best = set(), Counter()
for ln in rl[1:]:
    if not ln: continue
    parts = ln.split("\t")
    if len(parts) != 3: err(f"qrels: bad line {ln!r}"); continue
    qid, d, g = parts
    if qid not in qtypes: err(f"qrels: unknown query {qid}")
    if d not in doc_ids: err(f"qrels: unknown doc {d}")
    if g not in ("1", "2"): err(f"qrels: bad grade {ln!r}")
    if (qid, d) in seen: err(f"qrels: duplicate {qid} {d}")
    seen.add((qid, d))
    if g == "2": best[qid] += 1
for qid in qids:
    if not best[qid]: err(f"{qid}: no grade-2 document")

print(f"documents: {len(doc_ids)} {dict(Counter(k[:2] for k in doc_ids))} "
      f"formats {dict(Counter(p.suffix for p in doc_ids.values()))}")
print(f"queries: {len(qids)} {dict(Counter(qtypes.values()))}")
print(f"judgments: {len(seen)} (grade 2: {sum(best.values())})")
if errors:
    print("\n".join("ERROR: " + e for e in errors)); sys.exit(1)
print("OK")
