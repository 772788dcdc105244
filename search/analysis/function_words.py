"""The function words of Kazakh, Russian and English: one list, for the two places that need it.

A query's function word among other words is optional and is not translated (the engine's
parser): «кітапханалар туралы» asks for libraries, and «туралы» in another language is no help.
A function word gets no cross-script keys in indexed text (analysis.keys): as a transliteration
it would only make "men" meet «мен» and "bar" meet «бар».
"""

from __future__ import annotations

FUNCTION_WORDS = frozenset(
    (
        # English: articles, prepositions, conjunctions, pronouns, auxiliaries, question words
        "a an the of to in on at by for from with as about into over under and or but not also "
        "is are was were be been has have had will would do does did "
        "this that these those its they their his her our your you "  # not "it": IT
        "what which who whom whose when where why how "
        # Russian
        "и в во на с со по для к ко о об обо от до из за у при без над под про между через "
        "а но же или также уже еще все как так что это этот эта эти "
        "он она они его ее их был была были было быть есть "
        "кто какой какая какое какие где когда почему "
        "кого кому кем ком чего чему чем чём каков какова каково каковы какого какому каким "
        "каком какую каких какими который которая которое которые которого которой которому "
        "которым котором которую которых которыми сколько скольких чей чья чье чьи зачем куда "
        "откуда "
        # Kazakh: postpositions, conjunctions, particles, pronouns, question words
        "және мен бен пен үшін туралы бойынша арқылы ретінде кейін дейін деген деп да де та те "
        "ғой бірақ немесе тек бар жоқ бір сол осы бұл ол олар "
        "қай қандай кім не қашан қайда қанша неше неге "
        "кімнің кімге кімді кімнен кіммен ненің нені неден немен қайсы қайсысы"
    ).split()
)
