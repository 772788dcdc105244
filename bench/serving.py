"""`izde serve` for the HTTP benchmarks, run from this tree or from another Izde source tree
(`--code`: a checkout of an older commit, for before/after figures), and clients that time it.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from common import BENCH, percentiles

HERE = BENCH.parent


def izde_command(code: Path | None) -> tuple[list[str], dict[str, str]]:
    """The command that runs `izde` from `code` (default: this tree), and its environment."""
    tree = (code or HERE).resolve()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return [sys.executable, "-c", "from search.cli import main; main()"], env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served(NamedTuple):
    port: int
    pid: int


@contextmanager
def izde_server(index_dir: Path, code: Path | None = None, *options: str) -> Iterator[Served]:
    """An `izde serve` process (with `options`) on a free loopback port, answering; yields its
    port and process id."""
    port = free_port()
    command, env = izde_command(code)
    process = subprocess.Popen(
        [*command, "serve", "--index", str(index_dir), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=code or HERE,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if get(http.client.HTTPConnection("127.0.0.1", port), "/api/health")[0] == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("izde serve did not start") from None
                time.sleep(0.2)
        yield Served(port, process.pid)
    finally:
        process.terminate()
        process.wait(30)


def get(connection: http.client.HTTPConnection, url: str) -> tuple[int, bytes]:
    connection.request("GET", url)
    response = connection.getresponse()
    return response.status, response.read()


class Clients:
    """Threads that each send URLs over one keep-alive connection until stopped, timing each
    answer."""

    def __init__(self, port: int, count: int, next_url: Callable[[int], str]) -> None:
        self.port = port
        self.next_url = next_url
        self.times: list[float] = []
        self.statuses: dict[int, int] = {}
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,)) for i in range(count)]

    def _run(self, number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        i = number
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                status, _ = get(connection, self.next_url(i))
            except OSError:
                status = 0
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            elapsed = time.perf_counter() - started
            if not self._stop.is_set() or status:
                self.times.append(elapsed)
                self.statuses[status] = self.statuses.get(status, 0) + 1
            i += len(self._threads)

    def __enter__(self) -> Clients:
        self.started = time.perf_counter()
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()
        self.elapsed = time.perf_counter() - self.started

    # The columns `figures` fills, after a row's label.
    COLUMNS = ("answers", "answers/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "statuses")

    def figures(self) -> list[object]:
        """Answers, answers/s, p50, p95, p99 and max in ms, and the statuses."""
        p50, p95, p99 = (t * 1000 for t in percentiles(self.times or [0.0]))
        statuses = ", ".join(
            f"{code or 'failed'}: {n}" for code, n in sorted(self.statuses.items())
        )
        return [
            len(self.times),
            len(self.times) / self.elapsed,
            p50,
            p95,
            p99,
            max(self.times or [0.0]) * 1000,
            statuses,
        ]
