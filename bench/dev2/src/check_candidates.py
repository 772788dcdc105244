"""Judging aid: for each query, list documents containing given stems that are NOT in qrels."""
import glob, os, csv
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
docs = {os.path.basename(p)[:-4]: open(p, encoding="utf-8").read().lower() for p in glob.glob(root + "/docs/*.txt")}
qr = {}
for r in csv.DictReader(open(root + "/qrels.tsv", encoding="utf-8"), delimiter="\t"):
    qr.setdefault(r["qid"], set()).add(r["docid"])
STEMS = {
 "d008": "волонт добровол ерікті volunteer", "d040": "волонт добровол ерікті volunteer",
 "d064": "волонт добровол ерікті volunteer",
 "d083": "выставк көрме exhibition", "d052": "брайл braille", "d081": "брайл braille",
 "d043": "marc", "d028": "рукопис қолжазба manuscript", "d037": "рукопис қолжазба manuscript реставр restor қалпына",
 "d032": "оцифр цифрланд digitis", "d012": "газет newspaper", "d075": "алма-ат alma-ata",
 "d066": "абай abai", "d068": "семе semey семипал", "d070": "костан қостанай kostanay кустанай",
 "d071": "целиноград tselinograd", "d072": "уральск орал oral", "d069": "гурьев атырау",
 "d045": "клуб club", "d048": "тұсаукесер презентац presentation", "d047": "квалификац біліктілі professional development",
 "d011": "подписк жазыл subscription", "d020": "авторск авторлық copyright", "d035": "авторск авторлық copyright",
 "d009": "слабовид незряч көру қабілеті visually braille", "d025": "закрыт closure lost their",
 "d006": "краевед өлкетану local history", "d036": "летн жазғы summer", "d050": "rfid", "d005": "rfid самообслуж self-service",
 "d073": "валихан уәлихан ualikhanov", "d074": "торайг торайғ toraighyrov",
}
for qid, st in STEMS.items():
    hits = [d for d, t in sorted(docs.items()) if any(s in t for s in st.split()) and d not in qr.get(qid, set())]
    print(qid, "unjudged hits:", " ".join(hits))
