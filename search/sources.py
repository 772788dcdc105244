"""Where documents come from: source folders, the files found in them, and their ids.

A source is a folder registered by indexing it; its name is the first part of its documents'
ids ("source name/path inside it"). A run names paths on the command line; each is a scope of
a source (the source itself, or a folder or file in it), and only documents in scope are
updated or removed.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from search.engine import engine
from search.extract import SUPPORTED_SUFFIXES
from search.generations import IndexMissing, live_generation


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
        return printable(str(self.path))


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
    return printable(relative)


def printable(name: str) -> str:
    """A file name as one line of valid Unicode: bytes that are not UTF-8 (a name from an old
    Windows archive) and control characters become \\xNN, which an index can hold and a
    terminal can print."""
    text = os.fsencode(name).decode("utf-8", errors="backslashreplace")
    return _UNPRINTABLE.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def known_documents(generation: Path) -> dict[str, dict]:
    """What the index holds of each file, by document id, from the state field (no stored
    text read); an index from before sources were registered gets them worked out."""
    entries = []
    with engine().read(generation) as stored:
        for docnum, state in stored.states():
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
            name = names.setdefault(entry["root"], new_name(Path(entry["root"]), names))
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
    known = known_documents(index_dir / live_generation(index_dir))
    counts = Counter(entry["root"] for entry in known.values())
    names = source_names(known)
    return sorted(
        (Source(names[root], root, count) for root, count in counts.items()),
        key=lambda source: source.name,
    )


def source_name(index_dir: Path, root: Path) -> str:
    """The name of the source `root` in the live index, or the name it will get when first
    indexed; read from one document of each source, not from all."""
    names: dict[str, str] = {}
    try:
        with engine().read_live(index_dir) as stored:
            for value in stored.values("root"):
                fields = stored.first(root=value)
                if fields:
                    names[str(fields["root"])] = str(fields["id"]).split("/", 1)[0]
    except IndexMissing:
        return new_name(root, {})
    return names.get(str(root)) or new_name(root, names)


def source_names(known: dict[str, dict]) -> dict[str, str]:
    """Each registered root's name, the first part of its documents' ids."""
    return {entry["root"]: entry["id"].split("/", 1)[0] for entry in known.values()}


def new_name(root: Path, names: dict[str, str]) -> str:
    """A name for a new source: its folder's name, numbered when another source has it."""
    base = printable(root.name).replace("/", "_") or "source"
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


def in_any(stored: dict, scopes: list[Scope]) -> bool:
    """Whether an indexed document is in one of a run's scopes: only those are updated."""
    return any(scope.covers(stored["root"], stored["source"]) for scope in scopes)


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
        if doc_id in listed or not in_any(stored, scopes):
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
