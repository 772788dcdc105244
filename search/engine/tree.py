"""Izde's query tree: what a parsed query asks of an index, whatever engine holds it.

The engine's parser (search.engine.reading.QueryParser) turns a user's query into this tree,
with each word already analysed into its index keys; an engine scores it itself or translates
it to its own query language (docs/scaling.md maps each node to OpenSearch).
Nodes are immutable and compare by value, so a query's clauses can be told apart and an
expansion kept per search.

Scoring, as every engine must reproduce it (tests/engine): a term scores BM25F times its
boost; `All` and `Any` add their children's scores, times their boost (a compound left with one
child is that child, weighted by the compound's boost: see `pruned`); `BestOf` takes the best
child's; a phrase sums its words' scores; `Bonus` adds a constant where its child matches;
`Everything` scores its `score` everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Term:
    """One index key in one field."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Words in a row in one field, each within `slop` positions of the one before; each word
    is a slot of alternative keys (the forms one typed word may be indexed under)."""

    field: str
    slots: tuple[tuple[str, ...], ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True)
class Prefix:
    """Every key of a field that starts with `text` (`цифрлан*`)."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Range:
    """Every key of a field between `start` and `end` (`year:[2019 TO 2021]`); None: open."""

    field: str
    start: str | None
    end: str | None
    startexcl: bool = False
    endexcl: bool = False
    boost: float = 1.0


@dataclass(frozen=True)
class All:
    """Documents every child matches; scores summed."""

    children: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Any:
    """Documents any child matches; scores summed."""

    children: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class BestOf:
    """Documents any child matches, scored by the best child. `concept`: a thesaurus concept's
    clause, its first child the words as typed and the rest their translations."""

    children: tuple[Node, ...]
    boost: float = 1.0
    concept: bool = False


@dataclass(frozen=True)
class Bonus:
    """`child`, scoring `bonus` more wherever it matches: the tiers that put the words as typed
    above another script's spelling, and that above a translation."""

    child: Node
    bonus: float


@dataclass(frozen=True)
class Everything:
    """Every document, scoring `score`. `floor`: an optional word's stand-in where the word is
    absent, which keeps its score however the query around it is weighted."""

    score: float = 1.0
    floor: bool = False


@dataclass(frozen=True)
class Nothing:
    """No document: what a query of no searchable words asks for."""


@dataclass(frozen=True)
class Not:
    """Every document `child` does not match, scoring 1."""

    child: Node


@dataclass(frozen=True)
class AndNot:
    """`positive`'s documents that `negative` does not match, with `positive`'s scores."""

    positive: Node
    negative: Node


@dataclass(frozen=True)
class Require:
    """`scored`'s documents that `required` matches too, with `scored`'s scores."""

    scored: Node
    required: Node


@dataclass(frozen=True)
class AndMaybe:
    """`required`'s documents, scoring `optional`'s score more where it matches too."""

    required: Node
    optional: Node


Node = (
    Term
    | Phrase
    | Prefix
    | Range
    | All
    | Any
    | BestOf
    | Bonus
    | Everything
    | Nothing
    | Not
    | AndNot
    | Require
    | AndMaybe
)
LEAVES = (Term, Phrase, Prefix, Range, Everything, Nothing)
Compound = All | Any | BestOf


def children(node: Node) -> tuple[Node, ...]:
    """A node's direct children, in order (none for a leaf)."""
    if isinstance(node, All | Any | BestOf):
        return node.children
    if isinstance(node, Bonus):
        return (node.child,)
    if isinstance(node, Not):
        return (node.child,)
    if isinstance(node, AndNot):
        return (node.positive, node.negative)
    if isinstance(node, Require):
        return (node.scored, node.required)
    if isinstance(node, AndMaybe):
        return (node.required, node.optional)
    return ()


def leaves(node: Node) -> Iterator[Node]:
    """Every leaf of the tree, NOT clauses included."""
    if isinstance(node, LEAVES):
        yield node
        return
    for child in children(node):
        yield from leaves(child)


def wanted_leaves(node: Node) -> Iterator[Node]:
    """The leaves outside NOT clauses: the words a hit is expected to contain."""
    if isinstance(node, Not):
        return
    if isinstance(node, LEAVES):
        yield node
        return
    for child in children(node):
        yield from wanted_leaves(child)


def weighted(node: Node, factor: float) -> Node:
    """`node` with its weight multiplied by `factor`: a bonus stays as it is (its child is
    weighted), and so does an optional word's floor."""
    if factor == 1.0:
        return node
    if isinstance(node, Term | Phrase | Prefix | Range | All | Any | BestOf):
        return replace(node, boost=node.boost * factor)
    if isinstance(node, Bonus):
        return Bonus(weighted(node.child, factor), node.bonus)
    if isinstance(node, Everything) and not node.floor:
        return Everything(node.score * factor)
    return node


def mapped(node: Node, change: Callable[[Node], Node]) -> Node:
    """`node` with `change` applied to each of its direct children."""
    if isinstance(node, All | Any | BestOf):
        return replace(node, children=tuple(change(child) for child in node.children))
    if isinstance(node, Bonus):
        return Bonus(change(node.child), node.bonus)
    if isinstance(node, Not):
        return Not(change(node.child))
    if isinstance(node, AndNot):
        return AndNot(change(node.positive), change(node.negative))
    if isinstance(node, Require):
        return Require(change(node.scored), change(node.required))
    if isinstance(node, AndMaybe):
        return AndMaybe(change(node.required), change(node.optional))
    return node


def untiered(node: Node) -> Node:
    """`node` without its tier bonuses: how well rather than in which form the words match."""
    if isinstance(node, Bonus):
        return untiered(node.child)
    return mapped(node, untiered)


def translated(node: Node) -> bool:
    """Whether the query has a thesaurus expansion (a concept's clause)."""
    if isinstance(node, BestOf) and node.concept:
        return True
    return any(translated(child) for child in children(node))


def pruned(node: Node, has_term: Callable[[str, str], bool]) -> Node | None:
    """`node` without the terms the index does not have, or None when it can match nothing.

    A word asks for its keys in every field and script, and for its translations, so most of
    its terms are absent (a Kazakh stem in the English field, a Russian word's cross-script
    key): an engine would still look each up, and combine them.
    """
    if isinstance(node, Term):
        return node if has_term(node.field, node.text) else None
    if isinstance(node, Bonus):
        child = pruned(node.child, has_term)
        return None if child is None else Bonus(child, node.bonus)
    if isinstance(node, All | Any | BestOf):
        kept = [pruned(child, has_term) for child in node.children]
        left = [child for child in kept if child is not None]
        if not left or (isinstance(node, All) and len(left) < len(kept)):
            return None
        if len(left) == 1:
            return weighted(left[0], node.boost)
        return replace(node, children=tuple(left))
    return node  # a NOT keeps what it excludes, absent or not; phrases are checked whole
