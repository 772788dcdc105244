"""Marking a query's words in a report: which words of the text match, a snippet around the
densest run of them, and the whole text with each in <mark>.

Marks follow the index, not the surface: a word is marked when one of the keys the index has
for it is a key the query asked for, so «библиотекарей» is marked for «библиотекарь».
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from search.analysis import WORD, fold
from search.analysis.keys import index_keys
from search.analysis.tokenize import HYPHEN
from search.budget import Budget, Expansion
from search.engine import tree as t
from search.fields import BODY_FIELDS, FIELD_LANG


def query_keys(
    query: t.Node, has_term: Callable[[str, str], bool], budget: Budget, expansion: Expansion
) -> dict[str, set[str]]:
    """Search keys of the query per analysis language, prefixes expanded; NOT words left out.
    Prefixes and ranges come expanded from the search's `budget`."""
    keys: dict[str, set[str]] = defaultdict(set)
    for leaf in t.wanted_leaves(query):
        for fieldname, term in budget.terms(leaf, expansion):
            if fieldname in FIELD_LANG and has_term(fieldname, term):
                keys[FIELD_LANG[fieldname]].add(term)
    for lang in BODY_FIELDS:
        keys[lang] |= keys["any"]
    return keys


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
    shows (search.rendering.after_title). Everything taken from the document is escaped.
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
