"""Generations of an index, the file naming the live one, and the writer lock.

An index directory holds numbered generations (`gen-000001/`, each a complete index in some
engine's files) and a `CURRENT` file naming the live one. An incremental run updates the live
generation in committed batches; `--rebuild` builds a new generation beside it and switches
`CURRENT` with one atomic rename, so a reader always opens a complete index and notices a newer
one by re-reading `CURRENT`. What this module does with them (folders, `CURRENT`, the META file
and the lock) is the same whatever engine writes the files inside a generation.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from search.analysis import KEYS_VERSION

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


class IndexMissing(Exception):
    """No index has been built in the directory yet."""


class IndexUnreadable(Exception):
    """A generation's files cannot be opened as an index (damaged, or not the engine's)."""


class IndexLocked(Exception):
    """Another indexing run holds the writer lock."""


def current_generation(index_dir: Path) -> str | None:
    """Name of the live generation, or None when the directory holds no index."""
    try:
        name = (index_dir / CURRENT).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    return name if (index_dir / name).is_dir() else None


def live_generation(index_dir: Path) -> str:
    """Name of the live generation; IndexMissing when none has been built."""
    live = current_generation(index_dir)
    if live is None:
        raise IndexMissing(f"no index in {index_dir} — run `izde index PATH` first")
    return live


@contextmanager
def writer_lock(index_dir: Path, timeout: float) -> Iterator[None]:
    """Hold the index's writer lock; wait up to `timeout` seconds for another run to finish.

    The lock is an operating-system file lock, which is released when its holder dies, so a
    crashed run never leaves the index locked.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    while (fd := _try_lock(index_dir / LOCK)) is None:
        if time.monotonic() >= deadline:
            raise IndexLocked(
                f"another indexing run holds the lock on {index_dir}; "
                "wait for it to finish, then run again"
            )
        time.sleep(0.2)
    try:
        yield
    finally:
        _unlock(fd)


def _try_lock(path: Path) -> int | None:
    """The open lock file, locked; None when another process holds the lock."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            return None
        raise
    return fd


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def new_generation(index_dir: Path, create: Callable[[Path], Mapping[str, object]]) -> str:
    """Make the next generation's folder, have the engine `create` an empty index in it, and
    record in its META file the versions it is written with (search keys, ids, and what
    `create` returns about the engine's format)."""
    numbers = [int(p.name[4:]) for p in index_dir.glob("gen-*") if p.name[4:].isdigit()]
    name = f"gen-{max(numbers, default=0) + 1:06d}"
    path = index_dir / name
    path.mkdir()
    meta = {"keys": KEYS_VERSION, "ids": IDS_VERSION, **create(path)}
    (path / META).write_text(json.dumps(meta) + "\n", encoding="ascii")
    return name


def written_as(generation: Path, recorded: Mapping[str, object]) -> bool:
    """Whether a generation was written with this version's search keys and ids, and with
    the engine format `recorded` (as its `create` returned it)."""
    try:
        meta = json.loads((generation / META).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False
    wanted = {"keys": KEYS_VERSION, "ids": IDS_VERSION, **recorded}
    return all(meta.get(key) == value for key, value in wanted.items())


def switch_to(index_dir: Path, generation: str) -> None:
    """Point CURRENT at `generation` atomically, then delete older generations."""
    tmp = index_dir / f"{CURRENT}.tmp"
    tmp.write_text(generation + "\n", encoding="ascii")
    os.replace(tmp, index_dir / CURRENT)
    if any(old.name != generation for old in index_dir.glob("gen-*")):
        time.sleep(SWITCH_GRACE)
        delete_generations(index_dir, keep=generation)


def delete_generations(index_dir: Path, keep: str | None) -> None:
    """Delete every generation but `keep`: left by a run that was killed, or kept open by a
    reader when it was replaced."""
    for old in index_dir.glob("gen-*"):
        if old.name != keep:
            # A reader may still have old files open (Windows refuses to delete them);
            # whatever stays is removed by a later run.
            shutil.rmtree(old, ignore_errors=True)
