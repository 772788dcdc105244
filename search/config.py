"""Izde's settings in one place: from arguments, else the environment, else defaults."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path


def default_index_dir() -> Path:
    """`$IZDE_INDEX`, else `./index` — the same rule for every command."""
    return Path(os.environ.get("IZDE_INDEX") or "index")


def bundled_corpus() -> Path:
    """The sample `corpus/` beside the package in a clone: what `izde serve` indexes first."""
    return Path(__file__).resolve().parents[1] / "corpus"


def _cpu_count() -> int:
    return os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    """Tunables of indexing and search; tests pass their own instance, never patch globals."""

    index_dir: Path
    # Documents per commit: a crash loses at most one batch of work.
    batch_size: int = 200
    # How long a second indexing run waits for the writer lock before giving up.
    lock_timeout: float = 10.0
    # Extraction worker processes: files are read in parallel, each isolated from the indexer.
    workers: int = field(default_factory=_cpu_count)
    # Seconds a worker may go without progress (a PDF page read, a page OCR'd) before it is
    # killed and its file reported as timed out; a long scanned report keeps making progress.
    extract_timeout: float = 60.0
    # Address space of a worker, in MB (POSIX only; Windows has no such limit): a parser that
    # blows up on a file fails that file instead of exhausting the server.
    extract_memory_mb: int = 1024
    # Files larger than this are reported unread: more than any report, and cheap to refuse.
    max_file_mb: int = 200
    # Text kept per document: about 2,500 pages, more than any report, yet a 50 MB text dump
    # indexes in seconds and stores a bounded copy.
    max_text_chars: int = 5_000_000
    # Tesseract languages for scanned pages, in its "+" syntax; those not installed are skipped.
    ocr_languages: str = "kaz+rus+eng"
    # Title matches count this much more than body matches (BM25F field boost).
    title_boost: float = 3.0
    # Characters of context in a result snippet.
    snippet_chars: int = 240
    # Longest query accepted, in characters.
    max_query_chars: int = 1000

    @classmethod
    def from_env(cls, index_dir: Path | str | None = None) -> Settings:
        """Settings for a command: `index_dir` if given, else `$IZDE_INDEX`; `$IZDE_<FIELD>` for
        the tunables in ENVIRONMENT. Raises ValueError naming the variable for a bad value."""
        overrides: dict[str, object] = {}
        for name, (field_name, parse) in ENVIRONMENT.items():
            value = os.environ.get(name)
            if value is None or not value.strip():
                continue
            try:
                overrides[field_name] = parse(value)
            except ValueError:
                raise ValueError(f"{name}={value!r} is not valid: {_EXPECTED[parse]}") from None
        return cls(index_dir=Path(index_dir) if index_dir else default_index_dir(), **overrides)


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def _seconds(value: str) -> float:
    number = float(value)
    if not number >= 0:  # also refuses NaN
        raise ValueError(value)
    return number


def _languages(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_]+(?:\+[A-Za-z_]+)*", value.strip()):
        raise ValueError(value)
    return value.strip()


_EXPECTED = {
    _positive_int: "expected a whole number of 1 or more",
    _seconds: "expected a number of seconds, 0 or more",
    _languages: "expected Tesseract language codes joined by +, e.g. kaz+rus+eng",
}
# Environment variable -> (Settings field, parser).
ENVIRONMENT = {
    "IZDE_LOCK_TIMEOUT": ("lock_timeout", _seconds),
    "IZDE_BATCH_SIZE": ("batch_size", _positive_int),
    "IZDE_WORKERS": ("workers", _positive_int),
    "IZDE_EXTRACT_TIMEOUT": ("extract_timeout", _seconds),
    "IZDE_EXTRACT_MEMORY_MB": ("extract_memory_mb", _positive_int),
    "IZDE_MAX_FILE_MB": ("max_file_mb", _positive_int),
    "IZDE_MAX_TEXT_CHARS": ("max_text_chars", _positive_int),
    "IZDE_OCR_LANGUAGES": ("ocr_languages", _languages),
}
