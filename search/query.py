"""Queries: Whoosh syntax analysed with the index's own chains, ranked hits with snippets.

A query word is looked up in the title and in every per-language body field, each through its
own analyzer, so «кітапханалардың», «библиотекарей» and "mentoring" need no language guess.
Words are ANDed; when no report has them all, the query is rerun as OR (more matching words
rank higher) and the result says so. Facet counts (language, year, event type, format) come with
every result, and one document can be read whole with the query's words marked.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import asdict, dataclass, field

from whoosh import qparser, sorting
from whoosh import query as wq
from whoosh.index import EmptyIndexError, FileIndex
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
# Facet and filter names, and the index field each one counts.
FACETS = {"lang": "lang", "year": "year", "type": "event", "format": "format"}


class QueryError(ValueError):
    """A query that cannot be run; the message tells the user how to fix it.

    `reason` ("empty", "too_long", "no_words", "sort", "paging") names the problem, so that an
    interface can say it in the user's own language.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class Hit:
    path: str
    title: str
    lang: str
    date: str
    score: float | None
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
    # Facet name -> value -> number of matching reports (see Library.search).
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The JSON shape shared by `izde search --json` and the web API."""
        return asdict(self)


@dataclass
class Section:
    """A stretch of a document's text: one PDF page, or the whole text of other formats.

    `html` is the escaped text with the query's words in <mark>; paragraphs stay separated by
    blank lines.
    """

    page: int | None
    html: str


@dataclass
class DocumentView:
    """One document to read: its metadata and its whole text, the query's words marked."""

    path: str
    title: str
    lang: str
    languages: list[str]
    author: str
    date: str
    format: str
    event: list[str]
    size: int
    matches: int
    sections: list[Section]
    # The file on the server's disk: for sending it, never shown to the user.
    source: str

    def to_json(self) -> dict[str, object]:
        """The web API's shape of a document: everything but the server's file path."""
        data = asdict(self)
        del data["source"]
        return data


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
        # Only `prefix*`: a `?` wildcard would turn «???» into "every three-letter word".
        self.remove_plugin_class(qparser.WildcardPlugin)
        self.add_plugin(qparser.PrefixPlugin())
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
        self._opened: tuple[str | None, FileIndex] | None = None

    def searcher(self) -> Searcher:
        """A new searcher on the live generation; each thread (web request) uses its own.

        Reading CURRENT costs one small file read. A rebuild may switch generations and delete
        the old one between that read and the opening; then the newer one is opened instead.
        """
        generation = current_generation(self.settings.index_dir)
        while True:
            try:
                return self._index(generation).searcher()
            except (EmptyIndexError, OSError):
                newer = current_generation(self.settings.index_dir)
                if newer == generation:
                    raise
                generation = newer

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
    ) -> SearchResult:
        """Run a user query; raises QueryError with a helpful message for an unusable one.

        `lang`, `year`, `type` (event type) and `format` filter the hits. The result's facets
        count, for each of them, the reports that match the query and the *other* filters: the
        language facet of a search filtered to 2021 shows how many 2021 reports each language
        has, including languages not chosen now, so a user can switch or widen a filter without
        first clearing it. Whoosh counts a facet over all matching reports while it collects the
        page; a facet whose own filter is set needs one more search without that filter.
        """
        text = self._checked(text)
        if sort not in SORTS:
            raise QueryError(f"Unknown sort order {sort!r}: use one of {', '.join(SORTS)}.", "sort")
        if page < 1 or not 1 <= limit <= 100:
            raise QueryError("Page must be 1 or more and limit between 1 and 100.", "paging")
        chosen = {
            name: value
            for name, value in (("lang", lang), ("year", year), ("type", type), ("format", format))
            if value
        }
        with self.searcher() as searcher:
            query = self._parse(searcher, text)
            hits = self._run(searcher, query, chosen, sort, page, limit)
            fallback = False
            if hits.total == 0 and (relaxed := _relaxed(query)) is not None:
                query = relaxed
                hits = self._run(searcher, query, chosen, sort, page, limit)
                fallback = hits.total > 0
            keys = _query_keys(query, searcher)
            result = SearchResult(
                query=text,
                total=hits.total,
                hits=[self._hit(hit, keys) for hit in hits],
                fallback=fallback,
                page=hits.pagenum or page,
                limit=limit,
                facets=self._facet_counts(searcher, query, chosen, hits.results),
            )
            if result.total == 0 or fallback:
                result.suggestion = suggest(searcher, text)
        return result

    def document(self, doc_id: str, query: str | None = None) -> DocumentView | None:
        """The document with this id, its text split at PDF pages; None when there is none.

        The words of `query` are marked as in snippets; an unusable query just marks nothing,
        since the document is what the reader asked for.
        """
        with self.searcher() as searcher:
            fields = searcher.document(path=doc_id)
            if fields is None:
                return None
            marks: list[tuple[int, int]] = []
            if query:
                with suppress(QueryError):
                    keys = _query_keys(self._parse(searcher, self._checked(query)), searcher)
                    marks = find_matches(fields["content"], fields["spans"], keys)
        content = fields["content"]
        pages = fields.get("pages") or []
        starts = [0, *pages[1:]] if pages else [0]
        ends = [*starts[1:], len(content)]
        return DocumentView(
            path=fields["path"],
            title=fields["title"],
            lang=fields["lang"],
            languages=[lang for lang in fields["languages"].split(",") if lang],
            author=fields.get("author") or "",
            date=fields["date"],
            format=fields["format"],
            event=[name for name in fields.get("event", "").split(",") if name],
            size=fields["size"],
            matches=len(marks),
            sections=[
                Section(page=number if pages else None, html=mark_html(content, marks, start, end))
                for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1)
            ],
            source=fields["source"],
        )

    def stored(self, doc_id: str) -> dict[str, object] | None:
        """The stored fields of a document (its `source` file, `format` …), or None."""
        with self.searcher() as searcher:
            return searcher.document(path=doc_id)

    def _checked(self, text: str) -> str:
        text = text.strip()
        if not text:
            raise QueryError("Type one or more words to search for.", "empty")
        if len(text) > self.settings.max_query_chars:
            raise QueryError(
                f"The query is too long ({len(text)} characters; "
                f"at most {self.settings.max_query_chars}).",
                "too_long",
            )
        return text

    def _parse(self, searcher: Searcher, text: str, group=qparser.AndGroup) -> wq.Query:
        query = Parser(searcher.schema, self.settings, group).parse(text)
        if query is wq.NullQuery or not list(query.leaves()):
            raise QueryError("The query has no words to search for.", "no_words")
        return query

    def _run(self, searcher, query, chosen, sort, page, limit):
        """One page of hits, with the facets that no filter narrows counted on the way."""
        return searcher.search_page(
            query,
            page,
            pagelen=limit,
            filter=_filter(chosen),
            sortedby="date" if sort == "date" else None,
            reverse=sort == "date",
            groupedby=_group_by([name for name in FACETS if name not in chosen]),
            maptype=sorting.Count,
        )

    def _facet_counts(self, searcher, query, chosen, results) -> dict[str, dict[str, int]]:
        facets: dict[str, dict[str, int]] = {}
        for name in FACETS:
            if name in chosen:
                others = {key: value for key, value in chosen.items() if key != name}
                groups = searcher.search(
                    query,
                    limit=1,
                    scored=False,
                    filter=_filter(others),
                    groupedby=_group_by([name]),
                    maptype=sorting.Count,
                ).groups(name)
            else:
                groups = results.groups(name)
            counts = [(value, count) for value, count in groups.items() if value]
            if name == "year":
                counts.sort(reverse=True)
            else:
                counts.sort(key=lambda item: (-item[1], item[0]))
            facets[name] = dict(counts)
        return facets

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
            # Sorted by date, Whoosh gives the sort key in place of a score.
            score=round(hit.score, 4) if isinstance(hit.score, float) else None,
            snippet=snippet,
            page=bisect_right(pages, first) if pages and first is not None else None,
            format=fields["format"],
        )


def _filter(chosen: dict[str, str]) -> wq.Query | None:
    terms = [wq.Term(FACETS[name], value) for name, value in chosen.items()]
    return wq.And(terms) if terms else None


def _group_by(names: list[str]) -> dict[str, sorting.FieldFacet] | None:
    """Whoosh facets for `names`; a report may have two event types and counts for both."""
    facets = {
        name: sorting.FieldFacet(FACETS[name], allow_overlap=FACETS[name] == "event")
        for name in names
    }
    return facets or None


def _relaxed(query: wq.Query) -> wq.Query | None:
    """The OR fallback of an AND query, or None when it has only one word to relax.

    Any of its words may match (more of them rank higher), but its NOT clauses and its filters
    (`lang:kk`, `year:2021` …) still hold: «семинар lang:kk» must not fall back to every Kazakh
    report.
    """
    if not isinstance(query, wq.And):
        return None
    words = [clause for clause in query.subqueries if _is_words(clause)]
    kept = [clause for clause in query.subqueries if not _is_words(clause)]
    if len(words) < 2:
        return None
    relaxed = wq.Or(words, scale=0.9)
    return wq.And([relaxed, *kept]) if kept else relaxed


def _is_words(clause: wq.Query) -> bool:
    return not isinstance(clause, wq.Not) and all(
        leaf.field() in FIELD_LANG for leaf in clause.leaves()
    )


def _query_keys(query: wq.Query, searcher: Searcher) -> dict[str, set[str]]:
    """Search keys of the query per analysis language, prefix terms expanded; NOT words left out.

    Whoosh's `Query.existing_terms` would do, but it skips every leaf after the first one whose
    field differs (its loop variable shadows its `fieldname` argument), so the leaves are walked
    here.
    """
    reader = searcher.reader()
    keys: dict[str, set[str]] = defaultdict(set)
    for leaf in _wanted_leaves(query):
        for fieldname, term in leaf.expanded_terms(reader, phrases=True):
            if fieldname in FIELD_LANG and (fieldname, term) in reader:
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
    text = mark_html(content, marks, begin, end)
    text = ("…" if begin > 0 else "") + text + ("…" if end < len(content) else "")
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
