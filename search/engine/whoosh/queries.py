"""Izde's query tree in Whoosh's terms, both ways.

The parser builds Whoosh query objects (it is Whoosh's parser, with Izde's plugins) and hands
out Izde's tree (`to_tree`); where the numpy ranking cannot run (a segment written without its
arrays) the tree runs through Whoosh's own matchers (`to_whoosh`). The classes here are the
tree's nodes Whoosh has no class for, with matchers that score as the tree says.
"""

from __future__ import annotations

from whoosh import matching
from whoosh import query as wq

from search.engine import tree as t


class Anything(wq.ConstantScoreQuery):
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

    def _rewrap(self, child: wq.Query) -> Anything:
        return Anything()

    def with_boost(self, boost: float) -> Anything:
        return self


class Plus(wq.WrappingQuery):
    """`child`, scoring `bonus` more in every document it matches."""

    boost = 1.0

    def __init__(self, child: wq.Query, bonus: float) -> None:
        super().__init__(child)
        self.bonus = bonus

    def __eq__(self, other: object) -> bool:
        return type(other) is Plus and (other.child, other.bonus) == (self.child, self.bonus)

    def __hash__(self) -> int:
        return hash((self.child, self.bonus))

    def _rewrap(self, child: wq.Query) -> Plus:
        return Plus(child, self.bonus)

    def with_boost(self, boost: float) -> Plus:
        # The boost multiplies the child's (this wrapper's own stays 1, as Whoosh assumes when
        # it flattens nested Ors); the bonus stays as it is.
        return Plus(self.child.with_boost(self.child.boost * boost), self.bonus)

    def matcher(self, searcher, context=None):
        return _PlusMatcher(self.child.matcher(searcher, context), self.bonus)


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

    def skip_to_quality(self, minquality):
        # Whoosh's DisjunctionMaxMatcher keeps the document it cached in id() while its sides
        # skip blocks: a BestOf inside a BestOf was then scored on a document neither side had.
        self._id = None
        return super().skip_to_quality(minquality)

    def score(self):
        here = self.id()
        return max(m.score() for m in (self.a, self.b) if m.is_active() and m.id() == here)


class Concept(BestOf):
    """A concept's clause: its own class, so that Whoosh does not flatten (deep-copying) the
    BestOf of its words into it."""


def to_tree(query: wq.Query) -> t.Node:
    """The Izde tree of a query the parser built."""
    if query is wq.NullQuery:
        return t.Nothing()
    if isinstance(query, Plus):
        return t.Bonus(to_tree(query.child), query.bonus)
    if isinstance(query, Anything):
        return t.Everything(Anything.FLOOR, floor=True)
    if isinstance(query, wq.Term):
        return t.Term(query.fieldname, query.text, query.boost)
    if isinstance(query, wq.Phrase):
        slots = tuple((word,) for word in query.words)
        return t.Phrase(query.fieldname, slots, query.slop, query.boost)
    if isinstance(query, wq.Sequence):
        return _sequence(query)
    if isinstance(query, wq.Prefix):
        return t.Prefix(query.fieldname, query.text, query.boost)
    if isinstance(query, wq.TermRange):
        return t.Range(
            query.fieldname, query.start, query.end, query.startexcl, query.endexcl, query.boost
        )
    if isinstance(query, wq.Every) and not query.fieldname:
        return t.Everything(query.boost)
    if isinstance(query, wq.Not):
        return t.Not(to_tree(query.query))
    if isinstance(query, wq.AndNot):
        return t.AndNot(to_tree(query.a), to_tree(query.b))
    if isinstance(query, wq.Require):
        return t.Require(to_tree(query.a), to_tree(query.b))
    if isinstance(query, wq.AndMaybe):
        return t.AndMaybe(to_tree(query.a), to_tree(query.b))
    if isinstance(query, wq.DisjunctionMax) and not query.tiebreak:
        kids = tuple(to_tree(sub) for sub in query.subqueries)
        return t.BestOf(kids, query.boost, concept=isinstance(query, Concept))
    if type(query) in (wq.And, wq.Or) and not getattr(query, "scale", None):
        kids = tuple(to_tree(sub) for sub in query.subqueries)
        return (t.All if type(query) is wq.And else t.Any)(kids, query.boost)
    raise TypeError(f"no Izde query node for {query!r}")


def _sequence(query: wq.Sequence) -> t.Phrase:
    """A phrase whose words have alternative keys: a Sequence of Terms and Ors of Terms."""
    slots = []
    for sub in query.subqueries:
        terms = sub.subqueries if isinstance(sub, wq.Or) else [sub]
        if not all(isinstance(term, wq.Term) for term in terms):
            raise TypeError(f"no Izde query node for {query!r}")
        slots.append(tuple(term.text for term in terms))
    field = query.subqueries[0]
    fieldname = field.fieldname if isinstance(field, wq.Term) else field.subqueries[0].fieldname
    return t.Phrase(fieldname, tuple(slots), query.slop, query.boost)


def to_whoosh(node: t.Node) -> wq.Query:
    """A Whoosh query that matches and scores as the tree does."""
    if isinstance(node, t.Nothing):
        return wq.NullQuery
    if isinstance(node, t.Bonus):
        return Plus(to_whoosh(node.child), node.bonus)
    if isinstance(node, t.Everything):
        return Anything() if node.floor else wq.Every(boost=node.score)
    if isinstance(node, t.Term):
        return wq.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, t.Phrase):
        if all(len(slot) == 1 for slot in node.slots):
            words = [slot[0] for slot in node.slots]
            return wq.Phrase(node.field, words, slop=node.slop, boost=node.boost)
        parts = [
            wq.Term(node.field, slot[0])
            if len(slot) == 1
            else wq.Or([wq.Term(node.field, key) for key in slot])
            for slot in node.slots
        ]
        return wq.Sequence(parts, slop=node.slop, boost=node.boost)
    if isinstance(node, t.Prefix):
        return wq.Prefix(node.field, node.text, boost=node.boost)
    if isinstance(node, t.Range):
        return wq.TermRange(
            node.field, node.start, node.end, node.startexcl, node.endexcl, boost=node.boost
        )
    if isinstance(node, t.Not):
        return wq.Not(to_whoosh(node.child))
    if isinstance(node, t.AndNot):
        return wq.AndNot(to_whoosh(node.positive), to_whoosh(node.negative))
    if isinstance(node, t.Require):
        return wq.Require(to_whoosh(node.scored), to_whoosh(node.required))
    if isinstance(node, t.AndMaybe):
        return wq.AndMaybe(to_whoosh(node.required), to_whoosh(node.optional))
    kids = [to_whoosh(child) for child in node.children]
    if isinstance(node, t.BestOf):
        return (Concept if node.concept else BestOf)(kids, boost=node.boost)
    return (wq.And if isinstance(node, t.All) else wq.Or)(kids, boost=node.boost)
