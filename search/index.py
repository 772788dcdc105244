"""The Whoosh index: schema, generations, the writer lock and incremental updates.

This is the only module that knows Whoosh's writer. An index directory holds numbered
generations (`gen-000001/`, each a Whoosh index) and a `CURRENT` file naming the live one. An
incremental run updates the live generation in committed batches; `--rebuild` builds a new
generation beside it and switches `CURRENT` with one atomic rename, so a reader always opens a
complete index and notices a newer one by re-reading `CURRENT`.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.util.filelock import FileLock

from search import language
from search.analysis import analyzer, surface_analyzer
from search.config import Settings
from search.events import event_types
from search.extract import SUPPORTED_SUFFIXES, extract
from search.extract.base import Document, ExtractionError

CURRENT = "CURRENT"
LOCK = "write.lock"
BODY_FIELDS = {lang: f"body_{lang}" for lang in language.LANGUAGES}


def make_schema() -> Schema:
    """Per-language body fields, each with its own analyzer, so a query needs no language guess."""
    return Schema(
        path=ID(stored=True, unique=True),
        source=STORED,
        title=TEXT(analyzer=analyzer("any"), stored=True, phrase=True),
        **{name: TEXT(analyzer=analyzer(lang), phrase=True) for lang, name in BODY_FIELDS.items()},
        words=TEXT(analyzer=surface_analyzer(), phrase=False),
        content=STORED,
        spans=STORED,
        pages=STORED,
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
    """Open the live generation for reading."""
    name = current_generation(index_dir)
    if name is None:
        raise IndexMissing(f"no index in {index_dir} — run `izde index PATH` first")
    return whoosh_index.open_dir(str(index_dir / name))


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
    """A file found under an indexed root, with the stat values that detect changes cheaply."""

    doc_id: str
    path: Path
    size: int
    mtime_ns: int


@dataclass
class Report:
    """What an indexing run did, for the summary line and the exit code."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    generation: str = ""


def find_files(roots: Iterable[Path]) -> tuple[list[SourceFile], list[tuple[str, str]]]:
    """Supported files under `roots`, with ids relative to their root; plus files to report.

    Symbolic links are not followed (they may point outside the indexed folder) and hidden files
    and folders are skipped.
    """
    found: dict[str, SourceFile] = {}
    problems: list[tuple[str, str]] = []
    for root in roots:
        base = root.parent if root.is_file() else root
        candidates = [root] if root.is_file() else _walk(root)
        for path in candidates:
            doc_id = path.relative_to(base).as_posix()
            if path.is_symlink():
                problems.append((doc_id, "symbolic link, not followed"))
                continue
            try:
                stat = path.stat()
            except OSError as error:
                problems.append((doc_id, f"cannot read: {error.strerror}"))
                continue
            if doc_id in found:
                problems.append((doc_id, f"same relative path also under {found[doc_id].path}"))
                continue
            found[doc_id] = SourceFile(doc_id, path, stat.st_size, stat.st_mtime_ns)
    return sorted(found.values(), key=lambda f: f.doc_id), problems


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if not name.startswith(".") and path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path


def index_fields(source: SourceFile, doc: Document) -> dict[str, object]:
    """The Whoosh document for one file: its text routed to per-language fields by paragraph."""
    main = doc.languages[0] if doc.languages else ""
    spans = language.paragraph_languages(doc.text, default=main or None)
    bodies: dict[str, list[str]] = {lang: [] for lang in language.LANGUAGES}
    for start, end, lang in spans:
        bodies[lang].append(doc.text[start:end])
    return {
        "path": source.doc_id,
        "source": str(source.path.resolve()),
        "title": doc.title or source.path.stem,
        **{BODY_FIELDS[lang]: "\n\n".join(parts) for lang, parts in bodies.items() if parts},
        "words": f"{doc.title}\n\n{doc.text}",
        "content": doc.text,
        "spans": spans,
        "pages": doc.page_offsets,
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
    }


def read_document(path: Path) -> Document:
    """Extract a file and detect its languages: everything indexing needs from the file."""
    doc = extract(path)
    doc.languages = language.document_languages(doc.text)
    return doc


# Called after each file with the file and the number of files in the run.
Progress = Callable[[SourceFile, int], None]


class Indexer:
    """Brings an index up to date with folders of reports."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.index_dir = settings.index_dir

    def run(
        self, roots: list[Path], rebuild: bool = False, progress: Progress | None = None
    ) -> Report:
        """Index `roots`: add new files, replace changed ones, remove vanished ones."""
        files, problems = find_files(roots)
        report = Report(failed=list(problems))
        with writer_lock(self.index_dir, self.settings.lock_timeout):
            live = current_generation(self.index_dir)
            known: dict[str, dict] = {}
            if live is None:
                # A first build goes live at once, so its committed batches survive a crash.
                target = live = self._new_generation()
                self._switch_to(target)
            elif rebuild:
                target = self._new_generation()
            else:
                target = live
                known = self._known_documents(target)
            ix = whoosh_index.open_dir(str(self.index_dir / target))
            self._update(ix, files, known, roots, report, progress)
            if target != live:
                self._switch_to(target)
            report.generation = target
        return report

    def _update(
        self,
        ix: whoosh_index.Index,
        files: list[SourceFile],
        known: dict[str, dict],
        roots: list[Path],
        report: Report,
        progress: Progress | None,
    ) -> None:
        writer = ix.writer()
        pending = 0
        try:
            for source in files:
                outcome = self._apply(writer, source, known.get(source.doc_id), report)
                if progress:
                    progress(source, len(files))
                if outcome:
                    pending += 1
                if pending >= self.settings.batch_size:
                    writer.commit()
                    writer, pending = ix.writer(), 0
            seen = {f.doc_id for f in files} | {doc_id for doc_id, _ in report.failed}
            for doc_id, stored in known.items():
                if doc_id not in seen and _under_any(Path(stored["source"]), roots):
                    writer.delete_by_term("path", doc_id)
                    report.removed.append(doc_id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise

    def _apply(self, writer, source: SourceFile, stored: dict | None, report: Report) -> bool:
        """Index one file if it is new or changed; True when the writer got a document."""
        if stored and (stored["size"], stored["mtime_ns"]) == (source.size, source.mtime_ns):
            report.unchanged.append(source.doc_id)
            return False
        try:
            doc = read_document(source.path)
        except ExtractionError as error:
            # A changed file that no longer reads keeps its last good version in the index.
            report.failed.append((source.doc_id, str(error)))
            return False
        except OSError as error:
            report.failed.append((source.doc_id, f"cannot read: {error.strerror or error}"))
            return False
        report.warnings.extend((source.doc_id, warning) for warning in doc.warnings)
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
            writer.add_document(**index_fields(source, doc))
            return True
        writer.update_document(**index_fields(source, doc))
        return True

    def _known_documents(self, generation: str) -> dict[str, dict]:
        ix = whoosh_index.open_dir(str(self.index_dir / generation))
        with ix.searcher() as searcher:
            return {
                fields["path"]: {
                    key: fields[key] for key in ("source", "size", "mtime_ns", "sha256")
                }
                for fields in searcher.all_stored_fields()
            }

    def _new_generation(self) -> str:
        numbers = [int(p.name[4:]) for p in self.index_dir.glob("gen-*") if p.name[4:].isdigit()]
        name = f"gen-{max(numbers, default=0) + 1:06d}"
        path = self.index_dir / name
        path.mkdir()
        whoosh_index.create_in(str(path), make_schema())
        return name

    def _switch_to(self, generation: str) -> None:
        """Point CURRENT at `generation` atomically, then delete older generations."""
        tmp = self.index_dir / f"{CURRENT}.tmp"
        tmp.write_text(generation + "\n", encoding="ascii")
        os.replace(tmp, self.index_dir / CURRENT)
        for old in self.index_dir.glob("gen-*"):
            if old.name != generation:
                # A reader may still have old files open (Windows refuses to delete them);
                # whatever stays is removed by a later run.
                shutil.rmtree(old, ignore_errors=True)


def _under_any(path: Path, roots: list[Path]) -> bool:
    for root in roots:
        base = root.resolve()
        if path == base or base in path.parents:
            return True
    return False


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
