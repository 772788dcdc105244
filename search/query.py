"""Queries: Whoosh syntax analysed with the index's own chains, ranked hits with snippets.

A query word is looked up in the title and in every per-language body field, each through its
own analyzer, so «кітапханалардың», «библиотекарей» and "mentoring" need no language guess.
Words are ANDed; when no report has them all, the query is rerun as OR (more matching words
rank higher) and the result says so.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass

from whoosh import qparser
from whoosh import query as wq
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Searcher

from search.analysis import WORD, fold
from search.analysis.keys import search_keys
from search.analysis.tokenize import WordTokenizer
from search.config import Settings
from search.index import BODY_FIELDS, current_generation, open_index

SEARCH_FIELDS = ["title", *BODY_FIELDS.values()]
FIELD_LANG = {"title": "any", **{name: lang for lang, name in BODY_FIELDS.items()}}
SORTS = ("relevance", "date")


class QueryError(ValueError):
    """A query that cannot be run; the message tells the user how to fix it."""


@dataclass
class Hit:
    path: str
    title: str
    lang: str
    date: str
    score: float
    snippet: str
    page: int | None
    format: str


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    suggestion: str | None = None
    # True when no report matched every word and the hits match only some of them.
    fallback: bool = False
    page: int = 1
    limit: int = 10

    def to_json(self) -> dict[str, object]:
        """The JSON shape shared by `izde search --json` and the web API."""
        return asdict(self)


def _phrase(fieldname, words, slop=1, boost=1.0, char_ranges=None):
    """Phrase query that keeps alternative keys of one word (same char range) as an Or."""
    groups: dict[object, list[str]] = {}
    for word, span in zip(words, char_ranges or [(i, i) for i in range(len(words))], strict=True):
        groups.setdefault(span, [])
        if word not in groups[span]:
            groups[span].append(word)
    slots = list(groups.values())
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
    """Whoosh's parser over all search fields, aware that one word may give several keys."""

    def __init__(self, schema, settings: Settings, group=qparser.AndGroup) -> None:
        super().__init__(None, schema, group=group)
        self.add_plugin(
            qparser.MultifieldPlugin(SEARCH_FIELDS, fieldboosts={"title": settings.title_boost})
        )
        self.phraseclass = _phrase

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        """Keys at one position are alternatives (Or); keys at different positions all count."""
        if fieldname not in FIELD_LANG or termclass is not wq.Term:
            return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        by_position: dict[int, list[str]] = defaultdict(list)
        for token in self.schema[fieldname].tokenize(text, mode="query", positions=True):
            if token.text not in by_position[token.pos]:
                by_position[token.pos].append(token.text)
        slots = [
            wq.Term(fieldname, keys[0], boost=boost)
            if len(keys) == 1
            else wq.Or([wq.Term(fieldname, key) for key in keys], boost=boost)
            for keys in by_position.values()
        ]
        if not slots:
            return None
        return slots[0] if len(slots) == 1 else wq.And(slots)


class Library:
    """An open index that follows the live generation: a newer one is picked up on next search."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._generation: str | None = None
        self._index = None

    def searcher(self) -> Searcher:
        generation = current_generation(self.settings.index_dir)
        if self._index is None or generation != self._generation:
            self._index = open_index(self.settings.index_dir)
            self._generation = generation
        return self._index.searcher()

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        year: str | None = None,
        format: str | None = None,
        sort: str = "relevance",
        page: int = 1,
        limit: int = 10,
    ) -> SearchResult:
        """Run a user query; raises QueryError with a helpful message for an unusable one."""
        text = text.strip()
        if not text:
            raise QueryError("Type one or more words to search for.")
        if len(text) > self.settings.max_query_chars:
            raise QueryError(
                f"The query is too long ({len(text)} characters; "
                f"at most {self.settings.max_query_chars})."
            )
        if sort not in SORTS:
            raise QueryError(f"Unknown sort order {sort!r}: use one of {', '.join(SORTS)}.")
        if page < 1 or not 1 <= limit <= 100:
            raise QueryError("Page must be 1 or more and limit between 1 and 100.")
        filters = [
            wq.Term(name, value)
            for name, value in (("lang", lang), ("year", year), ("format", format))
            if value
        ]
        with self.searcher() as searcher:
            query = Parser(searcher.schema, self.settings).parse(text)
            if isinstance(query, wq.NullQuery) or not list(query.leaves()):
                raise QueryError("The query has no words to search for.")
            hits = self._run(searcher, query, filters, sort, page, limit)
            fallback = False
            if hits.total == 0 and _word_count(query) > 1:
                or_parser = Parser(searcher.schema, self.settings, qparser.OrGroup.factory(0.9))
                query = or_parser.parse(text)
                hits = self._run(searcher, query, filters, sort, page, limit)
                fallback = hits.total > 0
            keys = _query_keys(query, searcher)
            result = SearchResult(
                query=text,
                total=hits.total,
                hits=[self._hit(hit, keys) for hit in hits],
                fallback=fallback,
                page=page,
                limit=limit,
            )
            if result.total == 0 or fallback:
                result.suggestion = suggest(searcher, text)
        return result

    def _run(self, searcher, query, filters, sort, page, limit):
        return searcher.search_page(
            query,
            page,
            pagelen=limit,
            filter=wq.And(filters) if filters else None,
            sortedby="date" if sort == "date" else None,
            reverse=sort == "date",
        )

    def _hit(self, hit: WhooshHit, keys: dict[str, set[str]]) -> Hit:
        fields = hit.fields()
        marks = find_matches(fields["content"], fields["spans"], keys)
        snippet, first = make_snippet(fields["content"], marks, self.settings.snippet_chars)
        pages = fields.get("pages") or []
        return Hit(
            path=fields["path"],
            title=fields["title"],
            lang=fields["lang"],
            date=fields["date"],
            score=round(hit.score or 0.0, 4),
            snippet=snippet,
            page=bisect_right(pages, first) if pages and first is not None else None,
            format=fields["format"],
        )


def _word_count(query: wq.Query) -> int:
    """Number of top-level clauses of an AND query: 1 means the OR fallback cannot help."""
    return len(query.subqueries) if isinstance(query, wq.And) else 1


def _query_keys(query: wq.Query, searcher: Searcher) -> dict[str, set[str]]:
    """Search keys of the query per analysis language, prefix and wildcard terms expanded."""
    keys: dict[str, set[str]] = defaultdict(set)
    for fieldname, term in query.existing_terms(searcher.reader(), phrases=True, expand=True):
        if fieldname in FIELD_LANG:
            value = term.decode("utf-8") if isinstance(term, bytes) else term
            keys[FIELD_LANG[fieldname]].add(value)
    for lang in BODY_FIELDS:
        keys[lang] |= keys["any"]
    return keys


def find_matches(
    content: str, spans: list[tuple[int, int, str]], keys: dict[str, set[str]]
) -> list[tuple[int, int]]:
    """Character ranges of the words in `content` whose search keys the query asked for."""
    tokenizer = WordTokenizer()
    marks: list[tuple[int, int]] = []
    for start, end, lang in spans:
        wanted = keys.get(lang)
        if not wanted:
            continue
        for token in tokenizer(content[start:end], chars=True, start_char=start, mode="index"):
            if wanted.intersection(search_keys(fold(token.text), lang)):
                if marks and token.startchar < marks[-1][1]:
                    continue  # a part of a compound already marked whole
                marks.append((token.startchar, token.endchar))
    return marks


def make_snippet(content: str, marks: list[tuple[int, int]], width: int) -> tuple[str, int | None]:
    """HTML snippet around the densest run of matches, matches in <mark>; and its first match.

    Everything taken from the document is escaped.
    """
    if not marks:
        end = _word_end(content, width)
        return html.escape(content[:end]) + ("…" if end < len(content) else ""), None
    best, best_count = 0, 0
    for i, (start, _) in enumerate(marks):
        count = sum(1 for s, _ in marks[i:] if s < start + width)
        if count > best_count:
            best, best_count = i, count
    first = marks[best][0]
    lead = min(width // 4, first)
    begin = _word_start(content, first - lead)
    end = _word_end(content, begin + width)
    parts = ["…" if begin > 0 else ""]
    cursor = begin
    for start, stop in marks[best:]:
        if stop > end:
            break
        parts += [html.escape(content[cursor:start]), "<mark>", html.escape(content[start:stop])]
        parts.append("</mark>")
        cursor = stop
    parts.append(html.escape(content[cursor:end]))
    parts.append("…" if end < len(content) else "")
    return " ".join("".join(parts).split()), first


def _word_start(text: str, offset: int) -> int:
    if offset <= 0:
        return 0
    space = text.rfind(" ", 0, offset)
    return space + 1 if space >= 0 and offset - space < 30 else offset


def _word_end(text: str, offset: int) -> int:
    if offset >= len(text):
        return len(text)
    space = text.find(" ", offset)
    return space if 0 <= space - offset < 30 else offset


def suggest(searcher: Searcher, text: str) -> str | None:
    """A respelling of the query from the index's own vocabulary, or None when nothing is better."""
    corrector = searcher.corrector("words")
    reader = searcher.reader()
    changed = False
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        word = fold(match.group())
        out.append(text[last : match.start()])
        last = match.end()
        replacement = None
        if len(word) > 3 and not word.isdigit() and ("words", word) not in reader:
            found = corrector.suggest(word, limit=1, maxdist=2)
            replacement = found[0] if found else None
        out.append(replacement or match.group())
        changed |= replacement is not None
    out.append(text[last:])
    return "".join(out) if changed else None
