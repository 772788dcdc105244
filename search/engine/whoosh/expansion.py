"""Thesaurus expansion in the parser: a word, or a run of words that is a term, also asks for
its concept's other terms, and function words a translation leaves out become optional.
"""

from __future__ import annotations

from whoosh import qparser
from whoosh.qparser import syntax

from search.analysis import WORD, fold
from search.analysis.function_words import FUNCTION_WORDS
from search.engine.whoosh.queries import Concept
from search.fields import FIELD_LANG
from search.thesaurus import MAX_WORDS, Match, thesaurus


class BestOfGroup(syntax.GroupNode):
    qclass = Concept


class ExpansionPlugin(qparser.Plugin):
    """Query expansion from the thesaurus: a word, or a run of words that is a term (in any
    inflected form), becomes BestOf(the words, the concept's other terms): its synonyms in its
    own language at `boost`, its translations at `translation_boost`, each term looked for only
    in the text of the languages it belongs to.

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

    def __init__(self, boost: float, translation_boost: float) -> None:
        self.boost = boost
        self.translation_boost = translation_boost

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
            elif isinstance(node, qparser.PhrasePlugin.PhraseNode) and searched(node):
                words = WORD.findall(node.text)
                match = thesaurus().match(words) if words else Match()
                out.append(self._expanded(node, match) if match.size == len(words) else node)
            elif is_word(node):
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
        """BestOf(the words, Or(their concept's other terms)): one word as a word, more as a
        phrase; synonyms and translations weighed apart."""
        first = words.nodes[0] if isinstance(words, syntax.GroupNode) else words
        typed = " ".join(node.text for node in _leaves(words))
        own = match.languages(typed)
        synonyms: list[syntax.SyntaxNode] = []
        translations: list[syntax.SyntaxNode] = []
        for text, langs in match.expansion_terms(self.LIMIT):
            for part, group in ((langs & own, synonyms), (langs - own, translations)):
                if not part:
                    continue
                if len(WORD.findall(text)) == 1:
                    node = syntax.WordNode(text)
                else:
                    node = qparser.PhrasePlugin.PhraseNode(text, 0)
                node.fieldname = first.fieldname
                node.startchar, node.endchar = words.startchar, words.endchar
                node.translation = True  # no tier bonus (see Parser)
                node.langs = part  # looked for in these languages' text only (see Parser)
                group.append(node)
        groups = [
            syntax.OrGroup(nodes, boost=boost)
            for nodes, boost in ((synonyms, self.boost), (translations, self.translation_boost))
            if nodes
        ]
        if not groups:
            return words
        return BestOfGroup([words, groups[0] if len(groups) == 1 else syntax.OrGroup(groups)])


def _leaves(node) -> list:
    """The word nodes of a word or of a group of words."""
    if isinstance(node, syntax.GroupNode):
        return [leaf for child in node.nodes for leaf in _leaves(child)]
    return [node] if hasattr(node, "text") else []


def _optional(nodes, i: int) -> bool:
    """Whether the word at `i` is a function word among other words, next to no operator."""
    if fold(nodes[i].text) not in FUNCTION_WORDS:
        return False
    before = _skip_spaces(nodes, i - 1, -1)
    after = _skip_spaces(nodes, i + 1, 1)
    if any(0 <= k < len(nodes) and isinstance(nodes[k], syntax.Operator) for k in (before, after)):
        return False
    return any(
        is_word(n) and fold(n.text) not in FUNCTION_WORDS for n in nodes if n is not nodes[i]
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
        if k < len(nodes) and is_word(nodes[k]) and nodes[k].fieldname == nodes[start].fieldname:
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


def searched(node) -> bool:
    """A node searched in the text fields: no field name (all of them) or one of them."""
    return node.fieldname is None or node.fieldname in FIELD_LANG


def is_word(node) -> bool:
    return type(node) is syntax.WordNode and searched(node)
