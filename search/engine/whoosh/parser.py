"""The query language: Whoosh's syntax, each word analysed into Izde's keys, as Izde's tree.

Izde's query language is Whoosh's (AND, OR, NOT, ANDNOT, ANDMAYBE, parentheses, "phrases",
`field:word`, `prefix*`, `[a TO b]`), so its parser is Whoosh's, with plugins for what Izde
adds: every word is searched in every text field (SpreadPlugin), an operator missing an
operand is dropped (MissingOperandPlugin), thesaurus expansion (search.engine.whoosh.expansion)
and tiers. It needs no index, only the schema's analysers, and hands out Izde's tree
(search.engine.tree): an engine other than Whoosh parses with it too.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict

from whoosh import qparser
from whoosh import query as wq
from whoosh.qparser import syntax

from search.analysis.keys import CROSS, DERIV
from search.config import Settings
from search.coverage import LOOSE, STRICT, TEXT, Clause, Parsed
from search.engine import tree as t
from search.engine.whoosh.expansion import BestOfGroup, ExpansionPlugin, searched
from search.engine.whoosh.queries import Anything, BestOf, Concept, Plus, to_tree
from search.engine.whoosh.schema import schema
from search.fields import FIELD_LANG, SEARCH_FIELDS

# What a typed word scores on top of its BM25F score where it matches, as typed or in another
# script, place name or derived form (a translation has none): more than any BM25F score, so
# that reports with every word rank above those with some only translated.
TIER_BONUS = 1000.0


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
    (ExpansionPlugin). With `tiers`, a word scores TIER_BONUS more where its keys match, exact
    or cross-script, and a translation none, so a report with the words in some form of their
    own ranks above one with only translations: weights below 1 alone do not ensure it, since a
    rare translation in a title can outscore a common word in a body. Between a word as typed
    and its other forms the cross-script keys' lower weight decides, not a tier: with half the
    bonus for those, «обучали» in a report about training rural librarians ranked it below a
    report on a catalogue that says «обучение» once (development sets: dev 0.938 → 0.943,
    dev2 0.926 → 0.927, visible 0.973 → 0.978; KazQAD and XQuAD unchanged).
    """

    def __init__(
        self,
        settings: Settings,
        group=qparser.AndGroup,
        expand: bool = True,
        cross: bool = True,
        tiers: bool = True,
    ) -> None:
        super().__init__(None, schema(), group=group)
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
            self.add_plugin(ExpansionPlugin(settings.expansion_boost, settings.translation_boost))
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
            typed = None if typed is None else Plus(typed, TIER_BONUS)
            other = None if other is None else Plus(other, TIER_BONUS)
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

    def tree(self, text: str) -> t.Node:
        """The whole query as Izde's tree (see search.engine.tree)."""
        return to_tree(self.parse(text))

    def clauses(self, text: str) -> Parsed:
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
        queries: list[wq.Query] = []
        while nodes:
            node = nodes.pop(0)
            if flatten and type(node) is syntax.AndGroup:
                nodes[:0] = list(node)
                continue
            query = node.query(self)
            if query is None or query is wq.NullQuery:
                continue
            query = query.normalize()
            # A repeated word counts once, as in the query Whoosh normalizes.
            if all(query != seen for seen in queries):
                queries.append(query)
                words = [to_tree(word) for word in self._words(node, query)]
                clauses.append(Clause(to_tree(query), _relaxable(node), words))
        return Parsed(to_tree(wq.And(queries).normalize()), clauses)

    def _words(self, node: syntax.SyntaxNode, query: wq.Query) -> list[wq.Query]:
        """The words a partial match counts in a clause. A thesaurus term of several words
        («өлкетану жұмысы») counts each word, with the word's own translations and the term's:
        a report with «өлкетану» alone, or «краеведение», has one of its two words, and one with
        «краеведческая работа» both. Any other clause is one word."""
        if not (isinstance(node, BestOfGroup) and isinstance(node.nodes[0], syntax.AndGroup)):
            return [query]
        translations = query.subqueries[1:] if isinstance(query, Concept) else []
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
    if isinstance(node, BestOfGroup):
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
            elif isinstance(node, syntax.TextNode | syntax.RangeNode) and searched(node):
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
        langs = getattr(node, "langs", None)
        if langs and not node.fieldname:
            # a thesaurus term, in its languages' text: «программа» is no Kazakh report's word
            fieldnames = [name for name in fieldnames if FIELD_LANG[name] in ("any", *langs)]
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
                query = Plus(query, TIER_BONUS)
        if getattr(node, "optional", False):
            query = Anything() if query is None else BestOf([query, Anything()])
        if query is None:
            return None
        return query.with_boost(self.boost) if self.boost != 1.0 else query
