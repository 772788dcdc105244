"""Uploaded originals: kept byte for byte under the uploads folder (a source, by year), checked
for type, size and duplicate content, moved to the trash and back; and the indexing worker
that the server runs to index them.

The uploads folder is a source like any other (`izde index` may index it too); its `.trash`
and `.incoming` folders are hidden, so no run indexes them. Names are made safe for every
file system, and a file is written only inside the uploads folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO

from search import corrections
from search.config import Settings
from search.extract import SUPPORTED_SUFFIXES
from search.generations import IndexLocked, IndexMissing
from search.indexer import Indexer, document_with
from search.sources import Scope, canonical, source_name
from search.store import Store
from search.workers import WorkerError

TRASH = ".trash"
INCOMING = ".incoming"
CHUNK = 1 << 20
MAX_NAME = 120
# Characters Windows forbids in names, and path separators.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_RESERVED = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)
log = logging.getLogger(__name__)


class UploadRefused(ValueError):
    """An upload that is not kept; `reason` names why ("type", "size", "empty", "duplicate",
    "invalid"), `name` is the file's, `where` the document that already has a duplicate's
    content, `error` the bad metadata's CorrectionError."""

    def __init__(
        self,
        message: str,
        reason: str,
        name: str = "",
        where: str = "",
        error: corrections.CorrectionError | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.name = name
        self.where = where
        self.error = error


@dataclass(frozen=True)
class Upload:
    number: int
    doc_id: str
    path: str


def uploads_root(settings: Settings) -> Path:
    return canonical(settings.uploads_dir)


def safe_name(name: str) -> str:
    """A file name that every file system takes and no reader misreads: the last part of what
    the browser sent, without control or invisible format characters, separators or characters
    Windows forbids, not hidden, not a reserved device name, at most MAX_NAME characters."""
    name = unicodedata.normalize("NFC", re.split(r"[/\\]", name)[-1])
    name = "".join(
        "_" if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") else char
        for char in name
    )
    name = _FORBIDDEN.sub("_", " ".join(name.split())).strip(" .")
    if not name or _RESERVED.fullmatch(name):
        name = f"upload-{name}" if name else "upload"
    stem, suffix = os.path.splitext(name)
    return stem[: MAX_NAME - len(suffix)] + suffix


def save(
    settings: Settings,
    stream: IO[bytes],
    name: str,
    metadata: Mapping[str, object],
    user: str,
) -> Upload:
    """Keep an uploaded file under the uploads folder's year, queue it for indexing, and record
    its metadata as corrections; UploadRefused for a wrong type, size or duplicate content, or
    bad metadata (then nothing is kept)."""
    filename = safe_name(name)
    suffix = os.path.splitext(filename)[1].lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise UploadRefused(
            f"{filename}: not a kind of file Izde reads ({kinds})", "type", filename
        )
    try:
        values = {
            field: corrections.check(field, value)
            for field, value in metadata.items()
            if value not in (None, "")
        }
    except corrections.CorrectionError as error:
        raise UploadRefused(str(error), "invalid", filename, error=error) from None
    root = uploads_root(settings)
    incoming = root / INCOMING
    incoming.mkdir(parents=True, exist_ok=True)
    temporary = incoming / f"{os.getpid()}-{threading.get_ident()}-{os.urandom(4).hex()}"
    try:
        sha256, size = _copy(stream, temporary, settings.max_file_mb * 2**20, filename)
        if size == 0:
            raise UploadRefused(f"{filename}: the file is empty", "empty", filename)
        where = duplicate(settings, sha256)
        if where:
            raise UploadRefused(
                f"{filename}: the library already has this file, as {where}",
                "duplicate",
                filename,
                where,
            )
        target = _free_path(root / str(dt.date.today().year), filename)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    path = target.relative_to(root).as_posix()
    store = Store(settings.index_dir)
    if values:
        store.correct(str(root), path, {f: ("", v) for f, v in values.items()}, user)
    doc_id = f"{source_name(settings.index_dir, root)}/{path}"
    upload = {"root": str(root), "path": path, "doc_id": doc_id, "name": filename}
    number = store.add_upload(upload | {"sha256": sha256, "size": size}, user)
    return Upload(number, doc_id, path)


def _copy(stream: IO[bytes], target: Path, limit: int, filename: str) -> tuple[str, int]:
    """Write the stream to `target`, hashing it; refuse it once it passes `limit` bytes."""
    digest = hashlib.sha256()
    size = 0
    with open(target, "xb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise UploadRefused(f"too large: the limit is {limit // 2**20} MB a file", "size")
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def duplicate(settings: Settings, sha256: str) -> str:
    """The id of a document (or a waiting upload) with this content, or ''."""
    for row in Store(settings.index_dir).uploads_with(sha256):
        if row["status"] != "failed":
            return row["doc_id"]
    try:
        fields = document_with(settings.index_dir, sha256=sha256)
    except IndexMissing:
        return ""
    return (fields.get("id") or fields["path"]) if fields else ""


def _free_path(folder: Path, filename: str) -> Path:
    """`folder/filename`, numbered (report-2.docx) when taken; never outside `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(filename)
    candidate, n = folder / filename, 1
    while os.path.lexists(candidate):
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    if canonical(candidate).parent != canonical(folder):
        raise UploadRefused(f"{filename}: not a usable file name", "name", filename)
    return candidate


def trash(settings: Settings, number: int, user: str) -> None:
    """Move an uploaded file to the trash folder; the worker then takes it out of the index.
    Restorable: nothing is deleted."""
    store = Store(settings.index_dir)
    row = store.upload(number)
    if row is None or row["status"] in ("trash", "trashing"):
        raise LookupError(number)
    root = Path(row["root"])
    source = _inside(root, row["path"])
    target = _free_path(root / TRASH / PurePosixPath(row["path"]).parent, source.name)
    if source.exists():
        os.replace(source, target)
    trashed = target.relative_to(root).as_posix()
    store.set_upload(number, user, status="trashing", trash=trashed)


def restore(settings: Settings, number: int, user: str) -> str:
    """Move a trashed upload back (under a new name if its own was taken since) and queue it
    for indexing; its document id."""
    store = Store(settings.index_dir)
    row = store.upload(number)
    if row is None or row["status"] != "trash":
        raise LookupError(number)
    root = Path(row["root"])
    original = _inside(root, row["path"])
    target = _free_path(original.parent, original.name)
    os.replace(_inside(root, row["trash"]), target)
    path = target.relative_to(root).as_posix()
    doc_id = f"{source_name(settings.index_dir, root)}/{path}"
    store.set_upload(number, user, status="queued", path=path, doc_id=doc_id, trash="")
    return doc_id


def _inside(root: Path, path: str) -> Path:
    """`root/path`, refused unless it stays inside `root` (a store edited by hand)."""
    location = root / PurePosixPath(path)
    if not canonical(location).is_relative_to(canonical(root)) or ".." in PurePosixPath(path).parts:
        raise LookupError(path)
    return location


class IndexingWorker(threading.Thread):
    """The server's one indexing worker: indexes queued uploads, takes trashed ones out, and
    applies corrections and withdrawals, each time holding the index's writer lock. When
    `izde index` holds it, the work waits for the next turn; nothing is dropped."""

    def __init__(self, settings: Settings, interval: float = 1.0) -> None:
        super().__init__(name="izde-indexing", daemon=True)
        # A short wait for the lock: a run from the shell goes first, the worker comes back.
        self.settings = replace(settings, lock_timeout=min(settings.lock_timeout, 1.0))
        self.interval = interval
        self.wake = threading.Event()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                self.step()
            except (IndexLocked, WorkerError) as error:
                log.info("indexing waits: %s", error)
            except Exception:  # the worker outlives any one failure; the next turn retries
                log.exception("indexing worker")
            self.wake.wait(self.interval)
            self.wake.clear()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        self.join()

    def step(self) -> None:
        """One turn: the waiting uploads, else the queued corrections."""
        store = Store(self.settings.index_dir)
        waiting = store.waiting_uploads()
        if waiting:
            self.index_uploads(store, waiting)
        elif store.pending()[1]:
            Indexer(self.settings).refresh()

    def index_uploads(self, store: Store, rows: Iterable) -> None:
        rows = list(rows)
        for row in rows:
            if row["status"] == "queued":
                store.set_upload(row["n"], status="indexing")
        scopes = [
            Scope(canonical(row["root"]), canonical(_inside(Path(row["root"]), row["path"])))
            for row in rows
        ]
        try:
            report = Indexer(self.settings).run(scopes)
        except BaseException:
            for row in rows:
                if row["status"] != "trashing":
                    store.set_upload(row["n"], status="queued")
            raise
        failed = dict(report.failed) | dict(report.still_failing)
        for row in rows:
            if row["status"] == "trashing":
                store.set_upload(row["n"], status="trash")
            elif row["path"] in failed:
                store.set_upload(row["n"], status="failed", reason=failed[row["path"]])
            else:
                name = source_name(self.settings.index_dir, Path(row["root"]))
                store.set_upload(row["n"], status="searchable", doc_id=f"{name}/{row['path']}")
