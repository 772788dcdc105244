"""Izde's settings in one place: from arguments, else the environment, else defaults."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


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
    # Documents per commit at most: a crash loses at most one batch of work. A run's first
    # batch holds 200 and each later one up to twice the one before, while its postings take
    # less than about 20 MB (BatchSizes in the engine's writer).
    batch_size: int = 1600
    # How long a second indexing run waits for the writer lock before giving up.
    lock_timeout: float = 10.0
    # Extraction worker processes: files are read in parallel, each isolated from the indexer.
    workers: int = field(default_factory=_cpu_count)
    # Seconds a worker may go without progress (a PDF page read, a page OCR'd) before it is
    # killed and its file reported as timed out; a long scanned report keeps making progress.
    extract_timeout: float = 60.0
    # Address space of a worker, in MB (enforced on Linux; elsewhere workers run without it): a
    # parser that blows up on a file fails that file instead of exhausting the server.
    extract_memory_mb: int = 1024
    # Files larger than this are reported unread: more than any report, and cheap to refuse.
    max_file_mb: int = 200
    # Text kept per document: about 1,000 pages, more than any report, yet a 50 MB text dump
    # is read in seconds and stores a bounded copy.
    max_text_chars: int = 2_000_000
    # Tesseract languages for scanned pages, in its "+" syntax; those not installed are skipped.
    # English first: Kazakh or Russian first reads short English words as Cyrillic look-alikes
    # ("Phone" as «Рһопе»), while Kazakh and Russian scans read the same either way.
    ocr_languages: str = "eng+kaz+rus"
    # Title matches count this much more than body matches (BM25F field boost). 1, not more:
    # passages of one article share its title, so a heavier title lifts every passage of the
    # article above a better one elsewhere (bench/eval_quality.py: KazQAD ×1.008 → ×1.110 over
    # raw BM25 going from 3 to 1, the visible set no worse).
    title_boost: float = 1.0
    # Weight of a word's other-script spellings («Торайгыров» for "Toraigyrov") and of its
    # thesaurus synonyms in its own language («незрячий» for «слепой») against the word as
    # typed: below 1, so that among reports with the same words the typed ones rank first.
    cross_script_boost: float = 0.5
    expansion_boost: float = 0.3
    # Weight of a word's translations into the other languages («тәлімгерлік», "mentoring" for
    # «наставничество»), each looked for in its own language's text. The tiers already put
    # reports with the words in their own forms first; among partial matches a translation
    # says as much as the word, and at 0.3 a same-language report with a common word of the
    # query outranked the other-language one with the query's rarest words (bench/dev3:
    # cross-lingual 0.796 → 0.876, Russian morphology 0.906 → 0.858; KazQAD unchanged).
    translation_boost: float = 1.0
    # Characters of context in a result snippet.
    snippet_chars: int = 240
    # Longest query accepted, in characters.
    max_query_chars: int = 1000
    # The website: searching only for signed-in staff (`izde serve --private`), and the folder
    # where uploaded originals are kept, by year (`--uploads`), registered as a source.
    private: bool = False
    uploads_dir: Path = Path("uploads")
    # Failed sign-ins allowed from one address, or for one name, per window of seconds.
    login_attempts: int = 5
    login_window: float = 300.0
    # The cost budget of one search (see search.budget): terms one prefix or range may stand
    # for, and all of a query's together; posting lists one pass may read (ten plain searches'
    # worth: a plain search of two or three words reads 20 to 40, its words' keys in four
    # fields and scripts, and their translations); seconds a search may run before it returns
    # what it found so far.
    # (All of a query's prefixes and ranges together stand for fewer terms than a pass may
    # read, so that a query of many prefixes is told about its prefixes.)
    max_expansion_terms: int = 200
    max_expansion_total: int = 250
    max_query_terms: int = 300
    # Words a query may have: each is analysed in every field and looked up in the thesaurus
    # before any posting is read (a 1,000-character query of 130 words took 0.4 s to parse).
    max_query_words: int = 64
    search_seconds: float = 2.0
    # Expensive searches (reading five plain searches' posting lists or more: many words or
    # broad prefixes) each client may run at once, and all clients together: broad queries
    # never hold every server thread.
    expensive_per_client: int = 1
    expensive_total: int = 2
    # Serving (`izde serve`): the address readers reach the site at (links, the OpenSearch
    # description and redirects use it, and other hosts are refused), and whether a proxy in
    # front is trusted to say the client's address, scheme and host (X-Forwarded-*).
    public_url: str | None = None
    trusted_proxy: bool = False
    # waitress: threads that answer requests (a search holds one for 10–100 ms, and numpy
    # releases the GIL for part of it); connections it keeps open at once (each idle one
    # costs a socket and a few KB: waitress's own 100 let 100 half-open connections stop the
    # site); seconds a connection may stay silent before it is closed (waitress: 120).
    threads: int = 6
    connection_limit: int = 1000
    channel_timeout: float = 30.0

    @classmethod
    def from_env(cls, index_dir: Path | str | None = None) -> Settings:
        """Settings for a command: `index_dir` if given, else `$IZDE_INDEX`; the variables of
        ENVIRONMENT for the tunables. Raises ValueError naming the variable for a bad value."""
        overrides: dict[str, Any] = {}  # each value parsed to its field's type
        for name, (field_name, parse) in ENVIRONMENT.items():
            value = os.environ.get(name, "").strip()
            if value:
                try:
                    overrides[field_name] = parse(value)
                except ValueError as error:
                    raise ValueError(f"{name}={value!r}: expected {error}") from None
        return cls(index_dir=Path(index_dir) if index_dir else default_index_dir(), **overrides)


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValueError("a whole number, 1 or more")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1
    if not 0 <= seconds < float("inf"):
        raise ValueError("a number of seconds, 0 or more")
    return seconds


def _positive_seconds(value: str) -> float:
    if _seconds(value) == 0:
        raise ValueError("a number of seconds above 0")
    return float(value)


def _public_url(value: str) -> str:
    if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
        raise ValueError("an address such as https://search.example.kz/")
    return value


def _flag(value: str) -> bool:
    if value.lower() not in ("0", "1", "true", "false", "yes", "no"):
        raise ValueError("1 or 0")
    return value.lower() in ("1", "true", "yes")


def _languages(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z_]+(?:\+[A-Za-z_]+)*", value):
        raise ValueError("Tesseract language codes joined by +, such as kaz+rus+eng")
    return value


# Environment variable -> (Settings field, parser of its value).
ENVIRONMENT: dict[str, tuple[str, Callable[[str], object]]] = {
    "IZDE_LOCK_TIMEOUT": ("lock_timeout", _seconds),
    "IZDE_BATCH_SIZE": ("batch_size", _positive_int),
    "IZDE_WORKERS": ("workers", _positive_int),
    "IZDE_EXTRACT_TIMEOUT": ("extract_timeout", _positive_seconds),
    "IZDE_EXTRACT_MEMORY_MB": ("extract_memory_mb", _positive_int),
    "IZDE_MAX_FILE_MB": ("max_file_mb", _positive_int),
    "IZDE_MAX_TEXT_CHARS": ("max_text_chars", _positive_int),
    "IZDE_OCR_LANGUAGES": ("ocr_languages", _languages),
    "IZDE_SEARCH_SECONDS": ("search_seconds", _positive_seconds),
    "IZDE_PUBLIC_URL": ("public_url", _public_url),
    "IZDE_TRUSTED_PROXY": ("trusted_proxy", _flag),
    "IZDE_THREADS": ("threads", _positive_int),
    "IZDE_CONNECTION_LIMIT": ("connection_limit", _positive_int),
    "IZDE_CHANNEL_TIMEOUT": ("channel_timeout", _positive_seconds),
}
