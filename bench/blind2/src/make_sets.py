"""Writes queries.tsv and qrels.tsv. Judgments were made by reading the documents
(src/show.py print / grep), see README.md for the grading rules."""
from pathlib import Path
BASE = Path(__file__).resolve().parent.parent
# (type, query, need, {docid: grade})
Q = [
# ---- ru-morph
("ru-morph", "библиобусы в отдалённых сёлах", "Reports about bookmobile (mobile library) services for remote villages.", {"ru-04":2,"kk-04":1,"en-04":1}),
("ru-morph", "как оцифровать редкую рукопись", "Reports about digitising rare books or manuscripts.", {"ru-03":2,"kk-03":1,"en-03":1}),
("ru-morph", "незрячий читатель аудиокнига", "Reports about library services (audiobooks, talking books) for blind or partially sighted readers.", {"ru-02":2,"kk-02":1,"en-02":1}),
("ru-morph", "краеведческое чтение", "Reports of local history (kraevedenie) readings or conferences held by a library.", {"ru-05":2,"ru-21":1,"kk-05":1}),
("ru-morph", "школьная библиотека и учебник", "Reports about school libraries, in particular their textbook collections.", {"ru-14":2,"ru-06":1,"kk-14":1,"en-14":1}),
("ru-morph", "библиотечный волонтер", "Reports about volunteers working with or for a library.", {"ru-13":2,"kk-13":1,"en-13":1}),
("ru-morph", "автоматизированная выдача книг", "Reports about automating library lending/circulation (barcodes, RFID, library management systems).", {"ru-18":2,"kk-18":1,"en-17":1}),
("ru-morph", "комплектовать фонды", "Reports about library acquisitions (building and replenishing collections).", {"ru-20":2,"ru-22":1,"ru-14":1,"kk-20":1}),
("ru-morph", "каталогизатор", "Reports about training or work of library cataloguers.", {"ru-08":2,"kk-08":1,"en-08":1}),
("ru-morph", "реставрированная книга", "Reports about restoration and conservation of library books and documents.", {"ru-11":2,"kk-11":1,"en-11":1}),
("ru-morph", "информационно грамотный школьник", "Reports about library lessons or trainings in information literacy.", {"ru-06":2,"kk-06":1,"en-06":1}),
("ru-morph", "обсуждать роман всей страной", "Reports of readers' conferences or discussions of a novel organised by libraries (e.g. national reading campaigns).", {"ru-10":2,"kk-10":1,"en-10":1}),
("ru-morph", "летнее чтение детей", "Reports about children's summer reading programmes in libraries.", {"ru-09":2,"kk-09":1,"en-09":1}),
("ru-morph", "презентовать краеведческую книгу", "Reports of a library presentation (launch) of a book or publication on local history.", {"ru-21":2,"kk-19":1}),
("ru-morph", "авторско-правовые вопросы оцифровки", "Reports about copyright issues for libraries, especially regarding digitisation.", {"ru-07":2}),
("ru-morph", "повышать квалификацию библиотекарей", "Reports about professional development (qualification upgrading) courses for librarians.", {"ru-08":2,"kk-12":1,"en-08":1,"en-02":1}),
# ---- kk-morph
("kk-morph", "зағиптардың оқуы", "Reports about library services for blind and visually impaired readers.", {"kk-02":2,"ru-02":1,"en-02":1}),
("kk-morph", "бібліобустар ауылда", "Reports about bookmobiles serving villages.", {"kk-04":2,"ru-04":1,"en-04":1}),
("kk-morph", "өлкетанушылардың конференциялары", "Reports of local history conferences or readings organised by libraries.", {"kk-05":2,"ru-05":1}),
("kk-morph", "қолжазбаның цифрлық нұсқасы", "Reports about digitising manuscripts and rare books.", {"kk-03":2,"kk-11":1,"ru-03":1,"en-03":1}),
("kk-morph", "оқушылардың ақпараттық сауаттылығы", "Reports about developing information literacy of pupils/students through library trainings.", {"kk-06":2,"ru-06":1,"en-06":1}),
("kk-morph", "дерекқорға жазылу", "Reports about subscription (licensed) databases and e-resources in libraries.", {"kk-07":2,"en-07":1}),
("kk-morph", "каталогшыларға семинарлар", "Reports about seminars or courses for library cataloguers.", {"kk-08":2,"ru-08":1,"en-08":1}),
("kk-morph", "балалардың жазғы оқуы", "Reports about children's summer reading programmes.", {"kk-09":2,"ru-09":1,"en-09":1}),
("kk-morph", "жас волонтер", "Reports about young volunteers helping libraries.", {"kk-13":2,"ru-13":1,"en-13":1}),
("kk-morph", "мектеп кітапханашыларының бірлестігі", "Reports about meetings, seminars or associations of school librarians.", {"kk-14":2,"ru-14":1,"en-14":1,"ru-06":1}),
("kk-morph", "қазақ тілінің латын жазуына көшуі", "Reports about the transition of the Kazakh alphabet to Latin script and its impact on libraries.", {"kk-15":2,"en-15":1}),
("kk-morph", "Әуезов мерейтойындағы көрмелер", "Reports about library exhibitions for Mukhtar Auezov's jubilees.", {"kk-16":2,"en-16":1,"ru-16":1}),
# ---- en-morph
("en-morph", "digitising a manuscript", "Reports about digitising manuscripts or rare books.", {"en-03":2,"kk-03":1,"ru-03":1}),
("en-morph", "cataloging trainings", "Reports about training courses in cataloguing.", {"en-08":2,"ru-08":1,"kk-08":1}),
("en-morph", "screen reading and magnifiers", "Reports about assistive technology (screen readers, magnifiers) for visually impaired library users.", {"en-02":2,"kk-02":1,"ru-02":1}),
("en-morph", "volunteering in libraries", "Reports about volunteers working with libraries.", {"en-13":2,"en-05":1,"kk-13":1,"ru-13":1}),
("en-morph", "mobile libraries", "Reports about mobile libraries / bookmobiles.", {"en-04":2,"kk-04":1,"ru-04":1}),
("en-morph", "conserving and mending books", "Reports about conservation, repair and restoration of library books.", {"en-11":2,"en-03":1,"kk-11":1,"ru-11":1}),
("en-morph", "RFID tagging and self check-outs", "Reports about automating library lending/circulation (RFID, barcodes).", {"en-17":2,"kk-18":1,"ru-18":1}),
("en-morph", "summer reading challenges", "Reports about children's summer reading programmes.", {"en-09":2,"kk-09":1,"ru-09":1}),
("en-morph", "information-literate undergraduate", "Reports about information literacy instruction for students (school or university).", {"en-06":2,"kk-06":1,"ru-06":1}),
("en-morph", "licensing database consortiums", "Reports about licensed databases, e-resource subscriptions and library consortia.", {"en-07":2,"kk-07":1}),
# ---- name-translit (judged independently of document language)
("name-translit", "Semipalatinsk", "Reports of library events held in Semey (Semipalatinsk).", {"kk-01":2,"kk-16":2,"ru-01":2,"ru-21":2,"en-11":2}),
("name-translit", "Chimkent", "Reports of library events held in Shymkent (Chimkent).", {"kk-07":2,"kk-14":2,"ru-14":2,"en-12":2}),
("name-translit", "Guryev", "Reports of library events held in Atyrau (Guryev) or about its region's history.", {"kk-05":2,"ru-05":2}),
("name-translit", "Makhambet Utemisov", "Reports about the poet Makhambet Utemisuly (Махамбет Өтемісұлы / Утемисов).", {"kk-05":2,"ru-05":2}),
("name-translit", "Zhambyl Zhabayev", "Reports about the akyn Zhambyl Zhabayev (Жамбыл Жабаев / Джамбул Джабаев), e.g. his jubilees.", {"kk-17":2,"ru-17":2}),
("name-translit", "Abay Kunanbaev", "Reports about the poet Abai Kunanbayuly (Абай Құнанбайұлы / Кунанбаев), e.g. his jubilees.", {"kk-01":2,"ru-01":2,"en-01":2}),
("name-translit", "Кзыл-Орда", "Reports of library events held in Kyzylorda (Кзыл-Орда).", {"kk-09":2,"kk-19":2,"en-15":2}),
("name-translit", "Aktyubinsk", "Reports of library events held in Aktobe (Aktyubinsk).", {"kk-13":2,"ru-09":2,"ru-20":2,"en-09":2}),
("name-translit", "Орал", "Reports of library events held in Oral (Uralsk).", {"ru-19":2,"en-05":2,"en-14":2}),
("name-translit", "Гульнар Сарсенбаева", "Reports mentioning the librarian Gulnar Sarsenbayeva (Гүлнар Сәрсенбаева).", {"kk-12":2,"en-12":2}),
("name-translit", "Айгерим Бекмухамбетова", "Reports mentioning the librarian Aigerim Bekmukhambetova (Айгерім Бекмұхамбетова).", {"kk-15":2,"en-15":2}),
("name-translit", "Shokan Ualikhanov", "Reports mentioning materials of Shokan Ualikhanov (Шоқан Уәлиханов / Чокан Валиханов).", {"kk-03":2,"ru-03":2}),
# ---- kk-latin
("kk-latin", "kitaphana volonterleri", "Reports about volunteers helping libraries.", {"kk-13":2,"ru-13":1,"en-13":1}),
("kk-latin", "zagip oqyrmandarga kitap", "Reports about library services and books for blind readers.", {"kk-02":2,"ru-02":1,"en-02":1}),
("kk-latin", "sirek kitaptardy sifrlandyru", "Reports about digitising rare books and manuscripts.", {"kk-03":2,"kk-11":1,"ru-03":1,"en-03":1}),
("kk-latin", "bibliobus auyldarda", "Reports about bookmobiles serving villages.", {"kk-04":2,"ru-04":1,"en-04":1}),
("kk-latin", "ölketanu konferensiyası", "Reports of local history conferences or readings.", {"kk-05":2,"ru-05":1}),
("kk-latin", "aqparattyq saýattylyq", "Reports about information literacy trainings in libraries.", {"kk-06":2,"ru-06":1,"en-06":1}),
("kk-latin", "Abaıdyń 175 jyldyǵy", "Reports about library events for the 175th anniversary of Abai.", {"kk-01":2,"en-01":1}),
("kk-latin", "Mūhtar Äuezov 125 jıldığı", "Reports about library events for the 125th anniversary of Mukhtar Auezov.", {"kk-16":2,"en-16":1}),
("kk-latin", "latyn a'lipbi'ine ko's'y'", "Reports about the transition of Kazakh to the Latin alphabet and libraries.", {"kk-15":2,"en-15":1}),
("kk-latin", "mektep kitaphanalary", "Reports about school libraries.", {"kk-14":2,"ru-14":1,"en-14":1,"ru-06":1}),
("kk-latin", "kitaphanashylardyń biliktiligin arttyrý", "Reports about professional development courses for librarians.", {"kk-12":2,"ru-08":1,"en-08":1,"en-02":1}),
("kk-latin", "kitap tusaukeseri", "Reports of book launches (presentations of new publications) in libraries.", {"kk-21":2,"kk-19":2,"ru-21":1}),
# ---- cross-lingual (all languages count)
("cross-lingual", "Abai jubilee celebrations", "Reports about library events for Abai's jubilees (any year, any language).", {"kk-01":2,"ru-01":2,"en-01":2}),
("cross-lingual", "local history readings in Atyrau", "Reports of local history readings or conferences in Atyrau (Guryev), any language.", {"kk-05":2,"ru-05":2}),
("cross-lingual", "Zhambyl poetry evening", "Reports about library events for Zhambyl Zhabayev's jubilees, any language.", {"kk-17":2,"ru-17":2}),
("cross-lingual", "bibliographic index of regional newspapers", "Reports about bibliographic indexes/lists of a region's periodicals, any language.", {"kk-19":2,"ru-19":2,"ru-05":1,"en-05":1}),
("cross-lingual", "school libraries short of textbooks", "Reports about school libraries discussing textbook provision, any language.", {"ru-14":2,"kk-14":2,"en-14":1}),
("cross-lingual", "жылжымалы кітапхана", "Reports about mobile libraries / bookmobiles, any language.", {"kk-04":2,"ru-04":2,"en-04":2}),
("cross-lingual", "кітапханалар қауымдастығының конференциясы", "Reports of conferences of the national library association, any language.", {"ru-12":2,"en-12":2,"ru-07":1}),
("cross-lingual", "цифрлық ортадағы авторлық құқық", "Reports about copyright in the digital environment for libraries, any language.", {"ru-07":2,"en-02":1}),
("cross-lingual", "кітап қорларының сақталуы", "Reports about preservation, conservation and restoration of library collections, any language.", {"kk-11":2,"ru-11":2,"en-11":2,"en-03":1}),
("cross-lingual", "латинская графика для казахского алфавита", "Reports about the Latin-script Kazakh alphabet and libraries, any language.", {"kk-15":2,"en-15":2,"ru-15":1}),
("cross-lingual", "консорциум электронных баз данных", "Reports about library consortia for licensed electronic databases, any language.", {"en-07":2,"kk-07":1,"ru-07":1}),
("cross-lingual", "RFID самообслуживание читателей", "Reports about RFID self-service lending in libraries, any language.", {"en-17":2,"kk-18":1,"ru-18":1}),
("cross-lingual", "library support for learning the Kazakh language", "Reports about library activities helping readers learn the state (Kazakh) language, any language.", {"ru-15":2,"kk-15":1,"en-15":1}),
("cross-lingual", "каталогтау RDA стандарты", "Reports about cataloguing training with RDA/MARC 21, any language.", {"en-08":2,"ru-08":1,"kk-08":1}),
("cross-lingual", "Altynsarin anniversary exhibition", "Reports about library exhibitions for Ybyrai Altynsarin's anniversary, any language.", {"kk-22":2}),
("cross-lingual", "125-летие Ауэзова", "Reports about library events for Mukhtar Auezov's 125th anniversary, any language.", {"kk-16":2,"en-16":2,"ru-16":1}),
# ---- phrase
("phrase", "\"Бір ел - бір кітап\"", "Kazakh reports on the 'One Country - One Book' reading campaign.", {"kk-10":2,"ru-10":1,"en-10":1}),
("phrase", "\"Прикаспийский край\"", "Russian reports about the local-history readings 'Прикаспийский край'.", {"ru-05":2,"kk-05":1}),
("phrase", "\"book hospital\"", "English reports about a library 'book hospital' (in-house book repair workshop).", {"en-11":2,"kk-11":1,"ru-11":1}),
("phrase", "\"ақпараттық сауаттылық\"", "Kazakh reports about information literacy.", {"kk-06":2,"ru-06":1,"en-06":1}),
("phrase", "\"информационная грамотность\"", "Russian reports about information literacy.", {"ru-06":2,"kk-06":1,"en-06":1}),
("phrase", "\"говорящих книг\"", "Russian reports about talking books (audiobooks) for blind readers.", {"ru-02":2,"kk-02":1,"en-02":1}),
("phrase", "\"One Country, One Book\"", "English reports on the 'One Country, One Book' reading campaign.", {"en-10":2,"kk-10":1,"ru-10":1}),
("phrase", "\"Жазғы оқу\"", "Kazakh reports on a children's 'Summer reading' programme.", {"kk-09":2,"ru-09":1,"en-09":1}),
# ---- typo
("typo", "библиотка для незрячих", "Reports about library services for blind readers.", {"ru-02":2,"kk-02":1,"en-02":1}),
("typo", "оцифравка редких книг", "Reports about digitising rare books.", {"ru-03":2,"kk-03":1,"en-03":1}),
("typo", "cataloguing trainnig", "Reports about cataloguing training courses.", {"en-08":2,"ru-08":1,"kk-08":1}),
("typo", "автоматтандру ИРБИС", "Reports about library automation with the IRBIS system.", {"kk-18":2,"ru-18":1}),
("typo", "preservaton of manuscripts", "Reports about preservation, conservation or restoration of manuscripts and old books.", {"en-11":2,"en-03":1,"kk-11":1,"ru-11":1}),
("typo", "Ауэзав юбилейная выставкка", "Reports about jubilee exhibitions for Mukhtar Auezov.", {"ru-16":2,"kk-16":1,"en-16":1}),
("typo", "library volunters", "Reports about volunteers working with libraries.", {"en-13":2,"en-05":1,"ru-13":1,"kk-13":1}),
("typo", "школные библиотеки", "Reports about school libraries.", {"ru-14":2,"ru-06":1,"kk-14":1,"en-14":1}),
("typo", "Жамбыл Жабаевтын мерейтойы", "Reports about jubilees of Zhambyl Zhabayev.", {"kk-17":2,"ru-17":1}),
("typo", "mobile libary bus", "Reports about mobile library buses.", {"en-04":2,"kk-04":1,"ru-04":1}),
# ---- plain
("plain", "библиографический указатель периодической печати", "Reports about bibliographic indexes of periodicals.", {"ru-19":2,"kk-19":1,"ru-05":1}),
("plain", "library association annual conference", "Reports of annual conferences of the national library association.", {"en-12":2,"ru-12":1}),
("plain", "Latin alphabet transition", "Reports about the transition to the Latin-based Kazakh alphabet and libraries.", {"en-15":2,"kk-15":1}),
("plain", "қорды толықтыру", "Reports about acquisitions (replenishing library collections).", {"kk-20":2,"kk-14":1,"ru-20":1}),
("plain", "rare manuscripts digitization", "Reports about digitising rare books and manuscripts.", {"en-03":2,"kk-03":1,"ru-03":1}),
("plain", "выставка словарей и самоучителей казахского языка", "Reports about a library exhibition of Kazakh-language learning materials (dictionaries, self-study books).", {"ru-15":2}),
("plain", "information literacy for university students", "Reports about information literacy instruction for university students.", {"en-06":2}),
("plain", "Махамбет Утемисов краеведение", "Reports about local history work connected with the poet Makhambet Utemisov.", {"ru-05":2,"kk-05":1}),
("plain", "Брайль кітаптары", "Reports about braille books and services for blind readers.", {"kk-02":2,"ru-02":1,"en-02":1}),
("plain", "автоматизация библиотеки ИРБИС", "Reports about library automation with the IRBIS system.", {"ru-18":2,"kk-18":1}),
("plain", "children's library summer programme Aktobe", "Reports about summer reading programmes at the children's library in Aktobe.", {"en-09":2,"ru-09":1}),
("plain", "Қызылорда балалар кітапханасы", "Reports about the children's library in Kyzylorda.", {"kk-09":2}),
]

if __name__ == "__main__":
    ql = ["id\ttype\tquery\tneed"]
    rl = ["qid\tdocid\tgrade"]
    for i, (t, q, need, rel) in enumerate(Q, 1):
        qid = f"q{i:03d}"
        for f in (t, q, need):
            assert "\t" not in f and "\n" not in f
        ql.append(f"{qid}\t{t}\t{q}\t{need}")
        for d, g in sorted(rel.items(), key=lambda x: (-x[1], x[0])):
            rl.append(f"{qid}\t{d}\t{g}")
    (BASE / "queries.tsv").write_text("\n".join(ql) + "\n", encoding="utf-8")
    (BASE / "qrels.tsv").write_text("\n".join(rl) + "\n", encoding="utf-8")
    from collections import Counter
    print(Counter(t for t, *_ in Q), len(Q), len(rl) - 1)
