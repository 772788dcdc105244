"""English normalisation: British spellings folded to American, then Snowball English.

Snowball alone keeps «organise» (organis) and «organize» (organ) apart; the fold makes them meet.
The fold covers the regular spelling families (-our/-or, -ise/-ize, -yse/-yze, -ogue/-og, -re/-er,
-ence/-ense, doubled -ll-) through explicit stem lists: a blanket rule would turn «four» into «for»
or «promise» into «promize».
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

_OUR_STEMS = (
    "ardour armour behaviour candour clamour colour endeavour favour fervour flavour harbour "
    "honour humour labour neighbour odour parlour rancour rigour rumour saviour savour splendour "
    "succour tumour valour vapour vigour"
).split()
# -ise/-ize verbs are too many to list, so list the -ise words that are not -ize in American use.
_ISE_KEEP = set(
    (
        "advertis advis apprais aris chastis circumcis compris compromis concis demis despis devis "
        "disguis enfranchis enterpris excis exercis expertis franchis improvis incis merchandis "
        "otherwis paradis pois precis premis promis prais rais revis ris supervis surmis surpris "
        "televis treatis wis nois cruis bruis chemis clockwis likewis porpois tortois anis"
    ).split()
)
_LL_STEMS = (
    "cancel channel counsel dial duel equal fuel jewel label level marshal model panel pencil "
    "quarrel rival signal shovel travel tunnel total marvel"
).split()
# -re nouns without their final "re": centre -> cent + er.
_RE_STEMS = "calib cent fib lit lust meag met sab sepulch somb spect theat".split()
_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "ageing": "aging",
    "judgement": "judgment",
    "judgements": "judgments",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "enrol": "enroll",
    "enrols": "enrolls",
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "fulfil": "fulfill",
    "fulfils": "fulfills",
    "fulfilment": "fulfillment",
    "skilful": "skillful",
    "wilful": "willful",
    "instalment": "installment",
    "licence": "license",
    "licences": "licenses",
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "pretence": "pretense",
    "grey": "gray",
    "jewellery": "jewelry",
    "encyclopaedia": "encyclopedia",
    "encyclopaedias": "encyclopedias",
    "mediaeval": "medieval",
    "paediatric": "pediatric",
}

_OUR = re.compile(rf"^({'|'.join(s[:-3] for s in _OUR_STEMS)})our")
_ISE = re.compile(r"^(\w{3,})is(e|es|ed|ing|er|ers|ation|ations|ational)$")
_YSE = re.compile(r"^(anal|paral|catal|dial|electrol|hydrol)ys(e|es|ed|ing|er|ers)$")
# catalogue(s) → catalog(s), catalogued → cataloged, cataloguing → cataloging, and so dialogue,
# analogue, epilogue, pedagogue: American spelling drops the "u", and a final "e" with it.
_OGUE = re.compile(r"^(\w*(?:alog|olog|ilog|agog))u(?:e(?=s?$)|(?=ed$|er$|ers$|ing$))")
_RE = re.compile(rf"^({'|'.join(_RE_STEMS)})re(s?)$")
_LL = re.compile(rf"^({'|'.join(_LL_STEMS)})l(ed|ing|er|ers|or|ors|ous)$")

_stemmer = Stemmer.Stemmer("english")


def american(word: str) -> str:
    """Fold a lowercase British spelling to its American form; other words come back unchanged."""
    if word in _WORDS:
        return _WORDS[word]
    word = _OUR.sub(r"\1or", word)
    if (m := _ISE.match(word)) and m.group(1) + "is" not in _ISE_KEEP:
        return f"{m.group(1)}iz{m.group(2)}"
    for pattern, replacement in (
        (_YSE, r"\1yz\2"),
        (_OGUE, r"\1"),
        (_RE, r"\1er\2"),
        (_LL, r"\1\2"),
    ):
        folded = pattern.sub(replacement, word)
        if folded != word:
            return folded
    return word


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Search key of a lowercase English word: American spelling, then the Snowball stem."""
    return _stemmer.stemWord(american(word.replace("’", "'")))
