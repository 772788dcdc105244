"""The Whoosh schema of a generation, how a generation is opened, and whether it is current.

A generation is opened with the schema made here, never with the one Whoosh pickled into its
table of contents: that pickle names Izde's classes by their module paths, so a moved class
would make every existing index unopenable. Whether a generation was written with this
schema is recorded beside it (`FIELDS_KEY` in the generation's META file), not read back from
the pickle.
"""

from __future__ import annotations

import time
from array import array
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from pickle import dumps
from typing import NamedTuple

from whoosh import index as whoosh_index
from whoosh.analysis import Analyzer
from whoosh.columns import PickleColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from search.analysis import analyzer, surface_analyzer
from search.analysis.chain import Chain, Token
from search.analysis.indexing import key_positions
from search.fields import BODY_FIELDS
from search.generations import OPEN_ATTEMPTS, IndexUnreadable, live_generation, written_as

# One term of an analysed text field, as Whoosh's TEXT.index yields it: the term's bytes, its
# frequency, its weight, and its encoded positions (or frequency).
Posting = tuple[bytes, int, float, bytes]


class Postings(NamedTuple):
    """A text field's postings in columns, as a worker sends them to the writer: a few objects
    to pickle and unpickle per field, where a tuple per term was four objects more each."""

    terms: list[bytes]
    freqs: array  # of "i"
    weights: array  # of "d": Python's floats, exactly
    values: list[bytes]

    @classmethod
    def of(cls, postings: list[Posting]) -> Postings:
        terms, freqs, weights, values = zip(*postings, strict=True) if postings else ([],) * 4
        return cls(list(terms), array("i", freqs), array("d", weights), list(values))


class Analysed(NamedTuple):
    """A text field's value already analysed: what `TEXT.index` returns for the text."""

    postings: Postings


class ChainAnalyzer(Analyzer):
    """Izde's analysis chain (search.analysis) as a Whoosh analyzer: the same tokens, which
    Whoosh's fields, parser and highlighter read by the attributes they share."""

    def __init__(self, chain: Chain) -> None:
        self.chain = chain

    def __call__(self, value: str, no_morph: bool = False, **kwargs: object) -> Iterator[Token]:
        return self.chain(value, **kwargs)


class AnalysedText(TEXT):
    """A TEXT field that also takes its value analysed (`Analysed`): the extraction workers run
    the analyzers, so the one writer process only adds the postings. Text is analysed here, as
    by TEXT; queries use the field's analyzer as before."""

    def index(self, value: object, **kwargs: object) -> Iterator[Posting]:
        if isinstance(value, Analysed):
            found = value.postings
            return zip(found.terms, found.freqs, found.weights, found.values, strict=True)
        return super().index(value, **kwargs)

    def postings(self, text: str) -> Postings:
        """What `index` makes of a text, each distinct word analysed once per process
        (search.analysis.indexing) when the chain allows it."""
        chain = self.analyzer.chain if isinstance(self.analyzer, ChainAnalyzer) else None
        found = key_positions(chain, text) if chain else None
        kind = type(self.format)
        if found is None or kind not in (Positions, Frequency) or self.format.field_boost != 1:
            return Postings.of(list(self.index(text)))
        freqs = array("i", map(len, found.values()))
        if kind is Frequency:
            values = [pack_uint(n) for n in freqs]
        else:
            values = [_encode(positions) for positions in found.values()]
        return Postings([key.encode() for key in found], freqs, array("d", freqs), values)


def _encode(positions: list[int]) -> bytes:
    """Positions as Whoosh's Positions format encodes them: the count, then the pickled list of
    deltas (one position is its own delta: most of a short report's terms, a third faster)."""
    if len(positions) == 1:
        return _ONE + dumps(positions, 2)
    deltas = [positions[0], *(b - a for a, b in pairwise(positions))]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


_ONE = pack_uint(1)


def make_schema() -> Schema:
    """Per-language body fields, each with its own analyzer, so a query needs no language guess."""
    return Schema(
        # A document is its source (a registered root folder, canonical absolute path) and its
        # path inside it: `id` ("source name/path", unique) names it in links and updates,
        # `path` is what a reader sees, `root` lets a source be counted and removed.
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        root=ID(stored=True),
        source=STORED,
        title=AnalysedText(analyzer=ChainAnalyzer(analyzer("any")), stored=True, phrase=True),
        **{
            name: AnalysedText(analyzer=ChainAnalyzer(analyzer(lang)), phrase=True)
            for lang, name in BODY_FIELDS.items()
        },
        words=AnalysedText(analyzer=ChainAnalyzer(surface_analyzer()), phrase=False),
        content=STORED,
        spans=STORED,
        pages=STORED,
        # Headings and list items, (start, end, kind) in `content` (search.extract.structure).
        blocks=STORED,
        lang=ID(stored=True),
        languages=KEYWORD(stored=True, commas=True),
        author=STORED,
        date=ID(stored=True, sortable=True),
        year=ID(stored=True),
        format=ID(stored=True),
        event=KEYWORD(stored=True, commas=True),
        size=STORED,
        mtime_ns=STORED,
        sha256=ID(stored=True),
        # Staff corrections (search/corrections.py) replace title, date, event, lang and
        # author; `auto` keeps what was found in the file, `hidden` is "1" for a withdrawn one.
        auto=STORED,
        hidden=ID(stored=True),
        # (id, root, path, source, size, mtime_ns, sha256) in a column of its own: an incremental
        # run reads it for every document, and stored fields would unpickle each whole text.
        state=COLUMN(PickleColumn(VarBytesColumn())),
    )


@cache
def schema() -> Schema:
    """The schema, made once per process (each field holds its analysis chain)."""
    return make_schema()


def recorded() -> dict[str, object]:
    """What a generation records of its format, to be recognised as current: each field's
    Whoosh type by name."""
    return {"fields": {name: type(kind).__name__ for name, kind in schema().items()}}


def open_index(index_dir: Path) -> whoosh_index.Index:
    """Open the live generation for reading, while a writer may be committing to it.

    Whoosh lists a generation's tables of contents and then opens the newest, which a commit
    may have just replaced and deleted; the next attempt finds the new one. (A searcher opened
    from the index retries the same way by itself.)
    """
    attempts = OPEN_ATTEMPTS
    while True:
        generation = index_dir / live_generation(index_dir)
        try:
            return open_generation(generation)
        except (FileNotFoundError, whoosh_index.EmptyIndexError):
            attempts -= 1
            if not attempts:
                raise
            time.sleep(0.05)


def open_generation(generation: Path) -> whoosh_index.Index:
    """A generation's Whoosh index with the schema made here (Whoosh then skips the pickled
    one), read from its files without mmap: with mmap, Whoosh copies each segment's postings
    whole into memory (a BytesIO per file), so every server process would hold the whole
    index."""
    return FileStorage(str(generation), supports_mmap=False).open_index(schema=schema())


def create(generation: Path) -> dict[str, object]:
    """An empty index in a new generation's folder; what its META file is to record."""
    whoosh_index.create_in(str(generation), schema())
    return recorded()


def is_current(generation: Path) -> bool:
    """Whether a generation was written with this version's fields (names and types), ids and
    search keys, and can be opened: one that cannot (a damaged table of contents, segments
    Whoosh cannot read) is rebuilt like one an older Izde wrote."""
    if not written_as(generation, recorded()):
        return False
    try:
        readable(generation)
    except IndexUnreadable:
        return False
    return True


def readable(generation: Path) -> whoosh_index.Index:
    """A generation's index, checked by reading its segments; IndexUnreadable when its files
    are damaged or not Whoosh's (whatever the damage, they are not an index to update)."""
    try:
        index = open_generation(generation)
        index.reader().close()
    except Exception as error:
        raise IndexUnreadable(f"{generation.name} cannot be opened: {error!r}") from error
    return index
