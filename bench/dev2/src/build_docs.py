"""Write docs/<docid>.txt from the docs_* modules and report word counts."""
import os, re, sys
sys.path.insert(0, os.path.dirname(__file__))
from docs_ru import DOCS as RU
from docs_kk import DOCS as KK
from docs_en import DOCS as EN

out = os.path.join(os.path.dirname(__file__), "..", "docs")
os.makedirs(out, exist_ok=True)
allDocs = {**RU, **KK, **EN}
short = 0
for did, text in sorted(allDocs.items()):
    text = text.strip() + "\n"
    assert "\t" not in text
    n = len(re.findall(r"\w+", text))
    short += n <= 200
    flag = "" if 120 <= n <= 500 else "  <-- OUT OF RANGE"
    print(f"{did}\t{n}{flag}")
    with open(os.path.join(out, did + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
print("docs", len(allDocs), "ru", len(RU), "kk", len(KK), "en", len(EN), "short(<=200)", short)
