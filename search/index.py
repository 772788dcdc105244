"""The Whoosh index: schema, generations, the writer lock and incremental updates.

This is the only module that knows Whoosh's writer. An index directory holds numbered
generations (`gen-000001/`, each a Whoosh index) and a `CURRENT` file naming the live one. An
incremental run updates the live generation in committed batches; `--rebuild` builds a new
generation beside it and switches `CURRENT` with one atomic rename, so a reader always opens a
complete index and notices a newer one by re-reading `CURRENT`.

Files are read, and their text analysed, in worker processes (search/workers.py); this process
is the only writer, and adds the postings the workers made; it commits a full batch in a
background thread while it takes the next documents. A run killed at any point, even
mid-commit, loses at most the batch it was committing and the documents read since: Whoosh
writes a commit's segment files first and its table of contents last, by an atomic rename, and
both locks (ours and Whoosh's own) are operating-system file locks that die with their holder.
What a killed run leaves (segment files no table of contents names, an unfinished generation)
is deleted by the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import stat
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from whoosh import index as whoosh_index
from whoosh.codec.base import PerDocumentReader, Segment
from whoosh.columns import PickleColumn, VarBytesColumn
from whoosh.externalsort import imerge
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader
from whoosh.util.filelock import FileLock
from whoosh.writing import SegmentWriter

from search import arrays, language
from search import corrections as corrections_module
from search.analysis import KEYS_VERSION, analyzer, surface_analyzer
from search.config import Settings
from search.events import event_types
from search.extract import SUPPORTED_SUFFIXES
from search.extract.base import Document
from search.store import Problem, Store, now
from search.workers import Extracted, ExtractionPool, Job, read_document

CURRENT = "CURRENT"
# In each generation: the version of the search keys it was written with, and of its ids.
META = "izde.json"
# 2: documents identified by source folder and path inside it (1: by path alone).
IDS_VERSION = 2
LOCK = "write.lock"
# Seconds between switching CURRENT and deleting the generations it replaced: a reader that
# read the old name a moment before the switch still finds its files and opens them (once open,
# they stay readable on POSIX; Windows refuses the deletion, and a later run retries it).
SWITCH_GRACE = 2.0
# Tries to open the live generation while commits and switches replace its files.
OPEN_ATTEMPTS = 10
BODY_FIELDS = {lang: f"body_{lang}" for lang in language.LANGUAGES}


# One term of an analysed text field, as Whoosh's TEXT.index yields it: the term's bytes, its
# frequency, its weight, and its encoded positions (or frequency).
Posting = tuple[bytes, int, float, bytes]


class Analysed(NamedTuple):
    """A text field's value already analysed: what `TEXT.index` returns for the text."""

    postings: list[Posting]


class AnalysedText(TEXT):
    """A TEXT field that also takes its value analysed (`Analysed`): the extraction workers run
    the analyzers, so the one writer process only adds the postings. Text is analysed here, as
    by TEXT; queries use the field's analyzer as before."""

    def index(self, value: object, **kwargs: object) -> Iterator[Posting]:
        if isinstance(value, Analysed):
            return iter(value.postings)
        return super().index(value, **kwargs)


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
        title=AnalysedText(analyzer=analyzer("any"), stored=True, phrase=True),
        **{
            name: AnalysedText(analyzer=analyzer(lang), phrase=True)
            for lang, name in BODY_FIELDS.items()
        },
        words=AnalysedText(analyzer=surface_analyzer(), phrase=False),
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


class IndexMissing(Exception):
    """No index has been built in the directory yet."""


class IndexLocked(Exception):
    """Another indexing run holds the writer lock."""


def current_generation(index_dir: Path) -> str | None:
    """Name of the live generation, or None when the directory holds no index."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    return name if (index_dir / name).is_dir() else None


def open_index(index_dir: Path) -> whoosh_index.Index:
    """Open the live generation for reading, while a writer may be committing to it.

    Whoosh lists a generation's tables of contents and then opens the newest, which a commit
    may have just replaced and deleted; the next attempt finds the new one. (A searcher opened
    from the index retries the same way by itself.)
    """
    attempts = OPEN_ATTEMPTS
    while True:
        name = current_generation(index_dir)
        if name is None:
            raise IndexMissing(f"no index in {index_dir} — run `izde index PATH` first")
        try:
            return _open(index_dir / name)
        except (FileNotFoundError, whoosh_index.EmptyIndexError):
            attempts -= 1
            if not attempts:
                raise
            time.sleep(0.05)


def _open(generation: Path) -> whoosh_index.Index:
    """A generation's Whoosh index, read from its files without mmap: with mmap, Whoosh copies
    each segment's postings whole into memory (a BytesIO per file), so every server process
    would hold the whole index."""
    return FileStorage(str(generation), supports_mmap=False).open_index()


@contextmanager
def writer_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold the index's writer lock; wait up to `timeout` seconds for another run to finish.

    The operating system releases the lock when its holder dies, so a crashed run never leaves
    the index locked.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(index_dir / LOCK))
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            raise IndexLocked(
                f"another indexing run holds the lock on {index_dir}; "
                "wait for it to finish, then run again"
            )
        time.sleep(0.2)
    try:
        yield
    finally:
        lock.release()


@dataclass
class SourceFile:
    """A file found under an indexed root, with the stat values that detect changes cheaply.

    `doc_id` is its path inside its root ("/" between folders); `root` the root (a canonical
    absolute folder) and `id` the document's id, "source name/doc_id", set by the indexer.
    """

    doc_id: str
    path: Path
    size: int
    mtime_ns: int
    root: Path | None = None
    id: str = ""

    @property
    def location(self) -> str:
        """Where a librarian finds the file: its full path, printable."""
        return _printable(str(self.path))


@dataclass(frozen=True)
class Scope:
    """What one path named on the command line covers: `start` (the root itself, or a folder
    or file inside it) in the source `root`. Only documents in scope are updated or removed."""

    root: Path
    start: Path

    def covers(self, root: str, location: str) -> bool:
        """Whether a document of `root` whose file is at `location` is in this scope."""
        if root != str(self.root):
            return False
        return self.start == self.root or _within(Path(location), self.start)


@dataclass
class Report:
    """What an indexing run did, for the summary line and the exit code.

    Lists hold paths inside their roots; `where` maps those of failed and warned files to
    their full paths. `still_failing` are files that failed before, unchanged since: listed
    by `izde problems`, they do not fail the run again.
    """

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    still_failing: list[tuple[str, str]] = field(default_factory=list)
    # Documents of other sources copied into a rebuilt generation as they were.
    carried: list[str] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)
    generation: str = ""


def canonical(path: Path | str) -> Path:
    """The absolute path with symbolic links resolved, also for a path that no longer exists:
    the one name of a source folder, however it was typed."""
    return Path(os.path.realpath(os.path.abspath(path)))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def scopes_for(paths: Iterable[Path | Scope], registered: Iterable[Path] = ()) -> list[Scope]:
    """The scope of each named path: inside a registered root, part of that root (the
    innermost); else a folder is a new root, and a file belongs to its folder. A Scope given
    (the uploads folder's, say) is kept as it is."""
    roots = sorted(registered, key=lambda root: len(root.parts), reverse=True)
    scopes = []
    for path in paths:
        if isinstance(path, Scope):
            scopes.append(path)
            continue
        start = canonical(path)
        root = next((root for root in roots if _within(start, root)), None)
        if root is None:
            root = start if start.is_dir() else start.parent
        scopes.append(Scope(root, start))
    return scopes


def find_files(
    roots: Iterable[Path | Scope],
) -> tuple[list[SourceFile], list[tuple[SourceFile, str]]]:
    """Supported files under `roots` (paths, or scopes in registered roots), with ids relative
    to their root; plus files to report, each with its reason.

    Symbolic links are not followed (they may point outside the indexed folder or loop), hidden
    files and folders are skipped, and pipes or devices named like reports are never opened.
    Folders are listed with os.scandir: a run that finds nothing changed among 10,000 reports
    spends most of its time here.
    """
    scopes = [root if isinstance(root, Scope) else scopes_for([root])[0] for root in roots]
    found: dict[tuple[Path, str], SourceFile] = {}
    problems: list[tuple[SourceFile, str]] = []

    def problem(doc_id: str, location: str, root: Path, reason: str) -> None:
        problems.append((SourceFile(doc_id, Path(location), -1, -1, root), reason))

    for scope in scopes:
        inside = scope.start.relative_to(scope.root).as_posix()
        if not os.path.lexists(scope.start):
            continue  # a file that vanished (an upload moved to the trash): its document goes
        folder_problems: list[tuple[str, str, str]] = []
        if scope.start.is_file():
            entries: Iterable[Found] = [(_doc_id(inside), str(scope.start), None)]
        else:
            prefix = "" if inside == "." else inside + "/"
            entries = _walk(str(scope.start), prefix, folder_problems)
        for doc_id, location, entry in entries:
            try:
                if entry.is_symlink() if entry else os.path.islink(location):
                    problem(doc_id, location, scope.root, "symbolic link, not followed")
                    continue
                status = entry.stat(follow_symlinks=False) if entry else os.stat(location)
            except OSError as error:
                problem(doc_id, location, scope.root, f"cannot read: {error.strerror}")
                continue
            if not stat.S_ISREG(status.st_mode):
                problem(doc_id, location, scope.root, "not a regular file")
            else:
                found[scope.root, doc_id] = SourceFile(
                    doc_id, Path(location), status.st_size, status.st_mtime_ns, scope.root
                )
        for doc_id, location, reason in folder_problems:
            problem(doc_id, location, scope.root, reason)
    return sorted(found.values(), key=lambda f: (str(f.root), f.doc_id)), problems


# A file found by _walk: its id, its path, and its directory entry (stat values come with it).
Found = tuple[str, str, "os.DirEntry[str] | None"]


def _walk(folder: str, prefix: str, problems: list[tuple[str, str, str]]) -> Iterator[Found]:
    """Files with a supported suffix under `folder`, and the folder links it does not enter;
    a folder that cannot be listed is reported (id, location, reason)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        reason = f"cannot read folder: {error.strerror}"
        problems.append((_doc_id(prefix or os.path.basename(folder)), folder, reason))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        relative = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, relative + "/", problems)
        elif os.path.splitext(entry.name)[1].lower() in SUPPORTED_SUFFIXES or (
            entry.is_symlink() and os.path.isdir(entry.path)
        ):
            yield _doc_id(relative), entry.path, entry


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _doc_id(relative: str) -> str:
    """A file's id: its path relative to its root ("/" between folders), made printable and
    indexable."""
    return _printable(relative)


def _printable(name: str) -> str:
    """A file name as one line of valid Unicode: bytes that are not UTF-8 (a name from an old
    Windows archive) and control characters become \\xNN, which Whoosh can index and a
    terminal can print."""
    text = os.fsencode(name).decode("utf-8", errors="backslashreplace")
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def text_fields(doc: Document) -> dict[str, str]:
    """The analysed fields that come from the document alone: its text routed to per-language
    fields by paragraph, the words field, and the title if the document has one (else the
    title is the file's name, which only the indexer knows)."""
    bodies: dict[str, list[str]] = {lang: [] for lang in language.LANGUAGES}
    for start, end, lang in doc.spans:
        bodies[lang].append(doc.text[start:end])
    return {
        **({"title": doc.title} if doc.title else {}),
        **{BODY_FIELDS[lang]: "\n\n".join(parts) for lang, parts in bodies.items() if parts},
        "words": f"{doc.title}\n\n{doc.text}",
    }


@cache
def _schema() -> Schema:
    return make_schema()


def analyse(doc: Document, progress: Callable[[], None]) -> dict[str, list[Posting]]:
    """The postings of each of `text_fields(doc)`, exactly as the writer's fields would make
    them; `progress` is called between fields (a long report takes seconds)."""
    postings = {}
    for name, value in text_fields(doc).items():
        postings[name] = list(_schema()[name].index(value))
        progress()
    return postings


def read_and_analyse(path: Path, job: Job, progress: Callable[[], None]) -> Document:
    """The indexer's task in an extraction worker: read the file, then analyse its text there.
    Analysis (morphology) is most of a report's indexing cost, and the writer is one process
    while the workers are many."""
    doc = read_document(path, job, progress)
    doc.postings = analyse(doc, progress)
    return doc


def index_fields(
    source: SourceFile, doc: Document, corrections: dict[str, str] | None = None
) -> dict[str, object]:
    """The Whoosh document for one file, with the staff's `corrections` applied; the text
    fields a worker analysed go in as postings, with their text to store."""
    main = doc.languages[0] if doc.languages else ""
    texts = text_fields(doc)
    analysed: dict[str, object] = {}
    for name, postings in (doc.postings or {}).items():
        analysed[name] = Analysed(postings)
        if _schema()[name].stored:
            analysed[f"_stored_{name}"] = texts[name]
    location = str(source.path.resolve())
    root = str(source.root or source.path.resolve().parent)
    doc_id = source.id or source.doc_id
    fields = {
        "id": doc_id,
        "path": source.doc_id,
        "root": root,
        "source": location,
        "title": PurePosixPath(source.doc_id).stem,
        **texts,
        **analysed,
        "content": doc.text,
        "spans": doc.spans,
        "pages": doc.page_offsets,
        "blocks": doc.blocks,
        "lang": main,
        "languages": ",".join(doc.languages),
        "author": doc.author,
        "date": doc.date.isoformat() if doc.date else "",
        "year": str(doc.date.year) if doc.date else "",
        "format": doc.format,
        "event": ",".join(event_types(doc.title, doc.text)),
        "size": source.size,
        "mtime_ns": source.mtime_ns,
        "sha256": doc.sha256,
        "state": (
            doc_id,
            root,
            source.doc_id,
            location,
            source.size,
            source.mtime_ns,
            doc.sha256,
        ),
        "auto": {
            "title": doc.title,
            "date": doc.date.isoformat() if doc.date else "",
            "author": doc.author,
        },
        "hidden": "",
    }
    return corrections_module.apply(fields, corrections or {})


class BatchWriter(SegmentWriter):
    """Whoosh's segment writer, without two of its costs: after analysis moved to the workers,
    most of the writer's time went to commits and merges.

    Whoosh looks up a document's field length once per posting, each a read from the file it
    has just written; here each field's lengths are read once. And a merged segment's postings
    went through the posting pool, which re-sorted them and, past its memory limit, spilled
    them to disk; they are sorted already, so here they stream from the merged segments into
    the new one, alongside the pool's. The segment written is the same; a commit costs 5.8
    instead of 9.1 ms per report, a merge 7.8 instead of 10.5 (800 reports, 8 segments).
    Beside each segment it writes, it writes the segment's postings as arrays for ranking
    (search/arrays.py), taking each posting on its way to Whoosh's field writer.
    """

    def __init__(self, ix: whoosh_index.Index) -> None:
        super().__init__(ix)
        self._merged: list[Iterable[tuple]] = []
        self._readers: list[SegmentReader] = []
        self._arrays: arrays.ArrayWriter | None = None  # of the segment being flushed

    def add_reader(self, reader: SegmentReader) -> None:
        """Copy a segment's documents now and its postings at the flush; the writer closes
        `reader` when it finishes."""
        self._check_state()
        start = self.docnum
        names = {name for name in reader.indexed_field_names() if name in self.schema}
        docmap = self.write_per_doc(set(self.schema.names()) | names, reader)
        self._merged.append(self._process_posts(reader.iter_postings(), start, docmap))
        self._readers.append(reader)
        self._added = True

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
        self._arrays = arrays.ArrayWriter(self.schema, Path(self.storage.folder))
        try:
            postings = self._arrays.tee(imerge([self.pool.iter_postings(), *self._merged]))
            self.fieldwriter.add_postings(self.schema, lengths, postings)
            self.fieldwriter.close()
        finally:
            if lengths:
                lengths.close()
            self._close_readers()
        if not self.compound:
            self._write_arrays()

    def _assemble_segment(self) -> None:
        # Whoosh packs every file named after the segment into one: the arrays come after.
        super()._assemble_segment()
        self._write_arrays()

    def _write_arrays(self) -> None:
        """The segment's postings as arrays, for ranking (see search.arrays)."""
        assert self._arrays is not None, "written after the flush"
        self._arrays.write(arrays.path_for(self.storage.folder, self.newsegment.segment_id()))

    def _finish(self) -> None:
        self._close_readers()  # a cancelled merge
        super()._finish()

    def _close_readers(self) -> None:
        """Close the merged segments, before the commit deletes their files (Windows refuses
        to delete an open file)."""
        for reader in self._readers:
            reader.close()
        self._readers = []


class _Lengths:
    """The field lengths of a segment being written, read from its files once per field."""

    def __init__(self, reader: PerDocumentReader) -> None:
        self.reader = reader
        self.fields: dict[str, list[int | None]] = {}

    def doc_field_length(self, docnum: int, fieldname: str) -> int | None:
        lengths = self.fields.get(fieldname)
        if lengths is None:
            count = self.reader.doc_count_all()
            lengths = [self.reader.doc_field_length(n, fieldname) for n in range(count)]
            self.fields[fieldname] = lengths
        return lengths[docnum]

    def close(self) -> None:
        self.reader.close()


# Segments of one size class (a power of MERGE_FANOUT documents) merged into one when there are
# this many of them.
MERGE_FANOUT = 8


def merge_tiers(writer: BatchWriter, segments: list[Segment]) -> list[Segment]:
    """Whoosh merge policy: merge the segments of a size class once it holds MERGE_FANOUT.

    Whoosh's default (MERGE_SMALL) merges every segment, the largest too, once a few small ones
    have gathered, so a run of many batches rewrote the whole index again and again (3,000
    reports: 138 s, against 95 s with this policy). Here a document is rewritten about once per
    size class it passes through (log_8 of the collection's size), and a search never sees more
    than a few segments of each size.
    """
    tiers: dict[int, list[Segment]] = defaultdict(list)
    for segment in segments:
        tiers[int(math.log(max(segment.doc_count_all(), 1), MERGE_FANOUT))].append(segment)
    kept: list[Segment] = []
    for tier in tiers.values():
        if len(tier) < MERGE_FANOUT:
            kept.extend(tier)
            continue
        for segment in tier:
            writer.add_reader(SegmentReader(writer.storage, writer.schema, segment))
    return kept


# Characters of text taken from the workers while a batch is being committed, so that they go
# on reading through a commit or a merge of segments: with its postings, a character of text
# takes about 35 bytes here, so this is at most about 140 MB.
READ_AHEAD_CHARS = 4_000_000


class _Commit(threading.Thread):
    """A full batch's commit, merges included, in the background: it takes seconds, and the
    workers would wait for the indexer meanwhile."""

    def __init__(self, writer: BatchWriter) -> None:
        super().__init__(name="izde-commit", daemon=True)
        self.writer = writer
        self.error: BaseException | None = None
        self.start()

    def run(self) -> None:
        try:
            self.writer.commit(mergetype=merge_tiers)
        except BaseException as error:  # raised in the indexer's thread by finish()
            self.error = error

    def finish(self) -> None:
        self.join()
        if self.error:
            raise self.error


class _Batches:
    """The writer of the batch being filled, and the commit of the one before, if running.

    Whoosh has one writer at a time, so the next batch's writer opens when the commit before
    has finished; a crash still loses at most the batches not yet committed.
    """

    def __init__(self, ix: whoosh_index.Index, size: int) -> None:
        self.ix = ix
        self.size = size
        self.current = BatchWriter(ix)
        self.commit: _Commit | None = None
        self.pending = 0

    def busy(self) -> bool:
        """Whether a commit is still running."""
        return self.commit is not None and self.commit.is_alive()

    def writer(self) -> BatchWriter:
        """The writer to add to: after waiting for the commit before, a new one."""
        if self.commit:
            self.commit.finish()
            self.commit, self.current = None, BatchWriter(self.ix)
        return self.current

    def added(self) -> None:
        """Count a document added; commit the batch in the background once it is full."""
        self.pending += 1
        if self.pending >= self.size:
            self.commit, self.pending = _Commit(self.current), 0

    def cancel(self) -> None:
        """After an error or interruption: let a running commit finish (its batch is then
        safe), or cancel the open writer."""
        if self.commit:
            self.commit.join()
        else:
            self.current.cancel()


# Called after each file with the file and the number of files in the run.
Progress = Callable[[SourceFile, int], None]


class Indexer:
    """Brings an index up to date with folders of reports."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.index_dir = settings.index_dir
        self.store = Store(settings.index_dir)
        # (root, path) -> field -> value: the staff's corrections, read at the start of a run.
        self.corrections: dict[tuple[str, str], dict[str, str]] = {}

    def run(
        self, roots: list[Path | Scope], rebuild: bool = False, progress: Progress | None = None
    ) -> Report:
        """Index `roots`: add new files, replace changed ones, remove vanished ones, in the
        sources they belong to; other sources' documents stay as they are.

        A file that cannot be read is reported and keeps the version indexed before, if any,
        also through a rebuild. One that failed before and has not changed since is listed in
        `still_failing` instead of `failed`.
        """
        report = Report()
        with writer_lock(self.index_dir, self.settings.lock_timeout):
            live = current_generation(self.index_dir)
            # Left by a run that was killed, or kept open by a reader when it was replaced.
            self._delete_generations(keep=live)
            before = known_documents(self.index_dir / live) if live else {}
            names = source_names(before)
            scopes = scopes_for(roots, [Path(root) for root in names])
            for scope in scopes:
                names.setdefault(str(scope.root), _new_name(scope.root, names))
            files, problems = find_files(scopes)
            for source in [*files, *(source for source, _ in problems)]:
                source.id = f"{names[str(source.root)]}/{source.doc_id}"
            known_problems = self.store.problems()
            self.corrections = self.store.corrections()
            failures: list[Problem] = []

            def fail(source: SourceFile, reason: str) -> None:
                failure = Problem(
                    source.id,
                    str(source.root),
                    source.doc_id,
                    source.location,
                    source.size,
                    source.mtime_ns,
                    reason,
                    now(),
                )
                failures.append(failure)
                old = known_problems.get(source.id)
                unchanged = old and (old.size, old.mtime_ns) == (source.size, source.mtime_ns)
                (report.still_failing if unchanged else report.failed).append(
                    (source.doc_id, reason)
                )
                report.where[source.doc_id] = source.location

            for source, reason in problems:
                fail(source, reason)
            # Files indexed before that the listing missed but that are still there, in a
            # folder that cannot be listed or read now: reported, and kept as indexed.
            listed = {source.id for source in files} | {source.id for source, _ in problems}
            for stored, reason in unlisted(before, listed, scopes):
                failure = Problem(
                    stored["id"],
                    stored["root"],
                    stored["path"],
                    stored["source"],
                    stored["size"],
                    stored["mtime_ns"],
                    reason,
                    now(),
                )
                failures.append(failure)
                old = known_problems.get(stored["id"])
                same = old and (old.size, old.mtime_ns) == (stored["size"], stored["mtime_ns"])
                (report.still_failing if same else report.failed).append((stored["path"], reason))
                report.where[stored["path"]] = _printable(stored["source"])
            if live is None:
                # A first build goes live at once, so its committed batches survive a crash.
                target = live = self._new_generation()
                self._switch_to(target)
                known = {}
            elif rebuild or not _is_current(self.index_dir / live):
                # An index that an older Izde wrote (other fields, search keys or ids) is
                # rebuilt beside the live one, every document of it kept.
                target, known = self._new_generation(), {}
            else:
                target, known = live, before
                add_arrays(self.index_dir / live)
            ix = _open(self.index_dir / target)
            kept = {failure.id for failure in failures}
            self._update(ix, files, known, scopes, kept, fail, report, progress)
            if target != live:
                self._carry(ix, live, before, files, scopes, failures, report)
                self._switch_to(target)
            self.store.record_problems(
                lambda root, location: any(s.covers(root, location) for s in scopes), failures
            )
            self._refresh(target)
            report.generation = target
        return report

    def refresh(self) -> int:
        """Index again, from the index itself, the documents whose corrections or withdrawal
        changed since (the store's queue); how many were. No file is read."""
        with writer_lock(self.index_dir, self.settings.lock_timeout):
            live = current_generation(self.index_dir)
            # An index from an older Izde gets its corrections when the next run upgrades it.
            return self._refresh(live) if live and _is_current(self.index_dir / live) else 0

    def _refresh(self, generation: str) -> int:
        last, keys = self.store.pending()
        if not keys:
            return 0
        corrections = self.store.corrections()  # read after the queue: none is missed
        ix = _open(self.index_dir / generation)
        done = 0
        writer = BatchWriter(ix)
        try:
            with ix.searcher() as searcher:
                for root, path in sorted(keys):
                    for docnum in searcher.document_numbers(root=root, path=path):
                        stored = searcher.stored_fields(docnum)
                        source, doc = _stored_document(stored, stored)
                        fields = index_fields(source, doc, corrections.get((root, path)))
                        writer.update_document(**fields)
                        done += 1
            writer.commit(mergetype=merge_tiers)
        except BaseException:
            writer.cancel()
            raise
        self.store.done_pending(last)
        return done

    def _update(
        self,
        ix: whoosh_index.Index,
        files: list[SourceFile],
        known: dict[str, dict],
        scopes: list[Scope],
        kept: set[str],
        fail: Callable[[SourceFile, str], None],
        report: Report,
        progress: Progress | None,
    ) -> None:
        """Read the new and changed files in worker processes, index them in committed batches,
        and delete the documents of vanished files in the scopes of the run (not those `kept`:
        files that failed, or in folders that cannot be read)."""
        to_read: list[SourceFile] = []
        failed: set[str] = set()
        for source in files:
            stored = known.get(source.id)
            if stored and (stored["size"], stored["mtime_ns"]) == (source.size, source.mtime_ns):
                report.unchanged.append(source.doc_id)
            elif source.size > self.settings.max_file_mb * 2**20:
                failed.add(source.id)
                fail(
                    source,
                    f"too large: {source.size / 2**20:,.0f} MB "
                    f"(the limit is {self.settings.max_file_mb} MB)",
                )
            else:
                to_read.append(source)
                continue
            if progress:
                progress(source, len(files))
        batches = _Batches(ix, self.settings.batch_size)
        try:
            with ExtractionPool(self.settings, task=read_and_analyse) as pool:
                outcomes = zip(to_read, pool.map([s.path for s in to_read]), strict=True)
                # Documents taken from the workers while a batch is being committed.
                waiting: deque[tuple[SourceFile, Extracted]] = deque()
                chars = 0
                for n, (source, outcome) in enumerate(outcomes, 1):
                    waiting.append((source, outcome))
                    chars += len(outcome.doc.text) if outcome.doc else 0
                    more = n < len(to_read)
                    while waiting and not (more and batches.busy() and chars < READ_AHEAD_CHARS):
                        source, outcome = waiting.popleft()
                        chars -= len(outcome.doc.text) if outcome.doc else 0
                        if outcome.doc is None or not stays_inside(source):
                            # A changed file that no longer reads keeps its last good version.
                            failed.add(source.id)
                            if outcome.doc is None:
                                fail(source, outcome.reason)
                            else:
                                fail(source, "its folder is now a link elsewhere")
                        elif self._apply(batches.writer(), source, known, outcome.doc, report):
                            batches.added()
                        if progress:
                            progress(source, len(files))
            writer = batches.writer()
            seen = {f.id for f in files} | failed | kept
            for doc_id, stored in known.items():
                if doc_id not in seen and _in_any(stored, scopes):
                    writer.delete_by_term("id", doc_id)
                    report.removed.append(stored["path"])
            writer.commit(mergetype=merge_tiers)
        except BaseException:
            batches.cancel()
            raise

    def _apply(
        self, writer, source: SourceFile, known: dict[str, dict], doc: Document, report: Report
    ) -> bool:
        """Index one new or changed file; True when the writer got a document."""
        stored = known.get(source.id)
        report.warnings.extend((source.doc_id, warning) for warning in doc.warnings)
        if doc.warnings:
            report.where[source.doc_id] = source.location
        if (
            stored
            and stored["sha256"] == doc.sha256
            and stored["source"] == str(source.path.resolve())
        ):
            # Touched but not changed: store the new stat values so the next run skips the read.
            report.unchanged.append(source.doc_id)
        elif stored:
            report.updated.append(source.doc_id)
        else:
            report.added.append(source.doc_id)
            writer.add_document(**self._fields(source, doc))
            return True
        writer.update_document(**self._fields(source, doc))
        return True

    def _fields(self, source: SourceFile, doc: Document) -> dict[str, object]:
        """The document's index fields with its corrections."""
        return index_fields(source, doc, self.corrections.get((str(source.root), source.doc_id)))

    def _carry(
        self,
        ix: whoosh_index.Index,
        live: str,
        before: dict[str, dict],
        files: list[SourceFile],
        scopes: list[Scope],
        failures: list[Problem],
        report: Report,
    ) -> None:
        """Copy into a new generation what the run did not read from the live one: the
        documents of other sources and of files outside the scopes, as they were, and the
        live version of each file that failed this time (a rebuild while OCR is missing, or
        with a tighter limit, loses no report). In-scope documents whose files vanished go."""
        read = {source.id for source in files}
        failed = {failure.id for failure in failures}
        carried = []
        for doc_id, stored in before.items():
            if doc_id in failed:
                carried.append(stored)
                report.warnings.append((stored["path"], "kept the version indexed before"))
                report.where[stored["path"]] = _printable(stored["source"])
            elif not _in_any(stored, scopes):
                carried.append(stored)
                report.carried.append(stored["path"])
            elif doc_id not in read:
                report.removed.append(stored["path"])
        if not carried:
            return
        batches = _Batches(ix, self.settings.batch_size)
        try:
            with _open(self.index_dir / live).searcher() as searcher:
                for stored in carried:
                    source, doc = _stored_document(stored, searcher.stored_fields(stored["docnum"]))
                    batches.writer().add_document(**self._fields(source, doc))
                    batches.added()
            batches.writer().commit(mergetype=merge_tiers)
        except BaseException:
            batches.cancel()
            raise

    def remove_source(self, source: str) -> tuple[str, int]:
        """Delete every document of a source (its folder, as typed, or its name) and its
        problems; its root and the number of documents removed. No file is touched."""
        with writer_lock(self.index_dir, self.settings.lock_timeout):
            live = current_generation(self.index_dir)
            if live is None:
                raise IndexMissing(f"no index in {self.index_dir} — run `izde index PATH` first")
            names = source_names(known_documents(self.index_dir / live))
            root = str(canonical(source))
            if root not in names:
                root = next((path for path, name in names.items() if name == source), root)
            removed = 0
            if root in names:
                writer = BatchWriter(_open(self.index_dir / live))
                try:
                    removed = writer.delete_by_term("root", root)
                    writer.commit(mergetype=merge_tiers)
                except BaseException:
                    writer.cancel()
                    raise
            self.store.forget_root(root)
            return root, removed

    def _new_generation(self) -> str:
        numbers = [int(p.name[4:]) for p in self.index_dir.glob("gen-*") if p.name[4:].isdigit()]
        name = f"gen-{max(numbers, default=0) + 1:06d}"
        path = self.index_dir / name
        path.mkdir()
        whoosh_index.create_in(str(path), make_schema())
        meta = {"keys": KEYS_VERSION, "ids": IDS_VERSION}
        (path / META).write_text(json.dumps(meta) + "\n", encoding="ascii")
        return name

    def _switch_to(self, generation: str) -> None:
        """Point CURRENT at `generation` atomically, then delete older generations."""
        tmp = self.index_dir / f"{CURRENT}.tmp"
        tmp.write_text(generation + "\n", encoding="ascii")
        os.replace(tmp, self.index_dir / CURRENT)
        if any(old.name != generation for old in self.index_dir.glob("gen-*")):
            time.sleep(SWITCH_GRACE)
            self._delete_generations(keep=generation)

    def _delete_generations(self, keep: str | None) -> None:
        for old in self.index_dir.glob("gen-*"):
            if old.name != keep:
                # A reader may still have old files open (Windows refuses to delete them);
                # whatever stays is removed by a later run.
                shutil.rmtree(old, ignore_errors=True)


def known_documents(generation: Path) -> dict[str, dict]:
    """What the index holds of each file, by document id, from the state column (no stored
    text read); an index from before sources were registered gets them worked out."""
    ix = _open(generation)
    with ix.reader() as reader:
        if not reader.doc_count_all():
            return {}  # an empty index has no columns to read
        column = reader.column_reader("state")
        entries = []
        for docnum in reader.all_doc_ids():
            state = column[docnum]
            if len(state) == 5:  # written before sources: (path, source, size, mtime, hash)
                path, source, size, mtime_ns, sha256 = state
                root = _root_of(source, path)
                doc_id = ""
            else:
                doc_id, root, path, source, size, mtime_ns, sha256 = state
            entry = {"id": doc_id, "root": root, "path": path, "source": source}
            entry |= {"size": size, "mtime_ns": mtime_ns, "sha256": sha256, "docnum": docnum}
            entries.append(entry)
    names = source_names({entry["id"]: entry for entry in entries if entry["id"]})
    for entry in entries:
        if not entry["id"]:
            name = names.setdefault(entry["root"], _new_name(Path(entry["root"]), names))
            entry["id"] = f"{name}/{entry['path']}"
    return {entry["id"]: entry for entry in entries}


@dataclass(frozen=True)
class Source:
    """A registered source folder: its name (the first part of its documents' ids), its
    canonical path and how many documents it has in the index."""

    name: str
    root: str
    documents: int


def list_sources(index_dir: Path) -> list[Source]:
    """The sources of the live generation, by name."""
    live = current_generation(index_dir)
    if live is None:
        raise IndexMissing(f"no index in {index_dir} — run `izde index PATH` first")
    known = known_documents(index_dir / live)
    counts = Counter(entry["root"] for entry in known.values())
    names = source_names(known)
    return sorted(
        (Source(names[root], root, count) for root, count in counts.items()),
        key=lambda source: source.name,
    )


def source_name(index_dir: Path, root: Path) -> str:
    """The name of the source `root` in the live index, or the name it will get when first
    indexed; read from one document of each source, not from all."""
    try:
        ix = open_index(index_dir)
    except IndexMissing:
        return _new_name(root, {})
    names: dict[str, str] = {}
    with ix.searcher() as searcher:
        if "root" in searcher.schema:
            for term in searcher.lexicon("root"):
                fields = searcher.document(root=term.decode("utf-8"))
                if fields:
                    names[fields["root"]] = fields["id"].split("/", 1)[0]
    return names.get(str(root)) or _new_name(root, names)


def source_names(known: dict[str, dict]) -> dict[str, str]:
    """Each registered root's name, the first part of its documents' ids."""
    return {entry["root"]: entry["id"].split("/", 1)[0] for entry in known.values()}


def _new_name(root: Path, names: dict[str, str]) -> str:
    """A name for a new source: its folder's name, numbered when another source has it."""
    base = _printable(root.name).replace("/", "_") or "source"
    taken = set(names.values())
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def _root_of(source: str, path: str) -> str:
    """The root an index from before sources was built from: the file's folder, as many
    levels up as its id has parts."""
    location = Path(source)
    return str(location.parents[len(PurePosixPath(path).parts) - 1])


def _in_any(stored: dict, scopes: list[Scope]) -> bool:
    return any(scope.covers(stored["root"], stored["source"]) for scope in scopes)


def _stored_document(entry: dict, stored: dict) -> tuple[SourceFile, Document]:
    """The file and document that an index entry was made from, to index it again as it was
    found (corrections are applied again by the caller)."""
    source = SourceFile(
        entry["path"],
        Path(entry["source"]),
        entry["size"],
        entry["mtime_ns"],
        Path(entry["root"]),
        entry["id"],
    )
    found = stored.get("auto") or stored
    doc = Document(
        text=stored["content"],
        format=stored["format"],
        title=found["title"],
        author=found["author"],
        date=dt.date.fromisoformat(found["date"]) if found["date"] else None,
        page_offsets=stored["pages"],
        size=stored["size"],
        sha256=stored["sha256"],
        languages=stored["languages"].split(",") if stored["languages"] else [],
        spans=stored["spans"],
        blocks=stored.get("blocks") or [],
    )
    return source, doc


def _is_current(generation: Path) -> bool:
    """Whether a generation has this version's fields (names and types) and search keys."""
    try:
        meta = json.loads((generation / META).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False
    fields = {name: type(kind) for name, kind in _open(generation).schema.items()}
    wanted = {name: type(kind) for name, kind in make_schema().items()}
    current = meta.get("keys") == KEYS_VERSION and meta.get("ids") == IDS_VERSION
    return current and fields == wanted


def add_arrays(generation: Path) -> None:
    """Write the arrays of each segment that has none (an index from before Izde wrote them,
    or a segment another program wrote): read from Whoosh, about 2 s per 1,000 reports,
    where a rebuild would read and analyse every file again."""
    with _open(generation).reader() as reader:
        for leaf, _ in reader.leaf_readers():
            if isinstance(leaf, SegmentReader):
                path = arrays.path_for(generation, leaf.segment().segment_id())
                if not path.exists():
                    arrays.write_segment(leaf, path)


def stays_inside(source: SourceFile) -> bool:
    """Whether the file is still where it was found: no folder between its root and it has
    become a link (which might lead outside the root) since the folders were listed."""
    depth = len(PurePosixPath(source.doc_id).parts)
    root = source.path.parents[depth - 1]
    return source.path.resolve() == root.resolve().joinpath(*source.path.parts[-depth:])


def unlisted(
    known: dict[str, dict], listed: set[str], scopes: list[Scope]
) -> list[tuple[dict, str]]:
    """Indexed files in `scopes` that this run did not list but that have not vanished: in a
    folder that cannot be listed or read now. They are reported and keep their last version,
    as a file that cannot be read does. A file reached through a folder that has become a link
    out of its root has vanished from the root."""
    kept = []
    for doc_id, stored in known.items():
        if doc_id in listed or not _in_any(stored, scopes):
            continue
        source = stored["source"]
        try:
            status = os.stat(source)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as error:
            kept.append((stored, f"cannot read its folder: {error.strerror}; kept as indexed"))
            continue
        if stat.S_ISREG(status.st_mode) and os.path.realpath(source) == source:
            kept.append((stored, "its folder cannot be listed; kept as indexed"))
    return kept


def index_stats(index_dir: Path) -> dict[str, object]:
    """Document counts by language, format and year, for `izde stats` and the health check."""
    ix = open_index(index_dir)
    with ix.searcher() as searcher:
        stats: dict[str, object] = {
            "generation": current_generation(index_dir),
            "documents": searcher.doc_count(),
        }
        for name in ("lang", "format", "year"):
            counts = {
                term.decode("utf-8"): searcher.doc_frequency(name, term)
                for term in searcher.lexicon(name)
            }
            stats[name] = dict(sorted(counts.items()))
    return stats
