"""The Kazakh stemmer's exception lexicon (search.analysis.kazakh): only what no general rule
gets right, each list with why it is needed."""

from __future__ import annotations

from search.analysis import places

# The exception lexicon: only what no general rule gets right.
# Whole forms: closed-class pronouns whose oblique stems are irregular (ол → о-, бұл → мұ-,
# мен → ма-/ме-), with their spoken and old forms (о, бұ; аның) and the demonstratives' adverbs
# of manner, kind and measure (солай, сондай, сонша); мен "and, with" in its assimilated
# spellings бен/пен, the question particle's allomorphs, the copula, жатыр, and spoken
# contractions (боп for болып).
WORDS = {
    form: key
    for key, forms in {
        "ол": "о аның оның оны оған онда одан онан онымен ондағы онысы олай ондай онша",
        "бұл": "бұ мұның мұны бұған мұнда бұдан мұнан мұнымен мұндағы бұлар былай мұндай мұнша",
        "сол": "соның соны соған сонда содан сонан сонымен сондағы солар солай сондай сонша",
        # ос: what the rules leave of осы-лар
        "осы": "ос осының осыны осыған осында осыдан осынан осымен осындағы осылай осындай осынша",
        "өз": "өзінше өзіндей",
        "мен": "менің мені маған менде менен меннен менімен меніңше бен пен",
        "сен": "сенің сені саған сенде сенен сеннен сенімен",
        "не": "ненің нені неге неде неден немен несі несін несіне",
        "ма": "ме ба бе па пе",
        "е": "еді екен емес",  # the copula, whose root is a single letter
        "жат": "жатыр",  # жат "lie" has a present of its own: жатыр-мын
        "бол": "боп",
        "қыл": "қып ғып",
        "тап": "тауып",  # тап-ып is spelt тауып
    }.items()
    for form in forms.split()
}
# Frequent verbs, as dictionary stems: the auxiliaries and the commonest full verbs. Endings that
# would as often cut into a noun are believed of these only: a bare converb, future or colloquial
# 1st person (бер-е, біл-ер, ал-ам), the desiderative (айт-қысы) and -дық after a consonant
# (кел-дік), so that бал-а, жер and қалдық stay whole. Verbs most of whose look-alikes are other
# words (қал: қала, қалам, қалдық; сал: сала, салмақ; бас: баса, бастық) are left out.
VERBS = frozenset(
    (
        "ал бер бол кел кет бар айт біл көр тұр отыр жүр жат шық түс кір қой ет тап іш сен күт "
        "жет біт сат өс өл күл тарт жібер көтер шығар әкел апар түсін үйрен үйрет тырыс қатыс "
        "шақыр өлтір қорық ұмыт кездес сөйлес көрсет ұсын асыр арт аш өт "
        "де же жаса қара сұра баста тоқта ойла ойна сөйле істе ұста тыңда жина қорға сақта "
        "ізде тіле жыла оқы есті таны дамы"
    ).split()
)
# Words that look like those verbs' forms but are words of their own, from which no verb ending
# is cut: ала "mottled", бара-бара "little by little", шығар "maybe" (not шық-ар), дейін
# "until", the city Отырар, алмас "diamond", бармақ "finger", алғыс-ы "his thanks", тұрғы-сы
# "its standpoint", аштық "hunger", өте "very", өтем "compensation".
NOT_VERB_FORMS = frozenset(
    "ала бара шығар дейін отырар алмас бармақ алғысы тұрғысы аштық өте өтем".split()
)
# Stems that drop a vowel before a vowel-initial suffix (халық → халқы, орын → орны).
VOWEL_DROP = {
    dropped: stem
    for stem, dropped in (
        ("халық", "халқ"),
        ("орын", "орн"),
        ("ауыз", "ауз"),
        ("мұрын", "мұрн"),
        ("ерін", "ерн"),
        ("қарын", "қарн"),
        ("ерік", "ерк"),
        ("көрік", "көрк"),
        ("құлық", "құлқ"),
        ("қорық", "қорқ"),
        ("көңіл", "көңл"),
        ("ойын", "ойн"),
        ("мойын", "мойн"),
        ("қойын", "қойн"),
        ("дауыс", "даус"),
        ("нарық", "нарқ"),
        ("ырық", "ырқ"),
        ("бейіл", "бейл"),
    )
}
# Roots that end in a suffix look-alike, frequent in reports: no suffix is cut into them.
# -стан names (ablative -тан), маман/оқырман (мама-ны), -ын nouns and adverbs (acc. -н), кісі,
# нәрсе (-се), Өскемен (-мен), оқиға/теңге/басқа/өзге (dative), ештеңе (-ңе), жағдай (-йды),
# сіздер/сендер (own pronouns); and the gazetteer's place names (places.py).
WHOLE = (
    frozenset(
        (
            "қазақстан өзбекстан түрікменстан тәжікстан қырғызстан ауғанстан пәкістан үндістан "
            "түркістан татарстан дағыстан башқұртстан өскемен маман оқырман нәрсе кісі "
            "орын ойын жиын мұрын мойын қойын ерін қарын алтын тұрғын кәсіпорын бүгін бұрын кейін "
            "жағдай оқиға теңге басқа өзге ештеңе сіздер сендер"
        ).split()
    )
    | places.cyrillic_names()
)  # Қарағанды-да, not қара-ғанды; Жезқазған-нан, not жезқаз-ған
# "say", "eat", "water": frequent two-letter roots ending in a vowel (or у, counted as one).
SHORT_ROOTS = frozenset(("де", "же", "су"))
