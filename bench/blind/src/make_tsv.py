import os, sys
sys.path.insert(0, os.path.dirname(__file__))
from queries import Q, A
ROOT = os.path.join(os.path.dirname(__file__), "..")
NOCAP = {"cross-lingual"}
with open(os.path.join(ROOT, "queries.tsv"), "w", encoding="utf-8", newline="\n") as f:
    f.write("id\ttype\tquery\tneed\n")
    for x in Q:
        for k in ("id", "type", "query", "need"):
            assert "\t" not in x[k] and "\n" not in x[k]
        f.write(f"{x['id']}\t{x['type']}\t{x['query']}\t{x['need']}\n")
n = 0
with open(os.path.join(ROOT, "qrels.tsv"), "w", encoding="utf-8", newline="\n") as f:
    f.write("qid\tdocid\tgrade\n")
    for x in Q:
        rows = []
        for alias, g in x["grades"].items():
            doc = A[alias]
            if x["type"] not in NOCAP and not x["name"] and doc[:2] != x["lang"]:
                g = min(g, 1)
            if g > 0:
                rows.append((doc, g))
        assert len(set(d for d, _ in rows)) == len(rows)
        for doc, g in sorted(rows, key=lambda t: (-t[1], t[0])):
            f.write(f"{x['id']}\t{doc}\t{g}\n"); n += 1
print(len(Q), "queries,", n, "judgments")
