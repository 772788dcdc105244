"""Izde's settings in one place: from arguments, else the environment, else defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def default_index_dir() -> Path:
    """`$IZDE_INDEX`, else `./index` — the same rule for every command."""
    return Path(os.environ.get("IZDE_INDEX") or "index")


@dataclass(frozen=True)
class Settings:
    """Tunables of indexing and search; tests pass their own instance, never patch globals."""

    index_dir: Path
    # Documents per commit: a crash loses at most one batch of work.
    batch_size: int = 200
    # How long a second indexing run waits for the writer lock before giving up.
    lock_timeout: float = 10.0
    # Title matches count this much more than body matches (BM25F field boost).
    title_boost: float = 3.0
    # Characters of context in a result snippet.
    snippet_chars: int = 240
    # Longest query accepted, in characters.
    max_query_chars: int = 1000

    @classmethod
    def from_env(cls, index_dir: Path | str | None = None) -> Settings:
        """Settings for a command: `index_dir` if given, `$IZDE_INDEX` and `$IZDE_LOCK_TIMEOUT`."""
        overrides: dict[str, float] = {}
        if timeout := os.environ.get("IZDE_LOCK_TIMEOUT"):
            overrides["lock_timeout"] = float(timeout)
        return cls(index_dir=Path(index_dir) if index_dir else default_index_dir(), **overrides)
