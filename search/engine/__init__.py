"""The seam between Izde and the search engine that holds its index.

Izde analyses text, decides what to index and what a query means; an engine stores the
documents and finds them. Each engine is a package here that exposes `Engine`, a class
implementing the protocols of this package's modules (writing.py for the indexer, reading.py
for searches; tree.py is the query it is given); `engine()` finds it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path
from typing import Protocol

from search.engine.reading import Index, QueryParser
from search.engine.writing import WritingEngine


class Engine(WritingEngine, Protocol):
    """An engine: what the indexer writes with, and what searches read."""

    # The parser of the query language, producing the tree this engine runs.
    parser: type[QueryParser]

    def index(self, index_dir: Path) -> Index:
        """The index in `index_dir`, for opening its versions."""
        ...


@cache
def engine() -> Engine:
    """The engine of this installation: the one engine package in search/engine/."""
    packages = [module.name for module in pkgutil.iter_modules(__path__) if module.ispkg]
    if len(packages) != 1:
        raise RuntimeError(f"expected one engine package in {__path__[0]}, found {packages}")
    engine_class: type[Engine] = importlib.import_module(f"{__name__}.{packages[0]}").Engine
    return engine_class()
