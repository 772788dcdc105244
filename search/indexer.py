"""The indexer: brings an index up to date with folders of reports.

Files are read, and their text analysed, in worker processes (search/workers.py); this process
is the only writer, and adds what the workers made, through the engine (search/engine/). It
commits a full batch in the background while it takes the next documents. A run killed at any
point, even mid-commit, loses at most the batch it was committing and the documents read
since: the engine commits atomically, and the writer lock (search/generations.py) is an
operating-system file lock that dies with its holder. What a killed run leaves (an unfinished
generation, files no commit names) is deleted by the next run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.config import Settings
from search.documents import index_fields, read_and_analyse, stored_document
from search.engine import engine
from search.engine.writing import Analysed, Fields, Writer
from search.extract.base import Document
from search.generations import (
    IndexUnreadable,
    current_generation,
    delete_generations,
    live_generation,
    new_generation,
    switch_to,
    writer_lock,
)
from search.sources import (
    Scope,
    SourceFile,
    canonical,
    find_files,
    in_any,
    known_documents,
    new_name,
    printable,
    scopes_for,
    source_names,
    stays_inside,
    unlisted,
)
from search.store import Problem, Store, now
from search.workers import Extracted, ExtractionPool


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
    # Why the run built a new generation unasked (the live one was out of date or damaged).
    rebuilt: str = ""


# Characters of text taken from the workers while a batch is being committed, so that they go
# on reading through a commit or a merge of segments: with its postings, a character of text
# takes about 35 bytes here, so this is at most about 140 MB.
READ_AHEAD_CHARS = 4_000_000


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
        self,
        roots: Sequence[Path | Scope],
        rebuild: bool = False,
        progress: Progress | None = None,
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
            delete_generations(self.index_dir, keep=live)
            try:
                before = known_documents(self.index_dir / live) if live else {}
            except IndexUnreadable as error:
                # Rebuilt below; none of its documents can be kept.
                before, unreadable = {}, str(error)
            else:
                unreadable = ""
            names = source_names(before)
            scopes = scopes_for(roots, [Path(root) for root in names])
            for scope in scopes:
                names.setdefault(str(scope.root), new_name(scope.root, names))
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
                report.where[stored["path"]] = printable(stored["source"])
            if live is None:
                # A first build goes live at once, so its committed batches survive a crash.
                target = live = new_generation(self.index_dir, engine().create)
                switch_to(self.index_dir, target)
                known: dict[str, dict] = {}
            elif rebuild or not engine().is_current(self.index_dir / live):
                # An index that an older Izde wrote (other fields, search keys or ids), or
                # that cannot be opened, is rebuilt beside the live one, every document of
                # it kept that can still be read.
                target, known = new_generation(self.index_dir, engine().create), {}
                if not rebuild:
                    why = unreadable or f"{live} was written by another version of Izde"
                    report.rebuilt = f"{why}; rebuilt beside it as {target}"
            else:
                target, known = live, before
                engine().prepare(self.index_dir / live)
            kept = {failure.id for failure in failures}
            self._update(target, files, known, scopes, kept, fail, report, progress)
            if target != live:
                self._carry(target, live, before, files, scopes, failures, report)
                switch_to(self.index_dir, target)
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
            return self._refresh(live) if live and engine().is_current(self.index_dir / live) else 0

    def _refresh(self, generation: str) -> int:
        last, keys = self.store.pending()
        if not keys:
            return 0
        corrections = self.store.corrections()  # read after the queue: none is missed
        done = 0
        writer = engine().writer(self.index_dir / generation)
        try:
            with engine().read(self.index_dir / generation) as index:
                for root, path in sorted(keys):
                    for docnum in index.numbers(root=root, path=path):
                        stored = index.stored(docnum)
                        source, doc = stored_document(stored, stored)
                        fields = index_fields(source, doc, corrections.get((root, path)))
                        writer.replace(fields, {})
                        done += 1
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self.store.done_pending(last)
        return done

    def _update(
        self,
        generation: str,
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
        batches = engine().batches(self.index_dir / generation, self.settings.batch_size)
        try:
            with ExtractionPool(self.settings, task=read_and_analyse) as pool:
                read = pool.map([s.path for s in to_read], [s.size for s in to_read])
                outcomes = zip(to_read, read, strict=True)
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
                if doc_id not in seen and in_any(stored, scopes):
                    writer.delete("id", doc_id)
                    report.removed.append(stored["path"])
            writer.commit()
        except BaseException:
            batches.cancel()
            raise

    def _apply(
        self,
        writer: Writer,
        source: SourceFile,
        known: dict[str, dict],
        doc: Document,
        report: Report,
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
            writer.add(*self._fields(source, doc))
            return True
        writer.replace(*self._fields(source, doc))
        return True

    def _fields(self, source: SourceFile, doc: Document) -> tuple[Fields, Analysed]:
        """The document's index fields with its corrections, and those of its text fields that
        a worker analysed and the staff did not correct."""
        corrections = self.corrections.get((str(source.root), source.doc_id), {})
        analysed = {
            name: value for name, value in (doc.postings or {}).items() if name not in corrections
        }
        return index_fields(source, doc, corrections), analysed

    def _carry(
        self,
        generation: str,
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
                report.where[stored["path"]] = printable(stored["source"])
            elif not in_any(stored, scopes):
                carried.append(stored)
                report.carried.append(stored["path"])
            elif doc_id not in read:
                report.removed.append(stored["path"])
        if not carried:
            return
        batches = engine().batches(self.index_dir / generation, self.settings.batch_size)
        try:
            with engine().read(self.index_dir / live) as index:
                for stored in carried:
                    source, doc = stored_document(stored, index.stored(stored["docnum"]))
                    batches.writer().add(*self._fields(source, doc))
                    batches.added()
            batches.writer().commit()
        except BaseException:
            batches.cancel()
            raise

    def remove_source(self, source: str) -> tuple[str, int]:
        """Delete every document of a source (its folder, as typed, or its name) and its
        problems; its root and the number of documents removed. No file is touched."""
        with writer_lock(self.index_dir, self.settings.lock_timeout):
            live = live_generation(self.index_dir)
            names = source_names(known_documents(self.index_dir / live))
            root = str(canonical(source))
            if root not in names:
                root = next((path for path, name in names.items() if name == source), root)
            removed = 0
            if root in names:
                writer = engine().writer(self.index_dir / live)
                try:
                    removed = writer.delete("root", root)
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
            self.store.forget_root(root)
            return root, removed


def index_stats(index_dir: Path) -> dict[str, Any]:
    """Document counts by language, format and year, for `izde stats` and the health check."""
    with engine().read_live(index_dir) as index:
        stats: dict[str, Any] = {
            "generation": current_generation(index_dir),
            "documents": index.count(),
        }
        for name in ("lang", "format", "year"):
            stats[name] = dict(sorted(index.values(name).items()))
    return stats


def document_with(index_dir: Path, **terms: str) -> dict[str, Any] | None:
    """The stored fields of a document of the live index whose fields have these values."""
    with engine().read_live(index_dir) as index:
        return index.first(**terms)


def document_count(index_dir: Path) -> int:
    """How many documents the live index holds."""
    with engine().read_live(index_dir) as index:
        return index.count()
