"""The baselines of bench/eval_quality.py: what plain BM25 gives on the same documents.

Both are in-memory Whoosh indexes of a title field and a body field (the title and the text, as
in Izde's files), ranked by Whoosh's BM25F with its defaults: no field is weighted, as none is in
an Elasticsearch `multi_match` query by default. A query is read with Whoosh's syntax (quotes make
a phrase; `?` is no wildcard, as in Izde) and its words are ORed, as by Elasticsearch's `match`.

- raw-token BM25: Unicode words (`\\w+`), lowercased: no morphology at all.
- Snowball BM25: what an Elasticsearch user gets with one field per document language, each with
  its language analyzer: Russian Snowball for Russian documents, English Snowball for English
  ones, and no stemmer for Kazakh, for which Elasticsearch has none. The document language comes
  from the collection, not from detection; a query is analysed by every field's analyzer.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

import Stemmer
from quality import Doc, K
from whoosh import qparser
from whoosh.analysis import Analyzer, Filter, LowercaseFilter, RegexTokenizer, Token
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

SNOWBALL = {"ru": "russian", "en": "english"}


class SnowballFilter(Filter):
    """Snowball stems of one language. Holds only the language name: Whoosh pickles analyzers."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stem = _stemmer(self.language).stemWord
        for token in tokens:
            token.text = stem(token.text)
            yield token


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def raw_analyzer() -> Analyzer:
    return RegexTokenizer(r"\w+") | LowercaseFilter()


def snowball_analyzer(lang: str) -> Analyzer:
    """Raw tokens, stemmed when Snowball has the language."""
    if lang in SNOWBALL:
        return raw_analyzer() | SnowballFilter(SNOWBALL[lang])
    return raw_analyzer()


class Baseline:
    """BM25F over title and body fields, one pair per document language in `analyzers`."""

    def __init__(self, name: str, docs: Iterable[Doc], analyzers: Mapping[str, Analyzer]) -> None:
        """`analyzers` maps a document language to its analyzer; "any" takes every language."""
        self.name = name
        fields = {
            f"{part}_{lang}": TEXT(analyzer=analyzer, phrase=True)
            for lang, analyzer in analyzers.items()
            for part in ("title", "body")
        }
        schema = Schema(id=ID(stored=True, unique=True), **fields)
        # Whoosh's writer keeps a RAM index's temporary segment files in the system's temporary
        # folder under the index's name: a name of its own, so that runs side by side (an
        # evaluation beside the tests) do not write into each other's files.
        index = RamStorage().create_index(schema, indexname=f"baseline-{uuid.uuid4().hex}")
        with index.writer() as writer:
            for doc in docs:
                lang = "any" if "any" in analyzers else doc.lang
                writer.add_document(
                    id=doc.id,
                    **{f"title_{lang}": doc.title, f"body_{lang}": f"{doc.title}\n\n{doc.text}"},
                )
        self.parser = qparser.QueryParser(None, schema, group=qparser.OrGroup)
        self.parser.add_plugin(qparser.MultifieldPlugin(list(fields)))
        self.parser.remove_plugin_class(qparser.WildcardPlugin)
        self.searcher = index.searcher()

    def search(self, text: str) -> list[str]:
        """Ids of the top K documents."""
        hits = self.searcher.search(self.parser.parse(text), limit=K)
        return [hit["id"] for hit in hits]


def raw_bm25(docs: Iterable[Doc]) -> Baseline:
    return Baseline("raw BM25", docs, {"any": raw_analyzer()})


def snowball_bm25(docs: Iterable[Doc]) -> Baseline:
    analyzers = {lang: snowball_analyzer(lang) for lang in ("kk", "ru", "en")}
    return Baseline("Snowball BM25", docs, analyzers)
