"""Queries with TOPICAL grades (0/1/2, language-independent).
Generator caps documents in another language than the query at 1, except for
cross-lingual queries and name-only queries (flag name=True), where the name is language-neutral.
"""
A = {
"kk1": "kk-2019-talimgerlik-pavlodar", "kk2": "kk-2016-auyl-kitaphanashylary-seminar-taraz",
"kk3": "kk-2020-qoljazbalardy-tsifrlandyru-almaty", "kk4": "kk-2014-olketanu-konferentsiyasy-oskemen",
"kk5": "kk-2020-abai-175-semey", "kk6": "kk-2022-auezov-125-shymkent", "kk7": "kk-2018-magzhan-125-petropavl",
"kk8": "kk-2021-balalar-oqu-klubi-aktobe", "kk9": "kk-2023-kitaphana-aptalygy-kokshetau",
"kk10": "kk-2024-inklyuzivti-qyzmet-turkistan", "kk11": "kk-2012-elektrondyq-katalog-qyzylorda",
"kk12": "kk-2025-biliktilik-arttyru-kursy-astana", "kk13": "kk-2017-kitap-tusaukeseri-atyrau",
"kk14": "kk-2026-aqparattyq-sauattylyq-taldyqorgan", "kk15": "kk-2024-saken-seifullin-130-astana",
"ru1": "ru-2017-seminar-pavlodar", "ru2": "ru-2021-nastavnichestvo-kostanay", "ru3": "ru-2012-otsifrovka-gazet-semey",
"ru4": "ru-1998-kraevedcheskie-chteniya-ust-kamenogorsk", "ru5": "ru-1995-abai-150-semipalatinsk",
"ru6": "ru-1997-auezov-100-alma-ata", "ru7": "ru-2013-magzhanovskie-chteniya-petropavlovsk",
"ru8": "ru-2019-detskoe-chtenie-karaganda", "ru9": "ru-2016-inklyuzivnoe-obsluzhivanie-almaty",
"ru10": "ru-1997-elektronnyi-katalog-akmola", "ru11": "ru-2022-tsifrovaya-gramotnost-aktau",
"ru12": "ru-1996-kursy-povysheniya-kvalifikatsii-chimkent", "ru13": "ru-2024-prezentatsiya-knigi-taraz",
"ru14": "ru-2009-nedelya-bibliotek-kokshetau", "ru15": "ru-2014-kruglyi-stol-selskie-biblioteki-taldykorgan",
"en1": "en-2023-mentoring-young-librarians-shymkent", "en2": "en-2018-rural-library-training-kostanay",
"en3": "en-2015-newspaper-digitization-astana", "en4": "en-2022-local-history-database-petropavl",
"en5": "en-2020-abai-175-online-exhibition", "en6": "en-1996-jambyl-150-dzhambul",
"en7": "en-2024-teen-reading-club-atyrau", "en8": "en-2025-inclusive-services-karaganda",
"en9": "en-2010-electronic-catalogue-ust-kamenogorsk", "en10": "en-2017-information-literacy-workshop-almaty",
"en11": "en-2008-continuing-education-librarians-aktobe", "en12": "en-2019-saken-seifullin-125-nur-sultan",
"en13": "en-2021-book-presentation-semey", "en14": "en-2013-toraigyrov-120-pavlodar",
}

# recurring topical judgement sets
MENTOR = {"kk1": 2, "ru2": 2, "en1": 2}
RURAL_TRAIN = {"kk2": 2, "ru1": 2, "en2": 2, "ru12": 2, "en11": 2, "ru15": 1}
PROFDEV = {"kk12": 2, "ru12": 2, "en11": 2, "en2": 2, "kk2": 1, "ru1": 1, "kk10": 1}
NEWSPAPER_DIGI = {"ru3": 2, "en3": 2}
MANUSCRIPT_DIGI = {"kk3": 2, "ru3": 1, "en3": 1}
INCLUSIVE = {"kk10": 2, "ru9": 2, "en8": 2}
ECAT = {"ru10": 2, "kk11": 2, "en9": 2}
KIDS_CLUB = {"kk8": 2, "en7": 2, "ru8": 1}
LIBWEEK = {"kk9": 2, "ru14": 2}
ABAI = {"kk5": 2, "ru5": 2, "en5": 2}
INFOLIT = {"en10": 2, "kk14": 2, "ru11": 1}
LOCALHIST_CONF = {"kk4": 2, "ru4": 2, "kk13": 1}
LOCALHIST = {"kk4": 2, "ru4": 2, "en4": 2, "kk13": 2, "en13": 2, "ru13": 1, "en9": 1}

Q = []
def q(qid, typ, lang, query, need, grades, name=False):
    Q.append(dict(id=qid, type=typ, lang=lang, query=query, need=need, grades=dict(grades), name=name))

# ---------------- ru-morph
q("q01", "ru-morph", "ru", "семинаров для сельского библиотекаря",
  "Reports on seminars or training events for staff of rural (village) libraries.", RURAL_TRAIN)
q("q02", "ru-morph", "ru", "работа наставников с молодыми библиотекарями",
  "Reports on mentoring programmes that support young or newly hired librarians.", MENTOR)
q("q03", "ru-morph", "ru", "оцифровать старую газету",
  "Reports on digitising historical newspapers held by libraries.", NEWSPAPER_DIGI)
q("q04", "ru-morph", "ru", "чтения по краеведению",
  "Reports on local history (kraevedenie) readings or conferences organised by libraries.", LOCALHIST_CONF)
q("q05", "ru-morph", "ru", "книжные выставки к юбилею Абая",
  "Reports on exhibitions and other library events for anniversaries of the poet Abai.", ABAI)
q("q06", "ru-morph", "ru", "создании электронных каталогов библиотек",
  "Reports on building or developing library electronic catalogues.", ECAT)
q("q07", "ru-morph", "ru", "повысить квалификацию библиотекарям",
  "Reports on professional development (continuing education) courses for library staff.", PROFDEV)
q("q08", "ru-morph", "ru", "мероприятия библиотечной недели",
  "Reports on events held during a library week.", LIBWEEK)

# ---------------- kk-morph
q("q09", "kk-morph", "kk", "жас кітапханашыларды тәлімгерлердің қолдауы",
  "Reports on mentoring programmes that support young or newly hired librarians.", MENTOR)
q("q10", "kk-morph", "kk", "ауыл кітапханашыларының семинарлары",
  "Reports on seminars or training events for staff of rural (village) libraries.", RURAL_TRAIN)
q("q11", "kk-morph", "kk", "қолжазбаны цифрландырған кітапханалар",
  "Reports on digitising manuscripts and rare old materials in libraries.", MANUSCRIPT_DIGI)
q("q12", "kk-morph", "kk", "өлкетанушылардың конференциялары",
  "Reports on local history (olketanu) conferences or readings organised by libraries.", LOCALHIST_CONF)
q("q13", "kk-morph", "kk", "кітап оқитын балалар клубтары",
  "Reports on library reading clubs for children or teenagers.", KIDS_CLUB)
q("q14", "kk-morph", "kk", "мүмкіндіктері шектеулі оқырмандарымызға көрсетілетін қызметтер",
  "Reports on library services for readers with disabilities (inclusive services).", INCLUSIVE)
q("q15", "kk-morph", "kk", "кітапханашыларға арналған біліктілік арттыру курстарынан",
  "Reports on professional development (continuing education) courses for library staff.", PROFDEV)
q("q16", "kk-morph", "kk", "Абайдың мерейтойы кезінде өткен кештер",
  "Reports on library events for anniversaries of the poet Abai.", ABAI)

# ---------------- en-morph
q("q17", "en-morph", "en", "young librarians mentored by senior colleagues",
  "Reports on mentoring programmes that support young or newly hired librarians.", MENTOR)
q("q18", "en-morph", "en", "digitising old newspapers",
  "Reports on digitising historical newspapers held by libraries.", NEWSPAPER_DIGI)
q("q19", "en-morph", "en", "teenage readers club",
  "Reports on library reading clubs for teenagers or children.", KIDS_CLUB)
q("q20", "en-morph", "en", "trained rural library workers",
  "Reports on training events or courses for staff of rural (village) libraries.", RURAL_TRAIN)
q("q21", "en-morph", "en", "accessible library services for the disabled",
  "Reports on library services for readers with disabilities (inclusive services).", INCLUSIVE)
q("q22", "en-morph", "en", "converting card catalogs",
  "Reports on converting card catalogues into an electronic catalogue (retrospective conversion).",
  {"en9": 2, "kk11": 1, "ru10": 1})
q("q23", "en-morph", "en", "teaching students to evaluate sources",
  "Reports on information literacy instruction that teaches learners to find and evaluate information sources.", INFOLIT)
q("q24", "en-morph", "en", "courses developing librarians' professional skills",
  "Reports on professional development (continuing education) courses for library staff.", PROFDEV)

# ---------------- name-translit (name is language-neutral: no language cap)
q("q25", "name-translit", "ru", "Торайгыров",
  "Reports about the poet Sultanmahmut Toraigyrov or about events at the Pavlodar regional library named after him.",
  {"en14": 2, "kk1": 2, "ru1": 2}, name=True)
q("q26", "name-translit", "en", "Semipalatinsk",
  "Reports on library events and work in Semey (formerly Semipalatinsk).",
  {"ru5": 2, "ru3": 2, "kk5": 2, "en13": 2}, name=True)
q("q27", "name-translit", "kk", "Өскемен",
  "Reports on library work in Oskemen (Ust-Kamenogorsk).",
  {"kk4": 2, "ru4": 2, "en9": 2}, name=True)
q("q28", "name-translit", "ru", "Бахытжан Абдрахманов",
  "Reports that involve the digitisation specialist Bakhytzhan Abdrakhmanov.",
  {"ru3": 2, "kk3": 2, "en3": 2}, name=True)
q("q29", "name-translit", "en", "Gulmira Tuleubaeva",
  "Reports that mention the children's reading specialist Gulmira Tuleubayeva.",
  {"kk8": 2, "ru8": 2, "en7": 2}, name=True)
q("q30", "name-translit", "en", "Guryev",
  "Reports on library events in Atyrau (formerly Guryev).",
  {"kk13": 2, "en7": 2}, name=True)
q("q31", "name-translit", "kk", "Қостанай",
  "Reports on library work in Kostanay (Kustanai).",
  {"ru2": 2, "en2": 2, "en1": 1}, name=True)
q("q32", "name-translit", "en", "Alia Bekbolatova",
  "Reports that mention the librarian and Magzhan scholar Aliya Bekbolatova.",
  {"kk7": 2, "ru7": 2, "en4": 2}, name=True)
q("q33", "name-translit", "en", "Tselinograd",
  "Reports on library events in the city formerly called Tselinograd (Akmola, Astana, Nur-Sultan).",
  {"ru10": 2, "kk15": 2, "kk12": 2, "en3": 2, "en12": 2}, name=True)
q("q34", "name-translit", "en", "Chimkent",
  "Reports on library work in Shymkent (Chimkent).",
  {"ru12": 2, "kk6": 2, "en1": 2}, name=True)
q("q35", "name-translit", "ru", "Джамбул",
  "Reports on library events in the city of Taraz (formerly Dzhambul).",
  {"en6": 2, "ru13": 2, "kk2": 2}, name=True)
q("q36", "name-translit", "en", "Roza Otepova",
  "Reports that mention the library trainer and methodologist Roza Utepova (Otepova).",
  {"kk12": 2, "ru12": 2, "en11": 2}, name=True)
q("q37", "name-translit", "en", "Yerlan Zhakypov",
  "Reports that mention the local historian Yerlan Zhakupov.",
  {"kk4": 2, "ru4": 2, "en9": 2}, name=True)

# ---------------- kk-latin (Kazakh in Latin letters; Kazakh documents are the same language)
q("q38", "kk-latin", "kk", "kitapkhana aptalygy Kokshetau",
  "Reports on the library week in Kokshetau.", LIBWEEK)
q("q39", "kk-latin", "kk", "jas kitaphanas'ylarg'a ta'limgerlik",
  "Reports on mentoring programmes that support young or newly hired librarians.", MENTOR)
q("q40", "kk-latin", "kk", "Abaıdyń 175 jyldyǵy",
  "Reports on library events for the 175th anniversary of Abai (other Abai jubilees are partly relevant).",
  {"kk5": 2, "en5": 2, "ru5": 1})
q("q41", "kk-latin", "kk", "auyldyq kitaphanalar seminary",
  "Reports on seminars or training events for staff of rural (village) libraries.", RURAL_TRAIN)
q("q42", "kk-latin", "kk", "qoljazbalardy tsifrlandyru",
  "Reports on digitising manuscripts and rare old materials in libraries.", MANUSCRIPT_DIGI)
q("q43", "kk-latin", "kk", "balalar oqý klýby",
  "Reports on library reading clubs for children or teenagers.", KIDS_CLUB)
q("q44", "kk-latin", "kk", "ölketanu konferensiiasy Öskemen",
  "Reports on a local history conference or readings in Oskemen (Ust-Kamenogorsk).",
  {"kk4": 2, "ru4": 2})
q("q45", "kk-latin", "kk", "Mag'jan Jumabaev",
  "Reports about the poet Magzhan Zhumabayev (events, readings, materials).",
  {"kk7": 2, "ru7": 2, "en4": 1}, name=True)
q("q46", "kk-latin", "kk", "inkliuzivti qyzmet korsetu",
  "Reports on library services for readers with disabilities (inclusive services).", INCLUSIVE)
q("q47", "kk-latin", "kk", "Äuezovtıñ 125 jyldyğy",
  "Reports on library events for the 125th anniversary of Mukhtar Auezov (other Auezov jubilees are partly relevant).",
  {"kk6": 2, "ru6": 1})

# ---------------- cross-lingual (no language cap)
q("q48", "cross-lingual", "ru", "читательский клуб для подростков",
  "Reports on library reading clubs for teenagers, in any language.", {"en7": 2, "kk8": 1, "ru8": 1})
q("q49", "cross-lingual", "ru", "оцифровка рукописей",
  "Reports on digitising manuscripts in libraries, in any language.", {"kk3": 2, "ru3": 1})
q("q50", "cross-lingual", "en", "library week events",
  "Reports on events held during a library week, in any language.", LIBWEEK)
q("q51", "cross-lingual", "en", "Auezov jubilee celebrations in libraries",
  "Reports on library events for anniversaries of the writer Mukhtar Auezov, in any language.", {"kk6": 2, "ru6": 2})
q("q52", "cross-lingual", "kk", "Жамбыл Жабаевтың мерейтойы",
  "Reports on celebrations of the anniversary of the akyn Zhambyl Zhabayev, in any language.", {"en6": 2})
q("q53", "cross-lingual", "kk", "зағип оқырмандарға арналған дыбыстық кітаптар",
  "Reports on audio (talking) books and related services for blind and visually impaired readers, in any language.", INCLUSIVE)
q("q54", "cross-lingual", "en", "teaching pensioners to use smartphones",
  "Reports on digital literacy classes for older people, in any language.", {"ru11": 2})
q("q55", "cross-lingual", "ru", "презентация книги по истории города",
  "Reports on presentations of books about the history of a city, in any language.", {"kk13": 2, "ru13": 2, "en13": 1})
q("q56", "cross-lingual", "kk", "студенттерге ақпараттық сауаттылық сабақтары",
  "Reports on information literacy classes for students, in any language.", {"en10": 2, "kk14": 1, "ru11": 1})
q("q57", "cross-lingual", "ru", "мероприятия к юбилею Сакена Сейфуллина",
  "Reports on library events for anniversaries of Saken Seifullin, in any language.", {"kk15": 2, "en12": 2})
q("q58", "cross-lingual", "kk", "кітапхана қызметкерлеріне тәлімгерлік бағдарламасының нәтижелері",
  "Reports on the results of mentoring programmes for library staff, in any language.", MENTOR)

# ---------------- phrase
q("q59", "phrase", "ru", '"сельская библиотека"',
  "Documents about rural (village) libraries and their development.",
  {"ru1": 2, "ru15": 2, "kk2": 2, "en2": 2, "ru12": 1, "en11": 1})
q("q60", "phrase", "kk", '"Абай жолы"',
  "Documents that discuss Mukhtar Auezov's novel The Path of Abai.", {"kk6": 2, "ru6": 2, "en5": 1})
q("q61", "phrase", "en", '"reading club"',
  "Reports on reading clubs run by libraries.", {"en7": 2, "kk8": 2})
q("q62", "phrase", "ru", '"электронный каталог"',
  "Reports on library electronic catalogues (creating or developing them).", ECAT)
q("q63", "phrase", "kk", '"тәлімгер және шәкірт"',
  "Reports on mentor-and-apprentice programmes for young librarians.", MENTOR)
q("q64", "phrase", "en", '"local history"',
  "Reports on library local history work: collecting, databases, events and publications about the region.", LOCALHIST)
q("q65", "phrase", "ru", '"неделя библиотек"',
  "Reports on events held during a library week.", LIBWEEK)
q("q66", "phrase", "en", '"information literacy"',
  "Reports on information literacy instruction by libraries.", INFOLIT)

# ---------------- typo
q("q67", "typo", "ru", "наставничетсво молодых специалистов",
  "Reports on mentoring programmes that support young or newly hired librarians.", MENTOR)
q("q68", "typo", "en", "digitisation of newspapres",
  "Reports on digitising historical newspapers held by libraries.", NEWSPAPER_DIGI)
q("q69", "typo", "kk", "ауылдық кітапханашылрға семинар",
  "Reports on seminars or training events for staff of rural (village) libraries.", RURAL_TRAIN)
q("q70", "typo", "en", "inclusve library servces",
  "Reports on library services for readers with disabilities (inclusive services).", INCLUSIVE)
q("q71", "typo", "ru", "краеведние Усть-Каменогорска",
  "Reports on local history work of libraries in Ust-Kamenogorsk (Oskemen).", {"ru4": 2, "kk4": 2, "en9": 1})
q("q72", "typo", "ru", "Магжан Жумабев",
  "Reports about the poet Magzhan Zhumabayev (events, readings, materials).",
  {"ru7": 2, "kk7": 2, "en4": 1}, name=True)
q("q73", "typo", "en", "electronic catalouge conversion",
  "Reports on converting card catalogues into an electronic catalogue (retrospective conversion).",
  {"en9": 2, "kk11": 1, "ru10": 1})
q("q74", "typo", "ru", "детское чтенеи летом",
  "Reports on children's summer reading programmes in libraries.", {"ru8": 2, "kk8": 1})
q("q75", "typo", "kk", "кітапхана аптлығы",
  "Reports on events held during a library week.", LIBWEEK)

# ---------------- plain
q("q76", "plain", "ru", "семинар для сельских библиотекарей Павлодар",
  "Reports on a seminar for rural librarians of Pavlodar region (rural-library training elsewhere is partly relevant).",
  {"ru1": 2, "kk2": 1, "en2": 1, "ru12": 1, "en11": 1, "ru15": 1})
q("q77", "plain", "en", "young librarians mentoring programme results",
  "Reports on the results of mentoring programmes for young librarians.", MENTOR)
q("q78", "plain", "kk", "кітапханашыларға арналған оқыту курсы",
  "Reports on training or professional development courses for librarians.", PROFDEV)
q("q79", "plain", "en", "Abai anniversary exhibition",
  "Reports on exhibitions for anniversaries of the poet Abai.", ABAI)
q("q80", "plain", "ru", "выставка книг Мухтар Ауэзов",
  "Reports on book exhibitions about the writer Mukhtar Auezov.", {"ru6": 2, "kk6": 2})
q("q81", "plain", "ru", "инклюзивное обслуживание читателей",
  "Reports on library services for readers with disabilities (inclusive services).", INCLUSIVE)
q("q82", "plain", "en", "Seifullin exhibition",
  "Reports on exhibitions about Saken Seifullin.", {"en12": 2, "kk15": 2})
q("q83", "plain", "ru", "электронный каталог областной библиотеки",
  "Reports on building or developing the electronic catalogue of a regional library.", ECAT)
q("q84", "plain", "kk", "өлкетану",
  "Reports on library local history (olketanu) work: collecting, databases, events and publications about the region.", LOCALHIST)
