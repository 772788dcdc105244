"""Relevance judgments for dev2, written after reading every document
(printed with show_docs.py). Writes ../qrels.tsv and checks consistency."""
import os, glob, csv
from collections import Counter

J = {
# ---- ru-morph (grade 2 only for Russian documents) ----
"d001": "ru-03:2 ru-19:1 ru-14:1 ru-09:1 kk-03:1 en-03:1 kk-01:1 kk-09:1 kk-07:1 en-01:1",
"d002": "ru-02:2 kk-02:1 en-02:1 kk-09:1",
"d003": "ru-06:2 kk-05:1 en-04:1",
"d004": "ru-09:2 ru-19:1 kk-07:1 kk-03:1 en-03:1",
"d005": "ru-10:2 en-07:1 kk-12:1",
"d006": "ru-08:2 kk-06:1 ru-12:1 ru-17:1",
"d007": "ru-12:2 ru-01:1 en-08:1 ru-05:1",
"d008": "ru-11:2 ru-18:1 ru-02:1 kk-14:1 en-06:1 kk-13:1 kk-09:1 en-02:1",
"d009": "ru-18:2 kk-13:1 kk-09:1 en-07:1",
"d010": "ru-14:2 kk-08:1 en-09:1",
"d011": "ru-12:2 ru-07:1 kk-09:1 en-07:1 en-05:1",
"d012": "ru-04:2 en-10:1 kk-09:1 kk-06:1 kk-03:1 en-03:1",
"d013": "ru-17:2 ru-12:1 kk-12:1 kk-02:1 kk-09:1",
"d014": "ru-10:2 ru-17:1 ru-15:1 ru-20:1 kk-12:1 en-07:1 en-08:1 kk-10:1",
"d015": "ru-15:2 kk-10:1",
"d016": "ru-16:2 kk-15:1 en-06:1 en-07:1",
"d017": "ru-13:2 ru-08:1 kk-11:1 kk-09:1 en-07:1",
"d018": "ru-05:2 kk-04:1",
"d019": "ru-04:2 en-10:1 ru-09:1",
"d020": "ru-07:2 ru-03:1 en-05:1 kk-05:1 kk-03:1 en-03:1 kk-12:1",
"d021": "ru-10:2 ru-18:1 ru-15:1 ru-09:1 kk-02:1 en-07:1 en-08:1",
"d022": "ru-12:2 kk-09:1 en-07:1",
"d023": "ru-01:2 kk-01:1 en-01:1",
"d024": "ru-18:2 kk-13:1",
"d025": "ru-12:2 ru-02:1 en-08:1 en-02:1",
"d026": "ru-01:2 kk-01:1 en-01:1",
"d027": "ru-20:2",
"d028": "ru-03:2 ru-09:2 ru-19:1 kk-03:1 en-03:1 kk-07:1",
"d029": "ru-18:2 kk-13:1 kk-09:1 en-07:1 ru-11:1 kk-14:1",
"d030": "ru-07:2 en-05:1 en-07:1 ru-10:1",
# ---- cross-lingual (no language cap) ----
"d031": "ru-02:2 kk-02:2 en-02:2 kk-09:1",
"d032": "ru-03:2 kk-03:2 en-03:2 kk-01:1 ru-19:1 ru-14:1 kk-09:1 ru-09:1 kk-07:1 en-01:1",
"d033": "ru-06:2 kk-05:2 en-04:2 en-07:1",
"d034": "kk-01:2 en-01:2 ru-01:1",
"d035": "ru-07:2 en-05:2 ru-03:1 kk-03:1 en-03:1 kk-05:1 kk-12:1",
"d036": "ru-05:2 kk-04:2",
"d037": "ru-09:2 kk-07:2 ru-19:1 kk-03:1 en-03:1",
"d038": "ru-14:2 kk-08:2 en-09:2",
"d039": "ru-15:2 kk-10:2",
"d040": "ru-11:2 kk-14:2 en-06:2 ru-18:1 kk-13:1 kk-09:1 ru-02:1 en-02:1",
"d041": "ru-18:2 kk-13:2 kk-09:1 en-07:1",
"d042": "ru-08:2 kk-06:2",
"d043": "kk-12:2 ru-10:2 en-07:1 en-08:1",
"d044": "ru-12:2 kk-09:2 en-07:2",
"d045": "kk-15:2 ru-16:2 en-06:2 en-07:1",
"d046": "ru-04:2 en-10:2 kk-09:1 kk-06:1",
"d047": "ru-17:2 kk-12:2 en-08:2 ru-06:2 kk-05:2 en-04:2 ru-03:1 kk-03:1 en-07:1 kk-09:1 en-10:1 kk-02:1 ru-12:1",
"d048": "kk-11:2 ru-13:2 kk-09:1 en-07:1 ru-08:1 kk-06:1 kk-01:1",
"d049": "en-08:2 ru-17:1",
"d050": "ru-10:2 en-07:2 kk-12:1 kk-09:1",
"d051": "ru-09:2 kk-07:2",
"d052": "ru-18:2 kk-13:2 kk-09:1 en-07:1",
"d053": "ru-20:2",
"d054": "kk-03:2 en-03:2",
"d055": "ru-17:2 kk-12:2 kk-02:2 ru-12:1 kk-09:1",
# ---- kk-latin (grade 2 only for Kazakh documents) ----
"d056": "kk-03:2 kk-01:1 kk-09:1 kk-07:1 ru-03:1 en-03:1",
"d057": "kk-04:2 ru-05:1",
"d058": "kk-05:2 ru-06:1 en-04:1 en-07:1",
"d059": "kk-06:2 ru-08:1",
"d060": "kk-02:2 kk-09:1 ru-02:1 en-02:1",
"d061": "kk-01:2 en-01:1 ru-01:1",
"d062": "kk-10:2 ru-15:1",
"d063": "kk-07:2 kk-03:1 ru-09:1 en-03:1",
"d064": "kk-14:2 kk-13:1 kk-09:1 ru-11:1 en-06:1 ru-18:1 ru-02:1 en-02:1",
"d065": "kk-08:2 ru-14:1 en-09:1",
# ---- name-translit (name-only queries uncapped; d069 ru, d075 en capped) ----
"d066": "ru-01:2 kk-01:2 en-01:2 ru-14:1 kk-08:1 en-09:1 ru-18:1 kk-13:1",
"d067": "ru-14:2 kk-08:2 en-09:2",
"d068": "ru-01:2 kk-01:2 en-01:2 ru-18:2 kk-13:2 ru-13:1",
"d069": "ru-05:2 kk-04:1",
"d070": "ru-12:2 ru-02:2 kk-02:2 kk-09:2 en-02:2",
"d071": "ru-08:2 kk-06:2 ru-07:1 ru-15:1 ru-20:1 kk-10:1 en-05:1 en-07:1",
"d072": "ru-06:2 kk-05:2 en-04:2",
"d073": "ru-19:2",
"d074": "ru-04:2 en-10:2",
"d075": "en-08:2 ru-03:1 kk-03:1",
# ---- plain (grade 2 only in the query's language) ----
"d076": "ru-04:2 en-10:1",
"d077": "ru-15:2 kk-10:1",
"d078": "ru-02:2 kk-02:1 en-02:1 kk-09:1",
"d079": "en-08:2 ru-12:1",
"d080": "en-07:2 en-05:2 ru-07:1",
"d081": "kk-13:2 kk-09:2 ru-18:1",
"d082": "kk-05:2 ru-06:1 en-04:1",
"d083": "ru-19:2 ru-14:2 ru-01:1 kk-08:1 en-09:1 kk-01:1",
"d084": "ru-16:2 kk-15:1 en-06:1",
"d085": "kk-15:2 ru-16:1 en-06:1",
"d086": "ru-09:2 kk-07:1",
"d087": "en-07:2",
"d088": "kk-11:2",
"d089": "ru-13:2",
"d090": "en-01:2 kk-01:1 ru-01:1",
}

# language cap for grade 2 (None = not capped)
PLAIN_LANG = {"d076":"ru","d077":"ru","d078":"ru","d079":"en","d080":"en","d081":"kk",
              "d082":"kk","d083":"ru","d084":"ru","d085":"kk","d086":"ru","d087":"en",
              "d088":"kk","d089":"ru","d090":"en"}
def cap(qid, qtype):
    if qtype == "ru-morph": return "ru"
    if qtype == "kk-latin": return "kk"
    if qtype == "plain": return PLAIN_LANG[qid]
    if qtype == "name-translit": return {"d069":"ru","d075":"en"}.get(qid)
    return None

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
docs = {os.path.basename(p)[:-4] for p in glob.glob(os.path.join(root, "docs", "*.txt"))}
with open(os.path.join(root, "queries.tsv"), encoding="utf-8") as f:
    qs = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
qtype = {q["id"]: q["type"] for q in qs}
assert set(qtype) == set(J), set(qtype) ^ set(J)
rows = []
for q in qs:
    qid = q["id"]
    seen = set()
    for item in J[qid].split():
        did, g = item.split(":")
        g = int(g)
        assert did in docs, (qid, did)
        assert did not in seen, (qid, did)
        seen.add(did)
        c = cap(qid, qtype[qid])
        if c and g == 2:
            assert did.startswith(c), (qid, did, "language cap")
        rows.append((qid, did, g))
    assert any(r[0] == qid and r[2] == 2 for r in rows), qid
with open(os.path.join(root, "qrels.tsv"), "w", encoding="utf-8") as f:
    f.write("qid\tdocid\tgrade\n")
    for r in rows:
        f.write(f"{r[0]}\t{r[1]}\t{r[2]}\n")
print("judgments", len(rows), Counter(r[2] for r in rows))
per = Counter(r[0] for r in rows)
print("relevant per query min/max/mean", min(per.values()), max(per.values()), round(len(rows)/len(per), 2))
print("docs never relevant:", sorted(docs - {r[1] for r in rows}))
