"""Queries: Whoosh syntax analysed with the index's own chains, ranked hits with snippets.

A query word is looked up in the title and in every per-language body field, each through its
own analyzer, so «кітапханалардың», «библиотекарей» and "mentoring" need no language guess.
A word also matches its other scripts' spellings (cross-script keys: «Торайғыров» finds
"Toraigyrov") and, unless turned off, its translations from the thesaurus («наставничество»
finds «тәлімгерлік» and "mentoring"), both at lower weights, so that reports with the words as
typed rank first. Reports with every word come first; then, labelled, those with most of the
words (search.coverage), and the counts say how many are which. Facet counts (language, year,
event type, format) come with every result, and one document can be read whole with the query's
words marked.
"""

from __future__ import annotations

import copy
import html
import re
import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh import matching, qparser
from whoosh import query as wq
from whoosh.index import TOC, EmptyIndexError, FileIndex
from whoosh.qparser import syntax
from whoosh.searching import Searcher

from search.analysis import WORD, fold
from search.analysis.keys import CROSS, DERIV, index_keys
from search.analysis.tokenize import HYPHEN
from search.budget import Budget, ClientSlots
from search.config import Settings
from search.coverage import Counts, Coverage, partial_matches
from search.errors import QueryError
from search.index import BODY_FIELDS, current_generation, open_index
from search.ranking import Collection, Scored, Scorer
from search.reading import after_title, section_html
from search.thesaurus import MAX_WORDS, Match, thesaurus

if TYPE_CHECKING:
    from search.warm import Warmer

T = TypeVar("T")

SEARCH_FIELDS = ["title", *BODY_FIELDS.values()]
FIELD_LANG = {"title": "any", **{name: lang for lang, name in BODY_FIELDS.items()}}
SORTS = ("relevance", "date")
# Facet and filter names, and the index field each one counts.
FACETS = {"lang": "lang", "year": "year", "type": "event", "format": "format"}
# Hits on one page of results; in one list to take away (search.export), without snippets.
MAX_LIMIT = 100
EXPORT_LIMIT = 1000


@dataclass
class Hit:
    # The document's id ("source name/path"), for its links; `path` is inside its source.
    id: str
    path: str
    title: str
    lang: str
    date: str | None  # YYYY-MM-DD; None when no date was found
    score: float | None
    snippet: str
    page: int | None
    format: str
    # How the report matches: "full" (every word, as typed or in another form or script),
    # "translated" (every word, some only through a translation) or "partial" (most words).
    match: str = "full"
    author: str = ""
    event: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    # How many reports of `total` match fully, only through a translation, or partly (see
    # search.coverage.Counts); a headline counts the first.
    counts: dict[str, int] = field(default_factory=dict)
    # True when no report matched every word and the hits match only some of them.
    fallback: bool = False
    page: int = 1
    limit: int = 10
    # Facet name -> value -> number of matching reports (see Library.search).
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # True when the search used its budget (search.budget) before it was done: the hits are
    # those found by then, and a narrower query finds them all.
    truncated: bool = False

    def to_json(self) -> dict[str, object]:
        """The JSON shape shared by `izde search --json` and the web API."""
        return asdict(self)


@dataclass
class Section:
    """A stretch of a document's text: one PDF page, or the whole text of other formats.

    `html` is the escaped text as paragraphs, headings and lists, with the query's words in
    <mark id="match-N"> (search.reading).
    """

    page: int | None
    html: str


@dataclass
class DocumentView:
    """One document to read: its metadata and its whole text, the query's words marked."""

    id: str
    path: str
    title: str
    lang: str
    languages: list[str]
    author: str
    date: str | None  # YYYY-MM-DD; None when no date was found
    format: str
    event: list[str]
    size: int
    matches: int
    sections: list[Section]
    # The file on the server's disk: for sending it, shown to staff only.
    source: str
    # Its source folder (shown to staff only), whether it is withdrawn from search, and what
    # Izde found in the file for the fields staff may correct.
    root: str = ""
    hidden: bool = False
    found: dict[str, str] = field(default_factory=dict)

    def to_json(self, staff: bool = False) -> dict[str, object]:
        """The web API's shape of a document; the server's paths only for staff."""
        data = asdict(self)
        if not staff:
            for name in ("source", "root", "found", "hidden"):
                del data[name]
        return data


def _phrase(fieldname, words, slop=1, boost=1.0, char_ranges=None):
    """Phrase query that keeps alternative keys of one word (same char range) as an Or.

    A phrase asks for its words' exact keys only: cross-script keys would turn every phrase into
    a slower Sequence of Ors, and only names have them in Russian and English text.
    """
    groups: dict[object, list[str]] = {}
    for word, span in zip(words, char_ranges or [(i, i) for i in range(len(words))], strict=True):
        groups.setdefault(span, [])
        if word.startswith(CROSS):
            continue
        if word not in groups[span]:
            groups[span].append(word)
    slots = list(groups.values())
    if not slots:
        return None  # «""» or «"!!"»: Whoosh cannot match a phrase of no words
    if all(len(slot) == 1 for slot in slots):
        return wq.Phrase(fieldname, [slot[0] for slot in slots], slop=slop, boost=boost)
    parts = [
        wq.Term(fieldname, slot[0])
        if len(slot) == 1
        else wq.Or([wq.Term(fieldname, w) for w in slot])
        for slot in slots
    ]
    return wq.Sequence(parts, slop=slop, boost=boost)


class Parser(qparser.QueryParser):
    """Whoosh's parser over all search fields, aware that one word may give several keys.

    Each word the user typed is searched in every text field (SpreadPlugin) for its exact keys
    and, at the settings' lower weight, for its cross-script keys (`cross`); with `expand`, a
    word or run of words that is a thesaurus term also matches the concept's other terms
    (ExpansionPlugin). With `tiers`, a word scores TIER_BONUS more where its exact keys match
    and half that where only its cross-script keys do, and a translation none, so a report with
    the words as typed ranks first, then one with them in another script, then one with only
    translations: weights below 1 alone do not ensure it, since a rare translation in a title
    can outscore a common word in a body.
    """

    def __init__(
        self,
        schema,
        settings: Settings,
        group=qparser.AndGroup,
        expand: bool = True,
        cross: bool = True,
        tiers: bool = True,
    ) -> None:
        super().__init__(None, schema, group=group)
        self.field_boosts = {"title": settings.title_boost}
        self.cross_boost = settings.cross_script_boost if cross else 0.0
        self.tiers = tiers
        self.remove_plugin_class(qparser.FieldsPlugin)
        self.add_plugin(IndexedFieldsPlugin())
        self.add_plugin(SpreadPlugin())
        self.add_plugin(MissingOperandPlugin())
        # Only `prefix*`: a `?` wildcard would turn «???» into "every three-letter word".
        self.remove_plugin_class(qparser.WildcardPlugin)
        self.add_plugin(qparser.PrefixPlugin())
        if expand:
            self.add_plugin(ExpansionPlugin(settings.expansion_boost))
        self.phraseclass = _phrase

    def word_query(self, text: str, fieldnames: list[str], tier: bool) -> wq.Query | None:
        """A typed word (`tier`) or a translation in `fieldnames`: the better of its exact and
        its cross-script match, each summed over the fields."""
        exact: list[wq.Query] = []
        cross: list[wq.Query] = []
        for fieldname in fieldnames:
            slots = self._slots(fieldname, text)
            exact.append(_all([_any(keys) for keys, _ in slots]))
            if self.cross_boost and slots and all(keys for _, keys in slots):
                cross.append(_all([_any(keys) for _, keys in slots]))
        typed = _any([query for query in exact if query is not None])
        other = _any(cross, self.cross_boost)
        if self.tiers and tier:
            typed = None if typed is None else _Plus(typed, TIER_BONUS)
            other = None if other is None else _Plus(other, TIER_BONUS / 2)
        kinds = [query for query in (typed, other) if query is not None]
        if not kinds:
            return None
        return kinds[0] if len(kinds) == 1 else BestOf(kinds)

    def _slots(self, fieldname: str, text: str) -> list[tuple[list[wq.Query], list[wq.Query]]]:
        """(exact terms, cross-script terms) at each position of the analysed word, weighted by
        the field's boost (on the terms themselves: Whoosh deep-copies a query to reweight it)."""
        boost = self.field_boosts.get(fieldname, 1.0)
        by_position: dict[int, list[str]] = defaultdict(list)
        for token in self.schema[fieldname].tokenize(text, mode="query", positions=True):
            if token.text not in by_position[token.pos]:
                by_position[token.pos].append(token.text)
        return [
            (
                [wq.Term(fieldname, k, boost=boost) for k in keys if not k.startswith(CROSS)],
                [wq.Term(fieldname, k, boost=boost) for k in _cross(keys)],
            )
            for keys in by_position.values()
        ]

    def clauses(self, text: str) -> list[Clause]:
        """The query's top-level clauses, each with how a partial match may treat it.

        LOOSE: a word or thesaurus term typed among others (or an OR of them), which a partial
        match may miss (see search.coverage); TEXT: a quoted phrase, a fielded word (`title:…`)
        or an explicit AND, which it may miss only when no report has every word (the old OR
        fallback); STRICT: a NOT, a filter (`lang:kk`) or a range, which always holds, and an
        optional function word, which matches every report anyway. Words in parentheses count
        one by one, unless the query has an explicit AND.
        """
        root = self.process(text)
        flatten = not _EXPLICIT_AND.search(text)
        nodes = list(root) if isinstance(root, syntax.AndGroup) else [root]
        clauses: list[Clause] = []
        while nodes:
            node = nodes.pop(0)
            if flatten and type(node) is syntax.AndGroup:
                nodes[:0] = list(node)
                continue
            query = node.query(self)
            if query is None or query is wq.NullQuery:
                continue
            query = query.normalize()
            # A repeated word counts once, as in the query Whoosh normalizes (see Library.search).
            if all(query != seen.query for seen in clauses):
                clauses.append(Clause(query, _relaxable(node), self._words(node, query)))
        return clauses

    def _words(self, node: syntax.SyntaxNode, query: wq.Query) -> list[wq.Query]:
        """The words a partial match counts in a clause. A thesaurus term of several words
        («өлкетану жұмысы») counts each word, with the word's own translations and the term's:
        a report with «өлкетану» alone, or «краеведение», has one of its two words, and one with
        «краеведческая работа» both. Any other clause is one word."""
        if not (isinstance(node, _BestOfGroup) and isinstance(node.nodes[0], syntax.AndGroup)):
            return [query]
        translations = query.subqueries[1:] if isinstance(query, _Concept) else []
        words = []
        for child in node.nodes[0].nodes:
            if not (isinstance(child, _Spread) and type(child.node) is syntax.WordNode):
                return [query]
            words.append(BestOf([self.parse(child.node.text), *translations]))
        return words

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        """A prefix (`цифрлан*`) in a text field is any of its exact keys."""
        if fieldname not in FIELD_LANG:
            return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        tokens = self.schema[fieldname].tokenize(text, mode="query", tokenize=tokenize)
        keys = dict.fromkeys(token.text for token in tokens if not token.text.startswith(CROSS))
        return _any([termclass(fieldname, key) for key in keys], boost)


# How a partial match treats a query's clause (see Parser.clauses).
LOOSE, TEXT, STRICT = "loose", "text", "strict"


@dataclass
class Clause:
    """A top-level clause of a parsed query (see Parser.clauses)."""

    query: wq.Query
    kind: str  # LOOSE, TEXT or STRICT
    words: list[wq.Query]  # what a partial match counts in it


# Whoosh's own pattern for the AND operator.
_EXPLICIT_AND = re.compile(r"(?<=\s)AND(?=\s)")


def _relaxable(node: syntax.SyntaxNode) -> str:
    """LOOSE, TEXT or STRICT for a top-level node of a parsed query (see Parser.clauses)."""
    if _is_optional(node):
        return STRICT
    if isinstance(node, _Spread):
        inner = node.node
        plain = isinstance(inner, syntax.WordNode | qparser.PrefixPlugin.PrefixNode)
        return LOOSE if plain and inner.fieldname is None else TEXT
    if isinstance(node, _BestOfGroup):
        typed = node.nodes[0]
        words = typed.nodes if isinstance(typed, syntax.AndGroup) else [typed]
        return _weakest([_relaxable(word) for word in words])
    if type(node) in (syntax.OrGroup, syntax.AndGroup):
        # An optional function word in parentheses matches every report: it counts as no part.
        parts = [child for child in node.nodes if not _is_optional(child)]
        kind = _weakest([_relaxable(child) for child in parts])
        return TEXT if type(node) is syntax.AndGroup and kind == LOOSE else kind
    return STRICT


def _is_optional(node: syntax.SyntaxNode) -> bool:
    return isinstance(node, _Spread) and getattr(node.node, "optional", False)


def _weakest(kinds: list[str]) -> str:
    """The strictest of `kinds`: a group is as relaxable as its least relaxable part."""
    for kind in (STRICT, TEXT):
        if kind in kinds:
            return kind
    return LOOSE


def _cross(keys: list[str]) -> list[str]:
    """A word's keys asked at the cross-script weight: its cross-script and derivational-family
    keys, and each family's root as a plain key (наставничество finds наставник)."""
    roots = [k[len(DERIV) :] for k in keys if k.startswith(DERIV)]
    cross = [k for k in keys if k.startswith(CROSS)]
    return list(dict.fromkeys(cross + [root for root in roots if root not in keys]))


def _any(queries: list[wq.Query], boost: float = 1.0) -> wq.Query | None:
    """One query matching any of `queries`, weighted by `boost`; None for none."""
    return _joined(wq.Or, queries, boost)


def _all(queries: list[wq.Query | None], boost: float = 1.0) -> wq.Query | None:
    """One query matching all of `queries`, weighted by `boost`; None if one is None."""
    if not queries or any(query is None for query in queries):
        return None
    return _joined(wq.And, queries, boost)


def _joined(kind, queries, boost: float) -> wq.Query | None:
    """`kind` (Or, And) of `queries`, with the children of an unweighted child of the same kind
    taken in: Whoosh would flatten them, deep-copying each."""
    flat: list[wq.Query] = []
    for query in queries:
        same = type(query) is kind and query.boost == 1.0
        flat.extend(query.subqueries if same else [query])
    if not flat:
        return None
    if len(flat) == 1:
        return flat[0].with_boost(flat[0].boost * boost) if boost != 1.0 else flat[0]
    return kind(flat, boost=boost)


class IndexedFieldsPlugin(qparser.FieldsPlugin):
    """`name:` for a field the index searches. Whoosh's plugin also takes a stored-only field
    (`size:`, `content:`) and then fails on it ("field has no format"); here its name is a word,
    as an unknown field's name is."""

    class FieldnameTagger(qparser.FieldsPlugin.FieldnameTagger):
        def create(self, parser, match):
            name = match.group("text")
            if name in parser.schema and not parser.schema[name].indexed:
                return syntax.WordNode(match.group(0))
            return super().create(parser, match)


class SpreadPlugin(qparser.Plugin):
    """Searches each word, phrase, prefix and range in every text field (Whoosh's
    MultifieldPlugin, with Izde's tiers: see Parser), or in the one text field it names
    (`title:`). A range without a field is spread too: the parser has no default field."""

    def filters(self, parser):
        # After field names (100) and expansion (105), as the MultifieldPlugin it replaces.
        return [(self.do_spread, 110)]

    def do_spread(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_spread(parser, node)
            elif isinstance(node, syntax.TextNode | syntax.RangeNode) and _searched(node):
                group[i] = _Spread(node)
        return group


class MissingOperandPlugin(qparser.Plugin):
    """An operator that lost an operand to another operator: a NOT without one is dropped (the
    first of «NOT NOT a»), an ANDNOT or ANDMAYBE with one is that operand («a ANDNOT ANDNOT b»
    is «a b»). Whoosh's parser leaves them as groups it then fails on."""

    # Operands a group of each kind needs.
    OPERANDS = ((syntax.Wrapper, 1), (syntax.BinaryGroup, 2))

    def filters(self, parser):
        # After the operators are grouped (600).
        return [(self.do_operands, 700)]

    def do_operands(self, parser, group):
        out = group.empty_copy()
        for node in group:
            if isinstance(node, syntax.GroupNode):
                node = self.do_operands(parser, node)
                if any(isinstance(node, kind) and len(node) < n for kind, n in self.OPERANDS):
                    out.extend(node.nodes)
                    continue
            out.append(node)
        return out


class _Spread(syntax.SyntaxNode):
    """A text node searched in the text fields; a translation (see ExpansionPlugin) gets no
    tier bonus."""

    has_boost = True

    def __init__(self, node: syntax.TextNode | syntax.RangeNode) -> None:
        self.node = node
        self.boost = 1.0
        self.startchar, self.endchar = node.startchar, node.endchar

    def r(self):
        return f"Spread({self.node.r()})"

    def query(self, parser):
        node = self.node
        fieldnames = [node.fieldname] if node.fieldname else SEARCH_FIELDS
        tier = not getattr(node, "translation", False)
        if type(node) is syntax.WordNode:
            query = parser.word_query(node.text, fieldnames, tier)
        else:
            parts = []
            for fieldname in fieldnames:
                copied = copy.copy(node)
                copied.set_fieldname(fieldname, override=True)
                copied.set_boost(parser.field_boosts.get(fieldname, 1.0))
                parts.append(copied.query(parser))
            query = _any([part for part in parts if part is not None])
            if query is not None and parser.tiers and tier:
                query = _Plus(query, TIER_BONUS)
        if getattr(node, "optional", False):
            query = _Anything() if query is None else BestOf([query, _Anything()])
        if query is None:
            return None
        return query.with_boost(self.boost) if self.boost != 1.0 else query


class _Anything(wq.ConstantScoreQuery):
    """Every document, scoring 1: an optional word's match where it is absent.

    Beside the word in a BestOf it is a floor under the word's own score, so a function word,
    whose score is mostly below 1, hardly moves the ranking, and a report that has it scores no
    lower than one that does not. (Whoosh scores it 1 however it is built: a parent that needs
    the current match gets Every's own matcher.)
    """

    boost = 1.0
    FLOOR = 1.0

    def __init__(self) -> None:
        super().__init__(wq.Every(), self.FLOOR)

    def _rewrap(self, child: wq.Query) -> _Anything:
        return _Anything()

    def with_boost(self, boost: float) -> _Anything:
        return self

    def score_with(self, scorer: Scorer) -> Scored:
        return scorer.everything(self.FLOOR)


class _Plus(wq.WrappingQuery):
    """`child`, scoring `bonus` more in every document it matches."""

    boost = 1.0

    def __init__(self, child: wq.Query, bonus: float) -> None:
        super().__init__(child)
        self.bonus = bonus

    def __eq__(self, other: object) -> bool:
        return type(other) is _Plus and (other.child, other.bonus) == (self.child, self.bonus)

    def __hash__(self) -> int:
        return hash((self.child, self.bonus))

    def _rewrap(self, child: wq.Query) -> _Plus:
        return _Plus(child, self.bonus)

    def with_boost(self, boost: float) -> _Plus:
        # The boost multiplies the child's (this wrapper's own stays 1, as Whoosh assumes when
        # it flattens nested Ors); the bonus stays as it is.
        return _Plus(self.child.with_boost(self.child.boost * boost), self.bonus)

    def matcher(self, searcher, context=None):
        return _PlusMatcher(self.child.matcher(searcher, context), self.bonus)

    def score_with(self, scorer: Scorer) -> Scored:
        scored = scorer.part(self.child)
        scored.scores = np.where(scored.mask, scored.scores + self.bonus, 0.0)
        return scored


class _PlusMatcher(matching.WrappingMatcher):
    def __init__(self, child, bonus: float) -> None:
        super().__init__(child)
        self.bonus = bonus

    def copy(self):
        return _PlusMatcher(self.child.copy(), self.bonus)

    def _replacement(self, newchild):
        return _PlusMatcher(newchild, self.bonus)

    def replace(self, minquality=0):
        # The child's scores lack the bonus: Whoosh's wrapper would pass the whole minimum down
        # and drop every child whose own scores are below it, which is all of them.
        child = self.child.replace(max(0.0, minquality - self.bonus))
        return self if child is self.child else self._replacement(child)

    def skip_to_quality(self, minquality):
        return self.child.skip_to_quality(minquality - self.bonus)

    def max_quality(self):
        return self.child.max_quality() + self.bonus

    def block_quality(self):
        return self.child.block_quality() + self.bonus

    def score(self):
        return self.child.score() + self.bonus


class BestOf(wq.DisjunctionMax):
    """Matches what any subquery matches and scores a document by its best subquery.

    Whoosh's own DisjunctionMax matcher takes the maximum over sub-matchers that stand on other
    documents too, and drops both sides when one runs out while being replaced.
    """

    def _matcher(self, subs, searcher, context):
        # Two or three subqueries: a plain binary tree, without estimating their sizes.
        return self._tree_matcher(subs, _BestOfMatcher, searcher, context, None)


class _BestOfMatcher(matching.DisjunctionMaxMatcher):
    def replace(self, minquality=0):
        sides = [m.replace(minquality) for m in (self.a, self.b) if m.is_active()]
        sides = [m for m in sides if m.is_active()]
        if not sides:
            return matching.NullMatcher()
        if len(sides) == 1:
            return sides[0]
        return self if sides == [self.a, self.b] else self.__class__(*sides)

    def score(self):
        here = self.id()
        return max(m.score() for m in (self.a, self.b) if m.is_active() and m.id() == here)


class _Concept(BestOf):
    """A concept's clause: its own class, so that Whoosh does not flatten (deep-copying) the
    BestOf of its words into it."""


class _BestOfGroup(syntax.GroupNode):
    qclass = _Concept


class ExpansionPlugin(qparser.Plugin):
    """Query expansion from the thesaurus: a word, or a run of words that is a term (in any
    inflected form), becomes BestOf(the words, the concept's other terms at `boost`).

    Each concept stays one clause, so a query's words are still ANDed concept by concept; a
    report scores the better of its matches for a concept, the typed words or a translation,
    and `Library.search` ranks reports with the typed words first. Runs never cross
    an operator or a field, so «a OR b c» and «NOT a b» keep their meaning; a quoted phrase is
    expanded when it is a whole term.

    Function words (of, для, үшін …) become optional beside other words: a translation never
    has them, so "digitisation of rare books" would otherwise never find «сирек кітаптарды
    цифрландыру»; where they are, they still count.
    """

    # Expansion terms per concept clause: enough for a concept's three languages and synonyms.
    LIMIT = 10

    def __init__(self, boost: float) -> None:
        self.boost = boost

    def filters(self, parser):
        # After field names are applied (100), before words are spread over the fields (110).
        return [(self.do_expand, 105)]

    def do_expand(self, parser, group):
        nodes = list(group)
        out = group.empty_copy()
        i = 0
        while i < len(nodes):
            node = nodes[i]
            if isinstance(node, syntax.GroupNode):
                out.append(self.do_expand(parser, node))
            elif isinstance(node, qparser.PhrasePlugin.PhraseNode) and _searched(node):
                words = WORD.findall(node.text)
                match = thesaurus().match(words) if words else Match()
                out.append(self._expanded(node, match) if match.size == len(words) else node)
            elif _is_word(node):
                run = _term_run(nodes, i)
                match = thesaurus().match([nodes[k].text for k in run])
                if not match.size and _optional(nodes, i):
                    node.optional = True
                if match.size:
                    last = run[match.size - 1]
                    words = node if match.size == 1 else syntax.AndGroup(nodes[i : last + 1])
                    out.append(self._expanded(words, match))
                    i = last + 1
                    continue
                out.append(node)
            else:
                out.append(node)
            i += 1
        return out

    def _expanded(self, words, match: Match):
        """Or(the words, their concept's other terms): one word as a word, more as a phrase."""
        first = words.nodes[0] if isinstance(words, syntax.GroupNode) else words
        alternatives = []
        for text in match.expansions()[: self.LIMIT]:
            if len(WORD.findall(text)) == 1:
                node = syntax.WordNode(text)
            else:
                node = qparser.PhrasePlugin.PhraseNode(text, 0)
            node.fieldname = first.fieldname
            node.startchar, node.endchar = words.startchar, words.endchar
            node.translation = True  # no tier bonus (see Parser)
            alternatives.append(node)
        if not alternatives:
            return words
        return _BestOfGroup([words, syntax.OrGroup(alternatives, boost=self.boost)])


# Function and question words of the three languages, which translations leave out (see
# ExpansionPlugin).
FUNCTION_WORDS = frozenset(
    (
        "a an the of to in on at by for from with as about into over under and or but is are "
        "was were be been this that these those its their his her our your "
        "what which who whom whose when where why how "
        "и в во на с со по для к ко о об обо от до из за у при а но же как что это этот эта эти "
        "его ее их или также под над между через кто какой какая какое какие где когда почему "
        "және мен бен пен үшін туралы бойынша арқылы деген да де та те ғой бірақ немесе сол осы "
        "бұл ол қай қандай кім не қашан қайда қанша неше неге "
        # Question words in their other forms: a question asks with them, a report rarely
        # has them where the answer is.
        "do does did "
        "кого кому кем ком чего чему чем чём каков какова каково каковы какого какому каким "
        "каком какую каких какими который которая которое которые которого которой которому "
        "которым котором которую которых которыми сколько скольких чей чья чье чьи зачем куда "
        "откуда "
        "кімнің кімге кімді кімнен кіммен ненің нені неден немен қайсы қайсысы"
    ).split()
)


def _optional(nodes, i: int) -> bool:
    """Whether the word at `i` is a function word among other words, next to no operator."""
    if fold(nodes[i].text) not in FUNCTION_WORDS:
        return False
    before = _skip_spaces(nodes, i - 1, -1)
    after = _skip_spaces(nodes, i + 1, 1)
    if any(0 <= k < len(nodes) and isinstance(nodes[k], syntax.Operator) for k in (before, after)):
        return False
    return any(
        _is_word(n) and fold(n.text) not in FUNCTION_WORDS for n in nodes if n is not nodes[i]
    )


def _term_run(nodes, start: int) -> list[int]:
    """Positions of the words from `start` that may form one term: same field, only spaces
    between them, no operator before or after."""
    before = _skip_spaces(nodes, start - 1, -1)
    run = [start]
    if before >= 0 and isinstance(nodes[before], syntax.Operator):
        return run
    while len(run) < MAX_WORDS:
        k = _skip_spaces(nodes, run[-1] + 1, 1)
        if k < len(nodes) and _is_word(nodes[k]) and nodes[k].fieldname == nodes[start].fieldname:
            run.append(k)
        else:
            break
    # A word an operator takes («b» in «a b OR c») is left to it.
    after = _skip_spaces(nodes, run[-1] + 1, 1)
    if len(run) > 1 and after < len(nodes) and isinstance(nodes[after], syntax.Operator):
        run.pop()
    return run


def _skip_spaces(nodes, i: int, step: int) -> int:
    while 0 <= i < len(nodes) and isinstance(nodes[i], syntax.Whitespace):
        i += step
    return i


def _searched(node) -> bool:
    """A node searched in the text fields: no field name (all of them) or one of them."""
    return node.fieldname is None or node.fieldname in FIELD_LANG


def _is_word(node) -> bool:
    return type(node) is syntax.WordNode and _searched(node)


# A lone surrogate: what Python makes of bytes that are not UTF-8 in a command's argument.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters (NUL, line breaks …), which part words, and invisible format characters
# (bidi overrides, zero-width spaces and joiners, soft hyphens), which no indexed word has:
# echoed back, they hide or reorder what the page shows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_FORMAT = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def cleaned(text: str) -> str:
    """A query without control characters (each a space) and invisible format characters."""
    return _FORMAT.sub("", _CONTROL.sub(" ", text))


def _version(generation: str | None, searcher: Searcher) -> tuple[str, int]:
    """A searcher's index version, in order: generation name, then commit."""
    return generation or "", searcher.reader().generation()


class Library:
    """An open index that follows the live generation: a newer one is picked up on next search,
    or, once `start_warming` is called, when search.warm has made it ready."""

    # Recent queries, run on a new version to warm its caches (see search.warm).
    RECENT = 16

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._opened: tuple[str | None, FileIndex] | None = None
        self._local = threading.local()
        # What is read once per index version and shared by all threads (see _per_version).
        self._kept: dict[Callable, dict[tuple[str | None, int], object]] = {}
        # The version (generation, commit) every thread searches, once a Warmer has made one
        # ready; None: each thread opens the newest.
        self.live: tuple[str | None, int] | None = None
        self.recent: deque[str] = deque(maxlen=self.RECENT)
        self.warmer: Warmer | None = None
        # Searchers the warmer opened on the live version, for threads to move to it with.
        self._ready: list[Searcher] = []
        self._ready_lock = threading.Lock()
        self._kept_lock = threading.Lock()
        self.slots = ClientSlots(settings.expensive_per_client, settings.expensive_total)

    def start_warming(self) -> None:
        """From now on, move to a new index version only once it is warm (search.warm)."""
        from search.warm import Warmer  # it builds on this class

        self.warmer = Warmer(self).start()

    def make_live(self, version: tuple[str | None, int], searchers: list[Searcher]) -> None:
        """Switch every thread to `version` (warm now), with searchers opened on it."""
        with self._ready_lock:
            stale, self._ready = self._ready, list(searchers)
            self.live = version
        for searcher in stale:
            searcher.close()

    def _take_ready(self, live: tuple[str | None, int]) -> tuple[str | None, Searcher] | None:
        with self._ready_lock:
            if self.live == live and self._ready:
                return live[0], self._ready.pop()
        return None

    @contextmanager
    def pinned(self, generation: str | None, searcher: Searcher) -> Iterator[None]:
        """Searches of this thread use `searcher` (a version being warmed) meanwhile."""
        before = getattr(self._local, "searcher", None)
        self._local.searcher, self._local.pinned = (generation, searcher), True
        try:
            yield
        finally:
            self._local.searcher, self._local.pinned = before, False

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """This thread's searcher on the live index; each thread (web request) has its own.

        It is kept between searches, because opening one reads every segment's tables and
        Whoosh keeps the date column for sorting in it. It is replaced when the live version
        changes: the one `live` names once warming has started, else the newest.
        """
        kept = getattr(self._local, "searcher", None)
        live = self.live
        if getattr(self._local, "pinned", False):
            pass
        elif live is not None:
            # Older than the live version: replaced. (Newer: this thread opened the newest when
            # the live one had gone, and stays there.)
            if kept is None or _version(*kept) < (live[0] or "", live[1]):
                fresh = self._take_ready(live) or self._open_at(*live, kept)
                if kept is not None and fresh is not kept:
                    kept[1].close()
                self._local.searcher = kept = fresh
        elif (
            kept is None
            or kept[0] != current_generation(self.settings.index_dir)
            or not kept[1].up_to_date()
        ):
            fresh = self._open(current_generation(self.settings.index_dir))
            if kept is not None:
                kept[1].close()
            self._local.searcher = kept = fresh
        yield kept[1]

    def _open(self, generation: str | None) -> tuple[str | None, Searcher]:
        """A new searcher on `generation`, and its name. A rebuild may switch generations and
        delete the old one between reading CURRENT and the opening; then the newer one is opened.
        """
        while True:
            try:
                return generation, self._index(generation).searcher()
            except (EmptyIndexError, OSError):
                newer = current_generation(self.settings.index_dir)
                if newer == generation:
                    raise
                generation = newer

    def _open_at(
        self, generation: str | None, commit: int, kept: tuple[str | None, Searcher] | None
    ) -> tuple[str | None, Searcher]:
        """A new searcher on one commit of `generation` (the warm one). When that one is gone
        (a later commit replaced it), the thread keeps the searcher it has (`kept`, warm), and
        a thread without one opens the newest version."""
        try:
            index = self._index(generation)
            if Path(index.storage.folder).name != generation:
                raise OSError("a rebuild has replaced the generation")
            toc = TOC.read(index.storage, index.indexname, gen=commit, schema=index._schema)
            reader = FileIndex._reader(index.storage, toc.schema, toc.segments, toc.generation)
            return generation, Searcher(reader, fromindex=index)
        except (EmptyIndexError, OSError):
            return kept or self._open(current_generation(self.settings.index_dir))

    def _index(self, generation: str | None) -> FileIndex:
        # The name and its index are kept as one tuple, so threads that reopen at the same time
        # can never pair a generation's name with another generation's index.
        opened = self._opened
        if opened is None or opened[0] != generation:
            opened = (generation, open_index(self.settings.index_dir))
            self._opened = opened
        return opened[1]

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        year: str | None = None,
        type: str | None = None,
        format: str | None = None,
        sort: str = "relevance",
        page: int = 1,
        limit: int = 10,
        expand: bool = True,
        client: str | None = None,
        budget: Budget | None = None,
        export: bool = False,
    ) -> SearchResult:
        """Run a user query; raises QueryError with a helpful message for an unusable one.

        A query finds its words in every script and, with `expand`, their translations from the
        thesaurus; reports with the words as typed rank first, then those with the words in
        another script, then those with translations only (see Parser).
        `lang`, `year`, `type` (event type) and `format` filter the hits. The result's facets
        count, for each of them, the reports that match the query and the *other* filters: the
        language facet of a search filtered to 2021 shows how many 2021 reports each language
        has, including languages not chosen now, so a user can switch or widen a filter without
        first clearing it.

        The search keeps to its budget (search.budget): a query that would cost more than
        about ten plain searches is refused (QueryTooCostly) or cut short (`truncated`); an
        expensive one from `client` waits for none, and is refused while the same client runs
        another. A caller that passes its own `budget` can read the work done from it.
        With `export`, a page may hold up to EXPORT_LIMIT hits, without snippets or a
        respelling: the list to take away (search.export), for the cost of one search.
        """
        text = self._checked(text)
        if sort not in SORTS:
            raise QueryError(f"Unknown sort order {sort!r}: use one of {', '.join(SORTS)}.", "sort")
        if page < 1 or not 1 <= limit <= (EXPORT_LIMIT if export else MAX_LIMIT):
            raise QueryError("Page must be 1 or more and limit between 1 and 100.", "paging")
        chosen = {
            name: value
            for name, value in (("lang", lang), ("year", year), ("type", type), ("format", format))
            if value
        }
        with self.searcher() as searcher, ExitStack() as held:
            budget = self._budget(searcher, budget)
            budget.check_words(sum(w not in _OPERATORS for w in WORD.findall(text)))
            if client is not None:
                budget.on_expensive = lambda: held.enter_context(self.slots.hold(client))
            clauses = Parser(searcher.schema, self.settings, expand=expand).clauses(text)
            query = _checked_query(wq.And([clause.query for clause in clauses]).normalize())
            coverage = self._coverage(searcher, clauses, query, chosen, budget)
            hits = self._run(searcher, coverage, chosen, sort, page, limit)
            if hits.counts == Counts(0, 0, 0) and budget.truncated:
                raise budget.nothing_found()
            keys = (
                None if export else _query_keys(query, searcher, self._has_term(searcher), budget)
            )
            judged: Verdicts = {}
            counts = hits.counts
            result = SearchResult(
                query=text,
                total=counts.full + counts.translated + counts.partial,
                hits=[
                    self._hit(searcher, doc, score, kind, keys, judged)
                    for doc, score, kind in hits.hits
                ],
                counts=asdict(counts),
                fallback=counts.partial > 0 and not counts.full + counts.translated,
                page=hits.page,
                limit=limit,
                facets=hits.facets,
                truncated=budget.truncated,
            )
            if not counts.full + counts.translated and not export:
                result.suggestion = suggest(searcher, text, self._vocabulary(searcher), budget)
        # Kept to warm the next version with (search.warm): the cheap ones only.
        if not (budget.expensive or budget.truncated) and text not in self.recent:
            self.recent.append(text)
        return result

    def document(
        self, doc_id: str, query: str | None = None, expand: bool = True
    ) -> DocumentView | None:
        """The document with this id, its text split at PDF pages; None when there is none.

        The words of `query` (expanded as in `search`) are marked as in snippets; an unusable
        query just marks nothing, since the document is what the reader asked for.
        """
        with self.searcher() as searcher:
            fields = _find_document(searcher, doc_id)
            if fields is None:
                return None
            marks: list[tuple[int, int]] = []
            if query:
                with suppress(QueryError):
                    parsed = self._parse(searcher, self._checked(query), expand)
                    budget = self._budget(searcher)
                    budget.plan(parsed, searcher.reader())
                    keys = _query_keys(parsed, searcher, self._has_term(searcher), budget)
                    marks = find_matches(fields["content"], fields["spans"], keys)
        content = fields["content"]
        pages = fields.get("pages") or []
        starts = [0, *pages[1:]] if pages else [0]
        ends = [*starts[1:], len(content)]
        return DocumentView(
            id=fields.get("id", fields["path"]),  # an index from before sources: its path
            path=fields["path"],
            title=fields["title"],
            lang=fields["lang"],
            languages=[lang for lang in fields["languages"].split(",") if lang],
            author=fields.get("author") or "",
            date=fields["date"] or None,
            format=fields["format"],
            event=[name for name in fields.get("event", "").split(",") if name],
            size=fields["size"],
            matches=len(marks),
            sections=[
                Section(
                    page=number if pages else None,
                    html=section_html(
                        content,
                        marks,
                        start,
                        end,
                        fields.get("blocks") or [],
                        reflow=fields["format"] == "pdf",
                    ),
                )
                for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1)
            ],
            source=fields["source"],
            root=fields.get("root", ""),
            hidden=fields.get("hidden") == "1",
            found={
                "title": (fields.get("auto") or {}).get("title") or fields["title"],
                "date": (fields.get("auto") or {}).get("date", fields["date"]),
                "author": (fields.get("auto") or {}).get("author", fields.get("author") or ""),
            },
        )

    def stored(self, doc_id: str) -> dict[str, object] | None:
        """The stored fields of a document (its `source` file, `format` …), or None."""
        with self.searcher() as searcher:
            return _find_document(searcher, doc_id)

    def _checked(self, text: str) -> str:
        # A surrogate cannot be encoded for the index or the stemmers, and no indexed word has one.
        text = cleaned(_SURROGATE.sub("\ufffd", text)).strip()
        if not text:
            raise QueryError("Type one or more words to search for.", "empty")
        if len(text) > self.settings.max_query_chars:
            raise QueryError(
                f"The query is too long ({len(text)} characters; "
                f"at most {self.settings.max_query_chars}).",
                "too_long",
            )
        return text

    def _parse(
        self, searcher: Searcher, text: str, expand: bool = True, tiers: bool = True
    ) -> wq.Query:
        return _checked_query(
            Parser(searcher.schema, self.settings, expand=expand, tiers=tiers).parse(text)
        )

    def _budget(self, searcher: Searcher, budget: Budget | None = None) -> Budget:
        """A search's budget (a new one unless given), its work allowance sized to the
        searcher's collection."""
        budget = budget or Budget(self.settings)
        budget.fit(self._collection(searcher).size)
        return budget

    def _coverage(
        self,
        searcher: Searcher,
        clauses: list[Clause],
        query: wq.Query,
        chosen: dict[str, str],
        budget: Budget,
    ) -> Coverage:
        """The full and partial matches of a query (its `clauses` ANDed: `query`) over every
        document (see search.coverage), within the search's budget: a pass the budget cannot
        afford is not run, and the result is marked truncated.

        Each query is scored over every document at once (see search.ranking), in passes over
        terms whose postings the first one has read: the query (the full matches and their
        ranking); the typed words of its thesaurus terms (which full matches need no
        translation), when it has any; and its relaxable clauses one by one without the tier
        bonuses (the partial matches, ranked by how well rather than in which form the words
        match, as the OR fallback was).
        """
        collection = self._collection(searcher)
        scorer = Scorer(searcher, collection, budget)
        has_term = self._has_term(searcher)

        def scored(part: wq.Query) -> Scored:
            return _scored(scorer, part, has_term, budget)

        # Reports staff withdrew are in the index but never listed.
        listable = collection.live & ~self._per_version(_withdrawn, searcher)
        full = scored(query)
        full.mask &= listable
        view = _narrowed(listable, collection.facets, chosen)
        direct = full.mask
        if full.mask.any() and _translated(query):
            for clause in clauses:
                if isinstance(clause.query, _Concept):
                    direct = direct & scored(clause.query.subqueries[0]).mask
        found = full.mask & view
        relaxed = (LOOSE,) if found.any() else (LOOSE, TEXT)
        loose = [_untiered(word) for c in clauses if c.kind in relaxed for word in c.words]
        if not loose or (len(loose) == 1 and found.any()):
            partial = scorer.empty()
        else:
            required, extra = listable.copy(), np.zeros(collection.size)
            for clause in clauses:
                if clause.kind not in relaxed:
                    strict = scored(_untiered(clause.query))
                    required &= strict.mask
                    extra += strict.scores
            words = [scored(clause) for clause in loose]
            partial = partial_matches(words, required, extra, full.mask, found.any())
        return Coverage(full, direct, partial)

    def _run(
        self,
        searcher: Searcher,
        coverage: Coverage,
        chosen: dict[str, str],
        sort: str,
        page: int,
        limit: int,
    ) -> _Page:
        """One page of hits, the counts and the facet counts.

        Each facet count is the size of the list's intersection with the documents of one
        value, so a facet whose own filter is set needs no second search.
        """
        collection = self._collection(searcher)
        values = collection.facets
        shown = coverage.narrowed(_narrowed(coverage.listed, values, chosen))
        counts = shown.counts()
        total = counts.full + counts.translated + counts.partial
        page = min(page, max(1, -(-total // limit)))
        ranked = shown.ranked(sort, collection.dates, (page - 1) * limit, limit)
        hits = [(doc, score, shown.kind(doc)) for doc, score in ranked]
        facets = {}
        for name in FACETS:
            others = {k: v for k, v in chosen.items() if k != name}
            base = _narrowed(coverage.listed, values, others)
            found = [
                (value, int(np.count_nonzero(base & docs)))
                for value, docs in values[name].items()
                if value
            ]
            found = [(value, count) for value, count in found if count]
            if name == "year":
                found.sort(reverse=True)
            else:
                found.sort(key=lambda item: (-item[1], item[0]))
            facets[name] = dict(found)
        return _Page(hits, counts, page, facets)

    def _collection(self, searcher: Searcher) -> Collection:
        """The arrays of the searcher's index version (see search.ranking)."""
        collection = self._per_version(self._new_collection, searcher)
        if not collection.complete and collection.outdated():
            self._kept.pop(self._new_collection, None)  # every version: arrays were added
            collection = self._per_version(self._new_collection, searcher)
        return collection

    def _new_collection(self, searcher: Searcher) -> Collection:
        generation = self._local.searcher[0]
        return Collection(searcher, FACETS, self.settings.index_dir / generation)

    def _vocabulary(self, searcher: Searcher) -> list[str]:
        """The spelling vocabulary of the searcher's index version (see suggest)."""
        return self._per_version(spelling_vocabulary, searcher)

    def _per_version(self, build: Callable[[Searcher], T], searcher: Searcher) -> T:
        """What `build` makes of this thread's searcher, made once per index version (the
        generation the searcher was opened on, and its commit) and shared by all threads.
        The two newest versions are kept: threads still on the old one while a new one is
        warmed (search.warm) do not build it again."""
        version = (self._local.searcher[0], searcher.reader().generation())
        kept = self._kept.setdefault(build, {})
        if version not in kept:
            made = build(searcher)
            with self._kept_lock:
                kept[version] = made
                for old in sorted(kept, key=lambda v: (v[0] or "", v[1]))[:-2]:
                    del kept[old]
            return made
        return kept[version]  # type: ignore[return-value]

    def _has_term(self, searcher: Searcher) -> Callable[[str, str], bool]:
        return partial(self._collection(searcher).has_term, searcher)

    def _hit(
        self, searcher: Searcher, docnum: int, score: float | None, match: str, keys, judged
    ) -> Hit:
        """A hit; with `keys` None (an export), without a snippet or page."""
        fields = searcher.stored_fields(docnum)
        snippet, first = "", None
        if keys is not None:
            marks = find_matches(fields["content"], fields["spans"], keys, judged)
            titles = fields["title"], (fields.get("auto") or {}).get("title", "")
            body = after_title(fields["content"], *titles)
            snippet, first = make_snippet(
                fields["content"], marks, self.settings.snippet_chars, body
            )
        pages = fields.get("pages") or []
        return Hit(
            id=fields.get("id", fields["path"]),  # an index from before sources: its path
            path=fields["path"],
            title=fields["title"],
            lang=fields["lang"],
            date=fields["date"] or None,
            score=None if score is None else round(score, 4),
            snippet=snippet,
            page=bisect_right(pages, first) if pages and first is not None else None,
            format=fields["format"],
            match=match,
            author=fields.get("author") or "",
            event=[name for name in fields.get("event", "").split(",") if name],
        )


def _withdrawn(searcher: Searcher) -> np.ndarray:
    """The documents staff withdrew from search, as a mask over the index's documents."""
    mask = np.zeros(searcher.doc_count_all(), dtype=bool)
    if "hidden" in searcher.schema:
        mask[list(searcher.document_numbers(hidden="1"))] = True
    return mask


def _find_document(searcher: Searcher, doc_id: str) -> dict | None:
    """The stored fields of the document with this id; or, for a link from before documents
    had their source's name in their ids, of the one document with this path."""
    fields = searcher.document(id=doc_id) if "id" in searcher.schema else None
    if fields is None:
        found = list(searcher.documents(path=doc_id))
        fields = found[0] if len(found) == 1 else None
    return fields


@dataclass
class _Page:
    # (document number, score (None when sorted by date), how it matches) of each hit.
    hits: list[tuple[int, float | None, str]]
    counts: Counts
    page: int
    facets: dict[str, dict[str, int]]


def _scored(
    scorer: Scorer, query: wq.Query, has_term: Callable[[str, str], bool], budget: Budget
) -> Scored:
    """What `query` matches and how it scores, its absent terms left out (see _pruned); nothing
    when the search's budget cannot afford it (see Budget.plan)."""
    pruned = _pruned(query, has_term)
    if pruned is None or not budget.plan(pruned, scorer.searcher.reader()):
        return scorer.empty()
    return scorer.score(pruned)


def _checked_query(query: wq.Query) -> wq.Query:
    if query is wq.NullQuery or not list(query.leaves()):
        raise QueryError("The query has no words to search for.", "no_words")
    return query


def _untiered(query: wq.Query) -> wq.Query:
    """`query` without its tier bonuses (see Parser)."""
    if isinstance(query, _Plus):
        return _untiered(query.child)
    return query if query.is_leaf() else query.apply(_untiered)


def _translated(query: wq.Query) -> bool:
    """Whether the query has a thesaurus expansion (a concept's clause)."""
    if isinstance(query, _Concept):
        return True
    return not query.is_leaf() and any(_translated(child) for child in query.children())


def _narrowed(
    mask: np.ndarray, values: dict[str, dict[str, np.ndarray]], chosen: dict[str, str]
) -> np.ndarray:
    """The documents of `mask` that have the chosen facet values."""
    for name, value in chosen.items():
        has_value = values[name].get(value)
        mask = mask & has_value if has_value is not None else np.zeros_like(mask)
    return mask


# What a typed word scores on top of its BM25F score where it matches as typed (half of it where it
# matches in another script only): more than any BM25F score, so that the forms rank in tiers.
TIER_BONUS = 1000.0


def _pruned(query: wq.Query, has_term: Callable[[str, str], bool]) -> wq.Query | None:
    """`query` without the terms the index does not have, or None when it can match nothing.

    A word asks for its keys in every field and script, and for its translations, so most of
    its terms are absent (a Kazakh stem in the English field, a Russian word's cross-script key):
    Whoosh would still build a matcher for each, and for the Ors around them.
    """
    if isinstance(query, wq.Term):
        return query if has_term(query.fieldname, query.text) else None
    if isinstance(query, _Plus):
        child = _pruned(query.child, has_term)
        return None if child is None else query._rewrap(child)
    if isinstance(query, wq.Not):
        return query  # what it excludes stays, absent or not
    if isinstance(query, wq.And | wq.Or | wq.DisjunctionMax):
        children = [_pruned(child, has_term) for child in query.subqueries]
        kept = [child for child in children if child is not None]
        if not kept or (isinstance(query, wq.And) and len(kept) < len(children)):
            return None
        if len(kept) == 1:
            return kept[0].with_boost(kept[0].boost * query.boost)
        copied = copy.copy(query)
        copied.subqueries = kept
        return copied
    return query


def _query_keys(
    query: wq.Query, searcher: Searcher, has_term: Callable[[str, str], bool], budget: Budget
) -> dict[str, set[str]]:
    """Search keys of the query per analysis language, prefix terms expanded; NOT words left out.

    Whoosh's `Query.existing_terms` would do, but it skips every leaf after the first one whose
    field differs (its loop variable shadows its `fieldname` argument), so the leaves are walked
    here. Prefixes and ranges come expanded from the search's `budget`.
    """
    reader = searcher.reader()
    keys: dict[str, set[str]] = defaultdict(set)
    for leaf in _wanted_leaves(query):
        for fieldname, term in budget.expanded_terms(leaf, reader):
            if fieldname in FIELD_LANG and has_term(fieldname, term):
                value = term.decode("utf-8") if isinstance(term, bytes) else term
                keys[FIELD_LANG[fieldname]].add(value)
    for lang in BODY_FIELDS:
        keys[lang] |= keys["any"]
    return keys


def _wanted_leaves(query: wq.Query) -> Iterator[wq.Query]:
    """The query's leaves outside NOT clauses: the words a hit is expected to contain."""
    if isinstance(query, wq.Not):
        return
    if query.is_leaf():
        yield query
        return
    for child in query.children():
        yield from _wanted_leaves(child)


# Where in each word the query's words are, by language and word: kept while one page's hits
# are marked, for the same query keys.
Verdicts = dict[str, dict[str, list[tuple[int, int]]]]


def find_matches(
    content: str,
    spans: list[tuple[int, int, str]],
    keys: dict[str, set[str]],
    judged: Verdicts | None = None,
) -> list[tuple[int, int]]:
    """Character ranges of the words in `content` whose search keys the query asked for.

    The words are those the index-time tokenizer makes (a hyphenated compound, then its parts
    when the whole is not wanted), read with the regular expression directly. This runs over
    the whole text of every hit on a page, so each distinct word is judged once: `judged`
    keeps the verdicts (for the same `keys`) from one document to the next, and a text without
    a wanted word is not gone through word by word.
    """
    judged = {} if judged is None else judged
    marks: list[tuple[int, int]] = []
    for start, end, lang in spans:
        wanted = keys.get(lang)
        if not wanted:
            continue
        verdicts = judged.setdefault(lang, {})
        found = {}
        for word in set(WORD.findall(content, start, end)):
            parts = verdicts.get(word)
            if parts is None:
                if not wanted.isdisjoint(_surface_keys(word, lang)):
                    parts = [(0, len(word))]
                else:
                    parts = _wanted_parts(word, lang, wanted) if HYPHEN.search(word) else []
                verdicts[word] = parts
            if parts:
                found[word] = parts
        for offset, word in _occurrences(content, start, end, found):
            marks.extend((offset + a, offset + b) for a, b in found[word])
    return marks


def _occurrences(
    content: str, start: int, end: int, words: Iterable[str]
) -> Iterator[tuple[int, str]]:
    """Where `words` are whole words of `content[start:end]`, as the tokenizer reads it, in
    order.

    A text has hundreds of words and a hit a few of them, so they are searched for as strings
    and each place found is checked with the tokenizer, from the nearest place before it that
    no word spans (a space, or the end of a word already read): from there on the tokenizer
    reads the text's own words. No stretch of the text is read twice.
    """
    pattern = _alternatives(tuple(sorted(words)))
    if pattern is None:
        return
    at = free = start  # where to search from; a place no word spans, up to which all is read
    while match := pattern.search(content, at, end):
        place, word = match.start(), match.group()
        whole = False
        if free <= place:
            space = max(content.rfind(" ", free, place), content.rfind("\n", free, place))
            for token in WORD.finditer(content, max(space + 1, free), end):
                free = token.end()
                if free > place:
                    whole = token.start() == place and token.group() == word
                    break
            else:
                free = end
        if whole:
            yield place, word
            at = place + len(word)
        else:
            at = place + 1


@lru_cache(maxsize=1_000)
def _alternatives(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A pattern for any of `words`, the longest tried first."""
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


def _wanted_parts(word: str, lang: str, wanted: set[str]) -> list[tuple[int, int]]:
    """Where in a compound that is not wanted whole the query's words are: its parts."""
    parts = []
    offset = 0
    for part in HYPHEN.split(word):
        if not wanted.isdisjoint(_surface_keys(part, lang)):
            parts.append((offset, offset + len(part)))
        offset += len(part) + 1
    return parts


@lru_cache(maxsize=200_000)
def _surface_keys(word: str, lang: str) -> tuple[str, ...]:
    """The index keys of a word as a text has it."""
    return index_keys(fold(word), lang, False, word[:1].isupper())


def make_snippet(
    content: str, marks: list[tuple[int, int]], width: int, body: int = 0
) -> tuple[str, int | None]:
    """HTML snippet around the densest run of matches, matches in <mark>; and its first match.

    The snippet is taken from `content[body:]`: the text after a title line the hit already
    shows (search.reading.after_title). Everything taken from the document is escaped.
    """
    marks = [mark for mark in marks if mark[0] >= body]
    if not marks:
        end = _word_end(content, body + width)
        return html.escape(content[body:end]) + ("…" if end < len(content) else ""), None
    starts = [start for start, _ in marks]
    best, best_count = 0, 0
    for i, start in enumerate(starts):
        count = bisect_left(starts, start + width, i) - i
        if count > best_count:
            best, best_count = i, count
    first = marks[best][0]
    lead = min(width // 4, first - body)
    begin = max(min(_word_start(content, first - lead), first), body)
    end = max(_word_end(content, begin + width), marks[best][1])
    text = mark_html(content, marks, begin, end)
    text = ("…" if begin > body else "") + text + ("…" if end < len(content) else "")
    return " ".join(text.split()), first


def mark_html(content: str, marks: list[tuple[int, int]], begin: int, end: int) -> str:
    """`content[begin:end]` HTML-escaped, with the marked words inside it in <mark>."""
    parts: list[str] = []
    cursor = begin
    for start, stop in marks:
        if begin <= start and stop <= end:
            parts += [html.escape(content[cursor:start]), "<mark>"]
            parts += [html.escape(content[start:stop]), "</mark>"]
            cursor = stop
    parts.append(html.escape(content[cursor:end]))
    return "".join(parts)


# How far a snippet's edge may move to reach a space; punctuation it does not end with.
_EDGE = 30
_TRAILING = ".,;:!?…"


def _space_before(text: str, offset: int) -> int:
    return max(text.rfind(" ", 0, offset), text.rfind("\n", 0, offset))


def _space_after(text: str, offset: int) -> int:
    found = [at for at in (text.find(" ", offset), text.find("\n", offset)) if at >= 0]
    return min(found) if found else -1


def _word_start(text: str, offset: int) -> int:
    """Where a snippet meant to start at `offset` starts: after the space before it, or (in a
    run of more than 30 characters without one) after the next space: never inside a word."""
    if offset <= 0:
        return 0
    space = _space_before(text, offset)
    if space >= 0 and offset - space <= _EDGE:
        return space + 1
    space = _space_after(text, offset)
    return space + 1 if space >= 0 else offset


def _word_end(text: str, offset: int) -> int:
    """Where a snippet meant to end at `offset` ends: at the space after it, or before the
    space before it; never inside a word, nor after punctuation an ellipsis would follow."""
    if offset >= len(text):
        return len(text)
    space = _space_after(text, offset)
    if not 0 <= space - offset <= _EDGE:
        before = _space_before(text, offset)
        space = before if before > 0 else offset
    while space > 0 and text[space - 1] in _TRAILING:
        space -= 1
    return space


def suggest(
    searcher: Searcher,
    text: str,
    vocabulary: list[str] | None = None,
    budget: Budget | None = None,
) -> str | None:
    """A respelling of the query from the index's own vocabulary, or None when nothing is better.

    Only words the index does not know are respelled: a word is known when any of its keys, in
    any language or script, is indexed («кітапханаларымыздың» is known wherever «кітапхана» is),
    or when the thesaurus has it. A respelling is a word of the reports as written, at the fewest
    edits that find one (one edit in a word of four to six letters, two in a longer one), the
    most frequent of those; it keeps the user's capitals, other words and syntax.
    `vocabulary` is `spelling_vocabulary(searcher)`, which a caller may keep; `budget` limits
    how many words are respelled.
    """
    reader = searcher.reader()
    words = spelling_vocabulary(searcher) if vocabulary is None else vocabulary
    changed = False
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        written = match.group()
        out.append(text[last : match.start()])
        last = match.end()
        replacement = None
        if (
            _respellable(text, match)
            and not _known(reader, written)
            and (budget is None or budget.may_respell())
        ):
            replacement = _respelling(reader, words, fold(written))
        if replacement:
            changed = True
            out.append(_cased_like(written, replacement))
        else:
            out.append(written)
    out.append(text[last:])
    return "".join(out) if changed else None


_OPERATORS = frozenset(("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"))


def _respellable(text: str, match) -> bool:
    """A query word that is a word to search for: not an operator, a field name, a filter's
    value (`lang:kk`), a prefix (`цифрлан*`) or a number."""
    word, start, end = match.group(), match.start(), match.end()
    if word in _OPERATORS or word.isdigit() or text[end : end + 1] in (":", "*"):
        return False
    if text[start - 1 : start] == ":":
        field = re.search(r"(\w+):$", text[:start])
        return field is not None and field.group(1) in FIELD_LANG
    return True


def _known(reader, written: str) -> bool:
    """Whether the index or the thesaurus knows the word in some form."""
    word = fold(written)
    if ("words", word) in reader:
        return True
    for fieldname, lang in FIELD_LANG.items():
        if any((fieldname, key) in reader for key in index_keys(word, lang, True)):
            return True
    return thesaurus().match([written]).size > 0


# Edits a respelling may make: none in words under 4 letters, too short to guess.
def _max_edits(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 7 else 2


def spelling_vocabulary(searcher: Searcher) -> list[str]:
    """The words of the reports as written (the `words` field), which respellings come from."""
    return [term.decode("utf-8") for term in searcher.reader().lexicon("words")]


def _respelling(reader, vocabulary: list[str], word: str) -> str | None:
    """The most frequent word of the reports at the fewest edits from `word`.

    Edits are Whoosh's (optimal string alignment: a swap of two letters is one edit), counted
    over the whole vocabulary by rapidfuzz in C: Whoosh's own search took seconds per word.
    """
    limit = _max_edits(word)
    if not limit:
        return None
    near = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=None)
    for edits in range(1, limit + 1):
        found = [
            candidate
            for candidate, distance, _ in near
            if 1 <= distance <= edits and len(candidate) >= 3 and not candidate.isdigit()
        ]
        if found:
            return max(found, key=lambda c: (reader.doc_frequency("words", c), c))
    return None


def _cased_like(written: str, word: str) -> str:
    """`word` with the capitals of `written`: BIBLIOTEKA, Библиотека or библиотека."""
    if len(written) > 1 and written.isupper():
        return word.upper()
    if written[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
