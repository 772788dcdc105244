#!/usr/bin/env python3
"""Validate the Izde blind evaluation set. Run: /work/main/.venv/bin/python check.py"""
import os, re, sys, collections

ROOT = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(ROOT, "docs")
TYPES = ["ru-morph", "kk-morph", "en-morph", "name-translit", "kk-latin",
         "cross-lingual", "phrase", "typo", "plain"]
errors = []
def err(msg): errors.append(msg)

# ---------- documents
lang_count = collections.Counter(); fmt_count = collections.Counter(); enc_count = collections.Counter()
docids = {}
for fn in sorted(os.listdir(DOCS)):
    path = os.path.join(DOCS, fn)
    m = re.fullmatch(r"((kk|ru|en)-[A-Za-z0-9-]+)\.(txt|docx|pdf|html|md)", fn)
    if not m:
        err(f"bad file name: {fn}"); continue
    docid, lang, ext = m.group(1), m.group(2), m.group(3)
    if docid in docids: err(f"duplicate doc id {docid}")
    docids[docid] = fn
    lang_count[lang] += 1; fmt_count[ext] += 1
    text = None
    try:
        if ext == "docx":
            import docx
            text = "\n".join(p.text for p in docx.Document(path).paragraphs)
        elif ext == "pdf":
            try:
                import pypdf
                text = "\n".join(pg.extract_text() or "" for pg in pypdf.PdfReader(path).pages)
            except ImportError:
                text = None
                if os.path.getsize(path) == 0: err(f"{fn}: empty pdf")
        else:
            raw = open(path, "rb").read()
            try:
                text = raw.decode("utf-8"); enc = "utf-8"
            except UnicodeDecodeError:
                enc = {"ru": "cp1251", "kk": "kz1048"}.get(lang)
                if enc is None: raise
                text = raw.decode(enc)
            if ext == "txt": enc_count[(lang, enc)] += 1
            if ext == "html" and "<h1>" not in text: err(f"{fn}: html without <h1>")
    except Exception as e:
        err(f"{fn}: cannot open ({e})"); continue
    if text is not None:
        plain = re.sub(r"<[^>]+>", " ", text)
        wc = len(plain.split())
        if not 150 <= wc <= 620: err(f"{fn}: {wc} words (want 150-600)")
        years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d)\b", plain)]
        if not any(1995 <= y <= 2026 for y in years): err(f"{fn}: no date 1995-2026")
        if lang in ("kk", "ru") and not re.search(r"[А-Яа-яЁё]", plain): err(f"{fn}: no Cyrillic text")
        if lang == "kk" and not re.search(r"[әғқңөұүһі]", plain.lower()): err(f"{fn}: no Kazakh letters")

if sum(lang_count.values()) < 44: err(f"only {sum(lang_count.values())} docs")
for lang, need in (("kk", 14), ("ru", 14), ("en", 14)):
    if lang_count[lang] < need: err(f"{lang}: {lang_count[lang]} docs")
for ext, need in (("docx", 5), ("pdf", 4), ("html", 4), ("md", 4)):
    if fmt_count[ext] < need: err(f"{ext}: {fmt_count[ext]} files (need {need})")
if enc_count[("ru", "cp1251")] < 2: err("need 2 Russian cp1251 txt files")
if enc_count[("kk", "kz1048")] < 1: err("need 1 Kazakh kz1048 txt file")

# ---------- queries
qtypes = {}
with open(os.path.join(ROOT, "queries.tsv"), encoding="utf-8") as f:
    lines = f.read().split("\n")
if lines[0] != "id\ttype\tquery\tneed": err("queries.tsv: bad header")
for i, line in enumerate(lines[1:], 2):
    if not line: continue
    parts = line.split("\t")
    if len(parts) != 4 or not all(p.strip() for p in parts):
        err(f"queries.tsv line {i}: need 4 non-empty fields"); continue
    qid, typ, query, need = parts
    if qid in qtypes: err(f"duplicate query id {qid}")
    if typ not in TYPES: err(f"{qid}: unknown type {typ}")
    if typ == "phrase" and not re.search(r'"[^"]+"', query): err(f"{qid}: phrase query without quotes")
    qtypes[qid] = typ
tc = collections.Counter(qtypes.values())
if len(qtypes) < 64: err(f"only {len(qtypes)} queries")
for t in TYPES:
    if tc[t] < 7: err(f"type {t}: {tc[t]} queries (need 7)")

# ---------- qrels
seen = set(); g2 = collections.Counter(); nrel = collections.Counter(); gc = collections.Counter()
with open(os.path.join(ROOT, "qrels.tsv"), encoding="utf-8") as f:
    lines = f.read().split("\n")
if lines[0] != "qid\tdocid\tgrade": err("qrels.tsv: bad header")
for i, line in enumerate(lines[1:], 2):
    if not line: continue
    parts = line.split("\t")
    if len(parts) != 3: err(f"qrels line {i}: 3 fields expected"); continue
    qid, docid, grade = parts
    if qid not in qtypes: err(f"qrels line {i}: unknown query {qid}")
    if docid not in docids: err(f"qrels line {i}: no file for doc {docid}")
    if grade not in ("1", "2"): err(f"qrels line {i}: grade {grade}")
    if (qid, docid) in seen: err(f"qrels line {i}: duplicate pair")
    seen.add((qid, docid)); nrel[qid] += 1; gc[grade] += 1
    if grade == "2": g2[qid] += 1
for qid in qtypes:
    if g2[qid] < 1: err(f"{qid}: no grade-2 document")

print("docs per language:", dict(lang_count))
print("docs per format:  ", dict(fmt_count))
print("txt encodings:    ", {f"{l}/{e}": n for (l, e), n in enc_count.items()})
print("queries per type: ", {t: tc[t] for t in TYPES}, "total", len(qtypes))
print("judgments:        ", sum(gc.values()), "grade2", gc["2"], "grade1", gc["1"],
      "| rel/query min/median/max", min(nrel.values()), sorted(nrel.values())[len(nrel)//2], max(nrel.values()))
if errors:
    print("\nERRORS:"); [print(" -", e) for e in errors]; sys.exit(1)
print("OK")
