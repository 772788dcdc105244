"""The Kazakh/Russian/English thesaurus of library and event vocabulary, for query expansion.

`search/data/thesaurus.tsv` (the core, first) and `search/data/thesaurus-*.tsv` (one file per
domain, each saying where its entries come from) hold one concept per line, its terms in three
tab-separated columns kk, ru and en; synonyms in a column are separated by "|", a term may be
several words, and lines starting with "#" are comments. A term is known by the search keys of
its words, made with its own language's chain, so any inflected form of a query word finds it:
«наставничеству» and «наставничества» find the concept of «наставничество», "mentors" the one
of "mentor". A word no term has is looked up by its derivational family (keys.family_keys):
«оцифровали» finds the concept of «оцифровка», «отремонтированная» that of «ремонт», but
«кітапхана», a term itself, stays the library and not also the librarian of its family.
`bench/thesaurus_review.py` checks the files for terms that would merge concepts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import islice
from pathlib import Path

from search.analysis import WORD, fold
from search.analysis.keys import CROSS, cross_keys, family_keys, search_keys
from search.analysis.translit import to_cyrillic
from search.language import LANGUAGES, is_cyrillic

DATA = Path(__file__).with_name("data") / "thesaurus.tsv"


# The longest term, in words, that a run of query words is matched against.
MAX_WORDS = 4
# Cross-script keys this short (with their mark) match too many words to find a one-word term
# by; in a term of more words, the words around them make the match.
MIN_CROSS = 5


def data_files() -> list[Path]:
    """The thesaurus files in reading order: the core first, then the domain files by name
    (a concept's place decides the order of its expansions among others')."""
    return [DATA, *sorted(DATA.parent.glob("thesaurus-*.tsv"))]


@dataclass(frozen=True)
class Term:
    """One way of saying a concept: its text as written and, for each of its words, the
    (language, key) pairs it is known by: its exact keys in its language, and (lang CROSS) its
    cross-script keys, so that «цифрлык» typed without Kazakh letters or ASCII "talimgerlik"
    find «цифрлық» and «тәлімгерлік»."""

    lang: str
    text: str
    keys: tuple[frozenset[tuple[str, str]], ...]
    # each word's derivational families, (CROSS, keys.family_keys): for a word no term has
    families: tuple[frozenset[tuple[str, str]], ...] = ()


@dataclass(frozen=True)
class Concept:
    """A concept's terms in all three languages; `source` (file:line) says where it is written."""

    terms: tuple[Term, ...]
    source: str = field(default="", compare=False)


@dataclass
class Match:
    """A run of query words that is a term: its length in words, the concepts it names and
    the terms it matched as typed (the other terms of those concepts are its expansions, also
    those it matched only in another script, which Russian and English text indexes for names
    alone)."""

    size: int = 0
    concepts: list[Concept] = field(default_factory=list)
    terms: set[Term] = field(default_factory=set)

    def expansions(self, limit: int | None = None) -> list[str]:
        """The concepts' other terms, each text once, in the thesaurus's order (see
        `expansion_terms`)."""
        return [text for text, _ in self.expansion_terms(limit)]

    def languages(self, typed: str) -> frozenset[str]:
        """The languages the words (`typed`) are in: those of the terms they matched as typed,
        or, matched only in another script or by their family, those of their script (a
        Cyrillic word may be Kazakh or Russian; Latin-typed Kazakh is not Kazakh as typed)."""
        if self.terms:
            return frozenset(term.lang for term in self.terms)
        return frozenset(("kk", "ru") if is_cyrillic(typed) else ("en",))

    def expansion_terms(self, limit: int | None = None) -> list[tuple[str, frozenset[str]]]:
        """The concepts' other terms, each text once in the thesaurus's order, with the
        languages whose columns write it so (a name or a loan is often written alike in Kazakh
        and Russian: Абай, семинар). Past `limit`, each language keeps its first terms in turn,
        so that a concept rich in Kazakh and Russian synonyms (or a word naming two concepts)
        still reaches English reports."""
        typed = {fold(term.text) for term in self.terms}
        # folded text: (text, its languages in the order they write it)
        found: dict[str, tuple[str, dict[str, None]]] = {}
        for concept in self.concepts:
            for term in concept.terms:
                folded = fold(term.text)
                if term not in self.terms and folded not in typed:
                    found.setdefault(folded, (term.text, {}))[1][term.lang] = None
        if limit is not None and len(found) > limit:
            # each text in the turn of the language that writes it first
            by_lang: dict[str, list[str]] = defaultdict(list)
            for folded, (_, langs) in found.items():
                by_lang[next(iter(langs))].append(folded)
            turns = (
                lang_texts[i]
                for i in range(limit)
                for lang_texts in by_lang.values()
                if i < len(lang_texts)
            )
            kept = set(islice(turns, limit))
            found = {folded: entry for folded, entry in found.items() if folded in kept}
        return [(text, frozenset(langs)) for text, langs in found.values()]


class Thesaurus:
    """Concepts, and an index from a term's first key to the terms that begin with it."""

    def __init__(self, concepts: Sequence[Concept]) -> None:
        self.concepts = tuple(concepts)
        # (term, its concept's number): the index holds positions in this list, so a lookup
        # dedupes small ints rather than hashing terms and concepts.
        self._terms = [
            (term, number) for number, concept in enumerate(self.concepts) for term in concept.terms
        ]
        self._index: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._families: dict[tuple[str, str], list[int]] = defaultdict(list)
        for position, (term, _) in enumerate(self._terms):
            for lang_key in term.keys[0]:
                self._index[lang_key].append(position)
            for lang_key in term.families[0]:
                self._families[lang_key].append(position)

    def match(self, words: Sequence[str], start: int = 0) -> Match:
        """The longest run of `words` from `start` that is a term, in any inflected form; an
        empty Match when no term begins there. When none does, a run whose words each share a
        derivational family with a term's (keys.family_keys) is that term, not as typed: a verb
        or participle the thesaurus lacks finds its noun's concept (оцифровали, оцифровка)."""
        match = self._match(words, start, families=False)
        return match if match.size else self._match(words, start, families=True)

    def _match(self, words: Sequence[str], start: int, families: bool) -> Match:
        """The longest term from `start`, its words compared by their keys, or by their
        derivational families."""
        best = Match()
        numbers: set[int] = set()
        keys_of = word_families if families else word_keys
        index = self._families if families else self._index
        first = keys_of(words[start])
        candidates = {position for lang_key in first for position in index.get(lang_key, ())}
        for position in candidates:
            term, number = self._terms[position]
            size = len(term.keys)
            if size < best.size or start + size > len(words):
                continue
            own = term.families if families else term.keys
            shared = [own[i] & keys_of(words[start + i]) for i in range(size)]
            if all(shared) and (size > 1 or any(map(_telling, shared[0]))):
                if size > best.size:
                    best, numbers = Match(size), set()
                if all(any(lang != CROSS for lang, _ in pairs) for pairs in shared):
                    best.terms.add(term)  # as typed: not an expansion of itself
                numbers.add(number)
        best.concepts = [self.concepts[number] for number in sorted(numbers)]
        return best

    def merges(self) -> list[tuple[Concept, Term, Concept]]:
        """(concept, term, other concept) for each term that, typed as a query, also names
        another concept: the query would expand to both. That is a false merge unless the two
        are one family that the English stemmer cannot tell apart anyway (mentor, mentoring)."""
        found = []
        for concept in self.concepts:
            for term in concept.terms:
                words = WORD.findall(term.text)
                match = self.match(words)
                if match.size == len(words):
                    found += [
                        (concept, term, other) for other in match.concepts if other is not concept
                    ]
        return found


@lru_cache(maxsize=50_000)
def word_keys(word: str) -> frozenset[tuple[str, str]]:
    """(language, key) pairs a query word may stand for: its keys in each language's chain and,
    under CROSS, the cross-script key of its Kazakh reading (Latin-typed, or typed without
    Kazakh letters); its other readings' cross-script keys would make «Корей» the «қор» of
    "library collection"."""
    folded = fold(word)
    pairs = {(lang, key) for lang in LANGUAGES for key in search_keys(folded, lang)}
    kazakh = to_cyrillic(folded) if folded.isascii() else folded
    return frozenset(pairs | {(CROSS, key) for key in cross_keys(kazakh, "kk")})


def _telling(pair: tuple[str, str]) -> bool:
    """Whether one shared key is enough to match a one-word term: not a short cross-script key."""
    lang, key = pair
    return lang != CROSS or len(key) > MIN_CROSS


@lru_cache(maxsize=50_000)
def word_families(word: str) -> frozenset[tuple[str, str]]:
    """(CROSS, family key) pairs of a query word: the derivational families of its keys in each
    language's chain (see keys.family_keys)."""
    folded = fold(word)
    return frozenset((CROSS, key) for lang in LANGUAGES for key in family_keys(folded, lang))


def _term(lang: str, text: str) -> Term:
    words = WORD.findall(text)
    if not words:
        raise ValueError(f"empty {lang} term")
    families = tuple(
        frozenset((CROSS, key) for key in family_keys(fold(word), lang)) for word in words
    )
    return Term(lang, text, tuple(_word_pairs(word, lang) for word in words), families)


def _word_pairs(word: str, lang: str) -> frozenset[tuple[str, str]]:
    folded = fold(word)
    exact = {(lang, key) for key in search_keys(folded, lang)}
    cross = cross_keys(folded, lang, capital=word[:1].isupper())
    return frozenset(exact | {(CROSS, key) for key in cross})


def parse(lines: Sequence[str], source: str = "thesaurus") -> Thesaurus:
    """A thesaurus from TSV lines; a malformed line is a ValueError naming it."""
    return Thesaurus(_concepts(lines, source))


def _concepts(lines: Sequence[str], source: str) -> list[Concept]:
    concepts: list[Concept] = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != len(LANGUAGES):
            raise ValueError(f"{source}:{number}: expected {len(LANGUAGES)} columns (kk, ru, en)")
        try:
            terms = tuple(
                _term(lang, text.strip())
                for lang, column in zip(LANGUAGES, columns, strict=True)
                for text in column.split("|")
            )
        except ValueError as error:
            raise ValueError(f"{source}:{number}: {error}") from None
        if max(len(term.keys) for term in terms) > MAX_WORDS:
            raise ValueError(f"{source}:{number}: a term has more than {MAX_WORDS} words")
        concepts.append(Concept(terms, f"{source}:{number}"))
    return concepts


@cache
def thesaurus() -> Thesaurus:
    """The bundled thesaurus, read from all its files on first use and kept."""
    concepts: list[Concept] = []
    for path in data_files():
        with path.open(encoding="utf-8") as file:
            concepts += _concepts(file.readlines(), path.name)
    return Thesaurus(concepts)
