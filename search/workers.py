"""Extraction in worker processes, so that no file can hang, crash or exhaust the indexer.

A library's folder holds scans, truncated uploads, zip bombs and files that send a parser into
an endless loop or a segfault. Each file is therefore read in a worker process: one that shows
no progress for `extract_timeout` seconds is killed, one that dies is replaced, and on Linux its
address space is capped at `extract_memory_mb`, so a blow-up is a MemoryError. Each outcome is a
one-line reason for that file, and the run goes on.

The workers read files in parallel; the indexer, the index's only writer, gets the documents in
the order it asked for them. Where the system has a fork server (Linux, macOS), workers are
forked from it: it imports the extractors, the analysis and the engine once per indexing
process, and a worker then starts in milliseconds instead of importing them again (about 0.4 s
of CPU each; an upload or a test starts workers again and again). Windows starts each worker
with "spawn". Either way a worker is a fresh process that shares nothing with the indexer but
what it is sent, and it reads one batch of files after another. A batch of small files is one
message each way: with a message per file, the indexer's process spent more on the hand-off (a
system call and the GIL taken back from the commit thread, each time) than on a short report's
writing. A worker notes in shared memory which file of its batch it is reading, so a crash or a
timeout still fails that file alone; the others of the batch are read again.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

from search import language
from search.config import Settings
from search.engine import engine
from search.extract import MODULES as extract_modules
from search.extract import extract
from search.extract.base import Document, ExtractionError
from search.extract.clean import short_reason
from search.extract.ocr import Ocr

# Seconds between two signs of life from a busy worker: often enough for any time limit that
# makes sense, rarely enough to cost nothing.
HEARTBEAT = 0.5
# Seconds a new worker may take to import the extractors before the run gives up on workers.
STARTUP_TIMEOUT = 60.0
# Seconds a worker gets to exit after the last file before it is killed.
EXIT_TIMEOUT = 5.0
# A batch: at most this many files, of at most this many bytes together (a larger file goes
# alone), and no more than an equal share of the files left, so that every worker has some.
BATCH_FILES = 16
BATCH_BYTES = 1_000_000
# Characters of text a worker gathers before it sends what it has of its batch.
PART_CHARS = 1_000_000
# A worker can cost more to start than a short text costs to read (about half a second of CPU
# where it is spawned, on Windows; far less forked from the fork server), so another one is
# started only for work that would keep it busy: a batch's worth of files
# waiting, or a batch that has kept every worker without an answer for GROW_AFTER seconds.
GROW_AFTER = 0.5

_READY = "ready"
_ALIVE = "alive"


@dataclass(frozen=True)
class Job:
    """What a worker needs to read any file, besides its path."""

    ocr: Ocr | None
    max_chars: int


class Extracted(NamedTuple):
    """The outcome for one file: its document, or the one-line reason why there is none."""

    doc: Document | None
    reason: str = ""


# Reads one file: path, job, and a callback to call now and then as a sign of life.
Task = Callable[[Path, Job, Callable[[], None]], Document]


def read_document(path: Path, job: Job, progress: Callable[[], None]) -> Document:
    """Extract a file and detect its languages: everything indexing needs from the file."""
    doc = extract(path, ocr=job.ocr, max_chars=job.max_chars, progress=progress)
    language.annotate(doc)
    return doc


def make_job(settings: Settings) -> Job:
    """The job of a run: OCR if installed (looked up once per run) and the text limit."""
    # An OCR program that hangs is stopped before its worker would be killed as silent.
    ocr = Ocr.find(settings.ocr_languages, timeout=0.8 * settings.extract_timeout)
    return Job(ocr=ocr, max_chars=settings.max_text_chars)


class WorkerError(RuntimeError):
    """Workers cannot start at all (a broken installation or too low a memory cap)."""


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    reading: Synchronized  # which file of its batch it is reading, as the worker notes it
    ready: bool = False
    batch: list[tuple[int, Path]] = field(default_factory=list)  # (index, path) of its files
    answered: int = 0  # how many of them it has sent the outcomes of
    deadline: float = float("inf")
    heard: float = 0.0  # when it was sent its batch or last answered


class ExtractionPool:
    """Worker processes that read files in parallel, each under a time limit and a memory cap.

    Use as a context manager: leaving it stops the workers. They start on first use, so a run
    with nothing to read starts none, and does not look for OCR programs either.
    """

    def __init__(
        self, settings: Settings, job: Job | None = None, task: Task = read_document
    ) -> None:
        self.settings = settings
        self.size = settings.workers
        self.timeout = settings.extract_timeout
        self.memory_mb = settings.extract_memory_mb
        self.job = job
        self.task = task
        self._context = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(wait=kind is None)

    def map(self, paths: Sequence[Path], sizes: Sequence[int] | None = None) -> Iterator[Extracted]:
        """Read `paths` (of `sizes` bytes, when known); yield each outcome in the order of
        `paths`."""
        queue = deque(enumerate(paths))
        done: dict[int, Extracted] = {}
        # Outcomes held back while an earlier file is still being read: bounded, since each can
        # carry up to `max_chars` of text.
        window = 4 * self.size * BATCH_FILES
        following = 0  # index of the next outcome to yield
        while following < len(paths):
            if following in done:
                yield done.pop(following)
                following += 1
                continue
            while queue and queue[0][0] < following + window and (worker := self._idle(len(queue))):
                worker.batch, worker.answered = self._batch(queue, sizes), 0
                worker.reading.value = 0
                # A worker that died before it was sent anything (it could not even start) is
                # found dead by _collect, like one that died reading: its batch goes back.
                with suppress(OSError):
                    worker.conn.send([path for _, path in worker.batch])
                worker.heard = time.monotonic()
                worker.deadline = worker.heard + (self.timeout if worker.ready else STARTUP_TIMEOUT)
            grow = bool(queue) and queue[0][0] < following + window
            self._collect(done, queue, grow=grow and len(self._workers) < self.size)

    def _batch(
        self, queue: deque[tuple[int, Path]], sizes: Sequence[int] | None
    ) -> list[tuple[int, Path]]:
        """The next files to send a worker (see BATCH_FILES)."""
        count = min(BATCH_FILES, max(1, len(queue) // self.size))
        batch = [queue.popleft()]
        total = sizes[batch[0][0]] if sizes else 0
        while queue and len(batch) < count:
            size = sizes[queue[0][0]] if sizes else 0
            if total + size > BATCH_BYTES:
                break
            batch.append(queue.popleft())
            total += size
        return batch

    def close(self, wait: bool = True) -> None:
        """Stop the workers: politely after a run, at once after an error or interruption."""
        for worker in self._workers:
            if wait and worker.process.is_alive():
                with suppress(OSError):  # it is exiting anyway
                    worker.conn.send(None)
        deadline = time.monotonic() + (EXIT_TIMEOUT if wait else 0)
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                _kill(worker)
            worker.conn.close()
        self._workers = []

    def _idle(self, waiting: int) -> _Worker | None:
        """A worker without a batch, or a new one if `waiting` files call for it; None if all
        are busy."""
        for worker in self._workers:
            if not worker.batch:
                if worker.process.is_alive():
                    return worker
                self._retire(worker)  # it exited between files (after a MemoryError)
                break
        if len(self._workers) < self.size and self._short_handed(waiting):
            return self._start()
        return None

    def _short_handed(self, waiting: int) -> bool:
        """Whether another worker would pay for its start: there is none, a batch's worth of
        files waits, or every worker has been busy without an answer for GROW_AFTER seconds."""
        if not self._workers or waiting >= BATCH_FILES:
            return True
        now = time.monotonic()
        return all(
            worker.ready and worker.batch and now - worker.heard >= GROW_AFTER
            for worker in self._workers
        )

    def _start(self) -> _Worker:
        if self.job is None:
            self.job = make_job(self.settings)
        conn, child = self._context.Pipe()
        reading = self._context.Value("i", 0, lock=False)
        process = self._context.Process(
            target=_serve,
            args=(child, reading, self.task, self.job, self.memory_mb),
            name="izde-extract",
            daemon=True,
        )
        process.start()
        child.close()  # so that the worker's death reads as end of file here
        worker = _Worker(process, conn, reading)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        _kill(worker)
        worker.conn.close()
        self._workers.remove(worker)

    def _collect(
        self, done: dict[int, Extracted], queue: deque[tuple[int, Path]], grow: bool
    ) -> None:
        """Wait for a busy worker to answer, die or run out of time, or, if the pool may `grow`,
        until another worker would be due; record the outcomes, and put back in the queue the
        files of a lost batch that were not to blame."""
        busy = [worker for worker in self._workers if worker.batch]
        deadline = min(worker.deadline for worker in busy)
        if grow and all(worker.ready for worker in busy):
            deadline = min(deadline, max(worker.heard for worker in busy) + GROW_AFTER)
        ready = set(
            wait(
                [worker.conn for worker in busy] + [worker.process.sentinel for worker in busy],
                timeout=max(0.0, deadline - time.monotonic()),
            )
        )
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                self._read(worker, done, queue)
            if worker.batch and time.monotonic() >= worker.deadline:
                if not worker.ready:
                    self.close(wait=False)
                    raise WorkerError(
                        f"an extraction worker did not start within {STARTUP_TIMEOUT:g} s"
                    )
                reason = f"timed out after {self.timeout:g} s without progress"
                self._lose(worker, reason, done, queue)

    def _read(
        self, worker: _Worker, done: dict[int, Extracted], queue: deque[tuple[int, Path]]
    ) -> None:
        """Take a worker's messages; a worker that died with a file in hand crashed on it."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message == _READY:
                    worker.ready = True
                    worker.deadline = time.monotonic() + self.timeout
                elif message == _ALIVE:
                    worker.deadline = time.monotonic() + self.timeout
                else:
                    outcomes, retiring = message
                    for outcome in outcomes:
                        done[worker.batch[worker.answered][0]] = outcome
                        worker.answered += 1
                    worker.heard = time.monotonic()
                    worker.deadline = worker.heard + self.timeout
                    if retiring:
                        # Its heap may be wrecked: the rest of its batch goes to another.
                        queue.extendleft(reversed(worker.batch[worker.answered :]))
                        worker.batch = []
                        self._retire(worker)
                        return
                    if worker.answered == len(worker.batch):
                        worker.batch, worker.deadline = [], float("inf")
                        return
            if worker.process.is_alive():
                return  # signs of life only
        except (EOFError, OSError):
            pass  # the pipe is closed: the worker is gone or going
        _kill(worker)  # reaps it, and kills it should it linger
        death = _death(worker.process.exitcode)
        if not worker.ready:
            self.close(wait=False)
            raise WorkerError(
                f"an extraction worker failed to start ({death}); see the error above"
            )
        self._lose(worker, f"extractor crashed ({death})", done, queue)

    def _lose(
        self,
        worker: _Worker,
        reason: str,
        done: dict[int, Extracted],
        queue: deque[tuple[int, Path]],
    ) -> None:
        """Fail the file a crashed or silent worker was reading, put back the rest of its
        batch (those it read, unsent, are read again), and replace the worker."""
        batch, answered = worker.batch, worker.answered
        at = min(max(worker.reading.value, answered), len(batch) - 1)
        done[batch[at][0]] = Extracted(None, reason)
        queue.extendleft(reversed(batch[answered:at] + batch[at + 1 :]))
        worker.batch = []
        self._retire(worker)


def _death(exitcode: int | None) -> str:
    """How a process ended, for a one-line reason."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"signal {-exitcode} {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


def _kill(worker: _Worker) -> None:
    """Kill a worker and, on POSIX, the OCR programs it started (they share its process group);
    a worker that has exited is only reaped."""
    process = worker.process
    process.join(0.1)
    if process.exitcode is None:
        if os.name == "posix" and process.pid is not None:
            with suppress(OSError):  # it had not made its own group yet
                os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        process.join(EXIT_TIMEOUT)


def _context() -> ForkServerContext | SpawnContext:
    """The fork server where the system has one, with what a worker needs imported; else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Read when the server starts (once per process); later calls change nothing.
    context.set_forkserver_preload(
        ["search.documents", type(engine()).__module__, *extract_modules.values()]
    )
    return context


def _serve(conn: Connection, reading: Synchronized, task: Task, job: Job, memory_mb: int) -> None:
    """A worker's life: read the batches of files the indexer sends until it sends None or
    goes away; note in `reading` which file of the batch is in hand."""
    # Ctrl+C is for the indexer, which stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "setsid"):
        os.setsid()  # a group of its own, so that killing it kills its OCR programs too
    _cap_memory(memory_mb)
    last_sign = 0.0

    def alive() -> None:
        nonlocal last_sign
        if time.monotonic() - last_sign >= HEARTBEAT:
            conn.send(_ALIVE)
            last_sign = time.monotonic()

    try:
        conn.send(_READY)
        while (paths := conn.recv()) is not None:
            outcomes: list[Extracted] = []
            chars = 0
            for number, path in enumerate(paths):
                reading.value = number
                outcome, retiring = _attempt(task, path, job, alive, memory_mb)
                outcomes.append(outcome)
                chars += len(outcome.doc.text) if outcome.doc else 0
                if retiring or chars >= PART_CHARS or number == len(paths) - 1:
                    if not _send(conn, outcomes, retiring, memory_mb):
                        return
                    outcomes, chars = [], 0
                if retiring:
                    return
                alive()
    except (EOFError, OSError):
        return  # the indexer is gone


def _send(conn: Connection, outcomes: list[Extracted], retiring: bool, memory_mb: int) -> bool:
    """Send outcomes read; False when the worker must retire (one was too large to send)."""
    try:
        conn.send((outcomes, retiring))
    except MemoryError:
        for outcome in outcomes:
            try:
                conn.send(([outcome], False))
            except MemoryError:
                conn.send(([Extracted(None, _too_large(memory_mb))], True))
                return False
    return not retiring


def _attempt(
    task: Task, path: Path, job: Job, alive: Callable[[], None], memory_mb: int
) -> tuple[Extracted, bool]:
    """Read one file; the outcome and whether this worker must retire (its heap may be wrecked)."""
    try:
        return Extracted(task(path, job, alive)), False
    except ExtractionError as error:
        return Extracted(None, str(error)), False
    except MemoryError:
        return Extracted(None, _too_large(memory_mb)), True
    except OSError as error:
        return Extracted(None, f"cannot read: {error.strerror or short_reason(error)}"), False
    except Exception as error:  # an extractor's bug must cost one file, not the run
        return Extracted(
            None, f"extractor error: {type(error).__name__}: {short_reason(error)}"
        ), False


def _too_large(memory_mb: int) -> str:
    return f"too large to extract (memory limit {memory_mb} MB)"


def _cap_memory(memory_mb: int) -> None:
    """Limit this process's address space: RLIMIT_AS, which Linux enforces. Windows has no such
    limit and macOS ignores it; there a worker runs without a cap."""
    try:
        import resource
    except ImportError:
        return
    limit = memory_mb * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with suppress(ValueError, OSError):  # a system that refuses it runs without the cap
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
