"""OCR for PDF pages without a usable text layer: poppler's `pdftoppm` renders the page and
Tesseract reads it.

Both are external programs (Debian: poppler-utils, tesseract-ocr and tesseract-ocr-kaz, -rus,
-eng), looked up once per indexing run; without them a scanned PDF is reported, not indexed.
They run as child processes of the extraction worker, so they inherit its memory cap, and each
run has its own time limit, shorter than the worker's.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

# Tesseract's models are trained on scans of about 300 dpi; small print suffers below that.
DPI = 300
# A page that would exceed this many pixels at DPI (anything beyond A2) is rendered at a lower
# resolution; one that would need less than MIN_DPI (a 35000 px poster page) is not read at all.
MAX_PIXELS = 40_000_000
MIN_DPI = 100

# Reads the page at `number` (1-based) of a given size in points; raises OcrError.
PageReader = Callable[[int, float, float], str]


class OcrError(Exception):
    """A page that OCR could not read; the message is a one-line reason."""


@dataclass(frozen=True)
class Ocr:
    """The OCR programs of this machine and the languages to read."""

    tesseract: str
    pdftoppm: str
    languages: str
    # Seconds each program run may take.
    timeout: float

    @classmethod
    def find(cls, languages: str, timeout: float) -> Ocr | None:
        """The installed programs and the wanted languages Tesseract has, or None without them."""
        tesseract, pdftoppm = shutil.which("tesseract"), shutil.which("pdftoppm")
        if not (tesseract and pdftoppm):
            return None
        try:
            listed = subprocess.run(
                [tesseract, "--list-langs"],
                capture_output=True,
                text=True,
                timeout=30,
                stdin=subprocess.DEVNULL,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        # The first line is a header: 'List of available languages in "…" (4):'.
        installed = {line.strip() for line in listed.splitlines()[1:]}
        wanted = [code for code in languages.split("+") if code in installed]
        return cls(tesseract, pdftoppm, "+".join(wanted), timeout) if wanted else None

    @contextmanager
    def open(self, data: bytes) -> Iterator[PageReader]:
        """A reader of the pages of the PDF `data`, which the programs get as a temporary file."""
        with tempfile.TemporaryDirectory(prefix="izde-ocr-") as folder:
            pdf = Path(folder, "document.pdf")
            pdf.write_bytes(data)
            yield partial(self._read_page, pdf)

    def _read_page(self, pdf: Path, number: int, width: float, height: float) -> str:
        dpi = _resolution(width, height)
        image = pdf.with_name(f"page-{number}")
        page = str(number)
        render = [self.pdftoppm, "-f", page, "-l", page, "-r", str(dpi), "-gray", "-singlefile"]
        self._run("pdftoppm", [*render, str(pdf), str(image)])
        # Uncompressed greyscale (PGM): PNG compression would take longer than the rendering.
        image = image.with_suffix(".pgm")
        try:
            text = self._run(
                "tesseract",
                [self.tesseract, str(image), "stdout", "-l", self.languages, "--dpi", str(dpi)],
            )
        finally:
            image.unlink(missing_ok=True)
        return text.decode("utf-8", errors="replace")

    def _run(self, name: str, args: list[str]) -> bytes:
        # Tesseract's OpenMP threads make it several times slower, not faster, on a busy machine;
        # the workers already read files in parallel.
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(
                args, capture_output=True, timeout=self.timeout, env=env, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise OcrError(f"{name} timed out after {self.timeout:g} s") from None
        except OSError as error:
            raise OcrError(f"{name} cannot run: {error.strerror or error}") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
            detail = message[-1] if message else f"exit code {done.returncode}"
            raise OcrError(f"{name} failed: {detail[:120]}")
        return done.stdout


def _resolution(width: float, height: float) -> int:
    """The dpi to render a page of `width` × `height` points at: DPI, less for a large page."""
    square_inches = (width / 72) * (height / 72)
    if square_inches <= 0:
        raise OcrError("empty page, nothing to OCR")
    dpi = min(DPI, math.floor(math.sqrt(MAX_PIXELS / square_inches)))
    if dpi < MIN_DPI:
        raise OcrError(f"page too large to OCR ({width:.0f}×{height:.0f} pt)")
    return dpi
