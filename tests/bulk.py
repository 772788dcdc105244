"""Many small reports, and `izde` in a child process: for the crash and concurrency tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import REPORTS, ROOT

TEXTS = sorted(REPORTS.items())


def code_word(number: int) -> str:
    """A made-up word that only report `number` contains: "qzab" for 1."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = "abcdefghijklmnopqrstuvwxyz"[digit] + letters
        if not number:
            return "qz" + letters


def write_many(folder: Path, count: int, start: int = 0, marker: str = "") -> list[Path]:
    """Reports `start`…`start+count-1`: the sample reports in turn, each with its code word and
    `marker` (a word a later generation of the folder adds) in a last paragraph."""
    paths = []
    for number in range(start, start + count):
        name, text = TEXTS[number % len(TEXTS)]
        path = folder / f"{number:04d}-{Path(name).name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{text}\n\nReport {code_word(number)} {marker}".strip(), "utf-8")
        paths.append(path)
    return paths


class Izde:
    """`izde ARGS…` running in a child process (`python -m search`), extra environment variables
    set; its output goes to files `log`.out and `log`.err, so that it never blocks on a pipe."""

    def __init__(self, log: Path, *args: str | Path, **env: str) -> None:
        self.log = log
        with log.with_suffix(".out").open("wb") as out, log.with_suffix(".err").open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "search", *map(str, args)],
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=out,
                stderr=err,
            )

    def finish(self, timeout: float = 120) -> tuple[int, str, str]:
        """Wait for the run; its exit code, standard output and error output."""
        code = self.process.wait(timeout)
        out, err = (self.log.with_suffix(suffix).read_bytes() for suffix in (".out", ".err"))
        return code, out.decode("utf-8"), err.decode("utf-8")

    def kill(self) -> None:
        """SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up either way."""
        self.process.kill()
        self.process.wait()
